// PropertyReader: values of every type, missing keys and entities, damage,
// and that its record cache never serves a stale record.
#include "query/property_reader.h"

#include <gtest/gtest.h>

#include "query/query_error.h"
#include "storage/integrity_check.h"
#include "storage/keys.h"
#include "storage/privacy_catalog.h"
#include "tests/query/test_graph.h"

namespace guanxi::query {
namespace {

using storage::Date;
using storage::DateTime;
using storage::Duration;
using test_support::TempGraph;
using testing::add_node;
using testing::add_relationship;

class PropertyReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    graph_->write([&](storage::WriteTransaction& txn) {
      ada_ = add_node(*graph_, txn, {"Customer", "Admin"},
                      {{"name", storage::Value("Ada")},
                       {"age", storage::Value(std::int64_t{36})},
                       {"score", storage::Value(1.5)},
                       {"vip", storage::Value(true)},
                       {"tags", storage::Value(storage::List{storage::Value("a"),
                                                             storage::Value(std::int64_t{2})})},
                       {"address", storage::Value::map({{"city", storage::Value("Oslo")}})},
                       {"born", storage::Value(Date{10})},
                       {"seen", storage::Value(DateTime{1, 0, 0, 0})},
                       {"tenure", storage::Value(Duration{1, 2, 3, 0})}});
      bo_ = add_node(*graph_, txn, {"Customer"}, {{"name", storage::Value("Bo")}});
      knows_ = add_relationship(*graph_, txn, ada_, bo_, "KNOWS",
                                {{"since", storage::Value(std::int64_t{2020})}});
      knows_type_ = graph_->dictionary().intern(txn, storage::NameKind::kType, "KNOWS");
      storage::put_purpose(txn, {"marketing", storage::LegalBasis::kConsent, 0});
    });
  }

  RelRef knows() const { return RelRef{knows_, ada_, bo_, knows_type_}; }

  TempGraph graph_;
  SessionOptions session_{"marketing", "crm"};
  storage::NodeId ada_ = 0, bo_ = 0;
  storage::RelationshipId knows_ = 0;
  storage::TypeId knows_type_ = 0;
};

TEST_F(PropertyReaderTest, ReadsEveryValueType) {
  PropertyReader reader(*graph_, session_);
  auto txn = graph_->read();
  const NodeRef ada{ada_};
  EXPECT_EQ(reader.node_property(txn, ada, "name"), Value("Ada"));
  EXPECT_EQ(reader.node_property(txn, ada, "age"), Value(std::int64_t{36}));
  EXPECT_EQ(reader.node_property(txn, ada, "score"), Value(1.5));
  EXPECT_EQ(reader.node_property(txn, ada, "vip"), Value(true));
  EXPECT_EQ(reader.node_property(txn, ada, "tags"),
            Value(List{Value("a"), Value(std::int64_t{2})}));
  EXPECT_EQ(reader.node_property(txn, ada, "address"), Value::map({{"city", Value("Oslo")}}));
  EXPECT_EQ(reader.node_property(txn, ada, "born"), Value(Date{10}));
  EXPECT_EQ(reader.node_property(txn, ada, "seen"), Value(DateTime{1, 0, 0, 0}));
  EXPECT_EQ(reader.node_property(txn, ada, "tenure"), Value(Duration{1, 2, 3, 0}));
  EXPECT_EQ(reader.relationship_property(txn, knows(), "since"), Value(std::int64_t{2020}));
  EXPECT_EQ(reader.session().purpose, "marketing");
  EXPECT_EQ(reader.session().user, "crm");
}

TEST_F(PropertyReaderTest, MissingKeysAndUnknownNamesAreNull) {
  PropertyReader reader(*graph_, session_);
  auto txn = graph_->read();
  // "age" exists in the database but not on Bo; "nickname" was never used.
  EXPECT_TRUE(reader.node_property(txn, NodeRef{bo_}, "age").is_null());
  EXPECT_TRUE(reader.node_property(txn, NodeRef{ada_}, "nickname").is_null());
  EXPECT_TRUE(reader.relationship_property(txn, knows(), "nickname").is_null());
  EXPECT_TRUE(reader.relationship_property(txn, knows(), "name").is_null());
  EXPECT_FALSE(reader.property_key_id(txn, "nickname").has_value());
  ASSERT_TRUE(reader.property_key_id(txn, "name").has_value());
  // By id: the id of a key Bo lacks.
  EXPECT_TRUE(
      reader.node_property(txn, NodeRef{bo_}, *reader.property_key_id(txn, "age")).is_null());
}

