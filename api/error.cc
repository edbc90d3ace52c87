#include "guanxi/error.h"

#include <utility>

namespace guanxi {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kSyntax: return "syntax";
    case ErrorCode::kSemantic: return "semantic";
    case ErrorCode::kType: return "type";
    case ErrorCode::kArithmetic: return "arithmetic";
    case ErrorCode::kConstraint: return "constraint";
    case ErrorCode::kHasRelationships: return "has-relationships";
    case ErrorCode::kNotFound: return "not-found";
    case ErrorCode::kInvalidArgument: return "invalid-argument";
    case ErrorCode::kTransaction: return "transaction";
    case ErrorCode::kCancelled: return "cancelled";
    case ErrorCode::kLimit: return "limit";
    case ErrorCode::kStorage: return "storage";
    case ErrorCode::kReadOnly: return "read-only";
    case ErrorCode::kClosed: return "closed";
  }
  return "unknown";
}

Error::Error(ErrorCode code, std::string message, int line, int column, const std::string& what)
    : std::runtime_error(what.empty() ? message : what),
      code_(code),
      message_(std::move(message)),
      line_(line),
      column_(column) {}

}  // namespace guanxi
