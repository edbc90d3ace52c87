// crash_writer: the child process of the crash test.
//
//   crash_writer DIR SEED [MAX_TXNS]
//
// Opens (or creates) the database in DIR and commits numbered write
// transactions in a loop (see crash_workload.h), continuing after the highest
// number already in the database. After each commit returns it writes the
// number and a newline to stdout with one write(2), so every number the parent
// reads belongs to a committed transaction. Runs until killed, or until
// MAX_TXNS transactions have committed. Exit code 2 and a message on stderr
// for any error.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "storage/adjacency.h"
#include "storage/graph.h"
#include "tests/storage/crash/crash_workload.h"

namespace guanxi::crash {
namespace {

using storage::AdjacencyEntry;
using storage::Direction;
using storage::Graph;
using storage::LabelId;
using storage::NameKind;
using storage::NodeId;
using storage::PropertyKeyId;
using storage::PropertyList;
using storage::RelationshipId;
using storage::TypeId;
using storage::Value;
using storage::WriteTransaction;

// Dictionary ids of the names the workload uses, interned in every
// transaction (cheap once cached) so a rolled-back first transaction cannot
// leave us with ids that were never committed.
struct Names {
  LabelId item, marker, scratch, account, flagged, progress;
  TypeId link, touch;
  PropertyKeyId txn, seq, name, score, note, balance, last_seq, weight;

  static Names intern(Graph& g, WriteTransaction& t) {
    auto& d = g.dictionary();
    Names n;
    n.item = d.intern(t, NameKind::kLabel, kItem);
    n.marker = d.intern(t, NameKind::kLabel, kMarker);
    n.scratch = d.intern(t, NameKind::kLabel, kScratch);
    n.account = d.intern(t, NameKind::kLabel, kAccount);
    n.flagged = d.intern(t, NameKind::kLabel, kFlagged);
    n.progress = d.intern(t, NameKind::kLabel, kProgress);
    n.link = d.intern(t, NameKind::kType, kLink);
    n.touch = d.intern(t, NameKind::kType, kTouch);
    n.txn = d.intern(t, NameKind::kPropertyKey, kTxn);
    n.seq = d.intern(t, NameKind::kPropertyKey, kSeq);
    n.name = d.intern(t, NameKind::kPropertyKey, kName);
    n.score = d.intern(t, NameKind::kPropertyKey, kScore);
    n.note = d.intern(t, NameKind::kPropertyKey, kNote);
    n.balance = d.intern(t, NameKind::kPropertyKey, kBalance);
    n.last_seq = d.intern(t, NameKind::kPropertyKey, kLastSeq);
    n.weight = d.intern(t, NameKind::kPropertyKey, kWeight);
    return n;
  }
};

// The singleton nodes every transaction updates.
struct Fixed {
  NodeId progress = storage::kNoId;
  NodeId account_a = storage::kNoId;
  NodeId account_b = storage::kNoId;
  std::uint64_t last_seq = 0;
};

void report_committed(std::uint64_t seq) {
  const std::string line = std::to_string(seq) + "\n";
  // One write of a few bytes to a pipe is atomic; the parent reads whole lines.
  ssize_t n;
  do {
    n = ::write(STDOUT_FILENO, line.data(), line.size());
  } while (n < 0 && errno == EINTR);
  if (n != static_cast<ssize_t>(line.size())) std::exit(3);
}

// Finds the Progress and Account nodes, creating them in one transaction on a
// fresh database.
Fixed set_up(Graph& graph) {
  return graph.write([&](WriteTransaction& txn) {
    const Names n = Names::intern(graph, txn);
    Fixed f;
    const auto progress = graph.nodes_with_label(txn, n.progress);
    if (!progress.isEmpty()) {
      f.progress = progress.minimum();
      const auto rec = graph.get_node(txn, f.progress);
      f.last_seq =
          static_cast<std::uint64_t>(storage::find_property(rec->properties, n.last_seq)->as_int());
      const auto accounts = graph.nodes_with_label(txn, n.account);
      f.account_a = accounts.minimum();
      f.account_b = accounts.maximum();
      return f;
    }
    f.progress = graph.create_node(txn, {n.progress}, {{n.last_seq, Value(0)}});
    f.account_a = graph.create_node(txn, {n.account}, {{n.balance, Value(kInitialBalance)}});
    f.account_b = graph.create_node(txn, {n.account}, {{n.balance, Value(kInitialBalance)}});
    return f;
  });
}

class TxnBody {
 public:
  TxnBody(Graph& graph, WriteTransaction& txn, const Fixed& fixed, std::uint64_t seq,
          std::uint64_t seed)
      : g_(graph), txn_(txn), fixed_(fixed), seq_(seq), rng_(mix(seed) ^ mix(seq)) {}

