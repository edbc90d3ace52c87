// AstBuilder: walks ANTLR's parse tree of one statement and builds the AST.
//
// Internal to query/parser/. The parse tree is already known to be
// syntactically valid; the builder adds what the grammar cannot say: literal
// values (and their range), chained comparisons (a < b < c is a < b AND
// b < c), a unary minus folded into a number literal, label checks (n:A is
// 'A' IN labels(n)), the order of clauses, and the nesting limits.
// Definitions are split by subject: statements and clauses, patterns,
// operators, atoms.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "GuanxiParser.h"
#include "query/ast.h"

namespace guanxi::query::parser {

class AstBuilder {
 public:
  using P = guanxi_antlr::GuanxiParser;

  // `query_text` is the statement's text, `input` the character stream the
  // parse tree was built from (token indexes point into it).
  AstBuilder(std::string_view query_text, antlr4::CharStream& input)
      : text_(query_text), input_(input) {}

  ast::Statement build(P::StatementContext* ctx);

 private:
  // --- statements and clauses (ast_builder_statements.cc) ---
  void build_schema(P::SchemaStatementContext* ctx, ast::Statement& statement);
  void build_privacy_schema(P::SchemaStatementContext* ctx, ast::Statement& statement);
  // `in_expression`: the body of EXISTS { } or COUNT { }, which may end with
  // any reading clause (the binder refuses writes there).
  ast::Query build_query(P::QueryContext* ctx, bool in_expression = false);
  ast::SingleQuery build_single_query(P::SingleQueryContext* ctx, bool in_union,
                                      bool in_expression);
  ast::Clause build_clause(P::ClauseContext* ctx);
  ast::Projection build_projection(P::ProjectionBodyContext* ctx);
  std::vector<ast::SetItem> build_set_items(P::SetClauseContext* ctx);
  ast::RemoveItem build_remove_item(P::RemoveItemContext* ctx);
  void build_call(P::CallClauseContext* ctx, ast::Clause& clause);

  // --- patterns (ast_builder_patterns.cc) ---
  std::vector<ast::PatternPart> build_pattern(P::PatternContext* ctx);
  ast::PatternPart build_pattern_part(P::PatternPartContext* ctx);
  void build_chain(P::NodePatternContext* first,
                   const std::vector<P::PatternElementChainContext*>& chain,
                   ast::PatternPart& part);
  ast::PatternPart build_relationships_pattern(P::RelationshipsPatternContext* ctx);
  ast::NodePattern build_node(P::NodePatternContext* ctx);
  ast::RelPattern build_rel(P::RelationshipPatternContext* ctx);
  ast::ExpressionPtr build_properties(P::PropertiesContext* ctx);
  std::vector<std::string> build_labels(P::NodeLabelsContext* ctx);
  std::int64_t build_hops(P::IntegerLiteralContext* ctx);

  // --- operators (ast_builder_operators.cc) ---
  ast::ExpressionPtr expression(P::ExpressionContext* ctx);
  ast::ExpressionPtr or_expression(P::OrExpressionContext* ctx);
  ast::ExpressionPtr xor_expression(P::XorExpressionContext* ctx);
  ast::ExpressionPtr and_expression(P::AndExpressionContext* ctx);
  ast::ExpressionPtr not_expression(P::NotExpressionContext* ctx);
  ast::ExpressionPtr comparison_expression(P::ComparisonExpressionContext* ctx);
  ast::ExpressionPtr predicate_expression(P::PredicateExpressionContext* ctx);
  ast::ExpressionPtr add_sub_expression(P::AddSubExpressionContext* ctx);
  ast::ExpressionPtr mult_expression(P::MultExpressionContext* ctx);
  ast::ExpressionPtr power_expression(P::PowerExpressionContext* ctx);
  ast::ExpressionPtr unary_expression(P::UnaryExpressionContext* ctx);
  ast::ExpressionPtr postfix_expression(P::PostfixExpressionContext* ctx);
  ast::ExpressionPtr property_expression(P::PropertyExpressionContext* ctx);
  // `subject` with the label checks of `labels` applied.
  ast::ExpressionPtr label_check(ast::ExpressionPtr subject, P::NodeLabelsContext* labels,
                                 antlr4::Token* first, antlr4::Token* last);
  // left `op` right, positioned and named like the source from `first` to `last`.
  ast::ExpressionPtr binary(ast::BinaryOp op, ast::ExpressionPtr left, ast::ExpressionPtr right,
                            antlr4::Token* first, antlr4::Token* last);
  // A copy of an already finished expression (it keeps its recorded height).
  ast::ExpressionPtr duplicate(const ast::Expression& expression);

  // --- atoms (ast_builder_atoms.cc) ---
  ast::ExpressionPtr atom(P::AtomContext* ctx);
  ast::ExpressionPtr literal(P::LiteralContext* ctx);
  // A number literal; `negated` folds in the unary minus at `first`.
  ast::ExpressionPtr number(P::NumberLiteralContext* ctx, bool negated, antlr4::Token* first);
  ast::ExpressionPtr string_literal(antlr4::Token* token);
  ast::ExpressionPtr list_literal(P::ListLiteralContext* ctx);
  ast::ExpressionPtr map_literal(P::MapLiteralContext* ctx);
  ast::ExpressionPtr parameter(P::ParameterContext* ctx);
  ast::ExpressionPtr quantifier(P::QuantifierAtomContext* ctx);
  ast::ExpressionPtr case_expression(P::CaseExpressionContext* ctx);
  ast::ExpressionPtr list_comprehension(P::ListComprehensionContext* ctx);
  ast::ExpressionPtr pattern_comprehension(P::PatternComprehensionContext* ctx);
  ast::ExpressionPtr shortest_path(P::ShortestPathPatternContext* ctx);
  ast::ExpressionPtr function_call(P::FunctionCallAtomContext* ctx);
  ast::ExpressionPtr map_projection(P::MapProjectionAtomContext* ctx);

  // --- shared helpers (ast_builder_statements.cc) ---
  // A new expression of `kind` positioned at and named after `ctx`.
  ast::ExpressionPtr make(ast::ExpressionKind kind, antlr4::ParserRuleContext* ctx) {
    return make(kind, ctx->getStart(), ctx->getStop());
  }
  // A new expression of `kind` for the source from `first` to `last`.
  ast::ExpressionPtr make(ast::ExpressionKind kind, antlr4::Token* first, antlr4::Token* last);
  // Records the height of a completed expression; throws kLimit past
  // kMaxExpressionHeight. Every built expression passes through here.
  ast::ExpressionPtr finish(ast::ExpressionPtr expression);
  std::string text_of(antlr4::ParserRuleContext* ctx) const;
  std::string text_between(antlr4::Token* first, antlr4::Token* last) const;
  static ast::Position position_of(antlr4::Token* token);
  static ast::Position position_of(antlr4::ParserRuleContext* ctx) {
    return position_of(ctx->getStart());
  }
  [[noreturn]] void fail(QueryErrorCode code, const std::string& message, ast::Position pos) const;
  static std::string name(P::SymbolicNameContext* ctx);
  static std::string name(P::SchemaNameContext* ctx);
  static std::string name(P::VariableContext* ctx) { return name(ctx->symbolicName()); }
  static std::string name(P::PropertyKeyNameContext* ctx) { return name(ctx->schemaName()); }

  std::string_view text_;
  antlr4::CharStream& input_;
  int nesting_ = 0;
  std::unordered_map<const ast::Expression*, int> heights_;
};

}  // namespace guanxi::query::parser
