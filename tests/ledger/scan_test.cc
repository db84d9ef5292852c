// ledger::ScanDecoded hands decoded events from a scanning thread to the caller in log order,
// stops when asked, and reports a broken log at its position with every earlier event delivered.
#include "ledger/scan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <thread>
#include <tuple>

#include "engine/thread.h"
#include "ledger/codec.h"
#include "ledger/scan_batches.h"
#include "ledger/state.h"
#include "tests/test_util.h"

namespace fij::testing {
namespace {

std::string Bytes(const ledger::Event& e) {
  auto words = ledger::EncodeEvent(e);
  auto b = words.asBytes();
  return std::string(reinterpret_cast<const char*>(b.begin()), b.size());
}

class ScanTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto r = RunFij({"gen", "--events", "12000", "--funds", "2", "--seed", "7", "--store",
                     dir_->Sub("s")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::unique_ptr<engine::Store> Open(bool read_only = true) {
    engine::OpenOptions o;
    o.read_only = read_only;
    auto s = engine::Store::Open(dir_->Sub("s"), o);
    EXPECT_TRUE(s.has_value());
    return std::move(*s);
  }
  // A writable copy of the shared store in `dir`, for a test that breaks it.
  static std::unique_ptr<engine::Store> OpenCopy(const TempDir& dir) {
    {
      auto store = Open(false);
      EXPECT_TRUE(store->Backup(dir.Sub("b")).has_value());
    }
    auto copy = engine::Store::Open(dir.Sub("b"), engine::OpenOptions{});
    EXPECT_TRUE(copy.has_value()) << copy.error().ToString();
    return copy ? std::move(*copy) : nullptr;
  }
  static TempDir* dir_;
};
TempDir* ScanTest::dir_ = nullptr;

TEST_F(ScanTest, DeliversEveryEventInOrderAsTheSingleThreadedReadDoes) {
  auto store = Open();
  ASSERT_GT(store->head().position, ledger::kScanInlineBelow);
  std::vector<std::string> expected;
  ASSERT_TRUE(store->ReadForward(1, 0, [&](const engine::RecordedEvent& ev) {
                   auto d = ledger::DecodeEvent(ev);
                   EXPECT_TRUE(d.has_value());
                   expected.push_back(Bytes(*d));
                   return true;
                 }).ok());
  uint64_t next = 1;
  auto s = ledger::ScanDecoded(*store, 1, 0, [&](ledger::DecodedEvent& d) {
    EXPECT_EQ(next, d.position);
    EXPECT_EQ(expected.at(d.position - 1), Bytes(d.event)) << d.position;
    ++next;
    return true;
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(next - 1, store->head().position);
  EXPECT_EQ(expected.size(), store->head().position);
  // A range, and the last event's hash as the store has it.
  engine::Hash last{};
  uint64_t count = 0;
  ASSERT_TRUE(ledger::ScanDecoded(*store, 101, 9000, [&](ledger::DecodedEvent& d) {
                ++count;
                last = d.hash;
                return true;
              }).ok());
  EXPECT_EQ(8900u, count);
  auto ev = store->ReadOne(9000);
  ASSERT_TRUE(ev.has_value());
  EXPECT_EQ(ev->hash(), last);
}

// When the OS refuses the scanning thread (decision 66), the caller reads too: the same events,
// decoded and filtered alike, and a broken log is still reported at its position.
TEST_F(ScanTest, WithoutAScanningThreadTheCallerReadsTheSameEvents) {
  auto store = Open();
  ASSERT_GT(store->head().position, ledger::kScanInlineBelow);
  auto scan = [&](engine::Store& s, bool refuse, bool (*wanted)(std::string_view),
                  std::vector<std::string>* out) {
    const uint64_t refused = engine::testing::RefusedThreadStarts();
    engine::testing::RefuseThreadStarts(refuse ? 1 : 0);
    Status st = ledger::ScanDecoded(
        s, 1, 0,
        [&](ledger::DecodedEvent& d) {
          out->push_back(std::to_string(d.position) +
                         (d.skipped ? " skipped" : " " + Bytes(d.event)) + " " +
                         engine::HashHex(d.hash));
          return true;
        },
        ledger::DecodeDetail::kFull, wanted, ledger::ScanSplit::kOnCaller);
    engine::testing::RefuseThreadStarts(0);
    EXPECT_EQ(engine::testing::RefusedThreadStarts() - refused, refuse ? 1u : 0u);
    return st;
  };
  auto gifts_only = [](std::string_view type) { return type == "GiftRecorded"; };
  for (bool (*wanted)(std::string_view) : {static_cast<bool (*)(std::string_view)>(nullptr),
                                           static_cast<bool (*)(std::string_view)>(gifts_only)}) {
    std::vector<std::string> threaded, alone;
    ASSERT_TRUE(scan(*store, false, wanted, &threaded).ok());
    ASSERT_TRUE(scan(*store, true, wanted, &alone).ok());
    EXPECT_EQ(threaded.size(), store->head().position);
    EXPECT_EQ(threaded, alone);
  }
  TempDir copy;
  auto broken = OpenCopy(copy);
  ASSERT_TRUE(broken);
  ASSERT_TRUE(broken->RawDeleteEventForTest(7000).ok());
  std::vector<std::string> seen;
  Status st = scan(*broken, true, nullptr, &seen);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(std::string::npos, st.message().find("7000")) << st.ToString();
  EXPECT_EQ(6999u, seen.size());
}

// The reading thread is named (engine::TryStartThread), so `top -H` and `perf report --comm`
// tell it from the folding thread: while a scan runs, one of the process's threads is
// "fij-scan".
TEST_F(ScanTest, TheReadingThreadIsNamed) {
  auto store = Open();
  auto names = [] {
    std::vector<std::string> out;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
      std::ifstream comm(task.path() / "comm");
      std::string name;
      std::getline(comm, name);
      out.push_back(name);
    }
    return out;
  };
  std::vector<std::string> during;
  Status st = ledger::ScanDecoded(*store, 1, 0, [&](ledger::DecodedEvent&) {
    during = names();
    return false;
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_NE(std::find(during.begin(), during.end(), "fij-scan"), during.end())
      << ::testing::PrintToString(during);
}

TEST_F(ScanTest, StopsWhenTheCallerSaysSo) {
  auto store = Open();
  uint64_t seen = 0;
  auto s = ledger::ScanDecoded(*store, 1, 0, [&](ledger::DecodedEvent& d) {
    ++seen;
    return d.position < 5000;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(5000u, seen);
}

TEST_F(ScanTest, AMissingEventIsReportedAtItsPositionAfterEveryEarlierOne) {
  TempDir copy;
  auto store = OpenCopy(copy);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->RawDeleteEventForTest(7000).ok());
  uint64_t last_seen = 0;
  auto s = ledger::ScanDecoded(*store, 1, 0, [&](ledger::DecodedEvent& d) {
    EXPECT_EQ(last_seen + 1, d.position);
    last_seen = d.position;
    return true;
  });
  ASSERT_FALSE(s.ok());
  EXPECT_NE(std::string::npos, s.message().find("7000")) << s.ToString();
  EXPECT_EQ(6999u, last_seen);
}

// On the caller's thread (the posting replay: the scanning thread hands over undecoded bytes)
// or the scanner's, a missing event, an event moved to another position and a value that is not
// whole words are each reported at their position, after every earlier event, filtered or not
// (filtered, the scanner peeks at the broken values and must decode them to say what is wrong).
TEST_F(ScanTest, DecodingOnTheCallerReportsABrokenLogAtItsPosition) {
  TempDir copy;
  auto opened = OpenCopy(copy);
  ASSERT_TRUE(opened);
  engine::Store& store = *opened;
  auto moved = store.RawEventValueForTest(9000);
  ASSERT_TRUE(moved.has_value());
  struct Break {
    uint64_t position;
    std::string expect;
    std::function<Status()> apply;
  };
  std::vector<Break> breaks = {
      {8000, "carries position 9000", [&] { return store.RawPutEventValueForTest(8000, *moved); }},
      {6000, "not whole words",
       [&] { return store.RawPutEventValueForTest(6000, moved->substr(0, moved->size() - 3)); }},
      {5000, "is missing", [&] { return store.RawDeleteEventForTest(5000); }},
  };
  auto gifts_only = [](std::string_view type) { return type == "GiftRecorded"; };
  for (const auto& b : breaks) {  // each break is before the previous one
    SCOPED_TRACE(b.expect);
    ASSERT_TRUE(b.apply().ok());
    using ledger::ScanSplit;
    for (auto [wanted, split] :
         {std::pair{static_cast<bool (*)(std::string_view)>(nullptr), ScanSplit::kOnCaller},
          std::pair{+gifts_only, ScanSplit::kOnCaller}, std::pair{+gifts_only, ScanSplit::kOnScanner},
          std::pair{static_cast<bool (*)(std::string_view)>(nullptr), ScanSplit::kOnScanner},
          std::pair{static_cast<bool (*)(std::string_view)>(nullptr), ScanSplit::kBalanced},
          std::pair{+gifts_only, ScanSplit::kBalanced}}) {
      for (bool with_ahead : {false, true}) {
        SCOPED_TRACE(with_ahead);
        uint64_t last = 0, seen_ahead = 0;
        ledger::BatchAhead ahead;
        if (with_ahead)  // decision 77: the events before the break are seen ahead, then folded
          ahead = [&](std::span<const ledger::DecodedEvent> batch) {
            ASSERT_FALSE(batch.empty());
            EXPECT_EQ(seen_ahead + 1, batch.front().position);
            seen_ahead = batch.back().position;
          };
        auto s = ledger::ScanDecoded(
            store, 1, 0,
            [&](ledger::DecodedEvent& d) {
              EXPECT_EQ(last + 1, d.position);
              if (with_ahead) {
                EXPECT_LE(d.position, seen_ahead);
              }
              last = d.position;
              return true;
            },
            ledger::DecodeDetail::kFold, wanted, split, nullptr, ahead);
        ASSERT_FALSE(s.ok());
        EXPECT_NE(std::string::npos, s.message().find(std::to_string(b.position))) << s.ToString();
        EXPECT_NE(std::string::npos, s.message().find(b.expect)) << s.ToString();
        EXPECT_EQ(b.position - 1, last);
        if (with_ahead) {
          EXPECT_EQ(b.position - 1, seen_ahead);
        }
      }
    }
  }
}

// Store::PeekEnvelope (how a scan reads an event it skips, decision 51) reads what decoding
// reads from every stored value of a generated history, whatever its alignment; cut short at
// any word, a value is refused or still read within its bytes (ASan checks the bounds).
TEST_F(ScanTest, ThePeekReadsWhatDecodingReads) {
  auto store = Open();
  std::map<std::string, int> types;
  for (uint64_t p = 1; p <= store->head().position; ++p) {
    auto value = store->RawEventValueForTest(p);
    ASSERT_TRUE(value.has_value());
    auto decoded = engine::Store::Decode(*value);
    ASSERT_TRUE(decoded.has_value()) << p;
    for (size_t shift : {0, 1, 3}) {
      std::unique_ptr<char[]> bytes(new char[value->size() + shift]);
      std::memcpy(bytes.get() + shift, value->data(), value->size());
      engine::Store::EnvelopePeek peek;
      ASSERT_TRUE(engine::Store::PeekEnvelope(
          std::string_view(bytes.get() + shift, value->size()), peek)) << p;
      EXPECT_EQ(p, peek.position);
      EXPECT_EQ(decoded->recorded_at_us(), peek.recorded_at_us) << p;
      EXPECT_EQ(decoded->type(), peek.type) << p;
      EXPECT_EQ(0, std::memcmp(decoded->hash().data(), peek.hash, 32)) << p;
    }
    ++types[std::string(decoded->type())];
    if (p % 97 == 0) {
      for (size_t cut = 8; cut < value->size(); cut += 8) {
        std::unique_ptr<char[]> bytes(new char[cut]);
        std::memcpy(bytes.get(), value->data(), cut);
        engine::Store::EnvelopePeek peek;
        (void)engine::Store::PeekEnvelope(std::string_view(bytes.get(), cut), peek);
      }
    }
  }
  EXPECT_GE(types.size(), 15u);  // the history's event types, not one of them
  engine::Store::EnvelopePeek peek;
  EXPECT_FALSE(engine::Store::PeekEnvelope("", peek));
  EXPECT_FALSE(engine::Store::PeekEnvelope(std::string(15, '\0'), peek));
  EXPECT_FALSE(engine::Store::PeekEnvelope(std::string(16, '\0'), peek));  // no hash
}

// ScanSplit::kBalanced (decision 59) decodes some batches on the scanning thread and hands
// others over raw, by how far the fold is behind: a fold slow over its first batches (the
// queue fills: the scanner decodes) and fast after them (raw batches) gets every event, in
// order, as the single-threaded read decodes it, and both kinds of batches were handed over.
TEST_F(ScanTest, TheBalancedSplitDecodesOnBothThreadsAndGivesTheSameEvents) {
  auto store = Open();
  std::vector<std::string> expected;
  std::vector<engine::Hash> hashes;
  ASSERT_TRUE(store->ReadForward(1, 0, [&](const engine::RecordedEvent& ev) {
                   auto d = ledger::DecodeEvent(ev);
                   EXPECT_TRUE(d.has_value());
                   expected.push_back(Bytes(*d));
                   hashes.push_back(ev.hash());
                   return true;
                 }).ok());
  ledger::ScanStats stats;
  uint64_t next = 1;
  auto s = ledger::ScanDecoded(
      *store, 1, 0,
      [&](ledger::DecodedEvent& d) {
        EXPECT_EQ(next, d.position);
        EXPECT_FALSE(d.skipped);
        EXPECT_EQ(expected.at(d.position - 1), Bytes(d.event)) << d.position;
        EXPECT_EQ(hashes.at(d.position - 1), d.hash) << d.position;
        ++next;
        if (d.position <= 4096 && d.position % 64 == 0)
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
        return true;
      },
      ledger::DecodeDetail::kFull, nullptr, ledger::ScanSplit::kBalanced, &stats);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(next - 1, store->head().position);
  EXPECT_GT(stats.batches_decoded_on_scanner, 0u);
  EXPECT_GT(stats.batches_decoded_on_caller, 0u);
  EXPECT_EQ(stats.batches_decoded_on_scanner + stats.batches_decoded_on_caller,
            (store->head().position + 511) / 512);
  EXPECT_LE(stats.batches_changing_kind,
            stats.batches_decoded_on_scanner + stats.batches_decoded_on_caller);
}

// `ahead` (decision 77) sees every batch, whole and in order, just before the fold sees its
// first event, whichever thread decoded it: never an event the fold has already seen, and
// exactly the events the fold then gets (a broken log: DecodingOnTheCallerReportsABrokenLog...).
TEST_F(ScanTest, AheadSeesEveryBatchJustBeforeTheFold) {
  auto store = Open();
  const uint64_t head = store->head().position;
  for (auto split : {ledger::ScanSplit::kOnScanner, ledger::ScanSplit::kBalanced,
                     ledger::ScanSplit::kOnCaller}) {
    SCOPED_TRACE(static_cast<int>(split));
    uint64_t next = 1;        // the next position the fold expects
    uint64_t ahead_end = 0;   // one past the last position `ahead` saw
    uint64_t seen_ahead = 0;  // events `ahead` saw
    uint64_t ahead_calls = 0;
    std::map<uint64_t, std::string> ahead_bytes;  // by position, what `ahead` saw
    ledger::ScanStats stats;
    auto s = ledger::ScanDecoded(
        *store, 1, 0,
        [&](ledger::DecodedEvent& d) {
          EXPECT_EQ(next, d.position);
          if (auto it = ahead_bytes.find(d.position); it != ahead_bytes.end()) {
            EXPECT_EQ(it->second, Bytes(d.event)) << d.position;
            ahead_bytes.erase(it);
          }
          ++next;
          if (split == ledger::ScanSplit::kBalanced && d.position <= 4096 && d.position % 64 == 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
          return true;
        },
        ledger::DecodeDetail::kFull, nullptr, split, &stats,
        [&](std::span<const ledger::DecodedEvent> batch) {
          ASSERT_FALSE(batch.empty());
          EXPECT_EQ(next, batch.front().position) << "not just before the fold reaches it";
          EXPECT_TRUE(ahead_bytes.empty()) << "the previous batch was not all folded";
          for (size_t i = 0; i < batch.size(); ++i) {
            EXPECT_EQ(batch.front().position + i, batch[i].position);
            ahead_bytes[batch[i].position] = Bytes(batch[i].event);
          }
          ahead_end = batch.back().position + 1;
          seen_ahead += batch.size();
          ++ahead_calls;
        });
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(head, next - 1);
    EXPECT_TRUE(ahead_bytes.empty());
    // Every batch went through `ahead`, decoded on either thread.
    EXPECT_EQ(stats.batches_decoded_on_scanner + stats.batches_decoded_on_caller, ahead_calls);
    EXPECT_EQ(head, seen_ahead);
    EXPECT_EQ(head + 1, ahead_end);
    if (split == ledger::ScanSplit::kBalanced) {  // both kinds were seen
      EXPECT_GT(stats.batches_decoded_on_scanner, 0u);
      EXPECT_GT(stats.batches_decoded_on_caller, 0u);
    }
  }
}

// The handover keeps the batches the folding thread is done with in a pool of each kind, so a
// scanner asking for a raw batch gets back a raw one with its buffers, not the decoded batch
// returned last (whose buffers it would free and allocate anew: before this, a balanced replay
// of 1 M events did so for 1 860 of its 1 954 batches). A batch changes kind only when no spare
// of the kind asked for is left.
TEST(ScanHandoverTest, GivesBackASpareOfTheKindAskedFor) {
  using ledger::scan_detail::Batch;
  using ledger::scan_detail::RawBatch;
  ledger::scan_detail::Handover handover;
  bool changed = true;
  Batch raw = handover.Spare(/*raw=*/true, &changed);
  EXPECT_FALSE(changed);  // a new batch
  EXPECT_TRUE(raw.raw);
  raw.bytes.events.push_back(RawBatch::Event{1, 0, 0, true, 0, {}});
  ASSERT_TRUE(handover.Push(std::move(raw)));
  Batch decoded = handover.Spare(/*raw=*/false, &changed);
  EXPECT_FALSE(changed);
  EXPECT_FALSE(decoded.raw);
  decoded.decoded.emplace_back().position = 2;
  ASSERT_TRUE(handover.Push(std::move(decoded)));
  Batch third = handover.Spare(/*raw=*/false, &changed);
  third.decoded.emplace_back().position = 3;
  ASSERT_TRUE(handover.Push(std::move(third)));

  // The folding thread takes the three batches in order and returns the first two emptied.
  Batch out;
  for (uint64_t position = 1; position <= 3; ++position) {
    out.clear();
    ASSERT_TRUE(handover.Pop(out));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out.raw ? out.bytes.events[0].position : out.decoded[0].position, position);
  }
  // Spares now: the raw batch, then the decoded one (returned last).
  Batch again = handover.Spare(/*raw=*/true, &changed);
  EXPECT_FALSE(changed);
  EXPECT_TRUE(again.raw);
  EXPECT_GE(again.bytes.bytes.capacity(), ledger::scan_detail::kBatch * 320);
  EXPECT_GE(again.bytes.events.capacity(), ledger::scan_detail::kBatch);
  // No raw spare is left: the decoded one is given, turned raw, its decoded events freed.
  Batch turned = handover.Spare(/*raw=*/true, &changed);
  EXPECT_TRUE(changed);
  EXPECT_TRUE(turned.raw);
  EXPECT_EQ(turned.decoded.capacity(), 0u);
  EXPECT_GE(turned.bytes.events.capacity(), ledger::scan_detail::kBatch);
  // And with no spare at all, a new batch.
  Batch fresh = handover.Spare(/*raw=*/false, &changed);
  EXPECT_FALSE(changed);
  EXPECT_FALSE(fresh.raw);
  EXPECT_GE(fresh.decoded.capacity(), ledger::scan_detail::kBatch);
  handover.Finish(Status::Ok());
  out.clear();
  EXPECT_FALSE(handover.Pop(out));
}

// ScanSplit::kOnCaller (the posting replay) hands the same events, decoded on the calling thread,
// and a `wanted` filter hands the others as skipped, with their positions and hashes.
TEST_F(ScanTest, DecodingOnTheCallerAndSkippingGiveTheSameEvents) {
  auto store = Open();
  std::vector<std::string> expected;
  std::vector<engine::Hash> hashes;
  ASSERT_TRUE(ledger::ScanDecoded(*store, 1, 0, [&](ledger::DecodedEvent& d) {
                expected.push_back(Bytes(d.event));
                hashes.push_back(d.hash);
                return true;
              }).ok());
  auto gifts_only = [](std::string_view type) { return type == "GiftRecorded"; };
  for (auto split : {ledger::ScanSplit::kOnScanner, ledger::ScanSplit::kOnCaller,
                     ledger::ScanSplit::kBalanced}) {
    SCOPED_TRACE(static_cast<int>(split));
    uint64_t next = 1, decoded = 0;
    auto s = ledger::ScanDecoded(
        *store, 1, 0,
        [&](ledger::DecodedEvent& d) {
          EXPECT_EQ(next, d.position);
          EXPECT_EQ(hashes.at(d.position - 1), d.hash);
          if (!d.skipped) {
            ++decoded;
            EXPECT_TRUE(std::holds_alternative<ledger::GiftRecorded>(d.event)) << d.position;
            EXPECT_EQ(expected.at(d.position - 1), Bytes(d.event)) << d.position;
          }
          ++next;
          return true;
        },
        ledger::DecodeDetail::kFull, +gifts_only, split);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(next - 1, store->head().position);
    EXPECT_GT(decoded, 1000u);
    EXPECT_LT(decoded, store->head().position / 2);
  }
}

// An envelope whose type does not name its payload (the engine stores what it is given) is
// corruption at its position: folds choose what to decode by that type.
TEST(ScanTypeTest, AnEnvelopeTypeThatDoesNotNameItsPayloadIsCorruption) {
  TempDir dir;
  engine::OpenOptions o;
  o.create_if_missing = true;
  o.sync_writes = false;
  auto store = engine::Store::Open(dir.Sub("s"), o);
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  // Enough events for the two-thread scan; the one at `bad` says a receipt, carries a gift.
  const uint64_t count = ledger::kScanInlineBelow + 1000, bad = ledger::kScanInlineBelow + 500;
  std::vector<engine::AppendRequest> batch;
  for (uint64_t i = 1; i <= count; ++i) {
    ledger::GiftRecorded g;
    g.gift_id = "g" + std::to_string(i);
    g.partner_id = "p";
    g.amount_cents = 100;
    engine::NewEvent ne = ledger::ToNewEvent(g);
    if (i == bad) ne.type = "ReceiptIssued";
    engine::AppendRequest r;
    r.stream_id = g.gift_id;
    r.idempotency_key = g.gift_id;
    r.actor = "test";
    r.events.push_back(std::move(ne));
    batch.push_back(std::move(r));
  }
  ASSERT_TRUE((*store)->AppendAll(std::move(batch)).has_value());
  // Decoded on the scanning thread or on the caller's, filtered or not, read from the start or
  // (one thread) near the bad event: corruption at its position, every earlier event delivered.
  struct Case {
    uint64_t from;
    ledger::ScanSplit split;
    bool (*wanted)(std::string_view);
  };
  using ledger::ScanSplit;
  auto gifts = [](std::string_view) { return true; };
  for (Case c : {Case{1, ScanSplit::kOnScanner, nullptr}, Case{1, ScanSplit::kOnCaller, nullptr},
                 Case{1, ScanSplit::kOnCaller, +gifts}, Case{1, ScanSplit::kBalanced, nullptr},
                 Case{1, ScanSplit::kBalanced, +gifts}, Case{bad - 10, ScanSplit::kOnScanner, nullptr}}) {
    SCOPED_TRACE(std::to_string(c.from) + " split " + std::to_string(static_cast<int>(c.split)));
    uint64_t last = 0;
    auto s = ledger::ScanDecoded(
        **store, c.from, 0,
        [&](ledger::DecodedEvent& d) {
          EXPECT_EQ(last ? last + 1 : c.from, d.position);
          last = d.position;
          return true;
        },
        ledger::DecodeDetail::kFold, c.wanted, c.split);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(std::string::npos, s.message().find("position " + std::to_string(bad)))
        << s.ToString();
    EXPECT_NE(std::string::npos, s.message().find("envelope says ReceiptIssued")) << s.ToString();
    EXPECT_EQ(bad - 1, last);
  }
}

// DecodeDetail::kFold (replays, Ledger::Open) decodes every event as kFull does, except that a
// ReceiptIssued comes without its frozen mentions; its summary, and so the State, is the same.
TEST_F(ScanTest, TheFoldDecodeDropsOnlyAReceiptsMentions) {
  auto store = Open();
  std::vector<ledger::Event> full;
  ASSERT_TRUE(ledger::ScanDecoded(*store, 1, 0, [&](ledger::DecodedEvent& d) {
                full.push_back(d.event);
                return true;
              }).ok());
  size_t receipts = 0;
  auto s = ledger::ScanDecoded(
      *store, 1, 0,
      [&](ledger::DecodedEvent& d) {
        const ledger::Event& f = full.at(d.position - 1);
        const auto* r = std::get_if<ledger::ReceiptIssued>(&d.event);
        if (!r) {
          EXPECT_EQ(Bytes(f), Bytes(d.event)) << d.position;
          return true;
        }
        ++receipts;
        const auto& whole = std::get<ledger::ReceiptIssued>(f);
        EXPECT_FALSE(whole.donor_name.empty());
        EXPECT_FALSE(whole.certification.empty());
        EXPECT_FALSE(whole.amount_words.empty());
        EXPECT_TRUE(r->donor_name.empty());
        EXPECT_TRUE(r->donor_address.empty());
        EXPECT_TRUE(r->certification.empty());
        EXPECT_TRUE(r->amount_words.empty());
        EXPECT_TRUE(r->fund_name.empty());
        auto key = [](const ledger::ReceiptSummary& x) {
          return std::tie(x.number, x.fund_id, x.partner_id, x.replaces, x.year, x.sequence,
                          x.issued_on, x.period_from, x.period_to, x.form, x.amount_cents,
                          x.gift_ids);
        };
        ledger::ReceiptSummary a = ledger::Summarize(whole), b = ledger::Summarize(*r);
        EXPECT_TRUE(key(a) == key(b)) << d.position;
        EXPECT_EQ(whole.donor_kind, r->donor_kind);
        return true;
      },
      ledger::DecodeDetail::kFold);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_GT(receipts, 1000u) << "the generated history has receipts to compare";
}

// DecodeDetail::kProjections (decision 47) decodes every event as kFold does, except the texts
// a projection-only State drops: the listed fields come empty, every other field is the same.
TEST_F(ScanTest, TheProjectionsDecodeDropsOnlyTheTextsAProjectionOnlyStateDrops) {
  auto store = Open();
  std::vector<ledger::Event> fold;
  ASSERT_TRUE(ledger::ScanDecoded(*store, 1, 0, [&](ledger::DecodedEvent& d) {
                fold.push_back(d.event);
                return true;
              }, ledger::DecodeDetail::kFold).ok());
  // The fold's event with the dropped texts cleared, and how many of them were not empty.
  size_t dropped = 0, trimmed = 0;
  auto trim = [&](ledger::Event e) {
    auto clear = [&](std::string& text) {
      dropped += !text.empty();
      text.clear();
    };
    if (auto* p = std::get_if<ledger::PartnerRegistered>(&e)) {
      clear(p->siren), clear(p->legal_form), clear(p->address);
    } else if (auto* g = std::get_if<ledger::GiftRecorded>(&e)) {
      clear(g->counterparts_description), clear(g->valuation_ref), clear(g->description);
    } else if (auto* j = std::get_if<ledger::ProjectAdded>(&e)) {
      clear(j->carrier_form), clear(j->territory), clear(j->description);
    } else if (auto* d = std::get_if<ledger::DecisionRecorded>(&e)) {
      clear(d->conditions);
    } else if (auto* x = std::get_if<ledger::ExpenseRecorded>(&e)) {
      clear(x->description);
    } else {
      return e;
    }
    ++trimmed;
    return e;
  };
  auto s = ledger::ScanDecoded(
      *store, 1, 0,
      [&](ledger::DecodedEvent& d) {
        EXPECT_EQ(Bytes(trim(fold.at(d.position - 1))), Bytes(d.event)) << d.position;
        return true;
      },
      ledger::DecodeDetail::kProjections);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(fold.size(), store->head().position);
  // Not vacuous: the history has such events, and texts in them that were dropped.
  EXPECT_GT(trimmed, 1000u);
  EXPECT_GT(dropped, 1000u);
}

}  // namespace
}  // namespace fij::testing
