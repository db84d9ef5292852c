#include "projections/trial_balance.h"

#include <algorithm>
#include <cstring>

#include "engine/status.h"
#include "ledger/date.h"
#include "ledger/money.h"

namespace fij::projections {

template <class Ctx>
void TrialBalance::ApplyFrom(const Ctx& before, const ledger::Event& event, uint64_t position,
                             uint32_t valid_date) {
  if (!keep_entries_) {  // accounts and amounts only, built in place (decision 81)
    for (const auto& e : amounts_.For(before, event)) Post(e, position);
    return;
  }
  for (auto& e : ledger::PostingsFor(before, event, detail()))
    Post(std::move(e), position, valid_date);
}

void TrialBalance::Apply(const ledger::PostingContext& before, const ledger::Event& event,
                         uint64_t position, uint32_t valid_date) {
  ApplyFrom(before, event, position, valid_date);
}

void TrialBalance::Apply(const ledger::State& before, const ledger::Event& event,
                         uint64_t position, uint32_t valid_date) {
  ApplyFrom(before, event, position, valid_date);
}

namespace {
int64_t Sum(int64_t a, int64_t b) {
  return (ledger::Money::FromCents(a) + ledger::Money::FromCents(b)).cents();
}
}  // namespace

template <class Lines>
void TrialBalance::Fold(const Lines& lines, uint64_t position) {
  int64_t d = 0, c = 0;
  for (const auto& l : lines) {
    auto& a = Account(l.account);
    a.debit_cents = Sum(a.debit_cents, l.debit_cents);
    a.credit_cents = Sum(a.credit_cents, l.credit_cents);
    d = Sum(d, l.debit_cents);
    c = Sum(c, l.credit_cents);
  }
  FIJ_CHECK(d == c) << "unbalanced entry at position " << position;
  total_debit_ = Sum(total_debit_, d);
  total_credit_ = Sum(total_credit_, c);
  FIJ_CHECK(total_debit_ == total_credit_) << "trial balance out of balance";
  ++entry_count_;
}

bool TrialBalance::Passes(uint32_t date, std::string_view fund) const {
  return !(from_ && date < from_) && !(to_ && date > to_) && (fund_.empty() || fund == fund_);
}

void TrialBalance::Post(ledger::JournalEntry e, uint64_t position, uint32_t valid_date) {
  if (!Passes(e.date, e.fund)) return;
  Fold(e.lines, position);
  if (keep_entries_) entries_.push_back({entry_count_, position, valid_date, std::move(e)});
}

void TrialBalance::Post(const ledger::AmountEntry& e, uint64_t position) {
  FIJ_CHECK(!keep_entries_) << "a balance that keeps its entries is fed whole entries";
  if (Passes(e.date, e.fund)) Fold(e.lines, position);
}

uint64_t TrialBalance::AccountCache::KeyOf(std::string_view code) {
  uint64_t word = 0;
  std::memcpy(&word, code.data(), std::min<size_t>(code.size(), sizeof word));
  return word ^ (uint64_t{code.size()} << 59);  // below 8 bytes, the top byte is free
}

AccountTotals& TrialBalance::Account(std::string_view code) {
  const uint64_t key = AccountCache::KeyOf(code);
  AccountCache::Slot& slot = cache_.For(key);
  if (slot.totals != nullptr && slot.key == key && (code.size() < 8 || slot.code == code))
    return *slot.totals;
  AccountTotals& totals = accounts_.try_emplace(std::string(code)).first->second;
  slot.key = key;
  slot.code = code;
  slot.totals = &totals;
  return totals;
}

void TrialBalance::Add(const TrialBalance& other) {
  for (const auto& [code, t] : other.accounts_) {
    auto& a = accounts_[code];
    a.debit_cents = Sum(a.debit_cents, t.debit_cents);
    a.credit_cents = Sum(a.credit_cents, t.credit_cents);
  }
  total_debit_ = Sum(total_debit_, other.total_debit_);
  total_credit_ = Sum(total_credit_, other.total_credit_);
  entry_count_ += other.entry_count_;
}

TrialBalance TrialBalance::Restored(std::string fund, std::map<std::string, AccountTotals> accounts,
                                    int64_t total_debit, int64_t total_credit,
                                    uint64_t entry_count) {
  TrialBalance t(0, 0, false, std::move(fund));
  t.accounts_ = std::move(accounts);
  t.total_debit_ = total_debit;
  t.total_credit_ = total_credit;
  t.entry_count_ = entry_count;
  return t;
}

std::string ToJournal(const std::vector<NumberedEntry>& entries) {
  std::string out = "; fij journal export: one transaction per journal entry\n\n";
  for (const auto& n : entries) {
    const auto& e = n.entry;
    out += ledger::YmdToIso(e.date) + " (" + std::to_string(n.number) + ") " + e.label + "  ; " +
           e.journal + " " + e.piece_ref + " fund:" + e.fund + "\n";
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

namespace fij::projections {

std::string FecFileName(const std::string& siren, int32_t year) {
  return siren + "FEC" + std::to_string(year) + "1231.txt";
}

namespace {
std::string Ymd(uint32_t v) { return v ? std::to_string(v) : ""; }
std::string Clean(std::string s) {
  // One separator per file: a TAB or line break inside a label would break the columns.
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}
}  // namespace

std::string ToFec(const std::vector<NumberedEntry>& entries, int32_t year,
                  const std::map<std::string, std::string>& names) {
  const uint32_t first = static_cast<uint32_t>(year) * 10000 + 101;
  const uint32_t last = static_cast<uint32_t>(year) * 10000 + 1231;
  std::string out =
      "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\t"
      "CompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\t"
      "ValidDate\tMontantdevise\tIdevise\n";
  uint64_t num = 0;
  auto line = [&](const std::string& journal, uint32_t date, const ledger::PostingLine& l,
                  const std::string& piece, uint32_t piece_date, const std::string& label,
                  uint32_t valid, uint32_t date_let) {
    auto aux = names.find(l.aux);
    out += journal + "\t" + Clean(ledger::JournalLabel(journal)) + "\t" + std::to_string(num) +
           "\t" + Ymd(date) + "\t" + l.account + "\t" + Clean(ledger::AccountLabel(l.account)) +
           "\t" + l.aux + "\t" + (aux == names.end() ? "" : Clean(aux->second)) + "\t" +
           Clean(piece) + "\t" + Ymd(piece_date) + "\t" + Clean(label) + "\t" +
           ledger::Money::FromCents(l.debit_cents).ToFecNumber() + "\t" +
           ledger::Money::FromCents(l.credit_cents).ToFecNumber() + "\t" + l.letter + "\t" +
           (l.letter.empty() ? "" : Ymd(date_let)) + "\t" + Ymd(valid) + "\t\t\n";
  };
  // Opening entry: balance-sheet accounts (classes 1 to 5) carried from before the year.
  std::map<std::string, int64_t> opening;
  uint32_t last_valid_before = 0;
  for (const auto& n : entries) {
    if (n.entry.date >= first) continue;
    last_valid_before = std::max(last_valid_before, n.valid_date);
    for (const auto& l : n.entry.lines)
      if (!l.account.empty() && l.account[0] >= '1' && l.account[0] <= '5')
        opening[l.account] += l.debit_cents - l.credit_cents;
  }
  int64_t net = 0;
  for (const auto& [a, v] : opening) net += v;
  if (!opening.empty()) {
    ++num;
    for (const auto& [account, v] : opening) {
      if (v == 0) continue;
      ledger::PostingLine l{account, v > 0 ? v : 0, v < 0 ? -v : 0, "", ""};
      line("AN", first, l, "AN-" + std::to_string(year), first, "Reprise des soldes",
           last_valid_before ? last_valid_before : first, 0);
    }
    // The result of earlier years balances the opening entry (report à nouveau).
    if (net != 0) {
      ledger::PostingLine l{net > 0 ? "110" : "119", net < 0 ? -net : 0, net > 0 ? net : 0, "", ""};
      line("AN", first, l, "AN-" + std::to_string(year), first, "Report à nouveau",
           last_valid_before ? last_valid_before : first, 0);
    }
  }
  for (const auto& n : entries) {
    if (n.entry.date < first || n.entry.date > last) continue;
    ++num;
    for (const auto& l : n.entry.lines)
      line(n.entry.journal, n.entry.date, l, n.entry.piece_ref, n.entry.date, n.entry.label,
           n.valid_date, n.entry.date);
  }
  return out;
}

}  // namespace fij::projections
