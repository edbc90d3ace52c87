// ReadAudit: what one statement read of tagged values, written to the audit
// log as one 'read' entry when the statement is over (storage/audit_log.h).
//
// A statement reads through several PropertyReaders (its operators, its
// result stream, each thread of an algorithm's projection); each keeps a
// ReadTally of its own, without locks, and hands it over here when it is
// destroyed. The last reader to let go of the ReadAudit ends the statement:
// the destructor submits the entry, unless nothing tagged was read.
#pragma once

#include <cstdint>
#include <mutex>
#include <roaring/roaring64map.hh>
#include <string>
#include <string_view>
#include <vector>

#include "query/session_types.h"
#include "storage/ids.h"

namespace guanxi::storage {
class AuditWriter;
}

namespace guanxi::query {

// One reader's share: the tags it read, the subjects whose tagged values it
// read unmasked, and how many of its reads were masked.
struct ReadTally {
  std::vector<std::string> tags;
  Roaring64Map subjects;
  std::uint64_t masked = 0;

  // `tag` is the access decision's name of the tag (its address is stable
  // while the decision lives, which makes the common case one comparison).
  void note(const std::string& tag, storage::NodeId subject, bool was_masked) {
    if (&tag != last_tag_ || tags[last_index_] != tag) {
      last_tag_ = &tag;
      last_index_ = 0;
      while (last_index_ < tags.size() && tags[last_index_] != tag) ++last_index_;
      if (last_index_ == tags.size()) tags.push_back(tag);
    }
    if (was_masked) {
      ++masked;
    } else {
      subjects.add(subject);
    }
  }

 private:
  const std::string* last_tag_ = nullptr;
  std::size_t last_index_ = 0;
};

class ReadAudit {
 public:
  // `writer` null: nothing is recorded (a database without an audit log).
  ReadAudit(storage::AuditWriter* writer, const SessionOptions& session, std::string_view statement,
            std::int64_t at_micros);
  ~ReadAudit();
  ReadAudit(const ReadAudit&) = delete;
  ReadAudit& operator=(const ReadAudit&) = delete;

  // Adds a reader's tally; safe from any thread.
  void merge(const ReadTally& tally);

 private:
  storage::AuditWriter* writer_;
  std::string user_;
  std::string purpose_;
  std::string statement_;
  std::int64_t at_micros_;
  std::mutex mutex_;
  ReadTally total_;
  bool any_ = false;
};

}  // namespace guanxi::query
