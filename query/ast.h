// The abstract syntax tree of a Guanxi statement.
//
// Plain structs, independent of ANTLR: the parser (query/parser/) builds
// them, the binder annotates them (the `slot` and `function` fields), and
// the planner reads them. Every node carries the position of its first token
// so that any later phase can report an error at the right spot.
//
// Expressions are one tagged struct rather than a class per kind: the
// layout of `children` for each kind is given beside ExpressionKind.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "query/query_error.h"
#include "query/value.h"

namespace guanxi::query {
struct FunctionDefinition;  // query/expression/function_registry.h
}

namespace guanxi::query::ast {

using Position = TextPosition;

// The function the parser lowers a label check `x:A:B` to: 'A' IN f(x) AND
// 'B' IN f(x), where f gives a node's labels or a relationship's type. Its
// name has a space, so a query cannot call it by accident.
inline constexpr const char* kLabelCheckFunction = "label check";

struct Expression;
using ExpressionPtr = std::unique_ptr<Expression>;
struct PatternPart;

enum class ExpressionKind : std::uint8_t {
  kLiteral,            // literal: int, float, string, bool or null (lists and maps are kList/kMap)
  kParameter,          // name: "p" for $p (or "0" for $0)
  kVariable,           // name; slot set by the binder
  kProperty,           // children[0].name
  kDynamicIndex,       // children[0][children[1]]: list index or map key
  kSlice,              // children[0][children[1]..children[2]]; a missing bound is a null pointer
  kList,               // [children...]
  kMap,                // {keys[i]: children[i]}
  kMapProjection,      // name{items}: see MapProjectionItem in `projection_items`
  kUnary,              // unary_op children[0]
  kBinary,             // children[0] binary_op children[1]
  kIsNull,             // children[0] IS NULL (negated: IS NOT NULL)
  kFunctionCall,       // name(children...), `distinct` for aggregates; function set by the binder
  kCountStar,          // count(*)
  kCase,               // simple: children[0] is the subject (generic: null pointer), then WHEN/THEN
                       // pairs in children[1..2n], then ELSE (or null pointer) last
  kListComprehension,  // [name IN children[0] WHERE children[1] | children[2]]; missing parts null
  kQuantifier,         // quantifier(name IN children[0] WHERE children[1]): all/any/none/single
  kReduce,             // reduce(keys[0] = children[0], name IN children[1] | children[2])
  kPatternPredicate,   // a pattern used as a boolean: pattern[0]
  kExists,             // EXISTS { pattern [WHERE children[0]] }: pattern, children[0] may be
                       // null; or EXISTS { subquery }: whether it returns a row
  kCountSubquery,      // COUNT { pattern [WHERE children[0]] }: the number of matches; or
                       // COUNT { subquery }: the number of rows it returns
  kPatternComprehension,  // [pattern WHERE children[0] | children[1]]
};

enum class UnaryOp : std::uint8_t { kNot, kMinus, kPlus };

enum class BinaryOp : std::uint8_t {
  kOr,
  kXor,
  kAnd,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kIn,
  kStartsWith,
  kEndsWith,
  kContains,
  kRegexMatch,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kPow,
};

enum class Quantifier : std::uint8_t { kAll, kAny, kNone, kSingle };

// One item of n{.name, .city, total: expr, .*, other}.
struct MapProjectionItem {
  enum class Kind : std::uint8_t { kProperty, kAllProperties, kLiteralEntry, kVariable };
  Kind kind = Kind::kProperty;
  std::string key;      // property name, entry key or variable name
  ExpressionPtr value;  // kLiteralEntry only
  int slot = -1;        // kVariable: set by the binder
};

struct Query;

struct Expression {
  ExpressionKind kind = ExpressionKind::kLiteral;
  Position pos;
  Value literal;     // kLiteral
  std::string name;  // see ExpressionKind
  UnaryOp unary_op = UnaryOp::kNot;
  BinaryOp binary_op = BinaryOp::kAnd;
  Quantifier quantifier = Quantifier::kAll;
  bool distinct = false;                            // kFunctionCall
  bool negated = false;                             // kIsNull: IS NOT NULL
  std::vector<ExpressionPtr> children;              // see ExpressionKind; may hold null pointers
  std::vector<std::string> keys;                    // kMap keys; kReduce accumulator
  std::vector<MapProjectionItem> projection_items;  // kMapProjection
  std::vector<PatternPart>
      pattern;  // kPatternPredicate, kExists, kCountSubquery, kPatternComprehension
  // kExists and kCountSubquery written as a whole query (then `pattern` is
  // empty): MATCH ... [WITH ...] [RETURN ...], UNION allowed, no writes.
  std::unique_ptr<Query> subquery;

