#include "ledger/loan_schedule.h"

#include "engine/status.h"
#include "ledger/money.h"

namespace fij::ledger {

std::optional<std::vector<ScheduleEntry>> BuildSchedule(int64_t principal_cents,
                                                        uint32_t term_months,
                                                        uint32_t deferral_months, int64_t rate_bp,
                                                        Date disbursed_on, std::string* why) {
  auto fail = [&](std::string m) -> std::optional<std::vector<ScheduleEntry>> {
    if (why) *why = std::move(m);
    return std::nullopt;
  };
  if (principal_cents <= 0 || principal_cents > kAmountCentsMax)
    return fail("the principal must be positive and at most 1 000 000 000 000,00 EUR");
  if (term_months == 0 || term_months > kLoanTermMonthsMax)
    return fail("the term must be 1 to " + std::to_string(kLoanTermMonthsMax) + " months");
  if (deferral_months >= term_months)
    return fail("the deferral (" + std::to_string(deferral_months) +
                " months) must leave at least one instalment within the term (" +
                std::to_string(term_months) + " months)");
  if (rate_bp < 0 || rate_bp > kLoanRateBpMax)
    return fail("the rate must be 0 to 20 %");
  const int64_t n = term_months - deferral_months;
  std::vector<Money> parts = Money::FromCents(principal_cents).SplitLastAbsorbs(n);
  std::vector<ScheduleEntry> out;
  out.reserve(static_cast<size_t>(n));
  Money outstanding = Money::FromCents(principal_cents);
  for (int64_t k = 0; k < n; ++k) {
    ScheduleEntry e;
    e.due = disbursed_on.AddMonths(static_cast<int>(deferral_months + k + 1));
    e.principal_cents = parts[static_cast<size_t>(k)].cents();
    // Months this instalment covers: the first covers the deferral too.
    int64_t months = k == 0 ? deferral_months + 1 : 1;
    e.interest_cents = outstanding.MulRatio(rate_bp * months, 120000, Rounding::kHalfUp).cents();
    outstanding -= parts[static_cast<size_t>(k)];
    out.push_back(e);
  }
  FIJ_CHECK(outstanding.is_zero()) << "schedule does not sum to the principal";
  return out;
}

}  // namespace fij::ledger
