#include "projections/experiments.h"

#include "ledger/money.h"

namespace fij::projections {

using namespace fij::ledger;

std::vector<ExperimentCosts> ComputeExperiments(const State& s) {
  std::vector<ExperimentCosts> out;
  for (const auto& [pid, p] : s.projects) {
    ExperimentCosts e;
    e.project_id = pid;
    e.name = p.project.name;
    e.carrier = p.project.carrier;
    Money budget, spent, committed;
    for (int k = 0; k < 4; ++k) {
      e.budget_cents[k] = p.budget_cents[k];
      e.spent_cents[k] = p.spent_cents[k];
      budget += Money::FromCents(p.budget_cents[k]);
      spent += Money::FromCents(p.spent_cents[k]);
    }
    for (const auto& did : p.decisions) {
      const DecisionState& d = s.decisions.at(did);
      if (d.decision.rejected) continue;
      e.funding.push_back({d.decision.fund_id, did, d.decision.grant_cents, d.decision.loan_cents,
                           d.decision.guarantee_cents, d.granted_disbursed_cents});
      committed += Money::FromCents(d.decision.grant_cents) + Money::FromCents(d.decision.loan_cents);
    }
    if (e.funding.empty() && budget.is_zero()) continue;
    e.budget_total_cents = budget.cents();
    e.spent_total_cents = spent.cents();
    e.committed_cents = committed.cents();
    e.remaining_cents = (budget - spent).cents();
    e.closed = p.experiment_closed;
    e.outcome = p.outcome;
    out.push_back(e);
  }
  return out;
}

}  // namespace fij::projections
