#include "query/expression/arithmetic.h"

#include <cmath>
#include <limits>

#include "query/expression/number_format.h"
#include "query/expression/temporal_ops.h"
#include "query/query_error.h"
#include "storage/temporal.h"

namespace guanxi::query {

namespace {

[[noreturn]] void mismatch(const char* op, const Value& a, const Value& b) {
  throw QueryError(QueryErrorCode::kType, std::string("Cannot apply ") + op + " to " +
                                              value_kind_name(a.kind()) + " and " +
                                              value_kind_name(b.kind()));
}

[[noreturn]] void overflow(const char* op) {
  throw QueryError(QueryErrorCode::kArithmetic, std::string("Integer overflow in ") + op);
}

bool both_ints(const Value& a, const Value& b) {
  return a.kind() == ValueKind::kInt && b.kind() == ValueKind::kInt;
}

bool is_scalar_text(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kString:
    case ValueKind::kInt:
    case ValueKind::kFloat:
    case ValueKind::kBool:
    case ValueKind::kDate:
    case ValueKind::kLocalTime:
    case ValueKind::kTime:
    case ValueKind::kLocalDateTime:
    case ValueKind::kDateTime:
    case ValueKind::kDuration: return true;
    default: return false;
  }
}

}  // namespace

std::string concatenation_text(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kString: return v.as_string();
    case ValueKind::kInt: return std::to_string(v.as_int());
    case ValueKind::kFloat: return format_float(v.as_float());
    case ValueKind::kBool: return v.as_bool() ? "true" : "false";
    case ValueKind::kDate: return storage::format_date(v.as_date());
    case ValueKind::kLocalTime: return storage::format_local_time(v.as_local_time());
    case ValueKind::kTime: return storage::format_time(v.as_time());
    case ValueKind::kLocalDateTime: return storage::format_local_datetime(v.as_local_datetime());
    case ValueKind::kDateTime: return storage::format_datetime(v.as_datetime());
    case ValueKind::kDuration: return storage::format_duration(v.as_duration());
    default:
      throw QueryError(QueryErrorCode::kType, std::string("Cannot concatenate a ") +
                                                  value_kind_name(v.kind()) + " to a STRING");
  }
}

Value add_values(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (both_ints(a, b)) {
    std::int64_t r;
    if (__builtin_add_overflow(a.as_int(), b.as_int(), &r)) overflow("+");
    return Value(r);
  }
  if (a.is_number() && b.is_number()) return Value(a.as_number() + b.as_number());
  if (a.kind() == ValueKind::kList || b.kind() == ValueKind::kList) {
    if (a.kind() == ValueKind::kList) return add_values_consuming(a, b);
    // An element put in front of a list: it gains a level.
    check_value_nesting(a, 1);
    List out;
    out.reserve(b.as_list().size() + 1);
    out.push_back(a);
    out.insert(out.end(), b.as_list().begin(), b.as_list().end());
    return Value(std::move(out));
  }
  if ((a.kind() == ValueKind::kString && is_scalar_text(b)) ||
      (b.kind() == ValueKind::kString && is_scalar_text(a))) {
    return Value(concatenation_text(a) + concatenation_text(b));
  }
  if (b.kind() == ValueKind::kDuration) {
    if (temporal::is_instant(a.kind())) return temporal::add(a, b.as_duration(), 1);
    if (a.kind() == ValueKind::kDuration)
      return Value(temporal::add(a.as_duration(), b.as_duration(), 1));
  }
  if (a.kind() == ValueKind::kDuration && temporal::is_instant(b.kind()))
    return temporal::add(b, a.as_duration(), 1);
  mismatch("+", a, b);
}

Value add_values_consuming(Value a, const Value& b) {
  if (a.kind() == ValueKind::kList && !b.is_null()) {
    List& out = a.as_list();
    if (b.kind() == ValueKind::kList) {
      out.insert(out.end(), b.as_list().begin(), b.as_list().end());
    } else {
      // An element appended to a list: it gains a level.
      check_value_nesting(b, 1);
      out.push_back(b);
    }
    return a;
  }
  if (a.kind() == ValueKind::kString && is_scalar_text(b)) {
    a.as_string() += concatenation_text(b);
    return a;
  }
  return add_values(a, b);
}

