// Errors raised by the storage engine.
//
// Every failure surfaces as a StorageError carrying a machine-readable code and
// a message written for a person: it names the record, file or constraint at
// fault. Nothing is reported through return codes, so a write that fails
// unwinds through the RAII transaction and is rolled back whole.
#pragma once

#include <stdexcept>
#include <string>

namespace guanxi::storage {

enum class ErrorCode {
  kIo,          // the operating system refused (open, mmap, disk full, permissions)
  kFormat,      // a database of a newer or foreign format
  kCorruption,  // bytes that do not decode, or a checksum that does not hold
  kNotFound,    // a node, relationship, index or name that does not exist
  kInvalidArgument,
  kConstraint,        // a unique constraint would be violated
  kHasRelationships,  // deleting a node that still has relationships, without detaching
  kImport,            // a bad row or file in a bulk import (message has file:line)
  kReadOnly,          // a write through a read-only environment
  kCancelled,
};

// Returns a short stable name for `code`, e.g. "corruption".
const char* error_code_name(ErrorCode code);

class StorageError : public std::runtime_error {
 public:
  StorageError(ErrorCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

// Throws a StorageError with code kIo describing an LMDB return code `rc`
// in the context of `what` (e.g. "opening 'customers.gx'").
[[noreturn]] void throw_lmdb_error(int rc, const std::string& what);

}  // namespace guanxi::storage
