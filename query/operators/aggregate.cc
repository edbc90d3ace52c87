// Aggregate (EagerAggregation): groups the input rows by the grouping keys
// (openCypher equivalence: 1 = 1.0, null = null) and runs one aggregator per
// aggregate call and group. Emits one row per group, in order of first
// appearance; without grouping keys exactly one row, even for no input.
//
// DISTINCT aggregates are de-duplicated here rather than by the aggregator:
// nodes and relationships (the common count(DISTINCT c)) by id in a Roaring
// bitmap, other values in a hash set by openCypher equivalence. count(DISTINCT)
// only needs how many entities there were, so it gathers their ids and merges
// them into the bitmaps sorted, a batch at a time: one by one, an insert into
// a Roaring array container moves up to 8 KiB. Without grouping keys there
// is one group, and its nodes are marked in the session's dense NodeMarks.
//
// The groups (keys, first rows, aggregators) and what the aggregators hold
// (collect()'s lists, DISTINCT's values) count against the memory budget.
#include <algorithm>
#include <roaring/roaring64map.hh>
#include <unordered_map>
#include <unordered_set>

#include "query/executor/execution_context.h"
#include "query/expression/comparison.h"
#include "query/expression/evaluator.h"
#include "query/expression/function_registry.h"
#include "query/operators/operator_factories.h"
#include "query/value_footprint.h"

namespace guanxi::query {

namespace {

class Aggregate final : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    groups_.clear();
    index_.clear();
    consumed_ = false;
    pos_ = 0;
  }

 protected:
  bool next(Row& row) override {
    if (!consumed_) consume(row);
    if (pos_ >= groups_.size()) return false;
    Group& group = groups_[pos_++];
    row = std::move(group.row);
    for (size_t i = 0; i < plan_.items.size(); ++i) row[plan_.items[i].slot] = group.keys[i];
    for (size_t i = 0; i < plan_.aggregates.size(); ++i) {
      Value result = group.aggregators[i]->finish();
      if (group.seen[i] && group.seen[i]->counting) {
        result = Value(result.as_int() + group.seen[i]->entities());
      }
      row[plan_.aggregates[i]->slot] = std::move(result);
    }
    for (const auto& item : plan_.post_items) {
      row[item.slot] = evaluate(*item.expression, row, *ctx_);
    }
    return true;
  }

 private:
  // The values a DISTINCT aggregate of one group has seen.
  struct Seen {
    Seen(bool count_only, NodeMarksPool::Lease marks)
        : counting(count_only), node_marks(std::move(marks)) {
      if (node_marks) node_marks->next_round();
    }
    bool counting;                    // count(DISTINCT): entities are counted here, not passed on
    NodeMarksPool::Lease node_marks;  // the only group's nodes, else null
    std::int64_t marked_nodes = 0;
    Roaring64Map nodes, relationships;
    std::vector<std::uint64_t> pending_nodes, pending_relationships;  // counting only
    std::unordered_set<Value, ValueHash, ValueEquivalent> others;
    std::uint64_t others_bytes = 0;  // what `others` holds, for the memory budget
    // A hash set's node (next pointer, cached hash, the value) and its bucket.
    static constexpr std::uint64_t kSetEntryBytes =
        heap_block_bytes(sizeof(Value) + 2 * sizeof(void*)) + sizeof(void*);

    // True when `v` is new and the aggregator must see it (nulls always
    // pass: the aggregator skips them).
    bool insert(const Value& v) {
      switch (v.kind()) {
        case ValueKind::kNull: return true;
        case ValueKind::kNode:
          if (node_marks) {
            if (!node_marks->mark(v.as_node().id)) return false;
            ++marked_nodes;
            return !counting;
          }
          if (!counting) return nodes.addChecked(v.as_node().id);
          gather(pending_nodes, nodes, v.as_node().id);
          return false;
        case ValueKind::kRelationship:
          if (!counting) return relationships.addChecked(v.as_relationship().id);
          gather(pending_relationships, relationships, v.as_relationship().id);
          return false;
        default:
          if (!others.insert(v).second) return false;
          others_bytes += kSetEntryBytes + value_heap_bytes(v);
          return true;
      }
    }
    // The distinct entities counted here (counting only).
    std::int64_t entities() {
      merge(pending_nodes, nodes);
      merge(pending_relationships, relationships);
      return marked_nodes +
             static_cast<std::int64_t>(nodes.cardinality() + relationships.cardinality());
    }

   private:
    static void gather(std::vector<std::uint64_t>& pending, Roaring64Map& into, std::uint64_t id) {
      pending.push_back(id);
      if (pending.size() >= (std::size_t{1} << 16)) merge(pending, into);
    }
    static void merge(std::vector<std::uint64_t>& pending, Roaring64Map& into) {
      if (pending.empty()) return;
      std::sort(pending.begin(), pending.end());
      Roaring64Map batch;
      batch.addMany(pending.size(), pending.data());  // sorted: each add appends
      into |= batch;
      pending.clear();
    }
  };

