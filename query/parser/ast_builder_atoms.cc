// AstBuilder: atoms — literals, parameters, variables, function calls, CASE,
// comprehensions, quantifiers, reduce, EXISTS and pattern predicates.
#include <fmt/format.h>

#include "query/parser/ast_builder.h"
#include "query/parser/literal_decoding.h"

namespace guanxi::query::parser {

using ast::ExpressionKind;
using ast::ExpressionPtr;

namespace {

// The position `offset` bytes into `token`'s text.
ast::Position position_in_token(antlr4::Token* token, std::size_t offset) {
  const std::string text = token->getText();
  ast::Position pos{static_cast<std::uint32_t>(token->getLine()),
                    static_cast<std::uint32_t>(token->getCharPositionInLine() + 1)};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++pos.column;  // columns count characters, not UTF-8 bytes
    }
  }
  return pos;
}

}  // namespace

ExpressionPtr AstBuilder::atom(P::AtomContext* ctx) {
  if (auto* a = dynamic_cast<P::LiteralAtomContext*>(ctx)) return literal(a->literal());
  if (auto* a = dynamic_cast<P::VariableAtomContext*>(ctx)) {
    ExpressionPtr e = make(ExpressionKind::kVariable, ctx);
    e->name = name(a->variable());
    return finish(std::move(e));
  }
  if (auto* a = dynamic_cast<P::ParameterAtomContext*>(ctx)) return parameter(a->parameter());
  if (auto* a = dynamic_cast<P::FunctionCallAtomContext*>(ctx)) return function_call(a);
  if (auto* a = dynamic_cast<P::ParenthesizedAtomContext*>(ctx)) {
    // The parentheses stay in the text: RETURN (1) names its column "(1)".
    ExpressionPtr inner = expression(a->expression());
    inner->pos = position_of(ctx);
    inner->text = text_of(ctx);
    return inner;
  }
  if (dynamic_cast<P::CountStarAtomContext*>(ctx) != nullptr) {
    return finish(make(ExpressionKind::kCountStar, ctx));
  }
  if (auto* a = dynamic_cast<P::ListAtomContext*>(ctx)) return list_literal(a->listLiteral());
  if (auto* a = dynamic_cast<P::CaseAtomContext*>(ctx)) return case_expression(a->caseExpression());
  if (auto* a = dynamic_cast<P::ListComprehensionAtomContext*>(ctx)) {
    return list_comprehension(a->listComprehension());
  }
  if (auto* a = dynamic_cast<P::PatternComprehensionAtomContext*>(ctx)) {
    return pattern_comprehension(a->patternComprehension());
  }
  if (auto* a = dynamic_cast<P::ShortestPathAtomContext*>(ctx)) {
    return shortest_path(a->shortestPathPattern());
  }
  if (auto* a = dynamic_cast<P::MapProjectionAtomContext*>(ctx)) return map_projection(a);
  if (auto* a = dynamic_cast<P::QuantifierAtomContext*>(ctx)) return quantifier(a);
  if (auto* a = dynamic_cast<P::ReduceAtomContext*>(ctx)) {
    ExpressionPtr e = make(ExpressionKind::kReduce, ctx);
    e->keys.push_back(name(a->accumulator));
    e->name = name(a->filterVariable);
    e->children.push_back(expression(a->init));
    e->children.push_back(expression(a->list));
    e->children.push_back(expression(a->step));
    return finish(std::move(e));
  }
  if (auto* a = dynamic_cast<P::ExistsSubqueryAtomContext*>(ctx)) {
    ExpressionPtr e = make(ExpressionKind::kExists, ctx);
    e->pattern = build_pattern(a->pattern());
    e->children.push_back(a->whereClause() != nullptr ? expression(a->whereClause()->expression())
                                                      : nullptr);
    return finish(std::move(e));
  }
  if (auto* a = dynamic_cast<P::ExistsQueryAtomContext*>(ctx)) {
    ExpressionPtr e = make(ExpressionKind::kExists, ctx);
    e->subquery = std::make_unique<ast::Query>(build_query(a->query(), true));
    return finish(std::move(e));
  }
  if (auto* a = dynamic_cast<P::CountQueryAtomContext*>(ctx)) {
    ExpressionPtr e = make(ExpressionKind::kCountSubquery, ctx);
    e->subquery = std::make_unique<ast::Query>(build_query(a->query(), true));
    return finish(std::move(e));
  }
  if (auto* a = dynamic_cast<P::CountSubqueryAtomContext*>(ctx)) {
    ExpressionPtr e = make(ExpressionKind::kCountSubquery, ctx);
    e->pattern = build_pattern(a->pattern());
    e->children.push_back(a->whereClause() != nullptr ? expression(a->whereClause()->expression())
                                                      : nullptr);
    return finish(std::move(e));
  }
  if (auto* a = dynamic_cast<P::ExistsPatternAtomContext*>(ctx)) {
    // exists((a)-->(b)) is EXISTS { (a)-->(b) }: a test wherever it stands.
    ExpressionPtr e = make(ExpressionKind::kExists, ctx);
    e->pattern.push_back(build_relationships_pattern(a->relationshipsPattern()));
    e->children.push_back(nullptr);
    return finish(std::move(e));
  }
  if (auto* a = dynamic_cast<P::ExistsPropertyAtomContext*>(ctx)) {
    // exists(n.prop), the older spelling of n.prop IS NOT NULL.
    ExpressionPtr e = make(ExpressionKind::kIsNull, ctx);
    e->negated = true;
    e->children.push_back(expression(a->expression()));
    return finish(std::move(e));
  }
  if (auto* a = dynamic_cast<P::PatternPredicateAtomContext*>(ctx)) {
    ExpressionPtr e = make(ExpressionKind::kPatternPredicate, ctx);
    e->pattern.push_back(build_relationships_pattern(a->relationshipsPattern()));
    return finish(std::move(e));
  }
  fail(QueryErrorCode::kSyntax, "Unsupported expression", position_of(ctx));
}

