// Partner tiers: per partner and year, what was given (received), pledged (expected that year)
// and fulfilled, the tier from the fund's thresholds, and the cost after the tax reduction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/state.h"

namespace fij::projections {

struct TierRow {
  std::string partner_id;
  std::string name;
  ledger::PartnerKind kind = ledger::PartnerKind::kCompany;
  int32_t year = 0;
  int64_t given_cents = 0;      // received patronage gifts dated in the year
  int64_t pledged_cents = 0;    // expected that year from pledges
  int64_t fulfilled_cents = 0;  // received gifts linked to a pledge
  std::string tier;             // "" if below every threshold
  int64_t reduction_cents = 0;  // 60 % (company) / 66 % (citizen), half up
  int64_t cost_after_tax_cents = 0;
  std::string ceiling_note;     // when a ceiling may apply but the data to check it is absent
};

// Rows for every partner with a gift or a pledge in `year`, sorted by given, descending.
std::vector<TierRow> ComputeTiers(const ledger::State& s, const std::string& fund_id, int32_t year);

}  // namespace fij::projections
