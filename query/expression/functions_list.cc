// List functions: size, head, last, tail, range, reverse, isEmpty.
#include "query/expression/function_table.h"
#include "query/value_footprint.h"

namespace guanxi::query::functions {

namespace {

// range() refuses to build lists longer than this: a typo such as
// range(1, 10^12) should fail fast, not exhaust memory.
constexpr std::int64_t kMaxRangeLength = 10'000'000;

Value fn_size(std::vector<Value>& a, EvaluationContext&) {
  switch (a[0].kind()) {
    case ValueKind::kNull: return Value();
    case ValueKind::kList: return Value(static_cast<std::int64_t>(a[0].as_list().size()));
    case ValueKind::kString: return Value(code_point_count(a[0].as_string()));
    default: argument_type_error("size", 0, "LIST or STRING", a[0]);
  }
}

Value fn_is_empty(std::vector<Value>& a, EvaluationContext&) {
  switch (a[0].kind()) {
    case ValueKind::kNull: return Value();
    case ValueKind::kList: return Value(a[0].as_list().empty());
    case ValueKind::kString: return Value(a[0].as_string().empty());
    case ValueKind::kMap: return Value(a[0].as_map().empty());
    default: argument_type_error("isEmpty", 0, "LIST, STRING or MAP", a[0]);
  }
}

Value fn_head(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  const List& l = list_arg("head", a, 0);
  return l.empty() ? Value() : l.front();
}

Value fn_last(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  const List& l = list_arg("last", a, 0);
  return l.empty() ? Value() : l.back();
}

Value fn_tail(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  const List& l = list_arg("tail", a, 0);
  if (l.empty()) return Value(List{});
  return Value(List(l.begin() + 1, l.end()));
}

Value fn_reverse(std::vector<Value>& a, EvaluationContext&) {
  switch (a[0].kind()) {
    case ValueKind::kNull: return Value();
    case ValueKind::kList: return Value(List(a[0].as_list().rbegin(), a[0].as_list().rend()));
    case ValueKind::kString: {
      const std::string& s = a[0].as_string();
      const auto offsets = code_point_offsets(s);
      std::string out;
      out.reserve(s.size());
      for (size_t i = offsets.size() - 1; i > 0; --i)
        out.append(s, offsets[i - 1], offsets[i] - offsets[i - 1]);
      return Value(std::move(out));
    }
    default: argument_type_error("reverse", 0, "LIST or STRING", a[0]);
  }
}

Value fn_range(std::vector<Value>& a, EvaluationContext& ctx) {
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].is_null()) invalid_argument("range", "argument " + std::to_string(i + 1) + " is null");
  // openCypher classes a bound or step that is not an integer (a float
  // included) as an invalid argument, not a type error.
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind() != ValueKind::kInt) {
      invalid_argument("range", "argument " + std::to_string(i + 1) + " must be INTEGER, got " +
                                    value_kind_name(a[i].kind()));
    }
  }
  const std::int64_t start = a[0].as_int();
  const std::int64_t end = a[1].as_int();
  const std::int64_t step = a.size() > 2 ? a[2].as_int() : 1;
  if (step == 0) invalid_argument("range", "step must not be zero");
  // The element count; a span that overflows int64 is far past the limit.
  std::int64_t span = 0;
  std::int64_t count = 0;
  if (__builtin_sub_overflow(end, start, &span)) {
    count = kMaxRangeLength + 1;
  } else if ((step > 0 && span >= 0) || (step < 0 && span <= 0)) {
    count = span / step >= kMaxRangeLength ? kMaxRangeLength + 1 : span / step + 1;
  }
  if (count > kMaxRangeLength)
    throw QueryError(QueryErrorCode::kLimit, "range() would build more than " +
                                                 std::to_string(kMaxRangeLength) + " elements");
  ctx.memory_budget().check_room(
      heap_block_bytes(static_cast<std::uint64_t>(count) * sizeof(Value)));
  List out;
  out.reserve(static_cast<size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    if ((i & 0xFFFF) == 0xFFFF) ctx.check_cancelled();
    out.emplace_back(start + i * step);
  }
  return Value(std::move(out));
}

}  // namespace

void register_list_functions(FunctionTable* t) {
  define(t, "size", 1, 1, fn_size);
  define(t, "isEmpty", 1, 1, fn_is_empty);
  define(t, "head", 1, 1, fn_head);
  define(t, "last", 1, 1, fn_last);
  define(t, "tail", 1, 1, fn_tail);
  define(t, "reverse", 1, 1, fn_reverse);
  define(t, "range", 2, 3, fn_range);
}

}  // namespace guanxi::query::functions
