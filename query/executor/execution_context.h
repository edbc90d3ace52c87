// ExecutionContext: everything one run of a statement needs, shared by its
// operators, and the EvaluationContext the expression evaluator sees.
//
// Property values are read only through the session's PropertyReader.
// Labels, types and keys are resolved to dictionary ids in the run's
// transaction (a name absent from the dictionary matches nothing); writes
// intern new names in the write transaction.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>

#include "query/executor/node_marks.h"
#include "query/expression/evaluation_context.h"
#include "query/live_progress.h"
#include "query/planner/planner.h"
#include "query/property_reader.h"
#include "query/session_types.h"
#include "storage/graph.h"

namespace guanxi::query {

class Operator;
class ProcedureRegistry;
class ProjectionCatalog;
class ProjectionCache;

struct ExecutionOptions {
  const Parameters* parameters = nullptr;
  const std::atomic<bool>* cancelled = nullptr;
  LiveProgress* progress = nullptr;  // the session's; null: nobody watches
  const SessionOptions* session = nullptr;
  ProcedureRegistry* procedures = nullptr;
  ProjectionCatalog* projections = nullptr;     // the session's named graphs
  ProjectionCache* projection_cache = nullptr;  // the engine's; null: none
  NodeMarksPool* node_marks = nullptr;          // the session's; null: a run's own
  const QueryPlan* plan = nullptr;
  int slot_count = 0;
  std::string_view statement_text;
  DateTime now{};
  std::uint64_t seed = 0;
  // The statement's audit tally (shared with its result stream); null
  // records nothing (a statement replayed into a grown map).
  std::shared_ptr<ReadAudit> audit;
  // An auto-commit writing statement: CALL { } IN TRANSACTIONS may commit
  // its batches as it goes.
  bool commit_batches = false;
};

class ExecutionContext final : public EvaluationContext {
 public:
  ExecutionContext(storage::Graph& graph, const storage::Transaction& txn,
                   storage::WriteTransaction* write_txn, const ExecutionOptions& options);
  ~ExecutionContext() override;

  storage::Graph& graph() { return graph_; }
  const storage::Transaction& txn() const { return txn_; }
  // The write transaction; throws (kTransaction) for a read-only run.
  storage::WriteTransaction& write_txn();
  bool writable() const { return write_txn_ != nullptr; }
  PropertyReader& reader() { return reader_; }
  ProcedureRegistry& procedures() { return *options_.procedures; }
  ProjectionCatalog* projections() { return options_.projections; }
  ProjectionCache* projection_cache() { return options_.projection_cache; }
  const std::atomic<bool>* cancel_flag() const { return options_.cancelled; }
  LiveProgress* progress() const { return options_.progress; }
  const SessionOptions& session() const { return *options_.session; }
  ChangeSummary& changes() { return changes_; }
  int slot_count() const { return options_.slot_count; }
  std::string_view statement_text() const { return options_.statement_text; }
  const Parameters& parameters() const { return *options_.parameters; }
  // Node marks for an operator to keep until it is destroyed: the session's,
  // or new ones when the run has no session pool.
  NodeMarksPool::Lease lend_node_marks();

  // Dictionary ids of existing names (nullopt: never used, matches nothing).
  std::optional<storage::LabelId> label_id(const std::string& name);
  std::optional<storage::TypeId> type_id(const std::string& name);
  std::optional<storage::PropertyKeyId> key_id(const std::string& name);
  // Ids for writing, created when new.
  storage::LabelId intern_label(const std::string& name);
  storage::TypeId intern_type(const std::string& name);
  storage::PropertyKeyId intern_key(const std::string& name);

  // The sorted label ids of a node; empty when it does not exist.
  const std::vector<storage::LabelId>& node_label_ids(storage::NodeId node);
  bool node_exists(storage::NodeId node);

  // A QueryError at the position of `at` in the statement.
  [[noreturn]] void fail(QueryErrorCode code, const std::string& message,
                         const ast::Expression* at);

  // Throws kCancelled when the session cancelled the statement; cheap.
  void check_cancelled() override {
    if (options_.cancelled && options_.cancelled->load(std::memory_order_relaxed)) cancelled();
  }

  // EvaluationContext.
  const Value& parameter(const std::string& name) override;
  Value node_property(NodeRef node, std::string_view key) override;
  Value relationship_property(const RelRef& rel, std::string_view key) override;
  Map node_properties(NodeRef node) override;
  Map relationship_properties(const RelRef& rel) override;
  List node_labels(NodeRef node) override;
  std::string relationship_type(const RelRef& rel) override;
  Value evaluate_pattern(const ast::Expression& expression, Row& row) override;
  double random() override;
  MemoryBudget& memory_budget() override { return budget_; }
  DateTime statement_time() override { return options_.now; }

  // Every operator tree built for pattern expressions, for PROFILE.
  void enable_profiling() { profiling_ = true; }

  // CALL { } IN TRANSACTIONS. Whether this run may commit in the middle;
  // the caller destroys its own operators that hold cursors first.
  bool commits_batches() const { return options_.commit_batches && write_txn_ != nullptr; }
  // Drops what holds cursors of the current transaction (pattern expression
  // operators, rebuilt when next needed).
  void release_transaction_state();
  // Commits what the run wrote so far and goes on in a new transaction,
  // keeping the writer lock.
  void commit_batch();
  // After a full map: rolls back to the last commit_batch(), grows the map
  // and begins afresh; names interned since are forgotten.
  void restart_batch();

 private:
  [[noreturn]] void cancelled();
  template <typename Id>
  std::optional<Id> find_name(std::unordered_map<std::string, std::optional<Id>>& cache,
                              storage::NameKind kind, const std::string& name);

  storage::Graph& graph_;
  const storage::Transaction& txn_;
  storage::WriteTransaction* write_txn_;
  ExecutionOptions options_;
  // Before everything that may hold a MemoryCharge on it (pattern runs).
  MemoryBudget budget_;
  PropertyReader reader_;
  ChangeSummary changes_;
  // Seeded at the first rand(): seeding the 312-word state took about a
  // twentieth of a small statement, and few statements call rand().
  std::optional<std::mt19937_64> random_;
  bool profiling_ = false;
  std::unordered_map<std::string, std::optional<storage::LabelId>> labels_;
  std::unordered_map<std::string, std::optional<storage::TypeId>> types_;
  std::unordered_map<std::string, std::optional<storage::PropertyKeyId>> keys_;
  storage::NodeId labels_node_ = storage::kNoId;
  std::vector<storage::LabelId> labels_of_node_;
  struct PatternRun {
    std::unique_ptr<Operator> root;
    Row argument;
  };
  std::map<const ast::Expression*, PatternRun> patterns_;
};

}  // namespace guanxi::query
