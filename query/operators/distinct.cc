// Distinct: passes on the first row of each set of rows equivalent on the
// compared slots (openCypher equivalence, as for grouping). The rows it has
// seen count against the memory budget.
#include <unordered_set>

#include "query/executor/execution_context.h"
#include "query/expression/comparison.h"
#include "query/operators/operator_factories.h"
#include "query/value_footprint.h"

namespace guanxi::query {

namespace {

class Distinct final : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    seen_.clear();
  }

 protected:
  bool next(Row& row) override {
    while (input_->pull(row)) {
      Row key;
      key.reserve(plan_.slots.size());
      for (int slot : plan_.slots) key.push_back(row[slot]);
      const std::uint64_t bytes = row_heap_bytes(key);
      if (seen_.insert(std::move(key)).second) {
        memory_.add(bytes + kSetEntryBytes);
        return true;
      }
    }
    return false;
  }

 private:
  // A hash set's node (next pointer, cached hash, the row) and its bucket.
  static constexpr std::uint64_t kSetEntryBytes =
      heap_block_bytes(sizeof(Row) + 2 * sizeof(void*)) + sizeof(void*);

  std::unordered_set<Row, RowHash, RowEquivalent> seen_;
};

}  // namespace

OperatorPtr make_distinct(const LogicalOperator& plan) { return std::make_unique<Distinct>(plan); }

}  // namespace guanxi::query
