#include "query/expression/comparison.h"

#include <xxhash.h>

#include <cmath>
#include <cstring>

#include "query/expression/temporal_ops.h"

namespace guanxi::query {

namespace {

bool is_nan(const Value& v) { return v.kind() == ValueKind::kFloat && std::isnan(v.as_float()); }

// Exact comparison of two non-NaN numbers, also between an INTEGER and a
// FLOAT: every int64 and every double is exact as a long double.
int compare_numbers(const Value& a, const Value& b) {
  if (a.kind() == ValueKind::kInt && b.kind() == ValueKind::kInt) {
    return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int() ? 1 : 0;
  }
  const long double x = a.kind() == ValueKind::kInt ? static_cast<long double>(a.as_int())
                                                    : static_cast<long double>(a.as_float());
  const long double y = b.kind() == ValueKind::kInt ? static_cast<long double>(b.as_int())
                                                    : static_cast<long double>(b.as_float());
  return x < y ? -1 : x > y ? 1 : 0;
}

template <typename T>
int three_way(const T& a, const T& b) {
  return a < b ? -1 : b < a ? 1 : 0;
}

// Combines the three-valued results of element comparisons: any false makes
// false, else any unknown makes unknown.
std::optional<bool> equal_elements(const List& a, const List& b) {
  if (a.size() != b.size()) return false;
  bool unknown = false;
  for (size_t i = 0; i < a.size(); ++i) {
    std::optional<bool> e = cypher_equals(a[i], b[i]);
    if (!e) {
      unknown = true;
    } else if (!*e) {
      return false;
    }
  }
  if (unknown) return std::nullopt;
  return true;
}

// Rank of a value's type in the ORDER BY order.
int order_rank(ValueKind kind) {
  switch (kind) {
    case ValueKind::kMap: return 0;
    case ValueKind::kNode: return 1;
    case ValueKind::kRelationship: return 2;
    case ValueKind::kList: return 3;
    case ValueKind::kPath: return 4;
    case ValueKind::kDateTime: return 5;
    case ValueKind::kLocalDateTime: return 6;
    case ValueKind::kDate: return 7;
    case ValueKind::kTime: return 8;
    case ValueKind::kLocalTime: return 9;
    case ValueKind::kDuration: return 10;
    case ValueKind::kString: return 11;
    case ValueKind::kBool: return 12;
    case ValueKind::kInt:
    case ValueKind::kFloat: return 13;
    case ValueKind::kNull: return 14;
  }
  return 15;
}

std::uint64_t mix(std::uint64_t h, std::uint64_t x) {
  h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

std::uint64_t hash_bytes(const void* data, size_t size) { return XXH3_64bits(data, size); }

}  // namespace

std::optional<bool> cypher_equals(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if (is_nan(a) || is_nan(b)) return false;
    return compare_numbers(a, b) == 0;
  }
  if (a.kind() != b.kind()) return false;
  if (a.kind() == ValueKind::kList) return equal_elements(a.as_list(), b.as_list());
  if (a.kind() == ValueKind::kMap) {
    const Map& x = a.as_map();
    const Map& y = b.as_map();
    if (x.size() != y.size()) return false;
    List xv, yv;
    for (size_t i = 0; i < x.size(); ++i) {
      if (x[i].first != y[i].first) return false;
      xv.push_back(x[i].second);
      yv.push_back(y[i].second);
    }
    return equal_elements(xv, yv);
  }
  if (a.kind() == ValueKind::kRelationship) return a.as_relationship().id == b.as_relationship().id;
  return a == b;
}

std::optional<int> compare_values(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if (is_nan(a) || is_nan(b)) return std::nullopt;
    return compare_numbers(a, b);
  }
  if (a.kind() != b.kind()) return std::nullopt;
  switch (a.kind()) {
    case ValueKind::kString: return three_way(a.as_string(), b.as_string());
    case ValueKind::kBool: return three_way(a.as_bool(), b.as_bool());
    case ValueKind::kDate:
    case ValueKind::kLocalTime:
    case ValueKind::kTime:
    case ValueKind::kLocalDateTime:
    case ValueKind::kDateTime: return temporal::compare(a, b);
    case ValueKind::kList: {
      const List& x = a.as_list();
      const List& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        std::optional<int> c = compare_values(x[i], y[i]);
        if (!c) return std::nullopt;
        if (*c != 0) return c;
      }
      return three_way(x.size(), y.size());
    }
    default: return std::nullopt;
  }
}

