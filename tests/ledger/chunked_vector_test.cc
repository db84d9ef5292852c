// ledger::ChunkedVector and ledger::ChunkedBytes (decision 58): the registers' growing arrays.
// Elements and runs must read back as written across chunk boundaries, stay in place as more
// are added, survive copies and moves, and the memory held must stay within one chunk of
// what is used.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "ledger/chunked_vector.h"

namespace fij::testing {
namespace {

using ledger::ChunkedBytes;
using ledger::ChunkedVector;

struct Record {
  uint64_t a = 0;
  std::string text;  // owns heap memory: copies must copy it, moves must move it
};

TEST(ChunkedVectorTest, KeepsEveryElementInPlaceAcrossChunks) {
  ChunkedVector<Record, 3> v;  // chunks of 8, so that 1 000 elements cross many boundaries
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.bytes(), 0u);
  v.emplace_back(Record{0, "zero"});
  const Record* first = &v[0];
  for (uint64_t i = 1; i < 1000; ++i) {
    Record& r = (i % 2) ? v.emplace_back() : v.emplace_back(Record{i, std::to_string(i)});
    if (i % 2) {
      EXPECT_EQ(r.a, 0u) << i;  // a new element is default-constructed
      r.a = i;
      r.text = std::to_string(i);
    }
    ASSERT_EQ(&v.back(), &r);
  }
  EXPECT_EQ(&v[0], first);  // growing moved nothing
  ASSERT_EQ(v.size(), 1000u);
  EXPECT_EQ(v[0].text, "zero");
  for (uint64_t i = 1; i < 1000; ++i) {
    ASSERT_EQ(v[i].a, i);
    ASSERT_EQ(v[i].text, std::to_string(i));
  }
  // 125 chunks of 8 records, no more: the slack is less than one chunk.
  EXPECT_GE(v.bytes(), 125 * 8 * sizeof(Record));
  EXPECT_LT(v.bytes(), 126 * 8 * sizeof(Record) + 256 * sizeof(void*));

  ChunkedVector<Record, 3> copy = v;
  v[5].text = "changed";
  v.push_back(Record{1000, "more"});
  EXPECT_EQ(copy.size(), 1000u);
  EXPECT_EQ(copy[5].text, "5");  // the copy owns its elements
  EXPECT_EQ(copy[999].text, "999");
  copy = v;
  EXPECT_EQ(copy.size(), 1001u);
  EXPECT_EQ(copy[5].text, "changed");
  ChunkedVector<Record, 3> moved = std::move(copy);
  EXPECT_EQ(moved.size(), 1001u);
  EXPECT_EQ(moved[1000].text, "more");
}

TEST(ChunkedBytesTest, KeepsEveryRunContiguousAndInPlace) {
  std::mt19937_64 rng(58);
  ChunkedBytes bytes;
  std::vector<std::pair<uint32_t, std::string>> runs;
  size_t total = 0;
  for (int i = 0; i < 20'000; ++i) {
    // Mostly short runs, some empty, a few longer than a chunk (one of three chunks' worth).
    const size_t n = i % 5000 == 17 ? ChunkedBytes::kChunk * 2 + 123
                     : i % 97 == 0  ? 0
                                    : std::uniform_int_distribution<size_t>(1, 300)(rng);
    std::string run(n, '\0');
    for (char& c : run) c = static_cast<char>(rng());
    const uint32_t at = bytes.Append(run.data(), run.size());
    if (n != 0 && n <= ChunkedBytes::kChunk) {
      EXPECT_EQ(at >> ChunkedBytes::kShift, (at + n - 1) >> ChunkedBytes::kShift)
          << "run " << i << " crosses a chunk";
    }
    runs.emplace_back(at, std::move(run));
    total += n;
  }
  const char* first = bytes.At(runs[1].first);
  for (const auto& [at, run] : runs)
    ASSERT_EQ(bytes.View(at, static_cast<uint32_t>(run.size())), run) << at;
  EXPECT_EQ(bytes.At(runs[1].first), first);
  // Held: what was appended, less than 300 bytes unused at the end of each chunk, less than
  // a chunk left before each of the 4 runs longer than a chunk (they start a block) and at the
  // end, and the tables.
  const size_t chunks = (bytes.bytes() + ChunkedBytes::kChunk - 1) / ChunkedBytes::kChunk;
  EXPECT_GE(bytes.bytes(), total);
  EXPECT_LT(bytes.bytes(), total + chunks * 300 + 5 * ChunkedBytes::kChunk + chunks * 32);

  ChunkedBytes copy = bytes;
  bytes = ChunkedBytes();  // the copy must not point into the original's chunks
  for (const auto& [at, run] : runs)
    ASSERT_EQ(copy.View(at, static_cast<uint32_t>(run.size())), run) << at;
  const uint32_t after = copy.Append("tail", 4);
  EXPECT_EQ(copy.View(after, 4), "tail");
  ChunkedBytes moved = std::move(copy);
  EXPECT_EQ(moved.View(after, 4), "tail");
  EXPECT_EQ(moved.View(runs.back().first, static_cast<uint32_t>(runs.back().second.size())),
            runs.back().second);
}

TEST(ChunkedBytesTest, AnEmptyRunAtAChunksEndStillPointsIntoAChunk) {
  ChunkedBytes bytes;
  const uint32_t empty0 = bytes.Append("", 0);  // first of all: no chunk yet
  EXPECT_EQ(bytes.View(empty0, 0), "");
  std::string fill(ChunkedBytes::kChunk - 1, 'x');
  const uint32_t full = bytes.Append(fill.data(), fill.size());  // fills the chunk exactly
  EXPECT_EQ(bytes.View(full, static_cast<uint32_t>(fill.size())), fill);
  const uint32_t empty1 = bytes.Append("", 0);
  EXPECT_NE(bytes.At(empty1), nullptr);
  EXPECT_EQ(bytes.View(empty1, 0), "");
  const uint32_t next = bytes.Append("ab", 2);
  EXPECT_EQ(bytes.View(next, 2), "ab");
}

}  // namespace
}  // namespace fij::testing
