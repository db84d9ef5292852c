// Tests engine/store.h: append, read, expected versions, idempotency, atomic batches, reopen,
// the hash chain, read-only opens and the writer lock (within one process; crash_test.cc covers
// other processes).
#include "engine/store.h"

#include <capnp/serialize.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "engine/envelope.capnp.h"
#include "engine/thread.h"
#include "tests/test_util.h"

namespace fij::engine {
namespace {

using fij::testing::TempDir;

// The engine is domain-free: any flat capnp message is a payload. The Envelope struct serves as
// a dummy payload type whose `actor` field carries a marker the tests read back.
kj::Array<capnp::word> Payload(const std::string& marker) {
  capnp::MallocMessageBuilder mb;
  mb.initRoot<Envelope>().setActor(marker);
  return capnp::messageToFlatArray(mb);
}

std::string PayloadMarker(const RecordedEvent& ev) {
  auto t = ev.payload().getAs<Envelope>().getActor();
  return std::string(t.begin(), t.size());
}

Hash HashOf(const std::string& body) {
  Hash h{};
  for (size_t i = 0; i < body.size(); ++i) h[i % h.size()] ^= static_cast<uint8_t>(body[i]);
  h[31] ^= static_cast<uint8_t>(body.size());
  return h;
}

NewEvent Event(const std::string& type, const std::string& marker) {
  NewEvent e;
  e.type = type;
  e.effective_date = 20240131;
  e.schema_version = 3;
  e.payload = Payload(marker);
  return e;
}

// An append of `n` events to `stream` under idempotency key `key` (its body hash derives from
// the key, so a retry with the same key is an exact retry).
AppendRequest Request(const std::string& stream, const std::string& key, size_t n,
                      uint64_t expected_version = kAnyVersion) {
  AppendRequest r;
  r.stream_id = stream;
  r.expected_version = expected_version;
  r.actor = "tester";
  r.idempotency_key = key;
  r.request_hash = HashOf(key);
  for (size_t i = 0; i < n; ++i)
    r.events.push_back(Event("Thing" + std::to_string(i), key + "/" + std::to_string(i)));
  return r;
}

std::unique_ptr<Store> OpenWriter(const std::string& dir) {
  OpenOptions o;
  o.create_if_missing = true;
  o.sync_writes = false;
  auto s = Store::Open(dir, o);
  EXPECT_TRUE(s.has_value()) << s.error().ToString();
  return s ? std::move(*s) : nullptr;
}

AppendResult MustAppend(Store& store, AppendRequest r) {
  auto res = store.Append(std::move(r));
  EXPECT_TRUE(res.has_value()) << res.error().ToString();
  return res ? *res : AppendResult{};
}

// Every event as "stream@version#position", in log order.
std::vector<std::string> Log(const Store& store, uint64_t from = 1, uint64_t to = 0) {
  std::vector<std::string> out;
  Status s = store.ReadForward(from, to, [&](const RecordedEvent& ev) {
    out.push_back(std::string(ev.stream_id()) + "@" + std::to_string(ev.stream_version()) + "#" +
                  std::to_string(ev.position()));
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

std::vector<uint64_t> StreamVersions(const Store& store, const std::string& stream, uint64_t from) {
  std::vector<uint64_t> out;
  Status s = store.ReadStream(stream, from, [&](const RecordedEvent& ev) {
    EXPECT_EQ(ev.stream_id(), stream);
    out.push_back(ev.stream_version());
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

uint64_t CountEvents(const Store& store) { return Log(store).size(); }

TEST(StoreTest, FirstAppendIsPositionOneVersionOneAndRoundTripsEveryField) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->head().position, 0u);

  AppendResult r = MustAppend(*store, Request("donor-1", "k1", 1, kNoStream));
  EXPECT_EQ(r.first_position, 1u);
  EXPECT_EQ(r.count, 1u);
  EXPECT_EQ(r.stream_version, 1u);
  EXPECT_FALSE(r.duplicate);
  EXPECT_EQ(store->head().position, 1u);

  auto ev = store->ReadOne(1);
  ASSERT_TRUE(ev.has_value()) << ev.error().ToString();
  EXPECT_EQ(ev->position(), 1u);
  EXPECT_EQ(ev->stream_id(), "donor-1");
  EXPECT_EQ(ev->stream_version(), 1u);
  EXPECT_EQ(ev->type(), "Thing0");
  EXPECT_EQ(ev->effective_date(), 20240131u);
  EXPECT_EQ(ev->schema_version(), 3u);
  EXPECT_EQ(ev->actor(), "tester");
  EXPECT_EQ(ev->idempotency_key(), "k1");
  EXPECT_EQ(PayloadMarker(*ev), "k1/0");
  EXPECT_EQ(ev->prev_hash(), Hash{}) << "the genesis previous-hash is 32 zero bytes";
  EXPECT_EQ(ev->hash(), store->head().hash);
  EXPECT_NE(ev->hash(), Hash{});
  EXPECT_EQ(ev->recorded_at_us(), store->head().recorded_at_us);
  auto recomputed = Store::ComputeHash(Hash{}, ev->words());
  ASSERT_TRUE(recomputed.has_value());
  EXPECT_EQ(*recomputed, ev->hash());
}

TEST(StoreTest, ManyEventsInOneAppendGetContiguousPositionsAndVersions) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  MustAppend(*store, Request("a", "k0", 2));
  AppendResult r = MustAppend(*store, Request("b", "k1", 5));
  EXPECT_EQ(r.first_position, 3u);
  EXPECT_EQ(r.count, 5u);
  EXPECT_EQ(r.stream_version, 5u);
  EXPECT_EQ(store->head().position, 7u);
  EXPECT_EQ(Log(*store), (std::vector<std::string>{"a@1#1", "a@2#2", "b@1#3", "b@2#4", "b@3#5",
                                                   "b@4#6", "b@5#7"}));
  Status s = store->ReadForward(3, 7, [&](const RecordedEvent& ev) {
    EXPECT_EQ(ev.idempotency_key(), "k1");
    EXPECT_EQ(PayloadMarker(ev), "k1/" + std::to_string(ev.position() - 3));
    EXPECT_EQ(ev.type(), "Thing" + std::to_string(ev.position() - 3));
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

// AppendAll builds each envelope in one reused first segment, which the builder zeroes again:
// small envelopes after large ones (which spill past it) must come out whole, field by field.
TEST(StoreTest, SmallAndLargeEventsInOneBatchRoundTripExactlyAndChain) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  const std::vector<size_t> sizes = {10, 20000, 3, 70000, 0, 9000, 8180, 1};
  std::vector<AppendRequest> batch;
  std::vector<std::string> markers;
  for (size_t i = 0; i < sizes.size(); ++i) {
    std::string marker(sizes[i], static_cast<char>('a' + i));
    markers.push_back(marker);
    AppendRequest r;
    r.stream_id = "s" + std::to_string(i % 3);
    r.actor = i % 2 ? "" : "tester";
    r.idempotency_key = "k" + std::to_string(i);
    r.request_hash = HashOf(r.idempotency_key);
    NewEvent e = Event("Thing" + std::to_string(i), marker);
    e.effective_date = i % 2 ? 0 : 20240101 + static_cast<uint32_t>(i);
    r.events.push_back(std::move(e));
    batch.push_back(std::move(r));
  }
  auto written = store->AppendAll(std::move(batch));
  ASSERT_TRUE(written.has_value()) << written.error().ToString();
  size_t i = 0;
  Status s = store->ReadForward(1, 0, [&](const RecordedEvent& ev) {
    EXPECT_EQ(PayloadMarker(ev), markers[i]) << "event " << i;
    EXPECT_EQ(ev.type(), "Thing" + std::to_string(i));
    EXPECT_EQ(ev.stream_id(), "s" + std::to_string(i % 3));
    EXPECT_EQ(ev.actor(), i % 2 ? "" : "tester");
    EXPECT_EQ(ev.effective_date(), i % 2 ? 0u : 20240101 + i);
    EXPECT_EQ(ev.idempotency_key(), "k" + std::to_string(i));
    EXPECT_EQ(ev.schema_version(), 3u);
    ++i;
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(i, sizes.size());
  auto verified = store->VerifyChain();
  ASSERT_TRUE(verified.has_value()) << verified.error().ToString();
  EXPECT_EQ(verified->events, sizes.size());
}

TEST(StoreTest, PositionsAreGapFreeAcrossInterleavedStreamsAndEachEventLinksToThePrevious) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  std::map<std::string, uint64_t> versions;
  uint64_t next_position = 1;
  const std::vector<std::string> streams = {"a", "b", "a", "c", "c", "a", "b", "d", "a"};
  for (size_t i = 0; i < streams.size(); ++i) {
    size_t n = 1 + i % 3;
    AppendResult r = MustAppend(*store, Request(streams[i], "k" + std::to_string(i), n));
    EXPECT_EQ(r.first_position, next_position) << "append " << i;
    versions[streams[i]] += n;
    EXPECT_EQ(r.stream_version, versions[streams[i]]) << "append " << i;
    next_position += n;
  }
  EXPECT_EQ(store->head().position, next_position - 1);

  uint64_t expect = 1;
  Hash prev{};
  std::map<std::string, uint64_t> seen;
  Status s = store->ReadForward(1, 0, [&](const RecordedEvent& ev) {
    EXPECT_EQ(ev.position(), expect++);
    EXPECT_EQ(ev.prev_hash(), prev) << "at " << ev.position();
    EXPECT_EQ(ev.stream_version(), ++seen[std::string(ev.stream_id())]) << "at " << ev.position();
    prev = ev.hash();
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(expect, next_position);
  EXPECT_EQ(seen, versions);
  EXPECT_EQ(prev, store->head().hash);
}

TEST(StoreTest, ReadForwardReadsExactlyTheRequestedRangeFromAnyPosition) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  for (int i = 0; i < 6; ++i)
    MustAppend(*store, Request("s" + std::to_string(i % 2), "k" + std::to_string(i), 1 + i % 3));
  const uint64_t head = store->head().position;
  ASSERT_EQ(head, 12u);
  for (uint64_t from = 1; from <= head; ++from) {
    for (uint64_t to = from; to <= head; ++to) {
      std::vector<uint64_t> got;
      Status s = store->ReadForward(from, to, [&](const RecordedEvent& ev) {
        got.push_back(ev.position());
        return true;
      });
      ASSERT_TRUE(s.ok()) << s.ToString();
      std::vector<uint64_t> want;
      for (uint64_t p = from; p <= to; ++p) want.push_back(p);
      EXPECT_EQ(got, want) << "[" << from << ", " << to << "]";
    }
    EXPECT_EQ(Log(*store, from, 0).size(), head - from + 1) << "to = 0 reads up to the head";
  }
  EXPECT_EQ(Log(*store, 0, 3).size(), 3u) << "from = 0 reads from the first event";
  EXPECT_TRUE(Log(*store, 9, 8).empty()) << "an empty range reads nothing";
}

TEST(StoreTest, ReadForwardStopsWhenTheCallbackReturnsFalse) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  MustAppend(*store, Request("a", "k", 10));
  std::vector<uint64_t> got;
  Status s = store->ReadForward(2, 0, [&](const RecordedEvent& ev) {
    got.push_back(ev.position());
    return got.size() < 3;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(got, (std::vector<uint64_t>{2, 3, 4}));
}

TEST(StoreTest, ReadOneOfAPositionPastTheHeadIsNotFound) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  MustAppend(*store, Request("a", "k", 2));
  auto ev = store->ReadOne(3);
  ASSERT_FALSE(ev.has_value());
  EXPECT_EQ(ev.error().code(), StatusCode::kNotFound);
  EXPECT_NE(ev.error().message().find("position 3"), std::string::npos) << ev.error().message();
}

TEST(StoreTest, ReadStreamReadsOneStreamFromAnyVersionAcrossAppends) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  // Stream "x" gets versions 1-2, 3, 4-6 in three appends, interleaved with "y" and "xx" (a
  // stream whose id has "x" as a prefix must not leak into "x").
  MustAppend(*store, Request("x", "k1", 2));
  MustAppend(*store, Request("y", "k2", 3));
  MustAppend(*store, Request("x", "k3", 1));
  MustAppend(*store, Request("xx", "k4", 2));
  MustAppend(*store, Request("x", "k5", 3));
  MustAppend(*store, Request("y", "k6", 1));
  for (uint64_t from = 0; from <= 8; ++from) {
    std::vector<uint64_t> want;
    for (uint64_t v = std::max<uint64_t>(from, 1); v <= 6; ++v) want.push_back(v);
    EXPECT_EQ(StreamVersions(*store, "x", from), want) << "from version " << from;
  }
  EXPECT_EQ(StreamVersions(*store, "y", 1), (std::vector<uint64_t>{1, 2, 3, 4}));
  EXPECT_EQ(StreamVersions(*store, "xx", 2), (std::vector<uint64_t>{2}));
  EXPECT_TRUE(StreamVersions(*store, "absent", 1).empty());

  std::vector<uint64_t> positions;
  Status s = store->ReadStream("x", 2, [&](const RecordedEvent& ev) {
    positions.push_back(ev.position());
    return positions.size() < 4;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(positions, (std::vector<uint64_t>{2, 6, 9, 10}))
      << "stream order, stopping when the callback says so";
}

TEST(StoreTest, StreamVersionIsZeroForAnUnknownStreamAndCountsItsEventsBeforeAndAfterReopen) {
  TempDir tmp;
  {
    auto store = OpenWriter(tmp.path());
    EXPECT_EQ(store->StreamVersion("a").value(), 0u);
    MustAppend(*store, Request("a", "k1", 3));
    MustAppend(*store, Request("b", "k2", 1));
    MustAppend(*store, Request("a", "k3", 2));
    EXPECT_EQ(store->StreamVersion("a").value(), 5u);
    EXPECT_EQ(store->StreamVersion("b").value(), 1u);
    EXPECT_EQ(store->StreamVersion("c").value(), 0u);
  }
  auto store = OpenWriter(tmp.path());
  EXPECT_EQ(store->StreamVersion("a").value(), 5u) << "read back from the stream index";
  EXPECT_EQ(store->StreamVersion("b").value(), 1u);
  EXPECT_EQ(store->StreamVersion("c").value(), 0u);
  EXPECT_EQ(store->StreamVersion("").value(), 0u);
}

// The writer caches stream versions in 65 536 direct-mapped slots (decision 63): with more
// streams than slots, some share a slot and push each other out. Every version must stay right
// whether it comes from the cache or from the stream index.
TEST(StoreTest, StreamVersionsStayRightWithMoreStreamsThanTheCacheHasSlots) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  constexpr size_t kStreams = 100'000;  // each slot is asked for by 1.5 streams on average
  auto stream = [](size_t i) { return "s" + std::to_string(i); };
  for (size_t from = 0; from < kStreams; from += 10'000) {
    std::vector<AppendRequest> batch;
    for (size_t i = from; i < from + 10'000; ++i)
      batch.push_back(Request(stream(i), "k" + std::to_string(i), 1, 0));
    auto r = store->AppendAll(std::move(batch));
    ASSERT_TRUE(r.has_value()) << r.error().ToString();
  }
  // Every 7th stream gets a second event, expecting version 1, in batches of 1 000.
  std::vector<AppendRequest> batch;
  for (size_t i = 0; i < kStreams; i += 7) {
    batch.push_back(Request(stream(i), "again" + std::to_string(i), 1, 1));
    if (batch.size() == 1'000 || i + 7 >= kStreams) {
      auto r = store->AppendAll(std::exchange(batch, {}));
      ASSERT_TRUE(r.has_value()) << r.error().ToString();
    }
  }
  for (size_t i = 0; i < kStreams; ++i)
    ASSERT_EQ(store->StreamVersion(stream(i)).value(), i % 7 == 0 ? 2u : 1u) << stream(i);
  // A stale cached version would let these through.
  for (size_t i = 0; i < kStreams; i += 7 * 1'001) {
    auto r = store->Append(Request(stream(i), "stale" + std::to_string(i), 1, 1));
    ASSERT_FALSE(r.has_value()) << stream(i);
    EXPECT_EQ(r.error().code(), StatusCode::kConflict) << r.error().ToString();
    EXPECT_NE(r.error().message().find("is at version 2"), std::string::npos)
        << r.error().ToString();
  }
  EXPECT_EQ(store->head().position, kStreams + (kStreams + 6) / 7);
}

TEST(StoreTest, ExpectingNoStreamOnAnExistingStreamIsAConflictNamingItsVersion) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  MustAppend(*store, Request("a", "k1", 3, kNoStream));
  auto r = store->Append(Request("a", "k2", 1, kNoStream));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), StatusCode::kConflict);
  EXPECT_NE(r.error().message().find("version 3"), std::string::npos) << r.error().message();
  EXPECT_EQ(store->head().position, 3u);
  EXPECT_FALSE(store->LookupIdempotency("k2").value().has_value());
}

TEST(StoreTest, AStaleExpectedVersionIsAConflictNamingTheCurrentVersionAndTheRightOneSucceeds) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  MustAppend(*store, Request("a", "k1", 2, kNoStream));
  MustAppend(*store, Request("a", "k2", 2, 2));
  for (uint64_t stale : {1u, 2u, 5u}) {
    auto r = store->Append(Request("a", "k-stale-" + std::to_string(stale), 1, stale));
    ASSERT_FALSE(r.has_value()) << "expected version " << stale;
    EXPECT_EQ(r.error().code(), StatusCode::kConflict);
    EXPECT_NE(r.error().message().find("at version 4"), std::string::npos) << r.error().message();
  }
  EXPECT_EQ(store->head().position, 4u);
  AppendResult ok = MustAppend(*store, Request("a", "k3", 1, 4));
  EXPECT_EQ(ok.stream_version, 5u);
  EXPECT_EQ(ok.first_position, 5u);
  // A stale retry of an unrelated stream is judged against that stream only.
  auto other = store->Append(Request("b", "k4", 1, 4));
  ASSERT_FALSE(other.has_value());
  EXPECT_NE(other.error().message().find("at version 0"), std::string::npos)
      << other.error().message();
}

TEST(StoreTest, ARetryWithTheSameKeyAndBodyReturnsTheOriginalResultAndWritesNothing) {
  TempDir tmp;
  {
    auto store = OpenWriter(tmp.path());
    MustAppend(*store, Request("other", "k0", 2));
    AppendResult first = MustAppend(*store, Request("a", "k1", 3, kNoStream));
    const Head before = store->head();

    // The retry carries the same key and body, even a now-stale expected version.
    AppendResult again = MustAppend(*store, Request("a", "k1", 3, kNoStream));
    EXPECT_TRUE(again.duplicate);
    EXPECT_EQ(again.first_position, first.first_position);
    EXPECT_EQ(again.count, first.count);
    EXPECT_EQ(again.stream_version, first.stream_version);
    EXPECT_EQ(store->head().position, before.position);
    EXPECT_EQ(store->head().hash, before.hash);
    EXPECT_EQ(store->head().recorded_at_us, before.recorded_at_us);
    EXPECT_EQ(CountEvents(*store), 5u);
    EXPECT_EQ(store->StreamVersion("a").value(), 3u);

    auto rec = store->LookupIdempotency("k1").value();
    ASSERT_TRUE(rec.has_value());
    EXPECT_EQ(rec->request_hash, HashOf("k1"));
    EXPECT_EQ(rec->first_position, 3u);
    EXPECT_EQ(rec->count, 3u);
  }
  // After a reopen the answer comes from the idempotency index on disk.
  auto store = OpenWriter(tmp.path());
  AppendResult again = MustAppend(*store, Request("a", "k1", 3, kNoStream));
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.first_position, 3u);
  EXPECT_EQ(again.count, 3u);
  EXPECT_EQ(again.stream_version, 3u);
  EXPECT_EQ(store->head().position, 5u);
}

TEST(StoreTest, ReusingAKeyWithADifferentBodyIsAConflictAndWritesNothing) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  MustAppend(*store, Request("a", "k1", 2));
  const Head before = store->head();
  AppendRequest changed = Request("a", "k1", 2);
  changed.request_hash = HashOf("another body");
  auto r = store->Append(std::move(changed));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), StatusCode::kConflict);
  EXPECT_NE(r.error().message().find("k1"), std::string::npos) << r.error().message();
  EXPECT_EQ(store->head().position, before.position);
  EXPECT_EQ(store->head().hash, before.hash);
  EXPECT_EQ(CountEvents(*store), 2u);
  EXPECT_EQ(store->LookupIdempotency("k1").value()->request_hash, HashOf("k1"))
      << "the original body's hash stays recorded";
}

TEST(StoreTest, ARepeatedKeyWithinOneAppendAllIsAnsweredFromTheBatchAndWrittenOnce) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  std::vector<AppendRequest> batch;
  batch.push_back(Request("a", "k1", 2));
  batch.push_back(Request("b", "k2", 1));
  batch.push_back(Request("a", "k1", 2));
  auto r = store->AppendAll(std::move(batch));
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_FALSE((*r)[0].duplicate);
  EXPECT_FALSE((*r)[1].duplicate);
  EXPECT_TRUE((*r)[2].duplicate);
  EXPECT_EQ((*r)[2].first_position, (*r)[0].first_position);
  EXPECT_EQ((*r)[2].count, 2u);
  EXPECT_EQ((*r)[2].stream_version, 2u);
  EXPECT_EQ(store->head().position, 3u);
  EXPECT_EQ(Log(*store), (std::vector<std::string>{"a@1#1", "a@2#2", "b@1#3"}));
}

TEST(StoreTest, ARepeatedKeyWithADifferentBodyWithinOneAppendAllFailsTheWholeBatch) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  std::vector<AppendRequest> batch;
  batch.push_back(Request("a", "k1", 2));
  batch.push_back(Request("b", "k1", 1));
  batch.back().request_hash = HashOf("different");
  auto r = store->AppendAll(std::move(batch));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), StatusCode::kConflict);
  EXPECT_EQ(store->head().position, 0u);
  EXPECT_EQ(CountEvents(*store), 0u);
  EXPECT_FALSE(store->LookupIdempotency("k1").value().has_value());
}

