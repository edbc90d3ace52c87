// AuditWriter: appends the audit entries of statements that only read, in
// the background, so that a read never waits for the single writer (a
// long import, or a BEGIN left open in another shell) nor pays a commit.
//
// Entries of statements that write are appended in the statement's own
// transaction instead (audit_log.h); these are the reads. An entry waits
// in memory until the writer thread commits it with the others of the same
// second: a crash in that window loses it (docs/privacy.md says so).
// A database open read-only cannot record anything; its entries are
// dropped.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "storage/audit_log.h"

namespace guanxi::storage {

class Environment;

class AuditWriter {
 public:
  explicit AuditWriter(Environment& env);
  // Writes out what is pending (one attempt), then stops the thread.
  ~AuditWriter();
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  // Queues `entry` for appending; starts the writer thread at the first call.
  void submit(AuditEntry entry);
  // Waits until every entry submitted before the call is committed, for at
  // most `wait`; returns whether it was. Must not be called by a thread
  // that holds the database's write transaction (it would wait for itself).
  bool flush(std::chrono::milliseconds wait);

 private:
  void run();
  // Appends `batch` in one write transaction; false when it failed.
  bool write(std::vector<AuditEntry>& batch);

  Environment& env_;
  std::mutex mutex_;
  std::condition_variable wake_;     // the thread: something to write, or stop
  std::condition_variable written_;  // flush(): `committed_` moved
  std::vector<AuditEntry> pending_;
  std::uint64_t submitted_ = 0;     // entries ever submitted
  std::uint64_t committed_ = 0;     // entries ever committed (or dropped)
  std::uint64_t flush_target_ = 0;  // flush() waits for `committed_` to reach it
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace guanxi::storage
