// Engine and Session: statements from text to result streams.
//
// A statement is looked up in the plan cache (or parsed, bound and planned
// and cached), then run:
//   - read-only, outside BEGIN: streamed from a read transaction;
//   - writing, outside BEGIN: run whole inside Graph::write (which may run
//     the body again after growing the map, so each attempt starts afresh),
//     rows buffered, committed before the first row is returned (CALL { }
//     IN TRANSACTIONS commits its batches on the way);
//   - inside BEGIN: run whole in the session's write transaction; a writing
//     statement runs in a child transaction, so a failing one undoes only
//     itself. A full map is the one failure a child cannot absorb (growing the
//     map needs every transaction of the process closed): the session logs its
//     successful writing statements, restarts the transaction with a grown map
//     while keeping the writer lock, and replays the log (with the same clock
//     and random seed).
#include "query/engine.h"

#include <cctype>
#include <chrono>
#include <new>
#include <string>

#include "query/executor/prepared_query.h"
#include "query/executor/result_streams.h"
#include "query/executor/statement_run.h"
#include "query/executor/unknown_names.h"
#include "query/plan_cache.h"
#include "query/privacy/access_decision.h"
#include "query/procedures/algorithm_procedures.h"
#include "query/procedures/procedure_registry.h"
#include "query/procedures/projection_cache.h"
#include "query/procedures/projection_catalog.h"
#include "query/schema/privacy_statement.h"
#include "query/schema/schema_statement.h"
#include "query/storage_error_translation.h"
#include "storage/audit_log.h"
#include "storage/graph.h"

namespace guanxi::query {

struct Engine::State {
  State(storage::Graph& g, const EngineOptions& options)
      : graph(g), projection_cache(options.projection_cache_bytes) {
    commit_listener = graph.env().add_commit_listener([this] { projection_cache.clear(); });
  }
  ~State() { graph.env().remove_commit_listener(commit_listener); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  storage::Graph& graph;
  ProcedureRegistry procedures;
  PlanCache cache;
  ProjectionCache projection_cache;
  std::uint64_t commit_listener = 0;
};

Engine::Engine(storage::Graph& graph, const EngineOptions& options)
    : state_(std::make_unique<State>(graph, options)) {
  state_->procedures.install_on_first_use([](ProcedureRegistry& registry) {
    register_db_procedures(registry);
    register_privacy_procedures(registry);
    register_algorithm_procedures(registry);
  });
}
Engine::~Engine() = default;
storage::Graph& Engine::graph() { return state_->graph; }
ProcedureRegistry& Engine::procedures() { return state_->procedures; }

namespace {

// "CREATE INDEX", "DROP CONSTRAINT": the first two words of a schema
// statement, upper-cased, to name it in a refusal.
std::string schema_statement_name(std::string_view text) {
  std::string name;
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (in_word && ++words == 2) break;
      in_word = false;
      continue;
    }
    if (!in_word && !name.empty()) name += ' ';
    in_word = true;
    name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name.empty() ? "schema change" : name;
}

class PreparedStatementImpl final : public PreparedStatement {
 public:
  explicit PreparedStatementImpl(std::shared_ptr<const PreparedQuery> query)
      : query_(std::move(query)) {}
  const std::string& text() const override { return query_->text; }
  std::shared_ptr<const PreparedQuery> query() const {
    std::lock_guard lock(mutex_);
    return query_;
  }
  void replace(std::shared_ptr<const PreparedQuery> query) const {
    std::lock_guard lock(mutex_);
    query_ = std::move(query);
  }

 private:
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const PreparedQuery> query_;
};

// A statement of the open explicit transaction, kept to replay it.
struct LoggedStatement {
  std::shared_ptr<const PreparedQuery> query;
  Parameters parameters;
  DateTime now;
  std::uint64_t seed = 0;
};

// How long a statement reading the audit log waits for the queued entries
// of earlier reads: they wait only for the single writer, which a long
// write (or a BEGIN left open elsewhere) may hold; past this the statement
// reads what is committed.
constexpr std::chrono::seconds kAuditFlushWait{2};

DateTime clock_now() {
  const auto since = std::chrono::system_clock::now().time_since_epoch();
  const std::int64_t nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since).count();
  return DateTime{nanos / storage::kNanosPerSecond,
                  static_cast<std::int32_t>(nanos % storage::kNanosPerSecond), 0, 0};
}

}  // namespace

