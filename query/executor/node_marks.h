// NodeMarks: "seen in this round" flags per node id, for operators that
// de-duplicate nodes per input row over and over (friends of friends from
// each of a thousand customers). One bit per node keeps the marks of a
// million-node graph in 128 KiB, in cache, where the random probes of a
// de-duplication land; the words set in a round are listed, so starting the
// next round clears only those. The bits grow to the largest node id met.
//
// NodeMarksPool keeps them for a whole session, so that a prepared statement
// run a thousand times pays for the array once, not per run.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/ids.h"

namespace guanxi::query {

class NodeMarks {
 public:
  // Forgets every mark.
  void next_round() {
    for (std::size_t word : dirty_) bits_[word] = 0;
    dirty_.clear();
  }
  // Marks `node`; true when it was not marked in this round yet.
  bool mark(storage::NodeId node) {
    const std::size_t word = static_cast<std::size_t>(node >> 6);
    if (word >= bits_.size()) bits_.resize(std::max(word + 1, bits_.size() + bits_.size() / 2), 0);
    const std::uint64_t bit = std::uint64_t{1} << (node & 63);
    const std::uint64_t value = bits_[word];
    if (value & bit) return false;
    if (value == 0) dirty_.push_back(word);
    bits_[word] = value | bit;
    return true;
  }

 private:
  std::vector<std::uint64_t> bits_;
  std::vector<std::size_t> dirty_;  // words with a bit set in this round
};

class NodeMarksPool {
 public:
  // A NodeMarks lent until the lease is destroyed; from the pool when it has
  // one, else new. A lease without a pool owns its marks.
  struct Return {
    NodeMarksPool* pool = nullptr;
    void operator()(NodeMarks* marks) const {
      if (pool) {
        pool->give_back(marks);
      } else {
        delete marks;
      }
    }
  };
  using Lease = std::unique_ptr<NodeMarks, Return>;

  Lease lend() {
    std::lock_guard lock(mutex_);
    std::unique_ptr<NodeMarks> marks;
    if (free_.empty()) {
      marks = std::make_unique<NodeMarks>();
    } else {
      marks = std::move(free_.back());
      free_.pop_back();
    }
    return Lease(marks.release(), Return{this});
  }

 private:
  void give_back(NodeMarks* marks) {
    std::lock_guard lock(mutex_);
    free_.emplace_back(marks);
  }
  std::mutex mutex_;
  std::vector<std::unique_ptr<NodeMarks>> free_;
};

}  // namespace guanxi::query
