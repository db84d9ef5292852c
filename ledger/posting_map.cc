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

// Lines (PostingLine or AmountLine) that make a balanced entry: at least one, no negative
// amount, debits equal to credits.
template <class Lines>
bool BalancedLines(const Lines& lines) {
  __int128 debit = 0, credit = 0;
  for (const auto& l : lines) {
    if (l.debit_cents < 0 || l.credit_cents < 0) return false;
    debit += l.debit_cents;
    credit += l.credit_cents;
  }
  return !lines.empty() && debit == credit;
}

// Where the posting map writes an event's entries (decision 81). Each entry is
// Begin(journal, date, label head, label tail, piece), its lines, then End(fund). A writer that
// keeps no texts ignores the label, the piece and the lines' aux and letter (texts() is false:
// a caller builds no text for it).
//
// JournalWriter: whole JournalEntry values, with their texts (PostingDetail::kFull) or
// without (kAmounts).
class JournalWriter {
 public:
  explicit JournalWriter(bool texts) : texts_(texts) {}
  bool texts() const { return texts_; }
  void Begin(const char* journal, uint32_t date, std::string_view label_head,
             std::string_view label_tail, std::string_view piece) {
    JournalEntry& e = out_.emplace_back();
    e.journal = journal;
    e.date = date;
    if (!texts_) return;
    e.label.reserve(label_head.size() + label_tail.size());
    e.label.append(label_head).append(label_tail);
    e.piece_ref = piece;
  }
  void Line(std::string_view account, int64_t debit_cents, int64_t credit_cents,
            std::string_view aux = {}, std::string_view letter = {}) {
    out_.back().lines.push_back({std::string(account), debit_cents, credit_cents,
                                 texts_ ? std::string(aux) : std::string(),
                                 texts_ ? std::string(letter) : std::string()});
  }
  void End(std::string_view fund) {
    JournalEntry& e = out_.back();
    e.fund = fund;
    FIJ_CHECK(Balanced(e)) << "unbalanced entry " << e.piece_ref;
  }
  std::vector<JournalEntry> Take() { return std::move(out_); }

 private:
  bool texts_;
  std::vector<JournalEntry> out_;
};

// AmountWriter: accounts and amounts into an AmountPostings' storage, kept from one event to
// the next (no string built, no allocation once warmed up).
class AmountWriter {
 public:
  AmountWriter(std::vector<AmountEntry>& entries, std::vector<AmountLine>& lines,
               std::vector<uint32_t>& firsts)
      : entries_(entries), lines_(lines), firsts_(firsts) {
    entries_.clear();
    lines_.clear();
    firsts_.clear();
  }
  static constexpr bool texts() { return false; }
  void Begin(const char*, uint32_t date, std::string_view, std::string_view, std::string_view) {
    entries_.push_back({date, {}, {}});
    firsts_.push_back(static_cast<uint32_t>(lines_.size()));
  }
  void Line(std::string_view account, int64_t debit_cents, int64_t credit_cents,
            std::string_view = {}, std::string_view = {}) {
    lines_.push_back({account, debit_cents, credit_cents});
  }
  void End(std::string_view fund) {
    entries_.back().fund = fund;
    FIJ_CHECK(BalancedLines(std::span<const AmountLine>(lines_).subspan(firsts_.back())))
        << "unbalanced entry dated " << entries_.back().date << " (fund " << fund << ")";
  }
  // The lines' spans, once every line is written (the vector no longer moves).
  std::span<const AmountEntry> Finish() {
    for (size_t k = 0; k < entries_.size(); ++k) {
      const size_t end = k + 1 < entries_.size() ? firsts_[k + 1] : lines_.size();
      entries_[k].lines = std::span<const AmountLine>(lines_.data() + firsts_[k], end - firsts_[k]);
    }
    return entries_;
  }

 private:
  std::vector<AmountEntry>& entries_;
  std::vector<AmountLine>& lines_;
  std::vector<uint32_t>& firsts_;
};

