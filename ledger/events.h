// Every domain event as a C++ struct, and `Event`, the variant of them all. The wire form is
// ledger/schema/events.capnp; ledger/codec.cc converts. Adding an event: the schema union (new
// ordinal), a struct here, the variant, the codec, Apply in state.cc, the posting map, and every
// projection's visitor: the build fails until each decides.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace fij::ledger {

enum class PartnerKind : uint8_t { kCompany = 0, kIndividual = 1 };
enum class PaymentMethod : uint8_t { kTransfer = 0, kCheque = 1, kCash = 2, kCard = 3, kDebit = 4 };
// Numéraire, en nature (goods), mécénat de compétences (staff made available).
enum class GiftNature : uint8_t { kCash = 0, kInKind = 1, kSkills = 2 };
// Patronage (mécénat, receiptable) or sponsorship (parrainage: a sale of advertising, 7063).
enum class GiftKind : uint8_t { kPatronage = 0, kSponsorship = 1 };
enum class ReceiptForm : uint8_t { kCerfa11580 = 0, kCerfa16216 = 1 };
// The committee's vocabulary (issue 3).
enum class ApplicationStatus : uint8_t {
  kSubmitted = 0, kUnderReview = 1, kSelected = 2, kRejected = 3, kWithdrawn = 4, kRunning = 5,
  kClosed = 6
};
enum class MemberRole : uint8_t { kVoting = 0, kParticipant = 1, kSecretary = 2 };
enum class Choice : uint8_t { kFor = 0, kAgainst = 1, kAbstain = 2 };
// The four cost categories of an experiment (DOMAIN.md): the test's developer's salary,
// material and services, Clus'Ter's engineering support, the fund's own development.
enum class CostCategory : uint8_t { kSalary = 0, kMaterial = 1, kSupport = 2, kFund = 3 };
enum class ActorRole : uint8_t { kCoordinator = 0, kSecretary = 1, kMember = 2, kAuditor = 3 };
enum class FunderKind : uint8_t { kPublic = 0, kPrivate = 1 };

// The fund's legal identity: what every receipt must show.
struct FundInitialized {
  std::string fund_id;
  std::string name;
  std::string siren;  // or RNA number
  std::string address;
  std::string object;
  std::string category;  // the receipt's category box wording
  std::string signer_name;
  std::string signer_capacity;
  uint32_t date = 0;
};

// An agrément period under art. 238 bis 4 (initial or renewal).
struct AgrementRecorded {
  std::string fund_id;
  std::string reference;
  uint32_t valid_from = 0;
  uint32_t valid_to = 0;
  uint32_t date = 0;
};

struct PartnerRegistered {
  std::string partner_id;
  PartnerKind kind = PartnerKind::kCompany;
  std::string name;
  std::string siren;
  std::string legal_form;
  std::string address;
  uint32_t date = 0;
};

// A correction of a partner's identity: empty fields are unchanged.
struct PartnerCorrected {
  std::string partner_id;
  std::string name;
  std::string siren;
  std::string legal_form;
  std::string address;
  uint32_t date = 0;
};

// A commitment to give: off-balance, not income. years == 1 for a one-off pledge.
struct PledgeMade {
  std::string pledge_id;
  std::string partner_id;
  std::string fund_id;
  int64_t amount_per_year_cents = 0;
  uint32_t years = 1;
  int32_t from_year = 0;
  bool renewable = false;
  uint32_t date = 0;
};

struct GiftRecorded {
  std::string gift_id;
  std::string partner_id;
  std::string fund_id;
  int64_t amount_cents = 0;
  // The tax date (cheque: handed over; transfer, debit, card: credited). 0 while pending.
  uint32_t date = 0;
  uint32_t announced_on = 0;  // when the coordinator recorded it
  PaymentMethod method = PaymentMethod::kTransfer;
  GiftNature nature = GiftNature::kCash;
  GiftKind kind = GiftKind::kPatronage;
  std::string pledge_id;
  int64_t counterparts_cents = 0;
  std::string counterparts_description;
  std::string valuation_ref;  // in-kind / skills: the company's own valuation statement
  std::string description;
};

// A pending gift's money arrived (transfer credited, cheque handed over).
struct GiftReceived {
  std::string gift_id;
  uint32_t date = 0;
};

// A receipt with every mandatory mention frozen as issued (DOMAIN-LAW.md §3.2).
struct ReceiptIssued {
  std::string number;  // YYYY-NNNN
  std::string fund_id;
  int32_t year = 0;
  uint32_t sequence = 0;
  uint32_t issued_on = 0;
  ReceiptForm form = ReceiptForm::kCerfa11580;
  std::string article;  // "200" or "238 bis"
  std::vector<std::string> gift_ids;
  uint32_t period_from = 0;  // the gift date, or the recap period
  uint32_t period_to = 0;
  int64_t amount_cents = 0;
  std::string amount_words;
  std::string fund_name;
  std::string fund_address;
  std::string fund_object;
  std::string fund_siren;
  std::string fund_category;
  std::string agrement_ref;
  std::string partner_id;
  PartnerKind donor_kind = PartnerKind::kIndividual;
  std::string donor_name;
  std::string donor_address;
  std::string donor_siren;
  std::string donor_legal_form;
  std::string forme_du_don;
  std::string nature_du_don;
  std::string mode_de_versement;
  std::string in_kind_description;
  std::string signer_name;
  std::string signer_capacity;
  std::string certification;
  std::string replaces;  // the cancelled number this receipt corrects
};

