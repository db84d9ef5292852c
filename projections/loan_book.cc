#include "projections/loan_book.h"

#include <algorithm>

#include "ledger/date.h"
#include "ledger/money.h"

namespace fij::projections {

using namespace fij::ledger;

LoanBook ComputeLoanBook(const State& s, uint32_t as_of) {
  LoanBook b;
  b.as_of = as_of;
  b.total.loan_id = "TOTAL";
  const int64_t as_of_days = Date::FromYmd(as_of)->DaysSinceEpoch();
  s.ForEachLoan([&](const LoanFacts& l, const std::vector<ScheduleLine>& schedule) {
    LoanRow r;
    r.loan_id = l.loan_id;
    r.project_id = l.project_id;
    r.fund_id = l.fund_id;
    r.disbursed_on = l.date;
    r.principal_cents = l.principal_cents;
    r.repaid_cents = l.repaid_principal_cents;
    r.outstanding_cents = l.outstanding_cents();
    r.impaired_cents = l.impaired_cents;
    r.written_off_cents = l.written_off_cents;
    for (const auto& line : schedule) {
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
    b.loans.push_back(std::move(r));
  });
  // By loan id, whichever order the State keeps them in (a register: the order disbursed).
  std::sort(b.loans.begin(), b.loans.end(),
            [](const LoanRow& x, const LoanRow& y) { return x.loan_id < y.loan_id; });
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
