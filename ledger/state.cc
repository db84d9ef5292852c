#include "ledger/state.h"

#include <algorithm>
#include <utility>

#include "engine/status.h"

namespace fij::ledger {

const AgrementRecorded* FundState::AgrementOn(uint32_t date) const {
  for (const auto& a : agrements)
    if (a.valid_from <= date && date <= a.valid_to) return &a;
  return nullptr;
}

const FundState* State::Fund(const std::string& id) const {
  auto it = funds.find(id.empty() ? default_fund : id);
  return it == funds.end() ? nullptr : &it->second;
}
const PartnerState* State::Partner(const std::string& id) const {
  FIJ_CHECK(!projection_only) << "a projection-only State keeps its partners in partner_register";
  auto it = partners.find(id);
  return it == partners.end() ? nullptr : &it->second;
}
namespace {
DecisionFacts FactsOf(const std::string& id, const DecisionState& d) {
  DecisionFacts f;
  f.decision_id = id;
  f.project_id = d.decision.project_id;
  f.loan_id = d.loan_id;
  f.fund_id = &d.decision.fund_id;
  f.rejected = d.decision.rejected;
  f.grant_cents = d.decision.grant_cents;
  f.loan_cents = d.decision.loan_cents;
  f.guarantee_cents = d.decision.guarantee_cents;
  f.granted_disbursed_cents = d.granted_disbursed_cents;
  return f;
}
}  // namespace

const std::string& State::DecisionFund(const std::string& id) const {
  if (projection_only) return decision_register.Fund(id);
  return decisions.at(id).decision.fund_id;
}
std::optional<DecisionFacts> State::DecisionFactsOf(const std::string& id) const {
  if (projection_only) return decision_register.Find(id);
  auto it = decisions.find(id);
  if (it == decisions.end()) return std::nullopt;
  return FactsOf(it->first, it->second);
}
void State::ForEachDecision(const std::function<void(const DecisionFacts&)>& fn) const {
  if (projection_only) {
    decision_register.ForEach(fn);
    return;
  }
  for (const auto& [id, d] : decisions) fn(FactsOf(id, d));
}
void State::ForEachProjectCosts(const std::function<void(const ProjectCosts&)>& fn) const {
  if (projection_only) {
    project_register.ForEach(fn);
    return;
  }
  ProjectCosts c;
  for (const auto& [id, p] : projects) {
    c.project_id = id;
    c.name = p.project.name;
    c.carrier = p.project.carrier;
    c.outcome = p.outcome;
    c.budget_cents = p.budget_cents;
    c.spent_cents = p.spent_cents;
    c.closed = p.experiment_closed;
    c.decisions.assign(p.decisions.begin(), p.decisions.end());
    fn(c);
  }
}
std::optional<PartnerFacts> State::PartnerFactsOf(const std::string& id) const {
  if (projection_only) return partner_register.Find(id);
  const PartnerState* p = Partner(id);
  if (!p) return std::nullopt;
  PartnerFacts f;
  f.identity.name = p->identity.name;
  f.identity.kind = p->identity.kind;
  return f;
}
void State::ForEachPartnerSums(
    const std::string& fund_id, int32_t year,
    const std::function<void(std::string_view, const PartnerFacts&, const PartnerYearSums*)>& fn)
    const {
  const std::optional<uint32_t> fund = SumFund(fund_id);
  if (projection_only) {
    // A fund no gift was summed for: no partner has sums of it (kNoFund matches none).
    constexpr uint32_t kNoFund = UINT32_MAX;
    partner_register.ForEach(fund.value_or(kNoFund), year, fn);
    return;
  }
  for (const auto& [id, p] : partners) {
    PartnerFacts f;
    f.identity.name = p.identity.name;
    f.identity.kind = p.identity.kind;
    fn(id, f, fund ? p.GiftSums(*fund, year) : nullptr);
  }
}
const LoanState& State::Loan(const std::string& id) const {
  FIJ_CHECK(!projection_only) << "a projection-only State keeps its loans in a register";
  auto it = loans.find(id);
  FIJ_CHECK(it != loans.end()) << "loan " << id << " not disbursed";
  return it->second;
}
LoanState& State::Loan(const std::string& id) {
  return const_cast<LoanState&>(std::as_const(*this).Loan(id));  // in *this, not const
}
void State::ForEachTranche(const std::string& fund_id, int32_t year,
                           const std::function<void(std::string_view, Money)>& fn) const {
  if (projection_only) return project_register.ForEachTranche(fund_id, year, fn);
  for (auto it = tranche_cents.lower_bound({fund_id, year, ""});
       it != tranche_cents.end() && std::get<0>(it->first) == fund_id &&
       std::get<1>(it->first) == year;
       ++it)
    fn(std::get<2>(it->first), Money::FromWide(it->second));
}
std::optional<LoanFacts> State::LoanFactsOf(const std::string& id) const {
  if (projection_only) return loan_register.FactsOf(id);
  auto it = loans.find(id);
  if (it == loans.end()) return std::nullopt;
  return FactsOf(it->second);
}
ScheduleLine State::LoanLine(const std::string& id, uint32_t line) const {
  if (projection_only) return loan_register.Line(id, line);
  const LoanState& l = Loan(id);
  FIJ_CHECK(line < l.schedule.size()) << "loan " << id << " has no line " << line;
  return l.schedule[line];
}
void State::ForEachLoan(
    const std::function<void(const LoanFacts&, const std::vector<ScheduleLine>&)>& fn) const {
  if (projection_only) {
    loan_register.ForEach(fn);
    return;
  }
  for (const auto& [id, l] : loans) fn(FactsOf(l), l.schedule);
}
LoanFacts FactsOf(const LoanState& l) {
  LoanFacts f;
  f.loan_id = l.loan.loan_id;
  f.project_id = l.loan.project_id;
  f.fund_id = l.fund_id;
  f.date = l.loan.date;
  f.principal_cents = l.loan.principal_cents;
  CopyLoanProgress(l, &f);
  return f;
}
std::optional<uint32_t> State::SumFund(const std::string& fund_id) const {
  for (size_t i = 0; i < sum_funds.size(); ++i)  // a handful of funds
    if (sum_funds[i] == fund_id) return static_cast<uint32_t>(i);
  return std::nullopt;
}
const PartnerYearSums* PartnerState::GiftSums(uint32_t fund, int32_t year) const {
  for (const auto& x : gift_sums)
    if (x.fund == fund && x.year == year) return &x;
  return nullptr;
}
const GiftState* State::Gift(const std::string& id) const {
  if (projection_only) {
    auto it = pending_gifts.find(id);
    return it == pending_gifts.end() ? nullptr : &it->second;
  }
  auto it = gifts.find(id);
  return it == gifts.end() ? nullptr : &it->second;
}
const ReceiptState* State::Receipt(const std::string& number) const {
  auto it = receipts.find(number);
  return it == receipts.end() ? nullptr : &it->second;
}

int64_t State::CounterpartsInYear(const std::string& partner_id, int32_t year) const {
  const PartnerState* p = Partner(partner_id);
  if (!p) return 0;
  int64_t sum = 0;
  for (const auto& id : p->gift_ids) {
    const GiftState& g = gifts.at(id);
    if (g.received && g.gift.kind == GiftKind::kPatronage &&
        static_cast<int32_t>(g.received_on / 10000) == year)
      sum += g.gift.counterparts_cents;
  }
  return sum;
}

void Apply(State& s, const FundInitialized& e) {
  FIJ_CHECK(!s.funds.count(e.fund_id)) << "fund " << e.fund_id << " initialised twice";
  FundState& f = s.funds[e.fund_id];
  f.identity = e;
  f.receipting = true;
  if (s.default_fund.empty()) s.default_fund = e.fund_id;
}

void Apply(State& s, const AgrementRecorded& e) {
  FIJ_CHECK(s.funds.count(e.fund_id)) << "agrément for unknown fund " << e.fund_id;
  s.funds[e.fund_id].agrements.push_back(e);
}

namespace {
const std::string& DetailOr(const std::shared_ptr<const PartnerDetails>& d,
                            std::string PartnerDetails::*field) {
  static const std::string kNone;
  return d ? (*d).*field : kNone;
}
}  // namespace

const std::string& PartnerIdentity::siren() const { return DetailOr(details, &PartnerDetails::siren); }
const std::string& PartnerIdentity::legal_form() const {
  return DetailOr(details, &PartnerDetails::legal_form);
}
const std::string& PartnerIdentity::address() const {
  return DetailOr(details, &PartnerDetails::address);
}

PartnerIdentity IdentityOf(PartnerRegistered e) {
  PartnerIdentity i;
  i.name = std::move(e.name);
  i.kind = e.kind;
  i.date = e.date;
  if (!(e.siren.empty() && e.legal_form.empty() && e.address.empty()))
    i.details = std::make_shared<const PartnerDetails>(
        PartnerDetails{std::move(e.siren), std::move(e.legal_form), std::move(e.address)});
  return i;
}

PartnerRegistered PartnerState::Registered(const std::string& partner_id) const {
  PartnerRegistered e;
  e.partner_id = partner_id;
  e.kind = identity.kind;
  e.name = identity.name;
  e.siren = identity.siren();
  e.legal_form = identity.legal_form();
  e.address = identity.address();
  e.date = identity.date;
  return e;
}

void Apply(State& s, PartnerRegistered&& e) {
  if (s.projection_only) {  // a name and a kind, nothing more (projections and postings)
    s.partner_register.Register(e.partner_id, e.name, e.kind);
    return;
  }
  auto [it, inserted] = s.partners.try_emplace(e.partner_id);
  FIJ_CHECK(inserted) << "partner " << e.partner_id << " twice";
  it->second.identity = IdentityOf(std::move(e));
}

void Apply(State& s, const PartnerCorrected& e) {
  if (s.projection_only) {
    if (!e.name.empty()) s.partner_register.Rename(e.partner_id, e.name);
    return;
  }
  auto found = s.partners.find(e.partner_id);
  FIJ_CHECK(found != s.partners.end())
      << "partner " << e.partner_id << " corrected, never registered";
  auto& p = found->second.identity;
  if (!e.name.empty()) p.name = e.name;
  if (e.siren.empty() && e.legal_form.empty() && e.address.empty()) return;
  PartnerDetails d{p.siren(), p.legal_form(), p.address()};
  if (!e.siren.empty()) d.siren = e.siren;
  if (!e.legal_form.empty()) d.legal_form = e.legal_form;
  if (!e.address.empty()) d.address = e.address;
  p.details = std::make_shared<const PartnerDetails>(std::move(d));
}

void Apply(State& s, PledgeMade&& e) {
  FIJ_CHECK(!s.pledges.count(e.pledge_id)) << "pledge " << e.pledge_id << " twice";
  if (!s.projection_only) s.partners.at(e.partner_id).pledge_ids.push_back(e.pledge_id);
  PledgeState& p = s.pledges[e.pledge_id];
  p.pledge = std::move(e);
}

namespace {
void AddToGiftTotals(State& s, const GiftRecorded& gift, uint32_t received_on);
}  // namespace

namespace {
// The new gift `id`'s state in `gifts` (a map of the whole State's, or a projection-only
// State's pending gifts).
template <class Gifts>
GiftState& NewGift(Gifts& gifts, const std::string& id) {
  auto [it, inserted] = gifts.try_emplace(id);
  FIJ_CHECK(inserted) << "gift " << id << " twice";
  return it->second;
}
// A recorded gift's state in `gifts`, received now (`e`): erased from a projection-only State.
template <class Gifts>
void Receive(State& s, Gifts& gifts, const GiftReceived& e);
}  // namespace

void Apply(State& s, GiftRecorded&& e) {
  FIJ_CHECK(e.amount_cents > 0) << "gift " << e.gift_id << " amount " << e.amount_cents;
  if (s.projection_only && e.date != 0) {
    // Received as recorded: a projection-only State keeps its sums only (not the gift, which
    // it would erase at once).
    if (!e.pledge_id.empty()) s.pledges.at(e.pledge_id).fulfilled_cents += e.amount_cents;
    AddToGiftTotals(s, e, e.date);
    return;
  }
  GiftState& g = s.projection_only ? NewGift(s.pending_gifts, e.gift_id)
                                   : NewGift(s.gifts, e.gift_id);
  g.received = e.date != 0;
  g.received_on = e.date;
  if (!s.projection_only) s.partners.at(e.partner_id).gift_ids.push_back(e.gift_id);
  if (!e.pledge_id.empty()) {
    PledgeState& p = s.pledges.at(e.pledge_id);
    if (!s.projection_only) p.gift_ids.push_back(e.gift_id);
    if (g.received) p.fulfilled_cents += e.amount_cents;
  }
  g.gift = std::move(e);
  AddToGiftTotals(s, g.gift, g.received_on);
}

void Apply(State& s, const GiftReceived& e) {
  if (s.projection_only)
    Receive(s, s.pending_gifts, e);
  else
    Receive(s, s.gifts, e);
}

namespace {
template <class Gifts>
void Receive(State& s, Gifts& gifts, const GiftReceived& e) {
  auto it = gifts.find(e.gift_id);
  FIJ_CHECK(it != gifts.end()) << "gift " << e.gift_id << " received, never recorded";
  GiftState& g = it->second;
  FIJ_CHECK(!g.received) << "gift " << e.gift_id << " received twice";
  g.received = true;
  g.received_on = e.date;
  if (!g.gift.pledge_id.empty()) s.pledges.at(g.gift.pledge_id).fulfilled_cents += g.gift.amount_cents;
  AddToGiftTotals(s, g.gift, g.received_on);
  if (s.projection_only) gifts.erase(it);
}
}  // namespace

namespace {
void AddToGiftTotals(State& s, const GiftRecorded& gift, uint32_t received_on) {
  if (!received_on || gift.kind != GiftKind::kPatronage) return;
  const auto year = static_cast<int32_t>(received_on / 10000);
  GiftYearTotals& y = s.gift_totals[{gift.fund_id, year}];
  if (gift.nature == GiftNature::kCash) y.cash_cents += gift.amount_cents;
  auto fund = s.SumFund(gift.fund_id);
  if (!fund) {
    fund = static_cast<uint32_t>(s.sum_funds.size());
    s.sum_funds.push_back(gift.fund_id);
  }
  if (s.projection_only) {  // the partner register sums them (decision 54)
    s.partner_register.AddGift(gift.partner_id, *fund, year, gift.amount_cents,
                               !gift.pledge_id.empty());
    return;
  }
  // The partner was found by the gift's Decide.
  auto found = s.partners.find(gift.partner_id);
  FIJ_CHECK(found != s.partners.end())
      << "gift " << gift.gift_id << " of unknown partner " << gift.partner_id;
  auto& sums = found->second.gift_sums;
  auto t = std::find_if(sums.begin(), sums.end(), [&](const PartnerYearSums& x) {
    return x.fund == *fund && x.year == year;
  });
  if (t == sums.end()) t = sums.insert(sums.end(), PartnerYearSums{*fund, year, {}, {}});
  // Never fails here: a sum out of range is refused where a report reads it (SumCents).
  t->given_cents.Add(gift.amount_cents);
  if (!gift.pledge_id.empty()) t->fulfilled_cents.Add(gift.amount_cents);
}

void AddRepayment(State& s, const std::string& fund, const State::RepaymentEntry& r) {
  s.recycled_cents[{fund, static_cast<int32_t>(r.date / 10000)}] += r.principal_cents;
}

void AddTranche(State& s, const std::string& fund, const State::TrancheEntry& t) {
  s.tranche_cents[{fund, static_cast<int32_t>(t.date / 10000), t.project_id}] += t.amount_cents;
}
}  // namespace

void RebuildSums(State& s) {
  s.gift_totals.clear();
  s.sum_funds.clear();
  for (auto& [id, p] : s.partners) p.gift_sums.clear();
  s.recycled_cents.clear();
  s.tranche_cents.clear();
  for (auto& [id, l] : s.loans) l.fund_id = s.decisions.at(l.loan.decision_id).decision.fund_id;
  for (const auto& [id, g] : s.gifts)
    if (g.received) AddToGiftTotals(s, g.gift, g.received_on);
  for (const auto& r : s.repayment_log) AddRepayment(s, s.loans.at(r.loan_id).fund_id, r);
  for (const auto& t : s.grant_log)
    AddTranche(s, s.decisions.at(t.decision_id).decision.fund_id, t);
}

namespace {
// The receipt's summary, its mentions moved out of `e` when it is an rvalue.
template <class E>
ReceiptSummary SummarizeFrom(E&& e) {
  ReceiptSummary r;
  r.number = std::forward<E>(e).number;
  r.fund_id = std::forward<E>(e).fund_id;
  r.partner_id = std::forward<E>(e).partner_id;
  r.replaces = std::forward<E>(e).replaces;
  r.year = e.year;
  r.sequence = e.sequence;
  r.issued_on = e.issued_on;
  r.period_from = e.period_from;
  r.period_to = e.period_to;
  r.form = e.form;
  r.amount_cents = e.amount_cents;
  r.gift_ids = std::forward<E>(e).gift_ids;
  return r;
}

template <class E>
void ApplyReceipt(State& s, E&& e) {
  auto [it, inserted] = s.receipts.try_emplace(e.number);
  FIJ_CHECK(inserted) << "receipt number " << e.number << " reused";
  auto& seq = s.receipt_sequences[{e.fund_id, e.year}];
  FIJ_CHECK(e.sequence == seq + 1) << "receipt " << e.number << " breaks the sequence after "
                                   << seq;
  seq = e.sequence;
  ReceiptState& r = it->second;
  r.position = s.position;
  s.receipt_order.push_back(e.number);
  for (const auto& id : e.gift_ids) {
    GiftState& g = s.gifts.at(id);
    FIJ_CHECK(g.active_receipt.empty()) << "gift " << id << " receipted twice";
    g.active_receipt = e.number;
    g.receipts.push_back(e.number);
  }
  if (!e.replaces.empty()) s.receipts.at(e.replaces).replaced_by = e.number;
  r.receipt = SummarizeFrom(std::forward<E>(e));
}
}  // namespace

void Apply(State& s, const ReceiptIssued& e) { ApplyReceipt(s, e); }
void Apply(State& s, ReceiptIssued&& e) { ApplyReceipt(s, std::move(e)); }

void Apply(State& s, const ReceiptCancelled& e) {
  ReceiptState& r = s.receipts.at(e.number);
  FIJ_CHECK(!r.cancelled) << "receipt " << e.number << " cancelled twice";
  r.cancelled = true;
  r.cancellation = e;
  for (const auto& id : r.receipt.gift_ids) {
    GiftState& g = s.gifts.at(id);
    if (g.active_receipt == e.number) g.active_receipt.clear();
  }
}

void Apply(State& s, const ParameterSet& e) { s.params.Set(e.name, e.valid_from, e.value); }

void Apply(State& s, const DeclarationFiled& e) { s.declarations[{e.fund_id, e.year}] = e; }

// ---- The committee ----

bool SessionState::Present(const std::string& member) const {
  return std::find(present.begin(), present.end(), member) != present.end();
}

int64_t LoanState::outstanding_cents() const {
  return loan.principal_cents - repaid_principal_cents - written_off_cents;
}

std::vector<const MemberState*> State::VotingMembers(const std::string& fund_id) const {
  std::vector<const MemberState*> out;
  for (const auto& [id, m] : members)
    if (m.active && m.member.fund_id == fund_id && m.member.role == MemberRole::kVoting)
      out.push_back(&m);
  return out;
}

bool State::HasRole(const std::string& actor, ActorRole role) const {
  auto it = roles.find(actor);
  if (it == roles.end()) return false;
  return std::find(it->second.begin(), it->second.end(), role) != it->second.end();
}

namespace {
std::vector<ScheduleLine> Lines(const std::vector<uint32_t>& due, const std::vector<int64_t>& p,
                                const std::vector<int64_t>& i) {
  FIJ_CHECK(due.size() == p.size() && p.size() == i.size()) << "schedule lists differ in size";
  std::vector<ScheduleLine> out;
  for (size_t k = 0; k < due.size(); ++k) out.push_back({due[k], p[k], i[k], 0});
  return out;
}
}  // namespace

void Apply(State& s, const FundAdded& e) {
  FIJ_CHECK(!s.funds.count(e.fund_id)) << "fund " << e.fund_id << " twice";
  FundState& f = s.funds[e.fund_id];
  f.identity.fund_id = e.fund_id;
  f.identity.name = e.name;
  f.excluded_carrier_forms = e.excluded_carrier_forms;
  if (s.default_fund.empty()) s.default_fund = e.fund_id;
}

void Apply(State& s, ProjectAdded&& e) {
  if (s.projection_only) {  // the experiment costs name a project and its carrier
    s.project_register.Add(e.project_id, e.name, e.carrier);
    return;
  }
  FIJ_CHECK(!s.projects.count(e.project_id)) << "project " << e.project_id << " twice";
  ProjectState& p = s.projects[e.project_id];
  p.project = std::move(e);
}

void Apply(State& s, const CallOpened& e) {
  FIJ_CHECK(!s.calls.count(e.call_id)) << "call " << e.call_id << " twice";
  s.calls[e.call_id].call = e;
}

void Apply(State& s, const CallClosed& e) { s.calls.at(e.call_id).closed = true; }

void Apply(State& s, const ApplicationSubmitted& e) {
  ProjectState& p = s.projects.at(e.project_id);
  p.status[e.fund_id] = ApplicationStatus::kSubmitted;
  p.call_of[e.fund_id] = e.call_id;
}

void Apply(State& s, const ApplicationStatusChanged& e) {
  s.projects.at(e.project_id).status[e.fund_id] = e.status;
}

void Apply(State& s, const AssessmentScored& e) { s.projects.at(e.project_id).scores.push_back(e); }

void Apply(State& s, const MemberAdded& e) {
  FIJ_CHECK(!s.members.count(e.member_id)) << "member " << e.member_id << " twice";
  s.members[e.member_id].member = e;
}

void Apply(State& s, const MemberRemoved& e) {
  MemberState& m = s.members.at(e.member_id);
  m.active = false;
  m.removed_on = e.date;
}

void Apply(State& s, const CommitteeRulesSet& e) {
  FundState& f = s.funds.at(e.fund_id);
  f.quorum_bp = e.quorum_bp;
  f.majority_bp = e.majority_bp;
}

void Apply(State& s, SessionOpened&& e) {
  FIJ_CHECK(!s.sessions.count(e.session_id)) << "session " << e.session_id << " twice";
  SessionState& x = s.sessions[e.session_id];
  x.session = std::move(e);
}

void Apply(State& s, const AttendanceRecorded& e) {
  s.sessions.at(e.session_id).present.push_back(e.member_id);
}

void Apply(State& s, const SessionClosed& e) { s.sessions.at(e.session_id).closed = true; }

void Apply(State& s, const VoteCast& e) {
  auto& votes = s.sessions.at(e.session_id).votes[e.project_id];
  FIJ_CHECK(!votes.count(e.member_id)) << "member " << e.member_id << " voted twice";
  votes[e.member_id] = e.choice;
}

void Apply(State& s, const ConflictDeclared& e) {
  s.projects.at(e.project_id).conflicts.push_back(e.member_id);
}

void Apply(State& s, DecisionRecorded&& e) {
  if (s.projection_only) {
    s.project_register.AddDecision(e.project_id, e.decision_id);
    s.decision_register.Add(e);
    return;
  }
  FIJ_CHECK(!s.decisions.count(e.decision_id)) << "decision " << e.decision_id << " twice";
  ProjectState& p = s.projects.at(e.project_id);
  p.decisions.push_back(e.decision_id);
  // The application's lifecycle, which the committee's reports read.
  auto& st = p.status[e.fund_id];
  if (st != ApplicationStatus::kRunning && st != ApplicationStatus::kClosed)
    st = e.rejected ? ApplicationStatus::kRejected : ApplicationStatus::kSelected;
  DecisionState& d = s.decisions[e.decision_id];
  d.decision = std::move(e);
}

void Apply(State& s, const BudgetSet& e) {
  if (s.projection_only) {
    s.project_register.SetBudget(e.project_id, static_cast<int>(e.category), e.amount_cents);
    return;
  }
  ProjectState& p = s.projects.at(e.project_id);
  p.budget_cents[static_cast<int>(e.category)] = e.amount_cents;
  for (auto& [fund, st] : p.status)
    if (st == ApplicationStatus::kSelected) st = ApplicationStatus::kRunning;
}

void Apply(State& s, const ExpenseRecorded& e) {
  if (s.projection_only) {
    s.project_register.AddSpent(e.project_id, static_cast<int>(e.category), e.amount_cents);
    return;
  }
  s.projects.at(e.project_id).spent_cents[static_cast<int>(e.category)] += e.amount_cents;
  s.expenses[e.expense_id] = e.amount_cents;
}

void Apply(State& s, const ExperimentClosed& e) {
  if (s.projection_only) {
    s.project_register.Close(e.project_id, e.outcome);
    return;
  }
  ProjectState& p = s.projects.at(e.project_id);
  p.experiment_closed = true;
  p.outcome = e.outcome;
  for (auto& [fund, st] : p.status)
    if (st == ApplicationStatus::kRunning || st == ApplicationStatus::kSelected)
      st = ApplicationStatus::kClosed;
}

void Apply(State& s, const GrantDisbursed& e) {
  if (s.projection_only) {
    s.decision_register.AddGranted(e.decision_id, e.amount_cents);
    s.project_register.AddTranche(e.project_id, s.decision_register.Fund(e.decision_id),
                                  static_cast<int32_t>(e.date / 10000), e.amount_cents);
    return;
  }
  State::TrancheEntry t{e.decision_id, e.project_id, e.date, e.amount_cents};
  DecisionState& d = s.decisions.at(e.decision_id);
  d.granted_disbursed_cents += e.amount_cents;
  FIJ_CHECK(d.granted_disbursed_cents <= d.decision.grant_cents) << "grant over its decision";
  s.grant_disbursements[e.disbursement_id] = e.amount_cents;
  AddTranche(s, d.decision.fund_id, t);
  s.grant_log.push_back(std::move(t));
}

void Apply(State& s, LoanDisbursed&& e) {
  std::string fund_id = s.DecisionFund(e.decision_id);
  if (s.projection_only) {
    s.decision_register.SetLoan(e.decision_id, e.loan_id);
    s.loan_register.Add(e, fund_id);  // FIJ_CHECKs that it is new
    return;
  }
  FIJ_CHECK(!s.loans.count(e.loan_id)) << "loan " << e.loan_id << " twice";
  s.decisions.at(e.decision_id).loan_id = e.loan_id;
  LoanState& l = s.loans[e.loan_id];  // before NewLoan moves the id away
  l = NewLoan(std::move(e), std::move(fund_id));
}

void DropEventSchedule(LoanState& l) {
  std::vector<uint32_t>().swap(l.loan.due_dates);
  std::vector<int64_t>().swap(l.loan.principal_due);
  std::vector<int64_t>().swap(l.loan.interest_due);
}

LoanState NewLoan(LoanDisbursed e, std::string fund_id) {
  LoanState l;
  l.fund_id = std::move(fund_id);
  l.schedule = Lines(e.due_dates, e.principal_due, e.interest_due);
  l.loan = std::move(e);
  return l;
}

void ApplyToLoan(LoanState& l, const LoanRepaid& e) {
  FIJ_CHECK(e.lines.size() == e.line_amounts.size()) << "repayment lettering lists differ";
  for (size_t k = 0; k < e.lines.size(); ++k) {
    ScheduleLine& line = l.schedule.at(e.lines[k]);
    // Interest is settled before principal within a line.
    int64_t before = line.paid_cents;
    line.paid_cents += e.line_amounts[k];
    int64_t interest_part = std::max<int64_t>(0, std::min(line.paid_cents, line.interest_cents) -
                                                     std::min(before, line.interest_cents));
    l.repaid_interest_cents += interest_part;
    l.repaid_principal_cents += e.line_amounts[k] - interest_part;
  }
}

void Apply(State& s, const LoanRepaid& e) {
  if (s.projection_only) {
    const LoanRegister::Parts parts = s.loan_register.Repay(e);
    State::RepaymentEntry r{{}, e.date, parts.principal_cents, parts.interest_cents};
    AddRepayment(s, std::string(parts.fund_id), r);
    return;
  }
  LoanState& l = s.Loan(e.loan_id);
  int64_t principal_before = l.repaid_principal_cents, interest_before = l.repaid_interest_cents;
  ApplyToLoan(l, e);
  s.repayments[e.repayment_id] = e.amount_cents;
  State::RepaymentEntry r{e.loan_id, e.date, l.repaid_principal_cents - principal_before,
                          l.repaid_interest_cents - interest_before};
  AddRepayment(s, l.fund_id, r);
  s.repayment_log.push_back(std::move(r));
}

void Apply(State& s, const LoanRescheduled& e) {
  if (s.projection_only) return s.loan_register.Reschedule(e);
  ApplyToLoan(s.Loan(e.loan_id), e);
}

void ApplyToLoan(LoanState& l, const LoanRescheduled& e) {
  // Paid lines stay as they were; the unpaid remainder is replaced by the new schedule.
  std::vector<ScheduleLine> kept;
  for (const auto& line : l.schedule)
    if (line.paid_cents > 0) {
      ScheduleLine k = line;
      // A partly paid line is closed at what was paid; its rest moved into the new schedule.
      int64_t unpaid = k.due_cents() - k.paid_cents;
      if (unpaid > 0) {
        int64_t cut_interest = std::min(unpaid, k.interest_cents);
        k.interest_cents -= cut_interest;
        k.principal_cents -= unpaid - cut_interest;
      }
      kept.push_back(k);
    }
  for (auto& line : Lines(e.due_dates, e.principal_due, e.interest_due)) kept.push_back(line);
  l.schedule = std::move(kept);
  l.loan.term_months = e.term_months;
  l.loan.deferral_months = e.deferral_months;
}

void Apply(State& s, const LoanImpaired& e) {
  if (s.projection_only) return s.loan_register.Impair(e);
  ApplyToLoan(s.Loan(e.loan_id), e);
}
void ApplyToLoan(LoanState& l, const LoanImpaired& e) { l.impaired_cents += e.amount_cents; }

void Apply(State& s, const LoanWrittenOff& e) {
  if (s.projection_only) return s.loan_register.WriteOff(e);
  ApplyToLoan(s.Loan(e.loan_id), e);
}

void ApplyToLoan(LoanState& l, const LoanWrittenOff& e) {
  l.written_off = true;
  l.written_off_cents += e.amount_cents;
  l.impaired_cents -= e.impairment_reversed_cents;
}

void Apply(State& s, const GuaranteeGranted& e) {
  FIJ_CHECK(!s.guarantees.count(e.guarantee_id)) << "guarantee " << e.guarantee_id << " twice";
  s.guarantees[e.guarantee_id].guarantee = e;
  // The committee's reports read it; a projection-only State has no decisions map.
  if (!s.projection_only) s.decisions.at(e.decision_id).guarantee_id = e.guarantee_id;
}

void Apply(State& s, const GuaranteeProvisioned& e) {
  s.guarantees.at(e.guarantee_id).provision_cents += e.amount_cents;
}

void Apply(State& s, const GuaranteeCalled& e) {
  GuaranteeState& g = s.guarantees.at(e.guarantee_id);
  g.called_cents += e.amount_cents;
  g.provision_cents -= e.provision_reversed_cents;
}

void Apply(State& s, const GuaranteeReleased& e) {
  GuaranteeState& g = s.guarantees.at(e.guarantee_id);
  g.released = true;
  g.provision_cents -= e.provision_reversed_cents;
}

void Apply(State& s, const SubsidyRecorded& e) { s.subsidies[e.subsidy_id] = e; }

void Apply(State& s, const RoleGranted& e) {
  auto& r = s.roles[e.actor];
  if (std::find(r.begin(), r.end(), e.role) == r.end()) r.push_back(e.role);
}

void Apply(State& s, const TiersConfigured& e) { s.tiers[e.fund_id] = e; }
void Apply(State& s, const BudgetPlanned& e) { s.budget_plans[{e.fund_id, e.year}] = e; }
void Apply(State& s, const YearClosed& e) {
  FIJ_CHECK(!s.closed_years.count(e.year)) << "year " << e.year << " closed twice";
  s.closed_years[e.year] = e;
}

void Apply(State& s, const PartnerRegistered& e) { Apply(s, PartnerRegistered(e)); }
void Apply(State& s, const PledgeMade& e) { Apply(s, PledgeMade(e)); }
void Apply(State& s, const ProjectAdded& e) { Apply(s, ProjectAdded(e)); }
void Apply(State& s, const SessionOpened& e) { Apply(s, SessionOpened(e)); }
void Apply(State& s, const DecisionRecorded& e) { Apply(s, DecisionRecorded(e)); }
void Apply(State& s, const LoanDisbursed& e) { Apply(s, LoanDisbursed(e)); }
void Apply(State& s, const GiftRecorded& e) { Apply(s, GiftRecorded(e)); }

ReceiptSummary Summarize(const ReceiptIssued& e) { return SummarizeFrom(e); }

void ApplyEvent(State& s, const Event& e, uint64_t position) {
  FIJ_CHECK(position > s.position) << "event at position " << position << " applied after "
                                   << s.position;
  // Apply sees the position of the event it applies (a receipt remembers where its mentions are).
  s.position = position;
  std::visit([&s](const auto& ev) { Apply(s, ev); }, e);
}

void ApplyEvent(State& s, const Event& e) { ApplyEvent(s, e, s.position + 1); }

void ApplyEvent(State& s, Event&& e, uint64_t position) {
  FIJ_CHECK(position > s.position) << "event at position " << position << " applied after "
                                   << s.position;
  s.position = position;
  std::visit([&s](auto& ev) { Apply(s, std::move(ev)); }, e);
}

}  // namespace fij::ledger
