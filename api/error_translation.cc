#include "api/error_translation.h"

#include <new>

#include "query/query_error.h"
#include "storage/error.h"

namespace guanxi::api {

namespace {

ErrorCode from_query_code(query::QueryErrorCode code) {
  using Q = query::QueryErrorCode;
  switch (code) {
    case Q::kSyntax: return ErrorCode::kSyntax;
    case Q::kSemantic: return ErrorCode::kSemantic;
    case Q::kType: return ErrorCode::kType;
    case Q::kArithmetic: return ErrorCode::kArithmetic;
    case Q::kConstraint: return ErrorCode::kConstraint;
    case Q::kHasRelationships: return ErrorCode::kHasRelationships;
    case Q::kNotFound: return ErrorCode::kNotFound;
    case Q::kInvalidArgument: return ErrorCode::kInvalidArgument;
    case Q::kTransaction: return ErrorCode::kTransaction;
    case Q::kCancelled: return ErrorCode::kCancelled;
    case Q::kLimit: return ErrorCode::kLimit;
    case Q::kStorage: return ErrorCode::kStorage;
    case Q::kReadOnly: return ErrorCode::kReadOnly;
  }
  return ErrorCode::kStorage;
}

ErrorCode from_storage_code(storage::ErrorCode code) {
  using S = storage::ErrorCode;
  switch (code) {
    case S::kNotFound: return ErrorCode::kNotFound;
    case S::kConstraint: return ErrorCode::kConstraint;
    case S::kHasRelationships: return ErrorCode::kHasRelationships;
    case S::kReadOnly: return ErrorCode::kReadOnly;
    case S::kCancelled: return ErrorCode::kCancelled;
    case S::kInvalidArgument: return ErrorCode::kInvalidArgument;
    case S::kIo:
    case S::kFormat:
    case S::kCorruption:
    case S::kImport: return ErrorCode::kStorage;
  }
  return ErrorCode::kStorage;
}

}  // namespace

void rethrow_as_error() {
  try {
    throw;
  } catch (const Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    // Where memory ran out outside a statement's run (converting its rows).
    const query::QueryError e = query::out_of_memory_error();
    throw Error(from_query_code(e.code()), e.message());
  } catch (const query::QueryError& e) {
    const query::TextPosition pos = e.position();
    throw Error(from_query_code(e.code()), e.message(), static_cast<int>(pos.line),
                static_cast<int>(pos.column), e.what());
  } catch (const storage::StorageError& e) {
    throw Error(from_storage_code(e.code()), e.what());
  } catch (const std::exception& e) {
    throw Error(ErrorCode::kStorage, e.what());
  }
}

}  // namespace guanxi::api
