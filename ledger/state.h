// The ledger's decision state: what commands need to decide, folded from the events.
// Apply() is the only way it changes, one overload per event, and it never fails: an event in
// the log was decided valid; Apply asserts what Decide checked.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ledger/decision_register.h"
#include "ledger/events.h"
#include "ledger/loan_register.h"
#include "ledger/money.h"
#include "ledger/params.h"
#include "ledger/partner_register.h"
#include "ledger/project_register.h"

namespace fij::ledger {

struct FundState {
  FundInitialized identity;  // receipting identity (fij init); for a fund added with `fund add`,
                             // only fund_id and name are set
  bool receipting = false;   // initialised with a legal identity (it may issue receipts)
  std::vector<AgrementRecorded> agrements;
  std::vector<std::string> excluded_carrier_forms;  // eligibility: carriers it may not fund
  int64_t quorum_bp = 5000;    // quorum: voting members present > this share of voting members
  int64_t majority_bp = 5000;  // approval: votes for > this share of votes cast (for + against)
  // The agrément valid on `date`, if any.
  const AgrementRecorded* AgrementOn(uint32_t date) const;
};

// A partner's identity with its corrections applied: PartnerRegistered's fields but the id
// (the partners map's key), with a company's SIREN, legal form and address out of line. Most
// readers want the name and the kind only (postings, tiers), and most partners are citizens:
// 104 bytes instead of the event's 176 (one partner's map node 192 bytes instead of 320).
struct PartnerDetails {
  std::string siren;
  std::string legal_form;
  std::string address;
};
struct PartnerIdentity {
  std::string name;
  PartnerKind kind = PartnerKind::kCompany;
  uint32_t date = 0;  // registered on
  // Shared by copies of the State, replaced whole by a correction; null when none was recorded.
  std::shared_ptr<const PartnerDetails> details;
  const std::string& siren() const;
  const std::string& legal_form() const;
  const std::string& address() const;
};

struct PartnerState {
  PartnerIdentity identity;  // with corrections applied
  std::vector<std::string> gift_ids;
  std::vector<std::string> pledge_ids;
  // Kept by Apply, rebuilt with a checkpoint (RebuildSums), in the order first received.
  std::vector<PartnerYearSums> gift_sums;
  // The identity as an event (what a receipt prints, what a checkpoint saves).
  PartnerRegistered Registered(const std::string& partner_id) const;
  // The sums of (fund, year), or null when no such gift was received.
  const PartnerYearSums* GiftSums(uint32_t fund, int32_t year) const;
};
// `e`'s identity, its texts moved in.
PartnerIdentity IdentityOf(PartnerRegistered e);

struct PledgeState {
  PledgeMade pledge;
  int64_t fulfilled_cents = 0;
  std::vector<std::string> gift_ids;
};

struct GiftState {
  GiftRecorded gift;
  bool received = false;
  uint32_t received_on = 0;     // the tax date once received
  std::string active_receipt;   // the valid receipt covering it, "" if none
  std::vector<std::string> receipts;  // every receipt that ever covered it (cancelled too)
};

// What decisions and registers need of an issued receipt. Its frozen mentions (names,
// addresses, certification, amount in words...) stay in the log, in the ReceiptIssued event at
// `ReceiptState::position`: keeping them in memory cost ~1.5 KB per receipt (decision 28).
struct ReceiptSummary {
  std::string number;  // YYYY-NNNN
  std::string fund_id;
  std::string partner_id;
  std::string replaces;
  int32_t year = 0;
  uint32_t sequence = 0;
  uint32_t issued_on = 0;
  uint32_t period_from = 0;
  uint32_t period_to = 0;
  ReceiptForm form = ReceiptForm::kCerfa11580;
  int64_t amount_cents = 0;
  std::vector<std::string> gift_ids;
};
ReceiptSummary Summarize(const ReceiptIssued& e);

struct ReceiptState {
  ReceiptSummary receipt;
  uint64_t position = 0;  // the log position of its ReceiptIssued event
  bool cancelled = false;
  ReceiptCancelled cancellation;
  std::string replaced_by;
};

struct ProjectState {
  ProjectAdded project;
  std::map<std::string, ApplicationStatus> status;  // per fund
  std::map<std::string, std::string> call_of;       // fund -> call applied to
  std::vector<AssessmentScored> scores;
  std::vector<std::string> conflicts;  // members recused
  std::vector<std::string> decisions;
  int64_t budget_cents[4] = {0, 0, 0, 0};  // by CostCategory
  int64_t spent_cents[4] = {0, 0, 0, 0};
  bool experiment_closed = false;
  std::string outcome;
};

struct CallState {
  CallOpened call;
  bool closed = false;
};

struct MemberState {
  MemberAdded member;
  bool active = true;
  uint32_t removed_on = 0;
};

struct SessionState {
  SessionOpened session;
  std::vector<std::string> present;
  bool closed = false;
  // project -> member -> choice
  std::map<std::string, std::map<std::string, Choice>> votes;
  bool Present(const std::string& member) const;
};

struct DecisionState {
  DecisionRecorded decision;
  int64_t granted_disbursed_cents = 0;
  std::string loan_id;       // the loan disbursed under it
  std::string guarantee_id;  // the guarantee granted under it
};

struct LoanState {
  LoanDisbursed loan;
  std::string fund_id;  // its decision's fund (set by NewLoan; derived again on load)
  std::vector<ScheduleLine> schedule;
  int64_t repaid_principal_cents = 0;
  int64_t repaid_interest_cents = 0;
  int64_t impaired_cents = 0;
  int64_t written_off_cents = 0;
  bool written_off = false;
  int64_t outstanding_cents() const;  // principal not repaid nor written off
};

struct GuaranteeState {
  GuaranteeGranted guarantee;
  int64_t provision_cents = 0;
  int64_t called_cents = 0;
  bool released = false;
};

// Received patronage gifts summed per (fund, year received): what the budget's actuals read,
// instead of walking every gift (decision 45); the sums per partner are on the partner
// (PartnerState::gift_sums, decision 49). 128-bit, so that adding valid amounts never fails
// where an event is applied.
struct GiftYearTotals {
  WideCents cash_cents = 0;  // received patronage gifts in cash (the budget's "patronage" line)
};

struct State {
  // A State folded for the projections only (projections::ReplayOptions::projections_only,
  // decisions 45 and 46): gifts leave it once received (their amounts are in gift_totals; one
  // received as recorded never enters it), partners and pledges keep no gift or pledge lists,
  // projects no application status, the id sets that only guard commands against repeats (expenses, repayments,
  // disbursements) and the repayment and tranche logs stay empty, identities keep what reports
  // name (a partner's name and kind, a project's name and carrier, a decision without its
  // conditions), partners, projects and decisions are interned in registers instead of
  // their maps (decisions 54-57), and the replay skips the
  // events no projection or posting reads (receipts, sessions, votes...). It must never decide
  // a command, nor be saved as a checkpoint.
  bool projection_only = false;
  std::string default_fund;  // the first fund initialised
  std::map<std::string, FundState> funds;
  std::map<std::string, PartnerState> partners;
  // A projection-only State's partners (decision 54): their names, kinds and gift sums,
  // interned; `partners` then stays empty.
  PartnerRegister partner_register;
  std::map<std::string, PledgeState> pledges;
  std::map<std::string, GiftState> gifts;
  // A projection-only State's gifts recorded and not yet received (decision 79), found by id
  // only, never walked in order: `gifts` then stays empty. A few thousand at a time, but every
  // pending gift is inserted, found twice and erased, and a tree's walk of string compares
  // over nodes allocated and freed all along was 9 % of the 10 M replay's folding thread.
  std::unordered_map<std::string, GiftState> pending_gifts;
  // (fund, year received) -> sums; kept by Apply, rebuilt with a checkpoint. A (fund, year)
  // is here once a patronage gift of it was received, in cash or not.
  std::map<std::pair<std::string, int32_t>, GiftYearTotals> gift_totals;
  // The funds PartnerYearSums::fund numbers, in the order first summed (rebuilt with them).
  std::vector<std::string> sum_funds;
  // `fund_id`'s number in sum_funds, or nullopt when no gift of it was summed.
  std::optional<uint32_t> SumFund(const std::string& fund_id) const;
  std::map<std::string, ReceiptState> receipts;
  std::vector<std::string> receipt_order;  // numbers in issue order
  // Next sequence per (fund, year); numbering is gap-free from 1.
  std::map<std::pair<std::string, int32_t>, uint32_t> receipt_sequences;
  std::map<std::pair<std::string, int32_t>, DeclarationFiled> declarations;
  Parameters params;
  uint64_t position = 0;  // the last applied log position (ApplyEvent advances it)

