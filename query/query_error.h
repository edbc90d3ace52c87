// QueryError: every failure of a statement, from its text to its last row.
//
// Errors carry a stable code, a message for a person, and where the query
// text is at fault, the 1-based line and column and the offending line with a
// caret under the spot:
//
//   Invalid input 'RETRUN': expected a clause (line 1, column 24)
//   MATCH (c:Customer) RETRUN c
//                      ^
//
// A statement that throws changes nothing: its transaction is rolled back.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace guanxi::query {

enum class QueryErrorCode {
  kSyntax,            // the text does not parse
  kSemantic,          // parses, but means nothing: unknown variable, misplaced aggregate, ...
  kType,              // a value of the wrong type at run time
  kArithmetic,        // integer overflow, integer division by zero
  kConstraint,        // a unique constraint would be violated
  kHasRelationships,  // DELETE of a node that still has relationships
  kNotFound,          // an unknown index, constraint, procedure, parameter
  kInvalidArgument,   // a bad argument to a function or procedure (names it)
  kTransaction,       // BEGIN inside a transaction, COMMIT outside one, ...
  kCancelled,         // the query was cancelled
  kLimit,             // the query is too deep, too long or too large to handle
  kStorage,           // the storage engine failed (I/O, corruption); message says which
  kReadOnly,          // a write (data, schema, BEGIN) to a database opened read-only
};

// Returns a short stable name for `code`, e.g. "syntax".
const char* query_error_code_name(QueryErrorCode code);

// A position in the query text; line and column are 1-based, 0 means unknown.
struct TextPosition {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  bool known() const { return line != 0; }
};

class QueryError : public std::runtime_error {
 public:
  // An error without a position (most run-time errors).
  QueryError(QueryErrorCode code, const std::string& message);
  // An error at `pos` in `query_text`; what() appends "(line L, column C)"
  // and the offending line with a caret.
  QueryError(QueryErrorCode code, const std::string& message, TextPosition pos,
             std::string_view query_text);

  QueryErrorCode code() const { return code_; }
  // The message alone, without position or caret.
  const std::string& message() const { return message_; }
  TextPosition position() const { return pos_; }

 private:
  QueryErrorCode code_;
  std::string message_;
  TextPosition pos_;
};

// What a statement fails with when memory runs out (std::bad_alloc) while it
// runs: kLimit "out of memory while running the statement". The statement's
// transaction is rolled back like on any other error.
QueryError out_of_memory_error();

}  // namespace guanxi::query
