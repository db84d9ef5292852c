#include "projections/tiers.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "ledger/commands.h"
#include "ledger/money.h"
#include "ledger/params.h"

namespace fij::projections {

using namespace fij::ledger;

std::vector<TierRow> ComputeTiers(const State& s, const std::string& fund_id, int32_t year) {
  std::string fund = fund_id.empty() ? s.default_fund : fund_id;
  auto cfg_it = s.tiers.find(fund);
  TiersConfigured cfg = cfg_it != s.tiers.end() ? cfg_it->second : DefaultTiers(fund);
  uint32_t year_end = static_cast<uint32_t>(year) * 10000 + 1231;
  // The pledges of the fund running in the year, summed per partner; the gifts' sums of the
  // fund and year are on each partner (decisions 45, 49 and 54).
  std::unordered_map<std::string_view, Money> pledged_by_partner;
  for (const auto& [plid, pl] : s.pledges) {
    const PledgeMade& e = pl.pledge;
    if (e.fund_id != fund) continue;
    if (year >= e.from_year && year < e.from_year + static_cast<int32_t>(e.years))
      pledged_by_partner[e.partner_id] += Money::FromCents(e.amount_per_year_cents);
  }
  std::vector<TierRow> rows;
  s.ForEachPartnerSums(fund, year, [&](std::string_view pid, const PartnerFacts& p,
                                       const PartnerYearSums* gifts) {
    auto pledges = pledged_by_partner.find(pid);
    if (!gifts && pledges == pledged_by_partner.end()) return;
    TierRow r;
    r.partner_id = pid;
    r.name = p.identity.name;
    r.kind = p.identity.kind;
    r.year = year;
    const Money given = gifts ? gifts->given_cents.ToMoney() : Money();
    const Money fulfilled = gifts ? gifts->fulfilled_cents.ToMoney() : Money();
    const Money pledged = pledges != pledged_by_partner.end() ? pledges->second : Money();
    if (given.is_zero() && pledged.is_zero()) return;
    r.given_cents = given.cents();
    r.pledged_cents = pledged.cents();
    r.fulfilled_cents = fulfilled.cents();
    bool individual = r.kind == PartnerKind::kIndividual;
    for (size_t k = 0; k < cfg.labels.size(); ++k) {
      bool citizens_only = std::find(cfg.individual_only.begin(), cfg.individual_only.end(),
                                     cfg.labels[k]) != cfg.individual_only.end();
      if (citizens_only && !individual) continue;
      if (r.given_cents >= cfg.thresholds_cents[k]) {
        r.tier = cfg.labels[k];
        break;
      }
    }
    int64_t rate = s.params.At(individual ? param::kIndividualReductionBp
                                          : param::kCompanyReductionBp,
                               year_end);
    // The reduction is on gifts within the ceiling: a company's 20 000 EUR or 5 permille of its
    // turnover (unknown here), a citizen's 20 % of taxable income (unknown here). Above the
    // fixed part the excess carries forward 5 years: shown as a note, not guessed.
    Money base = given;
    if (!individual) {
      int64_t ceiling = s.params.At(param::kCompanyCeilingCents, year_end);
      if (ceiling > 0 && given.cents() > ceiling)
        r.ceiling_note = "above " + Money::FromCents(ceiling).ToFrench() +
                         ": the reduction depends on 5 permille of turnover (not recorded); "
                         "the excess carries forward 5 years";
    } else {
      r.ceiling_note = "";
    }
    r.reduction_cents = base.MulRatio(rate, 10000, Rounding::kHalfUp).cents();
    r.cost_after_tax_cents = (given - Money::FromCents(r.reduction_cents)).cents();
    rows.push_back(r);
  });
  std::sort(rows.begin(), rows.end(), [](const TierRow& a, const TierRow& b) {
    return a.given_cents != b.given_cents ? a.given_cents > b.given_cents
                                          : a.partner_id < b.partner_id;
  });
  return rows;
}

}  // namespace fij::projections
