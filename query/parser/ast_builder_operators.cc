// AstBuilder: operator expressions, from OR down to postfix lookups.
//
// Each level of the grammar is a loop (operand (op operand)*), so chains are
// folded here into left-associative trees.
#include <fmt/format.h>

#include "query/parser/ast_builder.h"
#include "query/parser/ast_clone.h"
#include "query/parser/parser.h"

namespace guanxi::query::parser {

using ast::BinaryOp;
using ast::ExpressionKind;
using ast::ExpressionPtr;

namespace {

// Decrements the nesting depth when an expression's construction ends.
class NestingScope {
 public:
  explicit NestingScope(int& depth) : depth_(depth) { ++depth_; }
  ~NestingScope() { --depth_; }
  NestingScope(const NestingScope&) = delete;
  NestingScope& operator=(const NestingScope&) = delete;

 private:
  int& depth_;
};

BinaryOp comparison_op(const std::string& text) {
  if (text == "=") return BinaryOp::kEq;
  if (text == "<>" || text == "!=") return BinaryOp::kNe;
  if (text == "<") return BinaryOp::kLt;
  if (text == "<=") return BinaryOp::kLe;
  if (text == ">") return BinaryOp::kGt;
  return BinaryOp::kGe;
}

}  // namespace

ExpressionPtr AstBuilder::binary(BinaryOp op, ExpressionPtr left, ExpressionPtr right,
                                 antlr4::Token* first, antlr4::Token* last) {
  ExpressionPtr e = make(ExpressionKind::kBinary, first, last);
  e->binary_op = op;
  e->children.push_back(std::move(left));
  e->children.push_back(std::move(right));
  return finish(std::move(e));
}

ExpressionPtr AstBuilder::duplicate(const ast::Expression& expression) {
  // One piece of source standing for two nodes would bind the subquery
  // twice; it is rare enough to ask for a name instead.
  if (ast::holds_subquery(expression)) {
    fail(QueryErrorCode::kSyntax,
         "A subquery cannot be used twice here (the middle of a chained comparison, or the "
         "subject of a label test): name its value with WITH first",
         expression.pos);
  }
  ExpressionPtr copy = ast::clone(&expression);
  heights_[copy.get()] = heights_[&expression];
  return copy;
}

ExpressionPtr AstBuilder::expression(P::ExpressionContext* ctx) {
  NestingScope scope(nesting_);
  if (nesting_ > kMaxNestingDepth) {
    fail(QueryErrorCode::kLimit,
         fmt::format("Expression nested too deeply: more than {} levels", kMaxNestingDepth),
         position_of(ctx));
  }
  return or_expression(ctx->orExpression());
}

ExpressionPtr AstBuilder::or_expression(P::OrExpressionContext* ctx) {
  auto operands = ctx->xorExpression();
  ExpressionPtr result = xor_expression(operands[0]);
  for (std::size_t i = 1; i < operands.size(); ++i) {
    result = binary(BinaryOp::kOr, std::move(result), xor_expression(operands[i]), ctx->getStart(),
                    operands[i]->getStop());
  }
  return result;
}

ExpressionPtr AstBuilder::xor_expression(P::XorExpressionContext* ctx) {
  auto operands = ctx->andExpression();
  ExpressionPtr result = and_expression(operands[0]);
  for (std::size_t i = 1; i < operands.size(); ++i) {
    result = binary(BinaryOp::kXor, std::move(result), and_expression(operands[i]), ctx->getStart(),
                    operands[i]->getStop());
  }
  return result;
}

ExpressionPtr AstBuilder::and_expression(P::AndExpressionContext* ctx) {
  auto operands = ctx->notExpression();
  ExpressionPtr result = not_expression(operands[0]);
  for (std::size_t i = 1; i < operands.size(); ++i) {
    result = binary(BinaryOp::kAnd, std::move(result), not_expression(operands[i]), ctx->getStart(),
                    operands[i]->getStop());
  }
  return result;
}

ExpressionPtr AstBuilder::not_expression(P::NotExpressionContext* ctx) {
  ExpressionPtr result = comparison_expression(ctx->comparisonExpression());
  auto nots = ctx->NOT();
  for (std::size_t i = nots.size(); i-- > 0;) {
    ExpressionPtr e = make(ExpressionKind::kUnary, nots[i]->getSymbol(), ctx->getStop());
    e->unary_op = ast::UnaryOp::kNot;
    e->children.push_back(std::move(result));
    result = finish(std::move(e));
  }
  return result;
}

// a < b < c means a < b AND b < c: the middle operand is evaluated in both.
ExpressionPtr AstBuilder::comparison_expression(P::ComparisonExpressionContext* ctx) {
  auto operands = ctx->predicateExpression();
  auto operators = ctx->comparisonOperator();
  ExpressionPtr left = predicate_expression(operands[0]);
  if (operators.empty()) return left;
  ExpressionPtr result;
  for (std::size_t i = 0; i < operators.size(); ++i) {
    ExpressionPtr right = predicate_expression(operands[i + 1]);
    ExpressionPtr next_left = i + 1 < operators.size() ? duplicate(*right) : nullptr;
    ExpressionPtr comparison =
        binary(comparison_op(operators[i]->getText()), std::move(left), std::move(right),
               operands[i]->getStart(), operands[i + 1]->getStop());
    result = result == nullptr ? std::move(comparison)
                               : binary(BinaryOp::kAnd, std::move(result), std::move(comparison),
                                        ctx->getStart(), operands[i + 1]->getStop());
    left = std::move(next_left);
  }
  return result;
}

ExpressionPtr AstBuilder::predicate_expression(P::PredicateExpressionContext* ctx) {
  ExpressionPtr result = add_sub_expression(ctx->addSubExpression());
  antlr4::Token* first = ctx->getStart();
  for (P::PredicateSuffixContext* suffix : ctx->predicateSuffix()) {
    antlr4::Token* last = suffix->getStop();
    if (auto* is_null_suffix = dynamic_cast<P::IsNullSuffixContext*>(suffix)) {
      ExpressionPtr e = make(ExpressionKind::kIsNull, first, last);
      e->negated = is_null_suffix->NOT() != nullptr;
      e->children.push_back(std::move(result));
      result = finish(std::move(e));
    } else if (auto* starts_with_suffix = dynamic_cast<P::StartsWithSuffixContext*>(suffix)) {
      result = binary(BinaryOp::kStartsWith, std::move(result),
                      add_sub_expression(starts_with_suffix->addSubExpression()), first, last);
    } else if (auto* ends_with_suffix = dynamic_cast<P::EndsWithSuffixContext*>(suffix)) {
      result = binary(BinaryOp::kEndsWith, std::move(result),
                      add_sub_expression(ends_with_suffix->addSubExpression()), first, last);
    } else if (auto* contains_suffix = dynamic_cast<P::ContainsSuffixContext*>(suffix)) {
      result = binary(BinaryOp::kContains, std::move(result),
                      add_sub_expression(contains_suffix->addSubExpression()), first, last);
    } else if (auto* regex_suffix = dynamic_cast<P::RegexSuffixContext*>(suffix)) {
      result = binary(BinaryOp::kRegexMatch, std::move(result),
                      add_sub_expression(regex_suffix->addSubExpression()), first, last);
    } else if (auto* in_suffix = dynamic_cast<P::InSuffixContext*>(suffix)) {
      result = binary(BinaryOp::kIn, std::move(result),
                      add_sub_expression(in_suffix->addSubExpression()), first, last);
    }
  }
  return result;
}

ExpressionPtr AstBuilder::add_sub_expression(P::AddSubExpressionContext* ctx) {
  auto operands = ctx->multExpression();
  auto operators = ctx->addSubOperator();
  ExpressionPtr result = mult_expression(operands[0]);
  for (std::size_t i = 1; i < operands.size(); ++i) {
    BinaryOp op = operators[i - 1]->getText() == "+" ? BinaryOp::kAdd : BinaryOp::kSub;
    result = binary(op, std::move(result), mult_expression(operands[i]), ctx->getStart(),
                    operands[i]->getStop());
  }
  return result;
}

ExpressionPtr AstBuilder::mult_expression(P::MultExpressionContext* ctx) {
  auto operands = ctx->powerExpression();
  auto operators = ctx->multOperator();
  ExpressionPtr result = power_expression(operands[0]);
  for (std::size_t i = 1; i < operands.size(); ++i) {
    const std::string op_text = operators[i - 1]->getText();
    BinaryOp op = op_text == "*"   ? BinaryOp::kMul
                  : op_text == "/" ? BinaryOp::kDiv
                                   : BinaryOp::kMod;
    result = binary(op, std::move(result), power_expression(operands[i]), ctx->getStart(),
                    operands[i]->getStop());
  }
  return result;
}

ExpressionPtr AstBuilder::power_expression(P::PowerExpressionContext* ctx) {
  auto operands = ctx->unaryExpression();
  ExpressionPtr result = unary_expression(operands[0]);
  for (std::size_t i = 1; i < operands.size(); ++i) {
    result = binary(BinaryOp::kPow, std::move(result), unary_expression(operands[i]),
                    ctx->getStart(), operands[i]->getStop());
  }
  return result;
}

ExpressionPtr AstBuilder::unary_expression(P::UnaryExpressionContext* ctx) {
  auto operators = ctx->unaryOperator();
  P::PostfixExpressionContext* operand = ctx->postfixExpression();
  ExpressionPtr result;
  std::size_t remaining = operators.size();
  // -42 is the literal -42 rather than a negation: that is what makes the
  // smallest integer writable.
  auto* literal_atom = dynamic_cast<P::LiteralAtomContext*>(operand->atom());
  if (remaining > 0 && operators.back()->getText() == "-" && operand->postfix().empty() &&
      literal_atom != nullptr && literal_atom->literal()->numberLiteral() != nullptr) {
    result = number(literal_atom->literal()->numberLiteral(), true, operators.back()->getStart());
    --remaining;
  } else {
    result = postfix_expression(operand);
  }
  while (remaining-- > 0) {
    ExpressionPtr e =
        make(ExpressionKind::kUnary, operators[remaining]->getStart(), ctx->getStop());
    e->unary_op =
        operators[remaining]->getText() == "-" ? ast::UnaryOp::kMinus : ast::UnaryOp::kPlus;
    e->children.push_back(std::move(result));
    result = finish(std::move(e));
  }
  return result;
}

ExpressionPtr AstBuilder::postfix_expression(P::PostfixExpressionContext* ctx) {
  ExpressionPtr result = atom(ctx->atom());
  antlr4::Token* first = ctx->getStart();
  for (P::PostfixContext* postfix : ctx->postfix()) {
    antlr4::Token* last = postfix->getStop();
    if (auto* property_lookup = dynamic_cast<P::PropertyLookupContext*>(postfix)) {
      ExpressionPtr e = make(ExpressionKind::kProperty, first, last);
      e->name = name(property_lookup->propertyKeyName());
      e->children.push_back(std::move(result));
      result = finish(std::move(e));
    } else if (auto* index_lookup = dynamic_cast<P::IndexLookupContext*>(postfix)) {
      ExpressionPtr e = make(ExpressionKind::kDynamicIndex, first, last);
      e->children.push_back(std::move(result));
      e->children.push_back(expression(index_lookup->expression()));
      result = finish(std::move(e));
    } else if (auto* slice_lookup = dynamic_cast<P::SliceLookupContext*>(postfix)) {
      ExpressionPtr e = make(ExpressionKind::kSlice, first, last);
      e->children.push_back(std::move(result));
      e->children.push_back(slice_lookup->from != nullptr ? expression(slice_lookup->from)
                                                          : nullptr);
      e->children.push_back(slice_lookup->to != nullptr ? expression(slice_lookup->to) : nullptr);
      result = finish(std::move(e));
    } else if (auto* labels_postfix = dynamic_cast<P::LabelCheckContext*>(postfix)) {
      result = label_check(std::move(result), labels_postfix->nodeLabels(), first, last);
    }
  }
  return result;
}

// n:A:B is 'A' IN labels(n) AND 'B' IN labels(n) (for a relationship, its
// type stands in for the labels): the AST needs no node kind of its own for
// it, and null propagates as openCypher wants.
ExpressionPtr AstBuilder::label_check(ExpressionPtr subject, P::NodeLabelsContext* labels,
                                      antlr4::Token* first, antlr4::Token* last) {
  ExpressionPtr result;
  for (P::NodeLabelContext* label : labels->nodeLabel()) {
    ExpressionPtr label_name = make(ExpressionKind::kLiteral, label);
    label_name->literal = Value(name(label->schemaName()));
    label_name = finish(std::move(label_name));
    ExpressionPtr labels_of = make(ExpressionKind::kFunctionCall, first, last);
    labels_of->name = ast::kLabelCheckFunction;
    labels_of->children.push_back(duplicate(*subject));
    labels_of = finish(std::move(labels_of));
    ExpressionPtr check =
        binary(BinaryOp::kIn, std::move(label_name), std::move(labels_of), first, last);
    result = result == nullptr
                 ? std::move(check)
                 : binary(BinaryOp::kAnd, std::move(result), std::move(check), first, last);
  }
  return result;
}

ExpressionPtr AstBuilder::property_expression(P::PropertyExpressionContext* ctx) {
  ExpressionPtr result = atom(ctx->atom());
  for (P::PropertyKeyNameContext* key : ctx->propertyKeyName()) {
    ExpressionPtr e = make(ExpressionKind::kProperty, ctx->getStart(), key->getStop());
    e->name = name(key);
    e->children.push_back(std::move(result));
    result = finish(std::move(e));
  }
  return result;
}

}  // namespace guanxi::query::parser