struct ReceiptCancelled {
  std::string number;
  std::string reason;
  uint32_t date = 0;
};

// An effective-dated parameter (rate, cap, threshold): applies from `valid_from` on.
struct ParameterSet {
  std::string name;
  int64_t value = 0;
  uint32_t valid_from = 0;
  std::string note;
};

// The art. 222 bis figures, frozen when filed.
struct DeclarationFiled {
  std::string fund_id;
  int32_t year = 0;
  uint32_t receipts_count = 0;
  int64_t total_cents = 0;
  uint32_t date = 0;
};

// ---- The committee and the money its decisions move (issue 3) ----

struct FundAdded {
  std::string fund_id;
  std::string name;
  std::vector<std::string> excluded_carrier_forms;
  uint32_t date = 0;
};

struct ProjectAdded {
  std::string project_id;
  std::string name;
  std::string carrier;
  std::string carrier_form;
  std::string territory;
  std::string description;
  uint32_t date = 0;
};

struct CallOpened {
  std::string call_id;
  std::string fund_id;
  uint32_t opens_on = 0;
  uint32_t closes_on = 0;
  uint32_t date = 0;
};

struct CallClosed {
  std::string call_id;
  uint32_t date = 0;
};

struct ApplicationSubmitted {
  std::string call_id;
  std::string project_id;
  std::string fund_id;
  uint32_t date = 0;
};

struct ApplicationStatusChanged {
  std::string project_id;
  std::string fund_id;
  ApplicationStatus status = ApplicationStatus::kSubmitted;
  std::string reason;
  uint32_t date = 0;
};

struct AssessmentScored {
  std::string project_id;
  std::string assessor;
  std::string criterion;
  int64_t score_hundredths = 0;
  uint32_t date = 0;
};

struct MemberAdded {
  std::string member_id;
  std::string fund_id;
  std::string name;
  std::string partner_id;
  MemberRole role = MemberRole::kVoting;
  uint32_t date = 0;
};

struct MemberRemoved {
  std::string member_id;
  uint32_t date = 0;
};

struct CommitteeRulesSet {
  std::string fund_id;
  int64_t quorum_bp = 0;
  int64_t majority_bp = 0;
  uint32_t date = 0;
};

struct SessionOpened {
  std::string session_id;
  std::string fund_id;
  std::vector<std::string> agenda;
  uint32_t date = 0;
};

struct AttendanceRecorded {
  std::string session_id;
  std::string member_id;
  uint32_t date = 0;
};

struct SessionClosed {
  std::string session_id;
  uint32_t date = 0;
};

struct VoteCast {
  std::string session_id;
  std::string project_id;
  std::string member_id;
  Choice choice = Choice::kFor;
  uint32_t date = 0;
};

struct ConflictDeclared {
  std::string member_id;
  std::string project_id;
  uint32_t date = 0;
};

struct DecisionRecorded {
  std::string decision_id;
  std::string session_id;
  std::string project_id;
  std::string fund_id;
  bool rejected = 0;
  int64_t grant_cents = 0;
  int64_t loan_cents = 0;
  uint32_t loan_term_months = 0;
  uint32_t loan_deferral_months = 0;
  int64_t loan_rate_bp = 0;
  int64_t guarantee_cents = 0;
  std::string guarantee_lender;
  uint32_t guarantee_until = 0;
  std::string conditions;
  uint32_t votes_for = 0;
  uint32_t votes_against = 0;
  uint32_t votes_abstain = 0;
  uint32_t voting_present = 0;
  uint32_t voting_members = 0;
  int64_t grant_equivalent_cents = 0;
  std::string raises_decision;
  uint32_t date = 0;
};

struct BudgetSet {
  std::string project_id;
  CostCategory category = CostCategory::kSalary;
  int64_t amount_cents = 0;
  uint32_t date = 0;
};

struct ExpenseRecorded {
  std::string expense_id;
  std::string project_id;
  CostCategory category = CostCategory::kSalary;
  int64_t amount_cents = 0;
  std::string description;
  uint32_t date = 0;
};

struct ExperimentClosed {
  std::string project_id;
  std::string outcome;
  uint32_t date = 0;
};

struct GrantDisbursed {
  std::string disbursement_id;
  std::string decision_id;
  std::string project_id;
  int64_t amount_cents = 0;
  uint32_t date = 0;
};

struct LoanDisbursed {
  std::string loan_id;
  std::string decision_id;
  std::string project_id;
  int64_t principal_cents = 0;
  uint32_t term_months = 0;
  uint32_t deferral_months = 0;
  int64_t rate_bp = 0;
  std::vector<uint32_t> due_dates;
  std::vector<int64_t> principal_due;
  std::vector<int64_t> interest_due;
  uint32_t date = 0;
};

