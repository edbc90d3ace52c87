// The one translation of a storage failure into the QueryError a user sees.
//
// Storage throws storage::StorageError; the query layer translates it once,
// where a statement meets the storage below it: a run's open and pull
// (StatementRun), preparing a statement, schema statements, BEGIN, and the
// PropertyReader's reads for a result stream after its run. Operators,
// expressions and procedures inside a run let storage errors pass.
#pragma once

#include <cstdint>

#include "query/query_error.h"
#include "storage/error.h"

namespace guanxi::query {

// The QueryErrorCode of a storage ErrorCode: constraint, has-relationships,
// not-found, invalid-argument, cancelled and read-only keep their meaning; every other
// code (I/O, corruption, format, ...) is kStorage.
QueryErrorCode query_error_code(storage::ErrorCode code);

// `error` as a QueryError with the storage message. Must be called inside
// the handler that caught `error`: a MapFullError is rethrown as it is (the
// transaction's owner grows the map and runs the transaction again).
QueryError query_error_from(const storage::StorageError& error);

// The kStorage error for a node or relationship (`kind`) that a read
// snapshot reaches through its own tables (labels, indexes, adjacency) but
// whose record is missing: damage, not a deletion, since nothing changes a
// snapshot. Reading it as empty would give wrong answers silently.
QueryError missing_record_error(const char* kind, std::uint64_t id);

}  // namespace guanxi::query