// The entry a received gift posts.
template <class Ctx, class W>
void GiftEntry(const Ctx& s, const GiftRecorded& g, uint32_t date, W& w) {
  const std::optional<PartnerFacts> p = s.PartnerFactsOf(g.partner_id);
  FIJ_CHECK(p) << "gift " << g.gift_id << " of unknown partner";
  const char* label = g.kind == GiftKind::kSponsorship ? "Parrainage " : "Don ";
  if (g.nature != GiftNature::kCash) {
    // Contributions volontaires en nature: shown at the foot of the compte de résultat.
    bool skills = g.nature == GiftNature::kSkills;
    w.Begin("CVN", date, label, p->identity.name, g.gift_id);
    w.Line(skills ? "862" : "861", g.amount_cents, 0);
    w.Line(skills ? "871" : "870", 0, g.amount_cents, g.partner_id);
    w.End(g.fund_id);
    return;
  }
  bool cash = g.method == PaymentMethod::kCash;
  const char* income = g.kind == GiftKind::kSponsorship                ? "7063"
                       : p->identity.kind == PartnerKind::kIndividual ? "75411"
                                                                       : "7542";
  w.Begin(cash ? "CA" : "BQ", date, label, p->identity.name, g.gift_id);
  w.Line(cash ? "530" : "512", g.amount_cents, 0);
  w.Line(income, 0, g.amount_cents, g.partner_id);
  w.End(g.fund_id);
}

// A two-line entry: `debit` is debited and `credit` credited with `cents`.
template <class W>
void TwoLines(W& w, const char* journal, uint32_t date, std::string_view label_head,
              std::string_view label_tail, std::string_view piece, const char* debit,
              const char* credit, int64_t cents, std::string_view fund,
              std::string_view debit_aux = {}, std::string_view credit_aux = {}) {
  w.Begin(journal, date, label_head, label_tail, piece);
  w.Line(debit, cents, 0, debit_aux);
  w.Line(credit, 0, cents, credit_aux);
  w.End(fund);
}

// A loan's fund is its decision's, which the loan keeps (LoanFacts::fund_id).
template <class Ctx>
LoanFacts KnownLoan(const Ctx& s, const std::string& loan_id) {
  std::optional<LoanFacts> l = s.LoanFactsOf(loan_id);
  FIJ_CHECK(l) << "loan " << loan_id << " not disbursed";
  return *l;
}
// The fund of a loan's entries: the loan's, else (a loan older than its fund's record) the
// default fund.
template <class Ctx>
std::string_view LoanEntryFund(const Ctx& s, const LoanFacts& l) {
  return l.fund_id.empty() ? std::string_view(s.default_fund) : std::string_view(l.fund_id);
}
template <class Ctx>
const std::string& GuaranteeFund(const Ctx& s, const GuaranteeState& g) {
  return s.DecisionFund(g.guarantee.decision_id);
}

std::string LoanLetter(const std::string& loan_id, uint32_t line) {
  return loan_id + "-" + std::to_string(line + 1);
}

}  // namespace

