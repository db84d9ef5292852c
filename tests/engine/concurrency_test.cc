// Readers beside a live writer in another process (engine/store.h): a forked child appends
// synced batches of 1..50 events while this process opens the store read-only again and again.
// Every open must see a prefix of the log: positions gap-free from 1, whole batches only (each
// event carries its batch number, index and batch size), the hash chain verifying, and at least
// every batch the child had acknowledged before the open began. (A second writer is refused
// with the holder's PID: crash_test.cc and cli_test.cc cover that across processes.)
#include <capnp/serialize.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>

#include "engine/envelope.capnp.h"
#include "engine/store.h"
#include "tests/test_util.h"

namespace fij::engine {
namespace {

using fij::testing::TempDir;

constexpr size_t kBatchEventsMax = 50;
constexpr auto kReadingFor = std::chrono::milliseconds(2500);
constexpr int kReaderOpensMin = 20;
constexpr uint64_t kNoAck = UINT64_MAX;

size_t BatchSize(uint64_t i) { return 1 + (i * 7919 + 13) % kBatchEventsMax; }

// "b<batch>/<index>/<size>"
std::string Marker(uint64_t batch, size_t j) {
  return "b" + std::to_string(batch) + "/" + std::to_string(j) + "/" +
         std::to_string(BatchSize(batch));
}

enum ChildExit : int { kOpenFailed = 10, kAppendFailed = 11, kPipeFailed = 12 };

// The child: opens the writer, acks kNoAck once open, then appends batch 0, 1, ... (each
// synced), acking each after Append returns, until a byte arrives on `stop_fd`.
[[noreturn]] void RunWriter(const std::string& dir, int ack_fd, int stop_fd) {
  auto store = Store::Open(dir, OpenOptions{.create_if_missing = true});
  if (!store) _exit(kOpenFailed);
  uint64_t ack = kNoAck;
  if (write(ack_fd, &ack, sizeof(ack)) != sizeof(ack)) _exit(kPipeFailed);
  for (uint64_t i = 0;; ++i) {
    char c;
    if (read(stop_fd, &c, 1) == 1) break;  // non-blocking
    AppendRequest r;
    r.stream_id = "batch-" + std::to_string(i);
    r.expected_version = kNoStream;
    r.actor = "writer";
    r.idempotency_key = r.stream_id;
    for (size_t j = 0; j < BatchSize(i); ++j) {
      capnp::MallocMessageBuilder mb;
      mb.initRoot<Envelope>().setActor(Marker(i, j));
      NewEvent e;
      e.type = "Tagged";
      e.payload = capnp::messageToFlatArray(mb);
      r.events.push_back(std::move(e));
    }
    if (!(*store)->Append(std::move(r))) _exit(kAppendFailed);
    if (write(ack_fd, &i, sizeof(i)) != sizeof(i)) _exit(kPipeFailed);
  }
  store->reset();
  _exit(0);
}

// What one read-only open saw, checked: the number of whole batches and the head position.
struct View {
  uint64_t batches = 0;
  uint64_t head = 0;
};

void CheckView(const std::string& dir, View* view) {
  auto store = Store::Open(dir, OpenOptions{.read_only = true});
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  const Head head = (*store)->head();
  uint64_t batch = 0, j = 0, events = 0;
  Status s = (*store)->ReadForward(1, head.position, [&](const RecordedEvent& ev) {
    auto m = ev.payload().getAs<Envelope>().getActor();
    std::string marker(m.begin(), m.size());
    EXPECT_EQ(marker, Marker(batch, j)) << "position " << ev.position();
    EXPECT_EQ(ev.stream_id(), "batch-" + std::to_string(batch));
    ++events;
    if (++j == BatchSize(batch)) {
      ++batch;
      j = 0;
    }
    return true;
  });
  ASSERT_TRUE(s.ok()) << s.ToString();  // ReadForward itself refuses a gap
  EXPECT_EQ(events, head.position);
  EXPECT_EQ(j, 0u) << "a partial batch is visible at head " << head.position;
  auto verified = (*store)->VerifyChain();
  ASSERT_TRUE(verified.has_value()) << verified.error().ToString();
  EXPECT_EQ(verified->head_hash, head.hash);
  view->batches = batch;
  view->head = head.position;
}

TEST(ConcurrencyTest, ReadersOpenedWhileAnotherProcessAppendsSeeAWholeVerifiedPrefix) {
  TempDir tmp;
  const std::string dir = tmp.Sub("store");
  int acks[2], stop[2];
  ASSERT_EQ(pipe(acks), 0);
  ASSERT_EQ(pipe(stop), 0);
  ASSERT_EQ(fcntl(stop[0], F_SETFL, O_NONBLOCK), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0) << strerror(errno);
  if (pid == 0) {
    close(acks[0]);
    close(stop[1]);
    RunWriter(dir, acks[1], stop[0]);
  }
  close(acks[1]);
  close(stop[0]);
  uint64_t ack = 0;
  ASSERT_EQ(read(acks[0], &ack, sizeof(ack)), static_cast<ssize_t>(sizeof(ack)));
  ASSERT_EQ(ack, kNoAck) << "the writer did not open";
  ASSERT_EQ(fcntl(acks[0], F_SETFL, O_NONBLOCK), 0);

  uint64_t acked = 0;  // batches 0..acked-1 acknowledged so far
  auto drain = [&] {
    uint64_t a;
    while (read(acks[0], &a, sizeof(a)) == static_cast<ssize_t>(sizeof(a))) acked = a + 1;
  };
  const auto t0 = std::chrono::steady_clock::now();
  View last;
  int opens = 0, opens_mid_stream = 0;
  while (opens < kReaderOpensMin || std::chrono::steady_clock::now() - t0 < kReadingFor) {
    drain();
    const uint64_t acked_before_open = acked;
    View v;
    CheckView(dir, &v);
    if (HasFatalFailure()) break;
    ++opens;
    EXPECT_GE(v.batches, acked_before_open) << "an acknowledged batch is missing";
    EXPECT_GE(v.head, last.head) << "a later open saw less";
    drain();
    if (v.batches < acked) ++opens_mid_stream;  // the writer moved on during this read
    last = v;
  }
  (void)!write(stop[1], "s", 1);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "writer status " << status;
  ASSERT_EQ(fcntl(acks[0], F_SETFL, 0), 0);
  drain();
  close(acks[0]);
  close(stop[1]);
  ASSERT_FALSE(HasFatalFailure());
  View final_view;
  CheckView(dir, &final_view);
  EXPECT_EQ(final_view.batches, acked) << "the closed store holds exactly the acknowledged batches";
  EXPECT_GE(opens, kReaderOpensMin);
  EXPECT_GT(acked, 10u) << "the writer barely wrote: the test proved little";
  EXPECT_GT(opens_mid_stream, 0) << "no read overlapped an append";
  std::printf("[ concurrency ] %d read-only opens, %d overlapping appends; %llu batches, %llu "
              "events written\n",
              opens, opens_mid_stream, static_cast<unsigned long long>(acked),
              static_cast<unsigned long long>(final_view.head));
}

}  // namespace
}  // namespace fij::engine