std::optional<bool> evaluate_comparison(ast::BinaryOp op, const Value& a, const Value& b) {
  using ast::BinaryOp;
  if (op == BinaryOp::kEq) return cypher_equals(a, b);
  if (op == BinaryOp::kNe) {
    std::optional<bool> eq = cypher_equals(a, b);
    if (!eq) return std::nullopt;
    return !*eq;
  }
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number() && (is_nan(a) || is_nan(b))) return false;
  std::optional<int> c = compare_values(a, b);
  if (!c) return std::nullopt;
  switch (op) {
    case BinaryOp::kLt: return *c < 0;
    case BinaryOp::kLe: return *c <= 0;
    case BinaryOp::kGt: return *c > 0;
    case BinaryOp::kGe: return *c >= 0;
    default: return std::nullopt;
  }
}

int order_compare(const Value& a, const Value& b) {
  const int ra = order_rank(a.kind()), rb = order_rank(b.kind());
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.kind()) {
    case ValueKind::kNull: return 0;
    case ValueKind::kInt:
    case ValueKind::kFloat: {
      const bool na = is_nan(a), nb = is_nan(b);
      if (na || nb) return na == nb ? 0 : na ? 1 : -1;
      return compare_numbers(a, b);
    }
    case ValueKind::kBool: return three_way(a.as_bool(), b.as_bool());
    case ValueKind::kString: return three_way(a.as_string(), b.as_string());
    case ValueKind::kDate:
    case ValueKind::kLocalTime:
    case ValueKind::kTime:
    case ValueKind::kLocalDateTime:
    case ValueKind::kDateTime: return temporal::compare(a, b);
    case ValueKind::kDuration: {
      const Duration x = a.as_duration(), y = b.as_duration();
      if (x.months != y.months) return three_way(x.months, y.months);
      if (x.days != y.days) return three_way(x.days, y.days);
      if (x.seconds != y.seconds) return three_way(x.seconds, y.seconds);
      return three_way(x.nanos, y.nanos);
    }
    case ValueKind::kNode: return three_way(a.as_node().id, b.as_node().id);
    case ValueKind::kRelationship: return three_way(a.as_relationship().id, b.as_relationship().id);
    case ValueKind::kList: {
      const List& x = a.as_list();
      const List& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        if (int c = order_compare(x[i], y[i]); c != 0) return c;
      }
      return three_way(x.size(), y.size());
    }
    case ValueKind::kMap: {
      const Map& x = a.as_map();
      const Map& y = b.as_map();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        if (x[i].first != y[i].first) return three_way(x[i].first, y[i].first);
        if (int c = order_compare(x[i].second, y[i].second); c != 0) return c;
      }
      return three_way(x.size(), y.size());
    }
    case ValueKind::kPath: {
      const PathValue& x = a.as_path();
      const PathValue& y = b.as_path();
      for (size_t i = 0; i < x.nodes.size() && i < y.nodes.size(); ++i) {
        if (x.nodes[i].id != y.nodes[i].id) return three_way(x.nodes[i].id, y.nodes[i].id);
        if (i < x.rels.size() && i < y.rels.size() && x.rels[i].id != y.rels[i].id)
          return three_way(x.rels[i].id, y.rels[i].id);
      }
      return three_way(x.nodes.size(), y.nodes.size());
    }
  }
  return 0;
}

bool equivalent(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  if (a.is_number() && b.is_number()) {
    const bool na = is_nan(a), nb = is_nan(b);
    if (na || nb) return na && nb;
    return compare_numbers(a, b) == 0;
  }
  if (a.kind() != b.kind()) return false;
  if (a.kind() == ValueKind::kList) {
    const List& x = a.as_list();
    const List& y = b.as_list();
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i)
      if (!equivalent(x[i], y[i])) return false;
    return true;
  }
  if (a.kind() == ValueKind::kMap) {
    const Map& x = a.as_map();
    const Map& y = b.as_map();
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i)
      if (x[i].first != y[i].first || !equivalent(x[i].second, y[i].second)) return false;
    return true;
  }
  if (a.kind() == ValueKind::kRelationship) return a.as_relationship().id == b.as_relationship().id;
  return a == b;
}

