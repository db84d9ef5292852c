// The money decisions move: experiment budgets and expenses, grant tranches, loans (disbursement,
// schedule, repayments lettered to schedule lines, rescheduling, impairment, write-off),
// guarantees and the subsidies the fund receives.
#include <algorithm>

#include "ledger/commands.h"
#include "ledger/date.h"
#include "ledger/loan_schedule.h"
#include "ledger/money.h"

namespace fij::ledger {
namespace {

tl::unexpected<Rejected> No(Rejection r, std::string detail) {
  return tl::unexpected(Reject(r, std::move(detail)));
}

// The aid package approved for a project, all funds: grants + loans of approving decisions.
int64_t PackageCents(const State& s, const ProjectState& p) {
  Money total;
  for (const auto& id : p.decisions) {
    const DecisionRecorded& d = s.decisions.at(id).decision;
    if (!d.rejected) total += Money::FromCents(d.grant_cents) + Money::FromCents(d.loan_cents);
  }
  return total.cents();
}

tl::expected<const DecisionState*, Rejected> ApprovingDecision(const State& s,
                                                               const std::string& id) {
  auto it = s.decisions.find(id);
  if (it == s.decisions.end()) return No(Rejection::kUnknownDecision, "No decision '" + id + "'.");
  if (it->second.decision.rejected)
    return No(Rejection::kDecisionIsARejection, "Decision '" + id + "' rejected the project.");
  return &it->second;
}

tl::expected<const LoanState*, Rejected> LiveLoan(const State& s, const std::string& id) {
  auto it = s.loans.find(id);
  if (it == s.loans.end()) return No(Rejection::kUnknownLoan, "No loan '" + id + "'.");
  if (it->second.written_off) return No(Rejection::kLoanWrittenOff, "Loan '" + id + "' was written off.");
  return &it->second;
}

void Unzip(const std::vector<ScheduleEntry>& lines, std::vector<uint32_t>& due,
           std::vector<int64_t>& principal, std::vector<int64_t>& interest) {
  for (const auto& l : lines) {
    due.push_back(l.due.ymd());
    principal.push_back(l.principal_cents);
    interest.push_back(l.interest_cents);
  }
}

}  // namespace

// ---- Experiments ----

Decision Decide(const State& s, const SetBudget& c) {
  auto it = s.projects.find(c.project_id);
  if (it == s.projects.end()) return No(Rejection::kUnknownProject, "No project '" + c.project_id + "'.");
  const ProjectState& p = it->second;
  if (p.experiment_closed) return No(Rejection::kExperimentClosed, "The experiment is closed.");
  if (c.amount_cents < 0 || c.amount_cents > kAmountCentsMax)
    return No(Rejection::kInvalidAmount, "A budget is zero or positive.");
  Money total = Money::FromCents(c.amount_cents);
  for (int k = 0; k < 4; ++k)
    if (k != static_cast<int>(c.category)) total += Money::FromCents(p.budget_cents[k]);
  int64_t package = PackageCents(s, p);
  if (total.cents() > package)
    return No(Rejection::kBudgetAbovePackage,
              "The budget would total " + total.ToFrench() + " but the approved package is " +
                  Money::FromCents(package).ToFrench() + "; a new decision must raise it first.");
  return std::vector<Event>{BudgetSet{c.project_id, c.category, c.amount_cents, c.date}};
}
CommandSpec Spec(const State&, const SetBudget& c) {
  Body b;
  b.Add("project", c.project_id).Add("category", ToString(c.category)).Add("amount", c.amount_cents);
  b.Add("date", c.date);
  return {"project-" + c.project_id, engine::kAnyVersion,
          "budget:" + c.project_id + ":" + ShortDigest(b.str()), b.str()};
}

Decision Decide(const State& s, const RecordExpense& c) {
  if (s.expenses.count(c.expense_id))
    return No(Rejection::kDuplicateId, "Expense '" + c.expense_id + "' exists.");
  auto it = s.projects.find(c.project_id);
  if (it == s.projects.end()) return No(Rejection::kUnknownProject, "No project '" + c.project_id + "'.");
  const ProjectState& p = it->second;
  if (p.experiment_closed) return No(Rejection::kExperimentClosed, "The experiment is closed.");
  if (c.amount_cents <= 0 || c.amount_cents > kAmountCentsMax)
    return No(Rejection::kInvalidAmount, "An expense is positive.");
  int k = static_cast<int>(c.category);
  Money after = Money::FromCents(p.spent_cents[k]) + Money::FromCents(c.amount_cents);
  if (after.cents() > p.budget_cents[k])
    return No(Rejection::kExpenseAboveBudget,
              std::string("Spending on ") + ToString(c.category) + " would reach " +
                  after.ToFrench() + ", over its budget of " +
                  Money::FromCents(p.budget_cents[k]).ToFrench() + ".");
  return std::vector<Event>{
      ExpenseRecorded{c.expense_id, c.project_id, c.category, c.amount_cents, c.description, c.date}};
}
CommandSpec Spec(const State&, const RecordExpense& c) {
  Body b;
  b.Add("id", c.expense_id).Add("project", c.project_id).Add("category", ToString(c.category));
  b.Add("amount", c.amount_cents).Add("date", c.date).Add("desc", c.description);
  return {"project-" + c.project_id, engine::kAnyVersion, "expense:" + c.expense_id, b.str()};
}

Decision Decide(const State& s, const CloseExperiment& c) {
  auto it = s.projects.find(c.project_id);
  if (it == s.projects.end()) return No(Rejection::kUnknownProject, "No project '" + c.project_id + "'.");
  if (it->second.experiment_closed) return No(Rejection::kExperimentClosed, "Already closed.");
  return std::vector<Event>{ExperimentClosed{c.project_id, c.outcome, c.date}};
}
CommandSpec Spec(const State&, const CloseExperiment& c) {
  Body b;
  b.Add("project", c.project_id).Add("outcome", c.outcome).Add("date", c.date);
  return {"project-" + c.project_id, engine::kAnyVersion, "experiment-close:" + c.project_id, b.str()};
}

// ---- Grants ----

Decision Decide(const State& s, const DisburseGrant& c) {
  if (s.grant_disbursements.count(c.disbursement_id))
    return No(Rejection::kDuplicateId, "Disbursement '" + c.disbursement_id + "' exists.");
  auto d = ApprovingDecision(s, c.decision_id);
  if (!d) return tl::unexpected(d.error());
  const DecisionRecorded& dr = (*d)->decision;
  if (dr.grant_cents == 0) return No(Rejection::kNothingToDisburse, "The decision approved no grant.");
  if (c.amount_cents <= 0) return No(Rejection::kInvalidAmount, "A tranche is positive.");
  Money after = Money::FromCents((*d)->granted_disbursed_cents) + Money::FromCents(c.amount_cents);
  if (after.cents() > dr.grant_cents)
    return No(Rejection::kGrantAboveDecision,
              "Disbursed would be " + after.ToFrench() + " of a " +
                  Money::FromCents(dr.grant_cents).ToFrench() + " grant.");
  if (c.date < dr.date)
    return No(Rejection::kInvalidPeriod, "A tranche is paid on or after the decision (" +
              YmdToIso(dr.date) + ").");
  return std::vector<Event>{
      GrantDisbursed{c.disbursement_id, c.decision_id, dr.project_id, c.amount_cents, c.date}};
}
CommandSpec Spec(const State&, const DisburseGrant& c) {
  Body b;
  b.Add("id", c.disbursement_id).Add("decision", c.decision_id).Add("amount", c.amount_cents);
  b.Add("date", c.date);
  return {"decision-" + c.decision_id, engine::kAnyVersion, "grant-disburse:" + c.disbursement_id,
          b.str()};
}

// ---- Loans ----

Decision Decide(const State& s, const DisburseLoan& c) {
  if (s.loans.count(c.loan_id)) return No(Rejection::kDuplicateId, "Loan '" + c.loan_id + "' exists.");
  auto d = ApprovingDecision(s, c.decision_id);
  if (!d) return tl::unexpected(d.error());
  const DecisionRecorded& dr = (*d)->decision;
  if (dr.loan_cents == 0) return No(Rejection::kNothingToDisburse, "The decision approved no loan.");
  if (!(*d)->loan_id.empty())
    return No(Rejection::kLoanAlreadyDisbursed, "Its loan is '" + (*d)->loan_id + "'.");
  if (c.date < dr.date || !Date::FromYmd(c.date))
    return No(Rejection::kInvalidPeriod, "A loan is disbursed on a date on or after its decision.");
  std::string why;
  auto lines = BuildSchedule(dr.loan_cents, dr.loan_term_months, dr.loan_deferral_months,
                             dr.loan_rate_bp, *Date::FromYmd(c.date), &why);
  if (!lines) return No(Rejection::kInvalidLoanTerms, why + ".");
  LoanDisbursed l;
  l.loan_id = c.loan_id;
  l.decision_id = c.decision_id;
  l.project_id = dr.project_id;
  l.principal_cents = dr.loan_cents;
  l.term_months = dr.loan_term_months;
  l.deferral_months = dr.loan_deferral_months;
  l.rate_bp = dr.loan_rate_bp;
  Unzip(*lines, l.due_dates, l.principal_due, l.interest_due);
  l.date = c.date;
  return std::vector<Event>{l};
}
CommandSpec Spec(const State&, const DisburseLoan& c) {
  Body b;
  b.Add("id", c.loan_id).Add("decision", c.decision_id).Add("date", c.date);
  return {"loan-" + c.loan_id, engine::kNoStream, "loan:" + c.loan_id, b.str()};
}

Decision Decide(const State& s, const RepayLoan& c) {
  if (s.repayments.count(c.repayment_id))
    return No(Rejection::kDuplicateId, "Repayment '" + c.repayment_id + "' exists.");
  auto l = LiveLoan(s, c.loan_id);
  if (!l) return tl::unexpected(l.error());
  if (c.amount_cents <= 0) return No(Rejection::kInvalidAmount, "A repayment is positive.");
  if (c.date < (*l)->loan.date) return No(Rejection::kInvalidPeriod, "Repaid before disbursed.");
  // Allocation (a versioned rule, docs/DECISIONS.md): oldest unpaid schedule line first; within
  // a line, interest before principal. Early repayments go to the next lines in order.
  LoanRepaid r;
  r.repayment_id = c.repayment_id;
  r.loan_id = c.loan_id;
  r.amount_cents = c.amount_cents;
  r.date = c.date;
  int64_t left = c.amount_cents;
  for (uint32_t k = 0; k < (*l)->schedule.size() && left > 0; ++k) {
    const ScheduleLine& line = (*l)->schedule[k];
    int64_t unpaid = line.due_cents() - line.paid_cents;
    if (unpaid <= 0) continue;
    int64_t take = std::min(unpaid, left);
    r.lines.push_back(k);
    r.line_amounts.push_back(take);
    left -= take;
  }
  if (left > 0)
    return No(Rejection::kRepaymentAboveOutstanding,
              "The borrower owes " + Money::FromCents(c.amount_cents - left).ToFrench() +
                  "; the repayment is " + Money::FromCents(c.amount_cents).ToFrench() + ".");
  return std::vector<Event>{r};
}
CommandSpec Spec(const State&, const RepayLoan& c) {
  Body b;
  b.Add("id", c.repayment_id).Add("loan", c.loan_id).Add("amount", c.amount_cents);
  b.Add("date", c.date);
  return {"loan-" + c.loan_id, engine::kAnyVersion, "repayment:" + c.repayment_id, b.str()};
}

Decision Decide(const State& s, const RescheduleLoan& c) {
  if (!Date::FromYmd(c.date)) return No(Rejection::kInvalidPeriod, "Give the rescheduling date.");
  auto l = LiveLoan(s, c.loan_id);
  if (!l) return tl::unexpected(l.error());
  auto d = ApprovingDecision(s, c.decision_id);
  if (!d) return tl::unexpected(d.error());
  if ((*d)->decision.project_id != (*l)->loan.project_id)
    return No(Rejection::kDecisionOfAnotherProject, "Decision '" + c.decision_id +
              "' is on project '" + (*d)->decision.project_id + "'.");
  // The unpaid principal is rescheduled from the rescheduling date.
  Money unpaid;
  for (const auto& line : (*l)->schedule) {
    int64_t paid_principal = std::max<int64_t>(0, line.paid_cents - line.interest_cents);
    unpaid += Money::FromCents(line.principal_cents - std::min(paid_principal, line.principal_cents));
  }
  std::string why;
  auto lines = BuildSchedule(unpaid.cents(), c.term_months, c.deferral_months,
                             (*l)->loan.rate_bp, *Date::FromYmd(c.date), &why);
  if (!lines) return No(Rejection::kInvalidLoanTerms, why + ".");
  LoanRescheduled r;
  r.loan_id = c.loan_id;
  r.decision_id = c.decision_id;
  r.term_months = c.term_months;
  r.deferral_months = c.deferral_months;
  Unzip(*lines, r.due_dates, r.principal_due, r.interest_due);
  r.date = c.date;
  return std::vector<Event>{r};
}
CommandSpec Spec(const State&, const RescheduleLoan& c) {
  Body b;
  b.Add("loan", c.loan_id).Add("decision", c.decision_id).Add("term", c.term_months);
  b.Add("deferral", c.deferral_months).Add("date", c.date);
  return {"loan-" + c.loan_id, engine::kAnyVersion,
          "reschedule:" + c.loan_id + ":" + c.decision_id, b.str()};
}

Decision Decide(const State& s, const WriteOffLoan& c) {
  auto l = LiveLoan(s, c.loan_id);
  if (!l) return tl::unexpected(l.error());
  auto it = s.decisions.find(c.decision_id);
  if (it == s.decisions.end()) return No(Rejection::kUnknownDecision, "No decision '" + c.decision_id + "'.");
  if (it->second.decision.project_id != (*l)->loan.project_id)
    return No(Rejection::kDecisionOfAnotherProject, "The decision is on another project.");
  int64_t outstanding = (*l)->outstanding_cents();
  if (outstanding <= 0) return No(Rejection::kNothingToDisburse, "Nothing is outstanding.");
  return std::vector<Event>{LoanWrittenOff{c.loan_id, c.decision_id, outstanding,
                                           (*l)->impaired_cents, c.date}};
}
CommandSpec Spec(const State&, const WriteOffLoan& c) {
  Body b;
  b.Add("loan", c.loan_id).Add("decision", c.decision_id).Add("date", c.date);
  return {"loan-" + c.loan_id, engine::kAnyVersion, "write-off:" + c.loan_id, b.str()};
}

Decision Decide(const State& s, const ReviewLoans& c) {
  if (!Date::FromYmd(c.date)) return No(Rejection::kInvalidPeriod, "Give the review date.");
  int64_t months = s.params.At(param::kImpairmentMonths, c.date);
  uint32_t cutoff = Date::FromYmd(c.date)->AddMonths(-static_cast<int>(months)).ymd();
  std::vector<Event> out;
  for (const auto& [id, l] : s.loans) {
    if (l.written_off) continue;
    bool overdue = false;
    for (const auto& line : l.schedule)
      if (line.due < cutoff && line.paid_cents < line.due_cents()) overdue = true;
    int64_t target = overdue ? l.outstanding_cents() : 0;
    // Impairment only grows here; a repaid loan's impairment is reversed when written off or
    // repaid in full (projection), never silently.
    if (target > l.impaired_cents)
      out.push_back(LoanImpaired{id, target - l.impaired_cents, c.date});
  }
  if (out.empty())
    return No(Rejection::kNothingToDisburse, "No loan has an instalment unpaid for more than " +
              std::to_string(months) + " months on " + YmdToIso(c.date) + ".");
  return out;
}
CommandSpec Spec(const State&, const ReviewLoans& c) {
  Body b;
  b.Add("date", c.date);
  return {"loans-review", engine::kAnyVersion, "loan-review:" + std::to_string(c.date), b.str()};
}

// ---- Guarantees ----

Decision Decide(const State& s, const GrantGuarantee& c) {
  if (s.guarantees.count(c.guarantee_id))
    return No(Rejection::kDuplicateId, "Guarantee '" + c.guarantee_id + "' exists.");
  auto d = ApprovingDecision(s, c.decision_id);
  if (!d) return tl::unexpected(d.error());
  const DecisionRecorded& dr = (*d)->decision;
  if (dr.guarantee_cents == 0) return No(Rejection::kNothingToDisburse, "No guarantee approved.");
  if (!(*d)->guarantee_id.empty())
    return No(Rejection::kDuplicateId, "Its guarantee is '" + (*d)->guarantee_id + "'.");
  return std::vector<Event>{GuaranteeGranted{c.guarantee_id, c.decision_id, dr.project_id,
                                             dr.guarantee_cents, dr.guarantee_lender,
                                             dr.guarantee_until, c.date}};
}
CommandSpec Spec(const State&, const GrantGuarantee& c) {
  Body b;
  b.Add("id", c.guarantee_id).Add("decision", c.decision_id).Add("date", c.date);
  return {"guarantee-" + c.guarantee_id, engine::kNoStream, "guarantee:" + c.guarantee_id, b.str()};
}

namespace {
tl::expected<const GuaranteeState*, Rejected> ActiveGuarantee(const State& s, const std::string& id) {
  auto it = s.guarantees.find(id);
  if (it == s.guarantees.end()) return No(Rejection::kUnknownGuarantee, "No guarantee '" + id + "'.");
  const GuaranteeState& g = it->second;
  if (g.released || g.called_cents >= g.guarantee.amount_cents)
    return No(Rejection::kGuaranteeNotActive, "Guarantee '" + id + "' is " +
              (g.released ? "released." : "fully called."));
  return &g;
}
}  // namespace

Decision Decide(const State& s, const ProvisionGuarantee& c) {
  auto g = ActiveGuarantee(s, c.guarantee_id);
  if (!g) return tl::unexpected(g.error());
  int64_t room = (*g)->guarantee.amount_cents - (*g)->called_cents - (*g)->provision_cents;
  if (c.amount_cents <= 0 || c.amount_cents > room)
    return No(Rejection::kInvalidAmount, "A provision is positive and at most the uncalled, "
              "unprovisioned part (" + Money::FromCents(room).ToFrench() + ").");
  return std::vector<Event>{GuaranteeProvisioned{c.guarantee_id, c.amount_cents, c.date}};
}
CommandSpec Spec(const State&, const ProvisionGuarantee& c) {
  Body b;
  b.Add("id", c.guarantee_id).Add("amount", c.amount_cents).Add("date", c.date);
  return {"guarantee-" + c.guarantee_id, engine::kAnyVersion,
          "guarantee-provision:" + c.guarantee_id + ":" + ShortDigest(b.str()), b.str()};
}

Decision Decide(const State& s, const CallGuarantee& c) {
  auto g = ActiveGuarantee(s, c.guarantee_id);
  if (!g) return tl::unexpected(g.error());
  int64_t room = (*g)->guarantee.amount_cents - (*g)->called_cents;
  if (c.amount_cents <= 0 || c.amount_cents > room)
    return No(Rejection::kInvalidAmount, "A call is positive and at most the uncalled part (" +
              Money::FromCents(room).ToFrench() + ").");
  int64_t reversed = std::min(c.amount_cents, (*g)->provision_cents);
  return std::vector<Event>{GuaranteeCalled{c.guarantee_id, c.amount_cents, reversed, c.date}};
}
CommandSpec Spec(const State&, const CallGuarantee& c) {
  Body b;
  b.Add("id", c.guarantee_id).Add("amount", c.amount_cents).Add("date", c.date);
  return {"guarantee-" + c.guarantee_id, engine::kAnyVersion,
          "guarantee-call:" + c.guarantee_id + ":" + ShortDigest(b.str()), b.str()};
}

Decision Decide(const State& s, const ReleaseGuarantee& c) {
  auto g = ActiveGuarantee(s, c.guarantee_id);
  if (!g) return tl::unexpected(g.error());
  return std::vector<Event>{GuaranteeReleased{c.guarantee_id, (*g)->provision_cents, c.date}};
}
CommandSpec Spec(const State&, const ReleaseGuarantee& c) {
  Body b;
  b.Add("id", c.guarantee_id).Add("date", c.date);
  return {"guarantee-" + c.guarantee_id, engine::kAnyVersion,
          "guarantee-release:" + c.guarantee_id, b.str()};
}

// ---- Funding received ----

Decision Decide(const State& s, const RecordSubsidy& c) {
  if (s.subsidies.count(c.subsidy_id))
    return No(Rejection::kDuplicateId, "Subsidy '" + c.subsidy_id + "' exists.");
  const FundState* f = s.Fund(c.fund_id);
  if (!f) return No(Rejection::kUnknownFund, "No fund '" + c.fund_id + "'.");
  if (!c.project_id.empty() && !s.projects.count(c.project_id))
    return No(Rejection::kUnknownProject, "No project '" + c.project_id + "'.");
  if (c.amount_cents <= 0 || c.amount_cents > kAmountCentsMax)
    return No(Rejection::kInvalidAmount, "A subsidy is positive.");
  return std::vector<Event>{SubsidyRecorded{c.subsidy_id, c.funder, c.funder_kind,
                                            f->identity.fund_id, c.amount_cents,
                                            c.year ? c.year : static_cast<int32_t>(c.date / 10000),
                                            c.project_id, c.date}};
}
CommandSpec Spec(const State& s, const RecordSubsidy& c) {
  Body b;
  b.Add("id", c.subsidy_id).Add("funder", c.funder).Add("kind", ToString(c.funder_kind));
  b.Add("fund", c.fund_id.empty() ? s.default_fund : c.fund_id).Add("amount", c.amount_cents);
  b.Add("year", c.year).Add("project", c.project_id).Add("date", c.date);
  return {"subsidy-" + c.subsidy_id, engine::kNoStream, "subsidy:" + c.subsidy_id, b.str()};
}

}  // namespace fij::ledger
