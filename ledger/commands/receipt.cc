// IssueReceipt, CancelReceipt, FileDeclaration: tax receipts under art. 200 / 238 bis CGI and
// the art. 222 bis declaration. The rules are DOMAIN-LAW.md §3 and §9; each refusal names one.
#include <algorithm>
#include <set>

#include "ledger/commands.h"
#include "ledger/date.h"
#include "ledger/money.h"

namespace fij::ledger {
namespace {

tl::unexpected<Rejected> No(Rejection r, std::string detail) {
  return tl::unexpected(Reject(r, std::move(detail)));
}

std::string FormatNumber(int32_t year, uint32_t seq) {
  std::string n = std::to_string(seq);
  if (n.size() < 4) n = std::string(4 - n.size(), '0') + n;
  return std::to_string(year) + "-" + n;
}

std::string Join(const std::set<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " ; ") + p;
  return out;
}

const char* ModeText(PaymentMethod m) {
  switch (m) {
    case PaymentMethod::kCash: return "Remise d'espèces";
    case PaymentMethod::kCheque: return "Chèque";
    case PaymentMethod::kTransfer:
    case PaymentMethod::kCard:
    case PaymentMethod::kDebit: return "Virement, prélèvement, carte bancaire";
  }
  return "";
}

const char* NatureText(GiftNature n) {
  switch (n) {
    case GiftNature::kCash: return "Numéraire";
    case GiftNature::kInKind: return "Autres : don en nature";
    case GiftNature::kSkills: return "Autres : mécénat de compétences (mise à disposition de salariés)";
  }
  return "";
}

// Checks every rule for `gifts` of `partner` and builds the receipt. `recap_year` != 0 makes it
// a recap over that calendar year. `cancelling` names a receipt cancelled in the same command
// (cancel --reissue): it counts as cancelled, and its gifts as free, without copying the State.
tl::expected<ReceiptIssued, Rejected> BuildReceipt(const State& s, const FundState& fund,
                                                   const std::string& partner_id,
                                                   const PartnerState& partner,
                                                   const std::vector<const GiftState*>& gifts,
                                                   uint32_t issued_on, const std::string& replaces,
                                                   int32_t recap_year,
                                                   const std::string& cancelling = "") {
  const FundInitialized& fi = fund.identity;
  const PartnerRegistered donor = partner.Registered(partner_id);
  if (!replaces.empty()) {
    const ReceiptState* old = s.Receipt(replaces);
    bool cancelled = old && (old->cancelled || replaces == cancelling);
    if (!old || !cancelled || old->receipt.partner_id != donor.partner_id ||
        !old->replaced_by.empty())
      return No(Rejection::kReplacedReceiptNotCancelled,
                "Receipt " + replaces + " must exist, be cancelled, belong to '" +
                    donor.partner_id + "' and not be replaced already; cancel it first with "
                    "`fij receipt cancel " + replaces + " --reason ...`.");
  }
  // First what makes a gift receiptable at all, then whom the receipt must name.
  for (const GiftState* g : gifts) {
    const GiftRecorded& gr = g->gift;
    const std::string who = "Gift '" + gr.gift_id + "'";
    if (gr.kind == GiftKind::kSponsorship)
      return No(Rejection::kSponsorshipNotPatronage,
                who + " was recorded as sponsorship: it is income from a service, not a gift.");
    if (!g->received)
      return No(Rejection::kGiftNotReceived,
                who + " is pending; when the money is credited (or the cheque handed over) run "
                "`fij gift receive " + gr.gift_id + " --date YYYY-MM-DD`.");
    if (!g->active_receipt.empty() && g->active_receipt != cancelling)
      return No(Rejection::kAlreadyReceipted,
                who + " is on receipt " + g->active_receipt + "; to correct it, cancel that "
                "receipt with `fij receipt cancel " + g->active_receipt + " --reason ... "
                "--reissue`.");
  }
  {
    std::vector<std::string> missing;
    if (fi.name.empty()) missing.push_back("name");
    if (fi.address.empty()) missing.push_back("address");
    if (fi.object.empty()) missing.push_back("object");
    if (fi.siren.empty()) missing.push_back("SIREN/RNA");
    if (fi.signer_name.empty() || fi.signer_capacity.empty()) missing.push_back("signer");
    if (!missing.empty()) {
      std::string m;
      for (const auto& x : missing) m += (m.empty() ? "" : ", ") + x;
      return No(Rejection::kFundDataMissing,
                "The fund lacks: " + m + ". They are set at `fij init`.");
    }
  }
  {
    std::vector<std::string> missing;
    if (donor.name.empty()) missing.push_back("--name");
    if (donor.address.empty()) missing.push_back("--address");
    if (donor.kind == PartnerKind::kCompany) {
      if (donor.siren.empty()) missing.push_back("--siren");
      if (donor.legal_form.empty()) missing.push_back("--legal-form");
    }
    if (!missing.empty()) {
      std::string m;
      for (const auto& x : missing) m += (m.empty() ? "" : " ") + x;
      return No(Rejection::kDonorDataMissing,
                "Partner '" + donor.partner_id + "' lacks " + m + "; add it with `fij partner "
                "correct " + donor.partner_id + " " + missing.front() + " ...`.");
    }
  }

  std::vector<int64_t> amounts;
  std::set<std::string> natures, modes, descriptions;
  uint32_t first = UINT32_MAX, last = 0;
  const AgrementRecorded* agrement = nullptr;
  for (const GiftState* g : gifts) {
    const GiftRecorded& gr = g->gift;
    const std::string who = "Gift '" + gr.gift_id + "'";
    const AgrementRecorded* a = fund.AgrementOn(g->received_on);
    if (!a) {
      std::string periods;
      for (const auto& x : fund.agrements)
        periods += (periods.empty() ? "" : ", ") + x.reference + " " + YmdToIso(x.valid_from) +
                   ".." + YmdToIso(x.valid_to);
      return No(Rejection::kOutsideAgrementPeriod,
                who + " dated " + YmdToIso(g->received_on) + " falls outside every agrément (" +
                    (periods.empty() ? "none recorded" : periods) + "); record the renewal with "
                    "`fij agrement add REF --from ... --to ...` if it exists.");
    }
    agrement = agrement ? agrement : a;
    int64_t ratio_bp = s.params.At(param::kCounterpartsRatioMaxBp, g->received_on);
    // counterparts / amount > ratio  <=>  counterparts * 10000 > amount * ratio (exact, 128-bit)
    __int128 lhs = static_cast<__int128>(gr.counterparts_cents) * 10000;
    __int128 rhs = static_cast<__int128>(gr.amount_cents) * ratio_bp;
    if (lhs > rhs)
      return No(Rejection::kCounterpartsAboveQuarterOfGift,
                who + ": counterparts of " + Money::FromCents(gr.counterparts_cents).ToFrench() +
                    " exceed " + std::to_string(ratio_bp / 100) + " % of " +
                    Money::FromCents(gr.amount_cents).ToFrench() +
                    "; no receipt can be issued for it.");
    if (donor.kind == PartnerKind::kIndividual && gr.counterparts_cents > 0) {
      int32_t year = static_cast<int32_t>(g->received_on / 10000);
      int64_t cap = s.params.At(param::kCitizenCounterpartsCapCents, g->received_on);
      int64_t total = s.CounterpartsInYear(donor.partner_id, year);
      if (total > cap)
        return No(Rejection::kCounterpartsAboveCitizenYearlyCap,
                  who + ": '" + donor.partner_id + "' received " +
                      Money::FromCents(total).ToFrench() + " of counterparts in " +
                      std::to_string(year) + ", above the cap of " +
                      Money::FromCents(cap).ToFrench() + ".");
    }
    if (donor.kind == PartnerKind::kCompany && gr.nature != GiftNature::kCash &&
        gr.valuation_ref.empty())
      return No(Rejection::kInKindWithoutCompanyValuation,
                who + " is " + ToString(gr.nature) + " with no valuation from the company; "
                "record the gift with --valuation-ref naming the company's valuation statement.");
    amounts.push_back(gr.amount_cents);
    first = std::min(first, g->received_on);
    last = std::max(last, g->received_on);
    natures.insert(NatureText(gr.nature));
    if (gr.nature == GiftNature::kCash) modes.insert(ModeText(gr.method));
    if (gr.nature != GiftNature::kCash)
      descriptions.insert((gr.description.empty() ? std::string(ToString(gr.nature))
                                                   : gr.description) +
                          " (valorisation de l'entreprise : " + gr.valuation_ref + ")");
  }
  if (issued_on < last)
    return No(Rejection::kReceiptBeforeGift,
              "The receipt date " + YmdToIso(issued_on) + " is before the gift of " +
                  YmdToIso(last) + "; issue it on or after that date.");
  auto total = CheckedSum(amounts);
  if (!total) return No(Rejection::kAmountOverflow, "The gifts' total overflows.");

  ReceiptIssued r;
  r.fund_id = fi.fund_id;
  r.year = static_cast<int32_t>(issued_on / 10000);
  r.issued_on = issued_on;
  bool company = donor.kind == PartnerKind::kCompany;
  r.form = company ? ReceiptForm::kCerfa16216 : ReceiptForm::kCerfa11580;
  r.article = company ? "238 bis" : "200";
  for (const GiftState* g : gifts) r.gift_ids.push_back(g->gift.gift_id);
  if (recap_year) {
    r.period_from = static_cast<uint32_t>(recap_year) * 10000 + 101;
    r.period_to = static_cast<uint32_t>(recap_year) * 10000 + 1231;
  } else {
    r.period_from = first;
    r.period_to = last;
  }
  r.amount_cents = *total;
  r.amount_words = AmountInFrenchWords(Money::FromCents(*total));
  r.fund_name = fi.name;
  r.fund_address = fi.address;
  r.fund_object = fi.object;
  r.fund_siren = fi.siren;
  r.fund_category = fi.category;
  r.agrement_ref = agrement->reference;
  r.partner_id = donor.partner_id;
  r.donor_kind = donor.kind;
  r.donor_name = donor.name;
  r.donor_address = donor.address;
  r.donor_siren = donor.siren;
  r.donor_legal_form = donor.legal_form;
  r.forme_du_don = "Déclaration de don manuel";
  r.nature_du_don = Join(natures);
  r.mode_de_versement = Join(modes);
  r.in_kind_description = Join(descriptions);
  r.signer_name = fi.signer_name;
  r.signer_capacity = fi.signer_capacity;
  r.certification = "Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il "
                    "reçoit ouvrent droit à la réduction d'impôt prévue à l'article " +
                    r.article + " du code général des impôts.";
  r.replaces = replaces;
  auto it = s.receipt_sequences.find({r.fund_id, r.year});
  r.sequence = (it == s.receipt_sequences.end() ? 0 : it->second) + 1;
  // Each fund numbers its own series; the register is keyed by number, so a fund other than the
  // default one prefixes its id ("jura2-2024-0001") lest two series collide.
  r.number = (r.fund_id == s.default_fund ? "" : r.fund_id + "-") +
             FormatNumber(r.year, r.sequence);
  return r;
}

uint32_t OrToday(uint32_t d) { return d ? d : Date::Today().ymd(); }

// The gifts a receipt request covers, or a rejection.
tl::expected<std::pair<const PartnerState*, std::vector<const GiftState*>>, Rejected> Select(
    const State& s, const IssueReceipt& c) {
  std::vector<const GiftState*> gifts;
  if (!c.gift_id.empty()) {
    const GiftState* g = s.Gift(c.gift_id);
    if (!g) return No(Rejection::kUnknownGift, "No gift '" + c.gift_id + "'; see `fij gift list`.");
    const std::string& fund = c.fund_id.empty() ? s.default_fund : c.fund_id;
    if (g->gift.fund_id != fund)
      return No(Rejection::kUnknownGift, "Gift '" + c.gift_id + "' was made to fund '" +
                                             g->gift.fund_id + "', not '" + fund +
                                             "'; give --fund " + g->gift.fund_id + ".");
    gifts.push_back(g);
    return std::make_pair(s.Partner(g->gift.partner_id), gifts);
  }
  const PartnerState* p = s.Partner(c.partner_id);
  if (!p)
    return No(Rejection::kUnknownPartner, "No partner '" + c.partner_id + "'; see `fij partner list`.");
  size_t skipped_sponsorship = 0, skipped_pending = 0, skipped_receipted = 0;
  for (const auto& id : p->gift_ids) {
    const GiftState& g = s.gifts.at(id);
    if (g.gift.fund_id != (c.fund_id.empty() ? s.default_fund : c.fund_id)) continue;
    if (!g.received) {
      skipped_pending += g.gift.announced_on / 10000 == static_cast<uint32_t>(c.year);
      continue;
    }
    if (static_cast<int32_t>(g.received_on / 10000) != c.year) continue;
    if (g.gift.kind == GiftKind::kSponsorship) { ++skipped_sponsorship; continue; }
    if (!g.active_receipt.empty()) { ++skipped_receipted; continue; }
    gifts.push_back(&g);
  }
  if (gifts.empty())
    return No(Rejection::kNothingToReceipt,
              "Partner '" + c.partner_id + "' has no received, unreceipted patronage gift in " +
                  std::to_string(c.year) + " (" + std::to_string(skipped_receipted) +
                  " already receipted, " + std::to_string(skipped_pending) + " pending, " +
                  std::to_string(skipped_sponsorship) + " sponsorship).");
  return std::make_pair(p, gifts);
}

}  // namespace

