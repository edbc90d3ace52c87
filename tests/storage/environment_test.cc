// Environment: format checks, foreign directories, read-only use, map growth,
// read transaction reuse across threads, and rollback of a failed write.
#include "storage/environment.h"

#include <gtest/gtest.h>
#include <lmdb.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "storage/bytes.h"
#include "storage/graph.h"
#include "storage/integrity_check.h"
#include "tests/storage/expect_storage_error.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;
using testing::expect_storage_error;

class EnvironmentTest : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(root_); }

  static EnvironmentOptions fast() {
    EnvironmentOptions o;
    o.durable = false;
    return o;
  }

  test_support::TempDir dir_;  // removed with the fixture
  const fs::path root_ = dir_.path();
};

// Opens `dir` with raw LMDB (no Guanxi code) and runs f(txn, env).
template <typename F>
void with_raw_lmdb(const fs::path& dir, F&& f) {
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  mdb_env_set_maxdbs(env, 16);
  mdb_env_set_mapsize(env, std::size_t{1} << 24);
  ASSERT_EQ(mdb_env_open(env, dir.c_str(), 0, 0644), 0);
  MDB_txn* txn = nullptr;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
  f(txn);
  ASSERT_EQ(mdb_txn_commit(txn), 0);
  mdb_env_close(env);
}

void raw_put(MDB_txn* txn, MDB_dbi dbi, std::string_view key, std::string_view value) {
  MDB_val k = to_val(key), v = to_val(value);
  ASSERT_EQ(mdb_put(txn, dbi, &k, &v, 0), 0);
}

TEST_F(EnvironmentTest, CreatesAndReopensADatabase) {
  const fs::path db = root_ / "db";
  {
    auto env = Environment::open(db, fast());
    EXPECT_TRUE(fs::exists(db / "data.mdb"));
    EXPECT_FALSE(env->read_only());
    env->write([&](WriteTransaction& txn) { txn.put(env->dbi().meta, "test-key", "value-1"); });
  }
  auto env = Environment::open(db, fast());
  ReadTransaction txn = env->read();
  EXPECT_EQ(txn.get(env->dbi().meta, "test-key").value_or(""), "value-1");
}

TEST_F(EnvironmentTest, RefusesANewerFormatVersion) {
  const fs::path db = root_ / "db";
  { Environment::open(db, fast()); }
  with_raw_lmdb(db, [&](MDB_txn* txn) {
    MDB_dbi meta;
    ASSERT_EQ(mdb_dbi_open(txn, "meta", 0, &meta), 0);
    char version[4];
    put_be32(version, kFormatVersion + 1);
    raw_put(txn, meta, "format", std::string_view(version, 4));
  });
  const StorageError e = expect_storage_error([&] { Environment::open(db, fast()); });
  EXPECT_EQ(e.code(), ErrorCode::kFormat);
  EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find(std::to_string(kFormatVersion + 1)), std::string::npos)
      << e.what();
  // The graph facade refuses it the same way, also read-only.
  EnvironmentOptions ro = fast();
  ro.read_only = true;
  EXPECT_EQ(expect_storage_error([&] { Graph::open(db, ro); }).code(), ErrorCode::kFormat);
  EXPECT_EQ(expect_storage_error([&] { Graph::open(db, fast()); }).code(), ErrorCode::kFormat);
}

TEST_F(EnvironmentTest, RefusesAnOlderFormatVersion) {
  const fs::path db = root_ / "db";
  { Environment::open(db, fast()); }
  with_raw_lmdb(db, [&](MDB_txn* txn) {
    MDB_dbi meta;
    ASSERT_EQ(mdb_dbi_open(txn, "meta", 0, &meta), 0);
    char version[4];
    put_be32(version, kFormatVersion - 1);
    raw_put(txn, meta, "format", std::string_view(version, 4));
  });
  const StorageError e = expect_storage_error([&] { Graph::open(db, fast()); });
  EXPECT_EQ(e.code(), ErrorCode::kFormat);
  EXPECT_NE(std::string(e.what()).find("older"), std::string::npos) << e.what();
}

TEST_F(EnvironmentTest, RefusesADirectoryWithForeignFiles) {
  const fs::path dir = root_ / "notes";
  fs::create_directories(dir);
  std::ofstream(dir / "todo.txt") << "buy milk\n";
  const StorageError e = expect_storage_error([&] { Environment::open(dir, fast()); });
  EXPECT_EQ(e.code(), ErrorCode::kFormat) << e.what();
  EXPECT_NE(std::string(e.what()).find(dir.string()), std::string::npos) << e.what();
  // Read-only (as `guanxi verify` opens) it is refused the same way.
  EnvironmentOptions ro = fast();
  ro.read_only = true;
  const StorageError ro_error = expect_storage_error([&] { Environment::open(dir, ro); });
  EXPECT_EQ(ro_error.code(), ErrorCode::kFormat) << ro_error.what();
  // Bad input changes nothing: no LMDB files appear beside the foreign one.
  EXPECT_FALSE(fs::exists(dir / "data.mdb"));
  EXPECT_FALSE(fs::exists(dir / "lock.mdb"));
  std::ifstream in(dir / "todo.txt");
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "buy milk");
}

