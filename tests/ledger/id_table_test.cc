// ledger::IdTable (decision 52): ids interned to dense numbers for the posting context.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ledger/chunked_vector.h"
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

// Decision 74: a BasicIdTable<Record> keeps a record beside each id, value-initialized when the
// id is added, aligned whatever the ids' lengths, found by id or by number, kept in place as
// the table grows, and copied with the table.
TEST(IdTableTest, KeepsARecordBesideEachId) {
  struct Record {
    int64_t sum = 0;
    uint32_t count = 0;
    uint16_t tag = 0;
  };
  ledger::BasicIdTable<Record> table;
  EXPECT_EQ(table.FindRecord("p1"), nullptr);
  constexpr int kCount = 30'000;
  std::vector<const Record*> where;
  for (int i = 0; i < kCount; ++i) {
    bool added = false;
    const uint32_t n = table.Intern(Id(i), &added);
    ASSERT_TRUE(added);
    Record& r = table.RecordOf(n);
    ASSERT_EQ(reinterpret_cast<uintptr_t>(&r) % alignof(int64_t), 0u) << i;
    ASSERT_EQ(r.sum, 0) << i;  // a new id's record starts at zero
    ASSERT_EQ(r.count, 0u) << i;
    r.sum = int64_t{i} * 1'000'000'007;
    r.count = static_cast<uint32_t>(i);
    r.tag = static_cast<uint16_t>(i % 65'536);
    where.push_back(&r);
  }
  const ledger::BasicIdTable<Record> copy = table;
  for (int i = 0; i < kCount; ++i) {
    const Record* r = table.FindRecord(Id(i));
    ASSERT_EQ(r, where[static_cast<size_t>(i)]) << i;  // not moved by the table's growth
    ASSERT_EQ(r->sum, int64_t{i} * 1'000'000'007) << i;
    ASSERT_EQ(r->count, static_cast<uint32_t>(i)) << i;
    ASSERT_EQ(table.Find(Id(i)), static_cast<uint32_t>(i)) << i;
    ASSERT_EQ(table.Id(static_cast<uint32_t>(i)), Id(i)) << i;
    const Record* c = copy.FindRecord(Id(i));
    ASSERT_NE(c, nullptr) << i;
    ASSERT_NE(c, r) << i;
    ASSERT_EQ(c->sum, r->sum) << i;
    ASSERT_EQ(copy.RecordOf(static_cast<uint32_t>(i)).tag, r->tag) << i;
  }
  table.RecordOf(7).sum = -1;  // the copy's records are its own
  EXPECT_EQ(copy.RecordOf(7).sum, 7 * 1'000'000'007LL);
  EXPECT_EQ(table.FindRecord("p-1"), nullptr);
  EXPECT_EQ(table.FindRecord(""), nullptr);
}

// Fetching ahead (decision 77) guesses an id's entry from its hash alone: for an added id, the
// entry whose number is the id's (and whose record is the id's); for an id never added, none
// (barring a tag shared by chance); on an empty table, none and no slot to fetch.
TEST(IdTableTest, FetchingAheadFindsTheEntryOfAnAddedId) {
  struct Record {
    int64_t sum = 0;
  };
  ledger::BasicIdTable<Record> empty;
  empty.PrefetchSlot(ledger::BasicIdTable<Record>::HashOf("p1"));
  EXPECT_EQ(empty.PrefetchEntry(ledger::BasicIdTable<Record>::HashOf("p1")), nullptr);
  for (bool with_record : {false, true}) {
    SCOPED_TRACE(with_record);
    ledger::IdTable plain;
    ledger::BasicIdTable<Record> recorded;
    constexpr int kCount = 20'000;
    for (int i = 0; i < kCount; ++i) {
      if (with_record)
        recorded.RecordOf(recorded.Intern(Id(i))).sum = i;
      else
        plain.Intern(Id(i));
    }
    for (int i = 0; i < kCount + 2'000; ++i) {
      const uint64_t h = ledger::IdTable::HashOf(Id(i));
      ASSERT_EQ(h, ledger::BasicIdTable<Record>::HashOf(Id(i)));
      const char* entry = nullptr;
      if (with_record) {
        recorded.PrefetchSlot(h);
        entry = recorded.PrefetchEntry(h);
      } else {
        plain.PrefetchSlot(h);
        entry = plain.PrefetchEntry(h);
      }
      if (i >= kCount) {
        ASSERT_EQ(entry, nullptr) << i;
        continue;
      }
      ASSERT_NE(entry, nullptr) << i;
      if (with_record) {
        ASSERT_EQ(ledger::BasicIdTable<Record>::NumberOfEntry(entry), static_cast<uint32_t>(i));
        ASSERT_EQ(reinterpret_cast<const Record*>(entry), recorded.FindRecord(Id(i))) << i;
      } else {
        ASSERT_EQ(ledger::IdTable::NumberOfEntry(entry), static_cast<uint32_t>(i)) << i;
      }
    }
  }
}

// FetchRecords (decision 77) hands `then` the record of every id it finds, by the number its
// entry gives, and nothing for an id never added; runs longer than kFetchRun are split.
TEST(IdTableTest, FetchingRecordsAheadHandsOverEachAddedIdsRecord) {
  struct Record {
    int64_t id_number = -1;
  };
  ledger::IdTable table;
  ledger::ChunkedVector<Record, 6> records;
  std::vector<std::string> ids;
  std::vector<std::string_view> views;
  for (int i = 0; i < 1'000; ++i) {
    if (i % 3 != 2) {  // every third id is never added
      records.emplace_back().id_number = table.Intern(Id(i));
    }
    ids.push_back(Id(i));
  }
  for (const auto& id : ids) views.push_back(id);
  std::vector<int64_t> seen;
  ledger::FetchRecords(table, records, views, [&](const Record& r) { seen.push_back(r.id_number); });
  std::vector<int64_t> expected;
  for (int i = 0; i < 1'000; ++i)
    if (i % 3 != 2) expected.push_back(table.Find(Id(i)));
  EXPECT_EQ(expected, seen);
  seen.clear();
  const ledger::IdTable empty;
  const ledger::ChunkedVector<Record, 6> none;
  ledger::FetchRecords(empty, none, views, [&](const Record& r) { seen.push_back(r.id_number); });
  EXPECT_TRUE(seen.empty());
}

}  // namespace
}  // namespace fij::testing