TEST(StoreTest, AppendAllChecksEachRequestAgainstTheEarlierOnesInTheSameBatch) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  std::vector<AppendRequest> batch;
  batch.push_back(Request("a", "k1", 2, kNoStream));
  batch.push_back(Request("b", "k2", 1, kNoStream));
  batch.push_back(Request("a", "k3", 3, 2));
  auto r = store->AppendAll(std::move(batch));
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_EQ((*r)[2].first_position, 4u);
  EXPECT_EQ((*r)[2].stream_version, 5u);
  EXPECT_EQ(store->StreamVersion("a").value(), 5u);
  EXPECT_EQ(StreamVersions(*store, "a", 1), (std::vector<uint64_t>{1, 2, 3, 4, 5}));
  // The next append knows both streams' versions (from the writer's cache of the batch's
  // streams): a stale expectation is refused, the right ones succeed.
  std::vector<AppendRequest> stale;
  stale.push_back(Request("a", "k4", 1, 2));
  auto refused = store->AppendAll(std::move(stale));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), StatusCode::kConflict);
  std::vector<AppendRequest> next;
  next.push_back(Request("b", "k5", 1, 1));
  next.push_back(Request("a", "k4", 1, 5));
  auto later = store->AppendAll(std::move(next));
  ASSERT_TRUE(later.has_value()) << later.error().ToString();
  EXPECT_EQ((*later)[0].stream_version, 2u);
  EXPECT_EQ((*later)[1].stream_version, 6u);
}

