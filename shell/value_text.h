// Values as the shell shows them to people, and as spreadsheets read them.
//
// Value::to_string() writes Cypher literals, with floats laid out as Java
// and Neo4j print them (1.8179029E7). A person reading a table wants
// 18179029.0, and Excel or `guanxi import` reading a CSV file wants
// 2023-01-15, not date('2023-01-15'). Both stay exact: every float text reads
// back as the same double.
#pragma once

#include <string>

#include "guanxi/value.h"

namespace guanxi::shell {

// A float without an exponent when 1e-6 <= |x| < 1e15 (or x is 0), with at
// least one fractional digit: "18179029.0", "0.000125", "-3.5"; outside that
// range, and for NaN and infinities, as Value::to_string() writes it.
std::string readable_float(double value);

// Value::to_string() with every float inside it (in lists, maps, node and
// relationship properties, paths) written by readable_float.
std::string readable_text(const Value& value);

// The text of a value in a CSV or TSV field: strings as they are, null as an
// empty field, dates, datetimes and durations as ISO 8601 text, floats by
// readable_float, a list of plain values as its elements' field texts
// joined by `array_delimiter` (the import's array syntax); maps, nodes,
// relationships, paths and nested lists as readable_text.
std::string field_text(const Value& value, char array_delimiter = ';');

}  // namespace guanxi::shell
