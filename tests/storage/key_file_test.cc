#include "storage/key_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "storage/audit_log.h"
#include "storage/format_upgrade.h"
#include "storage/graph.h"
#include "storage/privacy_catalog.h"
#include "tests/storage/expect_storage_error.h"
#include "tests/support/file_bytes.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;
using test_support::TempDir;
using test_support::TempGraph;

// Runs `body`, which must throw a StorageError of `code` whose message holds `text`.
template <typename Body>
void expect_error(Body&& body, ErrorCode code, const std::string& text) {
  const StorageError e = testing::expect_storage_error(std::forward<Body>(body));
  EXPECT_EQ(e.code(), code) << e.what();
  EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
}

TagDefinition pii() { return {"pii", {MaskKind::kHash, 0}, TaggedEntity::kNode, 1, {1}}; }

TEST(KeyFile, MadeBesideTheDatabaseAtTheFirstTagOwnerOnlyAndNeverInTheDataFile) {
  TempGraph g;
  const fs::path key = g.path().parent_path() / "db.key";
  EXPECT_EQ(g->env().key_file(), key);
  EXPECT_FALSE(fs::exists(key));
  g->write([&](WriteTransaction& txn) { put_tag(txn, pii()); });
  ASSERT_TRUE(fs::exists(key));
  struct stat st {};
  ASSERT_EQ(::stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto contents = read_key_file(key);
  ASSERT_TRUE(contents.has_value());
  EXPECT_EQ(contents->database, g->env().identity().id);
  const std::string master(reinterpret_cast<const char*>(contents->master.data()), 32);
  g.close();
  EXPECT_EQ(test_support::read_file(g.path() / "data.mdb").find(master), std::string::npos);

  g.reopen();
  auto txn = g->env().read();
  EXPECT_EQ(database_secret(txn), master);
  // The pseudonym key is a subkey, not the master key itself.
  EXPECT_NE(pseudonym_key(txn), master);
}

TEST(KeyFile, AMissingOrForeignKeyFileIsAnErrorNamingIt) {
  TempGraph g;
  g->write([&](WriteTransaction& txn) { put_tag(txn, pii()); });
  const fs::path key = g->env().key_file();
  g.close();
  const fs::path kept = key.string() + ".kept";
  fs::rename(key, kept);
  g.reopen();
  {
    auto txn = g->env().read();
    expect_error([&] { pseudonym_key(txn); }, ErrorCode::kNotFound, "db.key' (give its place");
  }
  // Another database's key file at its place is refused, never adopted.
  TempGraph other;
  other->write([&](WriteTransaction& txn) { put_tag(txn, pii()); });
  fs::copy_file(other->env().key_file(), key);
  g.reopen();
  {
    auto txn = g->env().read();
    expect_error([&] { pseudonym_key(txn); }, ErrorCode::kInvalidArgument, "is not the key file");
  }
  fs::remove(key);
  fs::rename(kept, key);
  g.reopen();
  auto txn = g->env().read();
  EXPECT_TRUE(pseudonym_key(txn).has_value());
}

TEST(KeyFile, ItsPlaceCanBeChosen) {
  TempDir keys;
  EnvironmentOptions options = test_support::fast_options();
  options.key_file = keys.path() / "vault";
  TempGraph g(options);
  g->write([&](WriteTransaction& txn) { put_tag(txn, pii()); });
  EXPECT_TRUE(fs::exists(keys.path() / "vault"));
  EXPECT_FALSE(fs::exists(g.path().parent_path() / "db.key"));
}

TEST(KeyFile, NotAKeyFile) {
  TempDir dir;
  test_support::write_file(dir.path() / "k", "hello");
  expect_error([&] { read_key_file(dir.path() / "k"); }, ErrorCode::kCorruption,
               "is not a Guanxi key file");
  EXPECT_FALSE(read_key_file(dir.path() / "absent").has_value());
}

TEST(KeyFile, TheUpgradeToFormat5MovesTheKeyOutOfTheDataFile) {
  TempGraph g;
  g->write([&](WriteTransaction& txn) {
    put_tag(txn, pii());
    // Make it a format-4 database: its pseudonym key in the catalog, no key file.
    txn.put(txn.env().dbi().privacy, "K", std::string(32, 'k'));
    txn.del(txn.env().dbi().meta, "key_check");
    char version[4] = {0, 0, 0, 4};
    txn.put(txn.env().dbi().meta, kFormatMetaKey, std::string_view(version, 4));
  });
  const fs::path key = g->env().key_file();
  g.close();
  fs::remove(key);
  const UpgradeReport report = upgrade_database(g.path());
  EXPECT_EQ(report.from, 4u);
  EXPECT_TRUE(fs::exists(key));
  g.reopen();
  auto txn = g->env().read();
  EXPECT_FALSE(txn.get(g->env().dbi().privacy, "K").has_value());
  EXPECT_TRUE(pseudonym_key(txn).has_value());
}

}  // namespace
}  // namespace guanxi::storage
