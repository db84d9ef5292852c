// Every projection rebuilt from one replayed State, as `fij replay` and its benchmark do:
// partner tiers, the year's budget, experiment costs and the loan book, each computed whole,
// counted, and freed before the next (decision 58), so that the peak holds the State and the
// largest of them rather than all four at once (at 10 M events the experiment costs alone are
// about 40 MB).
#pragma once

#include <cstddef>
#include <cstdint>

#include "ledger/state.h"

namespace fij::projections {

struct ProjectionCounts {
  size_t partners_in_tiers = 0;
  size_t budget_lines = 0;  // resources and experiment spending lines, every fund
  size_t experiments = 0;
  size_t loans = 0;
};

// `today` (YYYYMMDD): the loan book's date; its year is the tiers' and the budget's.
ProjectionCounts ComputeEveryProjection(const ledger::State& s, uint32_t today);

}  // namespace fij::projections
