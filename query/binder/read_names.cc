#include "query/binder/read_names.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace guanxi::query {

namespace {

using Kind = NameReference::Kind;

class ReadNameCollector {
 public:
  explicit ReadNameCollector(const BoundQuery& bound) : bound_(bound) {}

  void query(const ast::Query& query) {
    for (const ast::SingleQuery& part : query.parts) {
      for (const ast::Clause& clause : part.clauses) this->clause(clause);
    }
  }

  std::vector<NameReference> result() {
    std::vector<NameReference> out;
    std::set<std::pair<Kind, std::string>> seen;
    std::stable_sort(reads_.begin(), reads_.end(), [](const auto& a, const auto& b) {
      return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
    });
    for (NameReference& read : reads_) {
      const auto key = std::pair(read.kind, read.name);
      if (written_.count(key) || !seen.insert(key).second) continue;
      out.push_back(std::move(read));
    }
    return out;
  }

 private:
  void clause(const ast::Clause& c) {
    using C = ast::ClauseKind;
    switch (c.kind) {
      case C::kMatch:
        patterns(c.pattern, /*writes=*/false);
        expression(c.where.get());
        return;
      case C::kCreate:
      case C::kMerge:
        patterns(c.pattern, /*writes=*/true);
        set_items(c.on_create);
        set_items(c.on_match);
        return;
      case C::kSet: set_items(c.set_items); return;
      case C::kRemove:
        for (const ast::RemoveItem& item : c.remove_items) {
          if (item.kind == ast::RemoveItem::Kind::kProperty) {
            written(Kind::kPropertyKey, item.target->name);
            expression(item.target->children[0].get());
          }
          for (const std::string& label : item.labels) written(Kind::kLabel, label);
        }
        return;
      case C::kDelete:
        for (const auto& e : c.delete_expressions) expression(e.get());
        return;
      case C::kUnwind: expression(c.expression.get()); return;
      case C::kWith:
      case C::kReturn: projection(c.projection); return;
      case C::kCall:
        for (const auto& e : c.arguments) expression(e.get());
        expression(c.where.get());
        return;
      case C::kSubquery: query(*c.subquery); return;
    }
  }

  void projection(const ast::Projection& p) {
    for (const ast::ProjectionItem& item : p.items) expression(item.expression.get());
    for (const ast::SortItem& item : p.order_by) expression(item.expression.get());
    expression(p.skip.get());
    expression(p.limit.get());
    expression(p.where.get());
  }

  void set_items(const std::vector<ast::SetItem>& items) {
    for (const ast::SetItem& item : items) {
      switch (item.kind) {
        case ast::SetItem::Kind::kProperty:
          written(Kind::kPropertyKey, item.target->name);
          expression(item.target->children[0].get());
          break;
        case ast::SetItem::Kind::kReplaceProperties:
        case ast::SetItem::Kind::kMergeProperties:
          if (item.value && item.value->kind == ast::ExpressionKind::kMap) {
            for (const std::string& key : item.value->keys) written(Kind::kPropertyKey, key);
          }
          break;
        case ast::SetItem::Kind::kLabels:
          for (const std::string& label : item.labels) written(Kind::kLabel, label);
          break;
      }
      expression(item.value.get());
    }
  }

  void patterns(const std::vector<ast::PatternPart>& parts, bool writes) {
    for (const ast::PatternPart& part : parts) {
      for (const ast::NodePattern& node : part.nodes) {
        for (const std::string& label : node.labels) name(Kind::kLabel, label, node.pos, writes);
        properties(node.properties.get(), node.pos, writes);
      }
      for (const ast::RelPattern& rel : part.rels) {
        for (const std::string& type : rel.types) {
          name(Kind::kRelationshipType, type, rel.pos, writes);
        }
        properties(rel.properties.get(), rel.pos, writes);
      }
    }
  }

  void properties(const ast::Expression* map, ast::Position pos, bool writes) {
    if (!map) return;
    if (map->kind == ast::ExpressionKind::kMap) {
      for (const std::string& key : map->keys) name(Kind::kPropertyKey, key, pos, writes);
    }
    expression(map);
  }

  void expression(const ast::Expression* e) {
    if (!e) return;
    using K = ast::ExpressionKind;
    switch (e->kind) {
      case K::kProperty:
        if (entity_kind(e->children[0].get())) read(Kind::kPropertyKey, e->name, e->pos);
        break;
      case K::kMapProjection:
        if (entity_kind_of_slot(e->slot)) {
          for (const ast::MapProjectionItem& item : e->projection_items) {
            if (item.kind == ast::MapProjectionItem::Kind::kProperty) {
              read(Kind::kPropertyKey, item.key, e->pos);
            }
          }
        }
        for (const ast::MapProjectionItem& item : e->projection_items) expression(item.value.get());
        break;
      case K::kBinary: label_check(*e); break;
      case K::kExists:
      case K::kCountSubquery:
        if (e->subquery) query(*e->subquery);
        patterns(e->pattern, /*writes=*/false);
        break;
      case K::kPatternPredicate:
      case K::kPatternComprehension: patterns(e->pattern, /*writes=*/false); break;
      default: break;
    }
    for (const auto& child : e->children) expression(child.get());
  }

  // `'Custmer' IN <label check>(n)`, the parser's form of n:Custmer: a label
  // for a node, a type for a relationship.
  void label_check(const ast::Expression& e) {
    if (e.binary_op != ast::BinaryOp::kIn) return;
    const ast::Expression* name = e.children[0].get();
    const ast::Expression* check = e.children[1].get();
    if (name->kind != ast::ExpressionKind::kLiteral || name->literal.kind() != ValueKind::kString)
      return;
    if (check->kind != ast::ExpressionKind::kFunctionCall ||
        check->name != ast::kLabelCheckFunction) {
      return;
    }
    switch (entity_kind(check->children[0].get()).value_or(VariableKind::kAny)) {
      case VariableKind::kNode: read(Kind::kLabel, name->literal.as_string(), name->pos); break;
      case VariableKind::kRelationship:
        read(Kind::kRelationshipType, name->literal.as_string(), name->pos);
        break;
      default: break;
    }
  }

  // kNode or kRelationship when `e` is a variable of that kind.
  std::optional<VariableKind> entity_kind(const ast::Expression* e) const {
    if (!e || e->kind != ast::ExpressionKind::kVariable) return std::nullopt;
    return entity_kind_of_slot(e->slot);
  }
  std::optional<VariableKind> entity_kind_of_slot(int slot) const {
    if (slot < 0 || static_cast<std::size_t>(slot) >= bound_.slot_kinds.size()) return std::nullopt;
    const VariableKind kind = bound_.slot_kinds[static_cast<std::size_t>(slot)];
    if (kind == VariableKind::kNode || kind == VariableKind::kRelationship) return kind;
    return std::nullopt;
  }

  void name(Kind kind, const std::string& name, ast::Position pos, bool writes) {
    if (writes) {
      written(kind, name);
    } else {
      read(kind, name, pos);
    }
  }
  void read(Kind kind, const std::string& name, ast::Position pos) {
    reads_.push_back(NameReference{kind, name, pos});
  }
  void written(Kind kind, const std::string& name) { written_.emplace(kind, name); }

  const BoundQuery& bound_;
  std::vector<NameReference> reads_;
  std::set<std::pair<Kind, std::string>> written_;
};

}  // namespace

std::vector<NameReference> collect_read_names(const ast::Statement& statement,
                                              const BoundQuery& bound) {
  ReadNameCollector collector(bound);
  collector.query(statement.query);
  return collector.result();
}

}  // namespace guanxi::query
