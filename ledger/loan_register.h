// LoanRegister: a projection-only State's loans (decision 57), what the loan book, the budget
// and the posting map read of them: the project, the fund, the disbursement's date and
// principal, what was repaid, impaired and written off, and the schedule with what was
// lettered to each line. Ids are interned (ledger/id_table.h); every schedule lies in one byte
// arena, each line three varints (the due date, the principal and the interest, each as the
// zigzag difference with the line before: a monthly line takes 4 to 6 bytes where a
// ScheduleLine takes 32); what was paid is a count of leading lines paid in full plus the
// lines paid in part, so an on-time loan keeps one number. About 400 bytes a loan at 10 M
// events against 2.1 KB in the State's map.
//
// It folds the loan events exactly as ApplyToLoan does a LoanState (tests/ledger/
// loan_register_test.cc replays random repayments, reschedulings, impairments and write-offs
// both ways): the same lines in the same order, the same paid amounts, the same sums.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/events.h"
#include "ledger/chunked_vector.h"
#include "ledger/id_table.h"

namespace fij::ledger {

struct ScheduleLine {
  uint32_t due = 0;
  int64_t principal_cents = 0;
  int64_t interest_cents = 0;
  int64_t paid_cents = 0;  // lettered repayments
  int64_t due_cents() const { return principal_cents + interest_cents; }
};

// What the loan book, the budget and the posting map read of a loan, from a LoanRegister or
// the State's map alike. Views valid until the register (or the State) changes.
struct LoanFacts {
  std::string_view loan_id, project_id, fund_id;
  uint32_t date = 0;  // disbursed on
  int64_t principal_cents = 0;
  int64_t repaid_principal_cents = 0;
  int64_t repaid_interest_cents = 0;
  int64_t impaired_cents = 0;
  int64_t written_off_cents = 0;
  bool written_off = false;
  int64_t outstanding_cents() const {  // as LoanState::outstanding_cents
    return principal_cents - repaid_principal_cents - written_off_cents;
  }
};

// Copies what was repaid, impaired and written off from a loan's record (the register's or
// the State's LoanState: both name these amounts alike) into *f.
template <class Record>
void CopyLoanProgress(const Record& r, LoanFacts* f) {
  f->repaid_principal_cents = r.repaid_principal_cents;
  f->repaid_interest_cents = r.repaid_interest_cents;
  f->impaired_cents = r.impaired_cents;
  f->written_off_cents = r.written_off_cents;
  f->written_off = r.written_off;
}

class LoanRegister {
 public:
  // The principal and interest parts of a repayment, as ApplyToLoan splits it, and the
  // loan's fund (a view valid while the register lives).
  struct Parts {
    int64_t principal_cents = 0, interest_cents = 0;
    std::string_view fund_id;
  };

  // Adds the loan `e` disburses, of the fund `fund_id` (its decision's); it must be new. Every
  // other call names a loan added before.
  void Add(const LoanDisbursed& e, std::string_view fund_id);
  Parts Repay(const LoanRepaid& e);
  void Reschedule(const LoanRescheduled& e);
  void Impair(const LoanImpaired& e);
  void WriteOff(const LoanWrittenOff& e);

  // Fetches ahead what repayments of the loans `ids` will read (decision 77): each id's slot and
  // entry, the loan's record, and its schedule from the cursor on. Changes nothing.
  void Prefetch(std::span<const std::string_view> ids) const;

  size_t size() const { return loans_.size(); }
  bool contains(std::string_view id) const { return ids_.Find(id) != IdTable::kNone; }
  // The loan `id`; nullopt: unknown.
  std::optional<LoanFacts> FactsOf(std::string_view id) const;
  // The line `line` of the loan `id`'s schedule, with what was lettered to it (both must exist).
  ScheduleLine Line(std::string_view id, uint32_t line) const;
  // Calls fn(const LoanFacts&, const std::vector<ScheduleLine>&) for every loan, in the order
  // disbursed, with its whole schedule.
  template <class Fn>
  void ForEach(Fn&& fn) const {
    std::vector<ScheduleLine> lines;
    for (uint32_t n = 0; n < loans_.size(); ++n) {
      Lines(loans_[n], &lines);
      fn(Facts(n), std::as_const(lines));
    }
  }
  // Heap bytes, by capacity.
  size_t bytes() const;

 private:
  struct Paid {
    uint32_t line = 0;
    int64_t cents = 0;  // > 0
  };
  struct Loan {
    TextArena::Span project;
    uint32_t fund = 0;  // in funds_
    uint32_t date = 0;
    uint32_t lines_at = 0, line_count = 0;  // the schedule in lines_
    uint32_t paid_prefix = 0;  // lines [0, paid_prefix) are paid in full
    // Where line paid_prefix starts (bytes from lines_at) and the line before it (zeros before
    // line 0): its varints are differences from that line, so a repayment decodes from here
    // rather than from line 0 (decision 71).
    uint32_t cursor_bytes = 0;
    uint32_t cursor_due = 0;
    int64_t cursor_principal = 0, cursor_interest = 0;
    bool written_off = false;
    int64_t principal_cents = 0;
    int64_t repaid_principal_cents = 0, repaid_interest_cents = 0;
    int64_t impaired_cents = 0, written_off_cents = 0;
    std::vector<Paid> partly_paid;  // lines from paid_prefix on with something paid, by line
  };

  LoanFacts Facts(uint32_t n) const;
  Loan& At(std::string_view id) { return loans_[ids_.Known(id, "loan")]; }
  // Decodes the loan's schedule lines (with what was paid) into *out.
  void Lines(const Loan& l, std::vector<ScheduleLine>* out) const;
  // Encodes `lines` (due, principal and interest only) as the loan's schedule, at the arena's
  // end, its cursor at line 0 with paid_prefix 0; the paid amounts are the caller's to set.
  void Encode(Loan& l, const std::vector<ScheduleLine>& lines);
  // paid_prefix and the cursor back at line 0.
  static void Rewind(Loan& l);
  // A loan's lines read one after the other (loan_register.cc), from line 0 or from a cursor.
  class LineReader;
  LineReader Cursor(const Loan& l) const;  // at line paid_prefix
  // Advances paid_prefix (and the cursor) over the lines paid in full that follow it; `paid`:
  // what was lettered to the lines from paid_prefix on (by line, none zero), the settled
  // lines' entries taken out of it.
  void Settle(Loan& l, std::vector<Paid>& paid);
  // `paid` as the loan's partly_paid (no vector kept when empty).
  static void KeepPartlyPaid(Loan& l, const std::vector<Paid>& paid);
  // A repayment lettered to lines at paid_prefix or after: decodes from the cursor to the
  // last line lettered only. False (nothing changed) when a line before paid_prefix is
  // lettered: the caller takes the whole schedule.
  bool RepayFromCursor(Loan& l, const LoanRepaid& e, Parts* parts);

  IdTable ids_;
  ChunkedVector<Loan, 10> loans_;  // by number
  ChunkedBytes lines_;
  std::vector<uint8_t> encoded_;      // Encode's scratch
  std::vector<ScheduleLine> window_;  // Repay's scratch
  std::vector<Paid> paid_;            // Repay's and Reschedule's scratch
  TextArena texts_;
  std::vector<std::string> funds_;  // the funds loans name (a handful)
};

}  // namespace fij::ledger
