#include "query/executor/prepared_query.h"

#include "query/binder/binder.h"
#include "query/executor/execution_context.h"
#include "query/parser/parser.h"
#include "query/storage_error_translation.h"
#include "storage/graph.h"

namespace guanxi::query {

namespace {

// Index and label facts for the planner, read in one transaction.
class StorageCatalog final : public PlanningCatalog {
 public:
  StorageCatalog(storage::Graph& graph, const storage::Transaction& txn)
      : graph_(graph), txn_(txn) {}

  bool has_index(const std::string& label, const std::string& property) override {
    return index(label, property).has_value();
  }
  bool has_unique_index(const std::string& label, const std::string& property) override {
    auto info = index(label, property);
    return info && info->unique;
  }
  std::uint64_t label_count(const std::string& label) override {
    auto id = graph_.dictionary().find(txn_, storage::NameKind::kLabel, label);
    return id ? graph_.count_label(txn_, *id) : 0;
  }
  std::uint64_t node_count() override { return graph_.counters().node_count(txn_); }

 private:
  std::optional<storage::IndexInfo> index(const std::string& label, const std::string& property) {
    auto l = graph_.dictionary().find(txn_, storage::NameKind::kLabel, label);
    auto k = graph_.dictionary().find(txn_, storage::NameKind::kPropertyKey, property);
    if (!l || !k) return std::nullopt;
    return graph_.indexes().find(txn_, *l, *k);
  }

  storage::Graph& graph_;
  const storage::Transaction& txn_;
};

}  // namespace

std::uint64_t schema_version(storage::Graph& graph, const storage::Transaction& txn) {
  try {
    return graph.counters().schema_version(txn);
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
}

std::shared_ptr<const PreparedQuery> prepare_query(std::string_view text, storage::Graph& graph,
                                                   const storage::Transaction& txn,
                                                   const ProcedureRegistry& procedures) {
  auto prepared = std::make_shared<PreparedQuery>();
  prepared->text = std::string(text);
  prepared->statement = parser::parse_statement(text);
  if (prepared->statement.text.empty()) prepared->statement.text = prepared->text;
  try {
    prepared->schema_version = graph.counters().schema_version(txn);
    if (prepared->is_query()) {
      prepared->bound = bind_query(prepared->statement, procedures);
      StorageCatalog catalog(graph, txn);
      prepared->plan = plan_query(prepared->bound, prepared->statement, catalog);
    }
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
  return prepared;
}

}  // namespace guanxi::query
