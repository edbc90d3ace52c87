#include "query/storage_error_translation.h"

#include <string>

#include "storage/transaction.h"

namespace guanxi::query {

QueryErrorCode query_error_code(storage::ErrorCode code) {
  switch (code) {
    case storage::ErrorCode::kConstraint: return QueryErrorCode::kConstraint;
    case storage::ErrorCode::kHasRelationships: return QueryErrorCode::kHasRelationships;
    case storage::ErrorCode::kNotFound: return QueryErrorCode::kNotFound;
    case storage::ErrorCode::kInvalidArgument: return QueryErrorCode::kInvalidArgument;
    case storage::ErrorCode::kCancelled: return QueryErrorCode::kCancelled;
    case storage::ErrorCode::kReadOnly: return QueryErrorCode::kReadOnly;
    default: return QueryErrorCode::kStorage;
  }
}

QueryError query_error_from(const storage::StorageError& error) {
  // A full map is not an error: whoever runs the transaction grows the map
  // and runs it again. Callers are inside a catch handler, so rethrow it.
  if (dynamic_cast<const storage::MapFullError*>(&error)) throw;
  return QueryError(query_error_code(error.code()), error.what());
}

QueryError missing_record_error(const char* kind, std::uint64_t id) {
  return QueryError(QueryErrorCode::kStorage,
                    std::string(kind) + " " + std::to_string(id) +
                        " is referenced but its record is missing (the database is damaged; "
                        "run guanxi verify)");
}

}  // namespace guanxi::query
