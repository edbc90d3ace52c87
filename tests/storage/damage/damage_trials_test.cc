// Damage trials: a small database is built once; each trial writes a damaged
// copy of its data file (bytes flipped inside a record, inside a record key,
// anywhere in the used pages, in a meta page; or the file truncated), then
// runs `verify`'s checks and a few queries, each in a forked child so that a
// crash is seen as a signal instead of ending the test.
//
// The rules: verify never crashes; damage inside a record or a key, and a
// truncation, is always reported; a query never crashes on record or key
// damage and gives either the undamaged answer or a storage error. Damage to
// page structure (headers, offsets) may make LMDB itself misread, so there
// only crashes and silent wrong answers are counted, and they are printed.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "guanxi/guanxi.h"
#include "storage/cursor.h"
#include "storage/graph.h"
#include "storage/integrity_check.h"
#include "storage/page_check.h"
#include "tests/support/file_bytes.h"
#include "tests/support/temp_dir.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;
using test_support::read_file;
using test_support::write_file;

const std::vector<std::string> kQueries = {
    "MATCH (p:Person) RETURN count(p) AS n, sum(p.age) AS s",
    "MATCH (p:Person) RETURN p ORDER BY p.name",
    "MATCH (a:Person)-[k:KNOWS]->(b:Person) RETURN count(k), sum(k.since), sum(a.age + b.age)",
    "MATCH (p:Person) WHERE p.age = 33 RETURN p.name AS name ORDER BY name",
    "MATCH (p:Person {name: 'person-7'})-[k]-(q) RETURN q.name AS n, k.since AS s ORDER BY n, s",
};

// One line per query: "R <rows>" or "E <error code name>".
std::vector<std::string> run_queries(const fs::path& db) {
  std::vector<std::string> out;
  Options options;
  options.create_if_missing = false;
  options.read_only = true;
  std::optional<Database> database;
  try {
    database.emplace(Database::open(db.string(), options));
  } catch (const Error& e) {
    return std::vector<std::string>(kQueries.size(), std::string("E ") + e.code_name());
  }
  Session session = database->session();
  for (const std::string& q : kQueries) {
    try {
      std::string rows;
      for (const guanxi::Row& row : session.query(q)) {
        for (const guanxi::Value& v : row) rows += v.to_string() + "|";
        rows += ";";
      }
      out.push_back("R " + rows);
    } catch (const Error& e) {
      out.push_back(std::string("E ") + e.code_name());
    }
  }
  return out;
}

// What `guanxi verify` decides: pages first, then the integrity check.
bool verify_finds_damage(const fs::path& db) {
  try {
    const PageCheckReport pages = check_pages(db);
    if (!pages.catalog_sound || pages.damaged_tables.count("meta")) return true;
    EnvironmentOptions o;
    o.create_if_missing = false;
    auto graph = Graph::open(db, o);
    IntegrityOptions options;
    options.pages = &pages;
    return !check_integrity(*graph, options).ok();
  } catch (const StorageError&) {
    return true;  // refused to open: reported as an error naming the file
  }
}

// Runs `body` in a forked child that writes its lines to a pipe. Returns the
// lines, and the signal that ended the child (0 when it exited).
template <typename Body>
std::pair<std::vector<std::string>, int> in_child(Body&& body) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe");
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    std::string text;
    for (const std::string& line : body()) text += line + "\n";
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = write(fds[1], text.data() + done, text.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    _exit(0);
  }
  close(fds[1]);
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) text.append(buffer, n);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    lines.push_back(text.substr(start, nl - start));
  return {lines, WIFSIGNALED(status) ? WTERMSIG(status) : 0};
}

struct Tally {
  int trials = 0, detected = 0, verify_crashes = 0, query_crashes = 0, wrong = 0;
  int missed = 0;  // verify said OK, yet a query crashed or answered wrong
  std::string first_wrong;
};

