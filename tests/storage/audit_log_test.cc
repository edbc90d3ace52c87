#include "storage/audit_log.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "storage/audit_writer.h"
#include "storage/bytes.h"
#include "storage/graph.h"
#include "storage/integrity_check.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

using test_support::TempGraph;

constexpr std::int64_t kDay = 86'400'000'000;

AuditEntry read_entry(std::int64_t at, const std::string& user, const std::string& purpose) {
  AuditEntry e;
  e.at_micros = at;
  e.kind = AuditKind::kRead;
  e.user = user;
  e.purpose = purpose;
  e.statement = "MATCH (c:Customer) RETURN c.phone";
  e.tags = {"pii"};
  e.subjects = 3;
  e.masked = 1;
  return e;
}

void append_all(Graph& g, std::vector<AuditEntry> entries) {
  g.write([&](WriteTransaction& txn) {
    for (AuditEntry& e : entries) append_audit(txn, e);
  });
}

std::vector<std::string> chain_problems(Graph& g) {
  std::vector<std::string> out;
  auto txn = g.env().read();
  check_audit_chain(txn, [&](const std::string& m) { out.push_back(m); });
  return out;
}

std::string key(std::uint64_t sequence) {
  std::string k(8, '\0');
  put_be64(k.data(), sequence);
  return k;
}

// Writes raw bytes into the audit table, as someone editing the file would.
void tamper(Graph& g, const std::function<void(WriteTransaction&, MDB_dbi)>& edit) {
  g.write([&](WriteTransaction& txn) { edit(txn, g.env().dbi().audit); });
}

TEST(AuditLog, EntriesReadBackWholeInOrderWithFilters) {
  TempGraph g;
  AuditEntry grant;
  grant.at_micros = 300;
  grant.kind = AuditKind::kGrant;
  grant.user = "王芳";
  grant.statement = "MATCH (c:Customer {id: 7}) CALL privacy.grant(c, 'marketing')";
  grant.subject = 42;
  grant.detail = "marketing";
  append_all(*g, {read_entry(100, "alice", "marketing"), read_entry(200, "bob", ""), grant});
  auto txn = g->env().read();
  const auto all = read_audit(txn);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].sequence, 1u);
  EXPECT_EQ(all[2].sequence, 3u);
  EXPECT_EQ(all[0].tags, std::vector<std::string>{"pii"});
  EXPECT_EQ(all[0].subjects, 3u);
  EXPECT_EQ(all[0].masked, 1u);
  EXPECT_FALSE(all[0].subject.has_value());
  EXPECT_EQ(all[2].kind, AuditKind::kGrant);
  EXPECT_EQ(all[2].user, "王芳");
  EXPECT_EQ(all[2].subject, 42u);
  EXPECT_EQ(all[2].detail, "marketing");
  EXPECT_EQ(read_audit(txn, {.since_micros = 200}).size(), 2u);
  EXPECT_EQ(read_audit(txn, {.user = std::string("bob")}).size(), 1u);
  EXPECT_EQ(read_audit(txn, {.purpose = std::string("marketing")}).size(), 1u);
  EXPECT_TRUE(chain_problems(*g).empty());
}

TEST(AuditLog, AnEditedEntryBreaksTheChainAtThatEntry) {
  TempGraph g;
  append_all(*g, {read_entry(100, "alice", "m"), read_entry(200, "alice", "m"),
                  read_entry(300, "alice", "m")});
  tamper(*g, [&](WriteTransaction& txn, MDB_dbi dbi) {
    std::string stored(*txn.get(dbi, key(2)));
    const auto at = stored.find("alice");
    ASSERT_NE(at, std::string::npos);
    stored.replace(at, 5, "eve  ");
    txn.put(dbi, key(2), stored);
  });
  const auto problems = chain_problems(*g);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("audit entry 2 was changed"), std::string::npos) << problems[0];
}

