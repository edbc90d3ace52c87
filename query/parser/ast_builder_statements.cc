// AstBuilder: statements, clauses and the helpers every part shares.
#include <fmt/format.h>

#include "query/parser/ast_builder.h"
#include "query/parser/literal_decoding.h"
#include "query/parser/parser.h"

namespace guanxi::query::parser {

using ast::ClauseKind;
using ast::ExpressionPtr;

// --- helpers -----------------------------------------------------------------

ast::Position AstBuilder::position_of(antlr4::Token* token) {
  return {static_cast<std::uint32_t>(token->getLine()),
          static_cast<std::uint32_t>(token->getCharPositionInLine() + 1)};
}

std::string AstBuilder::text_between(antlr4::Token* first, antlr4::Token* last) const {
  if (first == nullptr || last == nullptr || last->getStopIndex() < first->getStartIndex()) {
    return {};
  }
  return input_.getText(antlr4::misc::Interval(first->getStartIndex(), last->getStopIndex()));
}

std::string AstBuilder::text_of(antlr4::ParserRuleContext* ctx) const {
  return text_between(ctx->getStart(), ctx->getStop());
}

void AstBuilder::fail(QueryErrorCode code, const std::string& message, ast::Position pos) const {
  throw QueryError(code, message, pos, text_);
}

ExpressionPtr AstBuilder::make(ast::ExpressionKind kind, antlr4::Token* first,
                               antlr4::Token* last) {
  auto expression = std::make_unique<ast::Expression>();
  expression->kind = kind;
  expression->pos = position_of(first);
  expression->text = text_between(first, last);
  return expression;
}

ExpressionPtr AstBuilder::finish(ExpressionPtr expression) {
  int height = 0;
  auto consider = [&](const ast::Expression* child) {
    if (child == nullptr) return;
    auto it = heights_.find(child);
    if (it != heights_.end() && it->second > height) height = it->second;
  };
  for (const ExpressionPtr& child : expression->children) consider(child.get());
  for (const ast::MapProjectionItem& item : expression->projection_items)
    consider(item.value.get());
  for (const ast::PatternPart& part : expression->pattern) {
    for (const ast::NodePattern& node : part.nodes) consider(node.properties.get());
    for (const ast::RelPattern& rel : part.rels) consider(rel.properties.get());
  }
  ++height;
  if (height > kMaxExpressionHeight) {
    fail(QueryErrorCode::kLimit,
         fmt::format("Expression too deeply nested: more than {} levels", kMaxExpressionHeight),
         expression->pos);
  }
  heights_[expression.get()] = height;
  return expression;
}

std::string AstBuilder::name(P::SymbolicNameContext* ctx) {
  if (ctx->EscapedIdentifier() != nullptr) return decode_name(ctx->getText());
  return ctx->getText();
}

std::string AstBuilder::name(P::SchemaNameContext* ctx) {
  if (ctx->symbolicName() != nullptr) return name(ctx->symbolicName());
  return ctx->getText();
}

// --- statements --------------------------------------------------------------

ast::Statement AstBuilder::build(P::StatementContext* ctx) {
  ast::Statement statement;
  statement.text = std::string(text_);
  if (ctx->EXPLAIN() != nullptr) statement.mode = ast::ExplainMode::kExplain;
  if (ctx->PROFILE() != nullptr) statement.mode = ast::ExplainMode::kProfile;
  P::StatementBodyContext* body = ctx->statementBody();
  statement.pos = position_of(body);
  if (auto* transaction = body->transactionStatement()) {
    if (transaction->BEGIN() != nullptr) statement.kind = ast::StatementKind::kBegin;
    if (transaction->COMMIT() != nullptr) statement.kind = ast::StatementKind::kCommit;
    if (transaction->ROLLBACK() != nullptr) statement.kind = ast::StatementKind::kRollback;
  } else if (auto* schema = body->schemaStatement()) {
    build_schema(schema, statement);
  } else {
    statement.kind = ast::StatementKind::kQuery;
    statement.query = build_query(body->query());
  }
  return statement;
}

void AstBuilder::build_schema(P::SchemaStatementContext* ctx, ast::Statement& statement) {
  // FOR (n:Label) ... (n.prop): the second variable must be the first.
  auto check_variable = [this](P::VariableContext* declared, P::VariableContext* used) {
    if (name(declared) != name(used)) {
      fail(QueryErrorCode::kSemantic, fmt::format("Variable `{}` not defined", name(used)),
           position_of(used));
    }
  };
  auto label_of = [](P::NodeLabelContext* label) { return name(label->schemaName()); };
  auto object_name = [](P::SchemaObjectNameContext* object) {
    return object == nullptr ? std::string() : name(object->symbolicName());
  };
  if (auto* create_index = dynamic_cast<P::CreateIndexContext*>(ctx)) {
    statement.kind = ast::StatementKind::kCreateIndex;
    statement.schema_name = object_name(create_index->schemaObjectName());
    statement.if_not_exists = create_index->ifNotExists() != nullptr;
    check_variable(create_index->variable(0), create_index->variable(1));
    statement.label = label_of(create_index->nodeLabel());
    statement.property = name(create_index->propertyKeyName());
  } else if (auto* create_index_on = dynamic_cast<P::CreateIndexOnContext*>(ctx)) {
    statement.kind = ast::StatementKind::kCreateIndex;
    statement.label = label_of(create_index_on->nodeLabel());
    statement.property = name(create_index_on->propertyKeyName());
  } else if (auto* drop_index = dynamic_cast<P::DropIndexContext*>(ctx)) {
    statement.kind = ast::StatementKind::kDropIndex;
    statement.schema_name = object_name(drop_index->schemaObjectName());
    statement.if_exists = drop_index->ifExists() != nullptr;
  } else if (auto* drop_index_on = dynamic_cast<P::DropIndexOnContext*>(ctx)) {
    statement.kind = ast::StatementKind::kDropIndex;
    statement.label = label_of(drop_index_on->nodeLabel());
    statement.property = name(drop_index_on->propertyKeyName());
  } else if (auto* create_constraint = dynamic_cast<P::CreateConstraintContext*>(ctx)) {
    statement.kind = ast::StatementKind::kCreateConstraint;
    statement.schema_name = object_name(create_constraint->schemaObjectName());
    statement.if_not_exists = create_constraint->ifNotExists() != nullptr;
    check_variable(create_constraint->variable(0), create_constraint->variable(1));
    statement.label = label_of(create_constraint->nodeLabel());
    statement.property = name(create_constraint->propertyKeyName());
  } else if (auto* drop_constraint = dynamic_cast<P::DropConstraintContext*>(ctx)) {
    statement.kind = ast::StatementKind::kDropConstraint;
    statement.schema_name = object_name(drop_constraint->schemaObjectName());
    statement.if_exists = drop_constraint->ifExists() != nullptr;
  } else if (auto* drop_constraint_on = dynamic_cast<P::DropConstraintOnContext*>(ctx)) {
    statement.kind = ast::StatementKind::kDropConstraint;
    check_variable(drop_constraint_on->variable(0), drop_constraint_on->variable(1));
    statement.label = label_of(drop_constraint_on->nodeLabel());
    statement.property = name(drop_constraint_on->propertyKeyName());
  } else if (dynamic_cast<P::ShowIndexesContext*>(ctx) != nullptr) {
    statement.kind = ast::StatementKind::kShowIndexes;
  } else if (dynamic_cast<P::ShowConstraintsContext*>(ctx) != nullptr) {
    statement.kind = ast::StatementKind::kShowConstraints;
  } else {
    build_privacy_schema(ctx, statement);
  }
}

void AstBuilder::build_privacy_schema(P::SchemaStatementContext* ctx, ast::Statement& statement) {
  if (auto* create_tag = dynamic_cast<P::CreateTagContext*>(ctx)) {
    statement.kind = ast::StatementKind::kCreateTag;
    statement.schema_name = name(create_tag->symbolicName());
    statement.label = name(create_tag->schemaName());
    for (P::PropertyKeyNameContext* key : create_tag->propertyKeyName()) {
      statement.properties.push_back(name(key->schemaName()));
    }
    P::MaskSpecContext* mask = create_tag->maskSpec();
    statement.mask = mask->NULL_() != nullptr ? "null" : name(mask->symbolicName());
    if (P::IntegerLiteralContext* argument = mask->integerLiteral()) {
      statement.mask_argument = build_hops(argument);
    }
  } else if (auto* drop_tag = dynamic_cast<P::DropTagContext*>(ctx)) {
    statement.kind = ast::StatementKind::kDropTag;
    statement.schema_name = name(drop_tag->symbolicName());
  } else if (auto* create_purpose = dynamic_cast<P::CreatePurposeContext*>(ctx)) {
    statement.kind = ast::StatementKind::kCreatePurpose;
    statement.schema_name = name(create_purpose->symbolicName(0));
    statement.basis = name(create_purpose->symbolicName(1));
  } else if (auto* drop_purpose = dynamic_cast<P::DropPurposeContext*>(ctx)) {
    statement.kind = ast::StatementKind::kDropPurpose;
    statement.schema_name = name(drop_purpose->symbolicName());
  } else if (auto* allow = dynamic_cast<P::AllowReadContext*>(ctx)) {
    statement.kind = ast::StatementKind::kAllowRead;
    statement.schema_name = name(allow->symbolicName(0));
    statement.target = name(allow->symbolicName(1));
  } else if (auto* disallow = dynamic_cast<P::DisallowReadContext*>(ctx)) {
    statement.kind = ast::StatementKind::kDisallowRead;
    statement.schema_name = name(disallow->symbolicName(0));
    statement.target = name(disallow->symbolicName(1));
  } else if (dynamic_cast<P::ShowTagsContext*>(ctx) != nullptr) {
    statement.kind = ast::StatementKind::kShowTags;
  } else if (dynamic_cast<P::ShowPurposesContext*>(ctx) != nullptr) {
    statement.kind = ast::StatementKind::kShowPurposes;
  } else if (dynamic_cast<P::ShowPoliciesContext*>(ctx) != nullptr) {
    statement.kind = ast::StatementKind::kShowPolicies;
  } else if (dynamic_cast<P::ShowProceduresContext*>(ctx) != nullptr) {
    statement.kind = ast::StatementKind::kShowProcedures;
  } else if (dynamic_cast<P::ShowFunctionsContext*>(ctx) != nullptr) {
    statement.kind = ast::StatementKind::kShowFunctions;
  }
}

ast::Query AstBuilder::build_query(P::QueryContext* ctx, bool in_expression) {
  ast::Query query;
  const bool in_union = ctx->singleQuery().size() > 1;
  for (P::SingleQueryContext* part : ctx->singleQuery()) {
    query.parts.push_back(build_single_query(part, in_union, in_expression));
  }
  for (P::UnionOperatorContext* op : ctx->unionOperator()) {
    query.union_all.push_back(op->ALL() != nullptr);
    if (query.union_all.back() != query.union_all.front()) {
      fail(QueryErrorCode::kSemantic, "Invalid combination of UNION and UNION ALL",
           position_of(op));
    }
  }
  return query;
}

namespace {

bool is_updating(ClauseKind kind) {
  return kind == ClauseKind::kCreate || kind == ClauseKind::kMerge || kind == ClauseKind::kSet ||
         kind == ClauseKind::kRemove || kind == ClauseKind::kDelete;
}

const char* clause_name(const ast::Clause& clause) {
  switch (clause.kind) {
    case ClauseKind::kMatch: return clause.optional ? "OPTIONAL MATCH" : "MATCH";
    case ClauseKind::kUnwind: return "UNWIND";
    case ClauseKind::kWith: return "WITH";
    case ClauseKind::kReturn: return "RETURN";
    case ClauseKind::kCreate: return "CREATE";
    case ClauseKind::kMerge: return "MERGE";
    case ClauseKind::kSet: return "SET";
    case ClauseKind::kRemove: return "REMOVE";
    case ClauseKind::kDelete: return clause.detach ? "DETACH DELETE" : "DELETE";
    case ClauseKind::kCall: return "CALL";
    case ClauseKind::kSubquery: return "CALL { }";
  }
  return "?";
}

}  // namespace

ast::SingleQuery AstBuilder::build_single_query(P::SingleQueryContext* ctx, bool in_union,
                                                bool in_expression) {
  ast::SingleQuery single;
  single.pos = position_of(ctx);
  for (P::ClauseContext* clause : ctx->clause()) single.clauses.push_back(build_clause(clause));
  // The order of clauses, as openCypher requires it.
  for (std::size_t i = 0; i + 1 < single.clauses.size(); ++i) {
    if (single.clauses[i].kind == ClauseKind::kReturn) {
      fail(QueryErrorCode::kSyntax, "RETURN can only be used at the end of the query",
           single.clauses[i].pos);
    }
  }
  const ast::Clause& last = single.clauses.back();
  if (in_union && last.kind != ClauseKind::kReturn) {
    fail(QueryErrorCode::kSyntax, "Each part of a UNION must end with RETURN", last.pos);
  }
  if (!in_expression && last.kind != ClauseKind::kReturn && last.kind != ClauseKind::kCall &&
      last.kind != ClauseKind::kSubquery && !is_updating(last.kind)) {
    fail(QueryErrorCode::kSyntax,
         fmt::format("Query cannot conclude with {} (must be RETURN, an update clause or CALL)",
                     clause_name(last)),
         last.pos);
  }
  return single;
}

ast::Clause AstBuilder::build_clause(P::ClauseContext* ctx) {
  ast::Clause clause;
  clause.pos = position_of(ctx);
  if (auto* match_clause = ctx->matchClause()) {
    clause.kind = ClauseKind::kMatch;
    clause.optional = match_clause->OPTIONAL() != nullptr;
    clause.pattern = build_pattern(match_clause->pattern());
    if (match_clause->whereClause() != nullptr)
      clause.where = expression(match_clause->whereClause()->expression());
  } else if (auto* unwind_clause = ctx->unwindClause()) {
    clause.kind = ClauseKind::kUnwind;
    clause.expression = expression(unwind_clause->expression());
    clause.variable = name(unwind_clause->variable());
  } else if (auto* with_clause = ctx->withClause()) {
    clause.kind = ClauseKind::kWith;
    clause.projection = build_projection(with_clause->projectionBody());
    if (with_clause->whereClause() != nullptr) {
      clause.projection.where = expression(with_clause->whereClause()->expression());
    }
  } else if (auto* return_clause = ctx->returnClause()) {
    clause.kind = ClauseKind::kReturn;
    clause.projection = build_projection(return_clause->projectionBody());
  } else if (auto* create_clause = ctx->createClause()) {
    clause.kind = ClauseKind::kCreate;
    clause.pattern = build_pattern(create_clause->pattern());
  } else if (auto* merge_clause = ctx->mergeClause()) {
    clause.kind = ClauseKind::kMerge;
    clause.pattern.push_back(build_pattern_part(merge_clause->patternPart()));
    for (P::MergeActionContext* action : merge_clause->mergeAction()) {
      std::vector<ast::SetItem> items = build_set_items(action->setClause());
      auto& target = action->CREATE() != nullptr ? clause.on_create : clause.on_match;
      for (ast::SetItem& item : items) target.push_back(std::move(item));
    }
  } else if (auto* set_clause = ctx->setClause()) {
    clause.kind = ClauseKind::kSet;
    clause.set_items = build_set_items(set_clause);
  } else if (auto* remove_clause = ctx->removeClause()) {
    clause.kind = ClauseKind::kRemove;
    for (P::RemoveItemContext* item : remove_clause->removeItem()) {
      clause.remove_items.push_back(build_remove_item(item));
    }
  } else if (auto* delete_clause = ctx->deleteClause()) {
    clause.kind = ClauseKind::kDelete;
    clause.detach = delete_clause->DETACH() != nullptr;
    for (P::ExpressionContext* e : delete_clause->expression()) {
      clause.delete_expressions.push_back(expression(e));
    }
  } else if (auto* subquery = ctx->subqueryClause()) {
    clause.kind = ClauseKind::kSubquery;
    clause.subquery = std::make_unique<ast::Query>(build_query(subquery->query()));
    if (P::InTransactionsContext* batches = subquery->inTransactions()) {
      clause.in_transactions = true;
      if (batches->batchRows != nullptr) clause.batch_rows = expression(batches->batchRows);
    }
  } else if (auto* call_clause = ctx->callClause()) {
    clause.kind = ClauseKind::kCall;
    build_call(call_clause, clause);
  }
  return clause;
}

ast::Projection AstBuilder::build_projection(P::ProjectionBodyContext* ctx) {
  ast::Projection projection;
  projection.distinct = ctx->DISTINCT() != nullptr;
  P::ProjectionItemsContext* items = ctx->projectionItems();
  projection.star = items->star != nullptr;
  for (P::ProjectionItemContext* item : items->projectionItem()) {
    ast::ProjectionItem out;
    out.pos = position_of(item);
    out.expression = expression(item->expression());
    if (item->variable() != nullptr) out.alias = name(item->variable());
    projection.items.push_back(std::move(out));
  }
  if (P::OrderByContext* order = ctx->orderBy()) {
    for (P::SortItemContext* sort : order->sortItem()) {
      ast::SortItem out;
      out.expression = expression(sort->expression());
      out.descending = sort->DESC() != nullptr || sort->DESCENDING() != nullptr;
      projection.order_by.push_back(std::move(out));
    }
  }
  if (ctx->skipClause() != nullptr) projection.skip = expression(ctx->skipClause()->expression());
  if (ctx->limitClause() != nullptr) {
    projection.limit = expression(ctx->limitClause()->expression());
  }
  return projection;
}

std::vector<ast::SetItem> AstBuilder::build_set_items(P::SetClauseContext* ctx) {
  std::vector<ast::SetItem> items;
  for (P::SetItemContext* item : ctx->setItem()) {
    ast::SetItem out;
    out.pos = position_of(item);
    if (auto* set_property = dynamic_cast<P::SetPropertyContext*>(item)) {
      out.kind = ast::SetItem::Kind::kProperty;
      out.target = property_expression(set_property->propertyExpression());
      out.value = expression(set_property->expression());
    } else if (auto* set_replace_properties = dynamic_cast<P::SetReplacePropertiesContext*>(item)) {
      out.kind = ast::SetItem::Kind::kReplaceProperties;
      out.variable = name(set_replace_properties->variable());
      out.value = expression(set_replace_properties->expression());
    } else if (auto* set_merge_properties = dynamic_cast<P::SetMergePropertiesContext*>(item)) {
      out.kind = ast::SetItem::Kind::kMergeProperties;
      out.variable = name(set_merge_properties->variable());
      out.value = expression(set_merge_properties->expression());
    } else if (auto* set_labels = dynamic_cast<P::SetLabelsContext*>(item)) {
      out.kind = ast::SetItem::Kind::kLabels;
      out.variable = name(set_labels->variable());
      out.labels = build_labels(set_labels->nodeLabels());
    }
    items.push_back(std::move(out));
  }
  return items;
}

ast::RemoveItem AstBuilder::build_remove_item(P::RemoveItemContext* ctx) {
  ast::RemoveItem out;
  out.pos = position_of(ctx);
  if (auto* remove_labels = dynamic_cast<P::RemoveLabelsContext*>(ctx)) {
    out.kind = ast::RemoveItem::Kind::kLabels;
    out.variable = name(remove_labels->variable());
    out.labels = build_labels(remove_labels->nodeLabels());
  } else if (auto* remove_property = dynamic_cast<P::RemovePropertyContext*>(ctx)) {
    out.kind = ast::RemoveItem::Kind::kProperty;
    out.target = property_expression(remove_property->propertyExpression());
  }
  return out;
}

void AstBuilder::build_call(P::CallClauseContext* ctx, ast::Clause& clause) {
  std::string procedure;
  for (P::SchemaNameContext* part : ctx->procedureName()->schemaName()) {
    if (!procedure.empty()) procedure += '.';
    procedure += name(part);
  }
  clause.procedure = std::move(procedure);
  clause.arguments_given = ctx->arguments != nullptr;
  for (P::ExpressionContext* argument : ctx->expression()) {
    clause.arguments.push_back(expression(argument));
  }
  // Without YIELD every output column is yielded.
  clause.yield_star = ctx->YIELD() == nullptr || ctx->yieldStar != nullptr;
  for (P::YieldItemContext* item : ctx->yieldItem()) {
    ast::YieldItem out;
    out.pos = position_of(item);
    out.name = name(item->schemaName());
    if (item->variable() != nullptr) out.alias = name(item->variable());
    clause.yield_items.push_back(std::move(out));
  }
  if (ctx->whereClause() != nullptr) clause.where = expression(ctx->whereClause()->expression());
}

}  // namespace guanxi::query::parser
