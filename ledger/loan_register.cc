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

// Adds `amount` lettered to `line` (interest settled before principal within a line, as
// ApplyToLoan) to the line and to *parts.
void Letter(ScheduleLine& line, int64_t amount, const LoanRepaid& e, uint32_t at,
            LoanRegister::Parts* parts) {
  const int64_t before = line.paid_cents;
  line.paid_cents += amount;
  FIJ_CHECK(line.paid_cents >= 0 && line.paid_cents <= line.due_cents())
      << "repayment " << e.repayment_id << " overpays line " << at;
  const int64_t interest = std::max<int64_t>(0, std::min(line.paid_cents, line.interest_cents) -
                                                    std::min(before, line.interest_cents));
  parts->interest_cents += interest;
  parts->principal_cents += amount - interest;
}

std::vector<ScheduleLine> LinesOf(const std::vector<uint32_t>& due, const std::vector<int64_t>& p,
                                  const std::vector<int64_t>& i) {
  FIJ_CHECK(due.size() == p.size() && p.size() == i.size()) << "schedule lists differ in size";
  std::vector<ScheduleLine> out(due.size());
  for (size_t k = 0; k < due.size(); ++k) out[k] = {due[k], p[k], i[k], 0};
  return out;
}

}  // namespace

// Reads a loan's schedule line after line (the arena was written by Encode: no bounds to
// check but the line count), from its first line or from a cursor: a position and the line
// before it, which the next line's differences apply to.
class LoanRegister::LineReader {
 public:
  explicit LineReader(const uint8_t* at) : p_(at) {}
  LineReader(const uint8_t* at, uint32_t due, int64_t principal, int64_t interest)
      : p_(at),
        due_(due),
        principal_(static_cast<uint64_t>(principal)),
        interest_(static_cast<uint64_t>(interest)) {}
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
  const uint8_t* at() const { return p_; }
  // The line last read (zeros before the first).
  uint32_t due() const { return static_cast<uint32_t>(due_); }
  int64_t principal() const { return static_cast<int64_t>(principal_); }
  int64_t interest() const { return static_cast<int64_t>(interest_); }

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
  Settle(l, l.partly_paid);  // lines due nothing are paid in full from the start
  loans_.push_back(std::move(l));
}

LoanRegister::Parts LoanRegister::Repay(const LoanRepaid& e) {
  FIJ_CHECK(e.lines.size() == e.line_amounts.size()) << "repayment lettering lists differ";
  Loan& l = At(e.loan_id);
  for (const uint32_t line : e.lines)
    FIJ_CHECK(line < l.line_count) << "repayment " << e.repayment_id << " lettered to no line";
  Parts parts;
  if (!RepayFromCursor(l, e, &parts)) {
    // A line before paid_prefix is lettered (nothing a command writes: it letters what is
    // still owed): the whole schedule, and paid_prefix found again from line 0.
    std::vector<ScheduleLine>& lines = window_;
    Lines(l, &lines);
    for (size_t k = 0; k < e.lines.size(); ++k)
      Letter(lines[e.lines[k]], e.line_amounts[k], e, e.lines[k], &parts);
    paid_.clear();
    for (uint32_t k = 0; k < lines.size(); ++k)
      if (lines[k].paid_cents != 0) paid_.push_back({k, lines[k].paid_cents});
    Rewind(l);
    Settle(l, paid_);
    KeepPartlyPaid(l, paid_);
  }
  parts.fund_id = funds_[l.fund];
  l.repaid_interest_cents += parts.interest_cents;
  l.repaid_principal_cents += parts.principal_cents;
  return parts;
}

bool LoanRegister::RepayFromCursor(Loan& l, const LoanRepaid& e, Parts* parts) {
  const uint32_t first = l.paid_prefix;
  uint32_t last = first;
  for (const uint32_t line : e.lines) {
    if (line < first) return false;
    last = std::max(last, line);
  }
  if (e.lines.empty()) return true;
  // Lines [first, last] with what was paid on them.
  window_.resize(last - first + 1);
  LineReader r = Cursor(l);
  for (ScheduleLine& line : window_) line = r.Next();
  for (const Paid& p : l.partly_paid) {
    if (p.line > last) break;
    window_[p.line - first].paid_cents = p.cents;
  }
  for (size_t k = 0; k < e.lines.size(); ++k)
    Letter(window_[e.lines[k] - first], e.line_amounts[k], e, e.lines[k], parts);
  // What is paid from `first` on: the window's lines, then the lines after it as they were.
  paid_.clear();
  for (uint32_t k = 0; k < window_.size(); ++k)
    if (window_[k].paid_cents != 0) paid_.push_back({first + k, window_[k].paid_cents});
  for (const Paid& p : l.partly_paid)
    if (p.line > last) paid_.push_back(p);
  Settle(l, paid_);
  KeepPartlyPaid(l, paid_);
  return true;
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
  paid_.clear();
  for (uint32_t k = 0; k < kept.size(); ++k)
    if (kept[k].paid_cents != 0) paid_.push_back({k, kept[k].paid_cents});
  Settle(l, paid_);
  KeepPartlyPaid(l, paid_);
}

