// Bulk import of CSV files with neo4j-admin import headers: the fast way to
// fill a database, and what `guanxi import` runs.
//
//   guanxi::ImportOptions options;
//   options.nodes = {{"Person", {"persons.csv"}}};
//   options.relationships = {{"KNOWS", {"knows.csv"}}};
//   guanxi::ImportSummary summary = guanxi::import("people.gx", options);
//
// Headers: `id:ID(Person)`, `:ID`, `:START_ID(Person)`, `:END_ID(Person)`,
// `:LABEL`, `:TYPE`, `name` / `name:string`, `age:int`, `tags:string[]`,
// `:IGNORE`; types as neo4j-admin names them (int, long, float, double,
// boolean, string, date, datetime, duration, each with [] for arrays). Ids
// are unique within their ID space and resolve against nodes imported into
// the same space earlier, so importing into an existing database works.
// An id is often personal (a phone number): in a database with tags, the
// ids kept for later imports are keyed fingerprints, never the ids
// themselves, so such an import needs the database's key file.
//
// An import is one write transaction: it lands whole, or a bad row stops it
// with Error (kStorage) "file:line: reason" (line 1 is the header) and the
// database is exactly as before.
//
// Input is UTF-8 unless ImportOptions::encoding says otherwise; a byte-order
// mark at the start of a file (UTF-8 as Excel writes it, or UTF-16) is
// skipped and decides the encoding by itself. Bytes invalid in the encoding
// are an error naming file:line.
//
// Safety against importing the wrong thing twice: a nodes file needs an :ID
// column (or allow_nodes_without_id); a node id that exists already is an
// error (or skipped, skip_duplicate_nodes); relationships identical to
// existing ones are counted (ImportSummary::duplicate_relationships, a
// warning) or skipped (skip_duplicate_relationships).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "guanxi/text_encoding.h"

namespace guanxi {

// Files of one group. For nodes, `label_or_type` holds labels added to every
// node (':'-separated, may be empty); for relationships, the type of rows
// without a :TYPE column. Each file starts with its own header line, unless
// `header_file` is given (neo4j-admin's "header.csv,part1.csv,..."): then the
// header is that file's first line and every file of `files` holds data rows
// only.
struct ImportGroup {
  std::string label_or_type;
  std::vector<std::string> files;
  std::string header_file;
};

// How ids are kept. kAuto: a new ID space holds integers when every id given
// for it parses as a 64-bit integer, strings otherwise, and a space that
// exists keeps its kind. kInteger and kString force the kind (an id that is
// not an integer, or an existing space of the other kind, is then an error).
enum class ImportIdType { kAuto, kInteger, kString };

// The encoding of input files without a byte-order mark (text_encoding.h).
// kUtf16 without a mark is little-endian (what Windows writes). Others are
// converted to UTF-8 with iconv before parsing.
using ImportEncoding = TextEncoding;

struct ImportProgress {
  // "nodes" and "relationships" (parsing those files), "writing", "done".
  std::string phase;
  std::uint64_t rows = 0;  // rows parsed so far
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;
};

struct ImportOptions {
  std::vector<ImportGroup> nodes;
  std::vector<ImportGroup> relationships;
  char delimiter = ',';
  char array_delimiter = ';';  // between array elements and :LABEL labels
  char quote = '"';
  ImportIdType id_type = ImportIdType::kAuto;
  ImportEncoding encoding = ImportEncoding::kUtf8;
  // A nodes file without an :ID column is an error ("file:1: ..."): its nodes
  // could not be told from the same nodes imported again, and no
  // relationship file could refer to them. Set this for nodes that have no
  // identity.
  bool allow_nodes_without_id = false;
  // Skip (and count in ImportSummary::skipped_nodes) a node whose id already
  // exists in its ID space, earlier in this import or in the database; the
  // first one stays. Without this such an id is an error naming file:line.
  bool skip_duplicate_nodes = false;
  // Skip (and count in ImportSummary::skipped_relationships) a relationship
  // identical to one in the database or earlier in this import: same start,
  // end, type and properties. Without this it is imported and counted in
  // ImportSummary::duplicate_relationships. Parallel relationships with other
  // properties are always imported.
  bool skip_duplicate_relationships = false;
  // Called on the calling thread every ~100,000 rows and at each phase change.
  std::function<void(const ImportProgress&)> progress;
};

struct ImportSummary {
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::map<std::string, std::uint64_t> nodes_by_label;  // "" for nodes without a label
  std::map<std::string, std::uint64_t> relationships_by_type;
  std::uint64_t skipped_nodes = 0;  // with skip_duplicate_nodes
  // Relationships identical to one in the database or earlier in the import:
  // a warning (importing the same file twice doubles every relationship).
  // Included in `relationships`; 0 with skip_duplicate_relationships.
  std::uint64_t duplicate_relationships = 0;
  std::uint64_t skipped_relationships = 0;  // with skip_duplicate_relationships
  // The indexes the import created, by name, so that nodes are found by
  // their id: one on (label, id property) for each label of a nodes group
  // (ImportGroup::label_or_type) whose files have a named id column
  // (`id:ID`), unless an index or constraint was there already. Named
  // "index_<Label>_<key>" (with a number when that name is taken); not
  // unique, so a unique constraint on the same property needs it dropped
  // first.
  std::vector<std::string> created_indexes;
  // "file:line: what" for input that imported but is probably not what was
  // meant: a first row that looks like data rather than a header, whose
  // values became property names.
  std::vector<std::string> warnings;
  std::chrono::duration<double> elapsed{};
};

// Imports into the database in directory `path`, creating it when missing,
// with no other handle on it in this process. Throws Error: kInvalidArgument
// (no files given), kNotFound ("file: no such file"), kStorage ("file:line:
// reason" for a bad row or header; the database as before, and removed again
// when this call created it). Database::import imports into an open database.
ImportSummary import(const std::string& path, const ImportOptions& options);

}  // namespace guanxi
