// The engagement committee: funds, projects, calls, applications, assessments, members,
// sessions, attendance, votes, conflicts of interest and decisions.
#include <algorithm>

#include "ledger/commands.h"
#include "ledger/date.h"
#include "ledger/money.h"

namespace fij::ledger {
namespace {

tl::unexpected<Rejected> No(Rejection r, std::string detail) {
  return tl::unexpected(Reject(r, std::move(detail)));
}

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string FundOr(const State& s, const std::string& f) { return f.empty() ? s.default_fund : f; }

// Member ids are shared across commands: looked up once here.
const MemberState* Member(const State& s, const std::string& id) {
  auto it = s.members.find(id);
  return it == s.members.end() ? nullptr : &it->second;
}

bool IsPillar(const std::string& c) {
  return c == "portage-collectif" || c == "ancrage-territorial" || c == "resilience" ||
         c == "modele-hybride";
}

}  // namespace

// ---- Funds and projects ----

Decision Decide(const State& s, const AddFund& c) {
  if (s.funds.count(c.fund_id)) return No(Rejection::kDuplicateId, "Fund '" + c.fund_id + "' exists.");
  return std::vector<Event>{FundAdded{c.fund_id, c.name, c.excluded_carrier_forms, c.date}};
}
CommandSpec Spec(const State&, const AddFund& c) {
  Body b;
  b.Add("id", c.fund_id).Add("name", c.name);
  for (const auto& x : c.excluded_carrier_forms) b.Add("exclude", x);
  return {"fund-" + c.fund_id, engine::kNoStream, "fund-add:" + c.fund_id, b.str()};
}

Decision Decide(const State& s, const AddProject& c) {
  if (s.projects.count(c.project_id))
    return No(Rejection::kDuplicateId, "Project '" + c.project_id + "' exists.");
  return std::vector<Event>{ProjectAdded{c.project_id, c.name, c.carrier, c.carrier_form,
                                         c.territory, c.description, c.date}};
}
CommandSpec Spec(const State&, const AddProject& c) {
  Body b;
  b.Add("id", c.project_id).Add("name", c.name).Add("carrier", c.carrier);
  b.Add("form", c.carrier_form).Add("territory", c.territory).Add("desc", c.description);
  return {"project-" + c.project_id, engine::kNoStream, "project:" + c.project_id, b.str()};
}

// ---- Calls, applications, assessments ----

Decision Decide(const State& s, const OpenCall& c) {
  if (s.calls.count(c.call_id)) return No(Rejection::kDuplicateId, "Call '" + c.call_id + "' exists.");
  const FundState* f = s.Fund(c.fund_id);
  if (!f) return No(Rejection::kUnknownFund, "No fund '" + c.fund_id + "'; see `fij fund list`.");
  if (c.closes_on < c.opens_on)
    return No(Rejection::kInvalidPeriod, "--to " + YmdToIso(c.closes_on) + " is before --from.");
  return std::vector<Event>{
      CallOpened{c.call_id, f->identity.fund_id, c.opens_on, c.closes_on, c.date}};
}
CommandSpec Spec(const State& s, const OpenCall& c) {
  Body b;
  b.Add("id", c.call_id).Add("fund", FundOr(s, c.fund_id)).Add("from", c.opens_on);
  b.Add("to", c.closes_on);
  return {"call-" + c.call_id, engine::kNoStream, "call:" + c.call_id, b.str()};
}

Decision Decide(const State& s, const CloseCall& c) {
  auto it = s.calls.find(c.call_id);
  if (it == s.calls.end()) return No(Rejection::kUnknownCall, "No call '" + c.call_id + "'.");
  if (it->second.closed) return No(Rejection::kOutsideCallPeriod, "Call '" + c.call_id + "' is closed.");
  return std::vector<Event>{CallClosed{c.call_id, c.date}};
}
CommandSpec Spec(const State&, const CloseCall& c) {
  Body b;
  b.Add("id", c.call_id);
  return {"call-" + c.call_id, engine::kAnyVersion, "call-close:" + c.call_id, b.str()};
}

Decision Decide(const State& s, const SubmitApplication& c) {
  auto call = s.calls.find(c.call_id);
  if (call == s.calls.end())
    return No(Rejection::kUnknownCall, "No call '" + c.call_id + "'; open it with `fij call open`.");
  if (!s.projects.count(c.project_id))
    return No(Rejection::kUnknownProject, "No project '" + c.project_id + "'; add it with "
              "`fij project add`.");
  const CallOpened& co = call->second.call;
  if (call->second.closed || c.date < co.opens_on || c.date > co.closes_on)
    return No(Rejection::kOutsideCallPeriod,
              "Call '" + c.call_id + "' runs " + YmdToIso(co.opens_on) + ".." +
                  YmdToIso(co.closes_on) + (call->second.closed ? " and is closed" : "") +
                  "; the application is dated " + YmdToIso(c.date) + ".");
  const ProjectState& p = s.projects.at(c.project_id);
  // A project applies again only once its previous application to that fund is over.
  if (auto st = p.status.find(co.fund_id);
      st != p.status.end() && st->second != ApplicationStatus::kRejected &&
      st->second != ApplicationStatus::kWithdrawn && st->second != ApplicationStatus::kClosed)
    return No(Rejection::kDuplicateId, "Project '" + c.project_id + "' has a " +
              ToString(st->second) + " application to fund '" + co.fund_id + "'.");
  return std::vector<Event>{ApplicationSubmitted{c.call_id, c.project_id, co.fund_id, c.date}};
}
CommandSpec Spec(const State&, const SubmitApplication& c) {
  Body b;
  b.Add("call", c.call_id).Add("project", c.project_id).Add("date", c.date);
  return {"project-" + c.project_id, engine::kAnyVersion,
          "apply:" + c.call_id + ":" + c.project_id, b.str()};
}

Decision Decide(const State& s, const ChangeApplicationStatus& c) {
  auto p = s.projects.find(c.project_id);
  if (p == s.projects.end()) return No(Rejection::kUnknownProject, "No project '" + c.project_id + "'.");
  std::string fund = FundOr(s, c.fund_id);
  auto st = p->second.status.find(fund);
  if (st == p->second.status.end())
    return No(Rejection::kNotApplied, "Project '" + c.project_id + "' has not applied to fund '" +
              fund + "'.");
  bool ok = (c.status == ApplicationStatus::kUnderReview && st->second == ApplicationStatus::kSubmitted) ||
            (c.status == ApplicationStatus::kWithdrawn &&
             (st->second == ApplicationStatus::kSubmitted ||
              st->second == ApplicationStatus::kUnderReview));
  if (!ok)
    return No(Rejection::kInvalidPeriod,
              std::string("An application goes submitted -> under-review -> selected/rejected/"
                          "withdrawn; it is ") + ToString(st->second) + ", it cannot become " +
                  ToString(c.status) + ".");
  return std::vector<Event>{ApplicationStatusChanged{c.project_id, fund, c.status, c.reason, c.date}};
}
CommandSpec Spec(const State& s, const ChangeApplicationStatus& c) {
  Body b;
  b.Add("project", c.project_id).Add("fund", FundOr(s, c.fund_id)).Add("status", ToString(c.status));
  b.Add("reason", c.reason);
  return {"project-" + c.project_id, engine::kAnyVersion,
          "application-status:" + c.project_id + ":" + FundOr(s, c.fund_id) + ":" +
              ToString(c.status),
          b.str()};
}

Decision Decide(const State& s, const ScoreProject& c) {
  if (!s.projects.count(c.project_id))
    return No(Rejection::kUnknownProject, "No project '" + c.project_id + "'.");
  int64_t max = IsPillar(c.criterion) ? 200 : (c.criterion.rfind("field:", 0) == 0 ? 2000 : -1);
  if (max < 0)
    return No(Rejection::kInvalidScore,
              "'" + c.criterion + "' is neither an ECT pillar (portage-collectif, "
              "ancrage-territorial, resilience, modele-hybride) nor a field criterion "
              "(field:NAME).");
  if (c.score_hundredths < 0 || c.score_hundredths > max)
    return No(Rejection::kInvalidScore, "Score out of range for '" + c.criterion + "'.");
  return std::vector<Event>{
      AssessmentScored{c.project_id, c.assessor, c.criterion, c.score_hundredths, c.date}};
}
CommandSpec Spec(const State&, const ScoreProject& c) {
  Body b;
  b.Add("project", c.project_id).Add("assessor", c.assessor).Add("criterion", c.criterion);
  b.Add("score", c.score_hundredths);
  return {"project-" + c.project_id, engine::kAnyVersion,
          "assess:" + c.project_id + ":" + c.assessor + ":" + c.criterion, b.str()};
}

// ---- Members, rules, sessions, votes ----

Decision Decide(const State& s, const AddMember& c) {
  if (s.members.count(c.member_id)) return No(Rejection::kDuplicateId, "Member '" + c.member_id + "' exists.");
  const FundState* f = s.Fund(c.fund_id);
  if (!f) return No(Rejection::kUnknownFund, "No fund '" + c.fund_id + "'.");
  if (!c.partner_id.empty() && !s.Partner(c.partner_id))
    return No(Rejection::kUnknownPartner, "No partner '" + c.partner_id + "'.");
  return std::vector<Event>{
      MemberAdded{c.member_id, f->identity.fund_id, c.name, c.partner_id, c.role, c.date}};
}
CommandSpec Spec(const State& s, const AddMember& c) {
  Body b;
  b.Add("id", c.member_id).Add("fund", FundOr(s, c.fund_id)).Add("name", c.name);
  b.Add("partner", c.partner_id).Add("role", ToString(c.role));
  return {"member-" + c.member_id, engine::kNoStream, "member:" + c.member_id, b.str()};
}

Decision Decide(const State& s, const RemoveMember& c) {
  const MemberState* m = Member(s, c.member_id);
  if (!m || !m->active) return No(Rejection::kUnknownMember, "No active member '" + c.member_id + "'.");
  return std::vector<Event>{MemberRemoved{c.member_id, c.date}};
}
CommandSpec Spec(const State&, const RemoveMember& c) {
  Body b;
  b.Add("id", c.member_id).Add("date", c.date);
  return {"member-" + c.member_id, engine::kAnyVersion, "member-remove:" + c.member_id, b.str()};
}

Decision Decide(const State& s, const SetCommitteeRules& c) {
  const FundState* f = s.Fund(c.fund_id);
  if (!f) return No(Rejection::kUnknownFund, "No fund '" + c.fund_id + "'.");
  if (c.quorum_bp < 0 || c.quorum_bp >= 10000 || c.majority_bp < 0 || c.majority_bp >= 10000)
    return No(Rejection::kInvalidScore, "Quorum and majority are shares from 0 up to (not "
              "including) 100 %: the rule is 'more than'.");
  return std::vector<Event>{
      CommitteeRulesSet{f->identity.fund_id, c.quorum_bp, c.majority_bp, c.date}};
}
CommandSpec Spec(const State& s, const SetCommitteeRules& c) {
  Body b;
  b.Add("fund", FundOr(s, c.fund_id)).Add("quorum", c.quorum_bp).Add("majority", c.majority_bp);
  return {"fund-" + FundOr(s, c.fund_id), engine::kAnyVersion,
          "committee-rules:" + FundOr(s, c.fund_id) + ":" + ShortDigest(b.str()), b.str()};
}

Decision Decide(const State& s, const OpenSession& c) {
  if (s.sessions.count(c.session_id))
    return No(Rejection::kDuplicateId, "Session '" + c.session_id + "' exists.");
  const FundState* f = s.Fund(c.fund_id);
  if (!f) return No(Rejection::kUnknownFund, "No fund '" + c.fund_id + "'.");
  for (const auto& p : c.agenda)
    if (!s.projects.count(p))
      return No(Rejection::kUnknownProject, "Agenda item '" + p + "' is not a project.");
  return std::vector<Event>{SessionOpened{c.session_id, f->identity.fund_id, c.agenda, c.date}};
}
CommandSpec Spec(const State& s, const OpenSession& c) {
  Body b;
  b.Add("id", c.session_id).Add("fund", FundOr(s, c.fund_id)).Add("date", c.date);
  for (const auto& p : c.agenda) b.Add("agenda", p);
  return {"session-" + c.session_id, engine::kNoStream, "session:" + c.session_id, b.str()};
}

namespace {
// The open session a command acts on, or a rejection.
tl::expected<const SessionState*, Rejected> OpenSessionOf(const State& s, const std::string& id) {
  auto it = s.sessions.find(id);
  if (it == s.sessions.end())
    return No(Rejection::kUnknownSession, "No session '" + id + "'; open it with `fij session open`.");
  if (it->second.closed)
    return No(Rejection::kSessionClosed, "Session '" + id + "' is closed.");
  return &it->second;
}
}  // namespace

Decision Decide(const State& s, const Attend& c) {
  auto session = OpenSessionOf(s, c.session_id);
  if (!session) return tl::unexpected(session.error());
  const MemberState* m = Member(s, c.member_id);
  if (!m || !m->active) return No(Rejection::kUnknownMember, "No active member '" + c.member_id + "'.");
  if (m->member.fund_id != (*session)->session.fund_id)
    return No(Rejection::kMemberOfAnotherFund,
              "'" + c.member_id + "' sits on fund '" + m->member.fund_id + "', the session is "
              "fund '" + (*session)->session.fund_id + "'.");
  if ((*session)->Present(c.member_id))
    return No(Rejection::kDuplicateId, "'" + c.member_id + "' is already recorded present.");
  return std::vector<Event>{AttendanceRecorded{c.session_id, c.member_id, (*session)->session.date}};
}
CommandSpec Spec(const State&, const Attend& c) {
  Body b;
  b.Add("session", c.session_id).Add("member", c.member_id);
  return {"session-" + c.session_id, engine::kAnyVersion,
          "attend:" + c.session_id + ":" + c.member_id, b.str()};
}

Decision Decide(const State& s, const CloseSession& c) {
  auto session = OpenSessionOf(s, c.session_id);
  if (!session) return tl::unexpected(session.error());
  return std::vector<Event>{
      SessionClosed{c.session_id, c.date ? c.date : (*session)->session.date}};
}
CommandSpec Spec(const State&, const CloseSession& c) {
  Body b;
  b.Add("session", c.session_id).Add("date", c.date);
  return {"session-" + c.session_id, engine::kAnyVersion, "session-close:" + c.session_id, b.str()};
}

Decision Decide(const State& s, const CastVote& c) {
  auto session = OpenSessionOf(s, c.session_id);
  if (!session) return tl::unexpected(session.error());
  const SessionState& ss = **session;
  if (!Contains(ss.session.agenda, c.project_id))
    return No(Rejection::kNotOnAgenda, "'" + c.project_id + "' is not on the agenda of session '" +
              c.session_id + "'.");
  const MemberState* m = Member(s, c.member_id);
  if (!m || !m->active) return No(Rejection::kUnknownMember, "No active member '" + c.member_id + "'.");
  if (m->member.fund_id != ss.session.fund_id)
    return No(Rejection::kMemberOfAnotherFund, "'" + c.member_id + "' sits on another fund's committee.");
  if (m->member.role != MemberRole::kVoting)
    return No(Rejection::kVoterNotVoting,
              "'" + c.member_id + "' is a " + ToString(m->member.role) + ", not a voting member.");
  if (!ss.Present(c.member_id))
    return No(Rejection::kVoterAbsent, "'" + c.member_id + "' is not recorded present; record it "
              "with `fij session attend " + c.session_id + " --member " + c.member_id + "`.");
  if (Contains(s.projects.at(c.project_id).conflicts, c.member_id))
    return No(Rejection::kVoterRecused, "'" + c.member_id + "' declared a conflict of interest on '" +
              c.project_id + "'.");
  auto votes = ss.votes.find(c.project_id);
  if (votes != ss.votes.end() && votes->second.count(c.member_id))
    return No(Rejection::kVotedTwice, "'" + c.member_id + "' already voted on '" + c.project_id + "'.");
  return std::vector<Event>{
      VoteCast{c.session_id, c.project_id, c.member_id, c.choice, ss.session.date}};
}
CommandSpec Spec(const State&, const CastVote& c) {
  Body b;
  b.Add("session", c.session_id).Add("project", c.project_id).Add("member", c.member_id);
  b.Add("choice", ToString(c.choice));
  return {"session-" + c.session_id, engine::kAnyVersion,
          "vote:" + c.session_id + ":" + c.project_id + ":" + c.member_id, b.str()};
}

Decision Decide(const State& s, const DeclareConflict& c) {
  const MemberState* m = Member(s, c.member_id);
  if (!m) return No(Rejection::kUnknownMember, "No member '" + c.member_id + "'.");
  auto p = s.projects.find(c.project_id);
  if (p == s.projects.end()) return No(Rejection::kUnknownProject, "No project '" + c.project_id + "'.");
  if (Contains(p->second.conflicts, c.member_id))
    return No(Rejection::kDuplicateId, "The conflict is already declared.");
  return std::vector<Event>{ConflictDeclared{c.member_id, c.project_id, c.date}};
}
CommandSpec Spec(const State&, const DeclareConflict& c) {
  Body b;
  b.Add("member", c.member_id).Add("project", c.project_id);
  return {"project-" + c.project_id, engine::kAnyVersion,
          "conflict:" + c.member_id + ":" + c.project_id, b.str()};
}

// ---- Decisions ----

int64_t GrantEquivalentCents(const State& s, int64_t grant_cents, int64_t loan_cents,
                             uint32_t term_months, int64_t rate_bp, int64_t guarantee_cents,
                             uint32_t decided_on, uint32_t guarantee_until) {
  Money ge = Money::FromCents(grant_cents);
  int64_t ref = s.params.At(param::kReferenceRateBp, decided_on);
  if (loan_cents > 0 && ref > rate_bp)
    ge += Money::FromCents(loan_cents).MulRatio((ref - rate_bp) * term_months, 120000,
                                                Rounding::kHalfUp);
  if (guarantee_cents > 0 && guarantee_until > decided_on) {
    auto from = Date::FromYmd(decided_on), to = Date::FromYmd(guarantee_until);
    int64_t months = from && to ? (to->DaysSinceEpoch() - from->DaysSinceEpoch() + 29) / 30 : 0;
    ge += Money::FromCents(guarantee_cents)
              .MulRatio(s.params.At(param::kGuaranteePremiumBp, decided_on) * months, 120000,
                        Rounding::kHalfUp);
  }
  return ge.cents();
}

Decision Decide(const State& s, const RecordDecision& c) {
  if (s.decisions.count(c.decision_id))
    return No(Rejection::kDuplicateId, "Decision '" + c.decision_id + "' exists.");
  auto sit = s.sessions.find(c.session_id);
  if (sit == s.sessions.end()) return No(Rejection::kUnknownSession, "No session '" + c.session_id + "'.");
  const SessionState& ss = sit->second;
  const std::string& fund = ss.session.fund_id;
  auto pit = s.projects.find(c.project_id);
  if (pit == s.projects.end()) return No(Rejection::kUnknownProject, "No project '" + c.project_id + "'.");
  const ProjectState& p = pit->second;
  if (!Contains(ss.session.agenda, c.project_id))
    return No(Rejection::kNotOnAgenda, "'" + c.project_id + "' is not on session '" +
              c.session_id + "''s agenda.");
  if (!p.status.count(fund))
    return No(Rejection::kNotApplied, "'" + c.project_id + "' never applied to a call of fund '" +
              fund + "'.");
  bool approves = !c.reject;
  if (approves && c.grant_cents <= 0 && c.loan_cents <= 0 && c.guarantee_cents <= 0)
    return No(Rejection::kInvalidAmount, "An approval names its package: --grant, --loan and/or "
              "--guarantee; or record --reject.");
  for (int64_t a : {c.grant_cents, c.loan_cents, c.guarantee_cents})
    if (a < 0 || a > kAmountCentsMax) return No(Rejection::kInvalidAmount, "Amounts are positive.");
  uint32_t date = c.date ? c.date : ss.session.date;
  if (c.loan_cents > 0) {
    if (c.loan_term_months == 0 || c.loan_term_months > 360 ||
        c.loan_deferral_months >= c.loan_term_months || c.loan_rate_bp < 0 ||
        c.loan_rate_bp > 2000)
      return No(Rejection::kInvalidLoanTerms,
                "--term " + std::to_string(c.loan_term_months) + " --deferral " +
                    std::to_string(c.loan_deferral_months) + " do not make a schedule.");
  }
  if (c.guarantee_cents > 0 && (c.guarantee_lender.empty() || c.guarantee_until <= date))
    return No(Rejection::kInvalidPeriod, "A guarantee names its lender and ends after the decision.");

  // The count: voting members of the fund's committee, those present, the votes on this item.
  size_t voting_members = s.VotingMembers(fund).size();
  uint32_t present = 0, v_for = 0, v_against = 0, v_abstain = 0;
  for (const auto& m : ss.present) {
    const MemberState* ms = Member(s, m);
    if (ms && ms->member.role == MemberRole::kVoting && ms->member.fund_id == fund) ++present;
  }
  if (auto v = ss.votes.find(c.project_id); v != ss.votes.end())
    for (const auto& [m, choice] : v->second) {
      if (choice == Choice::kFor) ++v_for;
      if (choice == Choice::kAgainst) ++v_against;
      if (choice == Choice::kAbstain) ++v_abstain;
    }
  const FundState* f = s.Fund(fund);
  if (voting_members == 0 ||
      static_cast<int64_t>(present) * 10000 <= static_cast<int64_t>(voting_members) * f->quorum_bp)
    return No(Rejection::kNoQuorum, std::to_string(present) + " of " +
              std::to_string(voting_members) + " voting members were present at session '" +
              c.session_id + "'.");
  bool majority = static_cast<int64_t>(v_for) * 10000 >
                  static_cast<int64_t>(v_for + v_against) * f->majority_bp;
  if (approves && !majority)
    return No(Rejection::kNoMajority, "The vote on '" + c.project_id + "' was " +
              std::to_string(v_for) + " for, " + std::to_string(v_against) + " against, " +
              std::to_string(v_abstain) + " abstaining.");
  bool eligible = true;
  for (const auto& excluded : f->excluded_carrier_forms)
    if (!excluded.empty() && p.project.carrier_form == excluded) eligible = false;
  // A favourable vote cannot be turned into a rejection, unless the fund may not fund the
  // carrier at all (the La Salamandre case: the Fonds de confiance must reject).
  if (!approves && majority && eligible)
    return No(Rejection::kDecisionAgainstTheVote, "The vote approved '" + c.project_id + "' (" +
              std::to_string(v_for) + " for, " + std::to_string(v_against) + " against).");
  if (approves && !eligible)
    return No(Rejection::kCarrierNotEligible,
              "'" + p.project.carrier + "' is a " + p.project.carrier_form + ", which fund '" +
                  fund + "' does not fund; record --reject, or a decision by another fund.");
  DecisionRecorded d;
  d.decision_id = c.decision_id;
  d.session_id = c.session_id;
  d.project_id = c.project_id;
  d.fund_id = fund;
  d.rejected = c.reject;
  if (approves) {
    d.grant_cents = c.grant_cents;
    d.loan_cents = c.loan_cents;
    d.loan_term_months = c.loan_term_months;
    d.loan_deferral_months = c.loan_deferral_months;
    d.loan_rate_bp = c.loan_rate_bp;
    d.guarantee_cents = c.guarantee_cents;
    d.guarantee_lender = c.guarantee_lender;
    d.guarantee_until = c.guarantee_until;
    d.grant_equivalent_cents =
        GrantEquivalentCents(s, c.grant_cents, c.loan_cents, c.loan_term_months, c.loan_rate_bp,
                             c.guarantee_cents, date, c.guarantee_until);
    // De minimis: the carrier's aid over 3 rolling years, this one included.
    auto day = Date::FromYmd(date);
    int64_t years = s.params.At(param::kDeMinimisYears, date);
    uint32_t since = day ? Date::FromParts(day->year() - static_cast<int>(years), day->month(),
                                           std::min(day->day(), 28u)).ymd()
                         : 0;
    Money total = Money::FromCents(d.grant_equivalent_cents);
    for (const auto& [id, ds] : s.decisions) {
      const DecisionRecorded& o = ds.decision;
      if (o.rejected || o.date <= since || o.date > date) continue;
      if (s.projects.at(o.project_id).project.carrier != p.project.carrier) continue;
      total += Money::FromCents(o.grant_equivalent_cents);
    }
    int64_t ceiling = s.params.At(param::kDeMinimisCeilingCents, date);
    if (total.cents() > ceiling)
      return No(Rejection::kDeMinimisExceeded,
                "'" + p.project.carrier + "' would reach " + total.ToFrench() +
                    " of aid (grant-equivalent) over " + std::to_string(years) +
                    " years, above " + Money::FromCents(ceiling).ToFrench() + ".");
  }
  d.conditions = c.conditions;
  d.votes_for = v_for;
  d.votes_against = v_against;
  d.votes_abstain = v_abstain;
  d.voting_present = present;
  d.voting_members = static_cast<uint32_t>(voting_members);
  d.date = date;
  return std::vector<Event>{d};
}
CommandSpec Spec(const State&, const RecordDecision& c) {
  Body b;
  b.Add("id", c.decision_id).Add("session", c.session_id).Add("project", c.project_id);
  b.Add("reject", c.reject ? 1 : 0).Add("grant", c.grant_cents).Add("loan", c.loan_cents);
  b.Add("term", c.loan_term_months).Add("deferral", c.loan_deferral_months);
  b.Add("rate", c.loan_rate_bp).Add("guarantee", c.guarantee_cents);
  b.Add("lender", c.guarantee_lender).Add("until", c.guarantee_until);
  b.Add("conditions", c.conditions).Add("date", c.date);
  return {"decision-" + c.decision_id, engine::kNoStream, "decision:" + c.decision_id, b.str()};
}

Decision Decide(const State& s, const GrantRole& c) {
  if (c.actor.empty()) return No(Rejection::kUnknownMember, "Name the actor.");
  if (s.HasRole(c.actor, c.role))
    return No(Rejection::kDuplicateId, "'" + c.actor + "' already has the role " + ToString(c.role) + ".");
  return std::vector<Event>{RoleGranted{c.actor, c.role, c.date}};
}
CommandSpec Spec(const State&, const GrantRole& c) {
  Body b;
  b.Add("actor", c.actor).Add("role", ToString(c.role));
  return {"roles", engine::kAnyVersion,
          std::string("role:") + c.actor + ":" + ToString(c.role), b.str()};
}

std::vector<ActorRole> RolesFor(const Command& c) {
  using R = ActorRole;
  const std::vector<ActorRole> coordinator = {R::kCoordinator};
  const std::vector<ActorRole> committee = {R::kSecretary, R::kCoordinator};
  return std::visit(
      [&](const auto& cmd) -> std::vector<ActorRole> {
        using T = std::decay_t<decltype(cmd)>;
        if constexpr (std::is_same_v<T, SubmitApplication> ||
                      std::is_same_v<T, ChangeApplicationStatus> ||
                      std::is_same_v<T, ScoreProject> || std::is_same_v<T, AddMember> ||
                      std::is_same_v<T, RemoveMember> || std::is_same_v<T, SetCommitteeRules> ||
                      std::is_same_v<T, OpenSession> || std::is_same_v<T, Attend> ||
                      std::is_same_v<T, CloseSession> || std::is_same_v<T, CastVote> ||
                      std::is_same_v<T, DeclareConflict> || std::is_same_v<T, RecordDecision> ||
                      std::is_same_v<T, AddProject> || std::is_same_v<T, OpenCall> ||
                      std::is_same_v<T, CloseCall>)
          return committee;
        else
          return coordinator;
      },
      c);
}

}  // namespace fij::ledger
