#include "storage/consent_store.h"

#include <gtest/gtest.h>

#include "storage/graph.h"
#include "storage/privacy_catalog.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

using test_support::TempGraph;

ConsentEvent event(NodeId subject, bool grant, std::int64_t at,
                   std::optional<std::int64_t> expires = std::nullopt) {
  ConsentEvent e;
  e.subject = subject;
  e.grant = grant;
  e.purpose_id = 7;
  e.purpose = "marketing";
  e.at_micros = at;
  e.expires_micros = expires;
  e.source = "form";
  e.user = "alice";
  return e;
}

std::vector<std::uint64_t> ids(const Roaring64Map& m) {
  std::vector<std::uint64_t> out;
  for (std::uint64_t id : m) out.push_back(id);
  return out;
}

TEST(ConsentStore, HistoryIsKeptWholeAndInOrder) {
  TempGraph g;
  g->write([&](WriteTransaction& txn) {
    for (auto e : {event(5, true, 100, 1000), event(5, false, 200), event(5, true, 300),
                   event(6, true, 150)}) {
      record_consent(txn, g->postings(), e);
    }
  });
  auto txn = g->env().read();
  const auto history = consent_history(txn, 5);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_TRUE(history[0].grant);
  EXPECT_EQ(history[0].expires_micros, 1000);
  EXPECT_FALSE(history[1].grant);
  EXPECT_EQ(history[1].at_micros, 200);
  EXPECT_TRUE(history[2].grant);
  EXPECT_FALSE(history[2].expires_micros.has_value());
  EXPECT_EQ(history[2].source, "form");
  EXPECT_EQ(history[2].user, "alice");
  EXPECT_LT(history[0].sequence, history[1].sequence);
  EXPECT_EQ(consent_history(txn, 6).size(), 1u);
  EXPECT_TRUE(consent_history(txn, 4).empty());
}

TEST(ConsentStore, ConsentingSubjectsLeaveOutRevokedAndExpired) {
  TempGraph g;
  g->write([&](WriteTransaction& txn) {
    for (auto e : {event(1, true, 0), event(2, true, 0, 500), event(3, true, 0, 2000),
                   event(4, true, 0), event(4, false, 10)}) {
      record_consent(txn, g->postings(), e);
    }
  });
  auto txn = g->env().read();
  std::int64_t next = 0;
  EXPECT_EQ(ids(consenting_subjects(txn, g->postings(), 7, 100, &next)),
            (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_EQ(next, 500);
  EXPECT_EQ(ids(consenting_subjects(txn, g->postings(), 7, 500, &next)),
            (std::vector<std::uint64_t>{1, 3}));
  EXPECT_EQ(next, 2000);
  EXPECT_EQ(ids(consenting_subjects(txn, g->postings(), 7, 5000, &next)),
            (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(next, INT64_MAX);
  EXPECT_TRUE(consenting_subjects(txn, g->postings(), 8, 100).isEmpty());
}

TEST(ConsentStore, AGrantReplacesTheEarlierExpiry) {
  TempGraph g;
  g->write([&](WriteTransaction& txn) {
    for (auto e : {event(1, true, 0, 100), event(1, true, 50, 10'000)}) {
      record_consent(txn, g->postings(), e);
    }
  });
  auto txn = g->env().read();
  EXPECT_EQ(ids(consenting_subjects(txn, g->postings(), 7, 5000)), (std::vector<std::uint64_t>{1}));
  EXPECT_TRUE(consenting_subjects(txn, g->postings(), 7, 20'000).isEmpty());
}

TEST(PrivacyCatalog, SchemaRoundTripsAndVersionGrows) {
  TempGraph g;
  {
    auto txn = g->env().read();
    EXPECT_TRUE(read_privacy_schema(txn).empty());
    EXPECT_EQ(privacy_version(txn), 0u);
    EXPECT_FALSE(pseudonym_key(txn).has_value());
  }
  g->write([&](WriteTransaction& txn) {
    put_tag(txn, {"pii", {MaskKind::kPartial, 3}, TaggedEntity::kNode, 2, {4, 9}});
    EXPECT_EQ(put_purpose(txn, {"marketing", LegalBasis::kConsent, 0}), 0u);
    EXPECT_EQ(put_purpose(txn, {"billing", LegalBasis::kContract, 0}), 1u);
    put_policy(txn, {"marketing", "pii"});
  });
  auto txn = g->env().read();
  const PrivacySchema schema = read_privacy_schema(txn);
  ASSERT_EQ(schema.tags.size(), 1u);
  EXPECT_EQ(schema.tags[0].mask, (Mask{MaskKind::kPartial, 3}));
  EXPECT_EQ(schema.tags[0].properties, (std::vector<PropertyKeyId>{4, 9}));
  ASSERT_EQ(schema.purposes.size(), 2u);
  EXPECT_EQ(schema.purposes[0].name, "billing");
  EXPECT_EQ(schema.purposes[0].id, 1u);
  EXPECT_EQ(schema.policies, (std::vector<PolicyDefinition>{{"marketing", "pii"}}));
  EXPECT_EQ(privacy_version(txn), 4u);
  EXPECT_EQ(pseudonym_key(txn)->size(), 32u);
  EXPECT_TRUE(property_is_tagged(txn, 9));
  EXPECT_FALSE(property_is_tagged(txn, 5));
}

TEST(PrivacyCatalog, PurposeIdsAreNeverReused) {
  TempGraph g;
  g->write([&](WriteTransaction& txn) {
    EXPECT_EQ(put_purpose(txn, {"marketing", LegalBasis::kConsent, 0}), 0u);
    erase_purpose(txn, "marketing");
    EXPECT_EQ(put_purpose(txn, {"marketing", LegalBasis::kConsent, 0}), 1u);
  });
}

}  // namespace
}  // namespace guanxi::storage