struct Session::State {
  State(Engine& e, SessionOptions o) : engine(e), options(std::move(o)) {}
  Engine& engine;
  SessionOptions options;
  std::atomic<bool> cancelled{false};
  LiveProgress progress;
  ProjectionCatalog projections;  // graph.project's named graphs
  NodeMarksPool node_marks;       // scratch kept across runs (PruningExpand)
  std::unique_ptr<storage::WriteTransaction> txn;
  std::vector<LoggedStatement> log;
  std::uint64_t seed_counter = 0;

  storage::Graph& graph() { return engine.graph(); }
  Engine::State& shared() { return *engine.state_; }

  std::uint64_t next_seed() {
    seed_counter += 0x9e3779b97f4a7c15ULL;
    return seed_counter ^ static_cast<std::uint64_t>(storage::unix_micros(clock_now()));
  }

  ExecutionOptions execution_options(const Parameters& parameters, DateTime now,
                                     std::uint64_t seed) {
    ExecutionOptions o;
    o.parameters = &parameters;
    o.cancelled = &cancelled;
    o.progress = &progress;
    o.session = &options;
    o.procedures = &shared().procedures;
    o.projections = &projections;
    o.projection_cache = &shared().projection_cache;
    o.node_marks = &node_marks;
    o.now = now;
    o.seed = seed;
    return o;
  }

  // The cached plan of `text` for the schema `txn` sees, prepared if needed.
  std::shared_ptr<const PreparedQuery> lookup(std::string_view text,
                                              const storage::Transaction& in) {
    auto query = shared().cache.find(text);
    if (query && query->schema_version == schema_version(graph(), in)) return query;
    query = prepare_query(text, graph(), in, shared().procedures);
    shared().cache.put(query);
    return query;
  }

  // Records a change of tags, purposes or policies in the audit log, in the
  // transaction that makes it (so the entry commits or rolls back with it).
  void audit_schema_change(storage::WriteTransaction& w, const PreparedQuery& query, DateTime now) {
    if (!is_privacy_statement(query.statement) || is_privacy_show(query.statement)) return;
    storage::AuditEntry entry;
    entry.at_micros = storage::unix_micros(now);
    entry.kind = storage::AuditKind::kSchema;
    entry.user = options.user;
    entry.purpose = options.purpose;
    entry.statement = query.text;
    storage::append_audit(w, entry);
  }

  // The audit tally of one run of `query` started at `now`.
  std::shared_ptr<ReadAudit> read_audit(const PreparedQuery& query, DateTime now) {
    return std::make_shared<ReadAudit>(&graph().audit_writer(), options, query.text,
                                       storage::unix_micros(now));
  }

  std::unique_ptr<ResultStream> buffered(std::vector<std::string> columns,
                                         std::vector<std::vector<Value>> rows,
                                         ChangeSummary changes, std::optional<PlanNode> profile,
                                         std::shared_ptr<ReadAudit> audit = nullptr) {
    if (columns.empty()) rows.clear();
    std::function<const storage::Transaction*()> reads = [this]() -> const storage::Transaction* {
      return txn.get();
    };
    return std::make_unique<BufferedResult>(std::move(columns), std::move(rows), changes,
                                            std::move(profile), graph(), options, std::move(reads),
                                            std::move(audit));
  }

  // Throws QueryError (kReadOnly) naming `what` when the database is open
  // read-only: every write (data, schema, BEGIN) is refused before it starts,
  // with one kind and one form of message.
  void refuse_when_read_only(const std::string& what) {
    storage::Environment& env = graph().env();
    if (!env.read_only()) return;
    throw QueryError(QueryErrorCode::kReadOnly, "database '" + env.path().string() +
                                                    "' is open read-only: " + what + " refused");
  }

