// Math functions: abs, ceil, floor, round (with precision and rounding mode),
// sqrt, log, log10, exp, sign, rand, pi, e and the trigonometric functions.
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numbers>

#include "query/expression/function_table.h"
#include "query/expression/number_format.h"

namespace guanxi::query::functions {

namespace {

Value fn_abs(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() == ValueKind::kInt) {
    const std::int64_t i = a[0].as_int();
    if (i == std::numeric_limits<std::int64_t>::min())
      throw QueryError(QueryErrorCode::kArithmetic, "Integer overflow in abs()");
    return Value(i < 0 ? -i : i);
  }
  return Value(std::fabs(number_arg("abs", a, 0)));
}

// A function of one number giving a FLOAT.
template <double (*F)(double), const char* Name>
Value unary_float(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  return Value(F(number_arg(Name, a, 0)));
}

double java_round(double x) {
  if (!std::isfinite(x) || std::fabs(x) >= 4503599627370496.0) return x;
  double r = std::floor(x);
  if (x - r >= 0.5) r += 1;
  return r == 0 ? 0.0 : r;
}

enum class RoundingMode { kUp, kDown, kCeiling, kFloor, kHalfUp, kHalfDown, kHalfEven };

RoundingMode parse_mode(const std::string& text) {
  std::string m;
  for (char c : text) m += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (m == "UP") return RoundingMode::kUp;
  if (m == "DOWN") return RoundingMode::kDown;
  if (m == "CEILING") return RoundingMode::kCeiling;
  if (m == "FLOOR") return RoundingMode::kFloor;
  if (m == "HALF_UP") return RoundingMode::kHalfUp;
  if (m == "HALF_DOWN") return RoundingMode::kHalfDown;
  if (m == "HALF_EVEN") return RoundingMode::kHalfEven;
  invalid_argument("round", "unknown rounding mode '" + text +
                                "' (UP, DOWN, CEILING, FLOOR, HALF_UP, HALF_DOWN, HALF_EVEN)");
}

// Rounds the shortest decimal form of x to `precision` fractional digits, as
// BigDecimal.valueOf(x).setScale(precision, mode) does in Neo4j.
double round_decimal(double x, std::int64_t precision, RoundingMode mode) {
  if (!std::isfinite(x) || x == 0) return x;
  if (precision > 400) return x;
  if (precision < -400) precision = -400;
  const bool negative = x < 0;
  const DecimalDigits d = shortest_digits(x);
  const std::int64_t keep = d.exponent + 1 + precision;
  if (keep >= static_cast<std::int64_t>(d.digits.size())) return x;
  std::string kept = keep > 0 ? d.digits.substr(0, static_cast<size_t>(keep)) : "0";
  std::string rest = keep >= 0 ? d.digits.substr(static_cast<size_t>(keep))
                               : std::string(static_cast<size_t>(-keep), '0') + d.digits;
  const bool nonzero = rest.find_first_not_of('0') != std::string::npos;
  int half_cmp;  // rest compared with one half
  if (rest[0] != '5') {
    half_cmp = rest[0] > '5' ? 1 : -1;
  } else {
    half_cmp = rest.find_first_not_of('0', 1) != std::string::npos ? 1 : 0;
  }
  bool increment = false;
  switch (mode) {
    case RoundingMode::kUp: increment = nonzero; break;
    case RoundingMode::kDown: increment = false; break;
    case RoundingMode::kCeiling: increment = nonzero && !negative; break;
    case RoundingMode::kFloor: increment = nonzero && negative; break;
    case RoundingMode::kHalfUp: increment = half_cmp >= 0; break;
    case RoundingMode::kHalfDown: increment = half_cmp > 0; break;
    case RoundingMode::kHalfEven:
      increment = half_cmp > 0 || (half_cmp == 0 && (kept.back() - '0') % 2 == 1);
      break;
  }
  if (increment) {
    int i = static_cast<int>(kept.size()) - 1;
    while (i >= 0 && kept[i] == '9') kept[i--] = '0';
    if (i < 0)
      kept.insert(kept.begin(), '1');
    else
      ++kept[i];
  }
  const std::string text = (negative ? "-" : "") + kept + "e" + std::to_string(-precision);
  const double r = std::strtod(text.c_str(), nullptr);
  return r == 0 ? 0.0 : r;
}

Value fn_round(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  const double x = number_arg("round", a, 0);
  if (a.size() == 1) return Value(java_round(x));
  if (a[1].is_null()) return Value();
  const std::int64_t precision = int_arg("round", a, 1);
  RoundingMode mode = RoundingMode::kHalfUp;
  if (a.size() > 2) {
    if (a[2].is_null()) return Value();
    mode = parse_mode(string_arg("round", a, 2));
  }
  return Value(round_decimal(x, precision, mode));
}

Value fn_sign(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  const double x = number_arg("sign", a, 0);
  if (a[0].kind() == ValueKind::kInt) {
    const std::int64_t i = a[0].as_int();
    return Value(std::int64_t{i > 0 ? 1 : i < 0 ? -1 : 0});
  }
  return Value(std::int64_t{x > 0 ? 1 : x < 0 ? -1 : 0});
}

Value fn_rand(std::vector<Value>&, EvaluationContext& ctx) { return Value(ctx.random()); }
Value fn_pi(std::vector<Value>&, EvaluationContext&) { return Value(std::numbers::pi); }
Value fn_e(std::vector<Value>&, EvaluationContext&) { return Value(std::numbers::e); }

Value fn_atan2(std::vector<Value>& a, EvaluationContext&) {
  if (any_null(a)) return Value();
  return Value(std::atan2(number_arg("atan2", a, 0), number_arg("atan2", a, 1)));
}

double ceil_fn(double x) { return std::ceil(x); }
double floor_fn(double x) { return std::floor(x); }
double sqrt_fn(double x) { return std::sqrt(x); }
double log_fn(double x) { return std::log(x); }
double log10_fn(double x) { return std::log10(x); }
double exp_fn(double x) { return std::exp(x); }
double sin_fn(double x) { return std::sin(x); }
double cos_fn(double x) { return std::cos(x); }
double tan_fn(double x) { return std::tan(x); }
double cot_fn(double x) { return 1.0 / std::tan(x); }
double asin_fn(double x) { return std::asin(x); }
double acos_fn(double x) { return std::acos(x); }
double atan_fn(double x) { return std::atan(x); }
double degrees_fn(double x) { return x * 180.0 / std::numbers::pi; }
double radians_fn(double x) { return x * std::numbers::pi / 180.0; }

constexpr char kCeil[] = "ceil";
constexpr char kFloor[] = "floor";
constexpr char kSqrt[] = "sqrt";
constexpr char kLog[] = "log";
constexpr char kLog10[] = "log10";
constexpr char kExp[] = "exp";
constexpr char kSin[] = "sin";
constexpr char kCos[] = "cos";
constexpr char kTan[] = "tan";
constexpr char kCot[] = "cot";
constexpr char kAsin[] = "asin";
constexpr char kAcos[] = "acos";
constexpr char kAtan[] = "atan";
constexpr char kDegrees[] = "degrees";
constexpr char kRadians[] = "radians";

}  // namespace