TEST(StoreTest, AppendAllWritesNothingWhenAnyRequestFails) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  MustAppend(*store, Request("existing", "k0", 1));
  const Head before = store->head();

  auto stale_last = [] {
    std::vector<AppendRequest> batch;
    batch.push_back(Request("a", "k1", 2));
    batch.push_back(Request("b", "k2", 1));
    batch.push_back(Request("existing", "k3", 1, kNoStream));  // conflict
    return batch;
  };
  auto empty_middle = [] {
    std::vector<AppendRequest> batch;
    batch.push_back(Request("a", "k1", 2));
    batch.push_back(Request("b", "k2", 0));  // no events
    batch.push_back(Request("c", "k3", 1));
    return batch;
  };
  auto stale_within_batch = [] {
    std::vector<AppendRequest> batch;
    batch.push_back(Request("a", "k1", 2, kNoStream));
    batch.push_back(Request("a", "k2", 1, kNoStream));  // "a" is at 2 by now
    return batch;
  };
  const std::vector<std::pair<std::vector<AppendRequest> (*)(), StatusCode>> cases = {
      {+stale_last, StatusCode::kConflict},
      {+empty_middle, StatusCode::kInvalidArgument},
      {+stale_within_batch, StatusCode::kConflict},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    auto r = store->AppendAll(cases[i].first());
    ASSERT_FALSE(r.has_value()) << "case " << i;
    EXPECT_EQ(r.error().code(), cases[i].second) << "case " << i << ": " << r.error().ToString();
    EXPECT_EQ(store->head().position, before.position) << "case " << i;
    EXPECT_EQ(store->head().hash, before.hash) << "case " << i;
    EXPECT_EQ(CountEvents(*store), 1u) << "case " << i;
    EXPECT_EQ(store->StreamVersion("a").value(), 0u) << "case " << i;
    EXPECT_EQ(store->StreamVersion("b").value(), 0u) << "case " << i;
    EXPECT_FALSE(store->LookupIdempotency("k1").value().has_value()) << "case " << i;
  }
  // The failed batches left nothing behind that a later append could trip over.
  AppendResult r = MustAppend(*store, Request("a", "k1", 2, kNoStream));
  EXPECT_EQ(r.first_position, 2u);
  EXPECT_FALSE(r.duplicate);
}

