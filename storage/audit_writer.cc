#include "storage/audit_writer.h"

#include <algorithm>

#include "storage/environment.h"

namespace guanxi::storage {

namespace {
// After a failed commit (a full disk, say), the writer tries again this
// much later rather than spinning; the entries stay queued meanwhile.
constexpr std::chrono::seconds kRetryDelay{1};
// Entries submitted within this long of the first pending one share one
// commit. Every commit is a new snapshot, and a statement under a consent
// purpose decides anew for a new snapshot (query/privacy/access_decision.h):
// committing each read's entry on its own made a 2-hop query per start
// (200 statements of ~50 ms) 1.4-1.5x slower with tags than without.
constexpr std::chrono::seconds kGatherTime{1};
}  // namespace

AuditWriter::AuditWriter(Environment& env) : env_(env) {}

AuditWriter::~AuditWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AuditWriter::submit(AuditEntry entry) {
  if (env_.read_only()) return;
  std::lock_guard lock(mutex_);
  pending_.push_back(std::move(entry));
  ++submitted_;
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
  wake_.notify_one();
}

bool AuditWriter::flush(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  const std::uint64_t target = submitted_;
  flush_target_ = std::max(flush_target_, target);
  wake_.notify_one();
  return written_.wait_for(lock, wait, [&] { return committed_ >= target; });
}

bool AuditWriter::write(std::vector<AuditEntry>& batch) {
  try {
    env_.write([&](WriteTransaction& txn) {
      for (AuditEntry& entry : batch) append_audit(txn, entry);
    });
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

void AuditWriter::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
    if (pending_.empty()) return;  // stopping, nothing left
    wake_.wait_for(lock, kGatherTime, [&] { return stopping_ || flush_target_ > committed_; });
    std::vector<AuditEntry> batch;
    batch.swap(pending_);
    const bool last = stopping_;
    lock.unlock();
    const bool ok = write(batch);
    lock.lock();
    if (ok || last) {
      // On the way out a failure drops the batch: there is no later.
      committed_ += batch.size();
      written_.notify_all();
    } else {
      pending_.insert(pending_.begin(), std::make_move_iterator(batch.begin()),
                      std::make_move_iterator(batch.end()));
      wake_.wait_for(lock, kRetryDelay, [&] { return stopping_; });
    }
    if (last && pending_.empty()) return;
  }
}

}  // namespace guanxi::storage
