// Backup, scan and restore: a backup restores to the same database (id,
// counts, every record), its header describes it, every flipped byte and
// every truncation is found and named, and a restore that fails leaves the
// target as it was.
#include "storage/backup.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <string>
#include <vector>

#include "storage/backup_scan.h"
#include "storage/database_directory.h"
#include "storage/integrity_check.h"
#include "storage/restore.h"
#include "tests/storage/expect_storage_error.h"
#include "tests/support/file_bytes.h"
#include "tests/support/temp_dir.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;
using test_support::read_file;
using test_support::TempDir;
using test_support::TempGraph;
using test_support::write_file;
using testing::expect_storage_error;

// Every record of a database as text, in id order, for comparing two databases.
std::string describe(Graph& graph) {
  std::string out;
  ReadTransaction txn = graph.read();
  graph.scan_nodes(txn, [&](NodeId id, std::string_view bytes) {
    out += "n" + std::to_string(id) + ":" + std::string(bytes) + "\n";
  });
  graph.scan_relationship_records(txn, [&](RelationshipId id, std::string_view bytes) {
    out += "r" + std::to_string(id) + ":" + std::string(bytes) + "\n";
  });
  AdjacencyCursor adjacency(txn, Direction::kOut);
  adjacency.for_each_block(0, kNoId, [&](NodeId node, TypeId type, auto block) {
    for (const AdjacencyEntry& e : block) {
      out += "a" + std::to_string(node) + "-" + std::to_string(type) + "-" +
             std::to_string(e.other()) + ":" + std::to_string(e.relationship()) + "\n";
    }
  });
  return out;
}

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.path());
    fill(40);
  }

  // Customers with Chinese names, a chain of KNOWS relationships and a unique index.
  void fill(int n) {
    g_->write([&](WriteTransaction& txn) {
      auto& d = g_->dictionary();
      const LabelId customer = d.intern(txn, NameKind::kLabel, "Customer");
      const TypeId knows = d.intern(txn, NameKind::kType, "KNOWS");
      const PropertyKeyId name = d.intern(txn, NameKind::kPropertyKey, "name");
      const PropertyKeyId email = d.intern(txn, NameKind::kPropertyKey, "email");
      std::vector<NodeId> nodes;
      nodes.reserve(n);
      for (int i = 0; i < n; ++i) {
        nodes.push_back(g_->create_node(
            txn, {customer},
            {{name, "客户 " + std::to_string(i)}, {email, "c" + std::to_string(i) + "@x.cn"}}));
      }
      for (int i = 0; i + 1 < n; ++i)
        g_->create_relationship(txn, nodes[i], nodes[i + 1], knows, {});
      g_->create_index(txn, customer, email, true);
    });
  }

  fs::path path(const std::string& name) const { return dir_.path() / name; }

  BackupReport backup(const std::string& name, const BackupOptions& options = {}) {
    return backup_database(g_->env(), path(name), options);
  }

  TempDir dir_;
  TempGraph g_;
};

TEST_F(BackupTest, RestoresTheSameDatabase) {
  const BackupReport report = backup("a.gxbackup");
  EXPECT_EQ(report.header.nodes, 40u);
  EXPECT_EQ(report.header.relationships, 39u);
  EXPECT_EQ(report.header.database_id, g_->env().identity().id);
  EXPECT_FALSE(report.header.database_id.is_zero());
  EXPECT_EQ(report.header.database_format, kFormatVersion);
  EXPECT_EQ(report.file_bytes, fs::file_size(path("a.gxbackup")));
  EXPECT_GT(report.blocks, 0u);

  const RestoreReport restored = restore_database(path("a.gxbackup"), path("restored"));
  EXPECT_EQ(restored.database_bytes, report.database_bytes);
  EXPECT_FALSE(restored.replaced);
  auto copy = Graph::open(path("restored"), test_support::fast_options());
  EXPECT_EQ(copy->env().identity().id, g_->env().identity().id);
  EXPECT_EQ(describe(*copy), describe(*g_));
  EXPECT_TRUE(check_integrity(*copy).ok());
  // The restored database is a working one: it takes writes.
  copy->write([&](WriteTransaction& txn) { copy->create_node(txn, {}, {}); });
  // No staging directory is left beside it.
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".restored."), std::string::npos)
        << entry.path();
  }
}

