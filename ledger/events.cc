#include "ledger/events.h"
#include "ledger/overloaded.h"

namespace fij::ledger {
namespace {
}  // namespace

const char* EventTypeName(const Event& e) {
  return std::visit(Overloaded{
                        [](const FundInitialized&) { return "FundInitialized"; },
                        [](const AgrementRecorded&) { return "AgrementRecorded"; },
                        [](const PartnerRegistered&) { return "PartnerRegistered"; },
                        [](const PartnerCorrected&) { return "PartnerCorrected"; },
                        [](const PledgeMade&) { return "PledgeMade"; },
                        [](const GiftRecorded&) { return "GiftRecorded"; },
                        [](const GiftReceived&) { return "GiftReceived"; },
                        [](const ReceiptIssued&) { return "ReceiptIssued"; },
                        [](const ReceiptCancelled&) { return "ReceiptCancelled"; },
                        [](const ParameterSet&) { return "ParameterSet"; },
                        [](const DeclarationFiled&) { return "DeclarationFiled"; },
                        [](const FundAdded&) { return "FundAdded"; },
                        [](const ProjectAdded&) { return "ProjectAdded"; },
                        [](const CallOpened&) { return "CallOpened"; },
                        [](const CallClosed&) { return "CallClosed"; },
                        [](const ApplicationSubmitted&) { return "ApplicationSubmitted"; },
                        [](const ApplicationStatusChanged&) { return "ApplicationStatusChanged"; },
                        [](const AssessmentScored&) { return "AssessmentScored"; },
                        [](const MemberAdded&) { return "MemberAdded"; },
                        [](const MemberRemoved&) { return "MemberRemoved"; },
                        [](const CommitteeRulesSet&) { return "CommitteeRulesSet"; },
                        [](const SessionOpened&) { return "SessionOpened"; },
                        [](const AttendanceRecorded&) { return "AttendanceRecorded"; },
                        [](const SessionClosed&) { return "SessionClosed"; },
                        [](const VoteCast&) { return "VoteCast"; },
                        [](const ConflictDeclared&) { return "ConflictDeclared"; },
                        [](const DecisionRecorded&) { return "DecisionRecorded"; },
                        [](const BudgetSet&) { return "BudgetSet"; },
                        [](const ExpenseRecorded&) { return "ExpenseRecorded"; },
                        [](const ExperimentClosed&) { return "ExperimentClosed"; },
                        [](const GrantDisbursed&) { return "GrantDisbursed"; },
                        [](const LoanDisbursed&) { return "LoanDisbursed"; },
                        [](const LoanRepaid&) { return "LoanRepaid"; },
                        [](const LoanRescheduled&) { return "LoanRescheduled"; },
                        [](const LoanImpaired&) { return "LoanImpaired"; },
                        [](const LoanWrittenOff&) { return "LoanWrittenOff"; },
                        [](const GuaranteeGranted&) { return "GuaranteeGranted"; },
                        [](const GuaranteeProvisioned&) { return "GuaranteeProvisioned"; },
                        [](const GuaranteeCalled&) { return "GuaranteeCalled"; },
                        [](const GuaranteeReleased&) { return "GuaranteeReleased"; },
                        [](const SubsidyRecorded&) { return "SubsidyRecorded"; },
                        [](const RoleGranted&) { return "RoleGranted"; },
                        [](const TiersConfigured&) { return "TiersConfigured"; },
                        [](const BudgetPlanned&) { return "BudgetPlanned"; },
                        [](const YearClosed&) { return "YearClosed"; },
                    },
                    e);
}

uint32_t EffectiveDate(const Event& e) {
  return std::visit(Overloaded{
                        [](const FundInitialized& x) { return x.date; },
                        [](const AgrementRecorded& x) { return x.date; },
                        [](const PartnerRegistered& x) { return x.date; },
                        [](const PartnerCorrected& x) { return x.date; },
                        [](const PledgeMade& x) { return x.date; },
                        [](const GiftRecorded& x) { return x.date ? x.date : x.announced_on; },
                        [](const GiftReceived& x) { return x.date; },
                        [](const ReceiptIssued& x) { return x.issued_on; },
                        [](const ReceiptCancelled& x) { return x.date; },
                        [](const ParameterSet& x) { return x.valid_from; },
                        [](const DeclarationFiled& x) { return x.date; },
                        [](const FundAdded& x) { return x.date; },
                        [](const ProjectAdded& x) { return x.date; },
                        [](const CallOpened& x) { return x.date; },
                        [](const CallClosed& x) { return x.date; },
                        [](const ApplicationSubmitted& x) { return x.date; },
                        [](const ApplicationStatusChanged& x) { return x.date; },
                        [](const AssessmentScored& x) { return x.date; },
                        [](const MemberAdded& x) { return x.date; },
                        [](const MemberRemoved& x) { return x.date; },
                        [](const CommitteeRulesSet& x) { return x.date; },
                        [](const SessionOpened& x) { return x.date; },
                        [](const AttendanceRecorded& x) { return x.date; },
                        [](const SessionClosed& x) { return x.date; },
                        [](const VoteCast& x) { return x.date; },
                        [](const ConflictDeclared& x) { return x.date; },
                        [](const DecisionRecorded& x) { return x.date; },
                        [](const BudgetSet& x) { return x.date; },
                        [](const ExpenseRecorded& x) { return x.date; },
                        [](const ExperimentClosed& x) { return x.date; },
                        [](const GrantDisbursed& x) { return x.date; },
                        [](const LoanDisbursed& x) { return x.date; },
                        [](const LoanRepaid& x) { return x.date; },
                        [](const LoanRescheduled& x) { return x.date; },
                        [](const LoanImpaired& x) { return x.date; },
                        [](const LoanWrittenOff& x) { return x.date; },
                        [](const GuaranteeGranted& x) { return x.date; },
                        [](const GuaranteeProvisioned& x) { return x.date; },
                        [](const GuaranteeCalled& x) { return x.date; },
                        [](const GuaranteeReleased& x) { return x.date; },
                        [](const SubsidyRecorded& x) { return x.date; },
                        [](const RoleGranted& x) { return x.date; },
                        [](const TiersConfigured& x) { return x.date; },
                        [](const BudgetPlanned& x) { return x.date; },
                        [](const YearClosed& x) { return x.date; },
                    },
                    e);
}

const char* ToString(PartnerKind k) {
  switch (k) {
    case PartnerKind::kCompany: return "company";
    case PartnerKind::kIndividual: return "individual";
  }
  return "?";
}
const char* ToString(PaymentMethod m) {
  switch (m) {
    case PaymentMethod::kTransfer: return "transfer";
    case PaymentMethod::kCheque: return "cheque";
    case PaymentMethod::kCash: return "cash";
    case PaymentMethod::kCard: return "card";
    case PaymentMethod::kDebit: return "debit";
  }
  return "?";
}
const char* ToString(GiftNature n) {
  switch (n) {
    case GiftNature::kCash: return "cash";
    case GiftNature::kInKind: return "in-kind";
    case GiftNature::kSkills: return "skills";
  }
  return "?";
}
const char* ToString(GiftKind k) {
  switch (k) {
    case GiftKind::kPatronage: return "patronage";
    case GiftKind::kSponsorship: return "sponsorship";
  }
  return "?";
}
const char* ToString(ReceiptForm f) {
  switch (f) {
    case ReceiptForm::kCerfa11580: return "Cerfa 11580*05";
    case ReceiptForm::kCerfa16216: return "Cerfa 16216*02";
  }
  return "?";
}

const char* ToString(ApplicationStatus x) {
  switch (x) {
    case ApplicationStatus::kSubmitted: return "submitted";
    case ApplicationStatus::kUnderReview: return "under-review";
    case ApplicationStatus::kSelected: return "selected";
    case ApplicationStatus::kRejected: return "rejected";
    case ApplicationStatus::kWithdrawn: return "withdrawn";
    case ApplicationStatus::kRunning: return "running";
    case ApplicationStatus::kClosed: return "closed";
  }
  return "?";
}
const char* ToString(MemberRole x) {
  switch (x) {
    case MemberRole::kVoting: return "voting";
    case MemberRole::kParticipant: return "participant";
    case MemberRole::kSecretary: return "secretary";
  }
  return "?";
}
const char* ToString(Choice x) {
  switch (x) {
    case Choice::kFor: return "for";
    case Choice::kAgainst: return "against";
    case Choice::kAbstain: return "abstain";
  }
  return "?";
}
const char* ToString(CostCategory x) {
  switch (x) {
    case CostCategory::kSalary: return "salary";
    case CostCategory::kMaterial: return "material";
    case CostCategory::kSupport: return "support";
    case CostCategory::kFund: return "fund";
  }
  return "?";
}
const char* ToString(ActorRole x) {
  switch (x) {
    case ActorRole::kCoordinator: return "coordinator";
    case ActorRole::kSecretary: return "secretary";
    case ActorRole::kMember: return "member";
    case ActorRole::kAuditor: return "auditor";
  }
  return "?";
}
const char* ToString(FunderKind x) {
  switch (x) {
    case FunderKind::kPublic: return "public";
    case FunderKind::kPrivate: return "private";
  }
  return "?";
}

}  // namespace fij::ledger
