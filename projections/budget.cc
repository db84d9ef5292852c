#include "projections/budget.h"

#include <map>
#include <string>

#include "ledger/commands.h"
#include "ledger/money.h"

namespace fij::projections {

using namespace fij::ledger;

Budget ComputeBudget(const State& s, const std::string& fund_id, int32_t year) {
  Budget b;
  b.fund_id = fund_id.empty() ? s.default_fund : fund_id;
  b.year = year;
  auto in_year = [year](uint32_t ymd) { return static_cast<int32_t>(ymd / 10000) == year; };
  std::map<std::string, Money> actual;
  // Received patronage gifts in cash, from their sums (decision 45).
  if (auto y = s.gift_totals.find({b.fund_id, year}); y != s.gift_totals.end())
    actual["patronage"] += Money::FromWide(y->second.cash_cents);
  for (const auto& [id, sub] : s.subsidies)
    if (sub.fund_id == b.fund_id && sub.year == year)
      actual[sub.funder_kind == FunderKind::kPrivate ? "france-active" : "public-funding"] +=
          Money::FromCents(sub.amount_cents);
  // Loans disbursed in the year, per project (grants: the tranches paid in the year, below).
  std::map<std::string, ExperimentSpending> spend;
  s.ForEachDecision([&](const DecisionFacts& d) {
    if (*d.fund_id != b.fund_id || d.rejected || d.loan_id.empty()) return;
    const std::optional<LoanFacts> l = s.LoanFactsOf(std::string(d.loan_id));
    FIJ_CHECK(l) << "loan " << d.loan_id << " not disbursed";
    if (in_year(l->date)) spend[std::string(d.project_id)].loans_cents += l->principal_cents;
  });
  // Recycled: the principal part of repayments dated in the year, on loans this fund decided;
  // and the grant tranches paid in the year, per project (the State's sums, decision 45).
  auto recycled = s.recycled_cents.find({b.fund_id, year});
  if (recycled != s.recycled_cents.end())
    actual["loan-repayments"] += Money::FromWide(recycled->second);
  s.ForEachTranche(b.fund_id, year, [&](std::string_view project_id, Money cents) {
    spend[std::string(project_id)].grants_cents += cents.cents();
  });

  auto plan_it = s.budget_plans.find({b.fund_id, year});
  BudgetPlanned plan = plan_it != s.budget_plans.end() ? plan_it->second
                                                       : DefaultBudgetPlan(b.fund_id, year);
  b.default_plan = plan_it == s.budget_plans.end();
  std::map<std::string, int64_t> planned;
  for (size_t k = 0; k < plan.lines.size(); ++k) planned[plan.lines[k]] = plan.amounts_cents[k];
  Money plan_total, actual_total;
  for (const char* name : {"patronage", "france-active", "public-funding", "loan-repayments"}) {
    BudgetLine line{name, planned.count(name) ? planned[name] : 0, actual[name].cents()};
    plan_total += Money::FromCents(line.plan_cents);
    actual_total += Money::FromCents(line.actual_cents);
    b.resources.push_back(line);
  }
  for (const auto& [name, amount] : planned)
    if (name != "patronage" && name != "france-active" && name != "public-funding" &&
        name != "loan-repayments") {
      b.resources.push_back({name, amount, 0});
      plan_total += Money::FromCents(amount);
    }
  b.plan_total_cents = plan_total.cents();
  b.actual_total_cents = actual_total.cents();
  Money spent;
  for (auto& [pid, e] : spend) {
    e.project_id = pid;
    spent += Money::FromCents(e.grants_cents) + Money::FromCents(e.loans_cents);
    b.spending.push_back(e);
  }
  b.spending_total_cents = spent.cents();
  return b;
}

}  // namespace fij::projections