bool Balanced(const JournalEntry& entry) { return BalancedLines(entry.lines); }

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
// balances): both answer PartnerFactsOf, Gift, DecisionFund, LoanFactsOf, LoanLine, guarantees
// and default_fund alike. Every event type is listed: a new one must say what it posts.
template <class Ctx, class W>
void Postings(const Ctx& before, const Event& event, W& w) {
  std::visit(
      Overloaded{
          [](const FundInitialized&) {},
          [](const AgrementRecorded&) {},
          [](const PartnerRegistered&) {},
          [](const PartnerCorrected&) {},
          [](const PledgeMade&) {},  // off balance
          [&](const GiftRecorded& g) {
            if (g.date != 0) GiftEntry(before, g, g.date, w);  // pending: nothing yet
          },
          [&](const GiftReceived& r) {
            const GiftState* g = before.Gift(r.gift_id);
            FIJ_CHECK(g != nullptr) << "received unknown gift " << r.gift_id;
            GiftEntry(before, g->gift, r.date, w);
          },
          [](const ReceiptIssued&) {},
          [](const ReceiptCancelled&) {},
          [](const ParameterSet&) {},
          [](const DeclarationFiled&) {},
          [](const FundAdded&) {},
          [](const ProjectAdded&) {},
          [](const CallOpened&) {},
          [](const CallClosed&) {},
          [](const ApplicationSubmitted&) {},
          [](const ApplicationStatusChanged&) {},
          [](const AssessmentScored&) {},
          [](const MemberAdded&) {},
          [](const MemberRemoved&) {},
          [](const CommitteeRulesSet&) {},
          [](const SessionOpened&) {},
          [](const AttendanceRecorded&) {},
          [](const SessionClosed&) {},
          [](const VoteCast&) {},
          [](const ConflictDeclared&) {},
          [&](const DecisionRecorded& d) {
            // A grant is a charge when decided (6571), a debt to the project until paid (4686).
            // Loans and guarantees post when disbursed or granted (off balance until called).
            if (d.rejected || d.grant_cents == 0) return;
            TwoLines(w, "OD", d.date, "Aide accordée ", d.project_id, d.decision_id, "6571",
                     "4686", d.grant_cents, d.fund_id, d.project_id, d.project_id);
          },
          [](const BudgetSet&) {},
          // Experiment expenses track how the project spends aid already paid out (the money
          // left the fund with the grant tranches): they post nothing (docs/DECISIONS.md).
          [](const ExpenseRecorded&) {},
          [](const ExperimentClosed&) {},
          [&](const GrantDisbursed& g) {
            TwoLines(w, "BQ", g.date, "Versement subvention ", g.project_id, g.disbursement_id,
                     "4686", "512", g.amount_cents, before.DecisionFund(g.decision_id),
                     g.project_id);
          },
          [&](const LoanDisbursed& l) {
            TwoLines(w, "BQ", l.date, "Prêt d'honneur ", l.project_id, l.loan_id, "274", "512",
                     l.principal_cents, before.DecisionFund(l.decision_id), l.project_id);
          },
          [&](const LoanRepaid& r) {
            const LoanFacts l = KnownLoan(before, r.loan_id);  // the loan is at hand: its fund
            w.Begin("BQ", r.date, "Remboursement ", r.loan_id, r.repayment_id);
            w.Line("512", r.amount_cents, 0);
            for (size_t k = 0; k < r.lines.size(); ++k) {
              const ScheduleLine line = before.LoanLine(r.loan_id, r.lines[k]);
              int64_t interest = std::max<int64_t>(
                  0, std::min(line.interest_cents - line.paid_cents, r.line_amounts[k]));
              int64_t principal = r.line_amounts[k] - interest;
              std::string letter = w.texts() ? LoanLetter(r.loan_id, r.lines[k]) : std::string();
              if (principal > 0) w.Line("274", 0, principal, l.project_id, letter);
              if (interest > 0) w.Line("762", 0, interest, l.project_id, letter);
            }
            w.End(LoanEntryFund(before, l));
          },
          [](const LoanRescheduled&) {},
          [&](const LoanImpaired& i) {
            TwoLines(w, "OD", i.date, "Dépréciation prêt ", i.loan_id, i.loan_id, "68662", "2974",
                     i.amount_cents, KnownLoan(before, i.loan_id).fund_id);
          },
          [&](const LoanWrittenOff& w_off) {
            const LoanFacts l = KnownLoan(before, w_off.loan_id);
            const std::string_view fund = LoanEntryFund(before, l);
            TwoLines(w, "OD", w_off.date, "Abandon de créance ", w_off.loan_id, w_off.decision_id,
                     "654", "274", w_off.amount_cents, fund, {}, l.project_id);
            if (w_off.impairment_reversed_cents > 0)
              TwoLines(w, "OD", w_off.date, "Reprise dépréciation ", w_off.loan_id,
                       w_off.decision_id, "2974", "7866", w_off.impairment_reversed_cents, fund);
          },
          [](const GuaranteeGranted&) {},  // off balance
          [&](const GuaranteeProvisioned& g) {
            const GuaranteeState& gs = before.guarantees.at(g.guarantee_id);
            TwoLines(w, "OD", g.date, "Provision garantie ", g.guarantee_id, g.guarantee_id,
                     "6865", "151", g.amount_cents, GuaranteeFund(before, gs));
          },
          [&](const GuaranteeCalled& g) {
            const GuaranteeState& gs = before.guarantees.at(g.guarantee_id);
            const std::string& fund = GuaranteeFund(before, gs);
            // Paid to the lender; the fund is subrogated: a claim on the carrier (4671).
            TwoLines(w, "BQ", g.date, "Appel garantie ", gs.guarantee.lender, g.guarantee_id,
                     "4671", "512", g.amount_cents, fund, gs.guarantee.project_id);
            if (g.provision_reversed_cents > 0)
              TwoLines(w, "OD", g.date, "Reprise provision ", g.guarantee_id, g.guarantee_id,
                       "151", "7865", g.provision_reversed_cents, fund);
          },
          [&](const GuaranteeReleased& g) {
            if (g.provision_reversed_cents == 0) return;
            const GuaranteeState& gs = before.guarantees.at(g.guarantee_id);
            TwoLines(w, "OD", g.date, "Reprise provision ", g.guarantee_id, g.guarantee_id,
                     "151", "7865", g.provision_reversed_cents, GuaranteeFund(before, gs));
          },
          [&](const SubsidyRecorded& s) {
            const char* income = s.funder_kind == FunderKind::kPublic ? "740" : "755";
            TwoLines(w, "BQ", s.date, "Subvention ", s.funder, s.subsidy_id, "512", income,
                     s.amount_cents, s.fund_id);
          },
          [](const RoleGranted&) {},
          [](const TiersConfigured&) {},
          [](const BudgetPlanned&) {},
          [&](const YearClosed& y) {
            // Inventory entries on 31 December (DOMAIN-LAW.md §6.2): unused earmarked funding to
            // fonds dédiés (6894/194); subsidy parts for later exercices to 487.
            const uint32_t end = static_cast<uint32_t>(y.year) * 10000 + 1231;
            const std::string year = std::to_string(y.year), piece = "CLOTURE-" + year;
            if (y.dedicated_cents > 0)
              TwoLines(w, "OD", end, "Report en fonds dédiés ", year, piece, "6894", "194",
                       y.dedicated_cents, y.fund_id);
            if (y.deferred_cents > 0)
              TwoLines(w, "OD", end, "Produits constatés d'avance ", year, piece, "740", "487",
                       y.deferred_cents, y.fund_id);
          },
      },
      event);
}

template <class Ctx>
std::vector<JournalEntry> Journal(const Ctx& before, const Event& event, PostingDetail detail) {
  JournalWriter w(detail == PostingDetail::kFull);
  Postings(before, event, w);
  return w.Take();
}

}  // namespace

std::vector<JournalEntry> PostingsFor(const State& before, const Event& event,
                                      PostingDetail detail) {
  return Journal(before, event, detail);
}
std::vector<JournalEntry> PostingsFor(const PostingContext& before, const Event& event,
                                      PostingDetail detail) {
  FIJ_CHECK(detail == PostingDetail::kAmounts || before.keep_names)
      << "entries with their labels from a posting context without the partners' names";
  return Journal(before, event, detail);
}

template <class Ctx>
std::span<const AmountEntry> AmountPostings::Build(const Ctx& before, const Event& event) {
  AmountWriter w(entries_, lines_, firsts_);
  Postings(before, event, w);
  return w.Finish();
}
std::span<const AmountEntry> AmountPostings::For(const State& before, const Event& event) {
  return Build(before, event);
}
std::span<const AmountEntry> AmountPostings::For(const PostingContext& before,
                                                 const Event& event) {
  return Build(before, event);
}

}  // namespace fij::ledger