  // The committee (issue 3).
  std::map<std::string, ProjectState> projects;
  // A projection-only State's projects (decision 55): what the experiment costs read of them,
  // interned; `projects` then stays empty.
  ProjectRegister project_register;
  std::map<std::string, CallState> calls;
  std::map<std::string, MemberState> members;
  std::map<std::string, SessionState> sessions;
  std::map<std::string, DecisionState> decisions;
  // A projection-only State's decisions (decision 56): what the budget, the experiment costs
  // and the posting map read of them, interned; `decisions` then stays empty.
  DecisionRegister decision_register;
  std::map<std::string, LoanState> loans;
  // A projection-only State's loans (decision 57): what the loan book, the budget and the
  // posting map read of them, schedules encoded; `loans` then stays empty.
  LoanRegister loan_register;
  std::map<std::string, GuaranteeState> guarantees;
  std::map<std::string, SubsidyRecorded> subsidies;
  std::map<std::string, int64_t> grant_disbursements;  // disbursement id -> amount
  std::map<std::string, int64_t> expenses;              // expense id -> amount
  std::map<std::string, int64_t> repayments;            // repayment id -> amount
  struct RepaymentEntry {
    std::string loan_id;
    uint32_t date = 0;
    int64_t principal_cents = 0;
    int64_t interest_cents = 0;
  };
  std::vector<RepaymentEntry> repayment_log;  // in log order
  struct TrancheEntry {
    std::string decision_id, project_id;
    uint32_t date = 0;
    int64_t amount_cents = 0;
  };
  std::vector<TrancheEntry> grant_log;  // in log order
  // What the budget and the loan book read of those logs (decision 45), kept by Apply and
  // rebuilt with a checkpoint: principal repaid per (fund of the loan's decision, year of the
  // repayment), grant tranches paid per (fund, year, project). A projection-only State keeps
  // these and not the logs, and its tranches' sums in the project register (decision 57).
  std::map<std::pair<std::string, int32_t>, WideCents> recycled_cents;
  std::map<std::tuple<std::string, int32_t, std::string>, WideCents> tranche_cents;
  std::map<std::string, std::vector<ActorRole>> roles;  // actor -> roles

