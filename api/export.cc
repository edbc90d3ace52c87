// Exports of the graph, or of what a query returns, through a Database handle.
#include "guanxi/export.h"

#include <mutex>
#include <ostream>

#include "api/api_state.h"
#include "api/error_translation.h"
#include "exchange/export.h"
#include "storage/atomic_output_file.h"
#include "storage/database_directory.h"

namespace guanxi {

namespace {

exchange::ExportFormat format_to_exchange(ExportFormat format) {
  switch (format) {
    case ExportFormat::kCsv: return exchange::ExportFormat::kCsv;
    case ExportFormat::kJsonLines: return exchange::ExportFormat::kJsonLines;
    case ExportFormat::kGraphml: return exchange::ExportFormat::kGraphml;
    case ExportFormat::kDot: return exchange::ExportFormat::kDot;
    case ExportFormat::kHtml: return exchange::ExportFormat::kHtml;
  }
  return exchange::ExportFormat::kJsonLines;
}

exchange::ExportOptions export_options(const ExportOptions& options) {
  exchange::ExportOptions out;
  out.format = format_to_exchange(options.format);
  out.array_delimiter = options.array_delimiter;
  out.html = {options.title, options.color_by, options.size_by, options.caption};
  return out;
}

// What the export writes: the whole graph or what options.query returns,
// read in a session of its own under options.purpose.
exchange::Subgraph collect(internal::ApiAccess::DatabaseImpl& db, const ExportOptions& options) {
  std::unique_lock lock(db.sessions_mutex);
  query::Session session(*db.engine, SessionOptions{options.purpose, options.user});
  lock.unlock();
  return options.query.empty() ? exchange::collect_graph(session)
                               : exchange::collect_query(session, options.query);
}

ExportReport export_report(exchange::ExportReport report, const exchange::Subgraph& subgraph) {
  ExportReport out;
  out.nodes = report.nodes;
  out.relationships = report.relationships;
  out.added_endpoints = subgraph.added_endpoints;
  out.files = std::move(report.files);
  out.warnings = std::move(report.warnings);
  return out;
}

}  // namespace

std::optional<ExportFormat> export_format_from_name(std::string_view name) {
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "jsonl") return ExportFormat::kJsonLines;
  if (name == "graphml") return ExportFormat::kGraphml;
  if (name == "dot") return ExportFormat::kDot;
  if (name == "html") return ExportFormat::kHtml;
  return std::nullopt;
}

ExportReport Database::export_graph(std::ostream& out, const ExportOptions& options) {
  internal::ApiAccess::DatabaseImpl& db = internal::ApiAccess::live(*this);
  if (options.format == ExportFormat::kCsv) {
    throw Error(ErrorCode::kInvalidArgument,
                "a csv export is a directory of files: use export_graph_to with a directory");
  }
  return api::translating_errors([&] {
    const exchange::Subgraph subgraph = collect(db, options);
    exchange::ExportReport report =
        exchange::write_export(subgraph, export_options(options), [&out](std::string_view text) {
          if (!out.write(text.data(), static_cast<std::streamsize>(text.size()))) {
            throw Error(ErrorCode::kStorage, "writing the export to its stream failed");
          }
        });
    if (!out.flush()) throw Error(ErrorCode::kStorage, "writing the export to its stream failed");
    return export_report(std::move(report), subgraph);
  });
}

ExportReport Database::export_graph_to(const std::string& path, const ExportOptions& options) {
  internal::ApiAccess::DatabaseImpl& db = internal::ApiAccess::live(*this);
  return api::translating_errors([&] {
    const exchange::Subgraph subgraph = collect(db, options);
    const exchange::ExportOptions exchange_options = export_options(options);
    if (options.format == ExportFormat::kCsv) {
      storage::StagingDirectory staging(path, "export");
      exchange::ExportReport report =
          exchange::write_csv_export(subgraph, staging.path(), exchange_options);
      staging.install(options.overwrite);
      return export_report(std::move(report), subgraph);
    }
    storage::AtomicOutputFile out(path, options.overwrite, "export");
    exchange::ExportReport report = exchange::write_export(
        subgraph, exchange_options, [&](std::string_view text) { out.write(text); });
    out.commit();
    return export_report(std::move(report), subgraph);
  });
}

}  // namespace guanxi
