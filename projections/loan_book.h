// The loan book as of a date: per loan and in total, disbursed, scheduled, repaid, outstanding,
// arrears by age (0-30, 31-90, > 90 days past due), impaired and written off; repayments recycled
// per year; guarantees outstanding and called.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ledger/state.h"

namespace fij::projections {

struct LoanRow {
  std::string loan_id, project_id, fund_id;
  uint32_t disbursed_on = 0;
  int64_t principal_cents = 0;
  int64_t scheduled_cents = 0;  // due on or before the date (principal + interest)
  int64_t repaid_cents = 0;     // principal repaid
  int64_t outstanding_cents = 0;
  int64_t arrears_cents[3] = {0, 0, 0};  // 0-30, 31-90, > 90 days
  int64_t impaired_cents = 0;
  int64_t written_off_cents = 0;
};

struct GuaranteeRow {
  std::string guarantee_id, project_id, lender;
  int64_t amount_cents = 0, called_cents = 0, provision_cents = 0;
  uint32_t until = 0;
  bool released = false;
};

struct LoanBook {
  uint32_t as_of = 0;
  std::vector<LoanRow> loans;
  LoanRow total;
  std::map<int32_t, int64_t> recycled_by_year;  // principal repaid per year
  std::vector<GuaranteeRow> guarantees;
  int64_t guarantees_outstanding_cents = 0, guarantees_called_cents = 0;
};

LoanBook ComputeLoanBook(const ledger::State& s, uint32_t as_of);

}  // namespace fij::projections
