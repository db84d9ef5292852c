// PostingContext: what the posting map needs to know of the history before an event, and
// nothing else (decision 37). `fij report balance --full` folds every event through the posting
// map with it instead of the whole ledger State: the partners' names and kinds, the gifts still
// pending, each decision's fund, the loans still open (decision 38) and the guarantees.
// Receipts, votes, sessions, pledges, budgets... neither post nor change it, so the fold does
// not even decode them (PostingContext::Needs). Its accessors have the State's names, so the one
// posting map (ledger/posting_map.cc) serves both; a test folds the same histories both ways.
#pragma once

#include <unordered_map>
#include <string>
#include <string_view>

#include "ledger/events.h"
#include "ledger/state.h"

namespace fij::ledger {

class PostingContext {
 public:
  struct PartnerFacts {
    struct {
      std::string name;
      PartnerKind kind = PartnerKind::kIndividual;
    } identity;
  };
  struct DecisionFacts {
    struct {
      std::string fund_id;
    } decision;
  };

  // True for the event types that post or change the context (their envelope type names):
  // a fold may skip decoding every other event.
  static bool Needs(std::string_view event_type);
  // The context after `e` (call after posting it: the posting map reads the state before).
  void Apply(const Event& e);

  // Written off, or repaid in full: the context drops such a loan after its last event.
  static bool Closed(const LoanState& l);

  const PartnerFacts* Partner(const std::string& id) const;
  const GiftState* Gift(const std::string& id) const;  // pending gifts only
  const LoanState& Loan(const std::string& id) const { return loans.at(id); }  // an open loan

  // Looked up by id for every event that posts, never walked in order: hashed (an ordered
  // map's string comparisons were the fold's largest cost, decision 44).
  template <typename T>
  using ById = std::unordered_map<std::string, T>;
  // False: the partners' names are not kept (a trial balance builds no labels, decision 51);
  // the posting map then answers PostingDetail::kAmounts only.
  bool keep_names = true;
  std::string default_fund;
  ById<PartnerFacts> partners;
  ById<GiftState> pending_gifts;  // recorded undated, until received
  ById<DecisionFacts> decisions;
  ById<LoanState> loans;  // disbursed and not Closed()
  ById<GuaranteeState> guarantees;

 private:
  // Applies a loan event to its loan; `may_close`: the loan leaves the context if the event
  // closed it.
  template <typename E>
  void ToLoan(const std::string& id, const E& e, bool may_close);
};

}  // namespace fij::ledger