TEST(AuditLog, RemovedEntriesAreFoundWhereverTheyWere) {
  for (std::uint64_t removed : {1, 3, 5}) {
    TempGraph g;
    std::vector<AuditEntry> entries;
    for (std::int64_t i = 1; i <= 5; ++i) entries.push_back(read_entry(i * 100, "alice", "m"));
    append_all(*g, entries);
    tamper(*g, [&](WriteTransaction& txn, MDB_dbi dbi) { txn.del(dbi, key(removed)); });
    const auto problems = chain_problems(*g);
    ASSERT_FALSE(problems.empty()) << "entry " << removed;
    const std::string expected = removed == 5
                                     ? "head names entry 5 but the log ends at entry 4"
                                     : "audit entry " + std::to_string(removed) + " is missing";
    EXPECT_NE(problems[0].find(expected), std::string::npos) << problems[0];
  }
}

TEST(AuditLog, AnEntryRewrittenWithoutTheKeyDoesNotContinueTheChain) {
  // Someone who copies a later entry's stored hash onto a forged entry
  // still cannot make the next entry's hash match.
  TempGraph g;
  append_all(*g, {read_entry(100, "alice", "m"), read_entry(200, "alice", "m")});
  tamper(*g, [&](WriteTransaction& txn, MDB_dbi dbi) {
    const std::string second(*txn.get(dbi, key(2)));
    txn.put(dbi, key(1), second);
  });
  const auto problems = chain_problems(*g);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems[0].find("audit entry 1 was changed"), std::string::npos) << problems[0];
}

TEST(AuditLog, RetentionRemovesOldEntriesAndKeepsTheChainSound) {
  TempGraph g;
  append_all(*g, {read_entry(1 * kDay, "a", "m"), read_entry(2 * kDay, "b", "m"),
                  read_entry(30 * kDay, "c", "m")});
  g->write([&](WriteTransaction& txn) { set_audit_retention(txn, 10 * kDay); });
  append_all(*g, {read_entry(31 * kDay, "d", "m")});
  auto txn = g->env().read();
  const auto left = read_audit(txn);
  ASSERT_EQ(left.size(), 3u);
  EXPECT_EQ(left[0].user, "c");
  EXPECT_EQ(left[1].kind, AuditKind::kRetention);
  EXPECT_EQ(left[1].subjects, 2u);  // entries removed
  EXPECT_EQ(left[2].user, "d");
  EXPECT_EQ(audit_retention(txn), 10 * kDay);
  EXPECT_TRUE(chain_problems(*g).empty());

  // Removing the oldest kept entry as well is still found: the anchor
  // names the first entry the log keeps.
  tamper(*g, [&](WriteTransaction& w, MDB_dbi dbi) { w.del(dbi, key(3)); });
  const auto problems = chain_problems(*g);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems[0].find("audit entry 3 is missing"), std::string::npos) << problems[0];
}

TEST(AuditLog, VerifyReportsABrokenChain) {
  TempGraph g;
  append_all(*g, {read_entry(100, "alice", "m"), read_entry(200, "alice", "m")});
  EXPECT_TRUE(check_integrity(*g).ok());
  tamper(*g, [&](WriteTransaction& txn, MDB_dbi dbi) { txn.del(dbi, key(2)); });
  const IntegrityReport report = check_integrity(*g);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems[0].table, "audit");
}

TEST(AuditWriter, QueuedEntriesAreCommittedByFlushAndAtClose) {
  TempGraph g;
  g->audit_writer().submit(read_entry(100, "alice", "m"));
  g->audit_writer().submit(read_entry(200, "bob", "m"));
  ASSERT_TRUE(g->audit_writer().flush(std::chrono::seconds(10)));
  {
    auto txn = g->env().read();
    EXPECT_EQ(read_audit(txn).size(), 2u);
  }
  // A flush waits for the single writer; one held elsewhere delays it
  // without losing anything.
  {
    WriteTransaction held = g->env().begin_write();
    g->audit_writer().submit(read_entry(300, "carol", "m"));
    EXPECT_FALSE(g->audit_writer().flush(std::chrono::milliseconds(200)));
    held.abort();
  }
  ASSERT_TRUE(g->audit_writer().flush(std::chrono::seconds(10)));
  auto txn = g->env().read();
  EXPECT_EQ(read_audit(txn).size(), 3u);
  EXPECT_TRUE(chain_problems(*g).empty());
}

}  // namespace
}  // namespace guanxi::storage