TEST(StoreTest, MalformedRequestsAreInvalidArgumentsAndWriteNothing) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  struct Case {
    const char* what;
    AppendRequest request;
  };
  std::vector<Case> cases;
  cases.push_back({"empty stream id", Request("", "k", 1)});
  cases.push_back({"stream id with a NUL", Request(std::string("a\0b", 3), "k", 1)});
  cases.push_back({"stream id with a newline", Request("a\nb", "k", 1)});
  cases.push_back({"stream id too long", Request(std::string(kStreamIdBytesMax + 1, 's'), "k", 1)});
  cases.push_back({"empty idempotency key", Request("a", "", 1)});
  cases.push_back(
      {"idempotency key too long", Request("a", std::string(kIdempotencyKeyBytesMax + 1, 'k'), 1)});
  cases.push_back({"no events", Request("a", "k", 0)});
  AppendRequest garbage = Request("a", "k", 1);
  garbage.events[0].payload = kj::heapArray<capnp::word>(1);  // segment table promising more
  auto bytes = garbage.events[0].payload.asPtr().asBytes();
  std::memset(bytes.begin(), 0xff, bytes.size());
  cases.push_back({"payload that does not decode", std::move(garbage)});
  for (auto& c : cases) {
    auto r = store->Append(std::move(c.request));
    ASSERT_FALSE(r.has_value()) << c.what;
    EXPECT_EQ(r.error().code(), StatusCode::kInvalidArgument)
        << c.what << ": " << r.error().ToString();
  }
  EXPECT_EQ(store->head().position, 0u);
  EXPECT_EQ(CountEvents(*store), 0u);
  // Limits are inclusive.
  MustAppend(*store, Request(std::string(kStreamIdBytesMax, 's'),
                             std::string(kIdempotencyKeyBytesMax, 'k'), 1));
  EXPECT_EQ(store->head().position, 1u);
}

