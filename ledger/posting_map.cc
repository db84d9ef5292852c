#include "ledger/posting_map.h"

#include <map>

#include "engine/status.h"

namespace fij::ledger {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

const std::map<std::string, const char*>& Chart() {
  static const std::map<std::string, const char*> kChart = {
      {"102", "Fonds propres sans droit de reprise"},
      {"151", "Provisions pour risques"},
      {"194", "Fonds dédiés sur subventions d'exploitation"},
      {"274", "Prêts"},
      {"2974", "Dépréciation des prêts"},
      {"441", "État - subventions à recevoir"},
      {"4686", "Charges à payer"},
      {"487", "Produits constatés d'avance"},
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
      {"861", "Mise à disposition gratuite de biens"},
      {"862", "Prestations"},
      {"870", "Dons en nature"},
      {"871", "Prestations en nature"},
  };
  return kChart;
}

// The entry a received gift posts.
JournalEntry GiftEntry(const State& s, const GiftRecorded& g, uint32_t date) {
  const PartnerState* p = s.Partner(g.partner_id);
  FIJ_CHECK(p != nullptr) << "gift " << g.gift_id << " of unknown partner";
  JournalEntry e;
  e.date = date;
  e.piece_ref = g.gift_id;
  e.label = std::string(g.kind == GiftKind::kSponsorship ? "Parrainage " : "Don ") +
            p->identity.name;
  if (g.nature != GiftNature::kCash) {
    // Contributions volontaires en nature: shown at the foot of the compte de résultat.
    bool skills = g.nature == GiftNature::kSkills;
    e.journal = "CVN";
    e.lines.push_back({skills ? "862" : "861", g.amount_cents, 0, ""});
    e.lines.push_back({skills ? "871" : "870", 0, g.amount_cents, g.partner_id});
    return e;
  }
  bool cash = g.method == PaymentMethod::kCash;
  e.journal = cash ? "CA" : "BQ";
  const char* income = g.kind == GiftKind::kSponsorship                ? "7063"
                       : p->identity.kind == PartnerKind::kIndividual ? "75411"
                                                                       : "7542";
  e.lines.push_back({cash ? "530" : "512", g.amount_cents, 0, ""});
  e.lines.push_back({income, 0, g.amount_cents, g.partner_id});
  return e;
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

std::vector<JournalEntry> PostingsFor(const State& before, const Event& event) {
  std::vector<JournalEntry> out = std::visit(
      Overloaded{
          [](const FundInitialized&) { return std::vector<JournalEntry>{}; },
          [](const AgrementRecorded&) { return std::vector<JournalEntry>{}; },
          [](const PartnerRegistered&) { return std::vector<JournalEntry>{}; },
          [](const PartnerCorrected&) { return std::vector<JournalEntry>{}; },
          [](const PledgeMade&) { return std::vector<JournalEntry>{}; },  // off balance
          [&](const GiftRecorded& g) {
            if (g.date == 0) return std::vector<JournalEntry>{};  // pending: nothing yet
            return std::vector<JournalEntry>{GiftEntry(before, g, g.date)};
          },
          [&](const GiftReceived& r) {
            const GiftState* g = before.Gift(r.gift_id);
            FIJ_CHECK(g != nullptr) << "received unknown gift " << r.gift_id;
            return std::vector<JournalEntry>{GiftEntry(before, g->gift, r.date)};
          },
          [](const ReceiptIssued&) { return std::vector<JournalEntry>{}; },
          [](const ReceiptCancelled&) { return std::vector<JournalEntry>{}; },
          [](const ParameterSet&) { return std::vector<JournalEntry>{}; },
          [](const DeclarationFiled&) { return std::vector<JournalEntry>{}; },
      },
      event);
  for (const auto& e : out) FIJ_CHECK(Balanced(e)) << "unbalanced entry " << e.piece_ref;
  return out;
}

}  // namespace fij::ledger
