// Per-experiment costs: budget by the four categories, committed (the approved package), spent,
// remaining, and which fund and decision fund it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/state.h"

namespace fij::projections {

struct FundingLine {
  std::string fund_id, decision_id;
  int64_t grant_cents = 0, loan_cents = 0, guarantee_cents = 0;
  int64_t grant_paid_cents = 0;
};

struct ExperimentCosts {
  std::string project_id, name, carrier;
  int64_t budget_cents[4] = {0, 0, 0, 0};
  int64_t spent_cents[4] = {0, 0, 0, 0};
  int64_t budget_total_cents = 0, spent_total_cents = 0;
  int64_t committed_cents = 0;  // grants + loans approved
  int64_t remaining_cents = 0;  // budget - spent
  bool closed = false;
  std::string outcome;
  std::vector<FundingLine> funding;
};

// Every project with an approving decision or a budget.
std::vector<ExperimentCosts> ComputeExperiments(const ledger::State& s);

}  // namespace fij::projections