  void run() {
    n_ = Names::intern(g_, txn_);
    if (seq_ == kUniqueIndexTxn) g_.create_index(txn_, n_.marker, n_.seq, /*unique=*/true);
    if (seq_ == kScoreIndexTxn) g_.create_index(txn_, n_.item, n_.score, /*unique=*/false);

    next_id_ = g_.counters().next_node_id(txn_);
    create_items();
    create_links();
    g_.create_node(txn_, {n_.marker}, {{n_.seq, Value(static_cast<std::int64_t>(seq_))}});
    churn();
    transfer();
    g_.set_node_property(txn_, fixed_.progress, n_.last_seq,
                         Value(static_cast<std::int64_t>(seq_)));
  }

 private:
  std::uint64_t uniform(std::uint64_t n) { return n == 0 ? 0 : rng_() % n; }
  bool chance(unsigned one_in) { return uniform(one_in) == 0; }
  std::string random_text(std::size_t max_len) {
    std::string s(uniform(max_len + 1), ' ');
    for (char& c : s) c = static_cast<char>('a' + uniform(26));
    return s;
  }

  void create_items() {
    const std::uint64_t k = items_in_txn(seq_);
    for (std::uint64_t j = 0; j < k; ++j) {
      std::vector<LabelId> labels{n_.item};
      if (chance(4)) labels.push_back(n_.flagged);
      PropertyList props{
          {n_.txn, Value(static_cast<std::int64_t>(seq_))},
          {n_.name, Value("item-" + std::to_string(seq_) + "-" + std::to_string(j))},
          {n_.score, Value(static_cast<std::int64_t>(uniform(1000)))},
      };
      if (chance(2)) {
        props.push_back({n_.note, Value(storage::List{Value(random_text(40)), Value(1.5),
                                                      Value(storage::Date{19000})})});
      }
      mine_.push_back(g_.create_node(txn_, std::move(labels), std::move(props)));
    }
  }

  // An existing Item other than ours (or one of ours when none is found):
  // Items are never deleted, so a LINK between two of them stays.
  NodeId random_item() {
    for (int attempt = 0; attempt < 8 && next_id_ > 0; ++attempt) {
      const NodeId id = uniform(next_id_);
      const auto rec = g_.get_node(txn_, id);
      if (rec && std::binary_search(rec->labels.begin(), rec->labels.end(), n_.item)) return id;
    }
    return mine_[uniform(mine_.size())];
  }

  std::optional<NodeId> random_scratch() {
    const auto scratch = g_.nodes_with_label(txn_, n_.scratch);
    if (scratch.isEmpty()) return std::nullopt;
    NodeId id = 0;
    if (!scratch.select(uniform(scratch.cardinality()), &id)) return std::nullopt;
    return id;
  }

  void create_links() {
    const auto txn_prop = Value(static_cast<std::int64_t>(seq_));
    for (std::size_t j = 0; j + 1 < mine_.size(); ++j) {
      g_.create_relationship(
          txn_, mine_[j], mine_[j + 1], n_.link,
          {{n_.txn, txn_prop}, {n_.weight, Value(static_cast<double>(uniform(100)) / 10)}});
    }
    for (int j = 0; j < 2; ++j) {
      g_.create_relationship(txn_, random_item(), random_item(), n_.link, {{n_.txn, txn_prop}});
    }
  }

