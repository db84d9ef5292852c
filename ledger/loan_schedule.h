// Loan repayment schedules, exact to the cent.
//
// Rules (docs/DECISIONS.md): `term_months` counts from disbursement and includes the deferral;
// instalments are monthly, term - deferral of them, the first one month after the deferral ends,
// each on the disbursement's day of month (clamped to the month's last day). Principal is
// amortised in equal parts with the last instalment absorbing the rounding, so the schedule sums
// exactly to the principal. Interest (if any) is on the outstanding principal for the months the
// instalment covers, rounded half up per line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledger/date.h"

namespace fij::ledger {

inline constexpr uint32_t kLoanTermMonthsMax = 360;
inline constexpr int64_t kLoanRateBpMax = 2000;  // 20 % a year

struct ScheduleEntry {
  Date due;
  int64_t principal_cents = 0;
  int64_t interest_cents = 0;
};

// nullopt with `why` set if the terms are not a loan (principal <= 0, no instalment left after
// the deferral, term or rate out of range).
std::optional<std::vector<ScheduleEntry>> BuildSchedule(int64_t principal_cents,
                                                        uint32_t term_months,
                                                        uint32_t deferral_months, int64_t rate_bp,
                                                        Date disbursed_on, std::string* why);

}  // namespace fij::ledger
