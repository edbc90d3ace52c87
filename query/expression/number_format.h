// Text forms of numbers shared by Value::to_string(), toString() and string
// concatenation, so that every place prints a float the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace guanxi::query {

// The shortest decimal text that reads back as exactly `value`, laid out as
// Java (and so Neo4j) prints doubles: fixed notation with at least one
// fractional digit for 1e-3 <= |value| < 1e7 ("1.0", "0.001", "1234567.5"),
// scientific otherwise ("1.0E7", "1.5E-4"); "NaN", "Infinity", "-Infinity".
std::string format_float(double value);

// The shortest round-trip decimal digits of a finite, non-zero |value| and
// the decimal exponent of the first digit: 1234.5 -> ("12345", 3).
struct DecimalDigits {
  std::string digits;
  int exponent = 0;
};
DecimalDigits shortest_digits(double value);

// Parses a whole string as a Cypher number ("12", "-3", "1.5", "1e3", "0x1F"
// not accepted); leading/trailing spaces are ignored. nullopt on anything else.
std::optional<double> parse_float_text(std::string_view text);

}  // namespace guanxi::query
