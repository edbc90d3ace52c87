#include "storage/error.h"

#include <lmdb.h>

namespace guanxi::storage {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kIo: return "io";
    case ErrorCode::kFormat: return "format";
    case ErrorCode::kCorruption: return "corruption";
    case ErrorCode::kNotFound: return "not found";
    case ErrorCode::kInvalidArgument: return "invalid argument";
    case ErrorCode::kConstraint: return "constraint";
    case ErrorCode::kHasRelationships: return "has relationships";
    case ErrorCode::kImport: return "import";
    case ErrorCode::kReadOnly: return "read only";
    case ErrorCode::kCancelled: return "cancelled";
  }
  return "unknown";
}

void throw_lmdb_error(int rc, const std::string& what) {
  ErrorCode code = ErrorCode::kIo;
  if (rc == MDB_CORRUPTED || rc == MDB_PAGE_NOTFOUND || rc == MDB_INVALID)
    code = ErrorCode::kCorruption;
  if (rc == MDB_VERSION_MISMATCH) code = ErrorCode::kFormat;
  if (rc == EACCES && what.find("write") != std::string::npos) code = ErrorCode::kReadOnly;
  throw StorageError(code, what + ": " + mdb_strerror(rc));
}

}  // namespace guanxi::storage
