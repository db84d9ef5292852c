#include "projections/every_projection.h"

#include "projections/budget.h"
#include "projections/experiments.h"
#include "projections/loan_book.h"
#include "projections/tiers.h"

namespace fij::projections {

ProjectionCounts ComputeEveryProjection(const ledger::State& s, uint32_t today) {
  const auto year = static_cast<int32_t>(today / 10000);
  ProjectionCounts c;
  c.partners_in_tiers = ComputeTiers(s, "", year).size();
  {
    const Budget b = ComputeBudget(s, "", year);
    c.budget_lines = b.resources.size() + b.spending.size();
  }
  c.experiments = ComputeExperiments(s).size();
  c.loans = ComputeLoanBook(s, today).loans.size();
  return c;
}

}  // namespace fij::projections
