// Backups through the public API: Database::backup and guanxi::backup,
// read_backup_info, verify_backup, restore (same answers as the original),
// upgrade of a database that is already current, and their errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

using test_support::TempDir;

std::vector<std::string> names(Database& db) {
  auto session = db.session();
  std::vector<std::string> out;
  for (const Row& row :
       session.query("MATCH (a:Customer)-[:KNOWS]->(b) RETURN a.name + '>' + b.name ORDER BY 1")) {
    out.push_back(row[0].as_string());
  }
  return out;
}

class BackupTest : public ::testing::Test {
 protected:
  BackupTest() : path_(dir_.path() / "db"), db_(Database::open(path_)) {
    auto session = db_.session();
    session.execute(
        "CREATE (a:Customer {name: 'Ada'}), (b:Customer {name: 'Bo'}), (c:Customer {name: "
        "'Chen'}), (a)-[:KNOWS]->(b), (b)-[:KNOWS]->(c)");
  }
  std::string file(const std::string& name) const { return dir_.path() / name; }
  TempDir dir_;
  std::string path_;
  Database db_;
};

TEST_F(BackupTest, BackupThenRestoreGivesTheSameAnswers) {
  std::uint64_t progress_calls = 0;
  BackupOptions options;
  options.progress = [&](const BackupProgress&) { ++progress_calls; };
  const BackupReport report = db_.backup(file("db.gxbackup"), options);
  EXPECT_EQ(report.info.nodes, 3u);
  EXPECT_EQ(report.info.relationships, 2u);
  EXPECT_EQ(report.info.database_format, database_format_version());
  EXPECT_EQ(report.info.database_id.size(), 36u);
  EXPECT_GT(report.blocks, 0u);
  EXPECT_GT(progress_calls, 0u);

  // Written after the backup: not in it.
  db_.session().execute("CREATE (:Customer {name: 'Late'})");

  const RestoreReport restored = restore(file("db.gxbackup"), file("restored"));
  EXPECT_FALSE(restored.replaced);
  EXPECT_EQ(restored.info.nodes, 3u);
  auto copy = Database::open(file("restored"));
  EXPECT_EQ(names(copy), names(db_));
  EXPECT_EQ(copy.statistics().nodes, 3u);
  EXPECT_TRUE(copy.verify().ok());
}

TEST_F(BackupTest, BackupByPathAndTheInfoAndCheckOfTheFile) {
  db_.close();
  const BackupReport report = backup(path_, file("db.gxbackup"));
  EXPECT_EQ(report.info.relationships, 2u);

  const BackupFileInfo info = read_backup_info(file("db.gxbackup"));
  EXPECT_TRUE(info.complete);
  EXPECT_EQ(info.info.nodes, 3u);
  EXPECT_EQ(info.info.database_id, report.info.database_id);
  EXPECT_EQ(info.blocks, report.blocks);
  EXPECT_EQ(info.database_bytes, report.database_bytes);
  EXPECT_EQ(info.file_bytes, report.file_bytes);

  const BackupVerifyReport check = verify_backup(file("db.gxbackup"));
  EXPECT_TRUE(check.ok());
  ASSERT_TRUE(check.info.has_value());
  EXPECT_EQ(check.info->transaction_id, report.info.transaction_id);
  EXPECT_EQ(check.blocks, report.blocks);
}

TEST_F(BackupTest, VerifyBackupReportsADamagedBlock) {
  const BackupReport report = db_.backup(file("db.gxbackup"));
  {
    std::fstream f(file("db.gxbackup"), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(96 + 40 + 10));  // inside the first block's payload
    f.put('\x5a');
  }
  const BackupVerifyReport check = verify_backup(file("db.gxbackup"));
  EXPECT_FALSE(check.ok());
  ASSERT_FALSE(check.problems.empty());
  EXPECT_NE(check.problems[0].where.find("block 0"), std::string::npos) << check.problems[0].where;
  EXPECT_THROW(restore(file("db.gxbackup"), file("restored")), Error);
  EXPECT_FALSE(std::filesystem::exists(file("restored")));
  (void)report;
}

TEST_F(BackupTest, Errors) {
  db_.backup(file("db.gxbackup"));
  try {
    db_.backup(file("db.gxbackup"));
    FAIL() << "a backup over an existing file must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument) << e.what();
  }
  BackupOptions overwrite;
  overwrite.overwrite = true;
  EXPECT_NO_THROW(db_.backup(file("db.gxbackup"), overwrite));

  std::ofstream(file("notes.txt")) << "not a backup\n";
  try {
    verify_backup(file("notes.txt"));
    FAIL() << "a file that is no backup must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("not a Guanxi backup"), std::string::npos) << e.what();
  }
  try {
    verify_backup(file("missing.gxbackup"));
    FAIL() << "a missing file must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound) << e.what();
  }
  try {
    restore(file("db.gxbackup"), path_);
    FAIL() << "a restore over an existing database must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument) << e.what();
  }
  try {
    backup(file("nowhere"), file("x.gxbackup"));
    FAIL() << "a backup of a missing database must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound) << e.what();
  }
}

TEST_F(BackupTest, UpgradeOfACurrentDatabaseDoesNothing) {
  db_.close();
  const UpgradeReport report = upgrade(path_);
  EXPECT_TRUE(report.steps.empty());
  EXPECT_EQ(report.to, database_format_version());
  EXPECT_EQ(report.from, report.to);
  EXPECT_TRUE(report.backup_file.empty());
  try {
    upgrade(file("nowhere"));
    FAIL() << "upgrading a missing database must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
  }
}

}  // namespace
}  // namespace guanxi
