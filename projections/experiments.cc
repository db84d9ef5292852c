#include "projections/experiments.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "engine/status.h"
#include "ledger/money.h"

namespace fij::projections {

using namespace fij::ledger;

std::vector<ExperimentCosts> ComputeExperiments(const State& s) {
  std::vector<ExperimentCosts> out;
  s.ForEachProjectCosts([&](const ProjectCosts& p) {
    ExperimentCosts e;
    Money budget, spent, committed;
    for (int k = 0; k < 4; ++k) {
      e.budget_cents[k] = p.budget_cents[k];
      e.spent_cents[k] = p.spent_cents[k];
      budget += Money::FromCents(p.budget_cents[k]);
      spent += Money::FromCents(p.spent_cents[k]);
    }
    for (std::string_view did : p.decisions) {
      const std::optional<DecisionFacts> d = s.DecisionFactsOf(std::string(did));
      FIJ_CHECK(d) << "project " << p.project_id << ": decision " << did << " unknown";
      if (d->rejected) continue;
      e.funding.push_back({*d->fund_id, std::string(did), d->grant_cents, d->loan_cents,
                           d->guarantee_cents, d->granted_disbursed_cents});
      committed += Money::FromCents(d->grant_cents) + Money::FromCents(d->loan_cents);
    }
    if (e.funding.empty() && budget.is_zero()) return;
    e.project_id = p.project_id;
    e.name = p.name;
    e.carrier = p.carrier;
    e.budget_total_cents = budget.cents();
    e.spent_total_cents = spent.cents();
    e.committed_cents = committed.cents();
    e.remaining_cents = (budget - spent).cents();
    e.closed = p.closed;
    e.outcome = p.outcome;
    out.push_back(std::move(e));
  });
  // In project id order, whichever order the State holds its projects in.
  std::sort(out.begin(), out.end(), [](const ExperimentCosts& a, const ExperimentCosts& b) {
    return a.project_id < b.project_id;
  });
  return out;
}

}  // namespace fij::projections