class DamageTrials : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test_support::TempDir();
    original_ = dir_->path() / "original";
    build(original_);
    data_ = read_file(original_ / "data.mdb");
    expected_ = run_queries(original_);
    locate(original_);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  // 300 people (a few with values long enough for overflow pages), 600
  // relationships with a property, an index and a unique constraint.
  static void build(const fs::path& db) {
    Options o;
    o.durable = false;
    Database database = Database::open(db.string(), o);
    Session s = database.session();
    s.execute("CREATE INDEX FOR (p:Person) ON (p.age)");
    s.execute("CREATE CONSTRAINT FOR (p:Person) REQUIRE p.name IS UNIQUE");
    s.execute(
        "UNWIND range(0, 299) AS i CREATE (:Person {name: 'person-' + toString(i), age: 20 + i "
        "% 50, note: CASE WHEN i % 97 = 0 THEN reduce(s = '', x IN range(1, 600) | s + 'long "
        "') ELSE 'n' + toString(i) END})");
    s.execute(
        "MATCH (a:Person), (b:Person) WHERE b.name = 'person-' + toString((toInteger(substring("
        "a.name, 7)) * 7 + 1) % 300) OR b.name = 'person-' + toString((toInteger(substring(a.name, "
        "7)) + 1) % 300) CREATE (a)-[:KNOWS {since: 2000 + toInteger(substring(a.name, 7)) % "
        "20}]->(b)");
  }

  // Where the records and their keys lie in the data file.
  static void locate(const fs::path& db) {
    EnvironmentOptions o;
    o.create_if_missing = false;
    o.read_only = true;
    auto graph = Graph::open(db, o);
    MDB_stat st;
    mdb_env_stat(graph->env().raw(), &st);
    page_size_ = st.ms_psize;
    // The map is page-aligned and every page starts with its own number, so
    // an address in the map gives its file offset.
    const auto offset_of = [&](const void* at) {
      const auto address = reinterpret_cast<std::uintptr_t>(at);
      const std::uintptr_t page = address & ~std::uintptr_t{page_size_ - 1};
      std::uint64_t number;
      std::memcpy(&number, static_cast<const char*>(at) - (address - page), 8);
      return static_cast<std::ptrdiff_t>(number * page_size_ + (address - page));
    };
    ReadTransaction txn = graph->read();
    for (MDB_dbi dbi : {graph->env().dbi().nodes, graph->env().dbi().relationships}) {
      Cursor cur(txn, dbi);
      MDB_val k, v;
      for (bool more = cur.get(k, v, MDB_FIRST); more; more = cur.get(k, v, MDB_NEXT)) {
        records_.push_back({offset_of(v.mv_data), v.mv_size});
        keys_.push_back({offset_of(k.mv_data), k.mv_size});
      }
    }
    used_ = graph->env().used_bytes();
  }

  // Runs one trial on `damaged` (the whole data file); `strict`: record or
  // key damage, which must be detected and must never give a wrong answer.
  void trial(const std::string& damaged, bool strict, Tally& tally, const std::string& what) {
    const fs::path db = dir_->path() / ("trial-" + std::to_string(++count_));
    fs::create_directories(db);
    write_file(db / "data.mdb", damaged);
    ++tally.trials;
    const int detected_before = tally.detected, crashes_before = tally.query_crashes,
              wrong_before = tally.wrong;
    auto [verdict, verify_signal] =
        in_child([&] { return std::vector<std::string>{verify_finds_damage(db) ? "1" : "0"}; });
    if (verify_signal) {
      ++tally.verify_crashes;
      ADD_FAILURE() << what << ": verify died of signal " << verify_signal;
    } else if (!verdict.empty() && verdict[0] == "1") {
      ++tally.detected;
    } else if (strict) {
      ADD_FAILURE() << what << ": verify found nothing";
    }
    auto [answers, query_signal] = in_child([&] { return run_queries(db); });
    if (query_signal) {
      ++tally.query_crashes;
      if (strict) ADD_FAILURE() << what << ": a query died of signal " << query_signal;
    } else {
      for (std::size_t i = 0; i < kQueries.size() && i < answers.size(); ++i) {
        if (answers[i] == expected_[i] || answers[i] == "E storage") continue;
        ++tally.wrong;
        if (tally.first_wrong.empty()) tally.first_wrong = what + ": " + kQueries[i];
        if (strict) {
          ADD_FAILURE() << what << ": " << kQueries[i] << "\n  got " << answers[i].substr(0, 300)
                        << "\n  not " << expected_[i].substr(0, 300);
        }
        break;
      }
    }
    if (tally.detected == detected_before &&
        (tally.query_crashes != crashes_before || tally.wrong != wrong_before)) {
      ++tally.missed;
    }
    fs::remove_all(db);
  }

  static void print(const char* kind, const Tally& t) {
    std::printf(
        "damage %-8s trials %4d  detected %4d  verify crashes %d  query crashes %d  silent wrong "
        "answers %d  missed by verify %d%s%s\n",
        kind, t.trials, t.detected, t.verify_crashes, t.query_crashes, t.wrong, t.missed,
        t.first_wrong.empty() ? "" : "  first: ", t.first_wrong.c_str());
  }

  static inline test_support::TempDir* dir_ = nullptr;
  static inline fs::path original_;
  static inline std::string data_;
  static inline std::vector<std::string> expected_;
  static inline std::vector<std::pair<std::ptrdiff_t, std::size_t>> records_, keys_;
  static inline std::uint64_t used_ = 0;
  static inline std::size_t page_size_ = 0;
  static inline int count_ = 0;
};