  // Annotations set by the binder.
  int slot = -1;              // kVariable, kMapProjection subject, iteration vars
  int accumulator_slot = -1;  // kReduce
  const FunctionDefinition* function = nullptr;  // kFunctionCall
  // The source text of the expression, as written: the default column name
  // of `RETURN n.name` is "n.name".
  std::string text;
};

// --- patterns ---------------------------------------------------------------

struct NodePattern {
  Position pos;
  std::string variable;             // empty when anonymous
  std::vector<std::string> labels;  // (n:A:B) requires both
  ExpressionPtr properties;         // a kMap or kParameter, or null
};

enum class RelDirection : std::uint8_t {
  kRight,  // (a)-[]->(b)
  kLeft,   // (a)<-[]-(b)
  kBoth,   // (a)-[]-(b): either direction
};

struct RelPattern {
  Position pos;
  std::string variable;
  std::vector<std::string> types;  // [:A|B]: any of them; empty: any type
  RelDirection direction = RelDirection::kBoth;
  bool variable_length = false;          // [*], [*2], [*1..3], [*..3], [*2..]
  std::optional<std::int64_t> min_hops;  // unset for variable length: 1
  std::optional<std::int64_t> max_hops;  // unset for variable length: unbounded
  ExpressionPtr properties;
};

// One comma-separated part of a pattern: a chain of nodes and relationships,
// nodes.size() == rels.size() + 1, optionally named (p = ...) and optionally
// wrapped in shortestPath(...) or allShortestPaths(...).
struct PatternPart {
  enum class Shortest : std::uint8_t { kNone, kShortest, kAllShortest };
  Position pos;
  std::string path_variable;
  Shortest shortest = Shortest::kNone;
  std::vector<NodePattern> nodes;
  std::vector<RelPattern> rels;
};

// --- clauses ----------------------------------------------------------------

struct ProjectionItem {
  ExpressionPtr expression;
  std::string alias;  // AS alias; when empty the column is named expression->text
  Position pos;
};

struct SortItem {
  ExpressionPtr expression;
  bool descending = false;
};

// The body of WITH and RETURN.
struct Projection {
  bool distinct = false;
  bool star = false;  // RETURN *, WITH *, (then items are extra)
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order_by;
  ExpressionPtr skip;
  ExpressionPtr limit;
  ExpressionPtr where;  // WITH ... WHERE only
};

struct SetItem {
  enum class Kind : std::uint8_t {
    kProperty,           // target = value, target a kProperty expression
    kReplaceProperties,  // variable = value (a map, node or relationship)
    kMergeProperties,    // variable += value
    kLabels,             // variable:A:B
  };
  Kind kind = Kind::kProperty;
  Position pos;
  ExpressionPtr target;
  std::string variable;
  int slot = -1;  // set by the binder
  ExpressionPtr value;
  std::vector<std::string> labels;
};

struct RemoveItem {
  enum class Kind : std::uint8_t { kProperty, kLabels };
  Kind kind = Kind::kProperty;
  Position pos;
  ExpressionPtr target;  // kProperty: a kProperty expression
  std::string variable;  // kLabels
  int slot = -1;
  std::vector<std::string> labels;
};

struct YieldItem {
  std::string name;   // the procedure's output column
  std::string alias;  // AS alias, or empty
  Position pos;
};

enum class ClauseKind : std::uint8_t {
  kMatch,     // [OPTIONAL] MATCH pattern [WHERE where]
  kUnwind,    // UNWIND expression AS variable
  kWith,      // WITH projection
  kReturn,    // RETURN projection
  kCreate,    // CREATE pattern
  kMerge,     // MERGE pattern[0] [ON CREATE SET on_create] [ON MATCH SET on_match]
  kSet,       // SET set_items
  kRemove,    // REMOVE remove_items
  kDelete,    // [DETACH] DELETE delete_expressions
  kCall,      // CALL procedure(arguments) [YIELD yield_items | *] [WHERE where]
  kSubquery,  // CALL { subquery }
};

// The batch size of CALL { } IN TRANSACTIONS without OF n ROWS (Neo4j's).
inline constexpr std::int64_t kDefaultBatchRows = 1000;

struct Clause {
  ClauseKind kind = ClauseKind::kMatch;
  Position pos;
  bool optional = false;             // OPTIONAL MATCH
  std::vector<PatternPart> pattern;  // MATCH, CREATE, MERGE
  ExpressionPtr where;               // MATCH, CALL
  ExpressionPtr expression;          // UNWIND
  std::string variable;              // UNWIND alias
  Projection projection;             // WITH, RETURN
  std::vector<SetItem> set_items;    // SET
  std::vector<SetItem> on_create;    // MERGE
  std::vector<SetItem> on_match;     // MERGE
  std::vector<RemoveItem> remove_items;
  std::vector<ExpressionPtr> delete_expressions;
  bool detach = false;
  std::string procedure;  // CALL: dotted name, e.g. "db.labels"
  std::vector<ExpressionPtr> arguments;
  bool arguments_given = false;  // CALL p() vs CALL p (standalone, arguments from parameters)
  std::vector<YieldItem> yield_items;
  bool yield_star = false;          // YIELD *, or a standalone CALL without YIELD
  std::unique_ptr<Query> subquery;  // CALL { }
  // CALL { } IN TRANSACTIONS [OF batch_rows ROWS]: batch_rows is null for
  // the default size.
  bool in_transactions = false;
  ExpressionPtr batch_rows;
};

// A chain of clauses; UNION combines several.
struct SingleQuery {
  Position pos;
  std::vector<Clause> clauses;
};

struct Query {
  std::vector<SingleQuery> parts;  // parts.size() == union_all.size() + 1
  std::vector<bool> union_all;     // UNION ALL (true) or UNION (false) before parts[i+1]
};

enum class StatementKind : std::uint8_t {
  kQuery,
  kCreateIndex,       // CREATE INDEX [name] [IF NOT EXISTS] FOR (n:Label) ON (n.prop)
                      //   or CREATE INDEX ON :Label(prop)
  kDropIndex,         // DROP INDEX name [IF EXISTS] or DROP INDEX ON :Label(prop)
  kCreateConstraint,  // CREATE CONSTRAINT [name] [IF NOT EXISTS] FOR (n:Label) REQUIRE n.prop
                      //   IS UNIQUE, or ON (n:Label) ASSERT n.prop IS UNIQUE
  kDropConstraint,    // DROP CONSTRAINT name [IF EXISTS] or DROP CONSTRAINT ON (n:Label)
                      //   ASSERT n.prop IS UNIQUE
  kShowIndexes,       // SHOW INDEXES
  kShowConstraints,   // SHOW CONSTRAINTS
  kCreateTag,         // CREATE TAG name ON :LabelOrType(p, ...) MASK mask
  kDropTag,           // DROP TAG name
  kCreatePurpose,     // CREATE PURPOSE name BASIS basis
  kDropPurpose,       // DROP PURPOSE name
  kAllowRead,         // ALLOW purpose READ tag
  kDisallowRead,      // DISALLOW purpose READ tag
  kShowTags,          // SHOW TAGS
  kShowPurposes,      // SHOW PURPOSES
  kShowPolicies,      // SHOW POLICIES
  kShowProcedures,    // SHOW PROCEDURES: parse_statement makes it CALL dbms.procedures()
  kShowFunctions,     // SHOW FUNCTIONS: parse_statement makes it CALL dbms.functions()
  kBegin,
  kCommit,
  kRollback,
};

enum class ExplainMode : std::uint8_t { kNone, kExplain, kProfile };

struct Statement {
  StatementKind kind = StatementKind::kQuery;
  ExplainMode mode = ExplainMode::kNone;
  Position pos;
  Query query;  // kQuery
  // Schema statements.
  std::string schema_name;  // index, constraint, tag or purpose name, or empty
  std::string label;        // also a tag's label or relationship type
  std::string property;
  // CREATE TAG: the tagged properties and the mask as written ("partial",
  // with its argument in mask_argument; -1 when none was given).
  std::vector<std::string> properties;
  std::string mask;
  std::int64_t mask_argument = -1;
  std::string basis;   // CREATE PURPOSE
  std::string target;  // ALLOW / DISALLOW: the tag
  bool if_not_exists = false;
  bool if_exists = false;
  // The whole statement text; errors from later phases quote it.
  std::string text;
};

}  // namespace guanxi::query::ast
