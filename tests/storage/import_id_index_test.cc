// The import indexes the id property of labelled nodes, so that a query
// finds a node by its id without a CREATE INDEX: one index per (label, id
// property), kept when one is there already, named so as not to clash, and
// none where nodes have no file-wide label or no named id column.
#include <gtest/gtest.h>

#include "storage/bulk_import.h"
#include "storage/integrity_check.h"
#include "tests/storage/import_input_files.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

using test_support::InputFiles;
using test_support::TempGraph;

class ImportIdIndexTest : public ::testing::Test {
 protected:
  ImportReport import(const std::string& label, const std::string& csv,
                      const std::string& knows = {}) {
    std::vector<ImportGroup> rels;
    if (!knows.empty())
      rels.push_back(
          {"KNOWS", {files_.write("knows" + std::to_string(n_) + ".csv", knows).string()}});
    const auto nodes = files_.write("nodes" + std::to_string(n_++) + ".csv", csv);
    return bulk_import(*g_, {{label, {nodes.string()}}}, rels);
  }
  std::vector<IndexInfo> indexes() {
    auto txn = g_->read();
    return g_->indexes().list(txn);
  }
  std::string name_of(NameKind kind, std::uint32_t id) {
    auto txn = g_->read();
    return g_->dictionary().name(txn, kind, id);
  }
  // The nodes the index on (label, key) holds for `value`.
  std::vector<NodeId> seek(const IndexInfo& index, const Value& value) {
    auto txn = g_->read();
    return g_->indexes().seek_equal(txn, index, value);
  }

  TempGraph g_;
  InputFiles files_;
  int n_ = 0;
};

TEST_F(ImportIdIndexTest, LabelledNodesGetAnIndexOnTheirId) {
  const ImportReport report = import("Customer", "id:ID(Customer),name\n1,王小明\n2,Ada\n3,李雷\n",
                                     ":START_ID(Customer),:END_ID(Customer)\n1,2\n");
  ASSERT_EQ(report.created_indexes, std::vector<std::string>{"index_Customer_id"});
  const std::vector<IndexInfo> all = indexes();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(name_of(NameKind::kLabel, all[0].label), "Customer");
  EXPECT_EQ(name_of(NameKind::kPropertyKey, all[0].key), "id");
  EXPECT_FALSE(all[0].unique);
  const std::vector<NodeId> found = seek(all[0], Value(std::int64_t{2}));
  ASSERT_EQ(found.size(), 1u);
  {
    auto txn = g_->read();
    EXPECT_EQ(test_support::properties_of(*g_, txn, found[0]).at("name"), Value("Ada"));
  }
  EXPECT_TRUE(check_integrity(*g_).ok());

  // A second import into the label keeps the index, which now holds its nodes too.
  const ImportReport again = import("Customer", "id:ID(Customer),name\n4,Zoë\n");
  EXPECT_TRUE(again.created_indexes.empty());
  ASSERT_EQ(indexes().size(), 1u);
  EXPECT_EQ(seek(indexes()[0], Value(std::int64_t{4})).size(), 1u);
  EXPECT_TRUE(check_integrity(*g_).ok());
}

TEST_F(ImportIdIndexTest, StringIdsAndEveryLabelOfTheGroup) {
  const ImportReport report = import("Customer:VIP", "code:ID,name\nc-1,A\nc-2,B\n");
  EXPECT_EQ(report.created_indexes,
            (std::vector<std::string>{"index_Customer_code", "index_VIP_code"}));
  for (const IndexInfo& index : indexes())
    EXPECT_EQ(seek(index, Value("c-2")).size(), 1u) << index.name;
}

TEST_F(ImportIdIndexTest, AnExistingConstraintIsKept) {
  g_->write([&](WriteTransaction& txn) {
    const LabelId customer = g_->dictionary().intern(txn, NameKind::kLabel, "Customer");
    const PropertyKeyId id = g_->dictionary().intern(txn, NameKind::kPropertyKey, "id");
    g_->create_index(txn, customer, id, true);
  });
  const ImportReport report = import("Customer", "id:ID,name\n1,A\n2,B\n");
  EXPECT_TRUE(report.created_indexes.empty());
  ASSERT_EQ(indexes().size(), 1u);
  EXPECT_TRUE(indexes()[0].unique);
  EXPECT_EQ(seek(indexes()[0], Value(std::int64_t{1})).size(), 1u);
}

TEST_F(ImportIdIndexTest, AUniqueConstraintTakesTheIndexsPlaceOnceItIsDropped) {
  import("Customer", "id:ID,name\n1,A\n2,B\n");
  const IndexInfo index = indexes().at(0);
  try {
    g_->write([&](WriteTransaction& txn) { g_->create_index(txn, index.label, index.key, true); });
    FAIL() << "a constraint beside the index";
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("drop it first (DROP INDEX index_Customer_id)"),
              std::string::npos)
        << e.what();
  }
  g_->write([&](WriteTransaction& txn) {
    g_->drop_index(txn, "index_Customer_id");
    g_->create_index(txn, index.label, index.key, true);
  });
  ASSERT_EQ(indexes().size(), 1u);
  EXPECT_TRUE(indexes()[0].unique);
  EXPECT_EQ(seek(indexes()[0], Value(std::int64_t{2})).size(), 1u);
}

TEST_F(ImportIdIndexTest, ATakenNameGetsANumber) {
  g_->write([&](WriteTransaction& txn) {
    const LabelId other = g_->dictionary().intern(txn, NameKind::kLabel, "Other");
    const PropertyKeyId id = g_->dictionary().intern(txn, NameKind::kPropertyKey, "id");
    g_->create_index(txn, other, id, false, "index_Customer_id");
  });
  const ImportReport report = import("Customer", "id:ID,name\n1,A\n");
  EXPECT_EQ(report.created_indexes, std::vector<std::string>{"index_Customer_id_2"});
}

TEST_F(ImportIdIndexTest, NoIndexWithoutAGroupLabelOrANamedId) {
  // Labels from a :LABEL column differ row by row; an unnamed :ID is not stored.
  EXPECT_TRUE(import("", "id:ID,:LABEL\n1,Customer\n2,Supplier\n").created_indexes.empty());
  EXPECT_TRUE(import("Customer", ":ID(Other),name\n1,A\n").created_indexes.empty());
  EXPECT_TRUE(indexes().empty());
}

TEST_F(ImportIdIndexTest, AFailedImportCreatesNoIndex) {
  EXPECT_THROW(import("Customer", "id:ID,age:int\n1,12\n2,twelve\n"), StorageError);
  EXPECT_TRUE(indexes().empty());
}

}  // namespace
}  // namespace guanxi::storage
