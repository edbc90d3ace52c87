// Aggregate functions: count, sum, avg, min, max, collect, percentileCont,
// percentileDisc, stDev, stDevP. All skip nulls; DISTINCT drops repeated
// values by grouping equivalence (1 and 1.0 are one value).
#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "query/expression/comparison.h"
#include "query/expression/function_table.h"
#include "query/expression/temporal_ops.h"
#include "query/value_footprint.h"

namespace guanxi::query::functions {

namespace {

// Appends `v` to `values`, adding to `held` the heap bytes it takes: a grown
// block of elements, and what the value owns.
void append_counted(List& values, const Value& v, std::uint64_t& held) {
  const std::size_t capacity = values.capacity();
  values.push_back(v);
  if (values.capacity() != capacity) {
    held += heap_block_bytes(values.capacity() * sizeof(Value));
    held -= heap_block_bytes(capacity * sizeof(Value));
  }
  held += value_heap_bytes(v);
}

// Applies null skipping and DISTINCT, then hands each value to accept().
class FilteringAggregator : public Aggregator {
 public:
  explicit FilteringAggregator(bool distinct) : distinct_(distinct) {}

  void add(const std::vector<Value>& arguments) final {
    if (arguments.empty() || arguments[0].is_null()) return;
    if (distinct_) {
      if (!seen_.insert(arguments[0]).second) return;
      held_bytes_ += kSetEntryBytes + value_heap_bytes(arguments[0]);
    }
    accept(arguments);
  }

 protected:
  virtual void accept(const std::vector<Value>& arguments) = 0;

 private:
  // A hash set's node (next pointer, cached hash, the value) and its bucket.
  static constexpr std::uint64_t kSetEntryBytes =
      heap_block_bytes(sizeof(Value) + 2 * sizeof(void*)) + sizeof(void*);

  bool distinct_;
  std::unordered_set<Value, ValueHash, ValueEquivalent> seen_;
};

class CountAggregator : public FilteringAggregator {
 public:
  using FilteringAggregator::FilteringAggregator;
  Value finish() override { return Value(count_); }

 protected:
  void accept(const std::vector<Value>&) override { ++count_; }

 private:
  std::int64_t count_ = 0;
};

class CountStarAggregator : public Aggregator {
 public:
  void add(const std::vector<Value>&) override { ++count_; }
  Value finish() override { return Value(count_); }

 private:
  std::int64_t count_ = 0;
};

// Sums numbers (INTEGER while every value is one, FLOAT otherwise) or
// durations; avg divides the same sum by the count.
class SumAggregator : public FilteringAggregator {
 public:
  SumAggregator(bool distinct, bool average) : FilteringAggregator(distinct), average_(average) {}

  Value finish() override {
    if (average_) {
      if (count_ == 0) return Value();
      if (durations_) return Value(temporal::divide(duration_sum_, static_cast<double>(count_)));
      // Integer sums average through the exact integer total when it fits.
      return Value(float_ ? float_sum_ / static_cast<double>(count_)
                          : static_cast<double>(int_sum_) / static_cast<double>(count_));
    }
    if (durations_) return Value(duration_sum_);
    if (float_) return Value(float_sum_);
    return Value(int_sum_);
  }

 protected:
  void accept(const std::vector<Value>& arguments) override {
    const Value& v = arguments[0];
    const char* name = average_ ? "avg" : "sum";
    if (v.kind() == ValueKind::kDuration) {
      if (count_ > 0 && !durations_) argument_type_error(name, 0, "a number", v);
      durations_ = true;
      duration_sum_ = temporal::add(duration_sum_, v.as_duration(), 1);
    } else if (v.is_number()) {
      if (durations_) argument_type_error(name, 0, "DURATION", v);
      if (v.kind() == ValueKind::kFloat && !float_) {
        float_ = true;
        float_sum_ = static_cast<double>(int_sum_);
      }
      if (float_) {
        float_sum_ += v.as_number();
      } else if (std::int64_t next; !__builtin_add_overflow(int_sum_, v.as_int(), &next)) {
        int_sum_ = next;
      } else if (average_) {
        // avg() only needs the mean: continue in floating point.
        float_ = true;
        float_sum_ = static_cast<double>(int_sum_) + static_cast<double>(v.as_int());
      } else {
        throw QueryError(QueryErrorCode::kArithmetic, "Integer overflow in sum()");
      }
    } else {
      argument_type_error(name, 0, "a number or DURATION", v);
    }
    ++count_;
  }

 private:
  bool average_;
  bool float_ = false;
  bool durations_ = false;
  std::int64_t count_ = 0;
  std::int64_t int_sum_ = 0;
  double float_sum_ = 0;
  Duration duration_sum_;
};

class ExtremeAggregator : public FilteringAggregator {
 public:
  ExtremeAggregator(bool distinct, int sign) : FilteringAggregator(distinct), sign_(sign) {}
  Value finish() override { return best_; }

 protected:
  void accept(const std::vector<Value>& arguments) override {
    if (best_.is_null() || order_compare(arguments[0], best_) * sign_ > 0) best_ = arguments[0];
  }

 private:
  int sign_;
  Value best_;
};

class CollectAggregator : public FilteringAggregator {
 public:
  using FilteringAggregator::FilteringAggregator;
  Value finish() override { return Value(values_); }