TEST_F(PropertyReaderTest, AllPropertiesSortedByName) {
  PropertyReader reader(*graph_, session_);
  auto txn = graph_->read();
  const Map props = reader.node_properties(txn, NodeRef{ada_});
  std::vector<std::string> keys;
  for (const auto& [k, v] : props) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"address", "age", "born", "name", "score", "seen",
                                            "tags", "tenure", "vip"}));
  EXPECT_EQ(reader.relationship_properties(txn, knows()),
            (Map{{"since", Value(std::int64_t{2020})}}));
  EXPECT_EQ(reader.node_properties(txn, NodeRef{bo_}), (Map{{"name", Value("Bo")}}));
}

TEST_F(PropertyReaderTest, LabelsSortedAndTypeName) {
  PropertyReader reader(*graph_, session_);
  auto txn = graph_->read();
  EXPECT_EQ(reader.node_labels(txn, NodeRef{ada_}), (List{Value("Admin"), Value("Customer")}));
  EXPECT_EQ(reader.node_labels(txn, NodeRef{bo_}), (List{Value("Customer")}));
  EXPECT_EQ(reader.relationship_type(txn, knows()), "KNOWS");
}

TEST_F(PropertyReaderTest, EntitiesDeletedByTheWriteTransactionHaveNoProperties) {
  PropertyReader reader(*graph_, session_);
  graph_->write([&](storage::WriteTransaction& txn) {
    graph_->delete_node(txn, ada_, /*detach=*/true);
    EXPECT_TRUE(reader.node_property(txn, NodeRef{ada_}, "name").is_null());
    EXPECT_TRUE(reader.node_properties(txn, NodeRef{ada_}).empty());
    EXPECT_TRUE(reader.node_labels(txn, NodeRef{ada_}).empty());
    EXPECT_TRUE(reader.relationship_property(txn, knows(), "since").is_null());
    EXPECT_TRUE(reader.relationship_properties(txn, knows()).empty());
    EXPECT_EQ(reader.node_property(txn, NodeRef{bo_}, "name"), Value("Bo"));
  });
}

// A relationship without properties has no record; it reads as having none,
// and gains and loses a record with its first and last property.
TEST_F(PropertyReaderTest, ARelationshipWithoutPropertiesHasNoRecord) {
  RelRef plain;
  storage::PropertyKeyId since = 0;
  graph_->write([&](storage::WriteTransaction& txn) {
    plain = RelRef{add_relationship(*graph_, txn, bo_, ada_, "KNOWS"), bo_, ada_, knows_type_};
    since = *PropertyReader(*graph_, session_).property_key_id(txn, "since");
  });
  const auto record_count = [&] {
    auto txn = graph_->read();
    int n = 0;
    graph_->scan_relationship_records(txn, [&](storage::RelationshipId, std::string_view) { ++n; });
    return n;
  };
  EXPECT_EQ(record_count(), 1);  // knows_ only
  {
    PropertyReader reader(*graph_, session_);
    auto txn = graph_->read();
    EXPECT_TRUE(reader.relationship_property(txn, plain, "since").is_null());
    EXPECT_TRUE(reader.relationship_properties(txn, plain).empty());
    EXPECT_FALSE(reader.deleted(txn, plain));
  }
  graph_->write([&](storage::WriteTransaction& txn) {
    graph_->set_relationship_property(txn, plain, since, storage::Value(std::int64_t{7}));
  });
  EXPECT_EQ(record_count(), 2);
  {
    PropertyReader reader(*graph_, session_);
    auto txn = graph_->read();
    EXPECT_EQ(reader.relationship_property(txn, plain, "since"), Value(std::int64_t{7}));
  }
  graph_->write([&](storage::WriteTransaction& txn) {
    graph_->set_relationship_property(txn, plain, since, storage::Value());
  });
  EXPECT_EQ(record_count(), 1);
  PropertyReader reader(*graph_, session_);
  auto txn = graph_->read();
  EXPECT_TRUE(reader.relationship_properties(txn, plain).empty());
  EXPECT_TRUE(storage::check_integrity(*graph_).ok());
}

