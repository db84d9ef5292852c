// PostingContext: what the posting map needs to know of the history before an event, and
// nothing else (decision 37). `fij report balance --full` folds every event through the posting
// map with it instead of the whole ledger State: the partners' names and kinds, the gifts still
// pending, each decision's fund, the loans still open (decision 38) and the guarantees.
// Receipts, votes, sessions, pledges, budgets... neither post nor change it, so the fold does
// not even decode them (PostingContext::Needs). Its accessors have the State's names, so the one
// posting map (ledger/posting_map.cc) serves both; a test folds the same histories both ways.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/status.h"
#include "ledger/events.h"
#include "ledger/id_table.h"
#include "ledger/state.h"

namespace fij::ledger {

class PostingContext {
 public:
  // True for the event types that post or change the context (their envelope type names):
  // a fold may skip decoding every other event.
  static bool Needs(std::string_view event_type);
  // The context after `e` (call after posting it: the posting map reads the state before).
  void Apply(const Event& e);

  // Written off, or repaid in full: the context drops such a loan after its last event.
  static bool Closed(const LoanState& l);

  // A partner's name (empty when keep_names is false; valid until the context changes) and
  // kind; nullopt: unknown.
  std::optional<PartnerFacts> PartnerFactsOf(const std::string& id) const;
  const GiftState* Gift(const std::string& id) const;  // pending gifts only
  // An open loan; nullopt: unknown or closed.
  std::optional<LoanFacts> LoanFactsOf(const std::string& id) const {
    const LoanState* l = FindLoan(id);
    if (l == nullptr) return std::nullopt;
    return FactsOf(*l);
  }
  // The line `line` of the open loan `id`'s schedule (both must exist).
  ScheduleLine LoanLine(const std::string& id, uint32_t line) const {
    const LoanState* l = FindLoan(id);
    FIJ_CHECK(l != nullptr) << "loan " << id << " is not in the posting context";
    return l->schedule.at(line);
  }
  // The fund of the decision `id`, which must be known (an event in the log was decided valid).
  const std::string& DecisionFund(const std::string& id) const;
  size_t partner_count() const { return partner_ids_.size(); }
  size_t decision_count() const { return decision_ids_.size(); }

  // Looked up by id for every event that posts, never walked in order: hashed (an ordered
  // map's string comparisons were the fold's largest cost, decision 44). The partners and the
  // decisions, which the context keeps for good (one per registration, one per decision),
  // are interned (decision 52): their facts are vectors indexed by the id's number.
  template <typename T>
  using ById = std::unordered_map<std::string, T>;
  // False: the partners' names are not kept (a trial balance builds no labels, decision 51);
  // the posting map then answers PostingDetail::kAmounts only. Set before the first Apply.
  bool keep_names = true;
  std::string default_fund;
  ById<GiftState> pending_gifts;  // recorded undated, until received
  ById<GuaranteeState> guarantees;

 private:
  // The open loan `id`, or nullptr. The last loan found is remembered: a repayment looks its
  // loan up three times (its facts and its lines for the posting, then to apply it), and a
  // std::unordered_map lookup was 6 % of a 10 M-event posting replay (decision 69).
  const LoanState* FindLoan(const std::string& id) const;
  LoanState* FindLoan(const std::string& id) {
    return const_cast<LoanState*>(std::as_const(*this).FindLoan(id));
  }
  ById<LoanState> loans_;  // disbursed and not Closed()
  // The last loan FindLoan found: its key in loans_ and its state (both stable while it stays
  // in loans_: an unordered_map's rehash moves no element); forgotten when a loan leaves, and
  // not carried by a copy (it would point into the other context's map).
  struct LastLoan {
    const std::string* id = nullptr;
    LoanState* state = nullptr;
    LastLoan() = default;
    LastLoan(const LastLoan&) {}
    LastLoan& operator=(const LastLoan&) {
      id = nullptr;
      state = nullptr;
      return *this;
    }
  };
  mutable LastLoan last_loan_;

  // Applies a loan event to its loan; `may_close`: the loan leaves the context if the event
  // closed it.
  template <typename E>
  void ToLoan(const std::string& id, const E& e, bool may_close);

  IdTable partner_ids_;
  std::vector<PartnerKind> partner_kinds_;  // by partner number
  std::vector<std::string> partner_names_;  // by partner number; empty unless keep_names
  IdTable decision_ids_;
  std::vector<uint32_t> decision_funds_;  // by decision number: an index in funds_
  std::vector<std::string> funds_;        // the funds decisions name (a handful)
};

}  // namespace fij::ledger