TEST_F(BackupTest, ScanAndSummaryDescribeTheBackup) {
  BackupOptions small_blocks;
  small_blocks.block_size = 4096;
  const BackupReport report = backup("a.gxbackup", small_blocks);
  EXPECT_GT(report.blocks, 3u);
  const BackupScanReport scan = scan_backup(path("a.gxbackup"));
  EXPECT_TRUE(scan.ok());
  EXPECT_EQ(scan.blocks, report.blocks);
  EXPECT_EQ(scan.database_bytes, report.database_bytes);
  ASSERT_TRUE(scan.header && scan.trailer);
  EXPECT_EQ(scan.header->transaction_id, report.header.transaction_id);
  const BackupSummary summary = read_backup_summary(path("a.gxbackup"));
  EXPECT_EQ(summary.header.nodes, 40u);
  ASSERT_TRUE(summary.trailer);
  EXPECT_EQ(summary.trailer->blocks, report.blocks);
}

TEST_F(BackupTest, EveryFlippedByteIsFoundAndNamed) {
  BackupOptions small_blocks;
  small_blocks.block_size = 4096;
  backup("a.gxbackup", small_blocks);
  const std::string good = read_file(path("a.gxbackup"));
  ASSERT_LT(good.size(), 64u * 1024) << "the test flips every byte: keep the backup small";
  const fs::path bad = path("bad.gxbackup");
  for (std::size_t offset = 0; offset < good.size(); ++offset) {
    std::string flipped = good;
    flipped[offset] = static_cast<char>(flipped[offset] ^ (1 << (offset % 8)));
    if (offset < 8) {
      // The marker itself: not a backup at all.
      EXPECT_EQ(expect_storage_error([&] { scan_backup_bytes(flipped, "bad"); }).code(),
                ErrorCode::kFormat);
      continue;
    }
    // Checksums alone find every flip; decompressing too, now and then, checks
    // that the two kinds of check agree.
    BackupScanOptions options;
    options.decompress = offset % 13 == 0;
    const BackupScanReport scan = scan_backup_bytes(flipped, "bad", options);
    ASSERT_FALSE(scan.ok()) << "a flip at byte " << offset << " went unnoticed";
    const std::string& where = scan.problems.front().where;
    const bool named = where.find("header") != std::string::npos ||
                       where.find("block") != std::string::npos ||
                       where.find("trailer") != std::string::npos ||
                       where.find("end of file") != std::string::npos;
    EXPECT_TRUE(named) << offset << ": " << where;
    if (offset % 97 == 0) {
      // A restore of the damaged file writes nothing.
      write_file(bad, flipped);
      EXPECT_EQ(expect_storage_error([&] { restore_database(bad, path("r")); }).code(),
                ErrorCode::kCorruption);
      EXPECT_FALSE(fs::exists(path("r")));
    }
  }
}