Decision Decide(const State& s, const IssueReceipt& c) {
  const FundState* fund = s.Fund(c.fund_id);
  if (!fund) return tl::unexpected(NoSuchFund(s, c.fund_id));
  auto sel = Select(s, c);
  if (!sel) return tl::unexpected(sel.error());
  // The partner asked for, or the one gift's.
  const std::string& partner_id =
      c.gift_id.empty() ? c.partner_id : sel->second.front()->gift.partner_id;
  auto r = BuildReceipt(s, *fund, partner_id, *sel->first, sel->second, OrToday(c.date), c.replaces,
                        c.gift_id.empty() ? c.year : 0);
  if (!r) return tl::unexpected(r.error());
  return std::vector<Event>{*r};
}

CommandSpec Spec(const State& s, const IssueReceipt& c) {
  std::string fund = c.fund_id.empty() ? s.default_fund : c.fund_id;
  Body b;
  b.Add("fund", fund).Add("gift", c.gift_id).Add("partner", c.partner_id).Add("year", c.year);
  b.Add("date", c.date).Add("replaces", c.replaces);
  // The key depends on the command only, never on the state, so that re-running a command (or a
  // whole import file) is always answered from the index. A corrected receipt names the one it
  // replaces, which gives it a key of its own.
  std::string key = !c.gift_id.empty()
                        ? "receipt:gift:" + c.gift_id
                        : "receipt:recap:" + c.partner_id + ":" + std::to_string(c.year);
  if (!c.replaces.empty()) key += ":replaces:" + c.replaces;
  return {"receipts-" + fund, engine::kAnyVersion, key, b.str()};
}