  struct Group {
    Row keys;
    Row row;  // the group's first input row: variables the items may still read
    std::vector<std::unique_ptr<Aggregator>> aggregators;
    std::vector<std::unique_ptr<Seen>> seen;  // per aggregate; set for DISTINCT ones
  };

  // What a new group holds: its keys twice (in the group and the index),
  // the index entry, its first row, and its aggregators.
  std::uint64_t group_bytes(const Group& g) const {
    constexpr std::uint64_t kIndexEntry =
        heap_block_bytes(sizeof(Row) + sizeof(size_t) + 2 * sizeof(void*)) + sizeof(void*);
    constexpr std::uint64_t kAggregator = heap_block_bytes(96) + 2 * sizeof(void*);
    std::uint64_t bytes = 2 * row_heap_bytes(g.keys) + row_heap_bytes(g.row);
    if (!plan_.items.empty()) bytes += kIndexEntry;
    bytes += g.aggregators.size() * kAggregator;
    for (const auto& seen : g.seen) {
      if (seen) bytes += heap_block_bytes(sizeof(Seen));
    }
    return bytes;
  }

  Group make_group(Row keys, const Row& row) {
    Group g;
    g.keys = std::move(keys);
    g.row = row;
    for (const ast::Expression* a : plan_.aggregates) {
      if (a->kind == ast::ExpressionKind::kCountStar) {
        g.aggregators.push_back(make_count_star_aggregator());
      } else {
        g.aggregators.push_back(a->function->make_aggregator(false));
      }
      const bool counting = a->kind == ast::ExpressionKind::kFunctionCall && a->function &&
                            a->function->name == "count";
      NodeMarksPool::Lease marks;
      if (a->distinct && plan_.items.empty()) marks = ctx_->lend_node_marks();
      g.seen.push_back(a->distinct ? std::make_unique<Seen>(counting, std::move(marks)) : nullptr);
    }
    return g;
  }

  void consume(Row& row) {
    consumed_ = true;
    std::vector<Value> args;
    std::uint64_t seen = 0;
    while (input_->pull(row)) {
      if ((++seen & 1023) == 0) ctx_->check_cancelled();
      size_t g = 0;
      if (plan_.items.empty()) {
        if (groups_.empty()) {
          groups_.push_back(make_group({}, row));
          memory_.add(group_bytes(groups_.back()));
        }
      } else {
        Row keys;
        keys.reserve(plan_.items.size());
        for (const auto& item : plan_.items) {
          keys.push_back(item.expression ? evaluate(*item.expression, row, *ctx_) : row[item.slot]);
        }
        auto it = index_.find(keys);
        if (it == index_.end()) {
          g = groups_.size();
          reserve_one_more(groups_, memory_);
          index_.emplace(keys, g);
          groups_.push_back(make_group(std::move(keys), row));
          memory_.add(group_bytes(groups_.back()));
        } else {
          g = it->second;
        }
      }
      Group& group = groups_[g];
      for (size_t i = 0; i < plan_.aggregates.size(); ++i) {
        const auto& children = plan_.aggregates[i]->children;
        // count(DISTINCT c) of a variable: its slot is checked in place.
        const bool in_place = group.seen[i] && children.size() == 1 &&
                              children[0]->kind == ast::ExpressionKind::kVariable &&
                              children[0]->slot >= 0 &&
                              static_cast<size_t>(children[0]->slot) < row.size();
        Aggregator& aggregator = *group.aggregators[i];
        Seen* seen_values = group.seen[i].get();
        const std::uint64_t held_before =
            aggregator.held_bytes() + (seen_values ? seen_values->others_bytes : 0);
        if (in_place && !seen_values->insert(row[children[0]->slot])) continue;
        args.clear();
        for (const auto& child : children) args.push_back(evaluate(*child, row, *ctx_));
        if (seen_values && !in_place && !args.empty() && !seen_values->insert(args[0])) continue;
        aggregator.add(args);
        memory_.add(aggregator.held_bytes() + (seen_values ? seen_values->others_bytes : 0) -
                    held_before);
      }
    }
    if (groups_.empty() && plan_.items.empty()) {
      groups_.push_back(make_group({}, Row(ctx_->slot_count())));
    }
  }

  std::vector<Group> groups_;
  std::unordered_map<Row, size_t, RowHash, RowEquivalent> index_;
  bool consumed_ = false;
  size_t pos_ = 0;
};

}  // namespace

OperatorPtr make_aggregate(const LogicalOperator& plan) {
  return std::make_unique<Aggregate>(plan);
}

}  // namespace guanxi::query
