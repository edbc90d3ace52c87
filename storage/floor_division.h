// Integer division rounding toward negative infinity, as calendars need: the
// second before the epoch is in the day before it, whose week began on the
// Monday before that.
#pragma once

#include <cstdint>

namespace guanxi::storage {

// a / b rounded toward negative infinity. b must not be 0, nor -1 when a is
// the least int64.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// a - floor_div(a, b) * b: in [0, b) when b > 0. Same preconditions.
constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

}  // namespace guanxi::storage
