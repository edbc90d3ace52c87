// Engine and Session: the query layer's entry point.
//
// The public API (include/guanxi/) is a thin facade over these. An Engine
// belongs to one open database and holds what statements share: the plan
// cache and the procedure registry. A Session belongs to one thread and
// carries who is asking (purpose, user), its parameters and its explicit
// transaction, if any.
//
// Transactions: without BEGIN each statement runs in its own transaction, a
// read-only one for statements that only read; a statement that fails
// changes nothing. After BEGIN, statements share one write transaction until
// COMMIT or ROLLBACK; a failing statement inside it leaves the transaction
// as it was before that statement (the statement is rolled back alone).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "query/live_progress.h"
#include "query/result_stream.h"
#include "query/session_types.h"
#include "query/value.h"

namespace guanxi::storage {
class Graph;
}

namespace guanxi::query {

class ProcedureRegistry;
class Engine;

// A statement parsed, bound and planned once, run many times.
class PreparedStatement {
 public:
  virtual ~PreparedStatement() = default;
  virtual const std::string& text() const = 0;
};

class Session {
 public:
  Session(Engine& engine, SessionOptions options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Runs one statement (text may end with ';'). Throws QueryError for
  // syntax, semantic and run-time errors; the rows may throw later too.
  std::unique_ptr<ResultStream> run(std::string_view text, const Parameters& parameters = {});
  std::shared_ptr<PreparedStatement> prepare(std::string_view text);
  std::unique_ptr<ResultStream> run(const PreparedStatement& statement,
                                    const Parameters& parameters = {});

  bool in_transaction() const;
  // Cancels the statement running on this session; safe from any thread.
  // The statement throws QueryError (kCancelled) and changes nothing.
  void cancel();
  // How far the running statement (or the last one) has got; safe from any
  // thread, as cancel() is. The session must outlive the reader's use.
  const LiveProgress& progress() const;

  const SessionOptions& options() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// What an engine keeps for the statements it runs.
struct EngineOptions {
  // Bytes of recent algorithm projections kept for later calls on the same
  // snapshot (query/procedures/projection_cache.h); 0 keeps none.
  std::size_t projection_cache_bytes = std::size_t{1} << 30;
};

class Engine {
 public:
  explicit Engine(storage::Graph& graph, const EngineOptions& options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  storage::Graph& graph();
  // The procedures `CALL` can reach; db.* are registered by the constructor,
  // others (algorithms) may be added before sessions run statements.
  ProcedureRegistry& procedures();

 private:
  friend class Session;
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace guanxi::query
