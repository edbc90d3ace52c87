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
//
// An import is one write transaction: it lands whole, or a bad row stops it
// with Error (kStorage) "file:line: reason" (line 1 is the header) and the
// database is exactly as before.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

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
  // Called on the calling thread every ~100,000 rows and at each phase change.
  std::function<void(const ImportProgress&)> progress;
};

struct ImportSummary {
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::map<std::string, std::uint64_t> nodes_by_label;  // "" for nodes without a label
  std::map<std::string, std::uint64_t> relationships_by_type;
  std::chrono::duration<double> elapsed{};
};

// Imports into the database in directory `path`, creating it when missing,
// with no other handle on it in this process. Throws Error: kInvalidArgument
// (no files given), kNotFound ("file: no such file"), kStorage ("file:line:
// reason" for a bad row or header; the database as before, and removed again
// when this call created it). Database::import imports into an open database.
ImportSummary import(const std::string& path, const ImportOptions& options);

}  // namespace guanxi