std::uint64_t value_hash(const Value& value) {
  const auto tag = static_cast<std::uint64_t>(value.kind());
  switch (value.kind()) {
    case ValueKind::kNull: return 0x6e756c6cULL;
    case ValueKind::kBool: return mix(tag, value.as_bool() ? 1 : 0);
    case ValueKind::kInt: {
      const std::int64_t i = value.as_int();
      return mix(static_cast<std::uint64_t>(ValueKind::kInt), hash_bytes(&i, sizeof i));
    }
    case ValueKind::kFloat: {
      const double d = value.as_float();
      if (std::isnan(d)) return 0x4e614eULL;
      // An integral float hashes as the equal integer so that 1 and 1.0 group together.
      if (d == std::trunc(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0) {
        const auto i = static_cast<std::int64_t>(d);
        return mix(static_cast<std::uint64_t>(ValueKind::kInt), hash_bytes(&i, sizeof i));
      }
      return mix(tag, hash_bytes(&d, sizeof d));
    }
    case ValueKind::kString:
      return mix(tag, hash_bytes(value.as_string().data(), value.as_string().size()));
    case ValueKind::kList: {
      std::uint64_t h = mix(tag, value.as_list().size());
      for (const Value& v : value.as_list()) h = mix(h, value_hash(v));
      return h;
    }
    case ValueKind::kMap: {
      std::uint64_t h = mix(tag, value.as_map().size());
      for (const auto& [k, v] : value.as_map()) {
        h = mix(h, hash_bytes(k.data(), k.size()));
        h = mix(h, value_hash(v));
      }
      return h;
    }
    case ValueKind::kDate: return mix(tag, static_cast<std::uint64_t>(value.as_date().days));
    case ValueKind::kLocalTime:
      return mix(tag, static_cast<std::uint64_t>(value.as_local_time().nanos));
    case ValueKind::kTime: {
      const Time t = value.as_time();
      return mix(mix(tag, static_cast<std::uint64_t>(t.nanos)),
                 static_cast<std::uint64_t>(t.offset_seconds));
    }
    case ValueKind::kLocalDateTime: {
      const LocalDateTime t = value.as_local_datetime();
      return mix(mix(tag, static_cast<std::uint64_t>(t.seconds)),
                 static_cast<std::uint64_t>(t.nanos));
    }
    case ValueKind::kDateTime: {
      const DateTime t = value.as_datetime();
      std::uint64_t h =
          mix(mix(tag, static_cast<std::uint64_t>(t.seconds)), static_cast<std::uint64_t>(t.nanos));
      return mix(mix(h, static_cast<std::uint64_t>(t.offset_seconds)), t.zone);
    }
    case ValueKind::kDuration: {
      const Duration d = value.as_duration();
      std::uint64_t h =
          mix(mix(tag, static_cast<std::uint64_t>(d.months)), static_cast<std::uint64_t>(d.days));
      return mix(mix(h, static_cast<std::uint64_t>(d.seconds)),
                 static_cast<std::uint64_t>(d.nanos));
    }
    case ValueKind::kNode: return mix(tag, value.as_node().id);
    case ValueKind::kRelationship: return mix(tag, value.as_relationship().id);
    case ValueKind::kPath: {
      std::uint64_t h = tag;
      for (const NodeRef& n : value.as_path().nodes) h = mix(h, n.id);
      for (const RelRef& r : value.as_path().rels) h = mix(h, r.id);
      return h;
    }
  }
  return tag;
}

std::size_t RowHash::operator()(const Row& row) const {
  std::uint64_t h = row.size();
  for (const Value& v : row) h = mix(h, value_hash(v));
  return static_cast<std::size_t>(h);
}

bool RowEquivalent::operator()(const Row& a, const Row& b) const {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!equivalent(a[i], b[i])) return false;
  return true;
}

}  // namespace guanxi::query