  std::unique_ptr<ResultStream> execute(std::shared_ptr<const PreparedQuery> query,
                                        const Parameters& parameters,
                                        std::optional<storage::ReadTransaction> read);
  // A kQuery statement (execute() adds its notifications).
  std::unique_ptr<ResultStream> execute_query(std::shared_ptr<const PreparedQuery> query,
                                              const Parameters& parameters,
                                              std::optional<storage::ReadTransaction> read);
  std::unique_ptr<ResultStream> execute_in_transaction(
      const std::shared_ptr<const PreparedQuery>& query, const Parameters& parameters);
  std::unique_ptr<ResultStream> execute_schema(const std::shared_ptr<const PreparedQuery>& query,
                                               std::optional<storage::ReadTransaction> read);
  // Runs one logged statement in `in` (the open transaction or a child of it).
  // `audit`: the statement's audit tally (null for a replay, which reads
  // nothing new).
  SchemaResult run_logged(const LoggedStatement& entry, storage::WriteTransaction& in, bool profile,
                          std::vector<std::vector<Value>>* rows, std::optional<PlanNode>* plan,
                          std::shared_ptr<ReadAudit> audit);
  // Restarts the open transaction with a grown map and replays the log into it.
  void grow_and_replay();
  void begin();
  void commit();
  void rollback();
};

Session::Session(Engine& engine, SessionOptions options)
    : state_(std::make_unique<State>(engine, std::move(options))) {
  // An unknown purpose is an error when the session opens, not at its
  // first statement (which checks again: the purpose may be dropped since).
  if (!state_->options.purpose.empty()) {
    storage::ReadTransaction txn = engine.graph().env().read();
    AccessDecision::decide(engine.graph(), txn, state_->options, storage::unix_micros(clock_now()));
  }
}

Session::~Session() {
  if (state_->txn) state_->txn->abort();
}

bool Session::in_transaction() const { return state_->txn != nullptr; }
void Session::cancel() { state_->cancelled.store(true); }
const LiveProgress& Session::progress() const { return state_->progress; }
const SessionOptions& Session::options() const { return state_->options; }

std::unique_ptr<ResultStream> Session::run(std::string_view text, const Parameters& parameters) {
  State& s = *state_;
  s.cancelled.store(false);
  s.progress.reset();
  try {
    if (s.txn) return s.execute(s.lookup(text, *s.txn), parameters, std::nullopt);
    std::optional<storage::ReadTransaction> read;
    read.emplace(s.graph().read());
    auto query = s.lookup(text, *read);
    return s.execute(std::move(query), parameters, std::move(read));
  } catch (const std::bad_alloc&) {
    // The write transaction (or the open transaction's child) is gone by
    // now, rolled back on the way out.
    throw out_of_memory_error();
  }
}

std::shared_ptr<PreparedStatement> Session::prepare(std::string_view text) {
  State& s = *state_;
  std::shared_ptr<const PreparedQuery> query;
  if (s.txn) {
    query = s.lookup(text, *s.txn);
  } else {
    auto read = s.graph().read();
    query = s.lookup(text, read);
  }
  return std::make_shared<PreparedStatementImpl>(std::move(query));
}

std::unique_ptr<ResultStream> Session::run(const PreparedStatement& statement,
                                           const Parameters& parameters) {
  State& s = *state_;
  s.cancelled.store(false);
  s.progress.reset();
  const auto* impl = dynamic_cast<const PreparedStatementImpl*>(&statement);
  if (!impl) throw QueryError(QueryErrorCode::kInvalidArgument, "not a statement of this engine");
  auto query = impl->query();
  std::optional<storage::ReadTransaction> read;
  const storage::Transaction* txn = s.txn.get();
  if (!txn) {
    read.emplace(s.graph().read());
    txn = &*read;
  }
  try {
    if (query->schema_version != schema_version(s.graph(), *txn)) {
      query = prepare_query(query->text, s.graph(), *txn, s.shared().procedures);
      impl->replace(query);
    }
    return s.execute(std::move(query), parameters, std::move(read));
  } catch (const std::bad_alloc&) {
    throw out_of_memory_error();
  }
}

