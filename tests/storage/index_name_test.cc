// Index names in the catalog: generated defaults, lookups by name and by
// (label, key), uniqueness across indexes, drop by name, persistence.
#include <gtest/gtest.h>

#include "storage/graph.h"
#include "storage/property_index.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

using test_support::TempGraph;

class IndexNameTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_->write([&](WriteTransaction& txn) {
      person_ = g_->dictionary().intern(txn, NameKind::kLabel, "Person");
      name_ = g_->dictionary().intern(txn, NameKind::kPropertyKey, "name");
      email_ = g_->dictionary().intern(txn, NameKind::kPropertyKey, "email");
      age_ = g_->dictionary().intern(txn, NameKind::kPropertyKey, "age");
    });
  }
  IndexInfo create(PropertyKeyId key, bool unique, std::string name = {}) {
    return g_->write(
        [&](WriteTransaction& txn) { return g_->create_index(txn, person_, key, unique, name); });
  }
  ErrorCode create_error(PropertyKeyId key, bool unique, std::string name) {
    try {
      create(key, unique, std::move(name));
    } catch (const StorageError& e) {
      last_message_ = e.what();
      return e.code();
    }
    ADD_FAILURE() << "create succeeded";
    return ErrorCode::kIo;
  }

  TempGraph g_;
  LabelId person_ = 0;
  PropertyKeyId name_ = 0, email_ = 0, age_ = 0;
  std::string last_message_;
};

TEST_F(IndexNameTest, GeneratedNamesFollowLabelAndProperty) {
  EXPECT_EQ(create(name_, false).name, "index_Person_name");
  EXPECT_EQ(create(email_, true).name, "constraint_Person_email");
  auto txn = g_->read();
  const auto all = g_->indexes().list(txn);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "index_Person_name");
  EXPECT_EQ(all[1].name, "constraint_Person_email");
  EXPECT_TRUE(all[1].unique);
}

TEST_F(IndexNameTest, GivenNameIsKeptAndFound) {
  const IndexInfo made = create(age_, false, "person_age");
  EXPECT_EQ(made.name, "person_age");
  auto txn = g_->read();
  auto by_name = g_->indexes().find_by_name(txn, "person_age");
  ASSERT_TRUE(by_name);
  EXPECT_EQ(*by_name, made);
  EXPECT_EQ(g_->indexes().find(txn, person_, age_), made);
  EXPECT_FALSE(g_->indexes().find_by_name(txn, "Person_age"));  // case-sensitive
  EXPECT_FALSE(g_->indexes().find(txn, person_, name_));
}

TEST_F(IndexNameTest, NamesAreUniqueAcrossIndexesAndConstraints) {
  create(name_, false, "shared");
  EXPECT_EQ(create_error(email_, true, "shared"), ErrorCode::kInvalidArgument);
  EXPECT_NE(last_message_.find("'shared'"), std::string::npos) << last_message_;
  // A name taken by a generated default collides too.
  create(age_, false);
  EXPECT_EQ(create_error(email_, false, "index_Person_age"), ErrorCode::kInvalidArgument);
  // A second index on the same (label, key) is refused whatever its name.
  EXPECT_EQ(create_error(name_, false, "other"), ErrorCode::kInvalidArgument);
  EXPECT_NE(last_message_.find("'shared'"), std::string::npos) << last_message_;
  auto txn = g_->read();
  EXPECT_EQ(g_->indexes().list(txn).size(), 2u);
}

TEST_F(IndexNameTest, DropByNameRemovesIndexAndEntriesAndFreesTheName) {
  g_->write([&](WriteTransaction& txn) {
    g_->create_node(txn, {person_}, {{name_, "Ada"}});
    g_->create_node(txn, {person_}, {{name_, "Bo"}});
  });
  create(name_, false, "by_name");
  g_->write([&](WriteTransaction& txn) { g_->drop_index(txn, "by_name"); });
  {
    auto txn = g_->read();
    EXPECT_FALSE(g_->indexes().find_by_name(txn, "by_name"));
    EXPECT_FALSE(g_->indexes().find(txn, person_, name_));
    MDB_stat st;
    mdb_stat(txn.raw(), g_->env().dbi().index, &st);
    EXPECT_EQ(st.ms_entries, 0u);
  }
  try {
    g_->write([&](WriteTransaction& txn) { g_->drop_index(txn, "by_name"); });
    ADD_FAILURE() << "second drop succeeded";
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
    EXPECT_NE(std::string(e.what()).find("by_name"), std::string::npos);
  }
  EXPECT_EQ(create(email_, false, "by_name").key, email_);  // the name is free again
}

TEST_F(IndexNameTest, NamesSurviveReopenAndRollback) {
  create(name_, true, "unique_names");
  EXPECT_THROW(g_->write([&](WriteTransaction& txn) {
    g_->create_index(txn, person_, age_, false, "rolled_back");
    throw StorageError(ErrorCode::kCancelled, "abort");
  }),
               StorageError);
  g_.reopen();
  auto txn = g_->read();
  auto info = g_->indexes().find_by_name(txn, "unique_names");
  ASSERT_TRUE(info);
  EXPECT_TRUE(info->unique);
  EXPECT_EQ(info->key, name_);
  EXPECT_FALSE(g_->indexes().find_by_name(txn, "rolled_back"));
}

}  // namespace
}  // namespace guanxi::storage
