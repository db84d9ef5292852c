// ConfigureTiers, PlanBudget, CloseYear: the configuration projections read and the year-end.
#include <algorithm>

#include "ledger/commands.h"
#include "ledger/date.h"
#include "ledger/money.h"

namespace fij::ledger {
namespace {
tl::unexpected<Rejected> No(Rejection r, std::string detail) {
  return tl::unexpected(Reject(r, std::move(detail)));
}
std::string FundOr(const State& s, const std::string& f) { return f.empty() ? s.default_fund : f; }
}  // namespace

TiersConfigured DefaultTiers(const std::string& fund_id) {
  return TiersConfigured{fund_id,
                         {2000000, 1000000, 500000, 100000},
                         {"Partenaire Majeur", "Grand Partenaire", "Partenaire", "Citoyen engagé"},
                         {"Citoyen engagé"},
                         0};
}

BudgetPlanned DefaultBudgetPlan(const std::string& fund_id, int32_t year) {
  int64_t patrons = 8000000, repayments = 0;
  if (year == 2024) patrons = 7500000, repayments = 500000;
  if (year >= 2025) patrons = 7000000, repayments = 1000000;
  return BudgetPlanned{fund_id, year,
                       {"patronage", "france-active", "loan-repayments"},
                       {patrons, 3000000, repayments},
                       0};
}

Decision Decide(const State& s, const ConfigureTiers& c) {
  if (!s.Fund(c.fund_id)) return No(Rejection::kUnknownFund, "No fund '" + c.fund_id + "'.");
  if (c.thresholds_cents.empty() || c.thresholds_cents.size() != c.labels.size())
    return No(Rejection::kInvalidAmount, "Give as many thresholds as labels.");
  for (size_t k = 1; k < c.thresholds_cents.size(); ++k)
    if (c.thresholds_cents[k] >= c.thresholds_cents[k - 1])
      return No(Rejection::kInvalidAmount, "Thresholds go from the highest tier down.");
  return std::vector<Event>{TiersConfigured{FundOr(s, c.fund_id), c.thresholds_cents, c.labels,
                                            c.individual_only, c.date}};
}
CommandSpec Spec(const State& s, const ConfigureTiers& c) {
  Body b;
  b.Add("fund", FundOr(s, c.fund_id));
  for (size_t k = 0; k < c.labels.size(); ++k)
    b.Add("tier", std::to_string(c.thresholds_cents[k]) + " " + c.labels[k]);
  for (const auto& x : c.individual_only) b.Add("individual", x);
  return {"fund-" + FundOr(s, c.fund_id), engine::kAnyVersion,
          "tiers:" + FundOr(s, c.fund_id) + ":" + ShortDigest(b.str()), b.str()};
}

Decision Decide(const State& s, const PlanBudget& c) {
  if (!s.Fund(c.fund_id)) return No(Rejection::kUnknownFund, "No fund '" + c.fund_id + "'.");
  if (c.lines.empty() || c.lines.size() != c.amounts_cents.size())
    return No(Rejection::kInvalidAmount, "Give each plan line an amount.");
  for (int64_t a : c.amounts_cents)
    if (a < 0 || a > kAmountCentsMax) return No(Rejection::kInvalidAmount, "Amounts are >= 0.");
  return std::vector<Event>{
      BudgetPlanned{FundOr(s, c.fund_id), c.year, c.lines, c.amounts_cents, c.date}};
}
CommandSpec Spec(const State& s, const PlanBudget& c) {
  Body b;
  b.Add("fund", FundOr(s, c.fund_id)).Add("year", c.year);
  for (size_t k = 0; k < c.lines.size(); ++k)
    b.Add("line", c.lines[k] + "=" + std::to_string(c.amounts_cents[k]));
  return {"fund-" + FundOr(s, c.fund_id), engine::kAnyVersion,
          "budget-plan:" + FundOr(s, c.fund_id) + ":" + std::to_string(c.year) + ":" +
              ShortDigest(b.str()),
          b.str()};
}

Decision Decide(const State& s, const CloseYear& c) {
  if (s.closed_years.count(c.year))
    return No(Rejection::kYearClosed, "The exercice " + std::to_string(c.year) + " is closed.");
  if (c.year > 1900 && s.closed_years.size() && s.closed_years.rbegin()->first > c.year)
    return No(Rejection::kYearClosed, "A later exercice is already closed.");
  uint32_t end = static_cast<uint32_t>(c.year) * 10000 + 1231;
  if (c.date <= end)
    return No(Rejection::kInvalidPeriod, "An exercice closes after its last day (" +
              YmdToIso(end) + ").");
  // Earmarked funding received in the year and not used on its project within the year.
  Money dedicated, deferred;
  for (const auto& [id, sub] : s.subsidies) {
    if (sub.date / 10000 != static_cast<uint32_t>(c.year)) continue;
    if (sub.year > c.year) {  // received for a later exercice
      deferred += Money::FromCents(sub.amount_cents);
      continue;
    }
    if (sub.project_id.empty()) continue;
    Money used;
    for (const auto& [did, d] : s.decisions) {
      if (d.decision.project_id != sub.project_id || d.decision.rejected) continue;
      if (d.decision.date / 10000 == static_cast<uint32_t>(c.year))
        used += Money::FromCents(d.decision.grant_cents);
      if (!d.loan_id.empty() && s.loans.at(d.loan_id).loan.date / 10000 ==
                                    static_cast<uint32_t>(c.year))
        used += Money::FromCents(s.loans.at(d.loan_id).loan.principal_cents);
    }
    Money amount = Money::FromCents(sub.amount_cents);
    if (used < amount) dedicated += amount - used;
  }
  return std::vector<Event>{YearClosed{FundOr(s, c.fund_id), c.year, dedicated.cents(),
                                       deferred.cents(), c.date}};
}
CommandSpec Spec(const State& s, const CloseYear& c) {
  Body b;
  b.Add("fund", FundOr(s, c.fund_id)).Add("year", c.year);
  return {"closing", engine::kAnyVersion, "close-year:" + std::to_string(c.year), b.str()};
}

}  // namespace fij::ledger
