// The workload of the crash test, shared by the writer child (crash_writer)
// and the parent that checks the database after each kill.
//
// Transaction `seq` (1, 2, ...) creates exactly items_in_txn(seq) nodes
// labelled Item with property txn = seq, exactly links_in_txn(seq) LINK relationships
// with property txn = seq, one Marker node with seq = seq, and moves some
// balance between the two Account nodes; it also does random churn (Scratch
// nodes and TOUCH relationships, labels and properties set and removed, detach
// deletes) that the integrity check covers. Because the counts per
// transaction are a pure function of seq, the parent can tell a partial
// transaction from a whole one.
#pragma once

#include <cstdint>

namespace guanxi::crash {

inline constexpr char kItem[] = "Item";
inline constexpr char kMarker[] = "Marker";
inline constexpr char kScratch[] = "Scratch";
inline constexpr char kAccount[] = "Account";
inline constexpr char kFlagged[] = "Flagged";
inline constexpr char kProgress[] = "Progress";

inline constexpr char kLink[] = "LINK";
inline constexpr char kTouch[] = "TOUCH";

inline constexpr char kTxn[] = "txn";
inline constexpr char kSeq[] = "seq";
inline constexpr char kName[] = "name";
inline constexpr char kScore[] = "score";
inline constexpr char kNote[] = "note";
inline constexpr char kBalance[] = "balance";
inline constexpr char kLastSeq[] = "last_seq";
inline constexpr char kWeight[] = "weight";

// The two Account nodes start with this balance each; transfers keep the sum.
inline constexpr std::int64_t kInitialBalance = 1'000'000;

// Transactions with these numbers create indexes: a unique one on
// Marker(seq), a plain one on Item(score).
inline constexpr std::uint64_t kUniqueIndexTxn = 3;
inline constexpr std::uint64_t kScoreIndexTxn = 7;

inline std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Items created by transaction `seq`: 1 to 4, and 40 every 16th transaction so
// that some commits span many pages.
inline std::uint64_t items_in_txn(std::uint64_t seq) {
  if (seq % 16 == 0) return 40;
  return 1 + mix(seq) % 4;
}

// LINK relationships created by transaction `seq`: a chain through its own items plus
// two relationships between random existing items.
inline std::uint64_t links_in_txn(std::uint64_t seq) { return items_in_txn(seq) - 1 + 2; }

}  // namespace guanxi::crash
