// Annual budget of a fund: the plan (BudgetPlanned, default: DOMAIN.md's plan de financement)
// against actuals, and what was spent per experiment in the year.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/state.h"

namespace fij::projections {

struct BudgetLine {
  std::string name;
  int64_t plan_cents = 0;
  int64_t actual_cents = 0;
  int64_t variance_cents() const { return actual_cents - plan_cents; }
};

struct ExperimentSpending {
  std::string project_id;
  int64_t grants_cents = 0;  // tranches paid in the year
  int64_t loans_cents = 0;   // loans disbursed in the year
};

struct Budget {
  std::string fund_id;
  int32_t year = 0;
  bool default_plan = false;  // no BudgetPlanned event: DOMAIN.md's plan is shown
  std::vector<BudgetLine> resources;  // patronage, france-active, public-funding, loan-repayments
  int64_t plan_total_cents = 0;
  int64_t actual_total_cents = 0;
  std::vector<ExperimentSpending> spending;
  int64_t spending_total_cents = 0;
};

// Actual resources: "patronage" = received patronage gifts (cash, in kind excluded); "france-
// active" = private contributions (755); "public-funding" = public subsidies (740);
// "loan-repayments" = principal repaid in the year (recycled into the fund).
Budget ComputeBudget(const ledger::State& s, const std::string& fund_id, int32_t year);

}  // namespace fij::projections
