#include "tests/storage/crash/ledger_workload.h"

#include <algorithm>

#include "storage/adjacency.h"

namespace guanxi::crash {

using storage::Graph;
using storage::NameKind;
using storage::NodeId;
using storage::PropertyKeyId;
using storage::Transaction;
using storage::TypeId;
using storage::Value;
using storage::WriteTransaction;

namespace {

LedgerNames intern_names(Graph& g, WriteTransaction& t) {
  auto& d = g.dictionary();
  LedgerNames n;
  n.item = d.intern(t, NameKind::kLabel, "Item");
  n.account = d.intern(t, NameKind::kLabel, "Account");
  n.ledger = d.intern(t, NameKind::kLabel, "Ledger");
  n.holds = d.intern(t, NameKind::kType, "HOLDS");
  n.n = d.intern(t, NameKind::kPropertyKey, "n");
  n.pad = d.intern(t, NameKind::kPropertyKey, "pad");
  n.balance = d.intern(t, NameKind::kPropertyKey, "balance");
  n.commits = d.intern(t, NameKind::kPropertyKey, "commits");
  n.items_created = d.intern(t, NameKind::kPropertyKey, "items_created");
  n.items_deleted = d.intern(t, NameKind::kPropertyKey, "items_deleted");
  n.relationships_created = d.intern(t, NameKind::kPropertyKey, "relationships_created");
  n.relationships_deleted = d.intern(t, NameKind::kPropertyKey, "relationships_deleted");
  return n;
}

std::int64_t int_of(const storage::NodeRecord& rec, PropertyKeyId key) {
  const Value* v = storage::find_property(rec.properties, key);
  return v && v->type() == storage::ValueType::kInt ? v->as_int() : -1;
}

}  // namespace

std::optional<LedgerNames> find_ledger_names(Graph& g, const Transaction& t) {
  auto& d = g.dictionary();
  LedgerNames n;
  const auto label = [&](const char* s, std::uint32_t* out) {
    const auto id = d.find(t, NameKind::kLabel, s);
    if (id) *out = *id;
    return id.has_value();
  };
  const auto key = [&](const char* s, std::uint32_t* out) {
    const auto id = d.find(t, NameKind::kPropertyKey, s);
    if (id) *out = *id;
    return id.has_value();
  };
  const auto type = d.find(t, NameKind::kType, "HOLDS");
  if (!type) return std::nullopt;
  n.holds = *type;
  if (!label("Item", &n.item) || !label("Account", &n.account) || !label("Ledger", &n.ledger) ||
      !key("n", &n.n) || !key("pad", &n.pad) || !key("balance", &n.balance) ||
      !key("commits", &n.commits) || !key("items_created", &n.items_created) ||
      !key("items_deleted", &n.items_deleted) ||
      !key("relationships_created", &n.relationships_created) ||
      !key("relationships_deleted", &n.relationships_deleted)) {
    return std::nullopt;
  }
  return n;
}

void LedgerWriter::set_up() {
  graph_.write([&](WriteTransaction& txn) {
    const LedgerNames n = intern_names(graph_, txn);
    account_a_ = graph_.create_node(txn, {n.account}, {{n.balance, Value(kLedgerBalance)}});
    account_b_ = graph_.create_node(txn, {n.account}, {{n.balance, Value(kLedgerBalance)}});
    ledger_ = graph_.create_node(txn, {n.ledger},
                                 {{n.commits, Value(0)},
                                  {n.items_created, Value(0)},
                                  {n.items_deleted, Value(0)},
                                  {n.relationships_created, Value(0)},
                                  {n.relationships_deleted, Value(0)}});
  });
}

NodeId LedgerWriter::random_item(WriteTransaction& txn, const LedgerNames& names,
                                 std::mt19937_64& rng) {
  const NodeId next = graph_.counters().next_node_id(txn);
  for (int attempt = 0; attempt < 16; ++attempt) {
    const NodeId id = rng() % next;
    const auto rec = graph_.get_node(txn, id);
    if (rec && std::binary_search(rec->labels.begin(), rec->labels.end(), names.item)) return id;
  }
  return storage::kNoId;
}

void LedgerWriter::commit_one() {
  // The body may run more than once (map growth), so it takes its random
  // numbers from a copy and derives every count from the database.
  const std::uint64_t seed = rng_();
  graph_.write([&](WriteTransaction& txn) {
    std::mt19937_64 rng(seed);
    const LedgerNames n = intern_names(graph_, txn);
    auto ledger = graph_.get_node(txn, ledger_).value();
    const std::int64_t commits = int_of(ledger, n.commits) + 1;
    std::int64_t items_created = int_of(ledger, n.items_created);
    std::int64_t items_deleted = int_of(ledger, n.items_deleted);
    std::int64_t relationships_created = int_of(ledger, n.relationships_created);
    std::int64_t relationships_deleted = int_of(ledger, n.relationships_deleted);

    const auto a = graph_.get_node(txn, account_a_).value();
    const auto b = graph_.get_node(txn, account_b_).value();
    const std::int64_t amount = static_cast<std::int64_t>(rng() % 2001) - 1000;
    graph_.set_node_property(txn, account_a_, n.balance, Value(int_of(a, n.balance) - amount));

    // The pad makes the data outgrow a small map several times over.
    std::string pad(200 + rng() % 200, 'p');
    graph_.create_node(txn, {n.item}, {{n.n, Value(commits)}, {n.pad, Value(std::move(pad))}});
    ++items_created;

    if (commits % 3 == 0) {
      const NodeId src = random_item(txn, n, rng), dst = random_item(txn, n, rng);
      if (src != storage::kNoId && dst != storage::kNoId && src != dst) {
        graph_.create_relationship(txn, src, dst, n.holds, {{n.n, Value(commits)}});
        ++relationships_created;
      }
    }
    if (commits % 7 == 0) {
      const NodeId victim = random_item(txn, n, rng);
      if (victim != storage::kNoId) {
        relationships_deleted += static_cast<std::int64_t>(
            storage::neighbours(txn, victim, storage::Direction::kBoth).size());
        graph_.delete_node(txn, victim, /*detach=*/true);
        ++items_deleted;
      }
    }
    if (commits % 11 == 0) {
      const NodeId from = random_item(txn, n, rng);
      if (from != storage::kNoId) {
        std::vector<storage::RelationshipRef> relationships;
        storage::AdjacencyCursor(txn, storage::Direction::kOut)
            .for_each_batch(from, {}, [&](TypeId type, auto batch) {
              for (const auto& e : batch)
                relationships.push_back({e.relationship(), from, e.other(), type});
            });
        if (!relationships.empty()) {
          graph_.delete_relationship(txn, relationships[rng() % relationships.size()]);
          ++relationships_deleted;
        }
      }
    }
    // The second half of the transfer comes last, so a reader that could see
    // a transaction in part would find the sum off.
    graph_.set_node_property(txn, account_b_, n.balance, Value(int_of(b, n.balance) + amount));
    graph_.set_node_property(txn, ledger_, n.commits, Value(commits));
    graph_.set_node_property(txn, ledger_, n.items_created, Value(items_created));
    graph_.set_node_property(txn, ledger_, n.items_deleted, Value(items_deleted));
    graph_.set_node_property(txn, ledger_, n.relationships_created, Value(relationships_created));
    graph_.set_node_property(txn, ledger_, n.relationships_deleted, Value(relationships_deleted));
  });
}

std::string check_ledger_snapshot(Graph& g, const Transaction& txn, SnapshotFacts* facts) {
  const auto names = find_ledger_names(g, txn);
  if (!names) return "the ledger's names are missing";
  const LedgerNames& n = *names;

  const auto ledgers = g.nodes_with_label(txn, n.ledger);
  if (ledgers.cardinality() != 1) return "expected one Ledger node";
  const auto ledger = g.get_node(txn, ledgers.minimum());
  if (!ledger) return "the Ledger node's posting has no record";
  const std::int64_t commits = int_of(*ledger, n.commits);
  const std::int64_t items = int_of(*ledger, n.items_created) - int_of(*ledger, n.items_deleted);
  const std::int64_t relationships =
      int_of(*ledger, n.relationships_created) - int_of(*ledger, n.relationships_deleted);
  facts->commits = static_cast<std::uint64_t>(commits);

  std::uint64_t scanned_nodes = 0;
  std::int64_t balance_sum = 0;
  g.scan_nodes(txn, [&](NodeId id, std::string_view bytes) {
    ++scanned_nodes;
    const auto rec = storage::decode_node(bytes, id);
    if (std::binary_search(rec.labels.begin(), rec.labels.end(), n.account)) {
      balance_sum += int_of(rec, n.balance);
    }
  });
  facts->nodes = scanned_nodes;
  const std::uint64_t counted_nodes = g.counters().node_count(txn);
  const std::string at = " (at commit " + std::to_string(commits) + ")";
  if (scanned_nodes != counted_nodes) {
    return "node counter says " + std::to_string(counted_nodes) + " but a scan finds " +
           std::to_string(scanned_nodes) + at;
  }
  if (static_cast<std::int64_t>(scanned_nodes) != items + 3) {
    return "the ledger accounts for " + std::to_string(items + 3) + " nodes but a scan finds " +
           std::to_string(scanned_nodes) + at;
  }
  const std::uint64_t item_posting = g.count_label(txn, n.item);
  if (static_cast<std::int64_t>(item_posting) != items) {
    return "the Item posting counts " + std::to_string(item_posting) + " but the ledger " +
           std::to_string(items) + at;
  }
  if (balance_sum != 2 * kLedgerBalance) {
    return "balances sum to " + std::to_string(balance_sum) + at;
  }

  std::uint64_t scanned_relationships = 0;
  std::string problem;
  storage::AdjacencyCursor(txn, storage::Direction::kOut)
      .for_each_block(0, storage::kNoId, [&](NodeId node, TypeId, auto block) {
        for (const auto& e : block) {
          ++scanned_relationships;
          if (problem.empty() && (!g.node_exists(txn, node) || !g.node_exists(txn, e.other()))) {
            problem =
                "relationship " + std::to_string(e.relationship()) + " has a missing endpoint" + at;
          }
        }
      });
  if (!problem.empty()) return problem;
  facts->relationships = scanned_relationships;
  const std::uint64_t counted_relationships = g.counters().relationship_count(txn);
  if (scanned_relationships != counted_relationships) {
    return "relationship counter says " + std::to_string(counted_relationships) +
           " but a scan finds " + std::to_string(scanned_relationships) + at;
  }
  if (static_cast<std::int64_t>(scanned_relationships) != relationships) {
    return "the ledger accounts for " + std::to_string(relationships) +
           " relationships but a scan finds " + std::to_string(scanned_relationships) + at;
  }
  return {};
}

}  // namespace guanxi::crash
