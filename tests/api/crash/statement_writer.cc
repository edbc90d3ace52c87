// statement_writer: the child process of the statement crash test.
//
//   statement_writer DIR SEED [MAX_UNITS]
//
// Opens (or creates) the database in DIR through the public API and commits
// numbered units of work (statement_workload.h) in a loop: MERGE, SET,
// CREATE, DELETE and DETACH DELETE statements, some auto-committed, some in
// explicit transactions that also hold a statement failing half way (undone
// alone) and that are sometimes rolled back instead of committed. After a
// unit has committed it writes its number and a newline to stdout with one
// write(2), so every number the parent reads belongs to a committed unit.
// Runs until killed, or until MAX_UNITS units have committed. Exit code 2
// and a message on stderr for any error.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <random>
#include <string>

#include "guanxi/database.h"
#include "tests/api/crash/statement_workload.h"

namespace guanxi::crash {
namespace {

void report_committed(std::uint64_t seq) {
  const std::string line = std::to_string(seq) + "\n";
  // One write of a few bytes to a pipe is atomic; the parent reads whole lines.
  ssize_t n;
  do {
    n = ::write(STDOUT_FILENO, line.data(), line.size());
  } while (n < 0 && errno == EINTR);
  if (n != static_cast<ssize_t>(line.size())) std::exit(3);
}

// The whole unit in one auto-committed statement.
constexpr char kUnitStatement[] =
    "MATCH (l:Ledger {id: 0}), (a:Account {id: $from}), (b:Account {id: $to}) "
    "SET a.balance = a.balance - $amount, b.balance = b.balance + $amount, l.committed = $seq "
    "CREATE (o:Op {seq: $seq, kind: 'statement'}) "
    "MERGE (c:Counter {name: $counter}) ON CREATE SET c.n = $inc ON MATCH SET c.n = c.n + $inc "
    "WITH o UNWIND $items AS k "
    "CREATE (o)-[:HOLDS]->(:Item {seq: $seq, k: k})";

class Writer {
 public:
  Writer(Session& session, std::uint64_t seed) : session_(session), rng_(seed) {}

  // Runs unit `seq`; returns whether it committed (false: rolled back on
  // purpose, the number is used again).
  bool unit(std::uint64_t seq) {
    const Params params = unit_params(seq);
    churn(seq);
    if (chance(3)) {
      session_.execute(kUnitStatement, params);
      return true;
    }
    Transaction txn = session_.transaction();
    session_.execute("MATCH (a:Account {id: $from}) SET a.balance = a.balance - $amount", params);
    if (chance(2)) failing_statement(seq);
    session_.execute(
        "CREATE (o:Op {seq: $seq, kind: 'transaction'}) WITH o UNWIND $items AS k "
        "CREATE (o)-[:HOLDS]->(:Item {seq: $seq, k: k})",
        params);
    session_.execute(
        "MERGE (c:Counter {name: $counter}) ON CREATE SET c.n = $inc ON MATCH SET c.n = c.n + $inc",
        params);
    churn(seq);
    session_.execute("MATCH (b:Account {id: $to}) SET b.balance = b.balance + $amount", params);
    session_.execute("MATCH (l:Ledger {id: 0}) SET l.committed = $seq", params);
    if (chance(6)) {
      txn.rollback();
      return false;
    }
    txn.commit();
    return true;
  }

 private:
  std::uint64_t uniform(std::uint64_t n) { return rng_() % n; }
  bool chance(unsigned one_in) { return uniform(one_in) == 0; }

  Params unit_params(std::uint64_t seq) {
    const auto from = static_cast<std::int64_t>(1 + uniform(kAccounts));
    auto to = static_cast<std::int64_t>(1 + uniform(kAccounts - 1));
    if (to >= from) ++to;
    List items;
    for (std::int64_t k = 1; k <= items_in_unit(seq); ++k) items.emplace_back(k);
    return {{"seq", static_cast<std::int64_t>(seq)},
            {"from", from},
            {"to", to},
            {"amount", static_cast<std::int64_t>(uniform(200))},
            {"items", Value(std::move(items))},
            {"counter", counter_of(seq)},
            {"inc", merges_counter(seq) ? 1 : 0}};
  }

  // A statement that writes, then fails at run time: inside a transaction it
  // is undone alone, so its Op must never be seen.
  void failing_statement(std::uint64_t seq) {
    try {
      session_.execute("CREATE (:Op {seq: $seq, kind: 'failed'}) WITH 1 AS one RETURN one / 0",
                       {{"seq", static_cast<std::int64_t>(seq)}});
    } catch (const Error& e) {
      if (e.code() != ErrorCode::kArithmetic) throw;
      return;
    }
    throw std::runtime_error("the failing statement succeeded");
  }

  // Scratch nodes come and go; no check counts them, verify covers them.
  void churn(std::uint64_t seq) {
    const Params p{{"seq", static_cast<std::int64_t>(seq)},
                   {"note", std::string(uniform(40), 'n')},
                   {"score", static_cast<double>(uniform(1000)) / 7}};
    switch (uniform(5)) {
      case 0: session_.execute("CREATE (:Scratch {seq: $seq, note: $note})", p); break;
      case 1:
        session_.execute("MATCH (s:Scratch) WHERE s.seq < $seq - 3 DETACH DELETE s", p);
        break;
      case 2:
        session_.execute(
            "MATCH (s:Scratch) WITH s LIMIT 2 MATCH (a:Account {id: 1}) "
            "CREATE (s)-[:TOUCH {score: $score}]->(a)",
            p);
        break;
      case 3: session_.execute("MATCH (s:Scratch) SET s.score = $score REMOVE s.note", p); break;
      case 4: session_.execute("MATCH (s:Scratch)-[t:TOUCH]->() WITH t LIMIT 1 DELETE t", p); break;
    }
  }

  Session& session_;
  std::mt19937_64 rng_;
};

int run(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: statement_writer DIR SEED [MAX_UNITS]\n");
    return 2;
  }
  const std::uint64_t seed = std::stoull(argv[2]);
  const std::uint64_t max_units = argc == 4 ? std::stoull(argv[3]) : ~std::uint64_t{0};
  Database db = Database::open(argv[1]);
  Session session = db.session({.purpose = "", .user = "statement_writer"});
  session.execute(kSetUpStatement);
  session.execute("CREATE INDEX op_seq IF NOT EXISTS FOR (o:Op) ON (o.seq)");
  Row row;
  Result last = session.query("MATCH (l:Ledger {id: 0}) RETURN l.committed AS committed");
  if (!last.next(row)) throw std::runtime_error("no Ledger node after set-up");
  auto seq = static_cast<std::uint64_t>(row["committed"].as_int());
  Writer writer(session, seed);
  for (std::uint64_t done = 0; done < max_units;) {
    if (writer.unit(seq + 1)) {
      ++seq;
      ++done;
      report_committed(seq);
    }
  }
  return 0;
}

}  // namespace
}  // namespace guanxi::crash

int main(int argc, char** argv) {
  try {
    return guanxi::crash::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "statement_writer: %s\n", e.what());
    return 2;
  }
}
