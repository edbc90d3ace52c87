// Exports of a subgraph (subgraph.h) for other tools and for people:
//
//   csv      a directory of files with neo4j-admin import headers, one per label
//            set and one per relationship type (`guanxi import`, neo4j-admin,
//            Spark and pandas read them)
//   jsonl    one JSON object per node and per relationship, in APOC's shape
//   graphml  GraphML with typed keys (networkx, Gephi, Cytoscape)
//   dot      Graphviz
//   html     one self-contained page drawing the network (html_view.h)
//
// Values are what the session read (subgraph.h): an export never holds more
// than a query under the same purpose returns.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "exchange/subgraph.h"

namespace guanxi::exchange {

enum class ExportFormat { kCsv, kJsonLines, kGraphml, kDot, kHtml };

// How the HTML view draws the graph.
struct HtmlViewOptions {
  std::string title = "Guanxi network";
  std::string color_by;  // a property whose values colour nodes (e.g. a community id)
  std::string size_by;   // a numeric property sizing nodes (e.g. a PageRank score)
  std::string caption;   // the property shown beside nodes (default: name, then title, then id)
};

struct ExportOptions {
  ExportFormat format = ExportFormat::kJsonLines;
  // CSV: separates array elements (neo4j-admin's --array-delimiter).
  char array_delimiter = ';';
  HtmlViewOptions html;
};

struct ExportReport {
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::vector<std::string> files;     // CSV: the files written, relative to the directory
  std::vector<std::string> warnings;  // values a format cannot hold exactly
};

using TextSink = std::function<void(std::string_view)>;

// Writes a one-file format (jsonl, graphml, dot, html) to `sink`.
ExportReport write_export(const Subgraph& graph, const ExportOptions& options,
                          const TextSink& sink);

// Writes the CSV files into `directory`, which must exist and be empty.
// Throws storage::StorageError(kIo) when a file cannot be written, and
// kInvalidArgument when a string in an array holds the array delimiter.
ExportReport write_csv_export(const Subgraph& graph, const std::filesystem::path& directory,
                              const ExportOptions& options);

// The per-format writers behind write_export.
ExportReport write_jsonl(const Subgraph& graph, const TextSink& sink);
ExportReport write_graphml(const Subgraph& graph, const TextSink& sink);
ExportReport write_dot(const Subgraph& graph, const HtmlViewOptions& options, const TextSink& sink);
ExportReport write_html(const Subgraph& graph, const HtmlViewOptions& options,
                        const TextSink& sink);

// The text a node is captioned with: the `caption` property when given, else
// name, then title, then the first label and the id.
std::string node_caption(const ExportNode& node, std::string_view caption_property);

}  // namespace guanxi::exchange
