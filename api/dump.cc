// The logical dump and its loader, through a Database handle and by path.
#include "guanxi/dump.h"

#include <istream>
#include <iterator>
#include <ostream>

#include "api/api_state.h"
#include "api/error_translation.h"
#include "api/new_database.h"
#include "exchange/dump.h"
#include "exchange/load.h"
#include "storage/atomic_output_file.h"

namespace guanxi {

namespace {

exchange::DumpOptions dump_options(const DumpOptions& options) {
  exchange::DumpOptions out;
  out.batch_size = options.batch_size;
  out.session = {options.purpose, options.user};
  if (options.progress) {
    out.progress = [&options](const exchange::DumpProgress& p) {
      options.progress(
          DumpProgress{p.nodes, p.relationships, p.nodes_total, p.relationships_total});
    };
  }
  return out;
}

DumpReport dump_report(const exchange::DumpReport& report) {
  return DumpReport{report.nodes, report.relationships, report.indexes, report.bytes,
                    report.elapsed};
}

exchange::LoadOptions load_options(const LoadOptions& options) {
  exchange::LoadOptions out;
  if (options.progress) {
    out.progress = [&options](const exchange::LoadProgress& p) {
      options.progress(
          LoadProgress{p.phase, p.bytes_done, p.bytes_total, p.nodes, p.relationships});
    };
  }
  return out;
}

LoadReport load_report(const exchange::LoadReport& report) {
  return LoadReport{report.nodes, report.relationships, report.indexes, report.elapsed};
}

}  // namespace

DumpReport Database::dump(std::ostream& out, const DumpOptions& options) {
  internal::ApiAccess::DatabaseImpl& db = internal::ApiAccess::live(*this);
  return api::translating_errors([&] {
    const auto sink = [&out](std::string_view text) {
      if (!out.write(text.data(), static_cast<std::streamsize>(text.size()))) {
        throw Error(ErrorCode::kStorage, "writing the dump to its stream failed");
      }
    };
    const exchange::DumpReport report =
        exchange::dump_database(*db.graph, sink, dump_options(options));
    if (!out.flush()) throw Error(ErrorCode::kStorage, "writing the dump to its stream failed");
    return dump_report(report);
  });
}

DumpReport Database::dump_to_file(const std::string& file, const DumpOptions& options) {
  internal::ApiAccess::DatabaseImpl& db = internal::ApiAccess::live(*this);
  return api::translating_errors([&] {
    storage::AtomicOutputFile out(file, options.overwrite, "dump");
    const exchange::DumpReport report = exchange::dump_database(
        *db.graph, [&](std::string_view text) { out.write(text); }, dump_options(options));
    out.commit();
    return dump_report(report);
  });
}

LoadReport Database::load(const std::string& file, const LoadOptions& options) {
  internal::ApiAccess::DatabaseImpl& db = internal::ApiAccess::live(*this);
  return api::translating_errors(
      [&] { return load_report(exchange::load_dump(*db.graph, file, load_options(options))); });
}

LoadReport Database::load(std::istream& in, const std::string& name, const LoadOptions& options) {
  internal::ApiAccess::DatabaseImpl& db = internal::ApiAccess::live(*this);
  std::string text(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>{});
  if (in.bad()) throw Error(ErrorCode::kStorage, "reading the dump '" + name + "' failed");
  return api::translating_errors([&] {
    return load_report(exchange::load_dump_text(*db.graph, text, name, load_options(options)));
  });
}

LoadReport load(const std::string& path, const std::string& file, const LoadOptions& options) {
  return api::fill_database(path, [&](Database& db) { return db.load(file, options); });
}

}  // namespace guanxi