void LoanRegister::Impair(const LoanImpaired& e) { At(e.loan_id).impaired_cents += e.amount_cents; }

void LoanRegister::WriteOff(const LoanWrittenOff& e) {
  Loan& l = At(e.loan_id);
  l.written_off = true;
  l.written_off_cents += e.amount_cents;
  l.impaired_cents -= e.impairment_reversed_cents;
}

void LoanRegister::Prefetch(std::span<const std::string_view> ids) const {
  // Slots, entries, records, then each loan's schedule from its cursor on.
  FetchRecords(ids_, loans_, ids, [&](const Loan& l) {
    if (l.paid_prefix < l.line_count) FetchLine(lines_.At(l.lines_at + l.cursor_bytes));
  });
}

std::optional<LoanFacts> LoanRegister::FactsOf(std::string_view id) const {
  const uint32_t n = ids_.Find(id);
  if (n == IdTable::kNone) return std::nullopt;
  return Facts(n);
}

ScheduleLine LoanRegister::Line(std::string_view id, uint32_t line) const {
  const Loan& l = loans_[ids_.Known(id, "loan")];
  FIJ_CHECK(line < l.line_count) << "loan " << id << " has no line " << line;
  ScheduleLine out;
  if (line < l.paid_prefix) {
    LineReader r(reinterpret_cast<const uint8_t*>(lines_.At(l.lines_at)));
    for (uint32_t k = 0; k <= line; ++k) out = r.Next();
    out.paid_cents = out.due_cents();
    return out;
  }
  LineReader r = Cursor(l);
  for (uint32_t k = l.paid_prefix; k <= line; ++k) out = r.Next();
  auto p = std::lower_bound(l.partly_paid.begin(), l.partly_paid.end(), line,
                            [](const Paid& x, uint32_t k) { return x.line < k; });
  if (p != l.partly_paid.end() && p->line == line) out.paid_cents = p->cents;
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
  Rewind(l);
}

void LoanRegister::Rewind(Loan& l) {
  l.paid_prefix = 0;
  l.cursor_bytes = 0;
  l.cursor_due = 0;
  l.cursor_principal = l.cursor_interest = 0;
}

LoanRegister::LineReader LoanRegister::Cursor(const Loan& l) const {
  const auto* base = reinterpret_cast<const uint8_t*>(lines_.At(l.lines_at));
  return LineReader(base + l.cursor_bytes, l.cursor_due, l.cursor_principal, l.cursor_interest);
}

void LoanRegister::Settle(Loan& l, std::vector<Paid>& paid) {
  // A line is paid in full when what was lettered to it is what it is due: a line due nothing
  // (a deferral month) is so with nothing paid, as ApplyToLoan's paid_cents of 0 says.
  const auto* base = reinterpret_cast<const uint8_t*>(lines_.At(l.lines_at));
  LineReader r = Cursor(l);
  auto p = paid.begin();
  while (l.paid_prefix < l.line_count) {
    LineReader next = r;
    const ScheduleLine line = next.Next();
    const uint32_t k = l.paid_prefix;
    const int64_t cents = p != paid.end() && p->line == k ? p->cents : 0;
    if (cents != line.due_cents()) break;
    if (cents != 0) ++p;
    ++l.paid_prefix;
    r = next;
  }
  l.cursor_bytes = static_cast<uint32_t>(r.at() - base);
  l.cursor_due = r.due();
  l.cursor_principal = r.principal();
  l.cursor_interest = r.interest();
  paid.erase(paid.begin(), p);
}

void LoanRegister::KeepPartlyPaid(Loan& l, const std::vector<Paid>& paid) {
  if (paid.empty()) {
    std::vector<Paid>().swap(l.partly_paid);  // an on-time loan keeps no vector
  } else {
    l.partly_paid.assign(paid.begin(), paid.end());
  }
}

}  // namespace fij::ledger
