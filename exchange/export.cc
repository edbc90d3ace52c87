#include "exchange/export.h"

#include <stdexcept>

namespace guanxi::exchange {

ExportReport write_export(const Subgraph& graph, const ExportOptions& options,
                          const TextSink& sink) {
  switch (options.format) {
    case ExportFormat::kJsonLines: return write_jsonl(graph, sink);
    case ExportFormat::kGraphml: return write_graphml(graph, sink);
    case ExportFormat::kDot: return write_dot(graph, options.html, sink);
    case ExportFormat::kHtml: return write_html(graph, options.html, sink);
    case ExportFormat::kCsv: break;
  }
  throw std::invalid_argument("CSV exports are a directory of files: use write_csv_export");
}

}  // namespace guanxi::exchange