// A read snapshot reaches entities only through its own tables: one whose
// record is missing is damage, never an entity without properties (a
// relationship's adjacency entries say whether it has a record).
TEST_F(PropertyReaderTest, AMissingRecordInAReadSnapshotIsAStorageErrorNamingIt) {
  graph_->write([&](storage::WriteTransaction& txn) {
    txn.del(graph_->env().dbi().nodes, storage::IdKey(ada_).view());
    txn.del(graph_->env().dbi().relationships, storage::IdKey(knows_).view());
  });
  PropertyReader reader(*graph_, session_);
  auto txn = graph_->read();
  const auto expect_storage_error = [](const std::string& name, auto&& read) {
    try {
      read();
      ADD_FAILURE() << name << ": read as if it existed";
    } catch (const QueryError& e) {
      EXPECT_EQ(e.code(), QueryErrorCode::kStorage) << e.what();
      EXPECT_NE(std::string(e.what()).find(name + " "), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("its record is missing"), std::string::npos) << e.what();
    }
  };
  const std::string ada = "node " + std::to_string(ada_);
  expect_storage_error(ada, [&] { reader.node_property(txn, NodeRef{ada_}, "name"); });
  expect_storage_error(ada, [&] { reader.node_properties(txn, NodeRef{ada_}); });
  expect_storage_error(ada, [&] { reader.node_labels(txn, NodeRef{ada_}); });
  const std::string rel = "relationship " + std::to_string(knows_);
  expect_storage_error(rel, [&] { reader.relationship_property(txn, knows(), "since"); });
  expect_storage_error(rel, [&] { reader.relationship_properties(txn, knows()); });
  EXPECT_EQ(reader.node_property(txn, NodeRef{bo_}, "name"), Value("Bo"));
}

TEST_F(PropertyReaderTest, DamagedRecordIsAStorageErrorNamingIt) {
  graph_->write([&](storage::WriteTransaction& txn) {
    txn.put(graph_->env().dbi().nodes, storage::IdKey(bo_).view(), "not a record");
    txn.put(graph_->env().dbi().relationships, storage::IdKey(knows_).view(), "xx");
  });
  PropertyReader reader(*graph_, session_);
  auto txn = graph_->read();
  try {
    reader.node_property(txn, NodeRef{bo_}, "name");
    FAIL() << "a damaged node record must not read";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), QueryErrorCode::kStorage);
    EXPECT_NE(std::string(e.what()).find("node " + std::to_string(bo_)), std::string::npos)
        << e.what();
  }
  try {
    reader.relationship_property(txn, knows(), "since");
    FAIL() << "a damaged relationship record must not read";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), QueryErrorCode::kStorage);
    EXPECT_NE(std::string(e.what()).find("relationship " + std::to_string(knows_)),
              std::string::npos)
        << e.what();
  }
  // The damage is not cached as a good record: it fails again, and others still read.
  EXPECT_THROW(reader.node_properties(txn, NodeRef{bo_}), QueryError);
  EXPECT_EQ(reader.node_property(txn, NodeRef{ada_}, "name"), Value("Ada"));
}