  void churn() {
    const std::uint64_t scratch_count = uniform(3);
    for (std::uint64_t j = 0; j < scratch_count; ++j) {
      g_.create_node(txn_, {n_.scratch}, {{n_.note, Value(random_text(300))}});
    }
    const std::uint64_t touches = uniform(3);
    for (std::uint64_t j = 0; j < touches; ++j) {
      if (auto s = random_scratch()) g_.create_relationship(txn_, *s, random_item(), n_.touch, {});
    }
    // Properties and labels of existing items come and go; score is indexed
    // from transaction kScoreIndexTxn on.
    const NodeId a = random_item();
    if (chance(3)) {
      g_.set_node_property(txn_, a, n_.score, Value());
    } else {
      g_.set_node_property(txn_, a, n_.score, Value(static_cast<std::int64_t>(uniform(1000))));
    }
    const NodeId b = random_item();
    g_.set_node_property(txn_, b, n_.note, chance(2) ? Value() : Value(random_text(60)));
    const NodeId c = random_item();
    if (chance(2)) {
      g_.add_label(txn_, c, n_.flagged);
    } else {
      g_.remove_label(txn_, c, n_.flagged);
    }
    if (chance(4)) {
      if (auto s = random_scratch()) g_.delete_node(txn_, *s, /*detach=*/true);
    }
    if (chance(5)) {
      if (auto s = random_scratch()) {
        const TypeId types[] = {n_.touch};
        const auto relationships = storage::neighbours(txn_, *s, Direction::kOut, types);
        if (!relationships.empty()) {
          const AdjacencyEntry& e = relationships[uniform(relationships.size())];
          g_.delete_relationship(txn_, {e.relationship(), *s, e.other(), n_.touch});
        }
      }
    }
    if (chance(3)) {
      const TypeId types[] = {n_.link};
      const NodeId item = random_item();
      const auto relationships = storage::neighbours(txn_, item, Direction::kOut, types);
      if (!relationships.empty()) {
        const AdjacencyEntry& e = relationships[uniform(relationships.size())];
        g_.set_relationship_property(txn_, {e.relationship(), item, e.other(), n_.link}, n_.weight,
                                     Value(static_cast<double>(uniform(1000)) / 7));
      }
    }
  }

  void transfer() {
    const auto a = g_.get_node(txn_, fixed_.account_a);
    const auto b = g_.get_node(txn_, fixed_.account_b);
    const std::int64_t amount = static_cast<std::int64_t>(uniform(1000)) - 500;
    const std::int64_t bal_a = storage::find_property(a->properties, n_.balance)->as_int();
    const std::int64_t bal_b = storage::find_property(b->properties, n_.balance)->as_int();
    g_.set_node_property(txn_, fixed_.account_a, n_.balance, Value(bal_a - amount));
    g_.set_node_property(txn_, fixed_.account_b, n_.balance, Value(bal_b + amount));
  }

  Graph& g_;
  WriteTransaction& txn_;
  const Fixed& fixed_;
  const std::uint64_t seq_;
  std::mt19937_64 rng_;
  Names n_{};
  NodeId next_id_ = 0;
  std::vector<NodeId> mine_;
};

int run(const char* dir, std::uint64_t seed, std::uint64_t max_txns) {
  storage::EnvironmentOptions options;
  // A small map, so that growth also happens under the kills.
  options.initial_map_size = std::size_t{1} << 20;
  auto graph = Graph::open(dir, options);
  const Fixed fixed = set_up(*graph);
  for (std::uint64_t done = 0; max_txns == 0 || done < max_txns; ++done) {
    const std::uint64_t seq = fixed.last_seq + done + 1;
    // Environment::write may run the body again after growing the map; the
    // body starts from scratch each time, random choices included.
    graph->write([&](WriteTransaction& txn) { TxnBody(*graph, txn, fixed, seq, seed).run(); });
    report_committed(seq);
  }
  return 0;
}

}  // namespace
}  // namespace guanxi::crash

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: %s DIR SEED [MAX_TXNS]\n", argv[0]);
    return 2;
  }
  try {
    const std::uint64_t seed = std::strtoull(argv[2], nullptr, 10);
    const std::uint64_t max_txns = argc == 4 ? std::strtoull(argv[3], nullptr, 10) : 0;
    return guanxi::crash::run(argv[1], seed, max_txns);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "crash_writer: %s\n", e.what());
    return 2;
  }
}
