// The ledger workload of the concurrency tests: small write transactions
// whose every snapshot satisfies invariants a reader can check.
//
// The database holds two Account nodes whose balances always sum to
// 2 * kLedgerBalance, a Ledger node counting what the transactions did, and
// Item nodes tied by HOLDS relationships. Each transaction moves balance between the
// accounts, creates an Item, and now and then relationships two Items, deletes an Item
// (detaching its relationships) or deletes a relationship, updating the Ledger's counts in the
// same transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include "storage/graph.h"

namespace guanxi::crash {

inline constexpr std::int64_t kLedgerBalance = 500'000;

struct LedgerNames {
  storage::LabelId item, account, ledger;
  storage::TypeId holds;
  storage::PropertyKeyId n, pad, balance, commits, items_created, items_deleted,
      relationships_created, relationships_deleted;
};

// What one snapshot showed.
struct SnapshotFacts {
  std::uint64_t commits = 0;
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
};

class LedgerWriter {
 public:
  explicit LedgerWriter(storage::Graph& graph, std::uint64_t seed) : graph_(graph), rng_(seed) {}

  // Creates the accounts and the ledger in one transaction.
  void set_up();
  // Commits one workload transaction.
  void commit_one();

 private:
  storage::NodeId random_item(storage::WriteTransaction& txn, const LedgerNames& names,
                              std::mt19937_64& rng);

  storage::Graph& graph_;
  std::mt19937_64 rng_;
  storage::NodeId account_a_ = 0, account_b_ = 0, ledger_ = 0;
};

// The names' ids as seen by `txn`, or nullopt before set_up() committed.
std::optional<LedgerNames> find_ledger_names(storage::Graph& graph,
                                             const storage::Transaction& txn);

// Checks every invariant in the snapshot `txn`: node and relationship counts from the
// counters equal full scans and the ledger's counts; the Item label posting
// agrees; every relationship's endpoints exist; the balances sum to their constant.
// Returns an empty string if all hold, else a description of the first
// violation; fills `facts`.
std::string check_ledger_snapshot(storage::Graph& graph, const storage::Transaction& txn,
                                  SnapshotFacts* facts);

}  // namespace guanxi::crash
