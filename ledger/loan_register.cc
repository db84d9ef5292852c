#include "ledger/loan_register.h"

#include <algorithm>

#include "engine/status.h"

namespace fij::ledger {

namespace {

// Zigzag differences in wrapping unsigned arithmetic: exact for every pair of values.
uint64_t Zig(uint64_t delta) {
  const auto d = static_cast<int64_t>(delta);
  return (static_cast<uint64_t>(d) << 1) ^ static_cast<uint64_t>(d >> 63);
}
uint64_t Unzig(uint64_t z) { return (z >> 1) ^ (~(z & 1) + 1); }

void PutVarint(std::vector<uint8_t>& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<uint8_t>(v));
}

// Reads a loan's schedule line after line (the arena was written by Encode: no bounds to
// check but the line count).
class LineReader {
 public:
  explicit LineReader(const uint8_t* at) : p_(at) {}
  ScheduleLine Next() {
    due_ += Unzig(Varint());
    principal_ += Unzig(Varint());
    interest_ += Unzig(Varint());
    ScheduleLine line;
    line.due = static_cast<uint32_t>(due_);
    line.principal_cents = static_cast<int64_t>(principal_);
    line.interest_cents = static_cast<int64_t>(interest_);
    return line;
  }

 private:
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      const uint8_t b = *p_++;
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (b < 0x80) return v;
    }
  }
  const uint8_t* p_;
  uint64_t due_ = 0, principal_ = 0, interest_ = 0;
};

std::vector<ScheduleLine> LinesOf(const std::vector<uint32_t>& due, const std::vector<int64_t>& p,
                                  const std::vector<int64_t>& i) {
  FIJ_CHECK(due.size() == p.size() && p.size() == i.size()) << "schedule lists differ in size";
  std::vector<ScheduleLine> out(due.size());
  for (size_t k = 0; k < due.size(); ++k) out[k] = {due[k], p[k], i[k], 0};
  return out;
}

}  // namespace

void LoanRegister::Add(const LoanDisbursed& e, std::string_view fund_id) {
  bool added = false;
  const uint32_t n = ids_.Intern(e.loan_id, &added);
  FIJ_CHECK(added) << "loan " << e.loan_id << " twice";
  FIJ_CHECK(n == loans_.size()) << "loan numbers out of step";
  Loan l;
  l.project = texts_.Keep(e.project_id);
  auto f = std::find(funds_.begin(), funds_.end(), fund_id);
  l.fund = static_cast<uint32_t>(f - funds_.begin());
  if (f == funds_.end()) funds_.emplace_back(fund_id);
  l.date = e.date;
  l.principal_cents = e.principal_cents;
  const std::vector<ScheduleLine> lines = LinesOf(e.due_dates, e.principal_due, e.interest_due);
  Encode(l, lines);
  Settle(l, lines);  // lines due nothing are paid in full from the start
  loans_.push_back(std::move(l));
}

LoanRegister::Parts LoanRegister::Repay(const LoanRepaid& e) {
  FIJ_CHECK(e.lines.size() == e.line_amounts.size()) << "repayment lettering lists differ";
  Loan& l = At(e.loan_id);
  std::vector<ScheduleLine> lines;
  Lines(l, &lines);
  Parts parts;
  for (size_t k = 0; k < e.lines.size(); ++k) {
    FIJ_CHECK(e.lines[k] < lines.size()) << "repayment " << e.repayment_id << " lettered to no line";
    ScheduleLine& line = lines[e.lines[k]];
    // Interest is settled before principal within a line (as ApplyToLoan).
    const int64_t before = line.paid_cents;
    line.paid_cents += e.line_amounts[k];
    FIJ_CHECK(line.paid_cents >= 0 && line.paid_cents <= line.due_cents())
        << "repayment " << e.repayment_id << " overpays line " << e.lines[k];
    const int64_t interest = std::max<int64_t>(0, std::min(line.paid_cents, line.interest_cents) -
                                                      std::min(before, line.interest_cents));
    parts.interest_cents += interest;
    parts.principal_cents += e.line_amounts[k] - interest;
  }
  parts.fund_id = funds_[l.fund];
  l.repaid_interest_cents += parts.interest_cents;
  l.repaid_principal_cents += parts.principal_cents;
  l.partly_paid.clear();
  for (uint32_t k = l.paid_prefix; k < lines.size(); ++k)
    if (lines[k].paid_cents != 0) l.partly_paid.push_back({k, lines[k].paid_cents});
  Settle(l, lines);
  return parts;
}

void LoanRegister::Reschedule(const LoanRescheduled& e) {
  Loan& l = At(e.loan_id);
  std::vector<ScheduleLine> lines;
  Lines(l, &lines);
  // As ApplyToLoan: paid lines stay, a partly paid one closed at what was paid; the unpaid
  // remainder is replaced by the new schedule.
  std::vector<ScheduleLine> kept;
  for (ScheduleLine k : lines)
    if (k.paid_cents > 0) {
      const int64_t unpaid = k.due_cents() - k.paid_cents;
      if (unpaid > 0) {
        const int64_t cut_interest = std::min(unpaid, k.interest_cents);
        k.interest_cents -= cut_interest;
        k.principal_cents -= unpaid - cut_interest;
      }
      kept.push_back(k);
    }
  for (const ScheduleLine& k : LinesOf(e.due_dates, e.principal_due, e.interest_due))
    kept.push_back(k);
  Encode(l, kept);
  l.paid_prefix = 0;
  l.partly_paid.clear();
  for (uint32_t k = 0; k < kept.size(); ++k)
    if (kept[k].paid_cents != 0) l.partly_paid.push_back({k, kept[k].paid_cents});
  Settle(l, kept);
}

