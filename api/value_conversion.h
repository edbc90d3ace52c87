// Conversions between the public guanxi::Value and the query layer's
// query::Value, so that no query:: type appears in include/guanxi/.
#pragma once

#include <optional>

#include "guanxi/value.h"
#include "query/result_stream.h"
#include "query/value.h"

namespace guanxi::api {

// A public value as the query layer takes it (parameters, printing). A node
// becomes a NodeRef by id, a relationship a RelRef by id and endpoints (its
// type storage::kUnknownType: readers find it in adjacency), a path its refs. Throws Error (kLimit)
// for lists and maps nested deeper than query::kMaxValueNesting, before recursing past it.
query::Value to_query(const Value& value);

// A query value as the public API returns it. Nodes and relationships,
// anywhere inside the value, get their labels, type and properties read
// through `stream` (the session's PropertyReader).
Value from_query(query::Value&& value, query::ResultStream& stream);

// A plain query value (no node, relationship or path anywhere inside) as the
// public API returns it; nullopt when it holds an entity, which only a
// ResultStream may read.
std::optional<Value> plain_from_query(const query::Value& value);

}  // namespace guanxi::api