Decision Decide(const State& s, const CancelReceipt& c) {
  const ReceiptState* r = s.Receipt(c.number);
  if (!r) return No(Rejection::kUnknownReceipt, "No receipt " + c.number + "; see `fij receipt list`.");
  if (r->cancelled)
    return No(Rejection::kReceiptAlreadyCancelled,
              "Receipt " + c.number + " was cancelled on " + YmdToIso(r->cancellation.date) + ".");
  if (c.reason.empty())
    return No(Rejection::kInvalidPeriod, "Give --reason: the donor is told in writing why.");
  uint32_t date = OrToday(c.date);
  ReceiptCancelled cancelled{c.number, c.reason, date};
  std::vector<Event> out{cancelled};
  if (c.reissue) {
    const FundState* fund = s.Fund(r->receipt.fund_id);
    const PartnerState* partner = s.Partner(r->receipt.partner_id);
    std::vector<const GiftState*> gifts;
    for (const auto& id : r->receipt.gift_ids) gifts.push_back(s.Gift(id));
    bool recap = r->receipt.period_from % 10000 == 101 && r->receipt.period_to % 10000 == 1231 &&
                 r->receipt.period_from / 10000 == r->receipt.period_to / 10000 &&
                 (r->receipt.gift_ids.size() > 1 || r->receipt.period_from != r->receipt.period_to);
    auto reissued = BuildReceipt(s, *fund, r->receipt.partner_id, *partner, gifts, date, c.number,
                                 recap ? static_cast<int32_t>(r->receipt.period_from / 10000) : 0,
                                 c.number);
    if (!reissued) return tl::unexpected(reissued.error());
    out.push_back(*reissued);
  }
  return out;
}

