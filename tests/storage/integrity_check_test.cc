#include "storage/integrity_check.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "storage/adjacency_block.h"
#include "storage/consent_store.h"
#include "storage/keys.h"
#include "storage/postings.h"
#include "storage/privacy_catalog.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

using test_support::TempGraph;

class IntegrityCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_->write([&](WriteTransaction& txn) {
      auto& d = g_->dictionary();
      customer_ = d.intern(txn, NameKind::kLabel, "Customer");
      knows_ = d.intern(txn, NameKind::kType, "KNOWS");
      email_ = d.intern(txn, NameKind::kPropertyKey, "email");
      for (int i = 0; i < 50; ++i) {
        nodes_.push_back(g_->create_node(txn, {customer_}, {{email_, "c" + std::to_string(i)}}));
      }
      for (int i = 0; i < 49; ++i)
        relationships_.push_back(
            g_->create_relationship(txn, nodes_[i], nodes_[i + 1], knows_, {}));
      g_->create_index(txn, customer_, email_, true);
    });
  }

  // Runs `damage` on the raw LMDB tables, bypassing the engine.
  template <typename F>
  void damage(F&& f) {
    g_->write([&](WriteTransaction& txn) { f(txn, g_->env().dbi()); });
  }

  // Decodes the block under `key` in `dbi`, lets `edit` change its entries
  // (kept sorted here) and writes it back, bypassing the engine.
  template <typename F>
  static void edit_block(WriteTransaction& txn, MDB_dbi dbi, const AdjacencyKey& key, F&& edit) {
    std::vector<AdjacencyEntry> entries;
    decode_adjacency_block(*txn.get(dbi, key.view()), entries);
    edit(entries);
    std::sort(entries.begin(), entries.end());
    std::string block;
    encode_adjacency_block(entries, block);
    txn.put(dbi, key.view(), block);
  }

  IntegrityReport check() { return check_integrity(*g_); }

  static bool mentions(const IntegrityReport& r, const std::string& table,
                       const std::string& text) {
    for (const auto& p : r.problems) {
      if (p.table == table && p.message.find(text) != std::string::npos) return true;
    }
    return false;
  }
  static std::string dump(const IntegrityReport& r) {
    std::string out;
    for (const auto& p : r.problems) out += p.table + ": " + p.message + "\n";
    return out;
  }

  TempGraph g_;
  LabelId customer_ = 0;
  TypeId knows_ = 0;
  PropertyKeyId email_ = 0;
  std::vector<NodeId> nodes_;
  std::vector<RelationshipId> relationships_;
};

TEST_F(IntegrityCheckTest, CleanDatabasePasses) {
  auto r = check();
  EXPECT_TRUE(r.ok()) << dump(r);
  EXPECT_EQ(r.nodes_checked, 50u);
  EXPECT_EQ(r.relationships_checked, 49u);
  EXPECT_EQ(r.adjacency_checked, 98u);
  EXPECT_EQ(r.index_entries_checked, 50u);
}

TEST_F(IntegrityCheckTest, MissingInEntry) {
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    // nodes_[4]'s only incoming entry: its block goes with it.
    ASSERT_TRUE(txn.del(dbi.in, AdjacencyKey(nodes_[4], knows_).view()));
  });
  auto r = check();
  EXPECT_TRUE(
      mentions(r, "in", "relationship " + std::to_string(relationships_[3]) + ": no entry in 'in'"))
      << dump(r);
  EXPECT_EQ(r.adjacency_checked, 97u);
}

TEST_F(IntegrityCheckTest, OrphanOutEntry) {
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    edit_block(txn, dbi.out, AdjacencyKey(nodes_[0], knows_), [&](std::vector<AdjacencyEntry>& b) {
      b.push_back(AdjacencyEntry::make(nodes_[9], 999, false));
    });
  });
  auto r = check();
  EXPECT_TRUE(mentions(r, "out", "relationship 999 is beyond the id counter")) << dump(r);
  EXPECT_TRUE(
      mentions(r, "in", "relationship 999: no entry in 'in' for node " + std::to_string(nodes_[9])))
      << dump(r);
  EXPECT_EQ(r.adjacency_checked, 99u);
}

