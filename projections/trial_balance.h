// Trial balance and general ledger: every journal entry the posting map produces, folded per
// account. Debits equal credits, always (FIJ_CHECK on every fold).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/events.h"
#include "ledger/posting_map.h"
#include "ledger/state.h"

namespace fij::projections {

struct AccountTotals {
  int64_t debit_cents = 0;
  int64_t credit_cents = 0;
  int64_t balance_cents() const { return debit_cents - credit_cents; }
};

struct NumberedEntry {
  uint64_t number = 0;    // continuous EcritureNum, from 1
  uint64_t position = 0;  // the log position of the event that posted it
  uint32_t valid_date = 0;  // when it was recorded (validated): YYYYMMDD
  ledger::JournalEntry entry;
};

// Folds events in log order. Feed it every event with the state *before* that event.
class TrialBalance {
 public:
  // `from`/`to` (YYYYMMDD, 0 = open) restrict which entries count by their date.
  TrialBalance(uint32_t from = 0, uint32_t to = 0, bool keep_entries = false,
               std::string fund = "")
      : from_(from), to_(to), keep_entries_(keep_entries), fund_(std::move(fund)) {}
  void Apply(const ledger::PostingContext& before, const ledger::Event& event, uint64_t position,
             uint32_t valid_date = 0);
  void Apply(const ledger::State& before, const ledger::Event& event, uint64_t position,
             uint32_t valid_date = 0);
  // Folds one journal entry (already produced by the posting map) if it passes the filters.
  void Post(ledger::JournalEntry entry, uint64_t position, uint32_t valid_date = 0);
  // The same for an entry's accounts and amounts (never kept: for a balance without entries).
  void Post(const ledger::AmountEntry& entry, uint64_t position);
  // Adds another balance's totals (consolidation of per-fund balances; entries are not kept).
  void Add(const TrialBalance& other);
  // A balance restored from saved totals (a balance checkpoint).
  static TrialBalance Restored(std::string fund, std::map<std::string, AccountTotals> accounts,
                               int64_t total_debit, int64_t total_credit, uint64_t entry_count);
  const std::string& fund() const { return fund_; }
  // What of each entry Apply asks the posting map for: the whole entry when entries are kept,
  // else the accounts and amounts only (decision 51).
  ledger::PostingDetail detail() const {
    return keep_entries_ ? ledger::PostingDetail::kFull : ledger::PostingDetail::kAmounts;
  }

  const std::map<std::string, AccountTotals>& accounts() const { return accounts_; }
  const std::vector<NumberedEntry>& entries() const { return entries_; }
  int64_t total_debit_cents() const { return total_debit_; }
  int64_t total_credit_cents() const { return total_credit_; }
  uint64_t entry_count() const { return entry_count_; }

 private:
  uint32_t from_, to_;
  bool keep_entries_;
  std::string fund_;  // "" = consolidated, all funds
  // The totals of `code`, added at zero when new: through a small direct-mapped cache of the
  // map's nodes (decision 73). The posting map names a handful of accounts, and the map's
  // search compared strings node after node for every line posted.
  AccountTotals& Account(std::string_view code);
  // Posts what the posting map gives for `event` (Apply, from the State or a PostingContext).
  template <class Ctx>
  void ApplyFrom(const Ctx& before, const ledger::Event& event, uint64_t position,
                 uint32_t valid_date);
  // Whether an entry of `date` and `fund` is within the balance's dates and fund.
  bool Passes(uint32_t date, std::string_view fund) const;
  // Adds an entry's lines (PostingLine or AmountLine) to their accounts and the totals.
  template <class Lines>
  void Fold(const Lines& lines, uint64_t position);

  // Pointers into accounts_ (a std::map: its nodes stay put while it lives). A copied or moved
  // balance starts with an empty cache, which never points into another balance's map.
  class AccountCache {
   public:
    struct Slot {
      uint64_t key = 0;  // KeyOf(code)
      std::string code;
      AccountTotals* totals = nullptr;
    };
    // A code's first 8 bytes and its length in one word: a code shorter than 8 bytes (every
    // code of the chart) is told apart by its key alone, without a memcmp.
    static uint64_t KeyOf(std::string_view code);
    static constexpr size_t kSlots = 32;
    AccountCache() = default;
    AccountCache(const AccountCache&) {}
    AccountCache& operator=(const AccountCache&) {
      Clear();
      return *this;
    }
    Slot& For(uint64_t key) { return slots_[(key * 0x9E3779B97F4A7C15ull) >> 59]; }  // kSlots 32
    void Clear() {
      for (Slot& s : slots_) s.totals = nullptr;
    }

   private:
    Slot slots_[kSlots];
  };

  std::map<std::string, AccountTotals> accounts_;
  AccountCache cache_;
  ledger::AmountPostings amounts_;  // the posting map's output, reused event after event
  std::vector<NumberedEntry> entries_;
  int64_t total_debit_ = 0, total_credit_ = 0;
  uint64_t entry_count_ = 0;
};

// An hledger/ledger journal of the entries (amounts in EUR with a dot decimal), accounts named
// "<code> <label>" so both tools group them like fij.
std::string ToJournal(const std::vector<NumberedEntry>& entries);

// The Fichier des Écritures Comptables of exercice `year` (DOMAIN-LAW.md §5): header line, 18
// fields separated by TAB, YYYYMMDD dates, comma decimals, the opening entry (reprise des
// soldes of classes 1-5 at the end of the previous year) first, then every entry dated in the
// year in order of validation with a continuous EcritureNum. `entries` are all entries of the
// log in log order; `names` maps auxiliary ids to labels (partners, projects).
std::string ToFec(const std::vector<NumberedEntry>& entries, int32_t year,
                  const std::map<std::string, std::string>& names);
// "<SIREN>FEC<YYYYMMDD>.txt" for the exercice closing on 31 December of `year`.
std::string FecFileName(const std::string& siren, int32_t year);

}  // namespace fij::projections
