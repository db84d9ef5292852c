// ledger::LoanRegister (decision 57): a projection-only State's loans, schedules encoded. It must
// fold every loan event exactly as ApplyToLoan folds a LoanState; random histories (lines due
// nothing, amounts past 2^32, repayments in part and out of order, reschedulings of partly paid
// loans, impairments and write-offs) are folded both ways and compared after every event.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/loan_register.h"
#include "ledger/state.h"

namespace fij::testing {
namespace {

using ledger::LoanRegister;
using ledger::LoanState;
using ledger::ScheduleLine;

struct Lists {
  std::vector<uint32_t> due;
  std::vector<int64_t> principal, interest;
};

Lists RandomSchedule(std::mt19937_64& rng, uint32_t from) {
  Lists s;
  const int n = std::uniform_int_distribution<int>(1, 70)(rng);
  uint32_t due = from;
  const bool big = rng() % 5 == 0;  // amounts past 2^32 cents
  for (int k = 0; k < n; ++k) {
    due += std::uniform_int_distribution<uint32_t>(1, 120)(rng);  // not a date: any ascending number
    s.due.push_back(due);
    const int shape = static_cast<int>(rng() % 6);
    int64_t p = big ? static_cast<int64_t>(rng() % 900'000'000'000'000) : static_cast<int64_t>(rng() % 500'000);
    int64_t i = static_cast<int64_t>(rng() % 20'000);
    if (shape == 0) p = i = 0;  // a deferral month: due nothing
    if (shape == 1) p = 0;      // interest only
    s.principal.push_back(p);
    s.interest.push_back(i);
  }
  return s;
}

void ExpectSame(const LoanRegister& reg, const std::string& id, const LoanState& l,
                const std::string& where) {
  SCOPED_TRACE(where);
  auto f = reg.FactsOf(id);
  ASSERT_TRUE(f);
  const ledger::LoanFacts g = ledger::FactsOf(l);
  EXPECT_EQ(f->loan_id, g.loan_id);
  EXPECT_EQ(f->project_id, g.project_id);
  EXPECT_EQ(f->fund_id, g.fund_id);
  EXPECT_EQ(f->date, g.date);
  EXPECT_EQ(f->principal_cents, g.principal_cents);
  EXPECT_EQ(f->repaid_principal_cents, g.repaid_principal_cents);
  EXPECT_EQ(f->repaid_interest_cents, g.repaid_interest_cents);
  EXPECT_EQ(f->impaired_cents, g.impaired_cents);
  EXPECT_EQ(f->written_off_cents, g.written_off_cents);
  EXPECT_EQ(f->written_off, g.written_off);
  EXPECT_EQ(f->outstanding_cents(), l.outstanding_cents());
  for (uint32_t k = 0; k < l.schedule.size(); ++k) {
    const ScheduleLine a = reg.Line(id, k), &b = l.schedule[k];
    ASSERT_EQ(a.due, b.due) << k;
    ASSERT_EQ(a.principal_cents, b.principal_cents) << k;
    ASSERT_EQ(a.interest_cents, b.interest_cents) << k;
    ASSERT_EQ(a.paid_cents, b.paid_cents) << k;
  }
}

TEST(LoanRegisterTest, FoldsEveryLoanEventAsALoanStateDoes) {
  std::mt19937_64 rng(20261205);
  LoanRegister reg;
  std::map<std::string, LoanState> loans;  // the reference
  std::vector<std::string> ids;
  size_t repaid_in_part = 0, rescheduled_in_part = 0, written_off = 0, events = 0;
  size_t lettered_settled = 0, unsettled = 0;  // letterings to lines paid in full: 0, negative
  for (int step = 0; step < 6000; ++step) {
    const int op = ids.empty() ? 0 : static_cast<int>(rng() % 20);
    if (op == 0) {  // a disbursement
      ledger::LoanDisbursed e;
      e.loan_id = "loan-" + std::to_string(ids.size());
      e.decision_id = "d" + std::to_string(ids.size());
      e.project_id = "project-" + std::to_string(rng() % 50);
      e.date = 20230101 + static_cast<uint32_t>(rng() % 1000);
      Lists s = RandomSchedule(rng, e.date);
      e.due_dates = s.due;
      e.principal_due = s.principal;
      e.interest_due = s.interest;
      for (int64_t p : s.principal) e.principal_cents += p;
      const std::string fund = "fund-" + std::to_string(rng() % 3);
      reg.Add(e, fund);
      loans[e.loan_id] = ledger::NewLoan(e, fund);
      ids.push_back(e.loan_id);
      ExpectSame(reg, e.loan_id, loans[e.loan_id], "disbursed " + e.loan_id);
      ++events;
      continue;
    }
    const std::string& id = ids[rng() % ids.size()];
    LoanState& l = loans.at(id);
    const std::string where = "step " + std::to_string(step) + " on " + id;
    if (op <= 13 && rng() % 8 == 0) {
      // A lettering to a line already paid in full: nothing a command writes (it letters what
      // is still owed), but a log may hold it. 0 changes nothing; a negative amount (which
      // verify reports) unsettles the line. Either way the register reads the whole schedule
      // (decision 71), and must still agree with ApplyToLoan.
      std::vector<uint32_t> settled;
      for (uint32_t k = 0; k < l.schedule.size(); ++k)
        if (l.schedule[k].due_cents() > 0 && l.schedule[k].paid_cents == l.schedule[k].due_cents())
          settled.push_back(k);
      if (settled.empty()) continue;
      ledger::LoanRepaid e;
      e.repayment_id = "u" + std::to_string(step);
      e.loan_id = id;
      const uint32_t k = settled[rng() % settled.size()];
      const int64_t paid = l.schedule[k].paid_cents;
      const int64_t amount =
          rng() % 2 ? 0 : -1 - static_cast<int64_t>(rng() % static_cast<uint64_t>(paid));
      e.lines.push_back(k);
      e.line_amounts.push_back(amount);
      e.amount_cents = amount;
      ++(amount == 0 ? lettered_settled : unsettled);
      const int64_t p0 = l.repaid_principal_cents, i0 = l.repaid_interest_cents;
      const LoanRegister::Parts parts = reg.Repay(e);
      ledger::ApplyToLoan(l, e);
      EXPECT_EQ(parts.principal_cents, l.repaid_principal_cents - p0) << where;
      EXPECT_EQ(parts.interest_cents, l.repaid_interest_cents - i0) << where;
    } else if (op <= 13) {
      // A repayment of one to three lines still owed, in any order, in full or in part.
      ledger::LoanRepaid e;
      e.repayment_id = "r" + std::to_string(step);
      e.loan_id = id;
      std::vector<uint32_t> owed;
      for (uint32_t k = 0; k < l.schedule.size(); ++k)
        if (l.schedule[k].paid_cents < l.schedule[k].due_cents()) owed.push_back(k);
      if (owed.empty()) continue;
      std::shuffle(owed.begin(), owed.end(), rng);
      // Mostly the first line owed, as a fund's on-time loans are repaid.
      if (rng() % 2) std::sort(owed.begin(), owed.end());
      const size_t lines = std::min<size_t>(owed.size(), 1 + rng() % 3);
      for (size_t j = 0; j < lines; ++j) {
        const ScheduleLine& line = l.schedule[owed[j]];
        const int64_t unpaid = line.due_cents() - line.paid_cents;
        int64_t amount = unpaid;
        if (rng() % 3 == 0) {
          amount = static_cast<int64_t>(rng() % static_cast<uint64_t>(unpaid + 1));  // 0 to all
          if (amount < unpaid) ++repaid_in_part;
        }
        e.lines.push_back(owed[j]);
        e.line_amounts.push_back(amount);
        e.amount_cents += amount;
      }
      const int64_t p0 = l.repaid_principal_cents, i0 = l.repaid_interest_cents;
      const LoanRegister::Parts parts = reg.Repay(e);
      ledger::ApplyToLoan(l, e);
      EXPECT_EQ(parts.principal_cents, l.repaid_principal_cents - p0) << where;
      EXPECT_EQ(parts.interest_cents, l.repaid_interest_cents - i0) << where;
      EXPECT_EQ(parts.fund_id, l.fund_id) << where;
    } else if (op <= 15) {  // a rescheduling of what is still owed
      ledger::LoanRescheduled e;
      e.loan_id = id;
      e.decision_id = "dr" + std::to_string(step);
      for (const auto& line : l.schedule)
        if (line.paid_cents > 0 && line.paid_cents < line.due_cents()) ++rescheduled_in_part;
      Lists s = RandomSchedule(rng, l.schedule.empty() ? 20250101 : l.schedule.back().due);
      e.due_dates = s.due;
      e.principal_due = s.principal;
      e.interest_due = s.interest;
      e.term_months = static_cast<uint32_t>(s.due.size());
      reg.Reschedule(e);
      ledger::ApplyToLoan(l, e);
    } else if (op <= 17) {
      ledger::LoanImpaired e;
      e.loan_id = id;
      e.amount_cents = static_cast<int64_t>(rng() % 100'000);
      reg.Impair(e);
      ledger::ApplyToLoan(l, e);
    } else {
      ledger::LoanWrittenOff e;
      e.loan_id = id;
      e.amount_cents = std::max<int64_t>(0, l.outstanding_cents() / 2);
      e.impairment_reversed_cents = l.impaired_cents / 2;
      reg.WriteOff(e);
      ledger::ApplyToLoan(l, e);
      ++written_off;
    }
    ++events;
    ExpectSame(reg, id, l, where);
    if (::testing::Test::HasFailure()) return;
  }
  // Not a vacuous run: every kind of event, and the cases the encoding must get right.
  EXPECT_GT(ids.size(), 200u);
  EXPECT_GT(events, 5000u);
  EXPECT_GT(repaid_in_part, 100u);
  EXPECT_GT(rescheduled_in_part, 10u);
  EXPECT_GT(written_off, 50u);
  EXPECT_GT(lettered_settled, 20u);
  EXPECT_GT(unsettled, 20u);

  // Every loan again, through ForEach (the loan book's walk), in the order disbursed.
  size_t n = 0;
  reg.ForEach([&](const ledger::LoanFacts& f, const std::vector<ScheduleLine>& lines) {
    ASSERT_LT(n, ids.size());
    EXPECT_EQ(f.loan_id, ids[n]);
    const LoanState& l = loans.at(ids[n]);
    ASSERT_EQ(lines.size(), l.schedule.size()) << f.loan_id;
    for (size_t k = 0; k < lines.size(); ++k) {
      EXPECT_EQ(lines[k].due, l.schedule[k].due);
      EXPECT_EQ(lines[k].principal_cents, l.schedule[k].principal_cents);
      EXPECT_EQ(lines[k].interest_cents, l.schedule[k].interest_cents);
      EXPECT_EQ(lines[k].paid_cents, l.schedule[k].paid_cents);
    }
    ++n;
  });
  EXPECT_EQ(n, ids.size());
  EXPECT_EQ(reg.size(), ids.size());
  EXPECT_FALSE(reg.FactsOf("loan-unknown"));
  EXPECT_TRUE(reg.contains("loan-0"));
}

TEST(LoanRegisterTest, KeepsAMonthlyScheduleInAFewBytesALine) {
  LoanRegister reg;
  ledger::LoanDisbursed e;
  e.loan_id = "l1";
  e.project_id = "p1";
  e.date = 20250115;
  // 60 monthly lines of an amortised loan, as `fij gen` and the committee's schedules make them.
  uint32_t y = 2025, m = 2;
  for (int k = 0; k < 60; ++k) {
    e.due_dates.push_back(y * 10000 + m * 100 + 15);
    if (++m > 12) m = 1, ++y;
    e.principal_due.push_back(50'000 + k * 37);
    e.interest_due.push_back(6'000 - k * 37);
    e.principal_cents += 50'000 + k * 37;
  }
  reg.Add(e, "fij");
  // 2 000 more loans of the same schedule: the whole register (id table, records, texts and
  // lines, by capacity, chunks included) takes less than their ScheduleLines alone would.
  LoanRegister many;
  constexpr size_t kLoans = 2000;
  for (size_t k = 0; k < kLoans; ++k) {
    ledger::LoanDisbursed other = e;
    other.loan_id = "l" + std::to_string(k);
    other.project_id = "p" + std::to_string(k);
    many.Add(other, "fij");
  }
  EXPECT_LT(many.bytes(), sizeof(ScheduleLine) * 60 * kLoans / 2)
      << many.bytes() / kLoans << " bytes a loan";
  EXPECT_EQ(reg.Line("l1", 59).due, 20300115u);
  EXPECT_EQ(reg.Line("l1", 59).principal_cents, 50'000 + 59 * 37);
  EXPECT_EQ(reg.Line("l1", 59).interest_cents, 6'000 - 59 * 37);
  EXPECT_EQ(reg.Line("l1", 0).paid_cents, 0);
  ledger::LoanRepaid r;
  r.loan_id = "l1";
  r.lines = {0};
  r.line_amounts = {56'000};
  auto parts = reg.Repay(r);
  EXPECT_EQ(parts.interest_cents, 6'000);
  EXPECT_EQ(parts.principal_cents, 50'000);
  EXPECT_EQ(reg.Line("l1", 0).paid_cents, 56'000);
  EXPECT_EQ(reg.FactsOf("l1")->outstanding_cents(), e.principal_cents - 50'000);
}

// Decision 71: a repayment decodes from the first line not paid in full (the cursor), not from
// line 0. Paying a 120-line schedule line by line, with prepayments ahead, reads every line
// as written and letters each amount where it belongs.
TEST(LoanRegisterTest, RepaysALongScheduleFromItsFirstUnpaidLine) {
  LoanRegister reg;
  // Fetching ahead (decision 77) reads only the register's own memory (ASan checks it), from an
  // empty register to a loan paid off, and changes nothing the fold then reads.
  const std::vector<std::string_view> fetched = {"long", "unknown", "", "long"};
  reg.Prefetch(fetched);
  ledger::LoanDisbursed e;
  e.loan_id = "long";
  e.project_id = "p";
  e.date = 20250101;
  for (uint32_t k = 0; k < 120; ++k) {
    e.due_dates.push_back(20250201 + k);
    // Every tenth line due nothing (a deferral month), so the cursor must skip them too.
    const int64_t p = k % 10 == 9 ? 0 : 10'000 + k, i = k % 10 == 9 ? 0 : 500 - k;
    e.principal_due.push_back(p);
    e.interest_due.push_back(i);
    e.principal_cents += p;
  }
  reg.Add(e, "fij");
  LoanState reference = ledger::NewLoan(e, "fij");
  auto repay = [&](std::vector<uint32_t> lines, std::vector<int64_t> amounts) {
    ledger::LoanRepaid r;
    r.repayment_id = "r" + std::to_string(lines[0]);
    r.loan_id = "long";
    r.lines = std::move(lines);
    r.line_amounts = std::move(amounts);
    reg.Prefetch(fetched);
    const auto parts = reg.Repay(r);
    const int64_t p0 = reference.repaid_principal_cents;
    ledger::ApplyToLoan(reference, r);
    EXPECT_EQ(parts.principal_cents, reference.repaid_principal_cents - p0);
  };
  for (uint32_t k = 0; k < 120; ++k) {
    const ScheduleLine& line = reference.schedule[k];
    if (line.paid_cents == line.due_cents()) continue;  // prepaid, or due nothing
    if (k % 7 == 0 && k + 3 < 120) {
      // Part of this line and all of one three lines ahead, lettered out of order.
      const ScheduleLine& ahead = reference.schedule[k + 3];
      repay({k + 3, k}, {ahead.due_cents() - ahead.paid_cents, line.due_cents() / 2});
      repay({k}, {line.due_cents() - line.paid_cents});
    } else {
      repay({k}, {line.due_cents() - line.paid_cents});
    }
    if (k % 13 == 0) ExpectSame(reg, "long", reference, "after line " + std::to_string(k));
  }
  reg.Prefetch(fetched);  // every line paid: no schedule left to fetch
  ExpectSame(reg, "long", reference, "paid off");
  EXPECT_EQ(reg.FactsOf("long")->outstanding_cents(), 0);
}

}  // namespace
}  // namespace fij::testing