TEST_F(BackupTest, AFlippedPayloadByteNamesItsBlock) {
  BackupOptions small_blocks;
  small_blocks.block_size = 4096;
  backup("a.gxbackup", small_blocks);
  std::string bytes = read_file(path("a.gxbackup"));
  // The first payload byte of block 1: past the header, block 0 and block 1's header.
  const std::uint32_t block0_payload = get_le32(bytes.data() + kBackupHeaderSize + 4);
  const std::size_t block1 = kBackupHeaderSize + kBlockHeaderSize + block0_payload;
  bytes[block1 + kBlockHeaderSize] ^= 0x10;
  write_file(path("bad.gxbackup"), bytes);
  const BackupScanReport scan = scan_backup(path("bad.gxbackup"));
  ASSERT_EQ(scan.problem_count, 1u);
  EXPECT_EQ(scan.problems[0].where.rfind("block 1 (bytes " + std::to_string(block1) + "-", 0), 0u)
      << scan.problems[0].where;
  EXPECT_EQ(scan.problems[0].message, "payload checksum mismatch");
  const StorageError e =
      expect_storage_error([&] { restore_database(path("bad.gxbackup"), path("r")); });
  EXPECT_NE(std::string(e.what()).find("block 1"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("nothing was restored"), std::string::npos) << e.what();
}

TEST_F(BackupTest, EveryTruncationIsFound) {
  BackupOptions small_blocks;
  small_blocks.block_size = 4096;
  backup("a.gxbackup", small_blocks);
  const std::string good = read_file(path("a.gxbackup"));
  for (std::size_t size = 8; size < good.size(); size += (size < 200 ? 1 : 37)) {
    write_file(path("cut.gxbackup"), std::string_view(good).substr(0, size));
    const BackupScanReport scan = scan_backup(path("cut.gxbackup"));
    ASSERT_FALSE(scan.ok()) << "a cut at " << size << " went unnoticed";
    EXPECT_NE(scan.problems.back().message.find("truncated"), std::string::npos)
        << size << ": " << scan.problems.back().where << ": " << scan.problems.back().message;
  }
  // Bytes appended after the trailer are reported too.
  write_file(path("long.gxbackup"), good + "x");
  EXPECT_FALSE(scan_backup(path("long.gxbackup")).ok());
}

TEST_F(BackupTest, NotABackupIsAClearError) {
  write_file(path("notes.txt"), "hello, this is not a backup\n");
  const StorageError e = expect_storage_error([&] { scan_backup(path("notes.txt")); });
  EXPECT_EQ(e.code(), ErrorCode::kFormat);
  EXPECT_NE(std::string(e.what()).find("is not a Guanxi backup"), std::string::npos) << e.what();
  EXPECT_EQ(expect_storage_error([&] { restore_database(path("notes.txt"), path("r")); }).code(),
            ErrorCode::kFormat);
  EXPECT_EQ(expect_storage_error([&] { restore_database(path("missing"), path("r")); }).code(),
            ErrorCode::kNotFound);
  write_file(path("empty"), "");
  EXPECT_EQ(expect_storage_error([&] { scan_backup(path("empty")); }).code(), ErrorCode::kFormat);
  EXPECT_FALSE(fs::exists(path("r")));
}

TEST_F(BackupTest, RestoreRefusesToOverwriteUnlessAsked) {
  backup("a.gxbackup");
  restore_database(path("a.gxbackup"), path("db"));
  const StorageError e =
      expect_storage_error([&] { restore_database(path("a.gxbackup"), path("db")); });
  EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(std::string(e.what()).find("--force"), std::string::npos) << e.what();

  // With overwrite, a changed database is replaced by the backup's.
  {
    auto db = Graph::open(path("db"), test_support::fast_options());
    db->write([&](WriteTransaction& txn) { db->create_node(txn, {}, {}); });
  }
  RestoreOptions force;
  force.overwrite = true;
  EXPECT_TRUE(restore_database(path("a.gxbackup"), path("db"), force).replaced);
  auto db = Graph::open(path("db"), test_support::fast_options());
  EXPECT_EQ(describe(*db), describe(*g_));

  // A directory that holds other files is never replaced, forced or not.
  fs::create_directories(path("photos"));
  write_file(path("photos") / "cat.jpg", "meow");
  EXPECT_EQ(expect_storage_error([&] {
              restore_database(path("a.gxbackup"), path("photos"), force);
            }).code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(read_file(path("photos") / "cat.jpg"), "meow");
  // Nor is a plain file.
  write_file(path("plain"), "text");
  EXPECT_EQ(expect_storage_error([&] {
              restore_database(path("a.gxbackup"), path("plain"), force);
            }).code(),
            ErrorCode::kInvalidArgument);
}

TEST_F(BackupTest, RestoreRefusesADatabaseOpenInAnotherProcess) {
  backup("a.gxbackup");
  restore_database(path("a.gxbackup"), path("db"));
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  if (child == 0) {
    {
      auto db = Graph::open(path("db"), test_support::fast_options());
      char c = 1;
      if (::write(ready[1], &c, 1) != 1) ::_exit(2);
      ::pause();
    }
    ::_exit(0);
  }
  char c;
  ASSERT_EQ(::read(ready[0], &c, 1), 1);
  RestoreOptions force;
  force.overwrite = true;
  const StorageError e =
      expect_storage_error([&] { restore_database(path("a.gxbackup"), path("db"), force); });
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(std::string(e.what()).find("open in another process"), std::string::npos) << e.what();
  // Once the other process is gone the restore goes ahead.
  EXPECT_TRUE(restore_database(path("a.gxbackup"), path("db"), force).replaced);
}

TEST_F(BackupTest, BackupRefusesToOverwriteUnlessAsked) {
  backup("a.gxbackup");
  const std::string first = read_file(path("a.gxbackup"));
  EXPECT_EQ(expect_storage_error([&] { backup("a.gxbackup"); }).code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(read_file(path("a.gxbackup")), first);
  g_->write([&](WriteTransaction& txn) {
    for (int i = 0; i < 5; ++i) g_->create_node(txn, {}, {});
  });
  BackupOptions overwrite;
  overwrite.overwrite = true;
  EXPECT_EQ(backup("a.gxbackup", overwrite).header.nodes, 45u);
}

TEST_F(BackupTest, AFullDiskLeavesNoFile) {
  // A file size limit makes the backup's writes fail as a full disk does
  // (EFBIG instead of ENOSPC); run it in a child so the limit stays there.
  const fs::path target = path("full.gxbackup");
  const pid_t child = ::fork();
  if (child == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit {
      2048, 2048
    };
    ::setrlimit(RLIMIT_FSIZE, &limit);
    try {
      // The parent's environment must not be used after fork: open it anew.
      auto graph = Graph::open(g_.path(), test_support::fast_options());
      backup_database(graph->env(), target, {});
    } catch (const StorageError& e) {
      const bool clear = e.code() == ErrorCode::kIo &&
                         std::string(e.what()).find("writing backup") != std::string::npos &&
                         std::string(e.what()).find("File too large") != std::string::npos;
      ::_exit(clear ? 0 : 3);
    }
    ::_exit(4);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_FALSE(fs::exists(target));
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    EXPECT_EQ(entry.path().filename().string().find("full.gxbackup"), std::string::npos)
        << "left behind: " << entry.path();
  }
  EXPECT_TRUE(check_integrity(*g_).ok());
}

TEST_F(BackupTest, ARestoredBackupOfAnOlderFormatKeepsItsFormat) {
  // Restoring does not upgrade: the database comes back as it was.
  const BackupReport report = backup("a.gxbackup");
  EXPECT_EQ(report.header.database_format, kFormatVersion);
  std::string bytes = read_file(path("a.gxbackup"));
  // A header claiming a newer database format is refused before any write.
  BackupHeader newer = report.header;
  newer.database_format = kFormatVersion + 1;
  const std::string header = encode_backup_header(newer);
  bytes.replace(0, header.size(), header);
  // (The trailer names the old header's checksum; the format check comes first.)
  write_file(path("newer.gxbackup"), bytes);
  const StorageError e =
      expect_storage_error([&] { restore_database(path("newer.gxbackup"), path("r")); });
  EXPECT_EQ(e.code(), ErrorCode::kFormat);
  EXPECT_NE(std::string(e.what()).find("newer Guanxi"), std::string::npos) << e.what();
  EXPECT_FALSE(fs::exists(path("r")));
}

TEST_F(BackupTest, BadOptionsAreRefused) {
  BackupOptions bad;
  bad.compression_level = 0;
  EXPECT_EQ(expect_storage_error([&] { backup("x", bad); }).code(), ErrorCode::kInvalidArgument);
  bad.compression_level = 3;
  bad.block_size = 100;
  EXPECT_EQ(expect_storage_error([&] { backup("x", bad); }).code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(fs::exists(path("x")));
}

TEST(BackupReadOnlyTest, BacksUpADatabaseOpenedReadOnly) {
  TempDir dir;
  fs::create_directories(dir.path());
  const fs::path db = dir.path() / "db";
  {
    auto graph = Graph::open(db, test_support::fast_options());
    graph->write([&](WriteTransaction& txn) { graph->create_node(txn, {}, {}); });
  }
  EnvironmentOptions ro = test_support::fast_options();
  ro.read_only = true;
  auto graph = Graph::open(db, ro);
  const BackupReport report = backup_database(graph->env(), dir.path() / "b.gxbackup");
  EXPECT_EQ(report.header.nodes, 1u);
  restore_database(dir.path() / "b.gxbackup", dir.path() / "copy");
  auto copy = Graph::open(dir.path() / "copy", test_support::fast_options());
  EXPECT_EQ(copy->counters().node_count(copy->read()), 1u);
}

}  // namespace
}  // namespace guanxi::storage