std::unique_ptr<ResultStream> Session::State::execute(
    std::shared_ptr<const PreparedQuery> query, const Parameters& parameters,
    std::optional<storage::ReadTransaction> read) {
  const ast::Statement& statement = query->statement;
  switch (statement.kind) {
    case ast::StatementKind::kBegin:
      read.reset();
      begin();
      return buffered({}, {}, {}, std::nullopt);
    case ast::StatementKind::kCommit: commit(); return buffered({}, {}, {}, std::nullopt);
    case ast::StatementKind::kRollback: rollback(); return buffered({}, {}, {}, std::nullopt);
    case ast::StatementKind::kQuery: break;
    default: return execute_schema(query, std::move(read));
  }
  if (query->bound.reads_audit_log && read) {
    // The entries of earlier reads may still be queued: write them out
    // first so the log shows them, then read from a snapshot that has them.
    read.reset();
    graph().audit_writer().flush(kAuditFlushWait);
    read.emplace(graph().read());
    const std::string text = query->text;
    query = lookup(text, *read);
  }
  std::vector<Notification> notifications;
  try {
    const storage::Transaction& names =
        txn ? static_cast<const storage::Transaction&>(*txn) : *read;
    notifications = unknown_name_notifications(query->bound.read_names, graph(), names);
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
  auto stream = execute_query(std::move(query), parameters, std::move(read));
  stream->set_notifications(std::move(notifications));
  return stream;
}

std::unique_ptr<ResultStream> Session::State::execute_query(
    std::shared_ptr<const PreparedQuery> query, const Parameters& parameters,
    std::optional<storage::ReadTransaction> read) {
  const ast::Statement& statement = query->statement;
  if (statement.mode == ast::ExplainMode::kExplain) {
    return buffered(query->bound.columns, {}, {}, explain_plan(*query));
  }
  if (query->writes()) refuse_when_read_only("writing statement");
  if (txn) return execute_in_transaction(query, parameters);
  const bool profile = statement.mode == ast::ExplainMode::kProfile;
  const DateTime now = clock_now();
  const std::uint64_t seed = next_seed();
  if (!query->writes()) {
    auto options_for_run = execution_options(parameters, now, seed);
    return std::make_unique<StreamingResult>(std::move(query), graph(), std::move(*read),
                                             options_for_run, profile, options);
  }
  read.reset();  // a map resize waits for this process's readers
  std::shared_ptr<ReadAudit> audit = read_audit(*query, now);
  std::vector<std::vector<Value>> rows;
  ChangeSummary changes;
  std::optional<PlanNode> plan;
  graph().write([&](storage::WriteTransaction& w) {
    rows.clear();
    plan.reset();
    ExecutionOptions run_options = execution_options(parameters, now, seed);
    run_options.audit = audit;
    // A batched subquery commits as it goes and handles a full map itself
    // (only its current batch runs again); nothing else in the statement
    // writes, so no full map reaches this body after a batch committed.
    run_options.commit_batches = true;
    StatementRun run(*query, graph(), w, &w, run_options, profile);
    run.drain(rows);
    changes = run.changes();
    if (profile) plan = run.profile();
  });
  return buffered(query->bound.columns, std::move(rows), changes, std::move(plan),
                  std::move(audit));
}

SchemaResult Session::State::run_logged(const LoggedStatement& entry, storage::WriteTransaction& in,
                                        bool profile, std::vector<std::vector<Value>>* rows,
                                        std::optional<PlanNode>* plan,
                                        std::shared_ptr<ReadAudit> audit) {
  const PreparedQuery& query = *entry.query;
  if (!query.is_query()) {
    SchemaResult result = run_schema_statement(graph(), in, &in, query.statement);
    audit_schema_change(in, query, entry.now);
    return result;
  }
  ExecutionOptions run_options = execution_options(entry.parameters, entry.now, entry.seed);
  run_options.audit = std::move(audit);
  StatementRun run(query, graph(), in, &in, run_options, profile);
  std::vector<std::vector<Value>> discard;
  run.drain(rows ? *rows : discard);
  if (plan && profile) *plan = run.profile();
  SchemaResult result;
  result.changes = run.changes();
  return result;
}

std::unique_ptr<ResultStream> Session::State::execute_in_transaction(
    const std::shared_ptr<const PreparedQuery>& query, const Parameters& parameters) {
  if (query->is_query() && query->bound.batched) {
    throw QueryError(QueryErrorCode::kTransaction,
                     "CALL { } IN TRANSACTIONS commits as it goes, so it cannot run inside an "
                     "explicit transaction (BEGIN ... COMMIT): run it on its own");
  }
  LoggedStatement entry{query, parameters, clock_now(), next_seed()};
  const bool profile = query->statement.mode == ast::ExplainMode::kProfile;
  const bool writes =
      query->writes() || (!query->is_query() && schema_statement_writes(query->statement));
  std::shared_ptr<ReadAudit> audit = read_audit(*query, entry.now);
  for (;;) {
    std::vector<std::vector<Value>> rows;
    std::optional<PlanNode> plan;
    SchemaResult result;
    try {
      if (writes) {
        // On any exception the child's destructor rolls back what this
        // statement did; the open transaction stays as it was.
        storage::WriteTransaction statement = txn->child();
        result = run_logged(entry, statement, profile, &rows, &plan, audit);
        statement.commit();
        log.push_back(entry);
      } else {
        result = run_logged(entry, *txn, profile, &rows, &plan, audit);
      }
    } catch (const storage::MapFullError&) {
      grow_and_replay();
      continue;
    }
    if (!query->is_query()) {
      std::unique_ptr<ResultStream> stream =
          buffered(std::move(result.columns), std::move(result.rows), result.changes, std::nullopt);
      stream->set_notifications(std::move(result.notifications));
      return stream;
    }
    return buffered(query->bound.columns, std::move(rows), result.changes, std::move(plan),
                    std::move(audit));
  }
}

std::unique_ptr<ResultStream> Session::State::execute_schema(
    const std::shared_ptr<const PreparedQuery>& prepared,
    std::optional<storage::ReadTransaction> read) {
  // Inside BEGIN, schema statements are logged (and replayed) like queries.
  if (txn) return execute_in_transaction(prepared, {});
  const PreparedQuery& query = *prepared;
  SchemaResult result;
  try {
    if (schema_statement_writes(query.statement)) {
      refuse_when_read_only(schema_statement_name(query.text));
      read.reset();
      const DateTime now = clock_now();
      result = graph().write([&](storage::WriteTransaction& w) {
        SchemaResult changed = run_schema_statement(graph(), w, &w, query.statement);
        audit_schema_change(w, query, now);
        return changed;
      });
    } else {
      result = run_schema_statement(graph(), *read, nullptr, query.statement);
    }
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
  std::unique_ptr<ResultStream> stream =
      buffered(std::move(result.columns), std::move(result.rows), result.changes, std::nullopt);
  stream->set_notifications(std::move(result.notifications));
  return stream;
}

void Session::State::begin() {
  if (txn) throw QueryError(QueryErrorCode::kTransaction, "There is already an open transaction");
  refuse_when_read_only("BEGIN");
  try {
    // WriteTransaction cannot move: `new` builds it in place from
    // begin_write()'s result, which make_unique would have to move.
    txn.reset(new storage::WriteTransaction(  // NOLINT(modernize-make-unique)
        graph().env().begin_write()));
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
  log.clear();
}

void Session::State::commit() {
  if (!txn)
    throw QueryError(QueryErrorCode::kTransaction, "There is no open transaction to commit");
  for (;;) {
    try {
      txn->commit();
      txn.reset();
      log.clear();
      return;
    } catch (const storage::MapFullError&) {
      grow_and_replay();
    } catch (const storage::StorageError& e) {
      txn.reset();
      log.clear();
      throw QueryError(
          QueryErrorCode::kStorage,
          std::string("the transaction could not commit and was rolled back: ") + e.what());
    }
  }
}

void Session::State::rollback() {
  if (!txn)
    throw QueryError(QueryErrorCode::kTransaction, "There is no open transaction to roll back");
  txn->abort();
  txn.reset();
  log.clear();
}

void Session::State::grow_and_replay() {
  for (;;) {
    try {
      txn->restart(true);
      for (const auto& entry : log) run_logged(entry, *txn, false, nullptr, nullptr, nullptr);
      return;
    } catch (const storage::MapFullError&) {
      continue;  // the replay itself filled the grown map: grow again
    } catch (const std::exception& e) {
      txn->abort();
      txn.reset();
      log.clear();
      throw QueryError(QueryErrorCode::kTransaction,
                       std::string("the open transaction could not be restored after growing the "
                                   "database map and was rolled back: ") +
                           e.what());
    }
  }
}

}  // namespace guanxi::query
