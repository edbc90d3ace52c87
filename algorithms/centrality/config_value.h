// How a configuration value is quoted in a ConfigError message.
#pragma once

#include <cstdio>
#include <string>

namespace guanxi::algorithms {

// Shortest round-trip-ish form: 1.5, 1e-09, nan, inf.
inline std::string config_value(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", v);
  return text;
}

}  // namespace guanxi::algorithms
