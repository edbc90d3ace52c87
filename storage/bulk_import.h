// Bulk import of nodes and relationships from CSV files with neo4j-admin import headers.
//
// Headers: `id:ID(Person)`, `:ID`, `:START_ID(Person)`, `:END_ID(Person)`,
// `:LABEL`, `:TYPE`, `name` / `name:string`, `age:int`, `tags:string[]`, and
// `:IGNORE`; types as neo4j-admin names them (int, long, float, double,
// boolean, string, date, datetime, duration, each with [] for arrays; any
// case). Ids are unique within their ID space (Person 0 and Tag 0 are different
// nodes) and resolve against nodes imported into the same space earlier, so
// importing into an existing database works. The whole import is one write
// transaction: it lands whole, or a bad row stops it with "file:line: reason"
// and the database is exactly as before.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "storage/graph.h"
#include "storage/import_encoding.h"

namespace guanxi::storage {

// Files of one group: nodes (label_or_type = extra labels, ':'-separated, may be
// empty) or relationships (label_or_type = the type for rows without a :TYPE column).
// Each file starts with its own header line, unless `header_file` is given
// (neo4j-admin's "header.csv,part1.csv,..."): then the header is that file's
// first line and every file of `files` holds data rows only.
struct ImportGroup {
  std::string label_or_type;
  std::vector<std::filesystem::path> files;
  std::filesystem::path header_file;
};

enum class IdType { kAuto, kInteger, kString };

struct ImportProgress {
  // "nodes" (parsing node files), "relationships" (parsing relationship files), "writing"
  // (records, postings, ID spaces, index entries, adjacency), "done".
  std::string phase;
  std::uint64_t rows = 0;  // rows parsed so far
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;
};

struct ImportOptions {
  char delimiter = ',';
  char array_delimiter = ';';
  char quote = '"';
  // kAuto: a new ID space holds integers when every id given for it in this
  // import parses as an int64, strings otherwise; a space that exists keeps
  // its kind. kInteger / kString force the kind (an id that is not an integer
  // is then an error; a space that exists with the other kind is an error).
  IdType id_type = IdType::kAuto;
  // The encoding of files without a byte-order mark (import_encoding.h).
  TextEncoding encoding = TextEncoding::kUtf8;
  // A nodes file without an :ID column is an error unless this is set: its
  // nodes could not be told apart from the same nodes imported again, and no
  // relationship file could refer to them.
  bool allow_nodes_without_id = false;
  // A node whose id exists already in its ID space (earlier in the import, or
  // in the database) is skipped and counted instead of failing the import;
  // the first one stays.
  bool skip_duplicate_nodes = false;
  // A relationship identical to one in the database or earlier in the import
  // (same start, end, type and properties) is skipped and counted; without
  // this it is imported and counted in ImportReport::duplicate_relationships.
  bool skip_duplicate_relationships = false;
  // Threads parsing each file in parallel chunks (files over 2 MiB without a
  // quote character); 1 parses every file in one piece.
  unsigned threads = 2;
  // Called on the calling thread every ~100k rows parsed and at each phase
  // change.
  std::function<void(const ImportProgress&)> progress;
};

struct ImportReport {
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::map<std::string, std::uint64_t> nodes_by_label;
  std::map<std::string, std::uint64_t> relationships_by_type;
  std::uint64_t skipped_nodes = 0;  // duplicate ids skipped (skip_duplicate_nodes)
  // Relationships identical to one in the database or earlier in the import:
  // imported anyway (duplicate_relationships) or skipped
  // (skipped_relationships, with skip_duplicate_relationships).
  std::uint64_t duplicate_relationships = 0;
  std::uint64_t skipped_relationships = 0;
  // The indexes the import created so that nodes can be found by their id:
  // one on (label, id property) for each label a nodes group gives its
  // files, when no index or constraint was there yet; by name.
  std::vector<std::string> created_indexes;
  // "file:line: what" for input that imported but is probably not what was
  // meant (a first row that looks like data rather than a header).
  std::vector<std::string> warnings;
  std::chrono::duration<double> elapsed{};
};

// Imports `nodes` then `relationships` in one write transaction. Throws
// StorageError(kImport) with "file:line: reason" for a bad row or header
// (line 1 is the header), kNotFound "file: no such file" for a missing file;
// the database is then exactly as before. Node ids are allocated
// consecutively in the order of groups, files and rows; relationships likewise.
// A large import may grow the map first, which waits for this process's read
// transactions on the database to end: do not hold one while calling this.
ImportReport bulk_import(Graph& graph, const std::vector<ImportGroup>& nodes,
                         const std::vector<ImportGroup>& relationships,
                         const ImportOptions& options = {});

}  // namespace guanxi::storage
