// projections::ReplayPostings (decision 37) gives the trial balance of a whole history, entry
// for entry, as the State replay does, while decoding only the events that post or feed the
// posting context.
#include <gtest/gtest.h>

#include <string>

#include "engine/store.h"
#include "projections/replay.h"
#include "projections/trial_balance.h"
#include "tests/test_util.h"

namespace fij::testing {
namespace {

TEST(PostingReplayTest, GivesTheStateReplaysEntriesAndStampOnGeneratedHistories) {
  for (const char* funds : {"1", "3"}) {
    SCOPED_TRACE(std::string("funds ") + funds);
    TempDir dir;
    auto g = RunFij({"gen", "--events", "20000", "--funds", funds, "--seed", "11", "--store",
                     dir.Sub("s")});
    ASSERT_EQ(g.exit_code, 0) << g.err;
    engine::OpenOptions o;
    o.read_only = true;
    auto store = engine::Store::Open(dir.Sub("s"), o);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();

    projections::TrialBalance by_state(0, 0, true), by_context(0, 0, true);
    auto a = projections::Replay(**store, {},
                                 [&](const ledger::State& s, const ledger::Event& e,
                                     const projections::EventContext& x) {
                                   by_state.Apply(s, e, x.position, x.recorded_on);
                                 });
    ASSERT_TRUE(a.has_value()) << a.error().ToString();
    uint64_t visited = 0;
    auto b = projections::ReplayPostings(
        **store, {},
        [&](const ledger::PostingContext& c, const ledger::Event& e,
            const projections::EventContext& x) {
          ++visited;
          by_context.Apply(c, e, x.position, x.recorded_on);
        });
    ASSERT_TRUE(b.has_value()) << b.error().ToString();

    EXPECT_GT(by_state.entry_count(), 3000u);
    EXPECT_EQ(projections::ToJournal(by_state.entries()),
              projections::ToJournal(by_context.entries()));
    EXPECT_EQ(by_state.total_debit_cents(), by_context.total_debit_cents());
    EXPECT_EQ(a->position, b->position);
    EXPECT_EQ(a->head_hash, b->head_hash);
    EXPECT_EQ(a->events, b->events);
    // Receipts, votes, sessions... were not decoded: fewer than 70 % of the events visited.
    EXPECT_LT(visited * 10, b->events * 7) << visited << " of " << b->events;
    EXPECT_GT(visited, 0u);

    // --at: a prefix.
    projections::ReplayOptions at;
    at.at = 12345;
    projections::TrialBalance part(0, 0, false);
    auto c = projections::ReplayPostings(
        **store, at,
        [&](const ledger::PostingContext& s, const ledger::Event& e,
            const projections::EventContext& x) { part.Apply(s, e, x.position); });
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(12345u, c->position);
    EXPECT_EQ(12345u, c->events);
    EXPECT_LT(part.entry_count(), by_state.entry_count());
  }
}

}  // namespace
}  // namespace fij::testing
