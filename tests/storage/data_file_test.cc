// The data file at open: a truncated or emptied data.mdb is refused with a
// corruption error naming it (never mapped, which faults, nor taken for a
// new database), and the files of a new database get the configured mode.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "storage/data_file_meta.h"
#include "storage/graph.h"
#include "storage/page_check.h"
#include "tests/support/temp_dir.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;

class DataFileTest : public ::testing::Test {
 protected:
  // A database with a few hundred nodes, closed again.
  fs::path build() {
    const fs::path db = dir_.path() / "db";
    EnvironmentOptions o;
    o.durable = false;
    auto graph = Graph::open(db, o);
    graph->write([&](WriteTransaction& txn) {
      const PropertyKeyId name = graph->dictionary().intern(txn, NameKind::kPropertyKey, "name");
      for (int i = 0; i < 500; ++i)
        graph->create_node(txn, {}, {{name, Value("node " + std::to_string(i))}});
    });
    return db;
  }
  static StorageError open_error(const fs::path& db, bool create = true) {
    EnvironmentOptions o;
    o.create_if_missing = create;
    try {
      Graph::open(db, o);
    } catch (const StorageError& e) {
      return e;
    }
    ADD_FAILURE() << "opened";
    return StorageError(ErrorCode::kIo, "");
  }
  test_support::TempDir dir_;
};

TEST_F(DataFileTest, ASoundFileHasNoProblem) {
  const fs::path db = build();
  EXPECT_EQ(data_file_problem(db), std::nullopt);
  const PageCheckReport pages = check_pages(db);
  EXPECT_TRUE(pages.ok()) << pages.problems.at(0).table << ": " << pages.problems.at(0).message;
  EXPECT_TRUE(pages.catalog_sound);
  EXPECT_GT(pages.pages_checked, 3u);
}

TEST_F(DataFileTest, ATruncatedFileIsRefusedNamingIt) {
  const fs::path db = build();
  const fs::path data = db / "data.mdb";
  fs::resize_file(data, fs::file_size(data) / 2);
  const StorageError e = open_error(db);
  EXPECT_EQ(e.code(), ErrorCode::kCorruption);
  EXPECT_NE(std::string(e.what()).find(data.string()), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
  const PageCheckReport pages = check_pages(db);
  EXPECT_FALSE(pages.catalog_sound);
  EXPECT_FALSE(pages.ok());
}

TEST_F(DataFileTest, AnEmptiedFileIsDamageNotANewDatabase) {
  const fs::path db = build();
  const fs::path data = db / "data.mdb";
  fs::resize_file(data, 0);
  for (bool create : {true, false}) {
    const StorageError e = open_error(db, create);
    EXPECT_EQ(e.code(), ErrorCode::kCorruption);
    EXPECT_NE(std::string(e.what()).find("empty"), std::string::npos) << e.what();
  }
  EXPECT_EQ(fs::file_size(data), 0u) << "nothing may be written to a damaged database";
  EXPECT_FALSE(check_pages(db).catalog_sound);
}

TEST_F(DataFileTest, DamagedMetaPagesAreRefused) {
  const fs::path db = build();
  {
    // Overwrite meta page 0's magic.
    std::FILE* f = std::fopen((db / "data.mdb").c_str(), "r+b");
    ASSERT_NE(f, nullptr);
    std::fseek(f, 16, SEEK_SET);
    std::fputs("XXXX", f);
    std::fclose(f);
  }
  const StorageError e = open_error(db);
  EXPECT_EQ(e.code(), ErrorCode::kCorruption);
  EXPECT_NE(std::string(e.what()).find("meta page 0"), std::string::npos) << e.what();
}

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777;
}

TEST_F(DataFileTest, NewDatabaseFilesAreOwnerOnlyByDefault) {
  const mode_t old_mask = ::umask(022);
  {
    Graph::open(dir_.path() / "private");
    EnvironmentOptions o;
    o.file_mode = 0640;
    Graph::open(dir_.path() / "shared", o);
  }
  ::umask(old_mask);
  EXPECT_EQ(mode_of(dir_.path() / "private" / "data.mdb"), 0600u);
  EXPECT_EQ(mode_of(dir_.path() / "private" / "lock.mdb"), 0600u);
  EXPECT_EQ(mode_of(dir_.path() / "private"), 0700u);
  EXPECT_EQ(mode_of(dir_.path() / "shared" / "data.mdb"), 0640u);
  EXPECT_EQ(mode_of(dir_.path() / "shared"), 0750u);
}

}  // namespace
}  // namespace guanxi::storage