struct LoanRepaid {
  std::string repayment_id;
  std::string loan_id;
  int64_t amount_cents = 0;
  std::vector<uint32_t> lines;
  std::vector<int64_t> line_amounts;
  uint32_t date = 0;
};

struct LoanRescheduled {
  std::string loan_id;
  std::string decision_id;
  uint32_t term_months = 0;
  uint32_t deferral_months = 0;
  std::vector<uint32_t> due_dates;
  std::vector<int64_t> principal_due;
  std::vector<int64_t> interest_due;
  uint32_t date = 0;
};

struct LoanImpaired {
  std::string loan_id;
  int64_t amount_cents = 0;
  uint32_t date = 0;
};

struct LoanWrittenOff {
  std::string loan_id;
  std::string decision_id;
  int64_t amount_cents = 0;
  int64_t impairment_reversed_cents = 0;
  uint32_t date = 0;
};

struct GuaranteeGranted {
  std::string guarantee_id;
  std::string decision_id;
  std::string project_id;
  int64_t amount_cents = 0;
  std::string lender;
  uint32_t until = 0;
  uint32_t date = 0;
};

struct GuaranteeProvisioned {
  std::string guarantee_id;
  int64_t amount_cents = 0;
  uint32_t date = 0;
};

struct GuaranteeCalled {
  std::string guarantee_id;
  int64_t amount_cents = 0;
  int64_t provision_reversed_cents = 0;
  uint32_t date = 0;
};

struct GuaranteeReleased {
  std::string guarantee_id;
  int64_t provision_reversed_cents = 0;
  uint32_t date = 0;
};

struct SubsidyRecorded {
  std::string subsidy_id;
  std::string funder;
  FunderKind funder_kind = FunderKind::kPublic;
  std::string fund_id;
  int64_t amount_cents = 0;
  int32_t year = 0;
  std::string project_id;
  uint32_t date = 0;
};

struct RoleGranted {
  std::string actor;
  ActorRole role = ActorRole::kCoordinator;
  uint32_t date = 0;
};

// Partner tiers of a fund: thresholds (descending) and labels; a label in individual_only applies
// to citizens only (the "Citoyen engagé" row).
struct TiersConfigured {
  std::string fund_id;
  std::vector<int64_t> thresholds_cents;
  std::vector<std::string> labels;
  std::vector<std::string> individual_only;
  uint32_t date = 0;
};

// The board's budget plan (plan de financement) of a fund for a year: named lines and amounts.
struct BudgetPlanned {
  std::string fund_id;
  int32_t year = 0;
  std::vector<std::string> lines;
  std::vector<int64_t> amounts_cents;
  uint32_t date = 0;
};

// A fiscal year closed: no event may be dated in it afterwards. Carries the closing entries'
// amounts: unused earmarked funding to fonds dédiés, later years' subsidy parts to 487.
struct YearClosed {
  std::string fund_id;
  int32_t year = 0;
  int64_t dedicated_cents = 0;
  int64_t deferred_cents = 0;
  uint32_t date = 0;
};

using Event = std::variant<FundInitialized, AgrementRecorded, PartnerRegistered, PartnerCorrected,
                           PledgeMade, GiftRecorded, GiftReceived, ReceiptIssued, ReceiptCancelled,
                           ParameterSet, DeclarationFiled,
                           FundAdded,
                           ProjectAdded,
                           CallOpened,
                           CallClosed,
                           ApplicationSubmitted,
                           ApplicationStatusChanged,
                           AssessmentScored,
                           MemberAdded,
                           MemberRemoved,
                           CommitteeRulesSet,
                           SessionOpened,
                           AttendanceRecorded,
                           SessionClosed,
                           VoteCast,
                           ConflictDeclared,
                           DecisionRecorded,
                           BudgetSet,
                           ExpenseRecorded,
                           ExperimentClosed,
                           GrantDisbursed,
                           LoanDisbursed,
                           LoanRepaid,
                           LoanRescheduled,
                           LoanImpaired,
                           LoanWrittenOff,
                           GuaranteeGranted,
                           GuaranteeProvisioned,
                           GuaranteeCalled,
                           GuaranteeReleased,
                           SubsidyRecorded,
                           RoleGranted,
                           TiersConfigured,
                           BudgetPlanned,
                           YearClosed>;

// The union member name of an event ("GiftRecorded"), as stored in the envelope.
const char* EventTypeName(const Event& e);
// The business date an event takes effect on (YYYYMMDD), 0 if none.
uint32_t EffectiveDate(const Event& e);

const char* ToString(PartnerKind k);
const char* ToString(PaymentMethod m);
const char* ToString(GiftNature n);
const char* ToString(GiftKind k);
const char* ToString(ReceiptForm f);
const char* ToString(ApplicationStatus s);
const char* ToString(MemberRole r);
const char* ToString(Choice c);
const char* ToString(CostCategory c);
const char* ToString(ActorRole r);
const char* ToString(FunderKind k);

}  // namespace fij::ledger
