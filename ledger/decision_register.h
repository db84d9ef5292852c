// DecisionRegister: a projection-only State's decisions (decision 56), what the budget, the
// experiment costs and the posting map read of them and nothing else: the fund and the
// project, whether it was rejected, the grant, loan and guarantee granted, the grant paid so
// far and the loan disbursed under it. Ids are interned (ledger/id_table.h), funds numbered,
// texts in one arena: about 90 bytes a decision against 512 in the State's map (the whole
// DecisionRecorded event, votes and conditions' shape included).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#include "ledger/events.h"
#include "ledger/chunked_vector.h"
#include "ledger/id_table.h"

namespace fij::ledger {

// What the budget and the experiment costs read of a decision, from a DecisionRegister or the
// State's map alike. Views valid until the register (or the State) changes.
struct DecisionFacts {
  std::string_view decision_id, project_id;
  std::string_view loan_id;  // the loan disbursed under it, "" if none yet
  const std::string* fund_id = nullptr;
  bool rejected = false;
  int64_t grant_cents = 0, loan_cents = 0, guarantee_cents = 0;
  int64_t granted_disbursed_cents = 0;
};

class DecisionRegister {
 public:
  // Adds the decision `e` records, which must be new. Every other call names a decision added.
  void Add(const DecisionRecorded& e);
  // A grant tranche paid under the decision: never more than granted in all (FIJ_CHECK).
  void AddGranted(std::string_view id, int64_t cents);
  void SetLoan(std::string_view id, std::string_view loan_id);
  const std::string& Fund(std::string_view id) const;
  std::optional<DecisionFacts> Find(std::string_view id) const;  // nullopt: unknown

  // Fetches ahead the records lookups of `ids` will read (decision 77). Changes nothing.
  void Prefetch(std::span<const std::string_view> ids) const;
  size_t size() const { return ids_.size(); }
  // Calls fn(const DecisionFacts&) for every decision, in the order added.
  template <class Fn>
  void ForEach(Fn&& fn) const {
    for (uint32_t n = 0; n < decisions_.size(); ++n) fn(FactsOf(n));
  }

 private:
  using Span = TextArena::Span;
  struct Decision {
    Span project, loan;
    uint32_t fund = 0;  // in funds_
    bool rejected = false;
    int64_t grant_cents = 0, loan_cents = 0, guarantee_cents = 0;
    int64_t granted_disbursed_cents = 0;
  };
  DecisionFacts FactsOf(uint32_t n) const;

  IdTable ids_;
  ChunkedVector<Decision> decisions_;  // by number
  std::vector<std::string> funds_;   // the funds decisions name (a handful)
  TextArena texts_;
};

}  // namespace fij::ledger