TEST_F(IntegrityCheckTest, OrphanInEntry) {
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    edit_block(txn, dbi.in, AdjacencyKey(nodes_[9], knows_), [&](std::vector<AdjacencyEntry>& b) {
      b.push_back(AdjacencyEntry::make(nodes_[0], 7, false));
    });
  });
  auto r = check();
  EXPECT_TRUE(
      mentions(r, "out", "relationship 7: no entry in 'out' for node " + std::to_string(nodes_[0])))
      << dump(r);
  EXPECT_EQ(r.adjacency_checked, 99u);
}

TEST_F(IntegrityCheckTest, ARelationshipStoredTwice) {
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    const RelationshipId twice = relationships_[20];
    edit_block(txn, dbi.out, AdjacencyKey(nodes_[0], knows_), [&](std::vector<AdjacencyEntry>& b) {
      b.push_back(AdjacencyEntry::make(nodes_[30], twice, false));
    });
    edit_block(txn, dbi.in, AdjacencyKey(nodes_[30], knows_), [&](std::vector<AdjacencyEntry>& b) {
      b.push_back(AdjacencyEntry::make(nodes_[0], twice, false));
    });
  });
  auto r = check();
  EXPECT_TRUE(mentions(
      r, "out", "relationship " + std::to_string(relationships_[20]) + " is stored more than once"))
      << dump(r);
}

// A relationship with properties has a record; the record without its
// relationship in adjacency is named, and so is one that does not decode.
TEST_F(IntegrityCheckTest, ARecordWithoutItsRelationship) {
  RelationshipId with_properties = 0;
  g_->write([&](WriteTransaction& txn) {
    with_properties =
        g_->create_relationship(txn, nodes_[2], nodes_[40], knows_, {{email_, Value("x")}});
  });
  EXPECT_TRUE(check().ok());
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    edit_block(txn, dbi.out, AdjacencyKey(nodes_[2], knows_), [&](std::vector<AdjacencyEntry>& b) {
      std::erase(b, AdjacencyEntry::make(nodes_[40], with_properties, true));
    });
    std::string bytes(*txn.get(dbi.relationships, IdKey(with_properties).view()));
    bytes[0] ^= 0x01;
    txn.put(dbi.relationships, IdKey(relationships_[0]).view(), bytes);
  });
  auto r = check();
  EXPECT_TRUE(mentions(r, "out",
                       "relationship " + std::to_string(with_properties) +
                           " has a record but no entry in 'out' for node " +
                           std::to_string(nodes_[2])))
      << dump(r);
  EXPECT_TRUE(mentions(r, "out",
                       "relationship " + std::to_string(with_properties) +
                           ": no entry in 'out' for node " + std::to_string(nodes_[2])))
      << dump(r);  // its 'in' entry is left
  EXPECT_TRUE(mentions(r, "edges", "relationship " + std::to_string(relationships_[0]))) << dump(r);
}

TEST_F(IntegrityCheckTest, TruncatedBlockIsNamedOnce) {
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    const AdjacencyKey key(nodes_[6], knows_);
    std::string bytes(*txn.get(dbi.out, key.view()));
    bytes.pop_back();
    txn.put(dbi.out, key.view(), bytes);
  });
  auto r = check();
  EXPECT_TRUE(mentions(r, "out",
                       "block (node " + std::to_string(nodes_[6]) + ", type " +
                           std::to_string(knows_) + "): adjacency block is truncated"))
      << dump(r);
  EXPECT_TRUE(mentions(r, "out",
                       "relationship " + std::to_string(relationships_[6]) + ": no entry in 'out'"))
      << dump(r);
  std::size_t named = 0;
  for (const auto& p : r.problems) named += p.message.find("truncated") != std::string::npos;
  EXPECT_EQ(named, 1u) << dump(r);
}

TEST_F(IntegrityCheckTest, LaterBlockWithoutFirstBlock) {
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    const AdjacencyKey first(nodes_[8], knows_);
    const std::string bytes(*txn.get(dbi.out, first.view()));
    ASSERT_TRUE(txn.del(dbi.out, first.view()));
    txn.put(dbi.out, AdjacencyKey(nodes_[8], knows_, nodes_[9]).view(), bytes);
  });
  auto r = check();
  EXPECT_TRUE(mentions(r, "out", "a later block without a first one")) << dump(r);
}

