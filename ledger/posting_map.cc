#include "ledger/posting_map.h"
#include "ledger/posting_context.h"
#include "ledger/overloaded.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "engine/status.h"

namespace fij::ledger {
namespace {


const std::map<std::string, const char*>& Chart() {
  static const std::map<std::string, const char*> kChart = {
      {"102", "Fonds propres sans droit de reprise"},
      {"110", "Report à nouveau (solde créditeur)"},
      {"119", "Report à nouveau (solde débiteur)"},
      {"487", "Produits constatés d'avance"},
      {"151", "Provisions pour risques"},
      {"194", "Fonds dédiés sur subventions d'exploitation"},
      {"274", "Prêts"},
      {"2974", "Dépréciation des prêts"},
      {"441", "État - subventions à recevoir"},
      {"4686", "Charges à payer"},
      {"512", "Banques"},
      {"530", "Caisse"},
      {"6571", "Aides financières octroyées"},
      {"654", "Pertes sur créances irrécouvrables"},
      {"68662", "Dotations aux dépréciations des immobilisations financières"},
      {"6894", "Reports en fonds dédiés sur subventions d'exploitation"},
      {"7063", "Parrainages"},
      {"740", "Subventions d'exploitation"},
      {"75411", "Dons manuels"},
      {"7542", "Mécénats"},
      {"755", "Contributions financières d'autres organismes"},
      {"7866", "Reprises sur dépréciations des éléments financiers"},
      {"762", "Produits des autres immobilisations financières"},
      {"4671", "Débiteurs divers"},
      {"6865", "Dotations aux provisions pour risques financiers"},
      {"7865", "Reprises sur provisions pour risques financiers"},
      {"861", "Mise à disposition gratuite de biens"},
      {"862", "Prestations"},
      {"870", "Dons en nature"},
      {"871", "Prestations en nature"},
  };
  return kChart;
}

// The texts of an entry (label, piece reference, a line's aux and letter): built for
// PostingDetail::kFull, left empty for kAmounts.
struct Texts {
  bool on = true;
  std::string operator()(std::string_view a) const { return on ? std::string(a) : std::string(); }
  std::string operator()(std::string_view a, std::string_view b) const {
    std::string s;
    if (!on) return s;
    s.reserve(a.size() + b.size());
    s.append(a).append(b);
    return s;
  }
};

// The entry a received gift posts.
template <class Ctx>
JournalEntry GiftEntry(const Ctx& s, const GiftRecorded& g, uint32_t date, const Texts& t) {
  const std::optional<PartnerFacts> p = s.PartnerFactsOf(g.partner_id);
  FIJ_CHECK(p) << "gift " << g.gift_id << " of unknown partner";
  JournalEntry e;
  e.fund = g.fund_id;
  e.date = date;
  e.piece_ref = t(g.gift_id);
  e.label = t(g.kind == GiftKind::kSponsorship ? "Parrainage " : "Don ", p->identity.name);
  e.lines.reserve(2);
  if (g.nature != GiftNature::kCash) {
    // Contributions volontaires en nature: shown at the foot of the compte de résultat.
    bool skills = g.nature == GiftNature::kSkills;
    e.journal = "CVN";
    e.lines.push_back({skills ? "862" : "861", g.amount_cents, 0, "", ""});
    e.lines.push_back({skills ? "871" : "870", 0, g.amount_cents, t(g.partner_id), ""});
    return e;
  }
  bool cash = g.method == PaymentMethod::kCash;
  e.journal = cash ? "CA" : "BQ";
  const char* income = g.kind == GiftKind::kSponsorship                ? "7063"
                       : p->identity.kind == PartnerKind::kIndividual ? "75411"
                                                                       : "7542";
  e.lines.push_back({cash ? "530" : "512", g.amount_cents, 0, "", ""});
  e.lines.push_back({income, 0, g.amount_cents, t(g.partner_id), ""});
  return e;
}

// One entry, moved in (a braced list would copy it).
std::vector<JournalEntry> One(JournalEntry e) {
  std::vector<JournalEntry> out;
  out.push_back(std::move(e));
  return out;
}

JournalEntry Entry(const char* journal, uint32_t date, std::string label, std::string piece,
                   std::vector<PostingLine> lines) {
  return JournalEntry{journal, date, std::move(label), std::move(piece), std::move(lines), ""};
}

// A loan's fund is its decision's, which the loan keeps (LoanFacts::fund_id).
template <class Ctx>
LoanFacts KnownLoan(const Ctx& s, const std::string& loan_id) {
  std::optional<LoanFacts> l = s.LoanFactsOf(loan_id);
  FIJ_CHECK(l) << "loan " << loan_id << " not disbursed";
  return *l;
}
template <class Ctx>
std::string LoanFund(const Ctx& s, const std::string& loan_id) {
  return std::string(KnownLoan(s, loan_id).fund_id);
}
template <class Ctx>
std::string GuaranteeFund(const Ctx& s, const std::string& id) {
  return s.DecisionFund(s.guarantees.at(id).guarantee.decision_id);
}

std::string LoanLetter(const std::string& loan_id, uint32_t line) {
  return loan_id + "-" + std::to_string(line + 1);
}

}  // namespace

bool Balanced(const JournalEntry& entry) {
  __int128 debit = 0, credit = 0;
  for (const auto& l : entry.lines) {
    if (l.debit_cents < 0 || l.credit_cents < 0) return false;
    debit += l.debit_cents;
    credit += l.credit_cents;
  }
  return !entry.lines.empty() && debit == credit;
}

const char* AccountLabel(const std::string& code) {
  auto it = Chart().find(code);
  return it == Chart().end() ? "" : it->second;
}

const char* JournalLabel(const std::string& code) {
  if (code == "BQ") return "Banque";
  if (code == "CA") return "Caisse";
  if (code == "CVN") return "Contributions volontaires en nature";
  if (code == "OD") return "Opérations diverses";
  if (code == "AN") return "A nouveaux";
  return "";
}

namespace {
// The posting map over the State (decisions, replays) or a PostingContext (full trial
// balances): both answer PartnerFactsOf, Gift, DecisionFund, Loan, guarantees and default_fund alike.
template <class Ctx>
std::vector<JournalEntry> Postings(const Ctx& before, const Event& event, PostingDetail detail) {
  const Texts t{detail == PostingDetail::kFull};
  std::vector<JournalEntry> out = std::visit(
      Overloaded{
          [](const FundInitialized&) { return std::vector<JournalEntry>{}; },
          [](const AgrementRecorded&) { return std::vector<JournalEntry>{}; },
          [](const PartnerRegistered&) { return std::vector<JournalEntry>{}; },
          [](const PartnerCorrected&) { return std::vector<JournalEntry>{}; },
          [](const PledgeMade&) { return std::vector<JournalEntry>{}; },  // off balance
          [&](const GiftRecorded& g) {
            if (g.date == 0) return std::vector<JournalEntry>{};  // pending: nothing yet
            return One(GiftEntry(before, g, g.date, t));
          },
          [&](const GiftReceived& r) {
            const GiftState* g = before.Gift(r.gift_id);
            FIJ_CHECK(g != nullptr) << "received unknown gift " << r.gift_id;
            return One(GiftEntry(before, g->gift, r.date, t));
          },
          [](const ReceiptIssued&) { return std::vector<JournalEntry>{}; },
          [](const ReceiptCancelled&) { return std::vector<JournalEntry>{}; },
          [](const ParameterSet&) { return std::vector<JournalEntry>{}; },
          [](const DeclarationFiled&) { return std::vector<JournalEntry>{}; },
          [](const FundAdded&) { return std::vector<JournalEntry>{}; },
          [](const ProjectAdded&) { return std::vector<JournalEntry>{}; },
          [](const CallOpened&) { return std::vector<JournalEntry>{}; },
          [](const CallClosed&) { return std::vector<JournalEntry>{}; },
          [](const ApplicationSubmitted&) { return std::vector<JournalEntry>{}; },
          [](const ApplicationStatusChanged&) { return std::vector<JournalEntry>{}; },
          [](const AssessmentScored&) { return std::vector<JournalEntry>{}; },
          [](const MemberAdded&) { return std::vector<JournalEntry>{}; },
          [](const MemberRemoved&) { return std::vector<JournalEntry>{}; },
          [](const CommitteeRulesSet&) { return std::vector<JournalEntry>{}; },
          [](const SessionOpened&) { return std::vector<JournalEntry>{}; },
          [](const AttendanceRecorded&) { return std::vector<JournalEntry>{}; },
          [](const SessionClosed&) { return std::vector<JournalEntry>{}; },
          [](const VoteCast&) { return std::vector<JournalEntry>{}; },
          [](const ConflictDeclared&) { return std::vector<JournalEntry>{}; },
          [&](const DecisionRecorded& d) {
            // A grant is a charge when decided (6571), a debt to the project until paid (4686).
            // Loans and guarantees post when disbursed or granted (off balance until called).
            if (d.rejected || d.grant_cents == 0) return std::vector<JournalEntry>{};
            return One(
                Entry("OD", d.date, t("Aide accordée ", d.project_id), t(d.decision_id),
                      {{"6571", d.grant_cents, 0, t(d.project_id), ""},
                       {"4686", 0, d.grant_cents, t(d.project_id), ""}}));
          },
          [](const BudgetSet&) { return std::vector<JournalEntry>{}; },
          // Experiment expenses track how the project spends aid already paid out (the money
          // left the fund with the grant tranches): they post nothing (docs/DECISIONS.md).
          [](const ExpenseRecorded&) { return std::vector<JournalEntry>{}; },
          [](const ExperimentClosed&) { return std::vector<JournalEntry>{}; },
          [&](const GrantDisbursed& g) {
            return One(
                Entry("BQ", g.date, t("Versement subvention ", g.project_id), t(g.disbursement_id),
                      {{"4686", g.amount_cents, 0, t(g.project_id), ""},
                       {"512", 0, g.amount_cents, "", ""}}));
          },
          [&](const LoanDisbursed& l) {
            return One(
                Entry("BQ", l.date, t("Prêt d'honneur ", l.project_id), t(l.loan_id),
                      {{"274", l.principal_cents, 0, t(l.project_id), ""},
                       {"512", 0, l.principal_cents, "", ""}}));
          },
          [&](const LoanRepaid& r) {
            const LoanFacts l = KnownLoan(before, r.loan_id);
            JournalEntry e = Entry("BQ", r.date, t("Remboursement ", r.loan_id), t(r.repayment_id),
                                   {{"512", r.amount_cents, 0, "", ""}});
            e.fund = l.fund_id;  // the loan is at hand: no second search
            for (size_t k = 0; k < r.lines.size(); ++k) {
              const ScheduleLine line = before.LoanLine(r.loan_id, r.lines[k]);
              int64_t interest = std::max<int64_t>(
                  0, std::min(line.interest_cents - line.paid_cents, r.line_amounts[k]));
              int64_t principal = r.line_amounts[k] - interest;
              std::string letter = t.on ? LoanLetter(r.loan_id, r.lines[k]) : std::string();
              if (principal > 0) e.lines.push_back({"274", 0, principal, t(l.project_id), letter});
              if (interest > 0) e.lines.push_back({"762", 0, interest, t(l.project_id), letter});
            }
            return One(std::move(e));
          },
          [](const LoanRescheduled&) { return std::vector<JournalEntry>{}; },
          [&](const LoanImpaired& i) {
            return One(
                Entry("OD", i.date, t("Dépréciation prêt ", i.loan_id), t(i.loan_id),
                      {{"68662", i.amount_cents, 0, "", ""}, {"2974", 0, i.amount_cents, "", ""}}));
          },
          [&](const LoanWrittenOff& w) {
            const LoanFacts l = KnownLoan(before, w.loan_id);
            auto out = One(
                Entry("OD", w.date, t("Abandon de créance ", w.loan_id), t(w.decision_id),
                      {{"654", w.amount_cents, 0, "", ""},
                       {"274", 0, w.amount_cents, t(l.project_id), ""}}));
            if (w.impairment_reversed_cents > 0)
              out.push_back(Entry("OD", w.date, t("Reprise dépréciation ", w.loan_id), t(w.decision_id),
                                  {{"2974", w.impairment_reversed_cents, 0, "", ""},
                                   {"7866", 0, w.impairment_reversed_cents, "", ""}}));
            for (auto& entry : out) entry.fund = l.fund_id;
            return out;
          },
          [](const GuaranteeGranted&) { return std::vector<JournalEntry>{}; },  // off balance
          [&](const GuaranteeProvisioned& g) {
            return One(
                Entry("OD", g.date, t("Provision garantie ", g.guarantee_id), t(g.guarantee_id),
                      {{"6865", g.amount_cents, 0, "", ""}, {"151", 0, g.amount_cents, "", ""}}));
          },
          [&](const GuaranteeCalled& g) {
            const GuaranteeState& gs = before.guarantees.at(g.guarantee_id);
            // Paid to the lender; the fund is subrogated: a claim on the carrier (4671).
            auto out = One(
                Entry("BQ", g.date, t("Appel garantie ", gs.guarantee.lender), t(g.guarantee_id),
                      {{"4671", g.amount_cents, 0, t(gs.guarantee.project_id), ""},
                       {"512", 0, g.amount_cents, "", ""}}));
            if (g.provision_reversed_cents > 0)
              out.push_back(Entry("OD", g.date, t("Reprise provision ", g.guarantee_id),
                                  t(g.guarantee_id),
                                  {{"151", g.provision_reversed_cents, 0, "", ""},
                                   {"7865", 0, g.provision_reversed_cents, "", ""}}));
            return out;
          },
          [&](const GuaranteeReleased& g) {
            if (g.provision_reversed_cents == 0) return std::vector<JournalEntry>{};
            return One(
                Entry("OD", g.date, t("Reprise provision ", g.guarantee_id), t(g.guarantee_id),
                      {{"151", g.provision_reversed_cents, 0, "", ""},
                       {"7865", 0, g.provision_reversed_cents, "", ""}}));
          },
          [&](const SubsidyRecorded& s) {
            const char* income = s.funder_kind == FunderKind::kPublic ? "740" : "755";
            return One(
                Entry("BQ", s.date, t("Subvention ", s.funder), t(s.subsidy_id),
                      {{"512", s.amount_cents, 0, "", ""}, {income, 0, s.amount_cents, "", ""}}));
          },
          [](const RoleGranted&) { return std::vector<JournalEntry>{}; },
          [](const TiersConfigured&) { return std::vector<JournalEntry>{}; },
          [](const BudgetPlanned&) { return std::vector<JournalEntry>{}; },
          [&](const YearClosed& y) {
            // Inventory entries on 31 December (DOMAIN-LAW.md §6.2): unused earmarked funding to
            // fonds dédiés (6894/194); subsidy parts for later exercices to 487.
            std::vector<JournalEntry> out;
            uint32_t end = static_cast<uint32_t>(y.year) * 10000 + 1231;
            if (y.dedicated_cents > 0)
              out.push_back(Entry("OD", end, t("Report en fonds dédiés ", std::to_string(y.year)),
                                  t("CLOTURE-", std::to_string(y.year)),
                                  {{"6894", y.dedicated_cents, 0, "", ""},
                                   {"194", 0, y.dedicated_cents, "", ""}}));
            if (y.deferred_cents > 0)
              out.push_back(Entry("OD", end, t("Produits constatés d'avance ", std::to_string(y.year)),
                                  t("CLOTURE-", std::to_string(y.year)),
                                  {{"740", y.deferred_cents, 0, "", ""},
                                   {"487", 0, y.deferred_cents, "", ""}}));
            return out;
          },
      },
      event);
  // The fund an entry belongs to, for the events whose entries do not carry it themselves
  // (most events post nothing; a gift's entry names its fund).
  for (const auto& e : out) FIJ_CHECK(Balanced(e)) << "unbalanced entry " << e.piece_ref;
  if (std::none_of(out.begin(), out.end(), [](const auto& e) { return e.fund.empty(); }))
    return out;
  const std::string fund = std::visit(
      Overloaded{
          [](const GiftRecorded& g) { return g.fund_id; },
          [&](const GiftReceived& r) { return before.Gift(r.gift_id)->gift.fund_id; },
          [](const DecisionRecorded& d) { return d.fund_id; },
          [&](const GrantDisbursed& g) { return before.DecisionFund(g.decision_id); },
          [&](const LoanDisbursed& l) { return before.DecisionFund(l.decision_id); },
          [&](const LoanImpaired& i) { return LoanFund(before, i.loan_id); },
          [&](const GuaranteeProvisioned& g) { return GuaranteeFund(before, g.guarantee_id); },
          [&](const GuaranteeCalled& g) { return GuaranteeFund(before, g.guarantee_id); },
          [&](const GuaranteeReleased& g) { return GuaranteeFund(before, g.guarantee_id); },
          [](const SubsidyRecorded& s) { return s.fund_id; },
          [](const YearClosed& y) { return y.fund_id; },
          [&](const auto&) { return before.default_fund; },
      },
      event);
  for (auto& e : out)
    if (e.fund.empty()) e.fund = fund;
  return out;
}

}  // namespace

std::vector<JournalEntry> PostingsFor(const State& before, const Event& event,
                                      PostingDetail detail) {
  return Postings(before, event, detail);
}
std::vector<JournalEntry> PostingsFor(const PostingContext& before, const Event& event,
                                      PostingDetail detail) {
  FIJ_CHECK(detail == PostingDetail::kAmounts || before.keep_names)
      << "entries with their labels from a posting context without the partners' names";
  return Postings(before, event, detail);
}

}  // namespace fij::ledger
