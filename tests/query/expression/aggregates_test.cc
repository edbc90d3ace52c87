#include <cmath>
#include <limits>

#include "tests/query/expression/test_support.h"

namespace guanxi::query::testing {
namespace {

const Value kN;

// Runs aggregate `name` over `values` (each added as the single argument,
// or with `extra` as the second argument).
Value aggregate(const std::string& name, const List& values, bool distinct = false,
                std::optional<Value> extra = std::nullopt) {
  const FunctionDefinition* f = find_function(name);
  EXPECT_NE(f, nullptr);
  EXPECT_TRUE(f->aggregate);
  auto agg = f->make_aggregator(distinct);
  for (const Value& v : values) {
    std::vector<Value> args{v};
    if (extra) args.push_back(*extra);
    agg->add(args);
  }
  return agg->finish();
}

TEST(Count, SkipsNullsAndHonoursDistinct) {
  EXPECT_EQ(aggregate("count", {1, kN, 2, 2}), Value(3));
  EXPECT_EQ(aggregate("count", {1, kN, 2, 2, 1.0}, true), Value(2));
  EXPECT_EQ(aggregate("count", {}), Value(0));
  auto star = make_count_star_aggregator();
  star->add({});
  star->add({});
  EXPECT_EQ(star->finish(), Value(2));
}

TEST(Sum, IntegersFloatsAndDurations) {
  EXPECT_EQ(aggregate("sum", {1, 2, kN, 3}), Value(6));
  EXPECT_EQ(aggregate("sum", {1, 2.5}), Value(3.5));
  EXPECT_EQ(aggregate("sum", {}), Value(0));
  EXPECT_EQ(aggregate("sum", {1, 1, 2}, true), Value(3));
  EXPECT_EQ(aggregate("sum", {duration("P1D"), duration("PT1H")}), duration("P1DT1H"));
  EXPECT_EQ(error_code([] {
              aggregate("sum", {std::numeric_limits<std::int64_t>::max(), 1});
            }),
            QueryErrorCode::kArithmetic);
  EXPECT_EQ(error_code([] { aggregate("sum", {1, "a"}); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([] { aggregate("sum", {1, duration("P1D")}); }), QueryErrorCode::kType);
}

TEST(Avg, FloatResultNullWhenEmpty) {
  EXPECT_EQ(aggregate("avg", {1, 2}), Value(1.5));
  EXPECT_EQ(aggregate("avg", {1, kN, 3}), Value(2.0));
  EXPECT_EQ(aggregate("avg", {}), kN);
  EXPECT_EQ(aggregate("avg", {duration("P2D"), duration("P4D")}), duration("P3D"));
  EXPECT_EQ(aggregate("avg", {std::numeric_limits<std::int64_t>::max(),
                              std::numeric_limits<std::int64_t>::max()}),
            Value(9.223372036854775807e18));
  EXPECT_EQ(error_code([] { aggregate("avg", {true}); }), QueryErrorCode::kType);
}

TEST(MinMax, UseTheOrderAcrossTypes) {
  EXPECT_EQ(aggregate("min", {3, 1, kN, 2}), Value(1));
  EXPECT_EQ(aggregate("max", {3, 1.5, kN, 2}), Value(3));
  EXPECT_EQ(aggregate("max", {"b", "a"}), Value("b"));
  EXPECT_EQ(aggregate("min", {1, "a"}), Value("a"));
  EXPECT_EQ(aggregate("max", {1, "a"}), Value(1));
  EXPECT_EQ(aggregate("min", {}), kN);
  EXPECT_EQ(aggregate("max", {kN}), kN);
  EXPECT_EQ(aggregate("max", {date("2024-01-01"), date("2024-02-01")}), date("2024-02-01"));
}

TEST(Collect, KeepsOrderSkipsNulls) {
  EXPECT_EQ(aggregate("collect", {1, kN, "a", 1}), Value(List{1, "a", 1}));
  EXPECT_EQ(aggregate("collect", {1, kN, "a", 1, 1.0}, true), Value(List{1, "a"}));
  EXPECT_EQ(aggregate("collect", {}), Value(List{}));
}

TEST(Percentiles, ContinuousAndDiscrete) {
  const List values{10, 20, 30, 40};
  EXPECT_EQ(aggregate("percentileCont", values, false, Value(0.5)), Value(25.0));
  EXPECT_EQ(aggregate("percentileCont", values, false, Value(0.0)), Value(10.0));
  EXPECT_EQ(aggregate("percentileCont", values, false, Value(1.0)), Value(40.0));
  EXPECT_EQ(aggregate("percentileCont", {40, 10, 30, 20}, false, Value(0.25)), Value(17.5));
  EXPECT_EQ(aggregate("percentileDisc", values, false, Value(0.5)), Value(20));
  EXPECT_EQ(aggregate("percentileDisc", values, false, Value(0.0)), Value(10));
  EXPECT_EQ(aggregate("percentileDisc", values, false, Value(1.0)), Value(40));
  EXPECT_EQ(aggregate("percentileDisc", values, false, Value(0.6)), Value(30));
  EXPECT_EQ(aggregate("percentileDisc", {1.5, kN}, false, Value(0.5)), Value(1.5));
  EXPECT_EQ(aggregate("percentileCont", {}, false, Value(0.5)), kN);
  EXPECT_EQ(error_code([] { aggregate("percentileCont", {1}, false, Value(1.5)); }),
            QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([] { aggregate("percentileDisc", {"a"}, false, Value(0.5)); }),
            QueryErrorCode::kType);
}

TEST(StandardDeviation, SampleAndPopulation) {
  const List values{2, 4, 4, 4, 5, 5, 7, 9};
  EXPECT_DOUBLE_EQ(aggregate("stDevP", values).as_float(), 2.0);
  EXPECT_DOUBLE_EQ(aggregate("stDev", values).as_float(), std::sqrt(32.0 / 7.0));
  EXPECT_EQ(aggregate("stDev", {5}), Value(0.0));
  EXPECT_EQ(aggregate("stDevP", {}), Value(0.0));
  EXPECT_DOUBLE_EQ(aggregate("stDevP", {1, 3, 3}, true).as_float(), 1.0);
  EXPECT_EQ(error_code([] { aggregate("stDev", {"x"}); }), QueryErrorCode::kType);
}

}  // namespace
}  // namespace guanxi::query::testing