std::string flip(std::string data, std::size_t at, std::mt19937_64& rng) {
  data[at] = static_cast<char>(data[at] ^ static_cast<char>(1 + rng() % 255));
  return data;
}

TEST_F(DamageTrials, TheUndamagedDatabaseAnswersAndVerifies) {
  ASSERT_GT(records_.size(), 800u);
  ASSERT_GT(used_, 40 * page_size_) << "too small to have branch and overflow pages";
  for (const std::string& answer : expected_) ASSERT_EQ(answer.substr(0, 2), "R ") << answer;
  for (const auto& [at, size] : records_) ASSERT_LE(at + size, data_.size());
  // Each located key is the id its record is stored under.
  ASSERT_EQ(data_.substr(keys_[0].first, 8), std::string(8, '\0'));
  EXPECT_FALSE(verify_finds_damage(original_));
}

TEST_F(DamageTrials, AByteChangedInARecordIsReportedAndNeverAnsweredWrong) {
  std::mt19937_64 rng(1);
  Tally tally;
  for (int i = 0; i < 200; ++i) {
    const auto [at, size] = records_[rng() % records_.size()];
    const std::size_t offset = static_cast<std::size_t>(at) + rng() % size;
    trial(flip(data_, offset, rng), true, tally, "record byte at " + std::to_string(offset));
  }
  print("record", tally);
  EXPECT_EQ(tally.detected, tally.trials);
}

TEST_F(DamageTrials, AByteChangedInARecordKeyIsReportedAndNeverAnsweredWrong) {
  std::mt19937_64 rng(2);
  Tally tally;
  for (int i = 0; i < 80; ++i) {
    const auto [at, size] = keys_[rng() % keys_.size()];
    const std::size_t offset = static_cast<std::size_t>(at) + rng() % size;
    trial(flip(data_, offset, rng), true, tally, "key byte at " + std::to_string(offset));
  }
  print("key", tally);
  EXPECT_EQ(tally.detected, tally.trials);
}

TEST_F(DamageTrials, RandomBytesAnywhereNeverCrashVerify) {
  std::mt19937_64 rng(3);
  Tally tally;
  for (int i = 0; i < 180; ++i) {
    std::string damaged = data_;
    std::string what = "bytes at";
    const int n = 1 + static_cast<int>(rng() % 8);
    for (int b = 0; b < n; ++b) {
      // Past the two meta pages: branch, leaf and overflow pages of every table.
      const std::size_t offset = 2 * page_size_ + rng() % (used_ - 2 * page_size_);
      damaged = flip(std::move(damaged), offset, rng);
      what += " " + std::to_string(offset);
    }
    trial(damaged, false, tally, what);
  }
  print("pages", tally);
  EXPECT_EQ(tally.missed, 0) << "damage that verify passed changed an answer";
}

TEST_F(DamageTrials, ChangedMetaPagesNeverCrash) {
  std::mt19937_64 rng(4);
  Tally tally;
  for (int i = 0; i < 40; ++i) {
    // The meta itself: its 16-byte page header and 136 bytes of fields.
    const std::size_t offset = (rng() % 2) * page_size_ + rng() % 152;
    trial(flip(data_, offset, rng), false, tally, "meta byte at " + std::to_string(offset));
  }
  print("meta", tally);
  EXPECT_EQ(tally.missed, 0) << "damage that verify passed changed an answer";
}

TEST_F(DamageTrials, TruncatedFilesAreRefusedAndReported) {
  std::mt19937_64 rng(5);
  Tally tally;
  for (int i = 0; i < 40; ++i) {
    std::size_t size = i == 0 ? 0 : i == 1 ? used_ - page_size_ : rng() % used_;
    trial(data_.substr(0, size), true, tally, "truncated to " + std::to_string(size));
  }
  print("truncate", tally);
  EXPECT_EQ(tally.detected, tally.trials);
}

}  // namespace
}  // namespace guanxi::storage