TEST_F(PropertyReaderTest, WriteTransactionSeesItsOwnChanges) {
  PropertyReader reader(*graph_, session_);
  graph_->write([&](storage::WriteTransaction& txn) {
    const NodeRef ada{ada_};
    EXPECT_EQ(reader.node_property(txn, ada, "age"), Value(std::int64_t{36}));
    const auto age = *reader.property_key_id(txn, "age");
    graph_->set_node_property(txn, ada_, age, storage::Value(std::int64_t{37}));
    EXPECT_EQ(reader.node_property(txn, ada, "age"), Value(std::int64_t{37}));
    // A key created inside the transaction, after it was looked up as unknown.
    EXPECT_TRUE(reader.node_property(txn, ada, "nickname").is_null());
    const auto nick = graph_->dictionary().intern(txn, storage::NameKind::kPropertyKey, "nickname");
    graph_->set_node_property(txn, ada_, nick, storage::Value("A"));
    EXPECT_EQ(reader.node_property(txn, ada, "nickname"), Value("A"));
    graph_->set_relationship_property(txn, knows(), age, storage::Value(std::int64_t{5}));
    EXPECT_EQ(reader.relationship_property(txn, knows(), "age"), Value(std::int64_t{5}));
    graph_->delete_node(txn, bo_, /*detach=*/true);
    EXPECT_TRUE(reader.node_property(txn, NodeRef{bo_}, "name").is_null());
  });
}

TEST_F(PropertyReaderTest, NewSnapshotSeesCommittedChanges) {
  PropertyReader reader(*graph_, session_);
  {
    auto txn = graph_->read();
    EXPECT_EQ(reader.node_property(txn, NodeRef{ada_}, "age"), Value(std::int64_t{36}));
    EXPECT_TRUE(reader.node_property(txn, NodeRef{ada_}, "email").is_null());
  }
  graph_->write([&](storage::WriteTransaction& txn) {
    const auto age = graph_->dictionary().intern(txn, storage::NameKind::kPropertyKey, "age");
    const auto email = graph_->dictionary().intern(txn, storage::NameKind::kPropertyKey, "email");
    graph_->set_node_property(txn, ada_, age, storage::Value(std::int64_t{40}));
    graph_->set_node_property(txn, ada_, email, storage::Value("ada@example.com"));
  });
  auto txn = graph_->read();
  EXPECT_EQ(reader.node_property(txn, NodeRef{ada_}, "age"), Value(std::int64_t{40}));
  EXPECT_EQ(reader.node_property(txn, NodeRef{ada_}, "email"), Value("ada@example.com"));
}

TEST_F(PropertyReaderTest, AlternatingEntitiesReadCorrectly) {
  // The cache holds one record per kind: switching between nodes must not mix them up.
  PropertyReader reader(*graph_, session_);
  auto txn = graph_->read();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(reader.node_property(txn, NodeRef{ada_}, "name"), Value("Ada"));
    EXPECT_EQ(reader.node_property(txn, NodeRef{bo_}, "name"), Value("Bo"));
  }
  EXPECT_THROW(reader.node_property(txn, NodeRef{999}, "name"), QueryError);
  EXPECT_EQ(reader.node_property(txn, NodeRef{ada_}, "name"), Value("Ada"));
}

TEST_F(PropertyReaderTest, ManyNodesSharingCacheSlots) {
  // More nodes than cache slots, visited round-robin, then changed in a write
  // transaction: every read must see its own node's current value.
  std::vector<storage::NodeId> ids;
  storage::PropertyKeyId n_key = 0;
  graph_->write([&](storage::WriteTransaction& txn) {
    for (int i = 0; i < 21; ++i)
      ids.push_back(add_node(*graph_, txn, {"N"}, {{"n", storage::Value(i)}}));
    n_key = graph_->dictionary().intern(txn, storage::NameKind::kPropertyKey, "n");
  });
  PropertyReader reader(*graph_, session_);
  {
    auto txn = graph_->read();
    for (int round = 0; round < 3; ++round) {
      for (int i = 0; i < 21; ++i)
        EXPECT_EQ(reader.node_property(txn, NodeRef{ids[i]}, "n"), Value(i));
    }
  }
  graph_->write([&](storage::WriteTransaction& txn) {
    for (int i = 0; i < 21; ++i) {
      EXPECT_EQ(reader.node_property(txn, NodeRef{ids[i]}, "n"), Value(i));
      graph_->set_node_property(txn, ids[i], n_key, storage::Value(i * 10));
      EXPECT_EQ(reader.node_property(txn, NodeRef{ids[i]}, n_key), Value(i * 10));
    }
    for (int i = 0; i < 21; ++i)
      EXPECT_EQ(reader.node_property(txn, NodeRef{ids[i]}, "n"), Value(i * 10));
  });
}

}  // namespace
}  // namespace guanxi::query