CommandSpec Spec(const State& s, const CancelReceipt& c) {
  const ReceiptState* r = s.Receipt(c.number);
  std::string fund = r ? r->receipt.fund_id : s.default_fund;
  Body b;
  b.Add("number", c.number).Add("reason", c.reason).Add("date", c.date);
  b.Add("reissue", c.reissue ? 1 : 0);
  return {"receipts-" + fund, engine::kAnyVersion, "receipt-cancel:" + c.number, b.str()};
}

Decision Decide(const State& s, const FileDeclaration& c) {
  const FundState* fund = s.Fund(c.fund_id);
  if (!fund) return tl::unexpected(NoSuchFund(s, c.fund_id));
  std::string fid = fund->identity.fund_id;
  if (s.declarations.count({fid, c.year}))
    return No(Rejection::kDeclarationAlreadyFiled,
              "The " + std::to_string(c.year) + " declaration was filed on " +
                  YmdToIso(s.declarations.at({fid, c.year}).date) + ".");
  // Receipts actually delivered (not cancelled) whose gifts were received in the year.
  uint32_t count = 0;
  std::vector<int64_t> amounts;
  for (const auto& num : s.receipt_order) {
    const ReceiptState& r = s.receipts.at(num);
    if (r.cancelled || r.receipt.fund_id != fid) continue;
    if (static_cast<int32_t>(r.receipt.period_to / 10000) != c.year) continue;
    ++count;
    amounts.push_back(r.receipt.amount_cents);
  }
  auto total = CheckedSum(amounts);
  if (!total) return No(Rejection::kAmountOverflow, "The year's total overflows.");
  return std::vector<Event>{DeclarationFiled{fid, c.year, count, *total, OrToday(c.date)}};
}

CommandSpec Spec(const State& s, const FileDeclaration& c) {
  std::string fund = c.fund_id.empty() ? s.default_fund : c.fund_id;
  Body b;
  b.Add("fund", fund).Add("year", c.year).Add("date", c.date);
  return {"declarations-" + fund, engine::kAnyVersion,
          "declaration:" + fund + ":" + std::to_string(c.year), b.str()};
}

}  // namespace fij::ledger
