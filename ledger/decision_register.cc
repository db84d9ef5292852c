#include "ledger/decision_register.h"

#include "engine/status.h"

namespace fij::ledger {

void DecisionRegister::Add(const DecisionRecorded& e) {
  bool added = false;
  const uint32_t n = ids_.Intern(e.decision_id, &added);
  FIJ_CHECK(added) << "decision " << e.decision_id << " twice";
  FIJ_CHECK(n == decisions_.size()) << "decision numbers out of step";
  Decision d;
  while (d.fund < funds_.size() && funds_[d.fund] != e.fund_id) ++d.fund;
  if (d.fund == funds_.size()) funds_.push_back(e.fund_id);
  d.project = texts_.Keep(e.project_id);
  d.rejected = e.rejected;
  d.grant_cents = e.grant_cents;
  d.loan_cents = e.loan_cents;
  d.guarantee_cents = e.guarantee_cents;
  decisions_.push_back(d);
}

void DecisionRegister::AddGranted(std::string_view id, int64_t cents) {
  Decision& d = decisions_[ids_.Known(id, "decision")];
  d.granted_disbursed_cents += cents;
  FIJ_CHECK(d.granted_disbursed_cents <= d.grant_cents) << "grant over its decision " << id;
}

void DecisionRegister::SetLoan(std::string_view id, std::string_view loan_id) {
  decisions_[ids_.Known(id, "decision")].loan = texts_.Keep(loan_id);
}

const std::string& DecisionRegister::Fund(std::string_view id) const {
  return funds_[decisions_[ids_.Known(id, "decision")].fund];
}

std::optional<DecisionFacts> DecisionRegister::Find(std::string_view id) const {
  const uint32_t n = ids_.Find(id);
  if (n == IdTable::kNone) return std::nullopt;
  return FactsOf(n);
}

DecisionFacts DecisionRegister::FactsOf(uint32_t n) const {
  const Decision& d = decisions_[n];
  DecisionFacts f;
  f.decision_id = ids_.Id(n);
  f.project_id = texts_.Text(d.project);
  f.loan_id = texts_.Text(d.loan);
  f.fund_id = &funds_[d.fund];
  f.rejected = d.rejected;
  f.grant_cents = d.grant_cents;
  f.loan_cents = d.loan_cents;
  f.guarantee_cents = d.guarantee_cents;
  f.granted_disbursed_cents = d.granted_disbursed_cents;
  return f;
}

void DecisionRegister::Prefetch(std::span<const std::string_view> ids) const {
  FetchRecords(ids_, decisions_, ids, [](const auto&) {});
}

}  // namespace fij::ledger
