// Format versioning: a database written at format 2 (tests/data/format2) is
// refused with a pointer to `guanxi upgrade`; the upgrade backs it up, brings
// it to this build's format with its content intact, and the backup restores
// the old database exactly.
#include "storage/format_upgrade.h"

#include <gtest/gtest.h>

#include <fstream>

#include "storage/backup_scan.h"
#include "storage/bytes.h"
#include "storage/integrity_check.h"
#include "storage/restore.h"
#include "tests/storage/expect_storage_error.h"
#include "tests/support/temp_dir.h"
#include "tests/support/temp_graph.h"
#include "tests/support/test_data.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;
using test_support::TempDir;
using testing::expect_storage_error;

class FormatUpgradeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(db_);
    const std::string bytes = test_support::read_test_data("format2/data.mdb.zst");
    std::ofstream(db_ / "data.mdb", std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }

  TempDir dir_;
  const fs::path db_ = dir_.path() / "f2.gx";
};

TEST_F(FormatUpgradeTest, StepsCoverEveryOlderFormat) {
  const auto& steps = format_upgrade_steps();
  ASSERT_EQ(steps.size(), kFormatVersion - kOldestUpgradableFormat);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(steps[i].from, kOldestUpgradableFormat + i);
  }
}

TEST_F(FormatUpgradeTest, AnOlderDatabaseIsRefusedWithAPointerToUpgrade) {
  const StorageError e = expect_storage_error([&] { Graph::open(db_); });
  EXPECT_EQ(e.code(), ErrorCode::kFormat);
  EXPECT_NE(std::string(e.what()).find("format version 2"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("guanxi upgrade"), std::string::npos) << e.what();
  EnvironmentOptions ro;
  ro.read_only = true;
  EXPECT_EQ(expect_storage_error([&] { Graph::open(db_, ro); }).code(), ErrorCode::kFormat);
}

TEST_F(FormatUpgradeTest, UpgradeBacksUpThenBringsTheDatabaseForward) {
  const fs::path backup = dir_.path() / "before.gxbackup";
  UpgradeOptions options;
  options.backup_file = backup;
  const UpgradeReport report = upgrade_database(db_, options);
  EXPECT_EQ(report.from, 2u);
  EXPECT_EQ(report.to, kFormatVersion);
  ASSERT_EQ(report.steps.size(), kFormatVersion - 2);
  EXPECT_NE(report.steps[0].find("format 2 -> 3"), std::string::npos) << report.steps[0];
  EXPECT_EQ(report.backup.header.database_format, 2u);
  EXPECT_TRUE(scan_backup(backup).ok());

  {
    auto graph = Graph::open(db_);
    EXPECT_EQ(graph->env().identity().format, kFormatVersion);
    EXPECT_FALSE(graph->env().identity().id.is_zero());
    ReadTransaction txn = graph->read();
    EXPECT_EQ(graph->counters().node_count(txn), 3u);
    EXPECT_EQ(graph->counters().relationship_count(txn), 3u);
    EXPECT_EQ(graph->indexes().list(txn).size(), 2u);
    EXPECT_TRUE(check_integrity(*graph).ok());
  }
  // Upgrading again does nothing and takes no backup.
  const UpgradeReport again = upgrade_database(db_, {});
  EXPECT_TRUE(again.steps.empty());
  EXPECT_TRUE(again.backup_file.empty());

  // The backup brings the format-2 database back, which is refused again.
  RestoreOptions force;
  force.overwrite = true;
  restore_database(backup, db_, force);
  EXPECT_EQ(expect_storage_error([&] { Graph::open(db_); }).code(), ErrorCode::kFormat);
}

TEST_F(FormatUpgradeTest, DefaultBackupGoesBesideTheDatabase) {
  const UpgradeReport report = upgrade_database(db_, {});
  EXPECT_EQ(report.backup_file.parent_path(), dir_.path());
  EXPECT_EQ(report.backup_file.filename().string().rfind("f2.gx-format2-", 0), 0u)
      << report.backup_file;
  EXPECT_TRUE(fs::exists(report.backup_file));
}

TEST_F(FormatUpgradeTest, ANewerDatabaseIsNotUpgraded) {
  upgrade_database(db_, {.backup_file = dir_.path() / "b.gxbackup"});
  {
    auto graph = Graph::open(db_);
    graph->write([&](WriteTransaction& txn) {
      char version[4];
      put_be32(version, kFormatVersion + 1);
      txn.put(graph->env().dbi().meta, kFormatMetaKey, std::string_view(version, 4));
    });
  }
  const StorageError e = expect_storage_error([&] { upgrade_database(db_, {}); });
  EXPECT_EQ(e.code(), ErrorCode::kFormat);
  EXPECT_NE(std::string(e.what()).find("newer Guanxi"), std::string::npos) << e.what();
}

TEST_F(FormatUpgradeTest, AFailedBackupLeavesTheDatabaseUntouched) {
  // The backup target is a directory: the backup fails before any step runs.
  fs::create_directories(dir_.path() / "taken");
  EXPECT_EQ(expect_storage_error([&] {
              upgrade_database(db_, {.backup_file = dir_.path() / "taken"});
            }).code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(expect_storage_error([&] { Graph::open(db_); }).code(), ErrorCode::kFormat);
}

TEST(FormatVersionTest, NewDatabasesGetAnIdAndTheCurrentFormat) {
  test_support::TempGraph a, b;
  EXPECT_EQ(a->env().identity().format, kFormatVersion);
  EXPECT_FALSE(a->env().identity().id.is_zero());
  EXPECT_NE(a->env().identity().id, b->env().identity().id);
  EXPECT_EQ(a->env().identity().id.to_string().size(), 36u);
  const DatabaseId id = a->env().identity().id;
  a.reopen();
  EXPECT_EQ(a->env().identity().id, id);
}

}  // namespace
}  // namespace guanxi::storage
