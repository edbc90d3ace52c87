#include "guanxi/database.h"

#include <filesystem>
#include <utility>

#include "api/api_state.h"
#include "api/error_translation.h"
#include "api/value_conversion.h"

namespace guanxi {

namespace {

query::Parameters parameters_to_query(const Params& params) {
  query::Parameters out;
  for (const auto& [name, value] : params) out.emplace(name, api::to_query(value));
  return out;
}

// Runs a statement that returns no rows (COMMIT, ROLLBACK) to its end.
void run_to_end(query::Session& session, std::string_view text) {
  auto stream = session.run(text);
  std::vector<query::Value> row;
  while (stream->next(row)) {
  }
}

internal::ApiAccess::SessionImpl& live(
    const std::shared_ptr<internal::ApiAccess::SessionImpl>& impl) {
  if (!impl) throw Error(ErrorCode::kClosed, "the session was moved from");
  return *impl;
}

}  // namespace

// ------------------------------------------------------------------ Database

Database Database::open(const std::string& path, const Options& options) {
  return api::translating_errors([&] {
    storage::EnvironmentOptions env;
    env.create_if_missing = options.create_if_missing;
    env.read_only = options.read_only;
    env.durable = options.durable;
    env.file_mode = options.file_mode;
    env.key_file = options.key_file;
    env.opened_value_cache = options.opened_value_cache;
    if (options.map_size != 0) env.initial_map_size = options.map_size;
    if (!options.create_if_missing && !std::filesystem::exists(path)) {
      throw Error(ErrorCode::kNotFound, "database '" + path + "' does not exist");
    }
    auto impl = std::make_shared<Impl>();
    impl->path = path;
    impl->graph = storage::Graph::open(path, env);
    query::EngineOptions engine;
    engine.projection_cache_bytes = options.projection_cache;
    impl->engine = std::make_unique<query::Engine>(*impl->graph, engine);
    return Database(std::move(impl));
  });
}

Database::Database(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

Session Database::session(SessionOptions options) {
  if (!impl_) throw Error(ErrorCode::kClosed, "the database is closed");
  return api::translating_errors([&] {
    std::lock_guard lock(impl_->sessions_mutex);
    return Session(std::make_shared<Session::Impl>(impl_, std::move(options)));
  });
}

const std::string& Database::path() const {
  if (!impl_) throw Error(ErrorCode::kClosed, "the database is closed");
  return impl_->path;
}

void Database::close() { impl_.reset(); }

internal::ApiAccess::DatabaseImpl& internal::ApiAccess::live(const Database& db) {
  if (!db.impl_) throw Error(ErrorCode::kClosed, "the database is closed");
  return *db.impl_;
}

// ------------------------------------------------------------------- Session

Session::Session(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;
Session::~Session() = default;

Result Session::query(std::string_view text, const Params& params) {
  Impl& s = live(impl_);
  return api::translating_errors(
      [&] { return api::make_result(impl_, s.session.run(text, parameters_to_query(params))); });
}

ChangeSummary Session::execute(std::string_view text, const Params& params) {
  return query(text, params).summary();
}

Statement Session::prepare(std::string_view text) {
  Impl& s = live(impl_);
  return api::translating_errors([&] {
    auto impl = std::make_shared<Statement::Impl>();
    impl->session = impl_;
    impl->prepared = s.session.prepare(text);
    return Statement(std::move(impl));
  });
}

void Session::begin() { execute("BEGIN"); }
void Session::commit() { execute("COMMIT"); }
void Session::rollback() { execute("ROLLBACK"); }

bool Session::in_transaction() const { return live(impl_).session.in_transaction(); }

Transaction Session::transaction() {
  begin();
  return Transaction(impl_);
}

void Session::cancel() {
  if (impl_) impl_->session.cancel();
}

StatementProgress Session::progress() const {
  StatementProgress out;
  if (!impl_) return out;
  const query::LiveProgress& live = impl_->session.progress();
  out.rows = live.rows.load(std::memory_order_relaxed);
  const algorithms::RunProgress::Snapshot algorithm = live.algorithm.snapshot();
  if (algorithm.phase != nullptr) {
    out.phase = algorithm.phase;
    out.step = algorithm.step;
    out.steps = algorithm.steps;
  }
  return out;
}

const SessionOptions& Session::options() const { return live(impl_).session.options(); }

// ----------------------------------------------------------------- Statement

Statement::Statement(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result Statement::query(const Params& params) {
  if (!impl_) throw Error(ErrorCode::kClosed, "the statement was moved from");
  return api::translating_errors([&] {
    return api::make_result(
        impl_->session, impl_->session->session.run(*impl_->prepared, parameters_to_query(params)));
  });
}

ChangeSummary Statement::execute(const Params& params) { return query(params).summary(); }

const std::string& Statement::text() const {
  if (!impl_) throw Error(ErrorCode::kClosed, "the statement was moved from");
  return impl_->prepared->text();
}

// --------------------------------------------------------------- Transaction

Transaction::Transaction(Transaction&& other) noexcept : session_(std::move(other.session_)) {}

Transaction::~Transaction() {
  if (!session_) return;
  try {
    if (session_->session.in_transaction()) run_to_end(session_->session, "ROLLBACK");
  } catch (...) {
    // A destructor must not throw; the transaction is gone either way.
  }
}

void Transaction::commit() {
  if (!session_) throw Error(ErrorCode::kTransaction, "the transaction has already ended");
  auto session = std::move(session_);
  api::translating_errors([&] { run_to_end(session->session, "COMMIT"); });
}

void Transaction::rollback() {
  if (!session_) throw Error(ErrorCode::kTransaction, "the transaction has already ended");
  auto session = std::move(session_);
  api::translating_errors([&] { run_to_end(session->session, "ROLLBACK"); });
}

}  // namespace guanxi
