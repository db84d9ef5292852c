// ledger::IdTable (decision 52): ids interned to dense numbers for the posting context.
#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

#include "ledger/id_table.h"

namespace fij::testing {
namespace {

std::string Id(int i) {
  // Short ids and long ones, and ids that are prefixes of one another ("p1", "p10", "p100").
  return i % 3 == 0 ? "partner-with-a-long-identifier-" + std::to_string(i)
                    : "p" + std::to_string(i);
}

TEST(IdTableTest, NumbersIdsInTheOrderAddedAndFindsThemThroughItsGrowth) {
  ledger::IdTable table;
  EXPECT_EQ(table.Find("p1"), ledger::IdTable::kNone);  // empty: no slots yet
  constexpr int kCount = 60'000;
  for (int i = 0; i < kCount; ++i) {
    bool added = false;
    ASSERT_EQ(table.Intern(Id(i), &added), static_cast<uint32_t>(i)) << i;
    ASSERT_TRUE(added) << i;
    if (i % 9973 == 0) {  // the earlier ones are still found after each growth
      for (int j = 0; j <= i; j += 997) ASSERT_EQ(table.Find(Id(j)), static_cast<uint32_t>(j)) << j;
    }
  }
  EXPECT_EQ(table.size(), static_cast<size_t>(kCount));
  for (int i = 0; i < kCount; ++i) {
    ASSERT_EQ(table.Find(Id(i)), static_cast<uint32_t>(i)) << i;
    ASSERT_EQ(table.Id(static_cast<uint32_t>(i)), Id(i)) << i;
    bool added = true;
    ASSERT_EQ(table.Intern(Id(i), &added), static_cast<uint32_t>(i)) << i;  // again: same number
    ASSERT_FALSE(added) << i;
  }
  EXPECT_EQ(table.size(), static_cast<size_t>(kCount));  // interning again added nothing
  for (const char* absent :
       {"", "p", "p-1", "p60000", "P1", "p1 ", "partner-with-a-long-identifier-1", "partner-with"})
    EXPECT_EQ(table.Find(absent), ledger::IdTable::kNone) << absent;
}

TEST(IdTableTest, TheEmptyIdAndIdsWithZeroBytesAreIdsLikeAnyOther) {
  ledger::IdTable table;
  const std::string zero("a\0b", 3), zero2("a\0c", 3);
  EXPECT_EQ(table.Intern(""), 0u);
  EXPECT_EQ(table.Intern(zero), 1u);
  EXPECT_EQ(table.Find(""), 0u);
  EXPECT_EQ(table.Find(zero), 1u);
  EXPECT_EQ(table.Id(0), "");
  EXPECT_EQ(table.Id(1), zero);
  EXPECT_EQ(table.Find(zero2), ledger::IdTable::kNone);
  EXPECT_EQ(table.Find("a"), ledger::IdTable::kNone);
}

TEST(IdTableTest, HoldsFewerBytesThanAnUnorderedMapOfTheSameIds) {
  // What decision 52 is for: the table's arena and slots against the map's nodes alone (a node
  // holds the key, the value, the cached hash and a link; counted here without its padding).
  ledger::IdTable table;
  std::unordered_map<std::string, char> map;
  for (int i = 0; i < 100'000; ++i) {
    table.Intern("P" + std::to_string(1'000'000 + i));
    map.emplace("P" + std::to_string(1'000'000 + i), 0);
  }
  const size_t map_bytes = map.size() * (sizeof(std::string) + 2 * sizeof(void*) + 8) +
                           map.bucket_count() * sizeof(void*);
  EXPECT_LT(table.bytes(), map_bytes) << table.bytes() << " against " << map_bytes;
}

}  // namespace
}  // namespace fij::testing