TEST_F(IntegrityCheckTest, BlockOutsideItsKeyRange) {
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    std::string block;
    const AdjacencyEntry stray = AdjacencyEntry::make(nodes_[1], 998, false);
    encode_adjacency_block(std::span<const AdjacencyEntry>(&stray, 1), block);
    // Keyed from nodes_[2] on, but holding an entry to nodes_[1].
    txn.put(dbi.out, AdjacencyKey(nodes_[0], knows_, nodes_[2]).view(), block);
  });
  auto r = check();
  EXPECT_TRUE(mentions(r, "out", "entries outside the block's key range")) << dump(r);
}

TEST_F(IntegrityCheckTest, AdjacencyKeyOfOddSize) {
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    txn.put(dbi.in, std::string_view("\x01\x02\x03", 3), std::string_view("\x01\x00\x00", 3));
  });
  auto r = check();
  EXPECT_TRUE(mentions(r, "in", "key of 3 bytes")) << dump(r);
}

TEST_F(IntegrityCheckTest, MissingNodeRecordOfARelationship) {
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    txn.del(dbi.nodes, IdKey(nodes_[10]).view());
  });
  auto r = check();
  EXPECT_TRUE(mentions(r, "out", "end node " + std::to_string(nodes_[10]) + " does not exist"))
      << dump(r);
  EXPECT_TRUE(mentions(r, "postings", "without that label or record")) << dump(r);
  EXPECT_TRUE(mentions(r, "index", "the node does not exist")) << dump(r);
  EXPECT_TRUE(mentions(r, "meta", "node counter says 50 but 49")) << dump(r);
}

TEST_F(IntegrityCheckTest, DamagedRecordIsNamed) {
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    std::string bytes(*txn.get(dbi.nodes, IdKey(nodes_[7]).view()));
    bytes[1] ^= 0x40;
    txn.put(dbi.nodes, IdKey(nodes_[7]).view(), bytes);
  });
  auto r = check();
  EXPECT_TRUE(mentions(r, "nodes", "node " + std::to_string(nodes_[7]) + " is damaged")) << dump(r);
  {
    auto txn = g_->read();
    EXPECT_THROW(g_->get_node(txn, nodes_[7]), StorageError);
  }
}

TEST_F(IntegrityCheckTest, PostingWithoutLabel) {
  damage([&](WriteTransaction& txn, const Dbis&) {
    g_->postings().add(txn, SetKey{SetKind::kLabel, customer_}, 70000);
  });
  auto r = check();
  EXPECT_TRUE(mentions(r, "postings", "70000")) << dump(r);
}

TEST_F(IntegrityCheckTest, IndexEntryMissingOrStale) {
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    // Change a node's value behind the index's back.
    NodeRecord rec = decode_node(*txn.get(dbi.nodes, IdKey(nodes_[2]).view()), nodes_[2]);
    set_property(rec.properties, email_, "changed");
    txn.put(dbi.nodes, IdKey(nodes_[2]).view(), encode_node(rec));
  });
  auto r = check();
  EXPECT_TRUE(mentions(r, "index", "no longer has that label and value")) << dump(r);
}

TEST_F(IntegrityCheckTest, CounterMismatch) {
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    char buf[8];
    put_be64(buf, 7);
    txn.put(dbi.meta, "edge_count", std::string_view(buf, 8));
  });
  auto r = check();
  EXPECT_TRUE(mentions(r, "meta", "relationship counter says 7 but 49")) << dump(r);
}

TEST_F(IntegrityCheckTest, ProblemListIsCappedButCounted) {
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    txn.check(mdb_drop(txn.raw(), dbi.in, 0), "emptying 'in'");
  });
  IntegrityOptions options;
  options.max_problems = 5;
  auto r = check_integrity(*g_, options);
  EXPECT_EQ(r.problems.size(), 5u);
  EXPECT_GE(r.problem_count, 49u);  // every relationship without its 'in' entry
}