void LoanRegister::Impair(const LoanImpaired& e) { At(e.loan_id).impaired_cents += e.amount_cents; }

void LoanRegister::WriteOff(const LoanWrittenOff& e) {
  Loan& l = At(e.loan_id);
  l.written_off = true;
  l.written_off_cents += e.amount_cents;
  l.impaired_cents -= e.impairment_reversed_cents;
}

std::optional<LoanFacts> LoanRegister::FactsOf(std::string_view id) const {
  const uint32_t n = ids_.Find(id);
  if (n == IdTable::kNone) return std::nullopt;
  return Facts(n);
}

ScheduleLine LoanRegister::Line(std::string_view id, uint32_t line) const {
  const Loan& l = loans_[ids_.Known(id, "loan")];
  FIJ_CHECK(line < l.line_count) << "loan " << id << " has no line " << line;
  LineReader r(reinterpret_cast<const uint8_t*>(lines_.At(l.lines_at)));
  ScheduleLine out;
  for (uint32_t k = 0; k <= line; ++k) out = r.Next();
  if (line < l.paid_prefix) {
    out.paid_cents = out.due_cents();
  } else {
    auto p = std::lower_bound(l.partly_paid.begin(), l.partly_paid.end(), line,
                              [](const Paid& x, uint32_t k) { return x.line < k; });
    if (p != l.partly_paid.end() && p->line == line) out.paid_cents = p->cents;
  }
  return out;
}

size_t LoanRegister::bytes() const {
  size_t n = ids_.bytes() + loans_.bytes() + lines_.bytes() + texts_.bytes();
  for (size_t k = 0; k < loans_.size(); ++k) n += loans_[k].partly_paid.capacity() * sizeof(Paid);
  return n;
}

LoanFacts LoanRegister::Facts(uint32_t n) const {
  const Loan& l = loans_[n];
  LoanFacts f;
  f.loan_id = ids_.Id(n);
  f.project_id = texts_.Text(l.project);
  f.fund_id = funds_[l.fund];
  f.date = l.date;
  f.principal_cents = l.principal_cents;
  CopyLoanProgress(l, &f);
  return f;
}

void LoanRegister::Lines(const Loan& l, std::vector<ScheduleLine>* out) const {
  out->resize(l.line_count);
  LineReader r(reinterpret_cast<const uint8_t*>(lines_.At(l.lines_at)));
  for (uint32_t k = 0; k < l.line_count; ++k) {
    ScheduleLine& line = (*out)[k] = r.Next();
    if (k < l.paid_prefix) line.paid_cents = line.due_cents();
  }
  for (const Paid& p : l.partly_paid) (*out)[p.line].paid_cents = p.cents;
}

void LoanRegister::Encode(Loan& l, const std::vector<ScheduleLine>& lines) {
  FIJ_CHECK(lines.size() < UINT32_MAX) << "a schedule of 2^32 lines";
  // A rescheduled loan's former lines stay behind in the arena: reschedulings are rare.
  l.line_count = static_cast<uint32_t>(lines.size());
  std::vector<uint8_t>& out = encoded_;  // reused: its capacity is one schedule's
  out.clear();
  uint64_t due = 0, principal = 0, interest = 0;
  for (const ScheduleLine& line : lines) {
    PutVarint(out, Zig(uint64_t{line.due} - due));
    PutVarint(out, Zig(static_cast<uint64_t>(line.principal_cents) - principal));
    PutVarint(out, Zig(static_cast<uint64_t>(line.interest_cents) - interest));
    due = line.due;
    principal = static_cast<uint64_t>(line.principal_cents);
    interest = static_cast<uint64_t>(line.interest_cents);
  }
  l.lines_at = lines_.Append(out.data(), out.size());  // FIJ_CHECKs the arena's 4 GiB
}

void LoanRegister::Settle(Loan& l, const std::vector<ScheduleLine>& lines) {
  // A line is paid in full when what was lettered to it is what it is due: a line due nothing
  // (a deferral month) is so with nothing paid, as ApplyToLoan's paid_cents of 0 says.
  auto p = l.partly_paid.begin();
  while (l.paid_prefix < l.line_count) {
    const uint32_t k = l.paid_prefix;
    const int64_t paid = p != l.partly_paid.end() && p->line == k ? p->cents : 0;
    if (paid != lines[k].due_cents()) break;
    if (paid != 0) ++p;
    ++l.paid_prefix;
  }
  l.partly_paid.erase(l.partly_paid.begin(), p);
  if (l.partly_paid.empty()) std::vector<Paid>().swap(l.partly_paid);
}

}  // namespace fij::ledger
