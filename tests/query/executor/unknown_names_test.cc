// closest_names: which existing names a misspelt one is offered.
#include "query/executor/unknown_names.h"

#include <gtest/gtest.h>

namespace guanxi::query {
namespace {

using Names = std::vector<std::string>;

TEST(ClosestNamesTest, OneEditAwayIsOffered) {
  const Names labels{"Customer", "Company", "Campaign"};
  EXPECT_EQ(closest_names("Custmer", labels), Names{"Customer"});
  EXPECT_EQ(closest_names("Custommer", labels), Names{"Customer"});
  EXPECT_EQ(closest_names("Cusotmer", labels), Names{"Customer"});  // transposition
}

TEST(ClosestNamesTest, CaseAloneIsClosest) {
  EXPECT_EQ(closest_names("customer", Names{"Customers", "Customer"}),
            (Names{"Customer", "Customers"}));
}

TEST(ClosestNamesTest, FarNamesAreNotOffered) {
  EXPECT_TRUE(closest_names("Supplier", Names{"Customer", "Company"}).empty());
  // Short names allow one edit only.
  EXPECT_EQ(closest_names("ab", Names{"ac", "xy"}), Names{"ac"});
  EXPECT_TRUE(closest_names("ab", Names{"xy"}).empty());
}

TEST(ClosestNamesTest, AtMostTheLimitClosestFirstThenInByteOrder) {
  const Names keys{"nameC", "nameB", "nameA", "names", "name"};
  EXPECT_EQ(closest_names("namex", keys, 3), (Names{"name", "nameA", "nameB"}));
  EXPECT_EQ(closest_names("namex", keys, 1), Names{"name"});
}

TEST(ClosestNamesTest, ChineseCountsCharactersNotBytes) {
  // 客人 and 客户 differ in one character (three bytes).
  EXPECT_EQ(closest_names("客人", Names{"客户", "供应商"}), Names{"客户"});
  EXPECT_EQ(closest_names("城巿", Names{"城市"}), Names{"城市"});
}

TEST(ClosestNamesTest, TheNameItselfAndEmptyNamesAreSkipped) {
  EXPECT_TRUE(closest_names("name", Names{"name", ""}).empty());
}

}  // namespace
}  // namespace guanxi::query