TEST(StoreTest, ReopeningRestoresHeadHashStreamVersionsAndTheLog) {
  TempDir tmp;
  Head before;
  std::vector<std::string> log_before;
  {
    auto store = OpenWriter(tmp.path());
    MustAppend(*store, Request("a", "k1", 3));
    MustAppend(*store, Request("b", "k2", 2));
    MustAppend(*store, Request("a", "k3", 1));
    before = store->head();
    log_before = Log(*store);
  }
  auto store = OpenWriter(tmp.path());
  EXPECT_EQ(store->head().position, before.position);
  EXPECT_EQ(store->head().hash, before.hash);
  EXPECT_EQ(store->head().recorded_at_us, before.recorded_at_us);
  EXPECT_EQ(Log(*store), log_before);

  // The chain continues from the restored head; stream versions continue from the index.
  AppendResult r = MustAppend(*store, Request("a", "k4", 1, 4));
  EXPECT_EQ(r.first_position, 7u);
  EXPECT_EQ(r.stream_version, 5u);
  auto ev = store->ReadOne(7);
  ASSERT_TRUE(ev.has_value());
  EXPECT_EQ(ev->prev_hash(), before.hash);
  EXPECT_GT(ev->recorded_at_us(), before.recorded_at_us);
  auto report = store->VerifyChain();
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  EXPECT_EQ(report->events, 7u);
}

