#include "query/privacy/read_audit.h"

#include <algorithm>

#include "storage/audit_writer.h"

namespace guanxi::query {

void SubjectSet::merge(const SubjectSet& other) {
  if (other.blocks_.size() > blocks_.size()) blocks_.resize(other.blocks_.size());
  for (std::size_t b = 0; b < other.blocks_.size(); ++b) {
    if (!other.blocks_[b]) continue;
    if (!blocks_[b]) {
      blocks_[b] = std::make_unique<Block>(*other.blocks_[b]);
      continue;
    }
    for (std::size_t w = 0; w < 1024; ++w) (*blocks_[b])[w] |= (*other.blocks_[b])[w];
  }
}

std::uint64_t SubjectSet::count() const {
  std::uint64_t n = 0;
  for (const auto& block : blocks_) {
    if (!block) continue;
    for (std::uint64_t word : *block) n += static_cast<std::uint64_t>(__builtin_popcountll(word));
  }
  return n;
}

ReadAudit::ReadAudit(storage::AuditWriter* writer, const SessionOptions& session,
                     std::string_view statement, std::int64_t at_micros)
    : writer_(writer),
      user_(session.user),
      purpose_(session.purpose),
      statement_(statement),
      at_micros_(at_micros) {}

ReadAudit::~ReadAudit() {
  if (!writer_ || !any_) return;
  storage::AuditEntry entry;
  entry.at_micros = at_micros_;
  entry.kind = storage::AuditKind::kRead;
  entry.user = std::move(user_);
  entry.purpose = std::move(purpose_);
  entry.statement = std::move(statement_);
  entry.tags = std::move(total_.tags);
  std::sort(entry.tags.begin(), entry.tags.end());
  entry.subjects = total_.subjects.count();
  entry.masked = total_.masked;
  try {
    writer_->submit(std::move(entry));
  } catch (...) {
    // A destructor must not throw; an allocation failure here loses the entry.
  }
}

void ReadAudit::merge(const ReadTally& tally) {
  if (tally.tags.empty()) return;
  std::lock_guard lock(mutex_);
  any_ = true;
  for (const std::string& tag : tally.tags) {
    if (std::find(total_.tags.begin(), total_.tags.end(), tag) == total_.tags.end()) {
      total_.tags.push_back(tag);
    }
  }
  total_.subjects.merge(tally.subjects);
  total_.masked += tally.masked;
}

}  // namespace guanxi::query
