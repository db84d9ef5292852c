// State checkpoints never disagree with a replay from zero: a store opened from a checkpoint
// equals one folded from position 1; reports are the same before and after checkpointing; a
// forged checkpoint is caught by `fij verify` and ignored on open.
#include <gtest/gtest.h>

#include "ledger/ledger.h"
#include "ledger/state_checkpoint.h"
#include "tests/test_util.h"

namespace fij::testing {
namespace {

const std::string kHistory = std::string(FIJ_SOURCE_DIR) + "/fixtures/fij/history.jsonl";

TEST(CheckpointTest, SerializedStateRoundTripsByteForByte) {
  TempDir dir;
  ASSERT_EQ(RunFij({"--store", dir.Sub("s"), "import", kHistory}).exit_code, 0);
  ledger::Ledger::Options o;
  o.read_only = true;
  auto l = ledger::Ledger::Open(dir.Sub("s"), o);
  ASSERT_TRUE(l.has_value());
  std::string bytes = ledger::SerializeState((*l)->state());
  auto back = ledger::DeserializeState(bytes);
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_EQ(ledger::SerializeState(*back), bytes);
  EXPECT_GT(bytes.size(), 10000u);
  EXPECT_FALSE(ledger::DeserializeState(bytes.substr(0, bytes.size() / 2)).has_value());
}

TEST(CheckpointTest, OpeningFromACheckpointEqualsAReplayFromZeroAndReportsAgree) {
  TempDir dir;
  std::string store = dir.Sub("s");
  ASSERT_EQ(RunFij({"--store", store, "import", kHistory}).exit_code, 0);
  auto before = RunFij({"--store", store, "report", "loans", "--as-of", "2025-12-31", "--json"});
  auto tiers_before = RunFij({"--store", store, "report", "tiers", "--year", "2024", "--json"});
  std::string replayed;
  {
    ledger::Ledger::Options o;
    o.read_only = true;
    auto l = ledger::Ledger::Open(store, o);
    ASSERT_TRUE(l.has_value());
    replayed = ledger::SerializeState((*l)->state());
  }
  ASSERT_EQ(RunFij({"--store", store, "checkpoint"}).exit_code, 0);
  // Later events are folded on top of the checkpoint.
  ASSERT_EQ(RunFij({"--store", store, "gift", "record", "g-after", "--partner", "bel", "--amount",
                    "50", "--date", "2026-01-10", "--method", "cash"})
                .exit_code,
            0);
  {
    ledger::Ledger::Options o;
    o.read_only = true;
    o.at_position = 516;  // exactly the checkpoint
    auto l = ledger::Ledger::Open(store, o);
    ASSERT_TRUE(l.has_value());
    EXPECT_EQ(ledger::SerializeState((*l)->state()), replayed);
  }
  auto after = RunFij({"--store", store, "report", "loans", "--as-of", "2025-12-31", "--json"});
  auto tiers_after = RunFij({"--store", store, "report", "tiers", "--year", "2024", "--json"});
  auto body = [](const std::string& j) { return j.substr(j.find("\"loans\"")); };
  EXPECT_EQ(body(after.out), body(before.out));
  EXPECT_EQ(tiers_after.out.substr(tiers_after.out.find("\"year\"")),
            tiers_before.out.substr(tiers_before.out.find("\"year\"")));
  auto v = RunFij({"--store", store, "verify"});
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_NE(v.out.find("checkpoint at position 516 equals a replay"), std::string::npos) << v.out;
}

TEST(CheckpointTest, AForgedCheckpointFailsVerifyAndIsIgnoredOnOpen) {
  TempDir dir;
  std::string store = dir.Sub("s");
  ASSERT_EQ(RunFij({"--store", store, "import", kHistory}).exit_code, 0);
  std::string honest;
  {
    auto l = ledger::Ledger::Open(store, {});
    ASSERT_TRUE(l.has_value());
    honest = ledger::SerializeState((*l)->state());
    ledger::State forged = (*l)->state();
    forged.gifts.at("g23-bel").gift.amount_cents = 1;  // a gift quietly lowered
    auto head = (*l)->store().head();
    ASSERT_TRUE(ledger::WriteCheckpoint((*l)->store(), forged, head.position, head.hash).ok());
  }
  auto v = RunFij({"--store", store, "verify"});
  EXPECT_EQ(v.exit_code, 5);
  EXPECT_NE(v.err.find("checkpoint disagrees"), std::string::npos) << v.err;
  // A checkpoint whose hash no longer matches the log is ignored: the state is replayed.
  {
    auto l = ledger::Ledger::Open(store, {});
    ASSERT_TRUE(l.has_value());
    engine::Hash wrong{};
    ASSERT_TRUE(ledger::WriteCheckpoint((*l)->store(), (*l)->state(), 10, wrong).ok());
  }
  ledger::Ledger::Options o;
  o.read_only = true;
  auto l = ledger::Ledger::Open(store, o);
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(ledger::SerializeState((*l)->state()), honest);
}

}  // namespace
}  // namespace fij::testing