TEST_F(EnvironmentTest, RefusesAPlainFile) {
  const fs::path file = root_ / "file.gx";
  std::ofstream(file) << "not a database";
  EXPECT_EQ(expect_storage_error([&] { Environment::open(file, fast()); }).code(),
            ErrorCode::kFormat);
}

TEST_F(EnvironmentTest, RefusesAnLmdbEnvironmentWithoutOurMarker) {
  // Another program's LMDB database: keys in the main table.
  const fs::path plain = root_ / "plain";
  fs::create_directories(plain);
  with_raw_lmdb(plain, [&](MDB_txn* txn) {
    MDB_dbi main;
    ASSERT_EQ(mdb_dbi_open(txn, nullptr, 0, &main), 0);
    raw_put(txn, main, "hello", "world");
    raw_put(txn, main, "answer", "42");
  });
  const StorageError e = expect_storage_error([&] { Environment::open(plain, fast()); });
  EXPECT_EQ(e.code(), ErrorCode::kFormat) << e.what();
  EXPECT_NE(std::string(e.what()).find("not a Guanxi database"), std::string::npos) << e.what();

  // One with named tables, one of them called "meta" but without our marker.
  const fs::path named = root_ / "named";
  fs::create_directories(named);
  with_raw_lmdb(named, [&](MDB_txn* txn) {
    MDB_dbi meta, other;
    ASSERT_EQ(mdb_dbi_open(txn, "meta", MDB_CREATE, &meta), 0);
    ASSERT_EQ(mdb_dbi_open(txn, "orders", MDB_CREATE, &other), 0);
    raw_put(txn, meta, "schema", "v7");
    raw_put(txn, other, "order-1", "3 apples");
  });
  EXPECT_EQ(expect_storage_error([&] { Environment::open(named, fast()); }).code(),
            ErrorCode::kFormat);

  // A "meta" table with a foreign magic value.
  const fs::path magic = root_ / "magic";
  fs::create_directories(magic);
  with_raw_lmdb(magic, [&](MDB_txn* txn) {
    MDB_dbi meta;
    ASSERT_EQ(mdb_dbi_open(txn, "meta", MDB_CREATE, &meta), 0);
    raw_put(txn, meta, "magic", "someone-else");
  });
  EXPECT_EQ(expect_storage_error([&] { Environment::open(magic, fast()); }).code(),
            ErrorCode::kFormat);

  // The refusals left the foreign data as it was.
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  mdb_env_set_maxdbs(env, 16);
  ASSERT_EQ(mdb_env_open(env, plain.c_str(), MDB_RDONLY, 0644), 0);
  MDB_txn* txn = nullptr;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn), 0);
  MDB_dbi main;
  ASSERT_EQ(mdb_dbi_open(txn, nullptr, 0, &main), 0);
  MDB_stat st;
  ASSERT_EQ(mdb_stat(txn, main, &st), 0);
  EXPECT_EQ(st.ms_entries, 2u) << "the foreign database was modified";
  mdb_txn_abort(txn);
  mdb_env_close(env);
}