ExpressionPtr AstBuilder::quantifier(P::QuantifierAtomContext* ctx) {
  ExpressionPtr e = make(ExpressionKind::kQuantifier, ctx);
  P::QuantifierContext* q = ctx->quantifier();
  e->quantifier = q->ALL() != nullptr    ? ast::Quantifier::kAll
                  : q->ANY() != nullptr  ? ast::Quantifier::kAny
                  : q->NONE() != nullptr ? ast::Quantifier::kNone
                                         : ast::Quantifier::kSingle;
  P::FilterExpressionContext* filter = ctx->filterExpression();
  e->name = name(filter->variable());
  e->children.push_back(expression(filter->expression(0)));
  e->children.push_back(filter->WHERE() != nullptr ? expression(filter->expression(1)) : nullptr);
  return finish(std::move(e));
}

ExpressionPtr AstBuilder::literal(P::LiteralContext* ctx) {
  if (ctx->numberLiteral() != nullptr) {
    return number(ctx->numberLiteral(), false, ctx->getStart());
  }
  if (ctx->StringLiteral() != nullptr) return string_literal(ctx->StringLiteral()->getSymbol());
  if (ctx->mapLiteral() != nullptr) return map_literal(ctx->mapLiteral());
  ExpressionPtr e = make(ExpressionKind::kLiteral, ctx);
  if (ctx->TRUE_() != nullptr) e->literal = Value(true);
  if (ctx->FALSE_() != nullptr) e->literal = Value(false);
  return finish(std::move(e));
}

ExpressionPtr AstBuilder::number(P::NumberLiteralContext* ctx, bool negated, antlr4::Token* first) {
  ExpressionPtr e = make(ExpressionKind::kLiteral, first, ctx->getStop());
  const std::string digits = ctx->getText();
  if (ctx->integerLiteral() != nullptr) {
    std::optional<std::int64_t> value = decode_integer(digits, negated);
    if (!value) fail(QueryErrorCode::kSyntax, "integer literal too large", position_of(first));
    e->literal = Value(*value);
  } else {
    std::optional<double> value = decode_float(digits, negated);
    if (!value) fail(QueryErrorCode::kSyntax, "float literal out of range", position_of(first));
    e->literal = Value(*value);
  }
  return finish(std::move(e));
}

ExpressionPtr AstBuilder::string_literal(antlr4::Token* token) {
  ExpressionPtr e = make(ExpressionKind::kLiteral, token, token);
  const std::string text = token->getText();
  DecodedString decoded = decode_string(text);
  if (decoded.bad_escape) {
    const std::size_t at = *decoded.bad_escape;
    std::string escape = text.substr(at, 2);
    fail(QueryErrorCode::kSyntax, fmt::format("Invalid escape sequence '{}' in string", escape),
         position_in_token(token, at));
  }
  e->literal = Value(std::move(decoded.value));
  return finish(std::move(e));
}

ExpressionPtr AstBuilder::list_literal(P::ListLiteralContext* ctx) {
  ExpressionPtr e = make(ExpressionKind::kList, ctx);
  for (P::ExpressionContext* element : ctx->expression()) {
    e->children.push_back(expression(element));
  }
  return finish(std::move(e));
}

ExpressionPtr AstBuilder::map_literal(P::MapLiteralContext* ctx) {
  ExpressionPtr e = make(ExpressionKind::kMap, ctx);
  auto keys = ctx->propertyKeyName();
  auto values = ctx->expression();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    e->keys.push_back(name(keys[i]));
    e->children.push_back(expression(values[i]));
  }
  return finish(std::move(e));
}

ExpressionPtr AstBuilder::parameter(P::ParameterContext* ctx) {
  ExpressionPtr e = make(ExpressionKind::kParameter, ctx);
  e->name = decode_name(ctx->getText().substr(1));  // without the '$'
  return finish(std::move(e));
}

