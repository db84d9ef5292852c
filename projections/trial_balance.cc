#include "projections/trial_balance.h"

#include "engine/status.h"
#include "ledger/date.h"
#include "ledger/money.h"

namespace fij::projections {

void TrialBalance::Apply(const ledger::State& before, const ledger::Event& event,
                         uint64_t position) {
  for (auto& e : ledger::PostingsFor(before, event)) {
    if ((from_ && e.date < from_) || (to_ && e.date > to_)) continue;
    int64_t d = 0, c = 0;
    for (const auto& l : e.lines) {
      auto& a = accounts_[l.account];
      a.debit_cents = (ledger::Money::FromCents(a.debit_cents) +
                       ledger::Money::FromCents(l.debit_cents)).cents();
      a.credit_cents = (ledger::Money::FromCents(a.credit_cents) +
                        ledger::Money::FromCents(l.credit_cents)).cents();
      d += l.debit_cents;
      c += l.credit_cents;
    }
    FIJ_CHECK(d == c) << "unbalanced entry at position " << position;
    total_debit_ = (ledger::Money::FromCents(total_debit_) + ledger::Money::FromCents(d)).cents();
    total_credit_ = (ledger::Money::FromCents(total_credit_) + ledger::Money::FromCents(c)).cents();
    ++entry_count_;
    if (keep_entries_) entries_.push_back({entry_count_, position, std::move(e)});
  }
  FIJ_CHECK(total_debit_ == total_credit_) << "trial balance out of balance";
}

std::string ToJournal(const std::vector<NumberedEntry>& entries) {
  std::string out = "; fij journal export: one transaction per journal entry\n\n";
  for (const auto& n : entries) {
    const auto& e = n.entry;
    out += ledger::YmdToIso(e.date) + " (" + std::to_string(n.number) + ") " + e.label + "  ; " +
           e.journal + " " + e.piece_ref + "\n";
    for (const auto& l : e.lines) {
      std::string account = l.account + " " + ledger::AccountLabel(l.account);
      int64_t amount = l.debit_cents - l.credit_cents;
      out += "    " + account + "  " + ledger::Money::FromCents(amount).ToPlain() + " EUR\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace fij::projections
