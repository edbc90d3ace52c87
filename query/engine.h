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

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "query/value.h"

namespace guanxi::storage {
class Graph;
}

namespace guanxi::query {

class ProcedureRegistry;

using Parameters = std::map<std::string, Value, std::less<>>;

// Who is asking. Purpose and user reach the PropertyReader; the privacy
// issue gives them force.
struct SessionOptions {
  std::string purpose;
  std::string user;
};

// What a statement changed.
struct ChangeSummary {
  std::int64_t nodes_created = 0;
  std::int64_t nodes_deleted = 0;
  std::int64_t relationships_created = 0;
  std::int64_t relationships_deleted = 0;
  std::int64_t properties_set = 0;
  std::int64_t labels_added = 0;
  std::int64_t labels_removed = 0;
  std::int64_t indexes_added = 0;
  std::int64_t indexes_removed = 0;
  std::int64_t constraints_added = 0;
  std::int64_t constraints_removed = 0;
  bool any() const;
};

// Rows and time of one operator, for PROFILE; children in plan order.
struct OperatorProfile {
  std::string name;     // e.g. "NodeIndexSeek", "Expand(All)", "Filter"
  std::string details;  // e.g. "c:Customer(id = $id)"
  std::int64_t rows = 0;
  double seconds = 0;  // inclusive of children
  std::vector<OperatorProfile> children;
};

// The rows of one statement, pulled one at a time. Read-only statements
// stream straight from a read transaction the stream holds; writing
// statements have done their writes and committed (or joined the explicit
// transaction) before the first row is returned.
class ResultStream {
 public:
  virtual ~ResultStream() = default;
  virtual const std::vector<std::string>& columns() const = 0;
  // Fills `row` (one value per column) and returns true, or returns false
  // at the end. Throws QueryError on a run-time error.
  virtual bool next(std::vector<Value>& row) = 0;
  // Complete once next() has returned false.
  virtual const ChangeSummary& summary() const = 0;
  // EXPLAIN and PROFILE: the plan as a tree (for PROFILE with rows and
  // times, complete at the end); empty for other statements.
  virtual const OperatorProfile* plan() const = 0;
  // Read the database behind the values: labels, type and properties of
  // nodes and relationships in the rows, through the session's
  // PropertyReader; valid until the stream is destroyed.
  virtual List labels(NodeRef node) = 0;
  virtual std::string type(const RelRef& rel) = 0;
  virtual Map properties(const Value& node_or_relationship) = 0;
};

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

  const SessionOptions& options() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

class Engine {
 public:
  explicit Engine(storage::Graph& graph);
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
