// guanxi::Error: every failure the embedding API reports.
//
// Each error carries a stable code, a message for a person and, when the
// query text is at fault, the 1-based line and column of the spot. what()
// is the full text: the message, the position, and the offending line of
// the query with a caret under the spot:
//
//   Invalid input 'RETRUN': expected a clause (line 1, column 20)
//   MATCH (c:Customer) RETRUN c
//                      ^
//
// A statement that throws changes nothing.
#pragma once

#include <stdexcept>
#include <string>

namespace guanxi {

enum class ErrorCode {
  kSyntax,            // the text does not parse
  kSemantic,          // parses but means nothing: unknown variable, misplaced aggregate, ...
  kType,              // a value of the wrong type at run time (also Value::as_* misuse)
  kArithmetic,        // integer overflow, integer division by zero
  kConstraint,        // a unique constraint would be violated
  kHasRelationships,  // DELETE of a node that still has relationships
  kNotFound,          // unknown index, procedure, parameter, column; a missing database
  kInvalidArgument,   // a bad argument to a function, procedure or API call
  kTransaction,       // COMMIT outside a transaction, BEGIN inside one, ...
  kCancelled,         // the statement was cancelled (Session::cancel)
  kLimit,             // the statement is too deep, too long or too large
  kStorage,           // the storage engine failed: I/O, damage, a foreign database
  kReadOnly,          // a write (data, schema, BEGIN, import, ...) to a database opened read-only
  kClosed,            // use of a Database, Session or Result that was closed or moved from
};

// A short stable name for `code`: "syntax", "semantic", "type", "arithmetic",
// "constraint", "has-relationships", "not-found", "invalid-argument", "transaction",
// "cancelled", "limit", "storage", "read-only", "closed". The names of the
// codes shared with the query layer are the ones `.test` files use.
const char* error_code_name(ErrorCode code);

class Error : public std::runtime_error {
 public:
  // `what` is the full text; when empty, it is `message`.
  Error(ErrorCode code, std::string message, int line = 0, int column = 0,
        const std::string& what = {});

  ErrorCode code() const { return code_; }
  const char* code_name() const { return error_code_name(code_); }
  // The message alone, without position or caret.
  const std::string& message() const { return message_; }
  // 1-based position in the statement's text; 0 when the error has none.
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  ErrorCode code_;
  std::string message_;
  int line_;
  int column_;
};

}  // namespace guanxi
