// guanxi::Value to and from JSON (nlohmann::json), for the json and jsonl
// output formats and for parameters given as JSON (--param k=10).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "guanxi/value.h"

namespace guanxi::shell {

// Keys keep their order (columns as the statement gives them; properties
// sorted). null, booleans, numbers, strings, lists and maps as themselves (a float
// that is NaN or infinite as the string "NaN", "Infinity", "-Infinity");
// dates, datetimes and durations as ISO 8601 strings; a node as
// {"id", "labels", "properties"}, a relationship as {"id", "type", "start",
// "end", "properties"}, a path as {"nodes", "relationships"}.
nlohmann::ordered_json to_json(const Value& value);

// JSON as a parameter value: null, booleans, integers (those that fit in
// int64; others as floats), floats, strings, arrays as lists, objects as maps.
Value from_json(const nlohmann::json& json);

// Parses `json` as the value of parameter `name` (--param, :param). Throws
// guanxi::Error (kInvalidArgument) naming the parameter when it is not JSON,
// kLimit when it nests arrays and objects deeper than kMaxValueNesting.
Value parse_json_parameter(const std::string& name, const std::string& json);

}  // namespace guanxi::shell