TEST_F(EnvironmentTest, MissingDirectoryWithoutCreateIsNotFound) {
  const fs::path db = root_ / "missing";
  EnvironmentOptions o = fast();
  o.create_if_missing = false;
  const StorageError e = expect_storage_error([&] { Environment::open(db, o); });
  EXPECT_EQ(e.code(), ErrorCode::kNotFound);
  EXPECT_NE(std::string(e.what()).find(db.string()), std::string::npos) << e.what();
  EXPECT_FALSE(fs::exists(db)) << "a refused open created the directory";

  EnvironmentOptions ro = fast();
  ro.read_only = true;
  EXPECT_EQ(expect_storage_error([&] { Environment::open(db, ro); }).code(), ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(db));

  // An existing empty directory holds no database yet: refused without
  // create, left empty; with create it becomes one.
  const fs::path empty = root_ / "empty";
  fs::create_directories(empty);
  EXPECT_EQ(expect_storage_error([&] { Environment::open(empty, o); }).code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(expect_storage_error([&] { Environment::open(empty, ro); }).code(),
            ErrorCode::kNotFound);
  EXPECT_TRUE(fs::is_empty(empty));
  Environment::open(empty, fast());
  EXPECT_TRUE(fs::exists(empty / "data.mdb"));
}

TEST_F(EnvironmentTest, ReadOnlyOpenReadsAndRefusesWrites) {
  const fs::path db = root_ / "db";
  NodeId ada = 0;
  PropertyKeyId name_key = 0;
  {
    auto graph = Graph::open(db, fast());
    graph->write([&](WriteTransaction& txn) {
      const LabelId person = graph->dictionary().intern(txn, NameKind::kLabel, "Person");
      name_key = graph->dictionary().intern(txn, NameKind::kPropertyKey, "name");
      ada = graph->create_node(txn, {person}, {{name_key, Value("Ada")}});
    });
  }
  EnvironmentOptions ro = fast();
  ro.read_only = true;
  auto graph = Graph::open(db, ro);
  EXPECT_TRUE(graph->env().read_only());
  {
    ReadTransaction txn = graph->read();
    const auto rec = graph->get_node(txn, ada);
    ASSERT_TRUE(rec.has_value());
    ASSERT_NE(find_property(rec->properties, name_key), nullptr);
    EXPECT_EQ(find_property(rec->properties, name_key)->as_string(), "Ada");
    EXPECT_EQ(graph->counters().node_count(txn), 1u);
  }
  const StorageError e = expect_storage_error([&] {
    graph->write(
        [&](WriteTransaction& txn) { graph->set_node_property(txn, ada, name_key, Value("Bob")); });
  });
  EXPECT_EQ(e.code(), ErrorCode::kReadOnly);
  EXPECT_TRUE(check_integrity(*graph).ok());
  ReadTransaction txn = graph->read();
  EXPECT_EQ(find_property(graph->get_node(txn, ada)->properties, name_key)->as_string(), "Ada");
}

TEST_F(EnvironmentTest, MapGrowsFromOneMebibyteToHoldFiftyMegabytes) {
  EnvironmentOptions o = fast();
  o.initial_map_size = std::size_t{1} << 20;
  auto graph = Graph::open(root_ / "db", o);
  const std::size_t initial = graph->env().map_size();
  EXPECT_LE(initial, std::size_t{2} << 20);

  // 50 MB in all: one transaction of 10 MB (grown inside one write) and then
  // 40 transactions of 1 MB.
  const std::string blob(1000, 'x');
  PropertyKeyId blob_key = 0, idx_key = 0;
  LabelId label = 0;
  std::int64_t written = 0;
  auto write_batch = [&](int nodes) {
    graph->write([&](WriteTransaction& txn) {
      label = graph->dictionary().intern(txn, NameKind::kLabel, "Blob");
      blob_key = graph->dictionary().intern(txn, NameKind::kPropertyKey, "blob");
      idx_key = graph->dictionary().intern(txn, NameKind::kPropertyKey, "i");
      std::int64_t i = written;
      for (int n = 0; n < nodes; ++n, ++i) {
        graph->create_node(txn, {label}, {{blob_key, Value(blob)}, {idx_key, Value(i)}});
      }
    });
    written += nodes;
  };
  write_batch(10'000);
  for (int t = 0; t < 40; ++t) write_batch(1'000);

  EXPECT_GE(graph->env().map_size(), std::size_t{50} << 20);
  EXPECT_GT(graph->env().map_size(), initial);
  EXPECT_GE(graph->env().used_bytes(), std::uint64_t{50'000'000});
  ReadTransaction txn = graph->read();
  EXPECT_EQ(graph->counters().node_count(txn), 50'000u);
  EXPECT_EQ(graph->count_label(txn, label), 50'000u);
  // Every node is there exactly once, with its whole value.
  std::vector<bool> seen(50'000, false);
  std::uint64_t whole = 0;
  graph->scan_nodes(txn, [&](NodeId id, std::string_view bytes) {
    const NodeRecord rec = decode_node(bytes, id);
    const Value* i = find_property(rec.properties, idx_key);
    ASSERT_NE(i, nullptr);
    ASSERT_GE(i->as_int(), 0);
    ASSERT_LT(i->as_int(), 50'000);
    EXPECT_FALSE(seen[static_cast<std::size_t>(i->as_int())]);
    seen[static_cast<std::size_t>(i->as_int())] = true;
    if (find_property(rec.properties, blob_key)->as_string() == blob) ++whole;
  });
  EXPECT_EQ(whole, 50'000u);
}

TEST_F(EnvironmentTest, ReadTransactionsAreReusedAcrossThreads) {
  auto env = Environment::open(root_ / "db", fast());
  const MDB_dbi meta = env->dbi().meta;
  env->write([&](WriteTransaction& txn) { txn.put(meta, "counter", "0"); });

  // A snapshot taken in one thread is used in another (MDB_NOTLS) and keeps
  // seeing its own moment while a writer moves on.
  ReadTransaction old_snapshot = env->read();
  env->write([&](WriteTransaction& txn) { txn.put(meta, "counter", "1"); });
  std::string seen_in_thread;
  std::thread([&] {
    ReadTransaction moved = std::move(old_snapshot);
    seen_in_thread = std::string(moved.get(meta, "counter").value_or("?"));
  }).join();
  EXPECT_EQ(seen_in_thread, "0");

  // Threads take and release many snapshots; each sees a value at least as new
  // as the last commit before it began (a renewed pooled transaction must not
  // show an old snapshot).
  std::atomic<int> committed{1};
  std::atomic<bool> stop{false};
  std::atomic<int> stale{0}, reads{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 6; ++r) {
    readers.emplace_back([&] {
      while (!stop) {
        const int floor = committed.load();
        ReadTransaction txn = env->read();
        const int value = std::stoi(std::string(txn.get(meta, "counter").value_or("-1")));
        if (value < floor) ++stale;
        ++reads;
      }
    });
  }
  for (int i = 2; i <= 300; ++i) {
    env->write([&](WriteTransaction& txn) { txn.put(meta, "counter", std::to_string(i)); });
    committed = i;
  }
  // On a loaded machine the readers may not have run yet: give them time.
  for (int waited = 0; reads.load() <= 300 && waited < 10000; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(stale.load(), 0);
  EXPECT_GT(reads.load(), 300);
  ReadTransaction txn = env->read();
  EXPECT_EQ(txn.get(meta, "counter").value_or(""), "300");
}

TEST_F(EnvironmentTest, AWriteWhoseBodyThrowsLeavesNothingBehind) {
  auto graph = Graph::open(root_ / "db", fast());
  NodeId keep = 0;
  PropertyKeyId name = 0;
  LabelId person = 0;
  graph->write([&](WriteTransaction& txn) {
    person = graph->dictionary().intern(txn, NameKind::kLabel, "Person");
    name = graph->dictionary().intern(txn, NameKind::kPropertyKey, "name");
    keep = graph->create_node(txn, {person}, {{name, Value("Ada")}});
  });

  struct Boom : std::runtime_error {
    Boom() : std::runtime_error("boom") {}
  };
  EXPECT_THROW(graph->write([&](WriteTransaction& txn) {
    const LabelId ghost = graph->dictionary().intern(txn, NameKind::kLabel, "Ghost");
    const PropertyKeyId haunt = graph->dictionary().intern(txn, NameKind::kPropertyKey, "haunt");
    const TypeId spooks = graph->dictionary().intern(txn, NameKind::kType, "SPOOKS");
    const NodeId g = graph->create_node(txn, {ghost, person}, {{haunt, Value(1)}});
    graph->create_relationship(txn, g, keep, spooks, {});
    graph->set_node_property(txn, keep, name, Value("changed"));
    graph->add_label(txn, keep, ghost);
    graph->create_index(txn, person, name, true);
    throw Boom();
  }),
               Boom);

  ReadTransaction txn = graph->read();
  EXPECT_EQ(graph->counters().node_count(txn), 1u);
  EXPECT_EQ(graph->counters().relationship_count(txn), 0u);
  EXPECT_FALSE(graph->dictionary().find(txn, NameKind::kLabel, "Ghost").has_value());
  EXPECT_FALSE(graph->dictionary().find(txn, NameKind::kPropertyKey, "haunt").has_value());
  EXPECT_FALSE(graph->dictionary().find(txn, NameKind::kType, "SPOOKS").has_value());
  EXPECT_FALSE(graph->indexes().find(txn, person, name).has_value());
  EXPECT_EQ(graph->count_label(txn, person), 1u);
  const auto rec = graph->get_node(txn, keep);
  ASSERT_TRUE(rec.has_value());
  EXPECT_EQ(rec->labels, std::vector<LabelId>{person});
  EXPECT_EQ(find_property(rec->properties, name)->as_string(), "Ada");
  EXPECT_FALSE(graph->node_exists(txn, keep + 1));
  EXPECT_TRUE(neighbours(txn, keep, Direction::kBoth).empty());
  EXPECT_TRUE(check_integrity(*graph).ok());

  // The names of the failed transaction get fresh ids when a later one
  // creates them, and the database works on.
  graph->write([&](WriteTransaction& w) {
    const LabelId ghost = graph->dictionary().intern(w, NameKind::kLabel, "Ghost");
    EXPECT_EQ(graph->dictionary().name(w, NameKind::kLabel, ghost), "Ghost");
    graph->add_label(w, keep, ghost);
  });
  ReadTransaction after = graph->read();
  EXPECT_EQ(graph->get_node(after, keep)->labels.size(), 2u);
}

}  // namespace
}  // namespace guanxi::storage
