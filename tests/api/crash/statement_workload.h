// The workload of the statement crash test, shared by its writer child
// (statement_writer) and the parent that checks the database after each kill.
//
// A ledger: kAccounts Account nodes {id, balance} whose balances always sum
// to kAccounts * kInitialBalance, and one Ledger node whose `committed`
// property is the number of the last committed unit. Unit `seq` (1, 2, ...)
// is one auto-committed statement or one explicit transaction of several;
// either way it moves money between two accounts, creates exactly one Op
// node {seq} and items_in_unit(seq) Item nodes {seq} (each with a HOLDS
// relationship from the Op), MERGEs Counter {name: counter_of(seq)} adding 1
// to its n when merges_counter(seq), and sets Ledger.committed = seq. Around
// that it churns Scratch nodes (CREATE, SET, DETACH DELETE) that no check
// counts but verify covers. Because the counts are pure functions of seq,
// the parent can tell a whole unit from a partial one.
#pragma once

#include <cstdint>
#include <string>

namespace guanxi::crash {

inline constexpr int kAccounts = 8;
inline constexpr std::int64_t kInitialBalance = 1000;

inline std::uint64_t unit_hash(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

inline std::int64_t items_in_unit(std::uint64_t seq) {
  return static_cast<std::int64_t>(unit_hash(seq) % 4);
}
inline bool merges_counter(std::uint64_t seq) { return (unit_hash(seq) >> 8) % 3 != 0; }
inline std::string counter_of(std::uint64_t seq) {
  return "c" + std::to_string((unit_hash(seq) >> 16) % 5);
}

// The statement that creates the ledger and its accounts, all at once or not
// at all; harmless when they exist.
inline constexpr char kSetUpStatement[] =
    "MERGE (l:Ledger {id: 0}) ON CREATE SET l.committed = 0 "
    "WITH l UNWIND range(1, 8) AS i "
    "MERGE (a:Account {id: i}) ON CREATE SET a.balance = 1000";

}  // namespace guanxi::crash
