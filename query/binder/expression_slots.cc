#include "query/binder/expression_slots.h"

namespace guanxi::query {

namespace {

void collect(const ast::Expression* e, const BoundQuery& query, std::set<int>& reads,
             std::set<int>& own) {
  if (!e) return;
  using K = ast::ExpressionKind;
  switch (e->kind) {
    case K::kVariable:
      if (e->slot >= 0) reads.insert(e->slot);
      return;
    case K::kMapProjection:
      if (e->slot >= 0) reads.insert(e->slot);
      for (const auto& item : e->projection_items) {
        if (item.slot >= 0) reads.insert(item.slot);
        collect(item.value.get(), query, reads, own);
      }
      return;
    case K::kFunctionCall:
    case K::kCountStar:
      // An aggregate reads the slot its Aggregate operator fills.
      if (e->slot >= 0) {
        reads.insert(e->slot);
        return;
      }
      break;
    case K::kListComprehension:
    case K::kQuantifier: own.insert(e->slot); break;
    case K::kReduce:
      own.insert(e->slot);
      own.insert(e->accumulator_slot);
      break;
    case K::kExists:
    case K::kCountSubquery:
    case K::kPatternPredicate:
    case K::kPatternComprehension: {
      // A subquery may read any variable in scope where it is written.
      auto subquery = query.subquery_expressions.find(e);
      if (subquery != query.subquery_expressions.end()) {
        reads.insert(subquery->second.outer_slots.begin(), subquery->second.outer_slots.end());
        return;
      }
      auto it = query.pattern_expressions.find(e);
      if (it != query.pattern_expressions.end()) {
        for (const auto& part : it->second.parts) {
          auto add = [&](int slot) {
            if (slot < 0) return;
            if (slot < it->second.first_slot)
              reads.insert(slot);
            else
              own.insert(slot);
          };
          for (int s : part.node_slots) add(s);
          for (int s : part.rel_slots) add(s);
          add(part.path_slot);
        }
      }
      for (const auto& part : e->pattern) {
        for (const auto& node : part.nodes) collect(node.properties.get(), query, reads, own);
        for (const auto& rel : part.rels) collect(rel.properties.get(), query, reads, own);
      }
      break;
    }
    default: break;
  }
  for (const auto& child : e->children) collect(child.get(), query, reads, own);
}

}  // namespace

void collect_slots(const ast::Expression* expression, const BoundQuery& query,
                   std::set<int>& slots) {
  std::set<int> reads, own;
  collect(expression, query, reads, own);
  for (int s : reads) {
    if (!own.count(s)) slots.insert(s);
  }
}

}  // namespace guanxi::query