void register_math_functions(FunctionTable* t) {
  define(t, "abs", 1, 1, fn_abs);
  define(t, "ceil", 1, 1, unary_float<ceil_fn, kCeil>);
  define(t, "floor", 1, 1, unary_float<floor_fn, kFloor>);
  define(t, "round", 1, 3, fn_round);
  define(t, "sqrt", 1, 1, unary_float<sqrt_fn, kSqrt>);
  define(t, "log", 1, 1, unary_float<log_fn, kLog>);
  define(t, "log10", 1, 1, unary_float<log10_fn, kLog10>);
  define(t, "exp", 1, 1, unary_float<exp_fn, kExp>);
  define(t, "sign", 1, 1, fn_sign);
  define(t, "rand", 0, 0, fn_rand);
  define(t, "pi", 0, 0, fn_pi);
  define(t, "e", 0, 0, fn_e);
  define(t, "sin", 1, 1, unary_float<sin_fn, kSin>);
  define(t, "cos", 1, 1, unary_float<cos_fn, kCos>);
  define(t, "tan", 1, 1, unary_float<tan_fn, kTan>);
  define(t, "cot", 1, 1, unary_float<cot_fn, kCot>);
  define(t, "asin", 1, 1, unary_float<asin_fn, kAsin>);
  define(t, "acos", 1, 1, unary_float<acos_fn, kAcos>);
  define(t, "atan", 1, 1, unary_float<atan_fn, kAtan>);
  define(t, "atan2", 2, 2, fn_atan2);
  define(t, "degrees", 1, 1, unary_float<degrees_fn, kDegrees>);
  define(t, "radians", 1, 1, unary_float<radians_fn, kRadians>);
}

}  // namespace guanxi::query::functions
