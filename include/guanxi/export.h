// Exports of the graph, or of the nodes, relationships and paths a query
// returns, for other tools and for people: what `guanxi export` runs.
//
//   csv      a directory of files with neo4j-admin import headers, one per label
//            set and one per relationship type (guanxi::import reads them back)
//   jsonl    one JSON object per node and per relationship, in APOC's shape
//   graphml  GraphML with typed keys (networkx, Gephi, Cytoscape)
//   dot      Graphviz
//   html     one self-contained page drawing the network
//
//   guanxi::ExportOptions options{.format = guanxi::ExportFormat::kGraphml};
//   db.export_graph(std::cout, options);
//
// Values are read under a session's purpose: an export never holds more than
// a query under the same purpose returns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guanxi {

enum class ExportFormat { kCsv, kJsonLines, kGraphml, kDot, kHtml };

// "csv", "jsonl", "graphml", "dot", "html"; nullopt for anything else.
std::optional<ExportFormat> export_format_from_name(std::string_view name);

struct ExportOptions {
  ExportFormat format = ExportFormat::kJsonLines;
  // Export what this query returns (its nodes, relationships and paths, with
  // the endpoints of its relationships) instead of the whole graph.
  std::string query;
  std::string purpose;  // read the values under this purpose (privacy)
  std::string user;     // for the audit log
  // export_graph_to: replace what is at the target.
  bool overwrite = false;
  // csv: between array elements.
  char array_delimiter = ';';
  // html, dot: the title; html: colour nodes by the values of `color_by`,
  // size them by the number in `size_by`; html, dot: caption nodes with
  // `caption` (default: name, then title, then the first label and the id).
  std::string title = "Guanxi network";
  std::string color_by;
  std::string size_by;
  std::string caption;
};

struct ExportReport {
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  // Nodes exported only because they are endpoints of relationships the query returned.
  std::uint64_t added_endpoints = 0;
  std::vector<std::string> files;     // csv: the files written, relative to the directory
  std::vector<std::string> warnings;  // values a format cannot hold exactly
};

}  // namespace guanxi
