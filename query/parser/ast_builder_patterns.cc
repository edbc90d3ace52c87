// AstBuilder: node and relationship patterns.
#include <algorithm>

#include "query/parser/ast_builder.h"
#include "query/parser/literal_decoding.h"

namespace guanxi::query::parser {

std::vector<ast::PatternPart> AstBuilder::build_pattern(P::PatternContext* ctx) {
  std::vector<ast::PatternPart> parts;
  for (P::PatternPartContext* part : ctx->patternPart()) parts.push_back(build_pattern_part(part));
  return parts;
}

ast::PatternPart AstBuilder::build_pattern_part(P::PatternPartContext* ctx) {
  ast::PatternPart part;
  part.pos = position_of(ctx);
  if (ctx->variable() != nullptr) part.path_variable = name(ctx->variable());
  P::AnonymousPatternPartContext* anonymous = ctx->anonymousPatternPart();
  P::PatternElementContext* element = anonymous->patternElement();
  if (P::ShortestPathPatternContext* shortest = anonymous->shortestPathPattern()) {
    part.shortest = shortest->SHORTESTPATH() != nullptr ? ast::PatternPart::Shortest::kShortest
                                                        : ast::PatternPart::Shortest::kAllShortest;
    element = shortest->patternElement();
  }
  build_chain(element->nodePattern(), element->patternElementChain(), part);
  return part;
}

ast::PatternPart AstBuilder::build_relationships_pattern(P::RelationshipsPatternContext* ctx) {
  ast::PatternPart part;
  part.pos = position_of(ctx);
  build_chain(ctx->nodePattern(), ctx->patternElementChain(), part);
  return part;
}

void AstBuilder::build_chain(P::NodePatternContext* first,
                             const std::vector<P::PatternElementChainContext*>& chain,
                             ast::PatternPart& part) {
  part.nodes.push_back(build_node(first));
  for (P::PatternElementChainContext* link : chain) {
    part.rels.push_back(build_rel(link->relationshipPattern()));
    part.nodes.push_back(build_node(link->nodePattern()));
  }
}

ast::NodePattern AstBuilder::build_node(P::NodePatternContext* ctx) {
  ast::NodePattern node;
  node.pos = position_of(ctx);
  if (ctx->variable() != nullptr) node.variable = name(ctx->variable());
  if (ctx->nodeLabels() != nullptr) node.labels = build_labels(ctx->nodeLabels());
  if (ctx->properties() != nullptr) node.properties = build_properties(ctx->properties());
  return node;
}

ast::RelPattern AstBuilder::build_rel(P::RelationshipPatternContext* ctx) {
  ast::RelPattern rel;
  rel.pos = position_of(ctx);
  const bool left = ctx->leftArrow != nullptr;
  const bool right = ctx->rightArrow != nullptr;
  // <--> points both ways, which openCypher reads as undirected.
  rel.direction = left == right ? ast::RelDirection::kBoth
                  : left        ? ast::RelDirection::kLeft
                                : ast::RelDirection::kRight;
  P::RelationshipDetailContext* detail = ctx->relationshipDetail();
  if (detail == nullptr) return rel;
  if (detail->variable() != nullptr) rel.variable = name(detail->variable());
  if (P::RelationshipTypesContext* types = detail->relationshipTypes()) {
    // A type named twice (:T|:T) is one alternative: each match once.
    for (P::SchemaNameContext* type : types->schemaName()) {
      std::string t = name(type);
      if (std::find(rel.types.begin(), rel.types.end(), t) == rel.types.end())
        rel.types.push_back(std::move(t));
    }
  }
  if (P::RangeLiteralContext* range = detail->rangeLiteral()) {
    rel.variable_length = true;
    if (range->minHops != nullptr) rel.min_hops = build_hops(range->minHops);
    if (range->maxHops != nullptr) rel.max_hops = build_hops(range->maxHops);
    // *2 is exactly two hops; *2.. at least two.
    if (range->dots == nullptr && rel.min_hops) rel.max_hops = rel.min_hops;
    // A minimum above the maximum (*2..1) is an empty range: it matches
    // nothing, as openCypher has it, rather than being an error.
  }
  if (detail->properties() != nullptr) rel.properties = build_properties(detail->properties());
  return rel;
}

std::int64_t AstBuilder::build_hops(P::IntegerLiteralContext* ctx) {
  std::optional<std::int64_t> value = decode_integer(ctx->getText(), false);
  if (!value) fail(QueryErrorCode::kSyntax, "integer literal too large", position_of(ctx));
  return *value;
}

ast::ExpressionPtr AstBuilder::build_properties(P::PropertiesContext* ctx) {
  if (ctx->mapLiteral() != nullptr) return map_literal(ctx->mapLiteral());
  return parameter(ctx->parameter());
}

std::vector<std::string> AstBuilder::build_labels(P::NodeLabelsContext* ctx) {
  std::vector<std::string> labels;
  for (P::NodeLabelContext* label : ctx->nodeLabel()) labels.push_back(name(label->schemaName()));
  return labels;
}

}  // namespace guanxi::query::parser
