// fuzz_query: the whole query pipeline (parse, bind, plan, execute) on
// arbitrary statement text, through the public API.
//
// A small database (the demo customer graph of 60 customers, plus an index
// and a constraint) is built once per process. Each input runs as one
// statement inside an explicit transaction that is rolled back afterwards, so
// every input sees the same database. A watchdog cancels a statement after
// about a second and at most kMaxRows rows are pulled, so slow but correct
// statements are not reported as hangs. guanxi::Error is the expected outcome
// of most inputs; only crashes, sanitizer reports and leaks are findings.
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "guanxi/database.h"
#include "tests/queries/runner/demo_database.h"

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxRows = 1000;
constexpr auto kStatementTime = std::chrono::milliseconds(1000);

// Cancels the session's statement once its deadline passes.
class Watchdog {
 public:
  explicit Watchdog(guanxi::Session& session) : session_(session), thread_([this] { run(); }) {}
  ~Watchdog() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  void arm(std::chrono::steady_clock::duration budget) {
    {
      std::lock_guard lock(mutex_);
      deadline_ = std::chrono::steady_clock::now() + budget;
    }
    wake_.notify_one();
  }
  void disarm() {
    std::lock_guard lock(mutex_);
    deadline_.reset();
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      if (!deadline_) {
        wake_.wait(lock);
      } else if (wake_.wait_until(lock, *deadline_) == std::cv_status::timeout && deadline_ &&
                 std::chrono::steady_clock::now() >= *deadline_) {
        deadline_.reset();
        session_.cancel();
      }
    }
  }
  guanxi::Session& session_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  bool stop_ = false;
  std::thread thread_;
};

struct Fixture {
  fs::path dir;
  std::optional<guanxi::Database> db;
  std::optional<guanxi::Session> session;
  std::unique_ptr<Watchdog> watchdog;

  Fixture() {
    dir = fs::temp_directory_path() / ("guanxi-fuzz-query-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    guanxi::test_support::create_demo_database(dir / "db", dir / "csv", 60);
    db = guanxi::Database::open((dir / "db").string(), {.durable = false});
    // Indexes, a constraint and privacy rules, so that statements run
    // through seeks, unique checks, masks and hidden subjects: the session
    // reads under a consent purpose half the customers granted.
    guanxi::Session admin = db->session();
    for (const char* statement :
         {"CREATE INDEX FOR (c:Customer) ON (c.city)", "CREATE INDEX FOR (c:Customer) ON (c.phone)",
          // The import indexed the ids; a constraint takes the index's place.
          "DROP INDEX index_Customer_id",
          "CREATE CONSTRAINT FOR (c:Customer) REQUIRE c.id IS UNIQUE",
          "CREATE (:Tag {name: 'x', at: date('2024-02-29'), span: duration('P1M2DT3S'), "
          "list: [1, 2, 3], names: ['a', 'b'], score: 2.5, ok: true})",
          "CREATE TAG pii ON :Customer(phone, email) MASK partial(3)",
          "CREATE TAG dob ON :Customer(birthday) MASK year",
          "CREATE TAG wx ON :Customer(wechat) MASK hash",
          "CREATE TAG reward ON :REFERRED(since) MASK null", "CREATE PURPOSE fuzz BASIS consent",
          "ALLOW fuzz READ pii",
          "MATCH (c:Customer) WHERE c.id % 2 = 0 CALL privacy.grant(c, 'fuzz')"}) {
      admin.execute(statement);
    }
    session = db->session({.purpose = "fuzz", .user = "fuzz"});
    watchdog = std::make_unique<Watchdog>(*session);
  }
  ~Fixture() {
    watchdog.reset();
    session.reset();
    db.reset();
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

Fixture* fixture = nullptr;

void remove_fixture() {
  delete fixture;
  fixture = nullptr;
}

// Whether `text` may commit the transaction the input runs in: COMMIT would
// make the input's changes permanent and every later input see them.
bool may_commit(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("commit") != std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fixture = new Fixture;
  std::atexit(remove_fixture);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (may_commit(text)) return 0;
  guanxi::Session& session = *fixture->session;
  const guanxi::Params params{
      {"n", 3}, {"s", "Ada"}, {"list", guanxi::Value(guanxi::List{1, "b"})}};
  session.begin();
  fixture->watchdog->arm(kStatementTime);
  try {
    guanxi::Result result = session.query(text, params);
    guanxi::Row row;
    for (std::size_t rows = 0; rows < kMaxRows && result.next(row); ++rows) {
    }
  } catch (const guanxi::Error&) {
    // Syntax, semantic, run-time errors and cancellation: expected.
  }
  fixture->watchdog->disarm();
  if (session.in_transaction()) session.rollback();
  return 0;
}
