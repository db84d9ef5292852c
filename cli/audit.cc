// The auditor's commands: log, verify.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <iostream>

#include "cli/common.h"
#include "engine/thread.h"
#include "ledger/codec.h"
#include "ledger/invariants.h"
#include "ledger/posting_map.h"
#include "ledger/scan.h"
#include "ledger/state_checkpoint.h"
#include "ledger/date.h"
#include "projections/budget.h"
#include "projections/chart.h"
#include "projections/declaration.h"
#include "projections/every_projection.h"
#include "projections/experiments.h"
#include "projections/loan_book.h"
#include "projections/replay.h"
#include "projections/tiers.h"
#include "projections/balance_checkpoint.h"
#include "projections/trial_balance.h"

#include <filesystem>

#include <fstream>

#include <spdlog/spdlog.h>

namespace fij::cli {
namespace {

using namespace fij::ledger;

void RegisterLog(CLI::App& app) {
  auto* log = app.add_subcommand("log", "Print events as JSON Lines (Cap'n Proto JSON codec)");
  auto from = std::make_shared<uint64_t>(1);
  auto to = std::make_shared<uint64_t>(0);
  log->add_option("--from", *from, "First position (default 1)");
  log->add_option("--to", *to, "Last position (default the head)");
  log->callback([from, to] {
    engine::OpenOptions o;
    o.read_only = true;
    auto store = engine::Store::Open(G().store_dir, o);
    if (!store) FailStatus(store.error());
    Status failure;
    auto s = (*store)->ReadForward(*from, *to, [&](const engine::RecordedEvent& ev) {
      auto json = RecordedEventToJson(ev);
      if (!json) {
        failure = json.error();
        return false;
      }
      std::cout << *json << "\n";
      return true;
    });
    if (!s.ok()) FailStatus(s);
    if (!failure.ok()) FailStatus(failure);
  });
}

void RegisterVerify(CLI::App& app) {
  auto* verify = app.add_subcommand(
      "verify", "Check the hash chain, decode every event and re-check every ledger invariant");
  auto json = std::make_shared<bool>(false);
  verify->add_flag("--json", *json, "JSON output");
  verify->callback([json] {
    auto t0 = std::chrono::steady_clock::now();
    engine::OpenOptions o;
    o.read_only = true;
    auto store = engine::Store::Open(G().store_dir, o);
    if (!store) FailStatus(store.error());
    Verification v = VerifyStore(**store);
    if (!v.ok()) {
      if (*json) {
        Json j;
        j.Open().Bool("ok", false).Int("first_failing_position",
                                       static_cast<int64_t>(v.error_position));
        j.Str("error", v.error).Close();
        std::cout << j.str() << "\n";
      }
      Fail(kExitStorage, "fij verify: FAILED at position " + std::to_string(v.error_position) +
                             ": " + v.error);
    }
    const uint64_t events = v.events, entries = v.entries;
    const uint64_t checkpoint_at = v.checkpoint_checked_at;
    const bool checkpoint_checked = checkpoint_at != 0;
    const uint64_t balance_at = v.balance_checkpoint_checked_at;
    const bool balance_checked = balance_at != 0;
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (*json) {
      Json j;
      j.Open().Bool("ok", true).Int("events", static_cast<int64_t>(events));
      j.Str("head_hash", engine::HashHex(v.head_hash)).Int("entries", entries);
      j.Int("receipts", static_cast<int64_t>(v.receipts));
      j.Int("checkpoint_checked_at", checkpoint_checked ? static_cast<int64_t>(checkpoint_at) : 0);
      j.Int("balance_checkpoint_checked_at",
            balance_checked ? static_cast<int64_t>(balance_at) : 0);
      j.Close();
      std::cout << j.str() << "\n";
      return;
    }
    std::printf("verify: OK — %llu events, hash chain intact (head %s)\n",
                static_cast<unsigned long long>(events),
                engine::HashHex(v.head_hash).substr(0, 16).c_str());
    std::printf("        %llu balanced journal entries; %llu receipts, numbering gap-free; "
                "every event decodes (%.2f s)\n",
                static_cast<unsigned long long>(entries),
                static_cast<unsigned long long>(v.receipts), secs);
    if (checkpoint_checked)
      std::printf("        state checkpoint at position %llu equals a replay from zero\n",
                  static_cast<unsigned long long>(checkpoint_at));
    if (balance_checked)
      std::printf("        balance checkpoint at position %llu equals a replay from zero\n",
                  static_cast<unsigned long long>(balance_at));
  });
}

struct Cut {
  uint64_t at = 0;
  std::string as_of, year, fund, from, to, account, out, chart;
  bool json = false;
  bool full = false;  // replay from zero even when a checkpoint could answer
};

std::unique_ptr<engine::Store> OpenStoreReadOnly() {
  engine::OpenOptions o;
  o.read_only = true;
  auto store = engine::Store::Open(G().store_dir, o);
  if (!store) FailStatus(store.error());
  return std::move(*store);
}

projections::ReplayOptions CutOptions(const Cut& c) {
  projections::ReplayOptions r;
  r.at = c.at;
  r.as_of = c.as_of.empty() ? 0 : ParseDateArg("--as-of", c.as_of);
  return r;
}

// Replays with the cut and feeds a trial balance.
struct Folded {
  projections::ReplayResult replay;
  projections::TrialBalance balance;
};
// Without a business-date cut, and unless the caller reads the State (`with_state`), the fold
// keeps only the posting context (decision 37): f.replay.state stays empty.
Folded FoldBalance(const Cut& c, bool keep, uint32_t from = 0, uint32_t to = 0,
                   bool with_state = false) {
  auto store = OpenStoreReadOnly();
  Folded f{{}, projections::TrialBalance(from, to, keep, c.fund)};
  if (!with_state && c.as_of.empty()) {
    auto r = projections::ReplayPostings(
        *store, CutOptions(c),
        [&](const ledger::PostingContext& s, const Event& e, const projections::EventContext& x) {
          f.balance.Apply(s, e, x.position, x.recorded_on);
        },
        f.balance.detail());
    if (!r) FailStatus(r.error());
    f.replay = std::move(*r);
    return f;
  }
  auto r = projections::Replay(*store, CutOptions(c),
                               [&](const State& s, const Event& e, const projections::EventContext& x) {
                                 f.balance.Apply(s, e, x.position, x.recorded_on);
                               });
  if (!r) FailStatus(r.error());
  f.replay = std::move(*r);
  return f;
}

// The trial balance from the balance checkpoint when it can answer (no business-date cut, no
// entry-date limits, `--at` at or after it): at once if it is at the requested position, else by
// folding the later events from the State checkpoint at the same position. nullopt: replay
// from zero instead (no checkpoint, or one that no longer matches the log).
std::optional<Folded> BalanceFromCheckpoint(const Cut& c, engine::Store& store) {
  if (c.full || !c.as_of.empty() || !c.from.empty() || !c.to.empty()) return std::nullopt;
  uint64_t to = c.at ? std::min<uint64_t>(c.at, store.head().position) : store.head().position;
  auto bc = projections::ReadBalanceCheckpoint(store);
  if (!bc) {
    spdlog::warn("ignoring the balance checkpoint: {}", bc.error().ToString());
    return std::nullopt;
  }
  if (!*bc || (*bc)->position > to) return std::nullopt;
  projections::BalanceCheckpoint& b = **bc;
  Folded f;
  if (b.position == to) {
    f.replay.position = b.position;
    f.replay.head_hash = engine::HashHex(b.hash);
    f.replay.events = b.position;
    f.balance = b.balances.For(c.fund);
    spdlog::debug("trial balance from the checkpoint at position {}", b.position);
    return f;
  }
  auto sc = ReadCheckpoint(store);
  if (!sc || !*sc || (*sc)->position != b.position) return std::nullopt;
  projections::ReplayOptions o;
  o.at = to;
  auto r = projections::ReplayFrom(store, std::move(**sc), o,
                                   [&](const State& s, const Event& e,
                                       const projections::EventContext& x) {
                                     b.balances.Apply(s, e, x.position);
                                   });
  if (!r) FailStatus(r.error());
  spdlog::debug("trial balance from the checkpoint at position {} and {} later events",
                b.position, r->position - b.position);
  f.replay = std::move(*r);
  f.balance = b.balances.For(c.fund);
  return f;
}

projections::ReplayResult ReplayState(const Cut& c) {
  auto store = OpenStoreReadOnly();
  auto r = projections::Replay(*store, CutOptions(c));
  if (!r) FailStatus(r.error());
  return std::move(*r);
}

std::string Stamp(const projections::ReplayResult& r, const Cut& c) {
  return "at position " + std::to_string(r.position) + " (head " + r.head_hash.substr(0, 16) +
         ")" + (c.as_of.empty() ? "" : ", as of " + c.as_of);
}

void AddCut(CLI::App* cmd, Cut& c, bool with_year, bool with_fund) {
  cmd->add_option("--at", c.at, "Log position to stop at (default: the head)");
  cmd->add_option("--as-of", c.as_of, "Business date: only events dated on or before it");
  cmd->add_flag("--json", c.json, "JSON output");
  if (with_year) cmd->add_option("--year", c.year, "Year");
  if (with_fund) cmd->add_option("--fund", c.fund, "Fund id (default: the first fund)");
}

int32_t YearOr(const Cut& c, const State& s) {
  if (!c.year.empty()) {
    int y = std::atoi(c.year.c_str());
    if (y < 1900 || y > 2999) Fail(kExitUsage, "fij: --year must be a year like 2024");
    return y;
  }
  (void)s;
  return Date::Today().year();
}

void JsonStamp(Json& j, const projections::ReplayResult& r) {
  j.Int("position", static_cast<int64_t>(r.position)).Str("head_hash", r.head_hash);
}

void RegisterReports(CLI::App& app) {
  auto* report = app.add_subcommand("report", "Read models rebuilt from the log, as of any point");
  report->require_subcommand(1);
  auto c = std::make_shared<Cut>();

  auto* balance = report->add_subcommand("balance", "Trial balance: every account, debits = credits");
  AddCut(balance, *c, false, true);
  balance->add_option("--from", c->from, "First entry date (YYYY-MM-DD)");
  balance->add_option("--to", c->to, "Last entry date (YYYY-MM-DD)");
  balance->add_flag("--full", c->full,
                    "Replay every event from zero, even where a checkpoint could answer");
  balance->callback([c] {
    std::optional<Folded> saved;
    {
      auto store = OpenStoreReadOnly();
      saved = BalanceFromCheckpoint(*c, *store);
    }
    Folded f = saved ? std::move(*saved)
                     : FoldBalance(*c, false, DateOrToday(c->from, "--from"),
                                   DateOrToday(c->to, "--to"));
    if (c->json) {
      Json j;
      j.Open();
      JsonStamp(j, f.replay);
      j.OpenArray("accounts");
      for (const auto& [code, t] : f.balance.accounts())
        j.Open().Str("account", code).Str("label", AccountLabel(code)).Money("debit", t.debit_cents)
            .Money("credit", t.credit_cents).Money("balance", t.balance_cents()).Close();
      j.CloseArray().Money("total_debit", f.balance.total_debit_cents());
      j.Money("total_credit", f.balance.total_credit_cents()).Close();
      std::cout << j.str() << "\n";
      return;
    }
    std::printf("Trial balance (%s) %s\n",
                c->fund.empty() ? "consolidated, all funds" : ("fund " + c->fund).c_str(),
                Stamp(f.replay, *c).c_str());
    std::printf("%-7s %-52s %16s %16s %16s\n", "ACCOUNT", "LABEL", "DEBIT", "CREDIT", "BALANCE");
    for (const auto& [code, t] : f.balance.accounts())
      std::printf("%-7s %s %16s %16s %16s\n", code.c_str(), Pad(AccountLabel(code), 52).c_str(),
                  Euros(t.debit_cents).c_str(), Euros(t.credit_cents).c_str(),
                  Euros(t.balance_cents()).c_str());
    std::printf("%-7s %-52s %16s %16s\n", "TOTAL", "", Euros(f.balance.total_debit_cents()).c_str(),
                Euros(f.balance.total_credit_cents()).c_str());
  });

  auto* gl = report->add_subcommand("ledger", "General ledger: every posting of an account");
  AddCut(gl, *c, false, true);
  gl->add_option("--account", c->account, "Account number (prefix), e.g. 512 or 7")->required();
  gl->add_option("--from", c->from, "First entry date");
  gl->add_option("--to", c->to, "Last entry date");
  gl->callback([c] {
    auto f = FoldBalance(*c, true, DateOrToday(c->from, "--from"), DateOrToday(c->to, "--to"));
    if (c->json) {
      Json j;
      j.Open();
      JsonStamp(j, f.replay);
      j.Str("accounts", c->account).OpenArray("postings");
      int64_t running = 0;
      for (const auto& n : f.balance.entries())
        for (const auto& l : n.entry.lines) {
          if (l.account.rfind(c->account, 0) != 0) continue;
          running += l.debit_cents - l.credit_cents;
          j.Open().Int("entry", static_cast<int64_t>(n.number))
              .Int("position", static_cast<int64_t>(n.position)).Str("date", Iso(n.entry.date))
              .Str("journal", n.entry.journal).Str("fund", n.entry.fund)
              .Str("account", l.account).Str("aux", l.aux).Str("piece", n.entry.piece_ref)
              .Str("label", n.entry.label).Money("debit", l.debit_cents)
              .Money("credit", l.credit_cents).Money("running_balance", running)
              .Str("letter", l.letter).Close();
        }
      j.CloseArray().Money("balance", running).Close();
      std::cout << j.str() << "\n";
      return;
    }
    std::printf("General ledger, accounts %s*, %s\n", c->account.c_str(), Stamp(f.replay, *c).c_str());
    int64_t running = 0;
    for (const auto& n : f.balance.entries())
      for (const auto& l : n.entry.lines) {
        if (l.account.rfind(c->account, 0) != 0) continue;
        running += l.debit_cents - l.credit_cents;
        std::printf("%6llu %s %-6s %-10s %s %14s %14s %16s %s\n",
                    static_cast<unsigned long long>(n.number), Iso(n.entry.date).c_str(),
                    l.account.c_str(), n.entry.piece_ref.substr(0, 10).c_str(),
                    Pad(n.entry.label, 34).c_str(), Euros(l.debit_cents).c_str(),
                    Euros(l.credit_cents).c_str(), Euros(running).c_str(), l.letter.c_str());
      }
  });

  auto* tiers = report->add_subcommand("tiers", "Partner tiers for a year: given, pledged, tier, cost after tax");
  AddCut(tiers, *c, true, true);
  tiers->callback([c] {
    auto r = ReplayState(*c);
    int32_t year = YearOr(*c, r.state);
    auto rows = projections::ComputeTiers(r.state, c->fund, year);
    if (c->json) {
      Json j;
      j.Open();
      JsonStamp(j, r);
      j.Int("year", year).OpenArray("partners");
      for (const auto& t : rows)
        j.Open().Str("partner", t.partner_id).Str("name", t.name).Str("kind", ToString(t.kind))
            .Money("given", t.given_cents).Money("pledged", t.pledged_cents)
            .Money("fulfilled", t.fulfilled_cents).Str("tier", t.tier)
            .Money("reduction", t.reduction_cents).Money("cost_after_tax", t.cost_after_tax_cents)
            .Str("note", t.ceiling_note).Close();
      j.CloseArray().Close();
      std::cout << j.str() << "\n";
      return;
    }
    std::printf("Partner tiers %d, %s\n", year, Stamp(r, *c).c_str());
    std::printf("%s %-10s %14s %14s %14s %s %14s\n", Pad("PARTNER", 30).c_str(), "KIND", "GIVEN",
                "PLEDGED", "FULFILLED", Pad("TIER", 18).c_str(), "COST AFTER TAX");
    for (const auto& t : rows)
      std::printf("%s %-10s %14s %14s %14s %s %14s%s\n", Pad(t.name, 30).c_str(), ToString(t.kind),
                  Euros(t.given_cents).c_str(), Euros(t.pledged_cents).c_str(),
                  Euros(t.fulfilled_cents).c_str(), Pad(t.tier, 18).c_str(),
                  Euros(t.cost_after_tax_cents).c_str(), t.ceiling_note.empty() ? "" : " *");
  });

  auto* budget = report->add_subcommand("budget", "A fund's annual budget: plan vs actual");
  AddCut(budget, *c, true, true);
  budget->add_option("--chart", c->chart, "Also draw plan vs actual as a PNG");
  budget->callback([c] {
    auto r = ReplayState(*c);
    int32_t year = YearOr(*c, r.state);
    auto b = projections::ComputeBudget(r.state, c->fund, year);
    if (!c->chart.empty()) {
      std::vector<std::string> cats;
      projections::ChartSeries plan{"plan", {}}, actual{"actual", {}};
      for (const auto& l : b.resources) {
        cats.push_back(l.name);
        plan.values_cents.push_back(l.plan_cents);
        actual.values_cents.push_back(l.actual_cents);
      }
      auto st = projections::RenderBarChart("Budget " + std::to_string(year) + " — fund " +
                                                b.fund_id + ": plan vs actual",
                                            cats, {plan, actual}, c->chart);
      if (!st.ok()) FailStatus(st);
    }
    if (c->json) {
      Json j;
      j.Open();
      JsonStamp(j, r);
      j.Str("fund", b.fund_id).Int("year", year).Bool("default_plan", b.default_plan);
      j.OpenArray("resources");
      for (const auto& l : b.resources)
        j.Open().Str("line", l.name).Money("plan", l.plan_cents).Money("actual", l.actual_cents)
            .Money("variance", l.variance_cents()).Close();
      j.CloseArray().Money("plan_total", b.plan_total_cents).Money("actual_total", b.actual_total_cents);
      j.OpenArray("spending");
      for (const auto& e : b.spending)
        j.Open().Str("project", e.project_id).Money("grants", e.grants_cents)
            .Money("loans", e.loans_cents).Close();
      j.CloseArray().Money("spending_total", b.spending_total_cents).Close();
      std::cout << j.str() << "\n";
      return;
    }
    std::printf("Budget %d of fund %s (plan%s), %s\n", year, b.fund_id.c_str(),
                b.default_plan ? ": DOMAIN.md's plan de financement" : " recorded", Stamp(r, *c).c_str());
    std::printf("%-18s %14s %14s %14s\n", "RESOURCES", "PLAN", "ACTUAL", "VARIANCE");
    for (const auto& l : b.resources)
      std::printf("%-18s %14s %14s %14s\n", l.name.c_str(), Euros(l.plan_cents).c_str(),
                  Euros(l.actual_cents).c_str(), Euros(l.variance_cents()).c_str());
    std::printf("%-18s %14s %14s %14s\n", "TOTAL", Euros(b.plan_total_cents).c_str(),
                Euros(b.actual_total_cents).c_str(),
                Euros(b.actual_total_cents - b.plan_total_cents).c_str());
    std::printf("%-18s %14s %14s\n", "SPENDING", "GRANTS PAID", "LOANS");
    for (const auto& e : b.spending)
      std::printf("%-18s %14s %14s\n", e.project_id.c_str(), Euros(e.grants_cents).c_str(),
                  Euros(e.loans_cents).c_str());
    std::printf("%-18s %14s\n", "TOTAL", Euros(b.spending_total_cents).c_str());
  });

  auto* exps = report->add_subcommand("experiments", "Per-experiment costs by category");
  AddCut(exps, *c, false, false);
  exps->callback([c] {
    auto r = ReplayState(*c);
    auto rows = projections::ComputeExperiments(r.state);
    const char* cats[] = {"salary", "material", "support", "fund"};
    if (c->json) {
      Json j;
      j.Open();
      JsonStamp(j, r);
      j.OpenArray("experiments");
      for (const auto& e : rows) {
        j.Open().Str("project", e.project_id).Str("name", e.name).Str("carrier", e.carrier);
        j.Money("budget", e.budget_total_cents).Money("committed", e.committed_cents);
        j.Money("spent", e.spent_total_cents).Money("remaining", e.remaining_cents);
        j.Bool("closed", e.closed).Key("by_category").Open();
        for (int k = 0; k < 4; ++k)
          j.Key(cats[k]).Open().Money("budget", e.budget_cents[k]).Money("spent", e.spent_cents[k]).Close();
        j.Close().OpenArray("funding");
        for (const auto& f : e.funding)
          j.Open().Str("fund", f.fund_id).Str("decision", f.decision_id).Money("grant", f.grant_cents)
              .Money("loan", f.loan_cents).Money("guarantee", f.guarantee_cents)
              .Money("grant_paid", f.grant_paid_cents).Close();
        j.CloseArray().Close();
      }
      j.CloseArray().Close();
      std::cout << j.str() << "\n";
      return;
    }
    std::printf("Per-experiment costs, %s\n", Stamp(r, *c).c_str());
    for (const auto& e : rows) {
      std::printf("%s — %s (%s)%s\n", e.project_id.c_str(), e.name.c_str(), e.carrier.c_str(),
                  e.closed ? " [closed]" : "");
      std::printf("  %-9s %14s %14s %14s\n", "CATEGORY", "BUDGET", "SPENT", "REMAINING");
      for (int k = 0; k < 4; ++k)
        std::printf("  %-9s %14s %14s %14s\n", cats[k], Euros(e.budget_cents[k]).c_str(),
                    Euros(e.spent_cents[k]).c_str(),
                    Euros(e.budget_cents[k] - e.spent_cents[k]).c_str());
      std::printf("  %-9s %14s %14s %14s   committed %s\n", "TOTAL", Euros(e.budget_total_cents).c_str(),
                  Euros(e.spent_total_cents).c_str(), Euros(e.remaining_cents).c_str(),
                  Euros(e.committed_cents).c_str());
      for (const auto& f : e.funding)
        std::printf("  funded by %s, decision %s: grant %s (paid %s), loan %s, guarantee %s\n",
                    f.fund_id.c_str(), f.decision_id.c_str(), Euros(f.grant_cents).c_str(),
                    Euros(f.grant_paid_cents).c_str(), Euros(f.loan_cents).c_str(),
                    Euros(f.guarantee_cents).c_str());
    }
  });

  auto* loans = report->add_subcommand("loans", "The loan book: outstanding, arrears by age, recycled");
  AddCut(loans, *c, false, false);
  loans->add_option("--chart", c->chart, "Also draw each loan's repaid, outstanding, arrears as a PNG");
  loans->callback([c] {
    auto r = ReplayState(*c);
    uint32_t as_of = c->as_of.empty() ? Date::Today().ymd() : ParseDateArg("--as-of", c->as_of);
    auto b = projections::ComputeLoanBook(r.state, as_of);
    if (!c->chart.empty()) {
      std::vector<std::string> cats;
      projections::ChartSeries repaid{"repaid", {}}, outstanding{"outstanding", {}},
          arrears{"in arrears", {}};
      for (const auto& l : b.loans) {
        cats.push_back(l.loan_id);
        repaid.values_cents.push_back(l.repaid_cents);
        outstanding.values_cents.push_back(l.outstanding_cents);
        arrears.values_cents.push_back(l.arrears_cents[0] + l.arrears_cents[1] + l.arrears_cents[2]);
      }
      if (cats.empty()) Fail(kExitUsage, "fij: no loan to chart");
      auto st = projections::RenderBarChart("Loan book as of " + Iso(as_of), cats,
                                            {repaid, outstanding, arrears}, c->chart);
      if (!st.ok()) FailStatus(st);
    }
    auto row_json = [](Json& j, const projections::LoanRow& l) {
      j.Open().Str("loan", l.loan_id).Str("project", l.project_id).Str("fund", l.fund_id);
      j.Money("principal", l.principal_cents).Money("scheduled", l.scheduled_cents);
      j.Money("repaid", l.repaid_cents).Money("outstanding", l.outstanding_cents);
      j.Money("arrears_0_30", l.arrears_cents[0]).Money("arrears_31_90", l.arrears_cents[1]);
      j.Money("arrears_over_90", l.arrears_cents[2]).Money("impaired", l.impaired_cents);
      j.Money("written_off", l.written_off_cents).Close();
    };
    if (c->json) {
      Json j;
      j.Open();
      JsonStamp(j, r);
      j.Str("as_of", Iso(as_of)).OpenArray("loans");
      for (const auto& l : b.loans) row_json(j, l);
      j.CloseArray().Key("total");
      row_json(j, b.total);
      j.Key("recycled_by_year").Open();
      for (const auto& [y, v] : b.recycled_by_year) j.Money(std::to_string(y), v);
      j.Close().Money("guarantees_outstanding", b.guarantees_outstanding_cents);
      j.Money("guarantees_called", b.guarantees_called_cents).Close();
      std::cout << j.str() << "\n";
      return;
    }
    std::printf("Loan book as of %s, %s\n", Iso(as_of).c_str(), Stamp(r, *c).c_str());
    std::printf("%-10s %-12s %13s %13s %13s %13s %11s %11s %11s %11s\n", "LOAN", "PROJECT",
                "PRINCIPAL", "SCHEDULED", "REPAID", "OUTSTANDING", "0-30 d", "31-90 d", ">90 d",
                "WRITTEN OFF");
    auto row = [](const projections::LoanRow& l) {
      std::printf("%-10s %-12s %13s %13s %13s %13s %11s %11s %11s %11s\n", l.loan_id.c_str(),
                  l.project_id.c_str(), Euros(l.principal_cents).c_str(),
                  Euros(l.scheduled_cents).c_str(), Euros(l.repaid_cents).c_str(),
                  Euros(l.outstanding_cents).c_str(), Euros(l.arrears_cents[0]).c_str(),
                  Euros(l.arrears_cents[1]).c_str(), Euros(l.arrears_cents[2]).c_str(),
                  Euros(l.written_off_cents).c_str());
    };
    for (const auto& l : b.loans) row(l);
    row(b.total);
    for (const auto& [y, v] : b.recycled_by_year)
      std::printf("recycled %d: %s\n", y, Euros(v).c_str());
    std::printf("guarantees outstanding %s, called %s\n", Euros(b.guarantees_outstanding_cents).c_str(),
                Euros(b.guarantees_called_cents).c_str());
  });

  auto* receipts = report->add_subcommand("receipts", "The receipts register and declaration figures");
  AddCut(receipts, *c, true, true);
  receipts->callback([c] {
    auto r = ReplayState(*c);
    int32_t year = YearOr(*c, r.state);
    auto d = projections::ComputeDeclaration(r.state, c->fund, year);
    if (c->json) {
      Json j;
      j.Open();
      JsonStamp(j, r);
      j.Int("year", year).OpenArray("receipts");
      for (const auto& num : r.state.receipt_order) {
        const auto& rs = r.state.receipts.at(num);
        if (rs.receipt.year != year) continue;
        j.Open().Str("number", num).Str("status", rs.cancelled ? "cancelled" : "issued");
        j.Str("replaced_by", rs.replaced_by).Str("replaces", rs.receipt.replaces);
        j.Str("partner", rs.receipt.partner_id).Money("amount", rs.receipt.amount_cents).Close();
      }
      j.CloseArray().Int("declared_receipts", d.receipts_count).Money("declared_total", d.total_cents);
      j.Str("deadline", d.deadline.ToIso()).Close();
      std::cout << j.str() << "\n";
      return;
    }
    std::printf("Receipts register %d, %s\n", year, Stamp(r, *c).c_str());
    for (const auto& num : r.state.receipt_order) {
      const auto& rs = r.state.receipts.at(num);
      if (rs.receipt.year != year) continue;
      std::printf("%-10s %-9s %-16s %14s %s\n", num.c_str(), rs.cancelled ? "cancelled" : "issued",
                  rs.receipt.partner_id.c_str(), Euros(rs.receipt.amount_cents).c_str(),
                  rs.replaced_by.empty() ? "" : ("replaced by " + rs.replaced_by).c_str());
    }
    std::printf("art. 222 bis for gifts of %d: %u receipts, %s; deadline %s\n", year,
                d.receipts_count, Euros(d.total_cents).c_str(), d.deadline.ToIso().c_str());
  });

  auto* exp = app.add_subcommand("export", "Export for peers and auditors");
  exp->require_subcommand(1);
  auto* journal = exp->add_subcommand("journal", "An hledger/ledger journal of every posting");
  journal->add_option("-o,--output", c->out, "Output file (default stdout)");
  journal->add_option("--at", c->at, "Log position to stop at (default: the head)");
  journal->callback([c] {
    auto f = FoldBalance(*c, true);
    WriteOut(c->out, projections::ToJournal(f.balance.entries()));
  });
  auto* fec = exp->add_subcommand("fec", "Fichier des Écritures Comptables of an exercice");
  fec->add_option("--year", c->year, "Exercice (calendar year)")->required();
  fec->add_option("--fund", c->fund, "Fund whose SIREN names the file");
  fec->add_option("-o,--output", c->out, "Output file or directory (default: ./SIRENFECYYYY1231.txt)");
  fec->callback([c] {
    auto f = FoldBalance(*c, true, 0, 0, /*with_state=*/true);
    int32_t year = YearOr(*c, f.replay.state);
    const FundState* fund = f.replay.state.Fund(c->fund);
    if (!fund) Fail(kExitUsage, "fij: no fund; run `fij init` first");
    std::map<std::string, std::string> names;
    for (const auto& [id, p] : f.replay.state.partners) names[id] = p.identity.name;
    for (const auto& [id, p] : f.replay.state.projects) names[id] = p.project.name;
    std::string name = projections::FecFileName(fund->identity.siren, year);
    std::string path = c->out.empty() ? name
                       : std::filesystem::is_directory(c->out) ? c->out + "/" + name
                                                               : c->out;
    WriteOut(path, projections::ToFec(f.balance.entries(), year, names));
    std::cout << path << "\n";
  });
  auto* events = exp->add_subcommand("events", "The raw log: Cap'n Proto messages (capnp decode) or --json lines");
  events->add_option("-o,--output", c->out, "Output file (default stdout)");
  events->add_flag("--json", c->json, "JSON Lines instead of binary messages");
  events->callback([c] {
    auto store = OpenStoreReadOnly();
    std::string buf;
    Status failure;
    auto s = store->ReadForward(1, 0, [&](const engine::RecordedEvent& ev) {
      if (c->json) {
        auto j = RecordedEventToJson(ev);
        if (!j) {
          failure = j.error();
          return false;
        }
        buf += *j + "\n";
        return true;
      }
      // Standard stream framing: segment count - 1 (0), segment size in words, the segment.
      auto words = ev.words();
      uint32_t header[2] = {0, static_cast<uint32_t>(words.size())};
      buf.append(reinterpret_cast<const char*>(header), sizeof(header));
      buf.append(reinterpret_cast<const char*>(words.begin()), words.size() * sizeof(capnp::word));
      return true;
    });
    if (!s.ok()) FailStatus(s);
    if (!failure.ok()) FailStatus(failure);
    WriteOut(c->out, buf);
  });

  auto* replay = app.add_subcommand("replay", "Rebuild every projection from zero; time and events/s");
  replay->callback([] {
    auto store = OpenStoreReadOnly();
    auto t0 = std::chrono::steady_clock::now();
    projections::TrialBalance tb;
    projections::ReplayOptions o;
    o.projections_only = true;  // decision 45
    uint64_t head = store->head().position;
    o.progress = [head](uint64_t done, uint64_t) {
      if (head >= 200000)
        std::fprintf(stderr, "\rreplay %3llu%% (%llu / %llu events)",
                     static_cast<unsigned long long>(done * 100 / head),
                     static_cast<unsigned long long>(done), static_cast<unsigned long long>(head));
    };
    auto r = projections::Replay(*store, o, [&](const State& s, const Event& e,
                                                 const projections::EventContext& x) {
      tb.Apply(s, e, x.position);
    });
    if (!r) FailStatus(r.error());
    if (head >= 200000) std::fprintf(stderr, "\n");
    const auto counts = projections::ComputeEveryProjection(r->state, Date::Today().ymd());
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("replay: %llu events in %.3f s (%.0f events/s); %llu journal entries, debits = "
                "credits = %s; %zu partners in tiers, %zu experiments, %zu loans; head %s\n",
                static_cast<unsigned long long>(r->events), secs,
                secs > 0 ? static_cast<double>(r->events) / secs : 0.0,
                static_cast<unsigned long long>(tb.entry_count()),
                Euros(tb.total_debit_cents()).c_str(), counts.partners_in_tiers,
                counts.experiments, counts.loans, r->head_hash.substr(0, 16).c_str());
  });
}

}  // namespace

namespace {
// Replay: decode every payload and check the ledger's invariants before applying; at the
// checkpoint's position, the replayed state must serialize to the checkpoint's bytes. Each
// event waits for `chain_verified(position)`; false stops the replay (the chain pass failed).
Verification ReplayVerified(const engine::Store& store, uint64_t head,
                            const std::function<bool(uint64_t)>& chain_verified) {
  Verification v;
  auto fail = [&](std::string what, uint64_t position) {
    v.error = std::move(what);
    v.error_position = position;
    return v;
  };
  auto checkpoint = ReadCheckpointHeader(store);  // its State is compared, never loaded
  if (!checkpoint) return fail(checkpoint.error().message(), 0);
  uint64_t checkpoint_at = *checkpoint ? (**checkpoint).position : 0;
  bool checkpoint_checked = false;
  // Likewise the balance checkpoint: the per-fund trial balance folded from zero must equal it.
  auto balance_cp = projections::ReadBalanceCheckpoint(store);
  if (!balance_cp) return fail(balance_cp.error().message(), 0);
  uint64_t balance_at = *balance_cp ? (**balance_cp).position : 0;
  bool balance_checked = false;
  projections::FundBalances balances;
  State state;
  uint64_t events = 0, entries = 0;
  std::string error;
  uint64_t error_pos = 0;
  auto s = ScanDecoded(store, 1, head, [&](DecodedEvent& ev) {
    if (!chain_verified(ev.position)) return false;
    const Event* decoded = &ev.event;
    if (auto broken = CheckInvariants(state, *decoded)) {
      error = *broken;
      error_pos = ev.position;
      return false;
    }
    entries += ev.position <= balance_at ? balances.Apply(state, *decoded, ev.position)
                                         : PostingsFor(state, *decoded).size();
    ApplyEvent(state, std::move(ev.event), ev.position);
    ++events;
    if (ev.position == checkpoint_at) {
      auto same = CheckpointMatches(store, **checkpoint, state);
      if (!same) {
        error = same.error().message();
        error_pos = ev.position;
        return false;
      }
      if (!*same) {
        error = "the state checkpoint disagrees with a replay from zero";
        error_pos = ev.position;
        return false;
      }
      checkpoint_checked = true;
    }
    if (ev.position == balance_at) {
      if (projections::SerializeBalances(balances) !=
          projections::SerializeBalances((**balance_cp).balances)) {
        error = "the balance checkpoint disagrees with a replay from zero";
        error_pos = ev.position;
        return false;
      }
      balance_checked = true;
    }
    return true;
  });
  if (!s.ok()) {
    // ScanDecoded names the position of an event that does not decode.
    uint64_t pos = 0;
    auto at = s.message().find("position ");
    if (at != std::string::npos) pos = std::strtoull(s.message().c_str() + at + 9, nullptr, 10);
    return fail(s.message(), pos);
  }
  if (!error.empty()) return fail(error, error_pos);
  v.events = events;
  v.entries = entries;
  v.receipts = state.receipts.size();
  v.checkpoint_checked_at = checkpoint_checked ? checkpoint_at : 0;
  v.balance_checkpoint_checked_at = balance_checked ? balance_at : 0;
  return v;
}
}  // namespace

Verification VerifyStore(const engine::Store& store) {
  Verification v;
  auto fail = [&](std::string what, uint64_t position) {
    v.error = std::move(what);
    v.error_position = position;
    return v;
  };
  // The chain (and stream index) pass runs on its own thread while this one replays; the replay
  // applies an event only once the chain pass has verified it (a tampered event never reaches
  // the fold), and a chain failure is reported first, as if the passes ran one after the other.
  // The store is read-only (fij verify, fij restore): its head does not move meanwhile.
  const uint64_t head = store.head().position;
  struct Watermark {
    std::mutex mu;
    std::condition_variable cv;
    uint64_t verified = 0;  // events 1..verified have a verified chain
    bool done = false;      // the chain pass returned (`chain` is set)
  } wm;
  std::optional<Result<engine::Store::VerifyReport>> chain;
  auto chain_pass = [&] {
    auto r = store.VerifyChain([&](uint64_t n) {
      if ((n & 0xffff) == 0) spdlog::info("verified {} events", n);
      {
        std::lock_guard g(wm.mu);
        wm.verified = n;
      }
      wm.cv.notify_all();
    });
    {
      std::lock_guard g(wm.mu);
      chain.emplace(std::move(r));
      wm.done = true;
    }
    wm.cv.notify_all();
  };
  // Without a second thread, the chain pass runs whole before the replay (decision 66).
  std::thread chain_thread;
  if (!engine::TryStartThread(&chain_thread, chain_pass, "verify's chain pass", "fij-chain"))
    chain_pass();
  uint64_t verified_seen = 0;  // this thread's copy of wm.verified
  // False: the chain pass failed before `position`.
  auto chain_verified = [&](uint64_t position) {
    if (position <= verified_seen) return true;
    std::unique_lock l(wm.mu);
    wm.cv.wait(l, [&] { return wm.verified >= position || wm.done; });
    verified_seen = wm.verified;
    return wm.verified >= position || chain->has_value();
  };
  Verification replayed = ReplayVerified(store, head, chain_verified);
  if (chain_thread.joinable()) chain_thread.join();
  if (!*chain) {
    // The engine names the position in its message; extract it for the summary.
    const std::string& m = chain->error().message();
    uint64_t pos = 0;
    auto at = m.find("position ");
    if (at != std::string::npos) pos = std::strtoull(m.c_str() + at + 9, nullptr, 10);
    return fail(m, pos);
  }
  if ((*chain)->events != head)
    return fail("the log moved during verification (head " + std::to_string(head) + ", then " +
                    std::to_string((*chain)->events) + "); verify a read-only store",
                head);
  replayed.head_hash = (*chain)->head_hash;
  return replayed;
}

void RegisterCheckpoint(CLI::App& app) {
  auto* cp = app.add_subcommand("checkpoint", "Save the ledger state at the head, so that opening "
                                              "and reports fold only later events");
  cp->callback([] {
    // The writer's lock (no other process appends meanwhile), without folding the State twice:
    // one replay gives both the State and the trial balance at the head.
    engine::OpenOptions wo;
    auto store = engine::Store::Open(G().store_dir, wo);
    if (!store) FailStatus(store.error());
    engine::Store& st = **store;
    auto head = st.head();
    if (head.position == 0) Fail(kExitUsage, "fij checkpoint: the store is empty");
    // From the previous pair of checkpoints plus the later events when both are at the same
    // position, else from zero.
    projections::FundBalances balances;
    std::optional<ledger::Checkpoint> start;
    auto bc = projections::ReadBalanceCheckpoint(st);
    auto sc = ReadCheckpoint(st);
    if (!bc) spdlog::warn("ignoring the balance checkpoint: {}", bc.error().ToString());
    if (!sc) spdlog::warn("ignoring the state checkpoint: {}", sc.error().ToString());
    if (bc && *bc && sc && *sc && (**bc).position == (**sc).position) {
      balances = std::move((**bc).balances);
      start = std::move(**sc);
    }
    uint64_t from = start ? start->position : 0;
    auto visit = [&](const State& s, const Event& e, const projections::EventContext& x) {
      balances.Apply(s, e, x.position);
    };
    projections::ReplayOptions o;
    o.at = head.position;
    o.progress = [](uint64_t done, uint64_t total) {
      spdlog::info("checkpoint: folded {} of {} events", done, total);
    };
    auto r = start ? projections::ReplayFrom(st, std::move(*start), o, visit)
                   : projections::Replay(st, o, visit);
    if (!r) FailStatus(r.error());
    FIJ_CHECK(r->position == head.position && r->state.position == head.position)
        << "checkpoint: the fold stopped at " << r->position << ", not the head "
        << head.position;
    // Both in one synced batch: a crash leaves both old or both new, never a pair at two
    // positions (which reports would ignore until the next `fij checkpoint`).
    const std::string balance_bytes =
        projections::EncodeBalanceCheckpoint({head.position, head.hash, std::move(balances)});
    Status written = st.WriteCheckpoints([&](engine::Store::CheckpointBatch& b) {
      (void)ledger::AddCheckpoint(b, r->state, head.position, head.hash);
      b.Put(projections::kBalanceCheckpointName, balance_bytes);
      return Status::Ok();
    });
    if (!written.ok()) FailStatus(written);
    std::printf("state and balance checkpoints at position %llu (head %s); %llu events folded\n",
                static_cast<unsigned long long>(head.position),
                engine::HashHex(head.hash).substr(0, 16).c_str(),
                static_cast<unsigned long long>(head.position - from));
  });
}

void RegisterAudit(CLI::App& app) {
  RegisterCheckpoint(app);
  RegisterLog(app);
  RegisterVerify(app);
  RegisterReports(app);
}

}  // namespace fij::cli
