// guanxi::Result: the rows of one statement, streamed.
//
//   guanxi::Result result = session.query("MATCH (c:Customer) RETURN c.name AS name");
//   for (const guanxi::Row& row : result)
//     std::cout << row["name"].as_string() << '\n';
//   std::cout << result.summary().nodes_created << '\n';
//
// A read-only statement streams from a snapshot the Result holds until it is
// destroyed or exhausted; rows are computed as they are pulled, so the first
// row of a large result comes at once. A writing statement has done all its
// writes (and committed them, outside an explicit transaction) before the
// first row is returned. A Result is single-pass and belongs to the thread of
// its Session; a row may throw Error for a run-time error met while
// computing it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "guanxi/change_summary.h"
#include "guanxi/notification.h"
#include "guanxi/plan_node.h"
#include "guanxi/value.h"

namespace guanxi {

namespace internal {
// The library's own access to the handles' internals; defined in api/.
class ApiAccess;
}  // namespace internal

// One row: a value per column, addressable by position or column name.
class Row {
 public:
  Row() = default;
  Row(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Value> values);

  std::size_t size() const { return values_.size(); }
  const std::vector<std::string>& columns() const;
  const std::vector<Value>& values() const { return values_; }
  // The value of column `index`; throws Error (kInvalidArgument) when out of range.
  const Value& operator[](std::size_t index) const;
  // The value of the column named `column`; throws Error (kNotFound) naming
  // the column when the result has none of that name.
  const Value& operator[](std::string_view column) const;
  std::vector<Value>::const_iterator begin() const { return values_.begin(); }
  std::vector<Value>::const_iterator end() const { return values_.end(); }

 private:
  std::shared_ptr<const std::vector<std::string>> columns_;
  std::vector<Value> values_;
};

class Result {
 public:
  Result(Result&&) noexcept;
  Result& operator=(Result&&) noexcept;
  ~Result();

  // The column names, in order (aliases, or the expression text).
  const std::vector<std::string>& columns() const;

  // Pulls the next row into `row` and returns true, or returns false at the
  // end (and every later call returns false). Throws Error for a run-time
  // error; the statement then changed nothing.
  bool next(Row& row);

  // The remaining rows, pulled at once.
  std::vector<Row> all();

  // What the statement changed. Pulls (and drops) any rows not yet pulled.
  const ChangeSummary& summary();

  // Warnings about the statement, such as a label the database does not
  // have (see notification.h); known before the first row, empty when all
  // is well.
  const std::vector<Notification>& notifications() const;

  // For EXPLAIN and PROFILE statements, the plan (PROFILE: with rows and
  // times; pulls any remaining rows first); nullptr for other statements.
  const PlanNode* plan();

  // Range-for over the remaining rows; single pass.
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Row;
    using difference_type = std::ptrdiff_t;
    using pointer = const Row*;
    using reference = const Row&;
    iterator() = default;
    explicit iterator(Result* result) : result_(result) { ++*this; }
    const Row& operator*() const { return row_; }
    const Row* operator->() const { return &row_; }
    iterator& operator++() {
      if (result_ && !result_->next(row_)) result_ = nullptr;
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& a, const iterator& b) { return a.result_ == b.result_; }

   private:
    Result* result_ = nullptr;
    Row row_;
  };
  iterator begin() { return iterator(this); }
  iterator end() { return iterator(); }

 private:
  friend class internal::ApiAccess;
  struct Impl;
  explicit Result(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace guanxi
