// The one posting map: which balanced double-entry lines each financial event posts, on the
// accounts of the plan comptable associatif (ANC 2018-06; DOMAIN-LAW.md §6). Non-financial
// events (identities, pledges, receipts, votes) post nothing: a pledge is an off-balance
// commitment, not income.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/events.h"
#include "ledger/state.h"

namespace fij::ledger {

struct PostingLine {
  std::string account;  // e.g. "512", "7542"
  int64_t debit_cents = 0;
  int64_t credit_cents = 0;
  std::string aux;     // auxiliary account (partner or borrower id), "" if none
  std::string letter;  // lettering code (a loan's schedule line), "" if none
};

struct JournalEntry {
  std::string journal;  // "BQ" bank, "CA" cash, "OD" miscellaneous, "CVN" in-kind contributions
  uint32_t date = 0;
  std::string label;
  std::string piece_ref;  // the supporting document: gift id, receipt number, decision id
  std::vector<PostingLine> lines;
  std::string fund;  // the fund whose accounts it posts to (reports per fund or consolidated)
};

// What of an entry the posting map writes (decision 51).
enum class PostingDetail {
  kFull,     // every field: journals, ledgers, the FEC, the receipts' checks
  kAmounts,  // journal, date, fund and lines' accounts and amounts only: label, piece_ref and the
             // lines' aux and letter are left empty. A trial balance reads nothing else, and
             // building those texts (a partner's name in every gift's label) was a tenth of its
             // folding thread.
};

// The entries `event` posts, given the state just before it (for facts the event refers to,
// such as a pending gift's amount). Every entry is balanced (FIJ_CHECK).
std::vector<JournalEntry> PostingsFor(const State& before, const Event& event,
                                      PostingDetail detail = PostingDetail::kFull);
// The same from the narrower context a full trial balance folds (ledger/posting_context.h).
// kFull needs a context that keeps the partners' names (PostingContext::keep_names).
class PostingContext;
std::vector<JournalEntry> PostingsFor(const PostingContext& before, const Event& event,
                                      PostingDetail detail = PostingDetail::kFull);

// An entry's accounts and amounts, as a trial balance folds them: what PostingDetail::kAmounts
// keeps of a JournalEntry, less the journal, as views (decision 81).
struct AmountLine {
  std::string_view account;
  int64_t debit_cents = 0;
  int64_t credit_cents = 0;
};
struct AmountEntry {
  uint32_t date = 0;
  std::string_view fund;
  std::span<const AmountLine> lines;
};

// The entries an event posts, from the same posting map as PostingsFor, written as
// AmountEntry views into storage kept from one event to the next: no string is built and,
// once warmed up, nothing is allocated (a JournalEntry cost two allocations and a string copy
// per field, a tenth of a replay's fold). The views are valid until the next For() and while
// `before` and `event` stay unchanged.
class AmountPostings {
 public:
  std::span<const AmountEntry> For(const State& before, const Event& event);
  std::span<const AmountEntry> For(const PostingContext& before, const Event& event);

 private:
  template <class Ctx>
  std::span<const AmountEntry> Build(const Ctx& before, const Event& event);
  std::vector<AmountEntry> entries_;
  std::vector<AmountLine> lines_;
  std::vector<uint32_t> firsts_;  // by entry: its first line in lines_
};

bool Balanced(const JournalEntry& entry);
// The chart's label of an account, "" if unknown.
const char* AccountLabel(const std::string& code);
const char* JournalLabel(const std::string& code);

}  // namespace fij::ledger