  // Projections' configuration and year closing (issue 4).
  std::map<std::string, TiersConfigured> tiers;                           // per fund
  std::map<std::pair<std::string, int32_t>, BudgetPlanned> budget_plans;  // (fund, year)
  std::map<int32_t, YearClosed> closed_years;  // the association's exercices closed
  bool YearClosedFor(uint32_t ymd) const { return ymd && closed_years.count(ymd / 10000); }

  // Calls fn(costs) for every project: from the projects map in id order or,
  // projection-only, the project register in the order added (the experiment costs).
  void ForEachProjectCosts(const std::function<void(const ProjectCosts&)>& fn) const;

  // Calls fn(project_id, sum) for every project paid grant tranches under decisions of
  // `fund_id` in `year` (the budget): from tranche_cents in project id order or,
  // projection-only, the project register in the order the projects were added. The sum's
  // Money is read as Money::FromWide reads it (throwing when out of range).
  void ForEachTranche(const std::string& fund_id, int32_t year,
                      const std::function<void(std::string_view, Money)>& fn) const;

  // Voting members of a fund's committee on a date.
  std::vector<const MemberState*> VotingMembers(const std::string& fund_id) const;
  bool HasRole(const std::string& actor, ActorRole role) const;

  const FundState* Fund(const std::string& id) const;
  // The partner `id` of a State that is not projection-only (FIJ_CHECK), or null.
  const PartnerState* Partner(const std::string& id) const;
  // What the posting map reads of the partner `id` (its name and kind), from the partners map
  // or, projection-only, the partner register; nullopt: unknown.
  std::optional<PartnerFacts> PartnerFactsOf(const std::string& id) const;
  // Calls fn(id, facts, sums) for every partner, `sums` its received patronage gifts of
  // `fund_id` and `year` summed, null when none (the partner tiers): from the partners map in
  // id order or, projection-only, the partner register in the order registered.
  void ForEachPartnerSums(
      const std::string& fund_id, int32_t year,
      const std::function<void(std::string_view, const PartnerFacts&, const PartnerYearSums*)>&
          fn) const;
  // The fund of the decision `id`, which must exist (what the posting map reads of it).
  const std::string& DecisionFund(const std::string& id) const;
  // What the budget and the experiment costs read of the decision `id`, from the decisions
  // map or, projection-only, the decision register; nullopt: unknown.
  std::optional<DecisionFacts> DecisionFactsOf(const std::string& id) const;
  // Calls fn(facts) for every decision: in id order from the map, in the order recorded from
  // the register.
  void ForEachDecision(const std::function<void(const DecisionFacts&)>& fn) const;
  // The loan `id` of a State that is not projection-only (FIJ_CHECK), which must exist (an
  // event in the log was decided valid).
  const LoanState& Loan(const std::string& id) const;
  LoanState& Loan(const std::string& id);
  // What the loan book, the budget and the posting map read of the loan `id`, from the loans
  // map or, projection-only, the loan register; nullopt: unknown.
  std::optional<LoanFacts> LoanFactsOf(const std::string& id) const;
  // The line `line` of the loan `id`'s schedule (both must exist), with what was lettered to it.
  ScheduleLine LoanLine(const std::string& id, uint32_t line) const;
  // Calls fn(facts, schedule) for every loan: in id order from the map, in the order
  // disbursed from the register.
  void ForEachLoan(
      const std::function<void(const LoanFacts&, const std::vector<ScheduleLine>&)>& fn) const;
  const GiftState* Gift(const std::string& id) const;
  const ReceiptState* Receipt(const std::string& number) const;
  // Sum of counterparts given to a partner in a calendar year over received patronage gifts.
  int64_t CounterpartsInYear(const std::string& partner_id, int32_t year) const;
};

// The events a State keeps parts of are taken as rvalues: a replay hands each event over and
// only what is kept is moved (a by-value parameter cost a move of every string, session 22);
// the const overloads copy first.
void Apply(State& s, const FundInitialized& e);
void Apply(State& s, const AgrementRecorded& e);
void Apply(State& s, PartnerRegistered&& e);
void Apply(State& s, const PartnerRegistered& e);
void Apply(State& s, const PartnerCorrected& e);
void Apply(State& s, PledgeMade&& e);
void Apply(State& s, const PledgeMade& e);
void Apply(State& s, GiftRecorded&& e);
void Apply(State& s, const GiftRecorded& e);
void Apply(State& s, const GiftReceived& e);
void Apply(State& s, const ReceiptIssued& e);
void Apply(State& s, ReceiptIssued&& e);  // a replay moves the mentions it keeps
void Apply(State& s, const ReceiptCancelled& e);
void Apply(State& s, const ParameterSet& e);
void Apply(State& s, const DeclarationFiled& e);
void Apply(State& s, const FundAdded& e);
void Apply(State& s, ProjectAdded&& e);
void Apply(State& s, const ProjectAdded& e);
void Apply(State& s, const CallOpened& e);
void Apply(State& s, const CallClosed& e);
void Apply(State& s, const ApplicationSubmitted& e);
void Apply(State& s, const ApplicationStatusChanged& e);
void Apply(State& s, const AssessmentScored& e);
void Apply(State& s, const MemberAdded& e);
void Apply(State& s, const MemberRemoved& e);
void Apply(State& s, const CommitteeRulesSet& e);
void Apply(State& s, SessionOpened&& e);
void Apply(State& s, const SessionOpened& e);
void Apply(State& s, const AttendanceRecorded& e);
void Apply(State& s, const SessionClosed& e);
void Apply(State& s, const VoteCast& e);
void Apply(State& s, const ConflictDeclared& e);
void Apply(State& s, DecisionRecorded&& e);
void Apply(State& s, const DecisionRecorded& e);
void Apply(State& s, const BudgetSet& e);
void Apply(State& s, const ExpenseRecorded& e);
void Apply(State& s, const ExperimentClosed& e);
void Apply(State& s, const GrantDisbursed& e);
void Apply(State& s, LoanDisbursed&& e);
void Apply(State& s, const LoanDisbursed& e);
void Apply(State& s, const LoanRepaid& e);
void Apply(State& s, const LoanRescheduled& e);
void Apply(State& s, const LoanImpaired& e);
void Apply(State& s, const LoanWrittenOff& e);
void Apply(State& s, const GuaranteeGranted& e);
void Apply(State& s, const GuaranteeProvisioned& e);
void Apply(State& s, const GuaranteeCalled& e);
void Apply(State& s, const GuaranteeReleased& e);
void Apply(State& s, const SubsidyRecorded& e);
void Apply(State& s, const RoleGranted& e);
void Apply(State& s, const TiersConfigured& e);
void Apply(State& s, const BudgetPlanned& e);
void Apply(State& s, const YearClosed& e);
// Recomputes gift_totals, recycled_cents and tranche_cents from the gifts and the logs (a
// checkpoint saves neither: they are derived).
void RebuildSums(State& s);
// A loan as its own events make it, shared by State and PostingContext (ledger/posting_context.h).
LoanFacts FactsOf(const LoanState& l);
LoanState NewLoan(LoanDisbursed e, std::string fund_id);  // fund_id: its decision's
// Frees the disbursement event's copy of the schedule (due dates and amounts: half a loan's
// bytes), which l.schedule holds from NewLoan on, for a fold that never saves the loan (a
// checkpoint writes the event whole).
void DropEventSchedule(LoanState& l);
void ApplyToLoan(LoanState& l, const LoanRepaid& e);
void ApplyToLoan(LoanState& l, const LoanRescheduled& e);
void ApplyToLoan(LoanState& l, const LoanImpaired& e);
void ApplyToLoan(LoanState& l, const LoanWrittenOff& e);

// Applies the event recorded at `position` (> s.position) and sets s.position to it.
void ApplyEvent(State& s, const Event& e, uint64_t position);
// Applies the next event of the log, at s.position + 1 (a writer's fold: its state has every
// event up to the head, and positions are contiguous).
void ApplyEvent(State& s, const Event& e);
// As ApplyEvent(s, e, position), moving the event's strings into the State: `e` is left
// valid but unspecified (a replay's decoded event, seen by every visitor before).
void ApplyEvent(State& s, Event&& e, uint64_t position);

}  // namespace fij::ledger
