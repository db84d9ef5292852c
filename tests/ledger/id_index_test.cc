// ledger::IdIndex (decision 50): an ordered map's nodes hashed by key for a projection-only fold.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "ledger/state.h"

namespace fij::testing {
namespace {

using Map = std::map<std::string, int>;

std::string Key(int i) {
  // Short keys (kept inside std::string) and long ones (on the heap), as partner ids can be.
  return i % 3 == 0 ? "partner-with-a-long-identifier-" + std::to_string(i)
                    : "p" + std::to_string(i);
}

TEST(IdIndexTest, FindsEveryNodeThroughItsGrowthAndNothingElse) {
  Map map;
  ledger::IdIndex<Map> index;
  EXPECT_EQ(index.Find("p1"), nullptr);  // empty: no slots yet
  constexpr int kCount = 50'000;
  for (int i = 0; i < kCount; ++i) {
    auto [it, inserted] = map.try_emplace(Key(i), i);
    ASSERT_TRUE(inserted);
    index.Insert(*it);
    if (i % 9973 == 0) {  // and still finds the earlier ones after each growth
      for (int j = 0; j <= i; j += 997) ASSERT_EQ(index.Find(Key(j)), &*map.find(Key(j))) << j;
    }
  }
  EXPECT_EQ(index.size(), map.size());
  for (auto& node : map) {
    auto* found = index.Find(node.first);
    ASSERT_EQ(found, &node) << node.first;
    EXPECT_EQ(found->second, node.second);
  }
  for (const char* absent : {"", "p", "p-1", "p50000", "P1", "p1 ", "partner-with-a-long-identifier-1"})
    EXPECT_EQ(index.Find(absent), nullptr) << absent;
  index.Reset();
  EXPECT_TRUE(index.empty());
  EXPECT_FALSE(index.valid);
  EXPECT_EQ(index.Find(Key(1)), nullptr);
}

TEST(IdIndexTest, ACopyStartsEmptyAndInvalidAMoveTakesEverything) {
  Map map;
  ledger::IdIndex<Map> index;
  index.valid = true;
  for (int i = 0; i < 100; ++i) index.Insert(*map.try_emplace(Key(i), i).first);
  ledger::IdIndex<Map> copy = index;
  EXPECT_FALSE(copy.valid);
  EXPECT_TRUE(copy.empty());
  EXPECT_EQ(copy.Find(Key(1)), nullptr);
  ledger::IdIndex<Map> assigned;
  assigned.valid = true;
  assigned = index;
  EXPECT_FALSE(assigned.valid);
  EXPECT_TRUE(assigned.empty());

  ledger::IdIndex<Map> moved = std::move(index);
  EXPECT_TRUE(moved.valid);
  EXPECT_EQ(moved.size(), 100u);
  EXPECT_EQ(moved.Find(Key(42)), &*map.find(Key(42)));
  EXPECT_FALSE(index.valid);  // NOLINT(bugprone-use-after-move): the source is left invalid
  EXPECT_TRUE(index.empty());
  ledger::IdIndex<Map> target;
  target = std::move(moved);
  EXPECT_TRUE(target.valid);
  EXPECT_EQ(target.Find(Key(99)), &*map.find(Key(99)));
  EXPECT_FALSE(moved.valid);  // NOLINT(bugprone-use-after-move)
}

}  // namespace
}  // namespace fij::testing
