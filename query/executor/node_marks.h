// NodeMarks: "seen in this round" flags per node id, for operators that
// de-duplicate nodes per input row over and over (friends of friends from
// each of a thousand customers). A mark is an epoch stamp, so starting a new
// round costs nothing, and the array grows to the largest node id met.
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
    if (++epoch_ == 0) {  // stamps wrapped: clear them once
      std::fill(stamps_.begin(), stamps_.end(), 0);
      epoch_ = 1;
    }
  }
  // Marks `node`; true when it was not marked in this round yet.
  bool mark(storage::NodeId node) {
    if (node >= stamps_.size()) grow(node);
    if (stamps_[node] == epoch_) return false;
    stamps_[node] = epoch_;
    return true;
  }

 private:
  void grow(storage::NodeId node) {
    stamps_.resize(std::max<std::size_t>(node + 1, stamps_.size() + stamps_.size() / 2), 0);
  }
  std::vector<std::uint32_t> stamps_;
  std::uint32_t epoch_ = 1;
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
