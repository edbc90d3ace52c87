#include "query/privacy/read_audit.h"

#include <algorithm>

#include "storage/audit_writer.h"

namespace guanxi::query {

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
  entry.subjects = total_.subjects.cardinality();
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
  total_.subjects |= tally.subjects;
  total_.masked += tally.masked;
}

}  // namespace guanxi::query
