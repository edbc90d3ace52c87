// List comprehensions, quantifiers and reduce: the expressions that bind an
// iteration variable into the row while they run.
#include <optional>
#include <utility>

#include "query/expression/arithmetic.h"
#include "query/expression/evaluator.h"
#include "query/expression/evaluator_internal.h"
#include "query/value_footprint.h"

namespace guanxi::query::detail {

namespace {

// Binds row[slot] for the lifetime of the scope and restores it afterwards,
// so that nested scopes and re-evaluation never see a stale binding.
class SlotBinding {
 public:
  SlotBinding(Row& row, int slot, const ast::Expression& e) : row_(row), slot_(slot) {
    if (slot < 0)
      throw QueryError(QueryErrorCode::kSemantic,
                       "Variable `" + e.name + "` has no slot (expression not bound)");
    if (static_cast<size_t>(slot) >= row.size()) row.resize(static_cast<size_t>(slot) + 1);
    saved_ = std::move(row[static_cast<size_t>(slot)]);
  }
  ~SlotBinding() {
    if (static_cast<size_t>(slot_) < row_.size())
      row_[static_cast<size_t>(slot_)] = std::move(saved_);
  }
  SlotBinding(const SlotBinding&) = delete;
  SlotBinding& operator=(const SlotBinding&) = delete;

  void set(Value v) { row_[static_cast<size_t>(slot_)] = std::move(v); }

 private:
  Row& row_;
  int slot_;
  Value saved_;
};

// The list a construct iterates over: nullopt for null; kType otherwise.
std::optional<List> iterated_list(const ast::Expression& source, const char* construct, Row& row,
                                  EvaluationContext& ctx) {
  Value v = evaluate(source, row, ctx);
  if (v.is_null()) return std::nullopt;
  if (v.kind() != ValueKind::kList) type_error(construct, "a LIST", v);
  return std::move(v.as_list());
}

// True for a reduce() body `acc + x` whose left operand is the accumulator
// itself: the case evaluate_reduce grows in place.
bool grows_accumulator(const ast::Expression& body, int accumulator_slot) {
  return body.kind == ast::ExpressionKind::kBinary && body.binary_op == ast::BinaryOp::kAdd &&
         body.children.size() == 2 && body.children[0] != nullptr && body.children[1] != nullptr &&
         body.children[0]->kind == ast::ExpressionKind::kVariable &&
         body.children[0]->slot == accumulator_slot && accumulator_slot >= 0;
}

}  // namespace

Value evaluate_list_comprehension(const ast::Expression& e, Row& row, EvaluationContext& ctx) {
  std::optional<List> source = iterated_list(*e.children[0], "List comprehension", row, ctx);
  if (!source) return Value();
  const ast::Expression* where = e.children.size() > 1 ? e.children[1].get() : nullptr;
  const ast::Expression* project = e.children.size() > 2 ? e.children[2].get() : nullptr;
  SlotBinding binding(row, e.slot, e);
  List out;
  // The new list's bytes, checked against the memory budget as it grows
  // (the source list is already counted wherever it came from).
  std::uint64_t item_bytes = 0;
  for (Value& item : *source) {
    ctx.check_cancelled();
    binding.set(item);
    if (where != nullptr && !is_true(evaluate(*where, row, ctx))) continue;
    if (out.size() == out.capacity()) {
      const std::uint64_t grown = out.capacity() < 16 ? 16 : 2 * out.capacity();
      ctx.memory_budget().check_room(item_bytes + heap_block_bytes(grown * sizeof(Value)));
    }
    out.push_back(project != nullptr ? evaluate(*project, row, ctx) : std::move(item));
    item_bytes += value_heap_bytes(out.back());
  }
  Value list(std::move(out));
  // A projection may have built its items deeper than the source's.
  if (project != nullptr) check_value_nesting(list);
  return list;
}

Value evaluate_quantifier(const ast::Expression& e, Row& row, EvaluationContext& ctx) {
  std::optional<List> source = iterated_list(*e.children[0], "Quantifier", row, ctx);
  if (!source) return Value();
  const ast::Expression* where = e.children.size() > 1 ? e.children[1].get() : nullptr;
  SlotBinding binding(row, e.slot, e);
  std::int64_t trues = 0, falses = 0, nulls = 0;
  for (Value& item : *source) {
    ctx.check_cancelled();
    binding.set(std::move(item));
    Value p = where != nullptr ? evaluate(*where, row, ctx) : Value(true);
    if (p.is_null()) {
      ++nulls;
    } else if (p.kind() != ValueKind::kBool) {
      type_error("Quantifier predicate", "a BOOLEAN", p);
    } else if (p.as_bool()) {
      ++trues;
      if (e.quantifier == ast::Quantifier::kAny) return Value(true);
      if (e.quantifier == ast::Quantifier::kNone) return Value(false);
      if (e.quantifier == ast::Quantifier::kSingle && trues > 1) return Value(false);
    } else {
      ++falses;
      if (e.quantifier == ast::Quantifier::kAll) return Value(false);
    }
  }
  switch (e.quantifier) {
    case ast::Quantifier::kAll:
    case ast::Quantifier::kNone:
    case ast::Quantifier::kAny:
      return nulls > 0 ? Value() : Value(e.quantifier != ast::Quantifier::kAny);
    case ast::Quantifier::kSingle:
      if (nulls > 0) return Value();
      return Value(trues == 1);
  }
  return Value();
}

Value evaluate_reduce(const ast::Expression& e, Row& row, EvaluationContext& ctx) {
  Value accumulator = evaluate(*e.children[0], row, ctx);
  std::optional<List> source = iterated_list(*e.children[1], "reduce()", row, ctx);
  if (!source) return Value();
  ast::Expression accumulator_scope;
  accumulator_scope.name = e.keys.empty() ? std::string("accumulator") : e.keys[0];
  SlotBinding acc(row, e.accumulator_slot, accumulator_scope);
  SlotBinding var(row, e.slot, e);
  const ast::Expression& body = *e.children[2];
  const bool appends = grows_accumulator(body, e.accumulator_slot);
  std::uint64_t step = 0;
  for (Value& item : *source) {
    ctx.check_cancelled();
    // The accumulator may grow at every step (a list or string built up):
    // its size is checked against the memory budget now and then.
    if ((++step & 255) == 0) ctx.memory_budget().check_room(value_heap_bytes(accumulator));
    acc.set(std::move(accumulator));
    var.set(std::move(item));
    if (appends) {
      // `acc + x`: x first (it may read acc), then acc is taken out of its
      // slot and grown in place rather than copied at every step.
      Value addend = evaluate(*body.children[1], row, ctx);
      accumulator =
          add_values_consuming(std::move(row[static_cast<size_t>(e.accumulator_slot)]), addend);
    } else {
      accumulator = evaluate(body, row, ctx);
    }
  }
  return accumulator;
}

}  // namespace guanxi::query::detail