Value subtract_values(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (both_ints(a, b)) {
    std::int64_t r;
    if (__builtin_sub_overflow(a.as_int(), b.as_int(), &r)) overflow("-");
    return Value(r);
  }
  if (a.is_number() && b.is_number()) return Value(a.as_number() - b.as_number());
  if (b.kind() == ValueKind::kDuration) {
    if (temporal::is_instant(a.kind())) return temporal::add(a, b.as_duration(), -1);
    if (a.kind() == ValueKind::kDuration)
      return Value(temporal::add(a.as_duration(), b.as_duration(), -1));
  }
  mismatch("-", a, b);
}

Value multiply_values(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (both_ints(a, b)) {
    std::int64_t r;
    if (__builtin_mul_overflow(a.as_int(), b.as_int(), &r)) overflow("*");
    return Value(r);
  }
  if (a.is_number() && b.is_number()) return Value(a.as_number() * b.as_number());
  const Value* duration = a.kind() == ValueKind::kDuration   ? &a
                          : b.kind() == ValueKind::kDuration ? &b
                                                             : nullptr;
  const Value* factor = duration == &a ? &b : &a;
  if (duration != nullptr && factor->is_number()) {
    if (factor->kind() == ValueKind::kInt)
      return Value(temporal::multiply(duration->as_duration(), factor->as_int()));
    return Value(temporal::multiply(duration->as_duration(), factor->as_float()));
  }
  mismatch("*", a, b);
}

Value divide_values(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (both_ints(a, b)) {
    if (b.as_int() == 0) throw QueryError(QueryErrorCode::kArithmetic, "/ by zero");
    if (a.as_int() == std::numeric_limits<std::int64_t>::min() && b.as_int() == -1) overflow("/");
    return Value(a.as_int() / b.as_int());
  }
  if (a.is_number() && b.is_number()) return Value(a.as_number() / b.as_number());
  if (a.kind() == ValueKind::kDuration && b.is_number())
    return Value(temporal::divide(a.as_duration(), b.as_number()));
  mismatch("/", a, b);
}

Value modulo_values(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (both_ints(a, b)) {
    if (b.as_int() == 0) throw QueryError(QueryErrorCode::kArithmetic, "% by zero");
    if (b.as_int() == -1) return Value(std::int64_t{0});
    return Value(a.as_int() % b.as_int());
  }
  if (a.is_number() && b.is_number()) return Value(std::fmod(a.as_number(), b.as_number()));
  mismatch("%", a, b);
}

Value power_values(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_number() && b.is_number()) return Value(std::pow(a.as_number(), b.as_number()));
  mismatch("^", a, b);
}

Value negate_value(const Value& a) {
  switch (a.kind()) {
    case ValueKind::kNull: return Value();
    case ValueKind::kInt:
      if (a.as_int() == std::numeric_limits<std::int64_t>::min()) overflow("unary -");
      return Value(-a.as_int());
    case ValueKind::kFloat: return Value(-a.as_float());
    case ValueKind::kDuration: return Value(temporal::negate(a.as_duration()));
    default:
      throw QueryError(QueryErrorCode::kType,
                       std::string("Cannot apply unary - to ") + value_kind_name(a.kind()));
  }
}

Value apply_arithmetic(ast::BinaryOp op, const Value& a, const Value& b) {
  using ast::BinaryOp;
  switch (op) {
    case BinaryOp::kAdd: return add_values(a, b);
    case BinaryOp::kSub: return subtract_values(a, b);
    case BinaryOp::kMul: return multiply_values(a, b);
    case BinaryOp::kDiv: return divide_values(a, b);
    case BinaryOp::kMod: return modulo_values(a, b);
    case BinaryOp::kPow: return power_values(a, b);
    default: throw QueryError(QueryErrorCode::kSemantic, "Not an arithmetic operator");
  }
}

}  // namespace guanxi::query
