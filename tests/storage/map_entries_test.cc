// normalized_map_entries: the one normal form of map entries all three value
// classes build their maps with.
#include "storage/map_entries.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace guanxi::storage {
namespace {

using Entries = std::vector<std::pair<std::string, int>>;

TEST(MapEntries, SortsByKey) {
  EXPECT_EQ(normalized_map_entries(Entries{{"c", 1}, {"a", 2}, {"b", 3}}),
            (Entries{{"a", 2}, {"b", 3}, {"c", 1}}));
}

TEST(MapEntries, LastOfDuplicateKeysWins) {
  EXPECT_EQ(normalized_map_entries(Entries{{"b", 1}, {"a", 2}, {"b", 3}, {"a", 4}, {"b", 5}}),
            (Entries{{"a", 4}, {"b", 5}}));
}

TEST(MapEntries, KeysCompareAsBytes) {
  // UTF-8 keys sort by their bytes, so "é" (0xC3 0xA9) follows every ASCII key.
  EXPECT_EQ(normalized_map_entries(Entries{{"\xC3\xA9", 1}, {"z", 2}, {"Z", 3}, {"", 4}}),
            (Entries{{"", 4}, {"Z", 3}, {"z", 2}, {"\xC3\xA9", 1}}));
}

TEST(MapEntries, EmptyStaysEmpty) { EXPECT_TRUE(normalized_map_entries(Entries{}).empty()); }

}  // namespace
}  // namespace guanxi::storage
