#include "query/binder/constant_type_check.h"

#include <set>
#include <string>

#include "query/expression/evaluator.h"
#include "query/expression/function_registry.h"
#include "query/expression/row_count_rule.h"

namespace guanxi::query {

namespace {

// Thrown when a part turns out to need more than literals after all.
struct NotConstant {};

// An EvaluationContext without a database: constant parts need none of it.
class ConstantContext final : public EvaluationContext {
 public:
  const Value& parameter(const std::string&) override { throw NotConstant{}; }
  Value node_property(NodeRef, std::string_view) override { throw NotConstant{}; }
  Value relationship_property(const RelRef&, std::string_view) override { throw NotConstant{}; }
  Map node_properties(NodeRef) override { throw NotConstant{}; }
  Map relationship_properties(const RelRef&) override { throw NotConstant{}; }
  List node_labels(NodeRef) override { throw NotConstant{}; }
  std::string relationship_type(const RelRef&) override { throw NotConstant{}; }
  Value evaluate_pattern(const ast::Expression&, Row&) override { throw NotConstant{}; }
  void check_cancelled() override {}
  MemoryBudget& memory_budget() override { return budget_; }
  double random() override { throw NotConstant{}; }
  DateTime statement_time() override { throw NotConstant{}; }

 private:
  // A literal list is small; anything that grows past this is left to the run.
  MemoryBudget budget_{std::uint64_t{16} << 20};
};

// A list literal whose elements are literals of one type: its elements'
// type is known before the statement runs. The elements of any other list
// (`[true, []]`) are only known to be values, so what an iteration does
// with them fails, if at all, while it runs (as openCypher has it).
bool typed_literal_list(const ast::Expression* e) {
  if (e == nullptr || e->kind != ast::ExpressionKind::kList) return false;
  for (const auto& item : e->children) {
    if (item->kind != ast::ExpressionKind::kLiteral ||
        item->literal.kind() != e->children.front()->literal.kind()) {
      return false;
    }
  }
  return true;
}

// Whether `e` depends on literals alone; `local` holds the slots of the
// iterations around it inside the part being tested.
bool constant(const ast::Expression* e, std::set<int>& local) {
  if (e == nullptr) return true;
  using K = ast::ExpressionKind;
  switch (e->kind) {
    case K::kLiteral: return true;
    case K::kVariable: return local.count(e->slot) > 0;
    case K::kParameter:
    case K::kCountStar:
    case K::kMapProjection:
    case K::kPatternPredicate:
    case K::kExists:
    case K::kCountSubquery:
    case K::kPatternComprehension: return false;
    case K::kFunctionCall:
      // No arguments: the clock, randomness or a constant not worth it.
      if (e->function == nullptr || e->function->aggregate || e->children.empty() ||
          e->function->name == "range" || e->function->name == "rand" ||
          e->function->name == "randomUUID") {
        return false;
      }
      break;
    case K::kListComprehension:
    case K::kQuantifier:
    case K::kReduce:
      if (!typed_literal_list(e->children[e->kind == K::kReduce ? 1 : 0].get())) return false;
      local.insert(e->slot);
      if (e->kind == K::kReduce) local.insert(e->accumulator_slot);
      break;
    default: break;
  }
  for (const auto& child : e->children) {
    if (!constant(child.get(), local)) return false;
  }
  return true;
}

// "AND", "OR", "XOR" or "NOT" when `e` is that operator, else nullptr.
const char* logical_operator(const ast::Expression& e) {
  if (e.kind == ast::ExpressionKind::kUnary && e.unary_op == ast::UnaryOp::kNot) return "NOT";
  if (e.kind != ast::ExpressionKind::kBinary) return nullptr;
  switch (e.binary_op) {
    case ast::BinaryOp::kAnd: return "AND";
    case ast::BinaryOp::kOr: return "OR";
    case ast::BinaryOp::kXor: return "XOR";
    default: return nullptr;
  }
}

void check(const ast::Expression* e, Row& row, ConstantContext& ctx,
           std::string_view statement_text) {
  if (e == nullptr) return;
  std::set<int> local;
  if (constant(e, local)) {
    try {
      (void)evaluate(*e, row, ctx);
    } catch (const NotConstant&) {
      return;
    } catch (const QueryError& error) {
      if (error.code() != QueryErrorCode::kType) return;
      throw QueryError(QueryErrorCode::kType, error.message(), e->pos, statement_text);
    }
  }
  // An operand of AND, OR, XOR or NOT must be a boolean even where the
  // other one decides (false AND 123).
  if (const char* op = logical_operator(*e)) {
    for (const auto& operand : e->children) {
      std::set<int> operand_local;
      if (!operand || !constant(operand.get(), operand_local)) continue;
      Value v;
      try {
        v = evaluate(*operand, row, ctx);
      } catch (const NotConstant&) {
        continue;
      } catch (const QueryError&) {
        continue;  // reported below, where the operand is checked itself
      }
      if (v.is_null() || v.kind() == ValueKind::kBool) continue;
      throw QueryError(QueryErrorCode::kType,
                       std::string("Type mismatch: operand of ") + op +
                           " expected a BOOLEAN but was " + value_kind_name(v.kind()),
                       operand->pos, statement_text);
    }
  }
  // The parts too: a branch the whole never evaluates is still ill-typed.
  for (const auto& child : e->children) check(child.get(), row, ctx, statement_text);
  for (const auto& item : e->projection_items) check(item.value.get(), row, ctx, statement_text);
}

}  // namespace

void check_constant_types(const ast::Expression& expression, int slot_count,
                          std::string_view statement_text) {
  ConstantContext ctx;
  Row row(static_cast<std::size_t>(slot_count));
  check(&expression, row, ctx, statement_text);
}

void check_constant_row_count(const ast::Expression& expression, int slot_count,
                              std::string_view statement_text) {
  std::set<int> local;
  if (!constant(&expression, local)) return;
  ConstantContext ctx;
  Row row(static_cast<std::size_t>(slot_count));
  Value v;
  try {
    v = evaluate(expression, row, ctx);
  } catch (const NotConstant&) {
    return;
  }
  if (auto problem = row_count_problem(v)) {
    throw QueryError(problem->code, problem->message, expression.pos, statement_text);
  }
}

}  // namespace guanxi::query
