// ReadAudit: what one statement read of tagged values, written to the audit
// log as one 'read' entry when the statement is over (storage/audit_log.h).
//
// A statement reads through several PropertyReaders (its operators, its
// result stream, each thread of an algorithm's projection); each keeps a
// ReadTally of its own, without locks, and hands it over here when it is
// destroyed. The last reader to let go of the ReadAudit ends the statement:
// the destructor submits the entry, unless nothing tagged was read.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "query/session_types.h"
#include "storage/ids.h"

namespace guanxi::storage {
class AuditWriter;
}

namespace guanxi::query {

// A set of node ids for counting distinct subjects: one bit per id in
// blocks of 65,536 ids made on first use. An insert is a shift and an OR;
// a Roaring64Map insert (a map lookup, then a container) made reading a
// tagged value per row of a 2-hop query 1.39x slower than without tags,
// against 1.09x before the audit tally existed.
class SubjectSet {
 public:
  void add(storage::NodeId id) {
    const std::size_t block = id >> 16;
    if (block >= blocks_.size()) blocks_.resize(block + 1);
    if (!blocks_[block]) blocks_[block] = std::make_unique<Block>();
    (*blocks_[block])[(id >> 6) & 1023] |= std::uint64_t{1} << (id & 63);
  }
  void merge(const SubjectSet& other);
  std::uint64_t count() const;

 private:
  using Block = std::array<std::uint64_t, 1024>;
  std::vector<std::unique_ptr<Block>> blocks_;
};

// One reader's share: the tags it read, the subjects whose tagged values it
// read unmasked, and how many of its reads were masked.
struct ReadTally {
  std::vector<std::string> tags;
  SubjectSet subjects;
  std::uint64_t masked = 0;

  // `tag` is the reader's access decision's name of the tag: the reader
  // keeps its decision for its whole life, so the address identifies the
  // tag and the common case is one comparison.
  void note(const std::string& tag, storage::NodeId subject, bool was_masked) {
    if (&tag != last_tag_) {
      last_tag_ = &tag;
      if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
    }
    if (was_masked) {
      ++masked;
    } else {
      subjects.add(subject);
    }
  }

 private:
  const std::string* last_tag_ = nullptr;
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
