#include "api/api_state.h"
#include "api/error_translation.h"
#include "guanxi/maintenance.h"
#include "storage/integrity_check.h"

namespace guanxi {

VerifyReport Database::verify(const VerifyOptions& options) {
  internal::ApiAccess::DatabaseImpl& db = internal::ApiAccess::live(*this);
  return api::translating_errors([&] {
    storage::IntegrityOptions check;
    check.max_problems = options.max_problems;
    check.progress = options.progress;
    const storage::IntegrityReport report = storage::check_integrity(*db.graph, check);
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
  });
}

}  // namespace guanxi