// A batch of kAppendSplitFromEvents events or more is looked up and encoded on two threads
// (decision 62). The
// same requests, as one such batch and one request at a time (one thread), give the same log:
// streams, versions, positions, types, payloads and results, with retries and repeated streams
// spread over both halves, and a chain that verifies. RecordedAtUs (the clock) and so the hashes
// differ between the two stores. `refusals`: the second thread is refused (decision 66), both
// halves then run on the caller's thread, with the same log.
void ExpectALargeBatchWritesTheSameLogAsOneRequestAtATime(int refusals) {
  auto requests = [] {
    std::vector<AppendRequest> v;
    for (int i = 0; i < 1500; ++i) {  // 3 000 events
      if (i % 97 == 50) {  // a retry of a request earlier in the batch, in either half
        v.push_back(Request("s" + std::to_string((i - 40) % 211), "k" + std::to_string(i - 40),
                            1 + (i - 40) % 3));
        continue;
      }
      v.push_back(Request("s" + std::to_string(i % 211), "k" + std::to_string(i), 1 + i % 3));
    }
    return v;
  };
  TempDir one_dir, many_dir;
  auto one = OpenWriter(one_dir.Sub("one"));
  auto many = OpenWriter(many_dir.Sub("many"));
  MustAppend(*one, Request("s5", "before", 2));  // a stream the batch then continues
  MustAppend(*many, Request("s5", "before", 2));
  const uint64_t refused_before = engine::testing::RefusedThreadStarts();
  engine::testing::RefuseThreadStarts(refusals);
  auto batched = one->AppendAll(requests());
  engine::testing::RefuseThreadStarts(0);
  ASSERT_TRUE(batched.has_value()) << batched.error().ToString();
  // The lookups and the encoding each asked for a thread: both refused, or neither.
  EXPECT_EQ(engine::testing::RefusedThreadStarts() - refused_before,
            static_cast<uint64_t>(refusals));
  std::vector<AppendResult> singly;
  for (auto& r : requests()) singly.push_back(MustAppend(*many, std::move(r)));
  ASSERT_EQ(batched->size(), singly.size());
  size_t duplicates = 0;
  for (size_t i = 0; i < singly.size(); ++i) {
    EXPECT_EQ((*batched)[i].first_position, singly[i].first_position) << i;
    EXPECT_EQ((*batched)[i].count, singly[i].count) << i;
    EXPECT_EQ((*batched)[i].stream_version, singly[i].stream_version) << i;
    EXPECT_EQ((*batched)[i].duplicate, singly[i].duplicate) << i;
    duplicates += singly[i].duplicate;
  }
  EXPECT_EQ(duplicates, 15u);
  EXPECT_GE(one->head().position, 2u + kAppendSplitFromEvents);
  std::vector<std::string> a, b;
  for (auto* store : {one.get(), many.get()}) {
    auto& out = store == one.get() ? a : b;
    Status st = store->ReadForward(1, 0, [&](const RecordedEvent& ev) {
      out.push_back(std::string(ev.stream_id()) + "@" + std::to_string(ev.stream_version()) +
                    "#" + std::to_string(ev.position()) + " " + std::string(ev.type()) + " " +
                    PayloadMarker(ev) + " " + std::string(ev.idempotency_key()));
      return true;
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
    auto report = store->VerifyChain();
    ASSERT_TRUE(report.has_value()) << report.error().ToString();
    EXPECT_EQ(report->events, store->head().position);
    EXPECT_EQ(report->head_hash, store->head().hash);
  }
  EXPECT_EQ(a, b);
  EXPECT_EQ(one->head().position, many->head().position);
  EXPECT_EQ(StreamVersions(*one, "s5", 1), StreamVersions(*many, "s5", 1));
}

TEST(StoreTest, ALargeBatchWritesTheSameLogAsOneRequestAtATime) {
  ExpectALargeBatchWritesTheSameLogAsOneRequestAtATime(0);
}

TEST(StoreTest, ALargeBatchWritesTheSameLogWhenItsSecondThreadIsRefused) {
  ExpectALargeBatchWritesTheSameLogAsOneRequestAtATime(2);
}

// A payload that does not decode in a large batch fails the whole batch and writes nothing; with
// bad payloads in both halves, the error names the first in the log.
TEST(StoreTest, ABadPayloadInEitherHalfOfALargeBatchFailsItWhole) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  MustAppend(*store, Request("a", "first", 1));
  const Head before = store->head();
  auto garbage = [](AppendRequest& r, uint8_t fill) {
    r.events[0].payload = kj::heapArray<capnp::word>(1);
    auto bytes = r.events[0].payload.asPtr().asBytes();
    std::memset(bytes.begin(), fill, bytes.size());
  };
  for (int refusals : {0, 2})  // with the second thread, and without it (decision 66)
  for (int bad_halves : {1, 2}) {
    SCOPED_TRACE("refusals " + std::to_string(refusals));
    std::vector<AppendRequest> v;
    for (int i = 0; i < 3000; ++i)
      v.push_back(Request("s" + std::to_string(i), "k" + std::to_string(i), 1));
    ASSERT_GE(v.size(), kAppendSplitFromEvents);
    garbage(v[2900], 0xff);                     // the upper half
    if (bad_halves == 2) garbage(v[100], 0x7f);  // and the lower one
    engine::testing::RefuseThreadStarts(refusals);
    auto r = store->AppendAll(std::move(v));
    engine::testing::RefuseThreadStarts(0);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), StatusCode::kInvalidArgument) << r.error().ToString();
    EXPECT_NE(r.error().message().find("payload does not decode"), std::string::npos);
    if (bad_halves == 2) {
      // Event 101 of the batch (position 102) comes first: its error is the one reported.
      std::vector<AppendRequest> lower_only;
      for (int i = 0; i < 3000; ++i)
        lower_only.push_back(Request("s" + std::to_string(i), "k" + std::to_string(i), 1));
      garbage(lower_only[100], 0x7f);
      auto expected = store->AppendAll(std::move(lower_only));
      ASSERT_FALSE(expected.has_value());
      EXPECT_EQ(r.error().message(), expected.error().message());
    }
    EXPECT_EQ(store->head().position, before.position);
    EXPECT_EQ(store->head().hash, before.hash);
    EXPECT_EQ(CountEvents(*store), 1u);
    EXPECT_FALSE(store->LookupIdempotency("k0").value().has_value());
    EXPECT_EQ(store->StreamVersion("s2900").value(), 0u);
  }
}

