// projections::ReplayPostings (decision 37) gives the trial balance of a whole history, entry
// for entry, as the State replay does, while decoding only the events that post or feed the
// posting context.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include "engine/store.h"
#include "projections/budget.h"
#include "projections/experiments.h"
#include "projections/loan_book.h"
#include "projections/every_projection.h"
#include "projections/replay.h"
#include "projections/tiers.h"
#include "projections/trial_balance.h"
#include "tests/test_util.h"

namespace fij::testing {
namespace {

// A generated history (`fij gen`) in `dir`, opened read-only.
std::unique_ptr<engine::Store> Generated(const TempDir& dir, const char* events, const char* funds,
                                         const char* seed) {
  auto g = RunFij({"gen", "--events", events, "--funds", funds, "--seed", seed, "--store",
                   dir.Sub("s")});
  EXPECT_EQ(g.exit_code, 0) << g.err;
  engine::OpenOptions o;
  o.read_only = true;
  auto store = engine::Store::Open(dir.Sub("s"), o);
  EXPECT_TRUE(store.has_value()) << store.error().ToString();
  return store ? std::move(*store) : nullptr;
}

TEST(PostingReplayTest, GivesTheStateReplaysEntriesAndStampOnGeneratedHistories) {
  for (const char* funds : {"1", "3"}) {
    SCOPED_TRACE(std::string("funds ") + funds);
    TempDir dir;
    auto store = Generated(dir, "20000", funds, "11");
    ASSERT_TRUE(store);

    projections::TrialBalance by_state(0, 0, true), by_context(0, 0, true);
    auto a = projections::Replay(*store, {},
                                 [&](const ledger::State& s, const ledger::Event& e,
                                     const projections::EventContext& x) {
                                   by_state.Apply(s, e, x.position, x.recorded_on);
                                 });
    ASSERT_TRUE(a.has_value()) << a.error().ToString();
    uint64_t visited = 0;
    auto b = projections::ReplayPostings(
        *store, {},
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

    // A balance that keeps no entries folds amounts only, on a context without names
    // (decision 51, `fij report balance`): the same totals, account by account.
    projections::TrialBalance amounts(0, 0, false);
    ASSERT_EQ(ledger::PostingDetail::kAmounts, amounts.detail());
    auto d = projections::ReplayPostings(
        *store, {},
        [&](const ledger::PostingContext& c, const ledger::Event& e,
            const projections::EventContext& x) {
          EXPECT_FALSE(c.keep_names);
          amounts.Apply(c, e, x.position, x.recorded_on);
        },
        amounts.detail());
    ASSERT_TRUE(d.has_value()) << d.error().ToString();
    EXPECT_EQ(by_state.entry_count(), amounts.entry_count());
    EXPECT_EQ(by_state.total_debit_cents(), amounts.total_debit_cents());
    ASSERT_EQ(by_state.accounts().size(), amounts.accounts().size());
    for (const auto& [code, t] : by_state.accounts()) {
      ASSERT_TRUE(amounts.accounts().count(code)) << code;
      EXPECT_EQ(t.debit_cents, amounts.accounts().at(code).debit_cents) << code;
      EXPECT_EQ(t.credit_cents, amounts.accounts().at(code).credit_cents) << code;
    }

    // --at: a prefix.
    projections::ReplayOptions at;
    at.at = 12345;
    projections::TrialBalance part(0, 0, false);
    auto c = projections::ReplayPostings(
        *store, at,
        [&](const ledger::PostingContext& s, const ledger::Event& e,
            const projections::EventContext& x) { part.Apply(s, e, x.position); });
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(12345u, c->position);
    EXPECT_EQ(12345u, c->events);
    EXPECT_LT(part.entry_count(), by_state.entry_count());
  }
}


// Every field of every projection, as text: two States give the same projections when these
// are equal.
std::string Dump(const ledger::State& s, const std::set<std::pair<std::string, int32_t>>& years,
                 const std::vector<uint32_t>& as_of_dates) {
  std::ostringstream o;
  for (const auto& [fund, year] : years) {
    o << "tiers " << fund << " " << year << "\n";
    for (const auto& r : projections::ComputeTiers(s, fund, year))
      o << r.partner_id << "|" << r.name << "|" << static_cast<int>(r.kind) << "|" << r.given_cents
        << "|" << r.pledged_cents << "|" << r.fulfilled_cents << "|" << r.tier << "|"
        << r.reduction_cents << "|" << r.cost_after_tax_cents << "|" << r.ceiling_note << "\n";
    auto b = projections::ComputeBudget(s, fund, year);
    o << "budget " << b.default_plan << " " << b.plan_total_cents << " " << b.actual_total_cents
      << " " << b.spending_total_cents << "\n";
    for (const auto& l : b.resources)
      o << l.name << "|" << l.plan_cents << "|" << l.actual_cents << "\n";
    for (const auto& x : b.spending)
      o << x.project_id << "|" << x.grants_cents << "|" << x.loans_cents << "\n";
  }
  for (const auto& e : projections::ComputeExperiments(s)) {
    o << "experiment " << e.project_id << "|" << e.name << "|" << e.carrier << "|"
      << e.budget_total_cents << "|" << e.spent_total_cents << "|" << e.committed_cents << "|"
      << e.remaining_cents << "|" << e.closed << "|" << e.outcome << "\n";
    for (int k = 0; k < 4; ++k) o << e.budget_cents[k] << "/" << e.spent_cents[k] << " ";
    for (const auto& f : e.funding)
      o << f.fund_id << "|" << f.decision_id << "|" << f.grant_cents << "|" << f.loan_cents << "|"
        << f.guarantee_cents << "|" << f.grant_paid_cents << "\n";
  }
  for (uint32_t as_of : as_of_dates) {
    auto b = projections::ComputeLoanBook(s, as_of);
    o << "loan book " << as_of << " " << b.guarantees_outstanding_cents << " "
      << b.guarantees_called_cents << "\n";
    auto row = [&](const projections::LoanRow& r) {
      o << r.loan_id << "|" << r.project_id << "|" << r.fund_id << "|" << r.disbursed_on << "|"
        << r.principal_cents << "|" << r.scheduled_cents << "|" << r.repaid_cents << "|"
        << r.outstanding_cents << "|" << r.arrears_cents[0] << "|" << r.arrears_cents[1] << "|"
        << r.arrears_cents[2] << "|" << r.impaired_cents << "|" << r.written_off_cents << "\n";
    };
    for (const auto& r : b.loans) row(r);
    row(b.total);
    for (const auto& [y, c] : b.recycled_by_year) o << "recycled " << y << " " << c << "\n";
    for (const auto& g : b.guarantees)
      o << g.guarantee_id << "|" << g.amount_cents << "|" << g.called_cents << "|"
        << g.provision_cents << "|" << g.released << "\n";
  }
  return o.str();
}

// Decision 45: the projection-only replay (what `fij replay` and the benchmark fold) gives the
// same trial balance and the same tiers, budgets, experiment costs and loan books as the whole
// State, while keeping only pending gifts and skipping receipts, sessions and votes.
TEST(PostingReplayTest, ProjectionOnlyReplayGivesTheWholeStatesProjections) {
  for (const char* funds : {"1", "3"}) {
    SCOPED_TRACE(std::string("funds ") + funds);
    TempDir dir;
    auto store = Generated(dir, "30000", funds, "7");
    ASSERT_TRUE(store);

    projections::TrialBalance whole_tb(0, 0, true), lean_tb(0, 0, true);
    auto whole = projections::Replay(*store, {},
                                     [&](const ledger::State& s, const ledger::Event& e,
                                         const projections::EventContext& x) {
                                       whole_tb.Apply(s, e, x.position, x.recorded_on);
                                     });
    ASSERT_TRUE(whole.has_value()) << whole.error().ToString();
    projections::ReplayOptions po;
    po.projections_only = true;
    uint64_t visited = 0;
    auto lean = projections::Replay(*store, po,
                                    [&](const ledger::State& s, const ledger::Event& e,
                                        const projections::EventContext& x) {
                                      ++visited;
                                      lean_tb.Apply(s, e, x.position, x.recorded_on);
                                    });
    ASSERT_TRUE(lean.has_value()) << lean.error().ToString();

    EXPECT_EQ(whole->events, lean->events);
    EXPECT_EQ(whole->position, lean->position);
    EXPECT_EQ(whole->head_hash, lean->head_hash);
    EXPECT_GT(whole_tb.entry_count(), 3000u);
    EXPECT_EQ(projections::ToJournal(whole_tb.entries()), projections::ToJournal(lean_tb.entries()));

    // Every (fund, year) with received gifts, and the years around them (pledges only, none).
    std::set<std::pair<std::string, int32_t>> years;
    for (const auto& [key, totals] : whole->state.gift_totals)
      for (int32_t d : {-1, 0, 1}) years.insert({key.first, key.second + d});
    ASSERT_GT(years.size(), 3u);
    std::vector<uint32_t> as_of;
    for (const auto& [fund, year] : years) as_of.push_back(static_cast<uint32_t>(year) * 10000 + 630);
    std::string expected = Dump(whole->state, years, as_of);
    EXPECT_EQ(expected, Dump(lean->state, years, as_of));
    // Not a vacuous comparison: rows of every kind were compared.
    EXPECT_NE(expected.find("tiers"), std::string::npos);
    EXPECT_GT(std::count(expected.begin(), expected.end(), '\n'), 1000);
    EXPECT_FALSE(whole->state.loans.empty());

    // What `fij replay` prints (decision 58): every projection's count, computed one after
    // the other from the lean State, as the whole State's projections count.
    // (A date in a year with experiment spending, so that both parts of the budget count.)
    uint32_t today = 0;
    for (uint32_t d : as_of)
      if (!projections::ComputeBudget(whole->state, "", static_cast<int32_t>(d / 10000))
               .spending.empty())
        today = d;
    ASSERT_NE(today, 0u) << "no year with experiment spending";
    const auto year = static_cast<int32_t>(today / 10000);
    const auto counts = projections::ComputeEveryProjection(lean->state, today);
    const auto budget = projections::ComputeBudget(whole->state, "", year);
    EXPECT_EQ(counts.partners_in_tiers, projections::ComputeTiers(whole->state, "", year).size());
    EXPECT_EQ(counts.budget_lines, budget.resources.size() + budget.spending.size());
    EXPECT_EQ(counts.experiments, projections::ComputeExperiments(whole->state).size());
    EXPECT_EQ(counts.loans, projections::ComputeLoanBook(whole->state, today).loans.size());
    EXPECT_GT(counts.partners_in_tiers, 0u);
    EXPECT_GT(counts.budget_lines, 0u);
    EXPECT_GT(counts.experiments, 0u);
    EXPECT_GT(counts.loans, 0u);

    // And it is lean: only pending gifts, no receipts, sessions or command-guarding id sets;
    // receipts and votes were not visited.
    EXPECT_TRUE(lean->state.projection_only);
    EXPECT_TRUE(lean->state.gifts.empty());  // its pending gifts only (decision 79)
    EXPECT_LT(lean->state.pending_gifts.size() * 10, whole->state.gifts.size());
    EXPECT_TRUE(lean->state.receipts.empty());
    EXPECT_FALSE(whole->state.receipts.empty());
    EXPECT_TRUE(lean->state.sessions.empty());
    EXPECT_TRUE(lean->state.repayments.empty());
    EXPECT_TRUE(lean->state.repayment_log.empty());
    EXPECT_TRUE(lean->state.grant_log.empty());
    EXPECT_FALSE(whole->state.repayment_log.empty());
    EXPECT_FALSE(whole->state.grant_log.empty());
    EXPECT_LT(visited * 10, lean->events * 8) << visited << " of " << lean->events;
  }
}

// A projection-only State cannot be saved as a checkpoint. (Its own test, with no store and
// no threads: a death test's child dies without destructors, and a child re-running the
// replay above left its temporary store behind.)
TEST(PostingReplayTest, AProjectionOnlyStateIsNeverSaved) {
  ledger::State lean;
  lean.projection_only = true;
  EXPECT_DEATH(ledger::SerializeState(lean), "projection-only");
  ledger::State whole;
  EXPECT_FALSE(ledger::SerializeState(whole).empty());
}

// The State's sums (decision 45) are rebuilt when it is read back from a checkpoint.
// Decision 54: a projection-only fold keeps its partners in the partner register, not in the
// map (and its projects, decisions and loans in their registers, decisions 55 to 57): the same
// facts as the whole State's, and a copy or a move keeps them.
TEST(PostingReplayTest, RegistersFollowTheirState) {
  TempDir dir;
  auto store = Generated(dir, "20000", "2", "3");
  ASSERT_TRUE(store);
  projections::ReplayOptions o;
  o.projections_only = true;
  auto r = projections::Replay(*store, o);
  ASSERT_TRUE(r.has_value());
  auto whole = projections::Replay(*store, {});
  ASSERT_TRUE(whole.has_value());
  const ledger::State& w = whole->state;
  ledger::State moved = std::move(r->state);
  EXPECT_TRUE(moved.partners.empty());
  // Its projects likewise (decision 55): every project, with the same costs as the whole
  // State's, as the experiment costs compared above show.
  EXPECT_TRUE(moved.projects.empty());
  ASSERT_GT(w.projects.size(), 10u);
  EXPECT_EQ(moved.project_register.size(), w.projects.size());
  size_t project_decisions = 0;
  moved.ForEachProjectCosts([&](const ledger::ProjectCosts& c) {
    const ledger::ProjectState& p = w.projects.at(std::string(c.project_id));
    EXPECT_EQ(c.name, p.project.name);
    EXPECT_EQ(c.carrier, p.project.carrier);
    EXPECT_EQ(c.closed, p.experiment_closed);
    EXPECT_EQ(c.outcome, p.outcome);
    EXPECT_TRUE(std::equal(c.budget_cents, c.budget_cents + 4, p.budget_cents));
    EXPECT_TRUE(std::equal(c.spent_cents, c.spent_cents + 4, p.spent_cents));
    EXPECT_TRUE(std::equal(c.decisions.begin(), c.decisions.end(), p.decisions.begin(),
                           p.decisions.end()))
        << c.project_id;
    project_decisions += c.decisions.size();
  });
  EXPECT_GT(project_decisions, 10u);
  // And its decisions (decision 56), with the same facts.
  EXPECT_TRUE(moved.decisions.empty());
  EXPECT_EQ(moved.decision_register.size(), w.decisions.size());
  size_t with_loan = 0;
  moved.ForEachDecision([&](const ledger::DecisionFacts& d) {
    const auto whole_d = w.DecisionFactsOf(std::string(d.decision_id));
    ASSERT_TRUE(whole_d) << d.decision_id;
    EXPECT_EQ(d.project_id, whole_d->project_id);
    EXPECT_EQ(d.loan_id, whole_d->loan_id);
    EXPECT_EQ(*d.fund_id, *whole_d->fund_id);
    EXPECT_EQ(moved.DecisionFund(std::string(d.decision_id)), *whole_d->fund_id);
    EXPECT_EQ(d.rejected, whole_d->rejected);
    EXPECT_EQ(d.grant_cents, whole_d->grant_cents);
    EXPECT_EQ(d.loan_cents, whole_d->loan_cents);
    EXPECT_EQ(d.guarantee_cents, whole_d->guarantee_cents);
    EXPECT_EQ(d.granted_disbursed_cents, whole_d->granted_disbursed_cents);
    with_loan += !d.loan_id.empty();
  });
  EXPECT_GT(with_loan, 5u);
  EXPECT_FALSE(moved.DecisionFactsOf("no such decision"));
  ASSERT_GT(w.partners.size(), 100u);
  ASSERT_EQ(moved.partner_register.size(), w.partners.size());
  auto same_partners = [&](const ledger::State& lean) {
    for (const auto& [id, p] : w.partners) {
      auto f = lean.PartnerFactsOf(id);
      ASSERT_TRUE(f) << id;
      ASSERT_EQ(f->identity.name, p.identity.name) << id;
      ASSERT_EQ(f->identity.kind, p.identity.kind) << id;
      auto g = w.PartnerFactsOf(id);
      ASSERT_TRUE(g) << id;
      ASSERT_EQ(g->identity.name, p.identity.name) << id;
    }
    EXPECT_FALSE(lean.PartnerFactsOf("no such partner"));
  };
  same_partners(moved);
  // Every partner's sums of every (fund, year), both ways.
  size_t with_sums = 0;
  for (const auto& [fund_year, totals] : w.gift_totals) {
    std::map<std::string, std::pair<int64_t, int64_t>> lean_sums, whole_sums;
    auto collect = [](auto& into) {
      return [&into](std::string_view id, const ledger::PartnerFacts&,
                     const ledger::PartnerYearSums* sums) {
        if (sums)
          into[std::string(id)] = {sums->given_cents.ToMoney().cents(),
                                   sums->fulfilled_cents.ToMoney().cents()};
      };
    };
    moved.ForEachPartnerSums(fund_year.first, fund_year.second, collect(lean_sums));
    w.ForEachPartnerSums(fund_year.first, fund_year.second, collect(whole_sums));
    EXPECT_EQ(lean_sums, whole_sums) << fund_year.first << " " << fund_year.second;
    with_sums += whole_sums.size();
  }
  EXPECT_GT(with_sums, 100u);
  size_t none = 0;
  moved.ForEachPartnerSums("no such fund", 2024, [&](std::string_view, const ledger::PartnerFacts&,
                                                     const ledger::PartnerYearSums* sums) {
    EXPECT_EQ(sums, nullptr);
    ++none;
  });
  EXPECT_EQ(none, w.partners.size());

  // The loans (decision 57): the register's facts and every schedule line, against the map's.
  auto same_loans = [&](const ledger::State& lean) {
    ASSERT_TRUE(lean.loans.empty());
    ASSERT_EQ(lean.loan_register.size(), w.loans.size());
    for (const auto& [id, l] : w.loans) {
      auto f = lean.LoanFactsOf(id);
      ASSERT_TRUE(f) << id;
      ASSERT_EQ(f->loan_id, id);
      ASSERT_EQ(f->project_id, l.loan.project_id) << id;
      ASSERT_EQ(f->fund_id, l.fund_id) << id;
      ASSERT_EQ(f->date, l.loan.date) << id;
      ASSERT_EQ(f->principal_cents, l.loan.principal_cents) << id;
      ASSERT_EQ(f->repaid_principal_cents, l.repaid_principal_cents) << id;
      ASSERT_EQ(f->repaid_interest_cents, l.repaid_interest_cents) << id;
      ASSERT_EQ(f->outstanding_cents(), l.outstanding_cents()) << id;
      for (uint32_t k = 0; k < l.schedule.size(); ++k) {
        const ledger::ScheduleLine x = lean.LoanLine(id, k), y = l.schedule[k];
        ASSERT_EQ(x.due, y.due) << id << " " << k;
        ASSERT_EQ(x.principal_cents, y.principal_cents) << id << " " << k;
        ASSERT_EQ(x.interest_cents, y.interest_cents) << id << " " << k;
        ASSERT_EQ(x.paid_cents, y.paid_cents) << id << " " << k;
      }
    }
    EXPECT_FALSE(lean.LoanFactsOf("no such loan"));
  };
  ASSERT_FALSE(w.loans.empty());
  same_loans(moved);
  // The grant tranches' sums per (fund, year, project), kept on the registered projects.
  EXPECT_TRUE(moved.tranche_cents.empty());
  ASSERT_GT(w.tranche_cents.size(), 50u);
  std::set<std::pair<std::string, int32_t>> tranche_years;
  for (const auto& [key, cents] : w.tranche_cents)
    tranche_years.insert({std::get<0>(key), std::get<1>(key)});
  size_t tranche_sums = 0;
  for (const auto& [fund, year] : tranche_years) {
    std::map<std::string, int64_t> lean_sums, whole_sums;
    moved.ForEachTranche(fund, year, [&](std::string_view p, ledger::Money m) {
      EXPECT_TRUE(lean_sums.emplace(std::string(p), m.cents()).second) << p;  // one sum a project
    });
    w.ForEachTranche(fund, year, [&](std::string_view p, ledger::Money m) {
      whole_sums.emplace(std::string(p), m.cents());
    });
    EXPECT_EQ(lean_sums, whole_sums) << fund << " " << year;
    tranche_sums += whole_sums.size();
  }
  EXPECT_EQ(tranche_sums, w.tranche_cents.size());
  size_t none_paid = 0;
  moved.ForEachTranche("no such fund", 2025, [&](std::string_view, ledger::Money) { ++none_paid; });
  EXPECT_EQ(none_paid, 0u);

  ledger::State copy = moved;
  same_partners(copy);
  same_loans(copy);
  ledger::State assigned;
  assigned = moved;
  same_partners(assigned);
  same_loans(assigned);
  // A whole-State replay keeps no register.
  EXPECT_EQ(w.partner_register.size(), 0u);
  EXPECT_EQ(w.loan_register.size(), 0u);
}

TEST(PostingReplayTest, SumsSurviveACheckpoint) {
  TempDir dir;
  auto store = Generated(dir, "20000", "2", "5");
  ASSERT_TRUE(store);
  auto whole = projections::Replay(*store, {});
  ASSERT_TRUE(whole.has_value());
  const ledger::State& s = whole->state;
  ASSERT_FALSE(s.gift_totals.empty());
  ASSERT_FALSE(s.recycled_cents.empty());
  ASSERT_FALSE(s.tranche_cents.empty());
  auto back = ledger::DeserializeState(ledger::SerializeState(s));
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  ASSERT_EQ(s.gift_totals.size(), back->gift_totals.size());
  auto a = s.gift_totals.begin();
  for (const auto& [key, y] : back->gift_totals) {
    EXPECT_EQ(a->first, key);
    EXPECT_EQ(a->second.cash_cents, y.cash_cents);
    ++a;
  }
  // The per-partner sums (decision 49): the same (fund, year) sums on the same partners, though
  // the funds may be numbered in another order after the rebuild.
  size_t summed = 0;
  ASSERT_EQ(s.partners.size(), back->partners.size());
  for (const auto& [id, p] : back->partners) {
    const ledger::PartnerState& before = s.partners.at(id);
    ASSERT_EQ(before.gift_sums.size(), p.gift_sums.size()) << id;
    for (const auto& t : p.gift_sums) {
      const auto fund = s.SumFund(back->sum_funds.at(t.fund));
      ASSERT_TRUE(fund.has_value()) << id;
      const ledger::PartnerYearSums* was = before.GiftSums(*fund, t.year);
      ASSERT_NE(was, nullptr) << id << " " << t.year;
      EXPECT_EQ(was->given_cents, t.given_cents) << id;
      EXPECT_EQ(was->fulfilled_cents, t.fulfilled_cents) << id;
      EXPECT_TRUE(t.given_cents.in_range());
      EXPECT_GT(t.given_cents.ToMoney().cents(), 0) << id;
      ++summed;
    }
  }
  EXPECT_GT(summed, 100u);
  EXPECT_EQ(s.recycled_cents, back->recycled_cents);
  EXPECT_EQ(s.tranche_cents, back->tranche_cents);
  for (const auto& [id, l] : back->loans) {
    EXPECT_FALSE(l.fund_id.empty()) << id;
    EXPECT_EQ(s.loans.at(id).fund_id, l.fund_id) << id;
  }
}
}  // namespace
}  // namespace fij::testing
