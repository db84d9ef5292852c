// Fault injection for engine/store.h: the disk fills up (mid-append, as a torn write), fsync
// reports ENOSPC, the file system turns read-only (tests/engine/fault_fs.h). CI runs as root,
// which ignores file permissions, so the faults come from a RocksDB FileSystem, not chmod.
// Each test checks what an operator relies on: a clear IOError naming the cause and the store,
// nothing partial after a reopen on the normal file system, the chain verifies, every
// acknowledged event is there, and the store works again once the fault is gone.
#include <capnp/serialize.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/envelope.capnp.h"
#include "engine/store.h"
#include "tests/engine/fault_fs.h"
#include "tests/test_util.h"

namespace fij::engine {
namespace {

using fij::testing::TempDir;
using testing::Fault;
using testing::FaultFileSystem;

constexpr size_t kBatchEventsMax = 50;

// Append i writes 1..50 events to stream "b<i>" under key "k<i>"; event j carries "b<i>/<j>".
AppendRequest Batch(uint64_t i) {
  AppendRequest r;
  r.stream_id = "b" + std::to_string(i);
  r.expected_version = kNoStream;
  r.actor = "fault";
  r.idempotency_key = "k" + std::to_string(i);
  r.request_hash[0] = static_cast<uint8_t>(i);
  r.request_hash[1] = static_cast<uint8_t>(i >> 8);
  const size_t n = 1 + (i * 7919) % kBatchEventsMax;
  for (size_t j = 0; j < n; ++j) {
    capnp::MallocMessageBuilder mb;
    mb.initRoot<Envelope>().setActor(r.stream_id + "/" + std::to_string(j));
    NewEvent e;
    e.type = "Filled";
    e.payload = capnp::messageToFlatArray(mb);
    r.events.push_back(std::move(e));
  }
  return r;
}
size_t BatchSize(uint64_t i) { return 1 + (i * 7919) % kBatchEventsMax; }

std::unique_ptr<Store> Open(const std::string& dir, rocksdb::Env* env) {
  OpenOptions o;
  o.create_if_missing = true;
  o.env = env;  // sync_writes stays on: the WAL sync is what a fault must not fool
  auto s = Store::Open(dir, o);
  EXPECT_TRUE(s.has_value()) << s.error().ToString();
  return s ? std::move(*s) : nullptr;
}

// After a reopen on the normal file system: the head is exactly the acknowledged batches
// 0..acked-1, each wholly present at its position with its markers, the chain verifies, and
// batch `failed` (if any) left no event, stream row or idempotency row.
void ExpectExactlyTheAcknowledgedBatches(const std::string& dir, uint64_t acked,
                                         std::optional<uint64_t> failed) {
  OpenOptions ro;
  ro.read_only = true;
  auto store = Store::Open(dir, ro);
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  uint64_t expected_head = 0;
  for (uint64_t i = 0; i < acked; ++i) expected_head += BatchSize(i);
  EXPECT_EQ((*store)->head().position, expected_head);
  auto verified = (*store)->VerifyChain();
  ASSERT_TRUE(verified.has_value()) << verified.error().ToString();
  EXPECT_EQ(verified->events, expected_head);
  uint64_t batch = 0, j = 0;
  Status s = (*store)->ReadForward(1, 0, [&](const RecordedEvent& ev) {
    auto marker = ev.payload().getAs<Envelope>().getActor();
    EXPECT_EQ(std::string(marker.begin(), marker.size()),
              "b" + std::to_string(batch) + "/" + std::to_string(j))
        << "at position " << ev.position();
    if (++j == BatchSize(batch)) {
      ++batch;
      j = 0;
    }
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(batch, acked);
  EXPECT_EQ(j, 0u) << "a partial batch is visible";
  if (failed) {
    EXPECT_EQ((*store)->StreamVersion("b" + std::to_string(*failed)).value(), 0u);
    auto key = (*store)->LookupIdempotency("k" + std::to_string(*failed));
    ASSERT_TRUE(key.has_value());
    EXPECT_FALSE(key->has_value()) << "the failed batch's idempotency row was written";
  }
}

// `fij checkpoint` writes the state and balance checkpoints with one PutCheckpoints: when the
// disk fills up after the first value's bytes, neither new value is there after a reopen (two
// separate writes would leave the first new and the second old, at different positions).
TEST(FaultTest, CheckpointsWrittenTogetherAreAllNewOrAllOldWhenTheDiskFillsUp) {
  TempDir tmp;
  const std::string dir = tmp.Sub("store");
  auto [fs, env] = FaultFileSystem::Make();
  const std::string new_a(40'000, 'a'), new_b(40'000, 'b');
  {
    auto store = Open(dir, env.get());
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->Append(Batch(0)).has_value());
    ASSERT_TRUE(store->PutCheckpoints({{"a", "old-a"}, {"b", "old-b"}}).ok());
    fs->FailAfterBytes(50'000);  // room for one new value, not for both
    Status s = store->PutCheckpoints({{"a", new_a}, {"b", new_b}});
    EXPECT_EQ(s.code(), StatusCode::kIOError) << s.ToString();
    EXPECT_GT(fs->faults_injected(), 0u);
  }
  fs->Clear();
  auto store = Open(dir, env.get());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->GetCheckpoint("a").value(), std::optional<std::string>("old-a"));
  EXPECT_EQ(store->GetCheckpoint("b").value(), std::optional<std::string>("old-b"));
  // With room, both are written.
  ASSERT_TRUE(store->PutCheckpoints({{"a", new_a}, {"b", new_b}}).ok());
  EXPECT_EQ(store->GetCheckpoint("a").value(), std::optional<std::string>(new_a));
  EXPECT_EQ(store->GetCheckpoint("b").value(), std::optional<std::string>(new_b));
}

TEST(FaultTest, ADiskFillingUpMidAppendFailsItWithDiskFullAndLeavesNoPartOfIt) {
  // Budgets from 0 to ~30 KB land the torn write at different offsets of a WAL record (a
  // 50-event batch is about 15 KB), including on the first byte.
  for (uint64_t budget : {0, 1, 100, 4'000, 9'000, 15'000, 30'000}) {
    SCOPED_TRACE("budget " + std::to_string(budget));
    TempDir tmp;
    const std::string dir = tmp.Sub("store");
    auto [fs, env] = FaultFileSystem::Make();
    uint64_t acked = 0;
    uint64_t failed = 0;
    {
      auto store = Open(dir, env.get());
      ASSERT_NE(store, nullptr);
      for (; acked < 3; ++acked) ASSERT_TRUE(store->Append(Batch(acked)).has_value());
      fs->FailAfterBytes(budget);
      for (;;) {
        auto r = store->Append(Batch(acked));
        if (!r) {
          failed = acked;
          EXPECT_EQ(r.error().code(), StatusCode::kIOError);
          EXPECT_NE(r.error().message().find("disk full"), std::string::npos) << r.error().message();
          EXPECT_NE(r.error().message().find(dir), std::string::npos) << r.error().message();
          break;
        }
        ASSERT_FALSE(r->duplicate);
        ASSERT_LT(++acked, 100u) << "the budget never ran out";
      }
      EXPECT_GT(fs->faults_injected(), 0u);
      const Head head_at_failure = store->head();
      // The same handle refuses further writes, even once space is back: reopen first.
      fs->Clear();
      auto again = store->Append(Batch(failed));
      ASSERT_FALSE(again.has_value());
      EXPECT_EQ(again.error().code(), StatusCode::kIOError);
      EXPECT_NE(again.error().message().find("reopen"), std::string::npos)
          << again.error().message();
      EXPECT_NE(again.error().message().find("disk full"), std::string::npos);
      EXPECT_FALSE(store->PutCheckpoint("x", "y").ok());
      EXPECT_EQ(store->head().position, head_at_failure.position);
    }
    ExpectExactlyTheAcknowledgedBatches(dir, acked, failed);
    if (HasFatalFailure()) return;
    // With space back, a reopened writer takes the failed batch again, then more.
    auto store = Open(dir, env.get());
    ASSERT_NE(store, nullptr);
    auto retry = store->Append(Batch(failed));
    ASSERT_TRUE(retry.has_value()) << retry.error().ToString();
    EXPECT_FALSE(retry->duplicate);
    ASSERT_TRUE(store->Append(Batch(failed + 1)).has_value());
    store.reset();
    ExpectExactlyTheAcknowledgedBatches(dir, failed + 2, std::nullopt);
  }
}

TEST(FaultTest, AFailedSyncLeavesTheBatchWhollyPresentOrAbsentAndARetryWritesItOnce) {
  TempDir tmp;
  const std::string dir = tmp.Sub("store");
  auto [fs, env] = FaultFileSystem::Make();
  {
    auto store = Open(dir, env.get());
    ASSERT_NE(store, nullptr);
    for (uint64_t i = 0; i < 2; ++i) ASSERT_TRUE(store->Append(Batch(i)).has_value());
    fs->Set(Fault::kSyncFails);
    auto r = store->Append(Batch(2));
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message().find("disk full"), std::string::npos) << r.error().message();
    EXPECT_NE(r.error().message().find("run the command again"), std::string::npos);
    fs->Clear();
  }
  // The bytes reached the file before the sync failed: after a reopen the batch may be there;
  // either way it is whole, and repeating the append (same key and body) leaves one copy.
  auto store = Open(dir, nullptr);
  ASSERT_NE(store, nullptr);
  const uint64_t before = store->head().position;
  const uint64_t two = BatchSize(0) + BatchSize(1);
  ASSERT_TRUE(before == two || before == two + BatchSize(2)) << before;
  auto retry = store->Append(Batch(2));
  ASSERT_TRUE(retry.has_value()) << retry.error().ToString();
  EXPECT_EQ(retry->duplicate, before != two);
  EXPECT_EQ(retry->first_position, two + 1);
  store.reset();
  ExpectExactlyTheAcknowledgedBatches(dir, 3, std::nullopt);
}

TEST(FaultTest, AFileSystemTurningReadOnlyFailsWritesNamingItAndLosesNothing) {
  TempDir tmp;
  const std::string dir = tmp.Sub("store");
  auto [fs, env] = FaultFileSystem::Make();
  {
    auto store = Open(dir, env.get());
    ASSERT_NE(store, nullptr);
    for (uint64_t i = 0; i < 4; ++i) ASSERT_TRUE(store->Append(Batch(i)).has_value());
    fs->Set(Fault::kReadOnly);
    auto r = store->Append(Batch(4));
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), StatusCode::kIOError);
    EXPECT_NE(r.error().message().find("read-only file system"), std::string::npos)
        << r.error().message();
    EXPECT_NE(r.error().message().find(dir), std::string::npos) << r.error().message();
    // Reads still work on the same handle.
    EXPECT_TRUE(store->VerifyChain().has_value());
    Status cp = store->PutCheckpoint("proj", "x");
    EXPECT_EQ(cp.code(), StatusCode::kIOError);
  }
  {
    // While it stays read-only: a writer cannot open (a clear IOError), a reader can.
    auto writer = Store::Open(dir, OpenOptions{.env = env.get()});
    ASSERT_FALSE(writer.has_value());
    EXPECT_EQ(writer.error().code(), StatusCode::kIOError);
    EXPECT_NE(writer.error().message().find("read-only file system"), std::string::npos)
        << writer.error().message();
    EXPECT_NE(writer.error().message().find(dir), std::string::npos);
    auto reader = Store::Open(dir, OpenOptions{.read_only = true, .env = env.get()});
    ASSERT_TRUE(reader.has_value()) << reader.error().ToString();
    EXPECT_TRUE((*reader)->VerifyChain().has_value());
  }
  fs->Clear();
  ExpectExactlyTheAcknowledgedBatches(dir, 4, 4);
  if (HasFatalFailure()) return;
  auto store = Open(dir, env.get());
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Append(Batch(4)).has_value());
  store.reset();
  ExpectExactlyTheAcknowledgedBatches(dir, 5, std::nullopt);
}

TEST(FaultTest, AppendAllUnderADiskFullWritesNoneOfItsAppends) {
  TempDir tmp;
  const std::string dir = tmp.Sub("store");
  auto [fs, env] = FaultFileSystem::Make();
  {
    auto store = Open(dir, env.get());
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->Append(Batch(0)).has_value());
    std::vector<AppendRequest> many;
    for (uint64_t i = 1; i <= 10; ++i) many.push_back(Batch(i));
    fs->FailAfterBytes(20'000);  // well inside the ~60 KB WriteBatch
    auto r = store->AppendAll(std::move(many));
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message().find("disk full"), std::string::npos) << r.error().message();
  }
  ExpectExactlyTheAcknowledgedBatches(dir, 1, 1);
  OpenOptions ro;
  ro.read_only = true;
  auto store = Store::Open(dir, ro);
  ASSERT_TRUE(store.has_value());
  for (uint64_t i = 1; i <= 10; ++i)
    EXPECT_EQ((*store)->StreamVersion("b" + std::to_string(i)).value(), 0u) << i;
}

}  // namespace
}  // namespace fij::engine
