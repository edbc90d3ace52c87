// The state behind the public handles. Database, Session, Statement, Result
// and Transaction share it through shared_ptr, so each handle keeps alive
// what it needs: a Result its Session, a Session its Database.
//
// The handles keep their Impl and internal constructors private; the rest of
// api/ reaches them through internal::ApiAccess, the one friend they name.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "guanxi/database.h"
#include "guanxi/result.h"
#include "query/engine.h"
#include "storage/graph.h"

namespace guanxi {

namespace internal {

class ApiAccess {
 public:
  using DatabaseImpl = Database::Impl;
  using SessionImpl = Session::Impl;
  using StatementImpl = Statement::Impl;
  using ResultImpl = Result::Impl;

  static Result make_result(std::unique_ptr<ResultImpl> impl) { return Result(std::move(impl)); }
  // The live state of `db`; throws Error (kClosed) after close().
  static DatabaseImpl& live(const Database& db);
};

}  // namespace internal

struct Database::Impl {
  std::string path;
  std::unique_ptr<storage::Graph> graph;
  std::unique_ptr<query::Engine> engine;  // declared after graph: destroyed first
  std::mutex sessions_mutex;              // serializes Session construction
};

struct Session::Impl {
  Impl(std::shared_ptr<internal::ApiAccess::DatabaseImpl> db, SessionOptions options)
      : database(std::move(db)), session(*database->engine, std::move(options)) {}
  std::shared_ptr<internal::ApiAccess::DatabaseImpl> database;
  query::Session session;  // holds the SessionOptions
};

struct Statement::Impl {
  std::shared_ptr<internal::ApiAccess::SessionImpl> session;
  std::shared_ptr<query::PreparedStatement> prepared;
};

struct Result::Impl {
  // Declared first: outlives the stream.
  std::shared_ptr<internal::ApiAccess::SessionImpl> session;
  std::unique_ptr<query::ResultStream> stream;  // reset at the end of the rows
  std::shared_ptr<const std::vector<std::string>> columns;
  std::vector<query::Value> buffer;
  ChangeSummary summary;
  std::optional<PlanNode> plan;
  std::vector<Notification> notifications;
  bool done = false;
};

namespace api {

// Wraps a stream just returned by the query layer into a Result.
Result make_result(std::shared_ptr<internal::ApiAccess::SessionImpl> session,
                   std::unique_ptr<query::ResultStream> stream);

}  // namespace api
}  // namespace guanxi