 protected:
  void accept(const std::vector<Value>& arguments) override {
    check_value_nesting(arguments[0], 1);
    append_counted(values_, arguments[0], held_bytes_);
  }

 private:
  List values_;
};

class PercentileAggregator : public FilteringAggregator {
 public:
  PercentileAggregator(bool distinct, bool continuous)
      : FilteringAggregator(distinct), continuous_(continuous) {}

  Value finish() override {
    if (values_.empty()) return Value();
    std::sort(values_.begin(), values_.end(),
              [](const Value& a, const Value& b) { return order_compare(a, b) < 0; });
    const auto n = static_cast<std::int64_t>(values_.size());
    if (continuous_) {
      const double index = percentile_ * static_cast<double>(n - 1);
      const auto lo = static_cast<std::int64_t>(std::floor(index));
      const auto hi = static_cast<std::int64_t>(std::ceil(index));
      if (lo == hi || lo == n - 1) return Value(values_[lo].as_number());
      return Value(values_[lo].as_number() * (static_cast<double>(hi) - index) +
                   values_[hi].as_number() * (index - static_cast<double>(lo)));
    }
    if (percentile_ == 1.0 || n == 1) return values_.back();
    const double index = percentile_ * static_cast<double>(n);
    const auto whole = static_cast<std::int64_t>(index);
    const std::int64_t i = (index != static_cast<double>(whole) || whole == 0) ? whole : whole - 1;
    return values_[std::min(i, n - 1)];
  }

 protected:
  void accept(const std::vector<Value>& arguments) override {
    const char* name = continuous_ ? "percentileCont" : "percentileDisc";
    if (!arguments[0].is_number()) argument_type_error(name, 0, "a number", arguments[0]);
    if (!have_percentile_) {
      if (arguments.size() < 2 || !arguments[1].is_number())
        argument_type_error(name, 1, "a number", arguments.size() < 2 ? Value() : arguments[1]);
      percentile_ = arguments[1].as_number();
      if (!(percentile_ >= 0.0 && percentile_ <= 1.0))
        invalid_argument(name, "the percentile must be between 0.0 and 1.0");
      have_percentile_ = true;
    }
    append_counted(values_, arguments[0], held_bytes_);
  }

 private:
  bool continuous_;
  bool have_percentile_ = false;
  double percentile_ = 0;
  List values_;
};

// Standard deviation by Welford's method: the sample (n - 1) or population form.
class StDevAggregator : public FilteringAggregator {
 public:
  StDevAggregator(bool distinct, bool sample) : FilteringAggregator(distinct), sample_(sample) {}

  Value finish() override {
    if (count_ == 0 || (sample_ && count_ < 2)) return Value(0.0);
    return Value(std::sqrt(m2_ / static_cast<double>(sample_ ? count_ - 1 : count_)));
  }

 protected:
  void accept(const std::vector<Value>& arguments) override {
    if (!arguments[0].is_number())
      argument_type_error(sample_ ? "stDev" : "stDevP", 0, "a number", arguments[0]);
    const double x = arguments[0].as_number();
    ++count_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * (x - mean_);
  }

 private:
  bool sample_;
  std::int64_t count_ = 0;
  double mean_ = 0;
  double m2_ = 0;
};

std::unique_ptr<Aggregator> make_count(bool d) { return std::make_unique<CountAggregator>(d); }
std::unique_ptr<Aggregator> make_sum(bool d) { return std::make_unique<SumAggregator>(d, false); }
std::unique_ptr<Aggregator> make_avg(bool d) { return std::make_unique<SumAggregator>(d, true); }
std::unique_ptr<Aggregator> make_min(bool d) { return std::make_unique<ExtremeAggregator>(d, -1); }
std::unique_ptr<Aggregator> make_max(bool d) { return std::make_unique<ExtremeAggregator>(d, 1); }
std::unique_ptr<Aggregator> make_collect(bool d) { return std::make_unique<CollectAggregator>(d); }
std::unique_ptr<Aggregator> make_percentile_cont(bool d) {
  return std::make_unique<PercentileAggregator>(d, true);
}
std::unique_ptr<Aggregator> make_percentile_disc(bool d) {
  return std::make_unique<PercentileAggregator>(d, false);
}
std::unique_ptr<Aggregator> make_stdev(bool d) {
  return std::make_unique<StDevAggregator>(d, true);
}
std::unique_ptr<Aggregator> make_stdevp(bool d) {
  return std::make_unique<StDevAggregator>(d, false);
}

}  // namespace

void register_aggregate_functions(FunctionTable* t) {
  define_aggregate(t, "count", 1, 1, make_count);
  define_aggregate(t, "sum", 1, 1, make_sum);
  define_aggregate(t, "avg", 1, 1, make_avg);
  define_aggregate(t, "min", 1, 1, make_min);
  define_aggregate(t, "max", 1, 1, make_max);
  define_aggregate(t, "collect", 1, 1, make_collect);
  define_aggregate(t, "percentileCont", 2, 2, make_percentile_cont);
  define_aggregate(t, "percentileDisc", 2, 2, make_percentile_disc);
  define_aggregate(t, "stDev", 1, 1, make_stdev);
  define_aggregate(t, "stDevP", 1, 1, make_stdevp);
}

}  // namespace guanxi::query::functions

namespace guanxi::query {

std::unique_ptr<Aggregator> make_count_star_aggregator() {
  return std::make_unique<functions::CountStarAggregator>();
}

}  // namespace guanxi::query