TEST(StoreTest, VerifyChainAcceptsAnEmptyStoreAndAGoodOneAndReportsTheHeadHash) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  auto empty = store->VerifyChain();
  ASSERT_TRUE(empty.has_value()) << empty.error().ToString();
  EXPECT_EQ(empty->events, 0u);
  EXPECT_EQ(empty->head_hash, Hash{});

  for (int i = 0; i < 40; ++i)
    MustAppend(*store, Request("s" + std::to_string(i % 7), "k" + std::to_string(i), 1 + i % 4));
  auto report = store->VerifyChain();
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  EXPECT_EQ(report->events, store->head().position);
  EXPECT_EQ(report->head_hash, store->head().hash);
  EXPECT_EQ(HashHex(report->head_hash).size(), 64u);
}

TEST(StoreTest, VerifyChainSucceedsWhileAnotherThreadAppends) {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  std::atomic<bool> done = false;
  std::thread writer([&] {
    for (int i = 0; i < 300; ++i)
      MustAppend(*store, Request("s" + std::to_string(i % 5), "k" + std::to_string(i), 1 + i % 3));
    done = true;
  });
  int verified = 0;
  while (!done) {
    auto report = store->VerifyChain();
    EXPECT_TRUE(report.has_value()) << report.error().ToString();
    if (!report) break;  // not ASSERT: the writer thread must be joined first
    ++verified;
  }
  writer.join();
  EXPECT_GT(verified, 0);
  auto report = store->VerifyChain();
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  EXPECT_EQ(report->events, 600u);
}

