#include "projections/loan_book.h"

#include "ledger/date.h"
#include "ledger/money.h"

namespace fij::projections {

using namespace fij::ledger;

LoanBook ComputeLoanBook(const State& s, uint32_t as_of) {
  LoanBook b;
  b.as_of = as_of;
  b.total.loan_id = "TOTAL";
  const int64_t as_of_days = Date::FromYmd(as_of)->DaysSinceEpoch();
  for (const auto& [id, l] : s.loans) {
    LoanRow r;
    r.loan_id = id;
    r.project_id = l.loan.project_id;
    r.fund_id = l.fund_id;
    r.disbursed_on = l.loan.date;
    r.principal_cents = l.loan.principal_cents;
    r.repaid_cents = l.repaid_principal_cents;
    r.outstanding_cents = l.outstanding_cents();
    r.impaired_cents = l.impaired_cents;
    r.written_off_cents = l.written_off_cents;
    for (const auto& line : l.schedule) {
      if (line.due > as_of) continue;
      r.scheduled_cents += line.due_cents();
      int64_t unpaid = line.due_cents() - line.paid_cents;
      if (unpaid <= 0 || l.written_off) continue;
      int64_t age = as_of_days - Date::FromYmd(line.due)->DaysSinceEpoch();
      r.arrears_cents[age <= 30 ? 0 : age <= 90 ? 1 : 2] += unpaid;
    }
    auto add = [](int64_t& to, int64_t v) { to = (Money::FromCents(to) + Money::FromCents(v)).cents(); };
    add(b.total.principal_cents, r.principal_cents);
    add(b.total.scheduled_cents, r.scheduled_cents);
    add(b.total.repaid_cents, r.repaid_cents);
    add(b.total.outstanding_cents, r.outstanding_cents);
    for (int k = 0; k < 3; ++k) add(b.total.arrears_cents[k], r.arrears_cents[k]);
    add(b.total.impaired_cents, r.impaired_cents);
    add(b.total.written_off_cents, r.written_off_cents);
    b.loans.push_back(r);
  }
  for (const auto& [fund_year, cents] : s.recycled_cents) {  // decision 45
    int64_t& year = b.recycled_by_year[fund_year.second];
    year = (Money::FromCents(year) + Money::FromWide(cents)).cents();
  }
  for (const auto& [id, g] : s.guarantees) {
    GuaranteeRow r{id, g.guarantee.project_id, g.guarantee.lender, g.guarantee.amount_cents,
                   g.called_cents, g.provision_cents, g.guarantee.until, g.released};
    if (!g.released && g.guarantee.until >= as_of)
      b.guarantees_outstanding_cents += g.guarantee.amount_cents - g.called_cents;
    b.guarantees_called_cents += g.called_cents;
    b.guarantees.push_back(r);
  }
  return b;
}

}  // namespace fij::projections
