// ledger::ScanDecoded hands decoded events from a scanning thread to the caller in log order,
// stops when asked, and reports a broken log at its position with every earlier event delivered.
#include "ledger/scan.h"

#include <gtest/gtest.h>

#include <string>

#include "ledger/codec.h"
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
  {
    auto store = Open(false);
    ASSERT_TRUE(store->Backup(copy.Sub("b")).has_value());
  }
  engine::OpenOptions o;
  auto store = engine::Store::Open(copy.Sub("b"), o);
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  ASSERT_TRUE((*store)->RawDeleteEventForTest(7000).ok());
  uint64_t last_seen = 0;
  auto s = ledger::ScanDecoded(**store, 1, 0, [&](ledger::DecodedEvent& d) {
    EXPECT_EQ(last_seen + 1, d.position);
    last_seen = d.position;
    return true;
  });
  ASSERT_FALSE(s.ok());
  EXPECT_NE(std::string::npos, s.message().find("7000")) << s.ToString();
  EXPECT_EQ(6999u, last_seen);
}

}  // namespace
}  // namespace fij::testing