TEST(StoreTest, RecordedAtIncreasesStrictlyFromEventToEventAcrossAppendsAndReopens) {
  TempDir tmp;
  for (int session = 0; session < 2; ++session) {
    auto store = OpenWriter(tmp.path());
    for (int i = 0; i < 20; ++i)
      MustAppend(*store,
                 Request("a", "k" + std::to_string(session) + "-" + std::to_string(i), 1 + i % 5));
  }
  auto store = OpenWriter(tmp.path());
  int64_t last = 0;
  uint64_t n = 0;
  Status s = store->ReadForward(1, 0, [&](const RecordedEvent& ev) {
    EXPECT_GT(ev.recorded_at_us(), last) << "at position " << ev.position();
    last = ev.recorded_at_us();
    ++n;
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(n, 120u);
  EXPECT_EQ(store->head().recorded_at_us, last);
  EXPECT_GT(last, int64_t{1'600'000'000} * 1'000'000) << "microseconds since the Unix epoch";
}

TEST(StoreTest, AReadOnlyOpenSeesTheDataAndRefusesToWrite) {
  TempDir tmp;
  auto writer = OpenWriter(tmp.path());
  MustAppend(*writer, Request("a", "k1", 4));
  ASSERT_TRUE(writer->PutCheckpoint("proj", "at-4").ok());

  OpenOptions ro;
  ro.read_only = true;
  auto reader = Store::Open(tmp.path(), ro);  // no lock: the writer may stay open
  ASSERT_TRUE(reader.has_value()) << reader.error().ToString();
  Store& store = **reader;
  EXPECT_TRUE(store.read_only());
  EXPECT_FALSE(writer->read_only());
  EXPECT_EQ(store.head().position, 4u);
  EXPECT_EQ(store.head().hash, writer->head().hash);
  EXPECT_EQ(CountEvents(store), 4u);
  EXPECT_EQ(StreamVersions(store, "a", 3), (std::vector<uint64_t>{3, 4}));
  EXPECT_EQ(store.StreamVersion("a").value(), 4u);
  EXPECT_EQ(store.GetCheckpoint("proj").value(), std::optional<std::string>("at-4"));
  EXPECT_TRUE(store.VerifyChain().has_value());

  auto r = store.Append(Request("a", "k2", 1));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.error().message().find("read-only"), std::string::npos) << r.error().message();
  Status cp = store.PutCheckpoint("proj", "x");
  EXPECT_EQ(cp.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(writer->head().position, 4u);
  EXPECT_EQ(writer->GetCheckpoint("proj").value(), std::optional<std::string>("at-4"));
}

TEST(StoreTest, ASecondWriterInTheSameProcessIsBusyAndNamesThisPid) {
  TempDir tmp;
  auto first = OpenWriter(tmp.path());
  ASSERT_NE(first, nullptr);
  OpenOptions o;
  o.create_if_missing = true;
  auto second = Store::Open(tmp.path(), o);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code(), StatusCode::kBusy);
  EXPECT_NE(second.error().message().find("store in use by PID " + std::to_string(getpid())),
            std::string::npos)
      << second.error().message();
  // The refused open did not disturb the holder.
  MustAppend(*first, Request("a", "k", 1));
  EXPECT_EQ(first->head().position, 1u);
}

TEST(StoreTest, TheWriterLockIsReleasedWhenTheStoreCloses) {
  TempDir tmp;
  {
    auto first = OpenWriter(tmp.path());
    MustAppend(*first, Request("a", "k", 1));
  }
  auto second = OpenWriter(tmp.path());
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->head().position, 1u);
}

TEST(StoreTest, OpeningAMissingStoreWithoutCreateIfMissingIsNotFound) {
  TempDir tmp;
  const std::string dir = tmp.Sub("nothing-here");
  auto writer = Store::Open(dir, OpenOptions{});
  ASSERT_FALSE(writer.has_value());
  EXPECT_EQ(writer.error().code(), StatusCode::kNotFound);
  EXPECT_NE(writer.error().message().find(dir), std::string::npos) << writer.error().message();
  OpenOptions ro;
  ro.read_only = true;
  ro.create_if_missing = true;  // ignored for a reader: it never creates
  auto reader = Store::Open(dir, ro);
  ASSERT_FALSE(reader.has_value());
  EXPECT_EQ(reader.error().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir)) << "a refused open creates nothing";
}

TEST(StoreTest, CheckpointsRoundTripAndSurviveAReopen) {
  TempDir tmp;
  {
    auto store = OpenWriter(tmp.path());
    EXPECT_FALSE(store->GetCheckpoint("balances").value().has_value());
    ASSERT_TRUE(store->PutCheckpoint("balances", std::string("\0\x01pos", 5)).ok());
    ASSERT_TRUE(store->PutCheckpoint("balances", "v2").ok());
    ASSERT_TRUE(store->PutCheckpoint("receipts", "r").ok());
  }
  auto store = OpenWriter(tmp.path());
  EXPECT_EQ(store->GetCheckpoint("balances").value(), std::optional<std::string>("v2"));
  EXPECT_EQ(store->GetCheckpoint("receipts").value(), std::optional<std::string>("r"));
  EXPECT_EQ(store->head().position, 0u) << "checkpoints are not events";
}

TEST(StoreTest, ABackupIsAVerifiableStoreWithTheSameHead) {
  TempDir tmp;
  auto store = OpenWriter(tmp.Sub("live"));
  for (int i = 0; i < 10; ++i) MustAppend(*store, Request("a", "k" + std::to_string(i), 3));
  auto backup = store->Backup(tmp.Sub("copy"));
  ASSERT_TRUE(backup.has_value()) << backup.error().ToString();
  EXPECT_EQ(backup->events, 30u);
  EXPECT_EQ(backup->head.position, 30u);
  EXPECT_EQ(backup->head.hash, store->head().hash);
  auto again = store->Backup(tmp.Sub("copy"));
  ASSERT_FALSE(again.has_value()) << "the target must not exist";
  EXPECT_EQ(again.error().code(), StatusCode::kInvalidArgument);
  MustAppend(*store, Request("a", "later", 1));

  OpenOptions ro;
  ro.read_only = true;
  auto copy = Store::Open(tmp.Sub("copy"), ro);
  ASSERT_TRUE(copy.has_value()) << copy.error().ToString();
  EXPECT_EQ((*copy)->head().position, 30u);
  auto report = (*copy)->VerifyChain();
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  EXPECT_EQ(report->events, 30u);
}

TEST(StoreTest, ABackupFromAReadOnlyOpenCopiesItsInstantWhileTheWriterKeepsAppending) {
  TempDir tmp;
  auto writer = OpenWriter(tmp.Sub("live"));
  for (int i = 0; i < 10; ++i) MustAppend(*writer, Request("s" + std::to_string(i % 3),
                                                           "k" + std::to_string(i), 2));
  ASSERT_TRUE(writer->PutCheckpoint("proj", "at-20").ok());
  OpenOptions ro;
  ro.read_only = true;
  auto reader = Store::Open(tmp.Sub("live"), ro);
  ASSERT_TRUE(reader.has_value()) << reader.error().ToString();
  MustAppend(*writer, Request("s0", "after-the-open", 5));  // not in the reader's instant

  auto backup = (*reader)->Backup(tmp.Sub("nested/copy"));
  ASSERT_TRUE(backup.has_value()) << backup.error().ToString();
  EXPECT_EQ(backup->events, 20u);
  EXPECT_EQ(backup->head.hash, (*reader)->head().hash);
  EXPECT_FALSE(std::filesystem::exists(tmp.Sub("nested/copy.partial-" + std::to_string(getpid()))));

  // The copy is a whole store: stream index, idempotency index and checkpoints came along,
  // and a writer continues its chain.
  auto copy = OpenWriter(tmp.Sub("nested/copy"));
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->StreamVersion("s0").value(), 8u);
  EXPECT_EQ(copy->GetCheckpoint("proj").value(), std::optional<std::string>("at-20"));
  auto retry = copy->Append(Request("s1", "k1", 2));
  ASSERT_TRUE(retry.has_value());
  EXPECT_TRUE(retry->duplicate);
  MustAppend(*copy, Request("s0", "on-the-copy", 1));
  EXPECT_EQ(copy->head().position, 21u);
  EXPECT_TRUE(copy->VerifyChain().has_value());
}

TEST(StoreTest, AFailedBackupLeavesNothingBehind) {
  TempDir tmp;
  auto store = OpenWriter(tmp.Sub("live"));
  MustAppend(*store, Request("a", "k", 2));
  {
    std::FILE* f = std::fopen(tmp.Sub("a-file").c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fclose(f);
  }
  auto r = store->Backup(tmp.Sub("a-file/copy"));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), StatusCode::kIOError) << r.error().ToString();
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(tmp.path())) ++entries;
  EXPECT_EQ(entries, 2u) << "only live/ and a-file";
}

TEST(StoreTest, EncodeU64IsBigEndianSoKeysSortByPosition) {
  EXPECT_EQ(EncodeU64(1), std::string("\0\0\0\0\0\0\0\x01", 8));
  EXPECT_EQ(EncodeU64(0x0102030405060708ull), "\x01\x02\x03\x04\x05\x06\x07\x08");
  EXPECT_LT(EncodeU64(255), EncodeU64(256));
  EXPECT_EQ(DecodeU64(EncodeU64(0xfedcba9876543210ull)), 0xfedcba9876543210ull);
}

}  // namespace
}  // namespace fij::engine
