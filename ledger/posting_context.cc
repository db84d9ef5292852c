#include "ledger/posting_context.h"

#include <array>
#include <type_traits>
#include <vector>

#include "engine/status.h"
#include "ledger/overloaded.h"

namespace fij::ledger {

bool PostingContext::Needs(std::string_view event_type) {
  static constexpr std::array<std::string_view, 18> kNeeded = {
      "FundInitialized",  "PartnerRegistered",    "PartnerCorrected", "GiftRecorded",
      "GiftReceived",     "DecisionRecorded",     "GrantDisbursed",   "LoanDisbursed",
      "LoanRepaid",       "LoanRescheduled",      "LoanImpaired",     "LoanWrittenOff",
      "GuaranteeGranted", "GuaranteeProvisioned", "GuaranteeCalled",  "GuaranteeReleased",
      "SubsidyRecorded",  "YearClosed"};
  for (auto t : kNeeded)
    if (t == event_type) return true;
  return false;
}

std::optional<PartnerFacts> PostingContext::PartnerFactsOf(const std::string& id) const {
  const uint32_t n = partner_ids_.Find(id);
  if (n == IdTable::kNone) return std::nullopt;
  PartnerFacts p;
  p.identity.kind = partner_kinds_[n];
  if (keep_names) p.identity.name = partner_names_[n];
  return p;
}

const std::string& PostingContext::DecisionFund(const std::string& id) const {
  const uint32_t n = decision_ids_.Find(id);
  FIJ_CHECK(n != IdTable::kNone) << "decision " << id << " is not in the posting context";
  return funds_[decision_funds_[n]];
}

const LoanState* PostingContext::FindLoan(const std::string& id) const {
  if (last_loan_.id != nullptr && *last_loan_.id == id) return last_loan_.state;
  auto it = loans_.find(id);
  if (it == loans_.end()) return nullptr;
  last_loan_.id = &it->first;
  last_loan_.state = const_cast<LoanState*>(&it->second);
  return last_loan_.state;
}

const GiftState* PostingContext::Gift(const std::string& id) const {
  auto it = pending_gifts.find(id);
  return it == pending_gifts.end() ? nullptr : &it->second;
}

void PostingContext::Apply(const Event& event) {
  std::visit(
      Overloaded{
          [&](const FundInitialized& e) {
            if (default_fund.empty()) default_fund = e.fund_id;
          },
          [&](const PartnerRegistered& e) {
            bool added = false;
            const uint32_t n = partner_ids_.Intern(e.partner_id, &added);
            if (added) {
              partner_kinds_.push_back(e.kind);
              if (keep_names) partner_names_.push_back(e.name);
            } else {  // registered again: the later identity stands, as in the State
              partner_kinds_[n] = e.kind;
              if (keep_names) partner_names_[n] = e.name;
            }
          },
          [&](const PartnerCorrected& e) {
            const uint32_t n = partner_ids_.Find(e.partner_id);
            FIJ_CHECK(n != IdTable::kNone) << "correction of unknown partner " << e.partner_id;
            if (keep_names && !e.name.empty()) partner_names_[n] = e.name;
          },
          [&](const GiftRecorded& e) {
            if (e.date != 0) return;  // received when recorded: posted now, never referred to
            GiftState& g = pending_gifts[e.gift_id];
            g.gift = e;
          },
          [&](const GiftReceived& e) { pending_gifts.erase(e.gift_id); },
          [&](const DecisionRecorded& e) {
            uint32_t fund = 0;
            while (fund < funds_.size() && funds_[fund] != e.fund_id) ++fund;
            if (fund == funds_.size()) funds_.push_back(e.fund_id);
            bool added = false;
            const uint32_t n = decision_ids_.Intern(e.decision_id, &added);
            if (added) {
              decision_funds_.push_back(fund);
            } else {
              decision_funds_[n] = fund;
            }
          },
          [&](const LoanDisbursed& e) {
            LoanState& l = loans_[e.loan_id] = NewLoan(e, DecisionFund(e.decision_id));
            DropEventSchedule(l);  // the schedule lives in l.schedule
          },
          // A repayment or a write-off may be a loan's last event: the loan then leaves.
          [&](const LoanRepaid& e) { ToLoan(e.loan_id, e, /*may_close=*/true); },
          [&](const LoanRescheduled& e) { ToLoan(e.loan_id, e, /*may_close=*/false); },
          [&](const LoanImpaired& e) { ToLoan(e.loan_id, e, /*may_close=*/false); },
          [&](const LoanWrittenOff& e) { ToLoan(e.loan_id, e, /*may_close=*/true); },
          [&](const GuaranteeGranted& e) { guarantees[e.guarantee_id].guarantee = e; },
          [](const auto&) {},
      },
      event);
}

// A loan no command can touch again leaves the context: its last posting is made.
template <typename E>
void PostingContext::ToLoan(const std::string& id, const E& e, bool may_close) {
  LoanState* l = FindLoan(id);
  FIJ_CHECK(l != nullptr) << "loan " << id << " is not in the posting context (closed or "
                          << "never disbursed)";
  ApplyToLoan(*l, e);
  if (may_close && Closed(*l)) {
    last_loan_ = LastLoan();  // before its key goes
    loans_.erase(id);
  }
}

// Written off, or every schedule line paid in full with no principal outstanding: every loan
// command then refuses it (RepayLoan: nothing is owed; RescheduleLoan: no unpaid principal;
// WriteOffLoan: nothing outstanding, or written off; ReviewLoans: nothing overdue), so no later
// event posts on it (decision 38).
bool PostingContext::Closed(const LoanState& l) {
  if (l.written_off) return true;
  if (l.outstanding_cents() != 0) return false;
  for (const ScheduleLine& line : l.schedule)
    if (line.paid_cents < line.due_cents()) return false;
  return true;
}

}  // namespace fij::ledger
