#include "query/expression/number_format.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace guanxi::query {

DecimalDigits shortest_digits(double value) {
  char buf[64];
  // Scientific notation of the shortest round-trip representation:
  // "-1.2345e+03" -> digits "12345", exponent 3.
  auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::scientific);
  std::string_view text(buf, static_cast<size_t>(res.ptr - buf));
  DecimalDigits out;
  size_t e = text.find('e');
  for (size_t i = 0; i < e; ++i)
    if (text[i] != '.') out.digits += text[i];
  out.exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  while (out.digits.size() > 1 && out.digits.back() == '0') out.digits.pop_back();
  return out;
}

std::string format_float(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  const std::string sign = value < 0 ? "-" : "";
  const double magnitude = std::fabs(value);
  DecimalDigits d = shortest_digits(value);
  std::string out;
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (d.exponent >= 0) {
      std::string digits = d.digits;
      if (digits.size() < static_cast<size_t>(d.exponent) + 1) digits.resize(d.exponent + 1, '0');
      std::string whole = digits.substr(0, d.exponent + 1);
      std::string frac = digits.substr(d.exponent + 1);
      out = whole + "." + (frac.empty() ? "0" : frac);
    } else {
      out = "0." + std::string(static_cast<size_t>(-d.exponent - 1), '0') + d.digits;
    }
  } else {
    std::string frac = d.digits.substr(1);
    out = d.digits.substr(0, 1) + "." + (frac.empty() ? "0" : frac) + "E" +
          std::to_string(d.exponent);
  }
  return sign + out;
}

std::optional<double> parse_float_text(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  // Only decimal notation: from_chars rejects "inf"/"nan" spellings of its
  // own only partly, so check the characters first.
  for (char c : text) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' ||
          c == 'e' || c == 'E'))
      return std::nullopt;
  }
  if (text.front() == '+') text.remove_prefix(1);
  double out = 0;
  auto res = std::from_chars(text.data(), text.data() + text.size(), out);
  if (res.ec != std::errc() || res.ptr != text.data() + text.size()) return std::nullopt;
  return out;
}

}  // namespace guanxi::query