ExpressionPtr AstBuilder::case_expression(P::CaseExpressionContext* ctx) {
  ExpressionPtr e = make(ExpressionKind::kCase, ctx);
  e->children.push_back(ctx->subject != nullptr ? expression(ctx->subject) : nullptr);
  for (P::CaseAlternativeContext* alternative : ctx->caseAlternative()) {
    e->children.push_back(expression(alternative->when));
    e->children.push_back(expression(alternative->then));
  }
  e->children.push_back(ctx->elseValue != nullptr ? expression(ctx->elseValue) : nullptr);
  return finish(std::move(e));
}

ExpressionPtr AstBuilder::list_comprehension(P::ListComprehensionContext* ctx) {
  ExpressionPtr e = make(ExpressionKind::kListComprehension, ctx);
  e->name = name(ctx->variable());
  e->children.push_back(expression(ctx->source));
  e->children.push_back(ctx->predicate != nullptr ? expression(ctx->predicate) : nullptr);
  e->children.push_back(ctx->projection != nullptr ? expression(ctx->projection) : nullptr);
  return finish(std::move(e));
}

ExpressionPtr AstBuilder::pattern_comprehension(P::PatternComprehensionContext* ctx) {
  ExpressionPtr e = make(ExpressionKind::kPatternComprehension, ctx);
  ast::PatternPart part = build_relationships_pattern(ctx->relationshipsPattern());
  if (ctx->variable() != nullptr) {
    part.path_variable = name(ctx->variable());
    part.pos = position_of(ctx->variable());
  }
  e->pattern.push_back(std::move(part));
  e->children.push_back(ctx->predicate != nullptr ? expression(ctx->predicate) : nullptr);
  e->children.push_back(expression(ctx->projection));
  return finish(std::move(e));
}

// shortestPath(...) as an expression is the path or null, allShortestPaths(...)
// the list of paths: a pattern comprehension over the shortest pattern that
// projects its path (through a name no query can spell), under head() for one.
ExpressionPtr AstBuilder::shortest_path(P::ShortestPathPatternContext* ctx) {
  ast::PatternPart part;
  part.pos = position_of(ctx);
  part.shortest = ctx->SHORTESTPATH() != nullptr ? ast::PatternPart::Shortest::kShortest
                                                 : ast::PatternPart::Shortest::kAllShortest;
  build_chain(ctx->patternElement()->nodePattern(), ctx->patternElement()->patternElementChain(),
              part);
  part.path_variable = fmt::format(" path@{}:{}", part.pos.line, part.pos.column);
  ExpressionPtr path = make(ExpressionKind::kVariable, ctx);
  path->name = part.path_variable;
  ExpressionPtr paths = make(ExpressionKind::kPatternComprehension, ctx);
  paths->pattern.push_back(std::move(part));
  paths->children.push_back(nullptr);
  paths->children.push_back(finish(std::move(path)));
  paths = finish(std::move(paths));
  if (ctx->SHORTESTPATH() == nullptr) return paths;
  ExpressionPtr first = make(ExpressionKind::kFunctionCall, ctx);
  first->name = "head";
  first->children.push_back(std::move(paths));
  return finish(std::move(first));
}

ExpressionPtr AstBuilder::function_call(P::FunctionCallAtomContext* ctx) {
  ExpressionPtr e = make(ExpressionKind::kFunctionCall, ctx);
  for (P::SymbolicNameContext* part : ctx->functionName()->symbolicName()) {
    if (!e->name.empty()) e->name += '.';
    e->name += name(part);
  }
  e->distinct = ctx->DISTINCT() != nullptr;
  for (P::ExpressionContext* argument : ctx->expression()) {
    e->children.push_back(expression(argument));
  }
  return finish(std::move(e));
}

ExpressionPtr AstBuilder::map_projection(P::MapProjectionAtomContext* ctx) {
  ExpressionPtr e = make(ExpressionKind::kMapProjection, ctx);
  e->name = name(ctx->variable());
  for (P::MapProjectionItemContext* item : ctx->mapProjectionItem()) {
    ast::MapProjectionItem out;
    if (auto* project_property = dynamic_cast<P::ProjectPropertyContext*>(item)) {
      out.kind = ast::MapProjectionItem::Kind::kProperty;
      out.key = name(project_property->propertyKeyName());
    } else if (dynamic_cast<P::ProjectAllPropertiesContext*>(item) != nullptr) {
      out.kind = ast::MapProjectionItem::Kind::kAllProperties;
    } else if (auto* project_entry = dynamic_cast<P::ProjectEntryContext*>(item)) {
      out.kind = ast::MapProjectionItem::Kind::kLiteralEntry;
      out.key = name(project_entry->propertyKeyName());
      out.value = expression(project_entry->expression());
    } else if (auto* project_variable = dynamic_cast<P::ProjectVariableContext*>(item)) {
      out.kind = ast::MapProjectionItem::Kind::kVariable;
      out.key = name(project_variable->variable());
    }
    e->projection_items.push_back(std::move(out));
  }
  return finish(std::move(e));
}

}  // namespace guanxi::query::parser
