#include <filesystem>

#include "api/api_state.h"
#include "api/error_translation.h"
#include "api/existing_database.h"
#include "guanxi/maintenance.h"
#include "storage/integrity_check.h"
#include "storage/page_check.h"

namespace guanxi {

namespace {

VerifyReport run_integrity_check(storage::Graph& graph, const VerifyOptions& options,
                                 const storage::PageCheckReport* pages) {
  storage::IntegrityOptions check;
  check.max_problems = options.max_problems;
  check.progress = options.progress;
  check.pages = pages;
  const storage::IntegrityReport report = storage::check_integrity(graph, check);
  VerifyReport out;
  out.problems.reserve(report.problems.size());
  for (const storage::IntegrityProblem& p : report.problems) {
    out.problems.push_back({p.table, p.message});
  }
  out.problem_count = report.problem_count;
  out.nodes_checked = report.nodes_checked;
  out.relationships_checked = report.relationships_checked;
  out.adjacency_checked = report.adjacency_checked;
  out.index_entries_checked = report.index_entries_checked;
  return out;
}

}  // namespace

VerifyReport Database::verify(const VerifyOptions& options) {
  internal::ApiAccess::DatabaseImpl& db = internal::ApiAccess::live(*this);
  // check_integrity walks the pages of the snapshot it reads itself.
  return api::translating_errors([&] { return run_integrity_check(*db.graph, options, nullptr); });
}

VerifyReport verify(const std::string& path, const VerifyOptions& options) {
  return api::translating_errors([&] {
    api::require_existing(path);
    if (!std::filesystem::is_directory(path)) {
      throw Error(ErrorCode::kStorage, "'" + path + "' is not a Guanxi database (not a directory)");
    }
    // Pages first and without LMDB: opening a database whose file or table
    // catalog is damaged would crash or be refused before anything is said.
    const storage::PageCheckReport pages = storage::check_pages(path);
    if (!pages.catalog_sound || pages.damaged_tables.count("meta")) {
      VerifyReport out;
      out.tables_opened = false;
      out.problem_count = pages.problems.size();
      for (const storage::PageProblem& p : pages.problems) {
        if (out.problems.size() >= options.max_problems) break;
        out.problems.push_back({p.table, p.message});
      }
      return out;
    }
    std::unique_ptr<storage::Graph> graph = api::open_existing_graph(path, /*read_only=*/true);
    return run_integrity_check(*graph, options, &pages);
  });
}

}  // namespace guanxi