// Sets up a tag, a purpose and three subjects' consent (one revoked).
// `seal`: seal the values the tag covers, as CREATE TAG does.
void add_privacy(Graph& g, LabelId customer, PropertyKeyId email, const std::vector<NodeId>& nodes,
                 bool seal = true) {
  g.write([&](WriteTransaction& txn) {
    put_tag(txn, {"pii", {MaskKind::kRedact, 0}, TaggedEntity::kNode, customer, {email}});
    if (seal) g.reseal(txn, TaggedEntity::kNode, customer);
    const std::uint32_t purpose = put_purpose(txn, {"marketing", LegalBasis::kConsent, 0});
    put_policy(txn, {"marketing", "pii"});
    for (int i = 0; i < 3; ++i) {
      ConsentEvent e{.subject = nodes[i],
                     .grant = true,
                     .purpose_id = purpose,
                     .purpose = "marketing",
                     .at_micros = i};
      record_consent(txn, g.postings(), e);
    }
    ConsentEvent revoke{.subject = nodes[1],
                        .grant = false,
                        .purpose_id = purpose,
                        .purpose = "marketing",
                        .at_micros = 9};
    record_consent(txn, g.postings(), revoke);
  });
}

TEST_F(IntegrityCheckTest, PrivacyCatalogAndConsentPass) {
  add_privacy(*g_, customer_, email_, nodes_);
  auto r = check();
  EXPECT_TRUE(r.ok()) << dump(r);
}

TEST_F(IntegrityCheckTest, ATaggedValueStoredUnsealed) {
  add_privacy(*g_, customer_, email_, nodes_, /*seal=*/false);
  auto r = check();
  EXPECT_TRUE(mentions(r, "privacy", "holds a value of tag 'pii' unsealed")) << dump(r);
}

TEST_F(IntegrityCheckTest, ConsentSetOutOfStepWithTheHistory) {
  add_privacy(*g_, customer_, email_, nodes_);
  g_->write([&](WriteTransaction& txn) {
    g_->postings().add(txn, {SetKind::kConsent, 0}, nodes_[7]);
  });
  auto r = check();
  EXPECT_TRUE(mentions(r, "privacy",
                       "the consent set of purpose id 0 holds 3 subject(s), the history grants 2"))
      << dump(r);
}

TEST_F(IntegrityCheckTest, DamagedConsentEventIsNamed) {
  add_privacy(*g_, customer_, email_, nodes_);
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    std::string key(1, 'H');
    char id[8];
    put_be64(id, nodes_[2]);
    key.append(id, 8);
    put_be64(id, 0);
    key.append(id, 8);
    // Not the event that key held, but a truncated one in its place.
    txn.put(dbi.privacy, key, "g");
  });
  auto r = check();
  EXPECT_TRUE(mentions(r, "privacy", "consent history of node " + std::to_string(nodes_[2])))
      << dump(r);
}

TEST_F(IntegrityCheckTest, TaggedUniqueIndexDuplicateQuotesNoValue) {
  add_privacy(*g_, customer_, email_, nodes_);
  damage([&](WriteTransaction& txn, const Dbis& dbi) {
    // A second node under the same unique value, bypassing the check. The
    // first entry is a fingerprint keyed by this database's random key, so
    // which node it holds differs from run to run: add one that it does not.
    MDB_cursor* cur = nullptr;
    ASSERT_EQ(mdb_cursor_open(txn.raw(), dbi.index, &cur), 0);
    MDB_val k, v;
    ASSERT_EQ(mdb_cursor_get(cur, &k, &v, MDB_FIRST), 0);
    const std::string first(static_cast<const char*>(k.mv_data), k.mv_size);
    const std::string holder(static_cast<const char*>(v.mv_data), v.mv_size);
    mdb_cursor_close(cur);
    char id[8];
    put_be64(id, nodes_[1]);
    if (holder == std::string_view(id, 8)) put_be64(id, nodes_[2]);
    txn.put(dbi.index, first, std::string_view(id, 8));
  });
  auto r = check();
  EXPECT_TRUE(mentions(r, "index", "holds a value of a tagged property for more than one node"))
      << dump(r);
  for (const auto& p : r.problems) EXPECT_EQ(p.message.find("'c"), std::string::npos) << p.message;
}

}  // namespace
}  // namespace guanxi::storage
