// Commands: what a user asks for. Each has Decide (state + command -> events | rejection) in
// ledger/commands/<verb>.cc, and a Spec: the stream it appends to, the expected version, its
// idempotency key and its canonical body (hashed; a reused key must carry the same body).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <tl/expected.hpp>

#include "engine/store.h"
#include "ledger/events.h"
#include "ledger/rejection.h"
#include "ledger/state.h"

namespace fij::ledger {

inline constexpr char kDefaultFundId[] = "fij";
inline constexpr char kDefaultFundCategory[] =
    "Organisme agréé en application du 4 de l'article 238 bis du code général des impôts "
    "(aide aux petites et moyennes entreprises)";

struct InitFund {
  std::string fund_id = kDefaultFundId;
  std::string name, siren, address, object, category = kDefaultFundCategory;
  std::string signer_name, signer_capacity;
  std::string agrement_ref;
  uint32_t agrement_from = 0, agrement_to = 0;
  uint32_t date = 0;
  std::string initial_coordinator;  // granted the coordinator role in the same append
};
struct AddAgrement {
  std::string fund_id;  // "" = default fund
  std::string reference;
  uint32_t valid_from = 0, valid_to = 0;
  uint32_t date = 0;
};
struct RegisterPartner {
  std::string partner_id;
  PartnerKind kind = PartnerKind::kCompany;
  std::string name, siren, legal_form, address;
  uint32_t date = 0;
};
struct CorrectPartner {
  std::string partner_id;
  std::string name, siren, legal_form, address;
  uint32_t date = 0;
};
struct MakePledge {
  std::string pledge_id, partner_id, fund_id;
  int64_t amount_per_year_cents = 0;
  uint32_t years = 1;
  int32_t from_year = 0;
  bool renewable = false;
  uint32_t date = 0;
};
struct RecordGift {
  std::string gift_id, partner_id, fund_id;
  int64_t amount_cents = 0;
  uint32_t date = 0;  // the tax date; with `pending`, the announcement date
  bool pending = false;
  PaymentMethod method = PaymentMethod::kTransfer;
  GiftNature nature = GiftNature::kCash;
  GiftKind kind = GiftKind::kPatronage;
  std::string pledge_id;
  int64_t counterparts_cents = 0;
  std::string counterparts_description, valuation_ref, description;
};
struct ReceiveGift {
  std::string gift_id;
  uint32_t date = 0;
};
struct IssueReceipt {
  std::string fund_id;
  std::string gift_id;     // one gift, or
  std::string partner_id;  // a recap for partner and year
  int32_t year = 0;
  uint32_t date = 0;  // issue date; 0 = today
  std::string replaces;
};
struct CancelReceipt {
  std::string number;
  std::string reason;
  uint32_t date = 0;  // 0 = today
  bool reissue = false;  // also issue the corrected receipt in the same append
};
struct SetParameter {
  std::string name;
  int64_t value = 0;
  uint32_t valid_from = 0;
  std::string note;
};
struct FileDeclaration {
  std::string fund_id;
  int32_t year = 0;
  uint32_t date = 0;
};

// ---- The committee (issue 3) ----
struct AddFund {
  std::string fund_id, name;
  std::vector<std::string> excluded_carrier_forms;
  uint32_t date = 0;
};
struct AddProject {
  std::string project_id, name, carrier, carrier_form, territory, description;
  uint32_t date = 0;
};
struct OpenCall {
  std::string call_id, fund_id;
  uint32_t opens_on = 0, closes_on = 0, date = 0;
};
struct CloseCall {
  std::string call_id;
  uint32_t date = 0;
};
struct SubmitApplication {
  std::string call_id, project_id;
  uint32_t date = 0;
};
struct ChangeApplicationStatus {
  std::string project_id, fund_id;
  ApplicationStatus status = ApplicationStatus::kUnderReview;  // under review or withdrawn
  std::string reason;
  uint32_t date = 0;
};
struct ScoreProject {
  std::string project_id, assessor, criterion;
  int64_t score_hundredths = 0;
  uint32_t date = 0;
};
struct AddMember {
  std::string member_id, fund_id, name, partner_id;
  MemberRole role = MemberRole::kVoting;
  uint32_t date = 0;
};
struct RemoveMember {
  std::string member_id;
  uint32_t date = 0;
};
struct SetCommitteeRules {
  std::string fund_id;
  int64_t quorum_bp = 5000, majority_bp = 5000;
  uint32_t date = 0;
};
struct OpenSession {
  std::string session_id, fund_id;
  std::vector<std::string> agenda;
  uint32_t date = 0;
};
struct Attend {
  std::string session_id, member_id;
};
struct CloseSession {
  std::string session_id;
  uint32_t date = 0;
};
struct CastVote {
  std::string session_id, project_id, member_id;
  Choice choice = Choice::kFor;
};
struct DeclareConflict {
  std::string member_id, project_id;
  uint32_t date = 0;
};
struct RecordDecision {
  std::string decision_id, session_id, project_id;
  bool reject = false;
  int64_t grant_cents = 0, loan_cents = 0;
  uint32_t loan_term_months = 0, loan_deferral_months = 0;
  int64_t loan_rate_bp = 0;
  int64_t guarantee_cents = 0;
  std::string guarantee_lender;
  uint32_t guarantee_until = 0;
  std::string conditions;
  uint32_t date = 0;  // 0: the session's date
};
struct SetBudget {
  std::string project_id;
  CostCategory category = CostCategory::kSalary;
  int64_t amount_cents = 0;
  uint32_t date = 0;
};
struct RecordExpense {
  std::string expense_id, project_id;
  CostCategory category = CostCategory::kSalary;
  int64_t amount_cents = 0;
  std::string description;
  uint32_t date = 0;
};
struct CloseExperiment {
  std::string project_id, outcome;
  uint32_t date = 0;
};
struct DisburseGrant {
  std::string disbursement_id, decision_id;
  int64_t amount_cents = 0;
  uint32_t date = 0;
};
struct DisburseLoan {
  std::string loan_id, decision_id;
  uint32_t date = 0;
};
struct RepayLoan {
  std::string repayment_id, loan_id;
  int64_t amount_cents = 0;
  uint32_t date = 0;
};
struct RescheduleLoan {
  std::string loan_id, decision_id;
  uint32_t term_months = 0, deferral_months = 0;
  uint32_t date = 0;
};
struct WriteOffLoan {
  std::string loan_id, decision_id;
  uint32_t date = 0;
};
// Applies the impairment policy to every loan as of `date` (default: 6 months unpaid -> 100 %).
struct ReviewLoans {
  uint32_t date = 0;
};
struct GrantGuarantee {
  std::string guarantee_id, decision_id;
  uint32_t date = 0;
};
struct ProvisionGuarantee {
  std::string guarantee_id;
  int64_t amount_cents = 0;
  uint32_t date = 0;
};
struct CallGuarantee {
  std::string guarantee_id;
  int64_t amount_cents = 0;
  uint32_t date = 0;
};
struct ReleaseGuarantee {
  std::string guarantee_id;
  uint32_t date = 0;
};
struct RecordSubsidy {
  std::string subsidy_id, funder, fund_id, project_id;
  FunderKind funder_kind = FunderKind::kPublic;
  int64_t amount_cents = 0;
  int32_t year = 0;
  uint32_t date = 0;
};
struct GrantRole {
  std::string actor;
  ActorRole role = ActorRole::kCoordinator;
  uint32_t date = 0;
};

// ---- Projections' configuration and closing (issue 4) ----
struct ConfigureTiers {
  std::string fund_id;
  std::vector<int64_t> thresholds_cents;
  std::vector<std::string> labels;
  std::vector<std::string> individual_only;
  uint32_t date = 0;
};
struct PlanBudget {
  std::string fund_id;
  int32_t year = 0;
  std::vector<std::string> lines;
  std::vector<int64_t> amounts_cents;
  uint32_t date = 0;
};
struct CloseYear {
  std::string fund_id;
  int32_t year = 0;
  uint32_t date = 0;
};

#define FIJ_COMMITTEE_COMMANDS                                                                  \
  AddFund, AddProject, OpenCall, CloseCall, SubmitApplication, ChangeApplicationStatus,          \
      ScoreProject, AddMember, RemoveMember, SetCommitteeRules, OpenSession, Attend, CloseSession, \
      CastVote, DeclareConflict, RecordDecision, SetBudget, RecordExpense, CloseExperiment,      \
      DisburseGrant, DisburseLoan, RepayLoan, RescheduleLoan, WriteOffLoan, ReviewLoans,         \
      GrantGuarantee, ProvisionGuarantee, CallGuarantee, ReleaseGuarantee, RecordSubsidy, GrantRole, ConfigureTiers, PlanBudget, CloseYear

using Command = std::variant<InitFund, AddAgrement, RegisterPartner, CorrectPartner, MakePledge,
                             RecordGift, ReceiveGift, IssueReceipt, CancelReceipt, SetParameter,
                             FileDeclaration, FIJ_COMMITTEE_COMMANDS>;

using Decision = tl::expected<std::vector<Event>, Rejected>;

struct CommandSpec {
  std::string stream_id;
  uint64_t expected_version = engine::kAnyVersion;
  std::string idempotency_key;
  std::string body;  // canonical text of the command's explicit arguments
};

Decision Decide(const State& s, const InitFund& c);
Decision Decide(const State& s, const AddAgrement& c);
Decision Decide(const State& s, const RegisterPartner& c);
Decision Decide(const State& s, const CorrectPartner& c);
Decision Decide(const State& s, const MakePledge& c);
Decision Decide(const State& s, const RecordGift& c);
Decision Decide(const State& s, const ReceiveGift& c);
Decision Decide(const State& s, const IssueReceipt& c);
Decision Decide(const State& s, const CancelReceipt& c);
Decision Decide(const State& s, const SetParameter& c);
Decision Decide(const State& s, const FileDeclaration& c);
Decision Decide(const State& s, const AddFund& c);
Decision Decide(const State& s, const AddProject& c);
Decision Decide(const State& s, const OpenCall& c);
Decision Decide(const State& s, const CloseCall& c);
Decision Decide(const State& s, const SubmitApplication& c);
Decision Decide(const State& s, const ChangeApplicationStatus& c);
Decision Decide(const State& s, const ScoreProject& c);
Decision Decide(const State& s, const AddMember& c);
Decision Decide(const State& s, const RemoveMember& c);
Decision Decide(const State& s, const SetCommitteeRules& c);
Decision Decide(const State& s, const OpenSession& c);
Decision Decide(const State& s, const Attend& c);
Decision Decide(const State& s, const CloseSession& c);
Decision Decide(const State& s, const CastVote& c);
Decision Decide(const State& s, const DeclareConflict& c);
Decision Decide(const State& s, const RecordDecision& c);
Decision Decide(const State& s, const SetBudget& c);
Decision Decide(const State& s, const RecordExpense& c);
Decision Decide(const State& s, const CloseExperiment& c);
Decision Decide(const State& s, const DisburseGrant& c);
Decision Decide(const State& s, const DisburseLoan& c);
Decision Decide(const State& s, const RepayLoan& c);
Decision Decide(const State& s, const RescheduleLoan& c);
Decision Decide(const State& s, const WriteOffLoan& c);
Decision Decide(const State& s, const ReviewLoans& c);
Decision Decide(const State& s, const GrantGuarantee& c);
Decision Decide(const State& s, const ProvisionGuarantee& c);
Decision Decide(const State& s, const CallGuarantee& c);
Decision Decide(const State& s, const ReleaseGuarantee& c);
Decision Decide(const State& s, const RecordSubsidy& c);
Decision Decide(const State& s, const GrantRole& c);
Decision Decide(const State& s, const ConfigureTiers& c);
Decision Decide(const State& s, const PlanBudget& c);
Decision Decide(const State& s, const CloseYear& c);

CommandSpec Spec(const State& s, const InitFund& c);
CommandSpec Spec(const State& s, const AddAgrement& c);
CommandSpec Spec(const State& s, const RegisterPartner& c);
CommandSpec Spec(const State& s, const CorrectPartner& c);
CommandSpec Spec(const State& s, const MakePledge& c);
CommandSpec Spec(const State& s, const RecordGift& c);
CommandSpec Spec(const State& s, const ReceiveGift& c);
CommandSpec Spec(const State& s, const IssueReceipt& c);
CommandSpec Spec(const State& s, const CancelReceipt& c);
CommandSpec Spec(const State& s, const SetParameter& c);
CommandSpec Spec(const State& s, const FileDeclaration& c);
CommandSpec Spec(const State& s, const AddFund& c);
CommandSpec Spec(const State& s, const AddProject& c);
CommandSpec Spec(const State& s, const OpenCall& c);
CommandSpec Spec(const State& s, const CloseCall& c);
CommandSpec Spec(const State& s, const SubmitApplication& c);
CommandSpec Spec(const State& s, const ChangeApplicationStatus& c);
CommandSpec Spec(const State& s, const ScoreProject& c);
CommandSpec Spec(const State& s, const AddMember& c);
CommandSpec Spec(const State& s, const RemoveMember& c);
CommandSpec Spec(const State& s, const SetCommitteeRules& c);
CommandSpec Spec(const State& s, const OpenSession& c);
CommandSpec Spec(const State& s, const Attend& c);
CommandSpec Spec(const State& s, const CloseSession& c);
CommandSpec Spec(const State& s, const CastVote& c);
CommandSpec Spec(const State& s, const DeclareConflict& c);
CommandSpec Spec(const State& s, const RecordDecision& c);
CommandSpec Spec(const State& s, const SetBudget& c);
CommandSpec Spec(const State& s, const RecordExpense& c);
CommandSpec Spec(const State& s, const CloseExperiment& c);
CommandSpec Spec(const State& s, const DisburseGrant& c);
CommandSpec Spec(const State& s, const DisburseLoan& c);
CommandSpec Spec(const State& s, const RepayLoan& c);
CommandSpec Spec(const State& s, const RescheduleLoan& c);
CommandSpec Spec(const State& s, const WriteOffLoan& c);
CommandSpec Spec(const State& s, const ReviewLoans& c);
CommandSpec Spec(const State& s, const GrantGuarantee& c);
CommandSpec Spec(const State& s, const ProvisionGuarantee& c);
CommandSpec Spec(const State& s, const CallGuarantee& c);
CommandSpec Spec(const State& s, const ReleaseGuarantee& c);
CommandSpec Spec(const State& s, const RecordSubsidy& c);
CommandSpec Spec(const State& s, const GrantRole& c);
CommandSpec Spec(const State& s, const ConfigureTiers& c);
CommandSpec Spec(const State& s, const PlanBudget& c);
CommandSpec Spec(const State& s, const CloseYear& c);

// The fund's default tiers (DOMAIN.md): >= 20 000 Partenaire Majeur, >= 10 000 Grand
// Partenaire, >= 5 000 Partenaire, a citizen >= 1 000 Citoyen engagé.
TiersConfigured DefaultTiers(const std::string& fund_id);
// The plan de financement of DOMAIN.md for a year (2023: 80/30/0, 2024: 75/30/5, 2025: 70/30/10
// k EUR): patronage, France Active, loan repayments recycled.
BudgetPlanned DefaultBudgetPlan(const std::string& fund_id, int32_t year);

// The roles allowed to run a command as `actor` (empty: any actor). Checked by Ledger before
// Decide; a store with no role granted yet (before its first `init`) checks nothing.
std::vector<ActorRole> RolesFor(const Command& c);
// The grant-equivalent of an aid package for the de minimis ceiling (DOMAIN-LAW.md §1.1):
// grant + loan x (reference rate - rate) x years + guarantee x premium x years.
int64_t GrantEquivalentCents(const State& s, int64_t grant_cents, int64_t loan_cents,
                             uint32_t term_months, int64_t rate_bp, int64_t guarantee_cents,
                             uint32_t decided_on, uint32_t guarantee_until);

Decision DecideCommand(const State& s, const Command& c);
CommandSpec SpecCommand(const State& s, const Command& c);

// Builds canonical bodies: "name=value\n" lines in the order added, a newline in a value
// written "\n" and a backslash "\\". A body is hashed into its command's request hash, which
// the store keeps with the idempotency key: its bytes must never change from one version to
// the next (RequestHashTest pins them).
class Body {
 public:
  Body() { s_.reserve(256); }  // most bodies fit: no regrowth
  Body& Add(const char* name, std::string_view v);
  Body& Add(const char* name, int64_t v);
  std::string str() const { return s_; }

 private:
  std::string s_;
};

// First 16 hex digits of SHA-256(text): a compact, stable key part.
std::string ShortDigest(const std::string& text);
// A SIREN: 9 digits with a valid Luhn key.
bool ValidSiren(const std::string& siren);
// The refusal for a fund that State::Fund(fund_id) did not find: kFundNotInitialized while the
// store has no fund, kUnknownFund when `fund_id` names none of the existing ones.
Rejected NoSuchFund(const State& s, const std::string& fund_id);
// Checked sum of cents; nullopt on overflow.
std::optional<int64_t> CheckedSum(const std::vector<int64_t>& cents);

}  // namespace fij::ledger
