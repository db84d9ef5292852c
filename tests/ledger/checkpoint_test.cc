// State checkpoints never disagree with a replay from zero: a store opened from a checkpoint
// equals one folded from position 1; reports are the same before and after checkpointing; a
// forged checkpoint is caught by `fij verify` and ignored on open.
#include <gtest/gtest.h>

#include "ledger/binary_io.h"
#include "ledger/ledger.h"
#include "ledger/state_checkpoint.h"
#include "projections/balance_checkpoint.h"
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

// The balance checkpoint answers `report balance` exactly as a replay from zero: at its position,
// after later events (folded from the State checkpoint), per fund, and at an earlier `--at`
// (which it cannot answer: the replay runs). A forged one fails verify.
TEST(CheckpointTest, TheBalanceCheckpointAnswersLikeAReplayFromZero) {
  TempDir dir;
  std::string store = dir.Sub("s");
  ASSERT_EQ(RunFij({"--store", store, "import", kHistory}).exit_code, 0);
  auto balance = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{"--store", store, "report", "balance", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = RunFij(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  };
  std::string before = balance({});
  auto cp = RunFij({"--store", store, "checkpoint"});
  ASSERT_EQ(cp.exit_code, 0) << cp.err;
  EXPECT_NE(cp.out.find("516 events folded"), std::string::npos) << cp.out;
  EXPECT_EQ(balance({}), before);
  EXPECT_EQ(balance({"--fund", "fij"}), balance({"--fund", "fij", "--full"}));
  EXPECT_NE(balance({"--fund", "fij"}).find("\"account\":\"512\""), std::string::npos);
  EXPECT_EQ(balance({"--at", "300"}), balance({"--at", "300", "--full"}));
  // Two more events after the checkpoints: the balance folds them on top.
  ASSERT_EQ(RunFij({"--store", store, "gift", "record", "g-after", "--partner", "bel", "--amount",
                    "50", "--date", "2026-01-10", "--method", "cash"})
                .exit_code,
            0);
  std::string tail = balance({});
  EXPECT_NE(tail, before);
  EXPECT_EQ(tail, balance({"--full"}));
  EXPECT_NE(tail.find("\"position\":517"), std::string::npos) << tail;
  // A second checkpoint folds only the later event.
  auto cp2 = RunFij({"--store", store, "checkpoint"});
  ASSERT_EQ(cp2.exit_code, 0) << cp2.err;
  EXPECT_NE(cp2.out.find("1 events folded"), std::string::npos) << cp2.out;
  EXPECT_EQ(balance({}), tail);
  auto v = RunFij({"--store", store, "verify"});
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_NE(v.out.find("balance checkpoint at position 517 equals a replay"), std::string::npos)
      << v.out;
  // Forged: one account's debit raised, both sides of the fund's totals kept equal.
  {
    auto s = engine::Store::Open(store, {});
    ASSERT_TRUE(s.has_value());
    auto saved = projections::ReadBalanceCheckpoint(**s);
    ASSERT_TRUE(saved.has_value() && saved->has_value());
    projections::BalanceCheckpoint forged = **saved;
    auto& fij = forged.balances.funds().at("fij");
    auto accounts = fij.accounts();
    accounts.at("512").debit_cents += 100;
    accounts.at("7542").credit_cents += 100;
    fij = projections::TrialBalance::Restored("fij", accounts, fij.total_debit_cents() + 100,
                                              fij.total_credit_cents() + 100, fij.entry_count());
    ASSERT_TRUE(projections::WriteBalanceCheckpoint(**s, forged).ok());
  }
  auto bad = RunFij({"--store", store, "verify"});
  EXPECT_EQ(bad.exit_code, 5);
  EXPECT_NE(bad.err.find("balance checkpoint disagrees"), std::string::npos) << bad.err;
}

// The chunked byte stream reads what was written whatever the chunk size: integers, strings and
// events cut anywhere across chunks; a missing last chunk is "truncated", never a short read.
TEST(CheckpointTest, ChunkedBytesReadBackAcrossEveryCut) {
  ledger::GiftRecorded gift;
  gift.gift_id = "g-1";
  gift.partner_id = "bel";
  gift.fund_id = "fij";
  gift.amount_cents = 12345;
  gift.description = std::string(300, 'x');
  const std::string long_text(5000, 'y');
  for (size_t chunk : {1u, 3u, 7u, 8u, 9u, 64u, 4096u}) {
    std::vector<std::string> chunks;
    ledger::ByteWriter w(chunk, [&](std::string_view c) { chunks.emplace_back(c); });
    w.U64(0x0102030405060708ULL);
    w.Str("");
    w.Str("short");
    w.Ev(gift);
    w.Str(long_text);
    w.I64(-42);
    w.Finish();
    ASSERT_FALSE(chunks.empty());
    size_t total = 0;
    for (size_t i = 0; i < chunks.size(); ++i) {
      total += chunks[i].size();
      if (i + 1 < chunks.size()) {
        EXPECT_GE(chunks[i].size(), chunk);
      }
    }
    EXPECT_EQ(total, w.total());
    auto reader = [&](size_t count) {
      size_t next = 0;
      return ledger::ByteReader([&chunks, count, next]() mutable -> std::optional<std::string> {
        if (next == count) return std::nullopt;
        return chunks[next++];
      });
    };
    ledger::ByteReader r = reader(chunks.size());
    EXPECT_EQ(r.U64(), 0x0102030405060708ULL) << "chunk " << chunk;
    EXPECT_EQ(r.Str(), "");
    EXPECT_EQ(r.Str(), "short");
    auto back = r.Ev<ledger::GiftRecorded>();
    EXPECT_EQ(back.description, gift.description);
    EXPECT_EQ(back.amount_cents, 12345);
    EXPECT_EQ(r.Str(), long_text);
    EXPECT_EQ(r.I64(), -42);
    EXPECT_TRUE(r.done());
    ledger::ByteReader cut = reader(chunks.size() - 1);
    auto read_all = [&] {
      cut.U64();
      cut.Str();
      cut.Str();
      cut.Ev<ledger::GiftRecorded>();
      cut.Str();
      cut.I64();
    };
    EXPECT_THROW(read_all(), std::runtime_error)
        << "chunk " << chunk;
  }
}

// The State checkpoint is stored in chunks (decision 42): it reads back byte for byte at any
// chunk size, a smaller one erases the chunks a larger one left, a missing chunk is named, and
// a checkpoint written before chunking (the State in the header's value) still reads.
TEST(CheckpointTest, TheStateCheckpointIsStoredInChunksAndReadsBack) {
  TempDir dir;
  std::string store = dir.Sub("s");
  ASSERT_EQ(RunFij({"--store", store, "import", kHistory}).exit_code, 0);
  auto l = ledger::Ledger::Open(store, {});
  ASSERT_TRUE(l.has_value());
  engine::Store& st = (*l)->store();
  const std::string bytes = ledger::SerializeState((*l)->state());
  auto head = st.head();
  auto read_back = [&]() {
    auto cp = ledger::ReadCheckpoint(st);
    EXPECT_TRUE(cp.has_value()) << cp.error().ToString();
    EXPECT_TRUE(cp && *cp);
    if (!cp || !*cp) return std::string();
    EXPECT_EQ((**cp).position, head.position);
    EXPECT_EQ((**cp).bytes, bytes.size());
    return ledger::SerializeState((**cp).state);
  };
  auto generation = [&]() -> uint64_t {
    auto h = ledger::ReadCheckpointHeader(st);
    EXPECT_TRUE(h && *h);
    return h && *h ? (**h).generation : 0;
  };
  auto present_in = [&](uint64_t g, uint64_t i) {
    auto v = st.GetCheckpoint(ledger::CheckpointChunkName(g, i));
    EXPECT_TRUE(v.has_value());
    return v && v->has_value();
  };
  auto present = [&](uint64_t i) { return present_in(generation(), i); };
  auto chunks = [&] {  // chunks are at least the chunk size: count them
    uint64_t n = 0;
    while (present(n)) ++n;
    return n;
  };
  ASSERT_TRUE(ledger::WriteCheckpoint(st, (*l)->state(), head.position, head.hash, 97).ok());
  EXPECT_EQ(read_back(), bytes);
  const uint64_t many = chunks();
  const uint64_t first = generation();
  EXPECT_GT(many, bytes.size() / 200);
  EXPECT_LE(many, (bytes.size() + 96) / 97);
  // Fewer, larger chunks, under a new generation's names: the earlier generation's are gone.
  ASSERT_TRUE(ledger::WriteCheckpoint(st, (*l)->state(), head.position, head.hash, 4096).ok());
  EXPECT_EQ(read_back(), bytes);
  const uint64_t few = chunks();
  EXPECT_NE(generation(), first);
  EXPECT_GE(few, 2u);
  EXPECT_LE(few, (bytes.size() + 4095) / 4096);
  EXPECT_FALSE(present_in(first, 0));
  EXPECT_FALSE(present_in(first, many - 1));
  // A checkpoint that fails after writing chunks ahead (every 1 000 bytes here; a crash, a full
  // disk) leaves the current one whole: its header and chunks are untouched.
  {
    ledger::State other = (*l)->state();
    other.gifts.begin()->second.gift.amount_cents += 1;
    uint64_t orphan = 0;
    Status failed = st.WriteCheckpoints([&](engine::Store::CheckpointBatch& b) {
      orphan = ledger::AddCheckpoint(b, other, head.position, head.hash, 97, 1000);
      return Status::IOError("the write stops here");
    });
    EXPECT_FALSE(failed.ok());
    EXPECT_EQ(read_back(), bytes);
    EXPECT_EQ(chunks(), few);
    EXPECT_TRUE(present_in(orphan, 0));  // written ahead, referred to by nothing
    EXPECT_FALSE(present_in(orphan, many - 1));  // never written: the batch's tail
    // The next checkpoint erases them.
    ASSERT_TRUE(ledger::WriteCheckpoint(st, (*l)->state(), head.position, head.hash, 4096).ok());
    EXPECT_FALSE(present_in(orphan, 0));
    EXPECT_EQ(read_back(), bytes);
  }
  // `fij verify` compares a State with the stored bytes, chunk by chunk.
  ledger::State changed = (*l)->state();
  changed.gifts.begin()->second.gift.amount_cents += 1;
  ledger::State longer = (*l)->state();
  longer.default_fund += "x";
  auto matches = [&](const ledger::State& s) {
    auto h = ledger::ReadCheckpointHeader(st);
    EXPECT_TRUE(h && *h);
    if (!h || !*h) return false;
    auto same = ledger::CheckpointMatches(st, **h, s);
    EXPECT_TRUE(same.has_value()) << same.error().ToString();
    return same && *same;
  };
  EXPECT_TRUE(matches((*l)->state()));
  EXPECT_FALSE(matches(changed));
  EXPECT_FALSE(matches(longer));
  // A lost chunk: named, and the checkpoint is not used.
  ASSERT_TRUE(st.WriteCheckpoints([&](engine::Store::CheckpointBatch& b) {
                  b.EraseRange(ledger::CheckpointChunkName(generation(), 1),
                               ledger::CheckpointChunkName(generation(), 2));
                  return Status::Ok();
                }).ok());
  auto lost = ledger::ReadCheckpoint(st);
  ASSERT_FALSE(lost.has_value());
  EXPECT_NE(lost.error().message().find(".00000001 is missing"), std::string::npos)
      << lost.error().ToString();
  // The format before decision 42: magic FIJCK2, position, hash and the State in one value.
  std::string whole = "FIJCK2";
  for (int i = 0; i < 8; ++i) whole.push_back(static_cast<char>((head.position >> (8 * i)) & 0xff));
  whole.append(reinterpret_cast<const char*>(head.hash.data()), head.hash.size());
  whole += bytes;
  ASSERT_TRUE(st.PutCheckpoint(ledger::kStateCheckpointName, whole).ok());
  EXPECT_EQ(read_back(), bytes);
  EXPECT_TRUE(matches((*l)->state()));
  EXPECT_FALSE(matches(changed));
}

}  // namespace
}  // namespace fij::testing
