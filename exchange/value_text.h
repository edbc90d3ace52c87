// Property values as the export formats write them: plain text for CSV,
// GraphML and DOT cells, JSON for JSON Lines (and for lists and maps inside
// text formats), and the escaping of XML.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "query/value.h"

namespace guanxi::exchange {

// A scalar as text: strings as they are, 42, 1.5 (shortest round-trip
// digits), true, ISO 8601 for temporal values; lists and maps as JSON.
std::string plain_text(const query::Value& value);

// JSON: numbers, strings, booleans, arrays, objects; temporal values as ISO
// 8601 strings; a float that is not finite as null.
nlohmann::json to_json(const query::Value& value);

// `text` with &, <, >, " and ' escaped, and control characters that XML 1.0
// cannot hold replaced by U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace guanxi::exchange
