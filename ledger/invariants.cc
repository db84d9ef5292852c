#include "ledger/invariants.h"
#include "ledger/overloaded.h"

#include "ledger/posting_map.h"

namespace fij::ledger {
namespace {

using Check = std::optional<std::string>;
}  // namespace

std::optional<std::string> CheckInvariants(const State& s, const Event& event) {
  Check c = std::visit(
      Overloaded{
          [&](const FundInitialized& e) -> Check {
            if (s.funds.count(e.fund_id)) return "fund " + e.fund_id + " initialised twice";
            return std::nullopt;
          },
          [&](const AgrementRecorded& e) -> Check {
            if (!s.funds.count(e.fund_id)) return "agrément for unknown fund " + e.fund_id;
            if (e.valid_to < e.valid_from) return "agrément period ends before it starts";
            return std::nullopt;
          },
          [&](const PartnerRegistered& e) -> Check {
            if (s.partners.count(e.partner_id)) return "partner " + e.partner_id + " twice";
            return std::nullopt;
          },
          [&](const PartnerCorrected& e) -> Check {
            if (!s.partners.count(e.partner_id)) return "correction of unknown partner";
            return std::nullopt;
          },
          [&](const PledgeMade& e) -> Check {
            if (s.pledges.count(e.pledge_id)) return "pledge " + e.pledge_id + " twice";
            if (!s.partners.count(e.partner_id)) return "pledge of unknown partner";
            return std::nullopt;
          },
          [&](const GiftRecorded& e) -> Check {
            if (s.gifts.count(e.gift_id)) return "gift " + e.gift_id + " twice";
            if (!s.partners.count(e.partner_id)) return "gift of unknown partner";
            if (e.amount_cents <= 0) return "gift " + e.gift_id + " has a non-positive amount";
            if (!e.pledge_id.empty() && !s.pledges.count(e.pledge_id))
              return "gift " + e.gift_id + " fulfils an unknown pledge";
            return std::nullopt;
          },
          [&](const GiftReceived& e) -> Check {
            const GiftState* g = s.Gift(e.gift_id);
            if (!g) return "receipt of money for unknown gift " + e.gift_id;
            if (g->received) return "gift " + e.gift_id + " received twice";
            return std::nullopt;
          },
          [&](const ReceiptIssued& e) -> Check {
            if (s.receipts.count(e.number)) return "receipt number " + e.number + " reused";
            auto it = s.receipt_sequences.find({e.fund_id, e.year});
            uint32_t prev = it == s.receipt_sequences.end() ? 0 : it->second;
            if (e.sequence != prev + 1)
              return "receipt " + e.number + " leaves a gap: sequence " +
                     std::to_string(e.sequence) + " after " + std::to_string(prev);
            int64_t sum = 0;
            for (const auto& id : e.gift_ids) {
              const GiftState* g = s.Gift(id);
              if (!g) return "receipt " + e.number + " covers unknown gift " + id;
              if (!g->received) return "receipt " + e.number + " covers pending gift " + id;
              if (!g->active_receipt.empty())
                return "receipt " + e.number + " covers gift " + id + " already on " +
                       g->active_receipt;
              if (g->gift.kind != GiftKind::kPatronage)
                return "receipt " + e.number + " covers sponsorship " + id;
              sum += g->gift.amount_cents;
            }
            if (sum != e.amount_cents)
              return "receipt " + e.number + " amount differs from its gifts' total";
            if (!e.replaces.empty()) {
              const ReceiptState* old = s.Receipt(e.replaces);
              if (!old || !old->cancelled)
                return "receipt " + e.number + " replaces " + e.replaces +
                       ", which is not cancelled";
            }
            return std::nullopt;
          },
          [&](const ReceiptCancelled& e) -> Check {
            const ReceiptState* r = s.Receipt(e.number);
            if (!r) return "cancellation of unknown receipt " + e.number;
            if (r->cancelled) return "receipt " + e.number + " cancelled twice";
            return std::nullopt;
          },
          [&](const ParameterSet&) -> Check { return std::nullopt; },
          [&](const DeclarationFiled&) -> Check { return std::nullopt; },
          [&](const FundAdded& e) -> Check {
            if (s.funds.count(e.fund_id)) return "fund " + e.fund_id + " added twice";
            return std::nullopt;
          },
          [&](const ProjectAdded& e) -> Check {
            if (s.projects.count(e.project_id)) return "project " + e.project_id + " twice";
            return std::nullopt;
          },
          [&](const CallOpened& e) -> Check {
            if (s.calls.count(e.call_id)) return "call " + e.call_id + " twice";
            if (!s.funds.count(e.fund_id)) return "call of unknown fund " + e.fund_id;
            return std::nullopt;
          },
          [&](const CallClosed& e) -> Check {
            if (!s.calls.count(e.call_id)) return "closing unknown call " + e.call_id;
            return std::nullopt;
          },
          [&](const ApplicationSubmitted& e) -> Check {
            if (!s.projects.count(e.project_id) || !s.calls.count(e.call_id))
              return "application of unknown project or call";
            return std::nullopt;
          },
          [&](const ApplicationStatusChanged& e) -> Check {
            if (!s.projects.count(e.project_id)) return "status of unknown project";
            return std::nullopt;
          },
          [&](const AssessmentScored& e) -> Check {
            if (!s.projects.count(e.project_id)) return "score of unknown project";
            return std::nullopt;
          },
          [&](const MemberAdded& e) -> Check {
            if (s.members.count(e.member_id)) return "member " + e.member_id + " twice";
            return std::nullopt;
          },
          [&](const MemberRemoved& e) -> Check {
            if (!s.members.count(e.member_id)) return "removal of unknown member";
            return std::nullopt;
          },
          [&](const CommitteeRulesSet& e) -> Check {
            if (!s.funds.count(e.fund_id)) return "rules of unknown fund";
            return std::nullopt;
          },
          [&](const SessionOpened& e) -> Check {
            if (s.sessions.count(e.session_id)) return "session " + e.session_id + " twice";
            return std::nullopt;
          },
          [&](const AttendanceRecorded& e) -> Check {
            auto it = s.sessions.find(e.session_id);
            if (it == s.sessions.end() || it->second.closed)
              return "attendance at unknown or closed session " + e.session_id;
            return std::nullopt;
          },
          [&](const SessionClosed& e) -> Check {
            if (!s.sessions.count(e.session_id)) return "closing unknown session";
            return std::nullopt;
          },
          [&](const VoteCast& e) -> Check {
            auto it = s.sessions.find(e.session_id);
            if (it == s.sessions.end() || it->second.closed)
              return "vote in unknown or closed session " + e.session_id;
            auto m = s.members.find(e.member_id);
            if (m == s.members.end() || m->second.member.role != MemberRole::kVoting)
              return "vote by " + e.member_id + ", who is not a voting member";
            if (!it->second.Present(e.member_id)) return "vote by absent member " + e.member_id;
            auto v = it->second.votes.find(e.project_id);
            if (v != it->second.votes.end() && v->second.count(e.member_id))
              return "second vote by " + e.member_id + " on " + e.project_id;
            return std::nullopt;
          },
          [&](const ConflictDeclared& e) -> Check {
            if (!s.projects.count(e.project_id)) return "conflict on unknown project";
            return std::nullopt;
          },
          [&](const DecisionRecorded& e) -> Check {
            if (s.decisions.count(e.decision_id)) return "decision " + e.decision_id + " twice";
            auto it = s.sessions.find(e.session_id);
            if (it == s.sessions.end()) return "decision in unknown session " + e.session_id;
            const FundState* f = s.Fund(e.fund_id);
            if (!f) return "decision of unknown fund";
            // Recount quorum and majority from the votes the log holds.
            size_t members = s.VotingMembers(e.fund_id).size();
            uint32_t present = 0, v_for = 0, v_against = 0;
            for (const auto& m : it->second.present) {
              auto ms = s.members.find(m);
              if (ms != s.members.end() && ms->second.member.role == MemberRole::kVoting) ++present;
            }
            if (auto v = it->second.votes.find(e.project_id); v != it->second.votes.end())
              for (const auto& [m, c] : v->second) {
                v_for += c == Choice::kFor;
                v_against += c == Choice::kAgainst;
              }
            if (members == 0 || int64_t{present} * 10000 <= int64_t(members) * f->quorum_bp)
              return "decision " + e.decision_id + " without quorum";
            if (!e.rejected && int64_t{v_for} * 10000 <= int64_t{v_for + v_against} * f->majority_bp)
              return "approval " + e.decision_id + " without a majority";
            return std::nullopt;
          },
          [&](const BudgetSet& e) -> Check {
            if (!s.projects.count(e.project_id)) return "budget of unknown project";
            return std::nullopt;
          },
          [&](const ExpenseRecorded& e) -> Check {
            auto p = s.projects.find(e.project_id);
            if (p == s.projects.end()) return "expense of unknown project";
            int k = static_cast<int>(e.category);
            if (p->second.spent_cents[k] + e.amount_cents > p->second.budget_cents[k])
              return "expense " + e.expense_id + " beyond its budget";
            return std::nullopt;
          },
          [&](const ExperimentClosed& e) -> Check {
            if (!s.projects.count(e.project_id)) return "closing unknown experiment";
            return std::nullopt;
          },
          [&](const GrantDisbursed& e) -> Check {
            auto d = s.decisions.find(e.decision_id);
            if (d == s.decisions.end()) return "disbursement under unknown decision";
            if (d->second.decision.rejected) return "disbursement under a rejection";
            if (d->second.granted_disbursed_cents + e.amount_cents > d->second.decision.grant_cents)
              return "disbursement " + e.disbursement_id + " beyond decision " + e.decision_id;
            return std::nullopt;
          },
          [&](const LoanDisbursed& e) -> Check {
            auto d = s.decisions.find(e.decision_id);
            if (d == s.decisions.end() || d->second.decision.rejected)
              return "loan under unknown or rejecting decision";
            if (e.principal_cents != d->second.decision.loan_cents)
              return "loan " + e.loan_id + " differs from its decision";
            int64_t sum = 0;
            for (int64_t x : e.principal_due) sum += x;
            if (sum != e.principal_cents) return "loan " + e.loan_id + " schedule != principal";
            return std::nullopt;
          },
          [&](const LoanRepaid& e) -> Check {
            auto l = s.loans.find(e.loan_id);
            if (l == s.loans.end()) return "repayment of unknown loan";
            int64_t sum = 0;
            for (size_t k = 0; k < e.lines.size(); ++k) {
              if (e.lines[k] >= l->second.schedule.size()) return "repayment lettered to no line";
              const auto& line = l->second.schedule[e.lines[k]];
              // A repayment letters what it pays: a negative amount would unsettle a line.
              if (e.line_amounts[k] < 0)
                return "repayment " + e.repayment_id + " letters a negative amount to line " +
                       std::to_string(e.lines[k]);
              if (line.paid_cents + e.line_amounts[k] > line.due_cents())
                return "repayment " + e.repayment_id + " overpays a schedule line";
              sum += e.line_amounts[k];
            }
            if (sum != e.amount_cents) return "repayment " + e.repayment_id + " lettering != amount";
            return std::nullopt;
          },
          [&](const LoanRescheduled& e) -> Check {
            if (!s.loans.count(e.loan_id)) return "rescheduling unknown loan";
            return std::nullopt;
          },
          [&](const LoanImpaired& e) -> Check {
            if (!s.loans.count(e.loan_id)) return "impairing unknown loan";
            return std::nullopt;
          },
          [&](const LoanWrittenOff& e) -> Check {
            auto l = s.loans.find(e.loan_id);
            if (l == s.loans.end()) return "writing off unknown loan";
            if (!s.decisions.count(e.decision_id)) return "write-off without a decision";
            return std::nullopt;
          },
          [&](const GuaranteeGranted& e) -> Check {
            if (s.guarantees.count(e.guarantee_id)) return "guarantee twice";
            return std::nullopt;
          },
          [&](const GuaranteeProvisioned& e) -> Check {
            if (!s.guarantees.count(e.guarantee_id)) return "provision of unknown guarantee";
            return std::nullopt;
          },
          [&](const GuaranteeCalled& e) -> Check {
            auto g = s.guarantees.find(e.guarantee_id);
            if (g == s.guarantees.end()) return "call of unknown guarantee";
            if (g->second.called_cents + e.amount_cents > g->second.guarantee.amount_cents)
              return "guarantee " + e.guarantee_id + " called beyond its amount";
            return std::nullopt;
          },
          [&](const GuaranteeReleased& e) -> Check {
            if (!s.guarantees.count(e.guarantee_id)) return "release of unknown guarantee";
            return std::nullopt;
          },
          [&](const SubsidyRecorded& e) -> Check {
            if (s.subsidies.count(e.subsidy_id)) return "subsidy twice";
            return std::nullopt;
          },
          [&](const RoleGranted&) -> Check { return std::nullopt; },
          [&](const TiersConfigured& e) -> Check {
            if (e.thresholds_cents.size() != e.labels.size()) return "tiers lists differ";
            return std::nullopt;
          },
          [&](const BudgetPlanned& e) -> Check {
            if (e.lines.size() != e.amounts_cents.size()) return "budget plan lists differ";
            return std::nullopt;
          },
          [&](const YearClosed& e) -> Check {
            if (s.closed_years.count(e.year)) return "year " + std::to_string(e.year) + " closed twice";
            return std::nullopt;
          },
      },
      event);
  if (c) return c;
  // Nothing is dated in a closed exercice, but the closing itself.
  if (!std::holds_alternative<YearClosed>(event) && s.YearClosedFor(EffectiveDate(event)))
    return std::string(EventTypeName(event)) + " dated in closed year " +
           std::to_string(EffectiveDate(event) / 10000);
  // Amounts only (decision 51); the texts are built for the message if one is unbalanced.
  for (const auto& entry : PostingsFor(s, event, PostingDetail::kAmounts))
    if (!Balanced(entry)) {
      for (const auto& full : PostingsFor(s, event))
        if (!Balanced(full)) return "unbalanced entry for " + full.piece_ref;
      return "unbalanced entry";
    }
  return std::nullopt;
}

}  // namespace fij::ledger
