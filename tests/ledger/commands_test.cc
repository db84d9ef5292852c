// Decide, rule by rule: given events, when a command, then events or a rejection (STYLE.md
// "Tests"). The rules are DOMAIN-LAW.md §1-§4 and §9; every expected receipt below is written
// out field by field here, independently of ledger/commands/receipt.cc.
#include "ledger/commands.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "ledger/ledger.h"
#include "ledger/money.h"
#include "ledger/params.h"
#include "ledger/rejection.h"
#include "ledger/posting_map.h"
#include "ledger/state.h"
#include "projections/declaration.h"
#include "tests/ledger/decide_util.h"
#include "tests/test_util.h"

// Commands and events are written with designated initializers that leave the other members at
// their defaults on purpose; g++ 12 flags that under -Wextra (-Wmissing-field-initializers).
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace fij::ledger {
namespace {

using fij::testing::Decided;
using fij::testing::ExpectDecide;
using fij::testing::Fold;
using fij::testing::With;

// ---------------------------------------------------------------------------------------------
// The fund, its partners, their gifts.

constexpr char kFundId[] = "fij";
constexpr char kCertification238Bis[] =
    "Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il reçoit ouvrent droit "
    "à la réduction d'impôt prévue à l'article 238 bis du code général des impôts.";
constexpr char kCertification200[] =
    "Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il reçoit ouvrent droit "
    "à la réduction d'impôt prévue à l'article 200 du code général des impôts.";
constexpr char kBankModes[] = "Virement, prélèvement, carte bancaire";

FundInitialized Fund() {
  return {.fund_id = kFundId,
          .name = "Fonds d'Initiative Jurassienne",
          .siren = "443061841",
          .address = "12 rue du Collège, 39000 Lons-le-Saunier",
          .object = "Aides financières et accompagnement des PME du Jura (philanthropique)",
          .category = kDefaultFundCategory,
          .signer_name = "Claire Martin",
          .signer_capacity = "Présidente",
          .date = 20200101};
}
AgrementRecorded Agrement() {
  return {.fund_id = kFundId,
          .reference = "AGR-238BIS4-2020",
          .valid_from = 20200101,
          .valid_to = 20261231,
          .date = 20200101};
}
PartnerRegistered Acme() {
  return {.partner_id = "acme",
          .kind = PartnerKind::kCompany,
          .name = "Acme Industries",
          .siren = "732829320",
          .legal_form = "SAS",
          .address = "1 avenue de la Gare, 39100 Dole",
          .date = 20200101};
}
PartnerRegistered Lumiere() {
  return {.partner_id = "lumiere",
          .kind = PartnerKind::kCompany,
          .name = "Lumière SA",
          .siren = "552100554",
          .legal_form = "SA",
          .address = "3 quai Vauban, 25000 Besançon",
          .date = 20200101};
}
PartnerRegistered Marie() {
  return {.partner_id = "marie",
          .kind = PartnerKind::kIndividual,
          .name = "Marie Dupont",
          .siren = "",
          .legal_form = "",
          .address = "5 rue des Lilas, 39000 Lons-le-Saunier",
          .date = 20200101};
}
// The fund with a valid agrément from 2020 to 2026 and three partners.
std::vector<Event> Base() { return {Fund(), Agrement(), Acme(), Lumiere(), Marie()}; }

// A received cash patronage gift by transfer, credited on `date`.
GiftRecorded Gift(const std::string& id, const std::string& partner, int64_t cents, uint32_t date) {
  return {.gift_id = id,
          .partner_id = partner,
          .fund_id = kFundId,
          .amount_cents = cents,
          .date = date,
          .announced_on = date};
}
GiftRecorded WithCounterparts(GiftRecorded g, int64_t cents) {
  g.counterparts_cents = cents;
  g.counterparts_description = "invitations au dîner des partenaires";
  return g;
}
GiftRecorded Pending(const std::string& id, const std::string& partner, int64_t cents,
                     uint32_t announced_on) {
  GiftRecorded g = Gift(id, partner, cents, 0);
  g.announced_on = announced_on;
  return g;
}
GiftRecorded Sponsorship(const std::string& id, const std::string& partner, int64_t cents,
                         uint32_t date) {
  GiftRecorded g = Gift(id, partner, cents, date);
  g.kind = GiftKind::kSponsorship;
  return g;
}

// The receipt the fund must issue to `donor`: every mandatory mention of DOMAIN-LAW.md §3.2.
// Cash by transfer unless the caller changes nature/mode afterwards.
ReceiptIssued Receipt(const PartnerRegistered& donor, const std::string& number, uint32_t issued_on,
                      std::vector<std::string> gift_ids, int64_t amount_cents,
                      const std::string& amount_words, uint32_t period_from, uint32_t period_to) {
  const bool company = donor.kind == PartnerKind::kCompany;
  ReceiptIssued r;
  r.number = number;
  r.fund_id = kFundId;
  r.year = std::stoi(number.substr(0, 4));
  r.sequence = static_cast<uint32_t>(std::stoul(number.substr(5)));
  r.issued_on = issued_on;
  r.form = company ? ReceiptForm::kCerfa16216 : ReceiptForm::kCerfa11580;
  r.article = company ? "238 bis" : "200";
  r.gift_ids = std::move(gift_ids);
  r.period_from = period_from;
  r.period_to = period_to;
  r.amount_cents = amount_cents;
  r.amount_words = amount_words;
  r.fund_name = Fund().name;
  r.fund_address = Fund().address;
  r.fund_object = Fund().object;
  r.fund_siren = Fund().siren;
  r.fund_category = kDefaultFundCategory;
  r.agrement_ref = Agrement().reference;
  r.partner_id = donor.partner_id;
  r.donor_kind = donor.kind;
  r.donor_name = donor.name;
  r.donor_address = donor.address;
  r.donor_siren = donor.siren;
  r.donor_legal_form = donor.legal_form;
  r.forme_du_don = "Déclaration de don manuel";
  r.nature_du_don = "Numéraire";
  r.mode_de_versement = kBankModes;
  r.in_kind_description = "";
  r.signer_name = Fund().signer_name;
  r.signer_capacity = Fund().signer_capacity;
  r.certification = company ? kCertification238Bis : kCertification200;
  return r;
}
// The receipt of one gift: its period is the gift's date.
ReceiptIssued GiftReceipt(const PartnerRegistered& donor, const std::string& number,
                          uint32_t issued_on, const std::string& gift_id, int64_t amount_cents,
                          const std::string& amount_words, uint32_t gift_date) {
  return Receipt(donor, number, issued_on, {gift_id}, amount_cents, amount_words, gift_date,
                 gift_date);
}
ReceiptCancelled Cancelled(const std::string& number, uint32_t date) {
  return {.number = number, .reason = "adresse du donateur erronée", .date = date};
}

IssueReceipt IssueFor(const std::string& gift_id, uint32_t date) {
  return {.gift_id = gift_id, .date = date};
}

// ---------------------------------------------------------------------------------------------
// Receipts: the right form for the donor (§9 rule 2).

TEST(ReceiptTest, CompanyGiftGetsCerfa16216UnderArticle238Bis) {
  ExpectDecide(With(Base(), {Gift("g1", "acme", 100000, 20240315)}), IssueFor("g1", 20240320),
               {GiftReceipt(Acme(), "2024-0001", 20240320, "g1", 100000, "mille euros", 20240315)});
}

TEST(ReceiptTest, CitizenGiftGetsCerfa11580UnderArticle200) {
  const auto given = With(Base(), {Gift("g1", "marie", 40000, 20240315)});
  const auto after = ExpectDecide(
      given, IssueFor("g1", 20240315),
      {GiftReceipt(Marie(), "2024-0001", 20240315, "g1", 40000, "quatre cents euros", 20240315)});
  ASSERT_EQ(given.size() + 1, after.size());  // accepted, one event
  const auto& r = std::get<ReceiptIssued>(after.back());
  EXPECT_EQ(ReceiptForm::kCerfa11580, r.form);
  EXPECT_EQ("200", r.article);
  EXPECT_EQ("", r.donor_siren);
}

TEST(ReceiptTest, ChequeAndCashGiftsNameTheirModeOfPayment) {
  GiftRecorded cheque = Gift("g1", "marie", 40000, 20240315);
  cheque.method = PaymentMethod::kCheque;
  ReceiptIssued by_cheque =
      GiftReceipt(Marie(), "2024-0001", 20240315, "g1", 40000, "quatre cents euros", 20240315);
  by_cheque.mode_de_versement = "Chèque";
  ExpectDecide(With(Base(), {cheque}), IssueFor("g1", 20240315), {by_cheque});

  GiftRecorded cash = Gift("g1", "marie", 30000, 20240315);
  cash.method = PaymentMethod::kCash;
  ReceiptIssued in_cash =
      GiftReceipt(Marie(), "2024-0001", 20240315, "g1", 30000, "trois cents euros", 20240315);
  in_cash.mode_de_versement = "Remise d'espèces";
  ExpectDecide(With(Base(), {cash}), IssueFor("g1", 20240315), {in_cash});
}

// DOMAIN-LAW.md §3.2 and §9 rule 2: every mention the Cerfa model carries is in the event.
TEST(ReceiptTest, ReceiptCarriesEveryMandatoryMention) {
  for (const PartnerRegistered& donor : {Acme(), Marie()}) {
    SCOPED_TRACE(donor.partner_id);
    Decision d = DecideCommand(Fold(With(Base(), {Gift("g1", donor.partner_id, 123456, 20240315)})),
                               IssueFor("g1", 20240401));
    ASSERT_TRUE(d.has_value()) << d.error().message;
    ASSERT_EQ(1u, d->size());
    const auto& r = std::get<ReceiptIssued>(d->front());
    // Numéro d'ordre.
    EXPECT_EQ("2024-0001", r.number);
    // Bénéficiaire: name, address, object, SIREN/RNA, category box, agrément.
    EXPECT_EQ(Fund().name, r.fund_name);
    EXPECT_EQ(Fund().address, r.fund_address);
    EXPECT_EQ(Fund().object, r.fund_object);
    EXPECT_EQ(Fund().siren, r.fund_siren);
    EXPECT_NE(std::string::npos, r.fund_category.find("238 bis"));
    EXPECT_EQ(Agrement().reference, r.agrement_ref);
    // Donateur: name and full address; for a company, legal form and SIREN.
    EXPECT_EQ(donor.name, r.donor_name);
    EXPECT_EQ(donor.address, r.donor_address);
    EXPECT_EQ(donor.kind, r.donor_kind);
    if (donor.kind == PartnerKind::kCompany) {
      EXPECT_EQ("732829320", r.donor_siren);
      EXPECT_EQ("SAS", r.donor_legal_form);
    }
    // Amount in figures and in letters.
    EXPECT_EQ(123456, r.amount_cents);
    EXPECT_EQ("mille deux cent trente-quatre euros et cinquante-six centimes", r.amount_words);
    // Date of payment, forme, nature, mode.
    EXPECT_EQ(20240315u, r.period_from);
    EXPECT_EQ(20240315u, r.period_to);
    EXPECT_EQ(20240401u, r.issued_on);
    EXPECT_EQ("Déclaration de don manuel", r.forme_du_don);
    EXPECT_EQ("Numéraire", r.nature_du_don);
    EXPECT_EQ(kBankModes, r.mode_de_versement);
    // Signer and capacity; the certification sentence under the right article.
    EXPECT_EQ("Claire Martin", r.signer_name);
    EXPECT_EQ("Présidente", r.signer_capacity);
    EXPECT_EQ(donor.kind == PartnerKind::kCompany ? kCertification238Bis : kCertification200,
              r.certification);
    EXPECT_NE(std::string::npos, r.certification.find("certifie sur l'honneur"));
  }
}

TEST(ReceiptTest, FundWithoutSignerIssuesNoReceipt) {
  FundInitialized unsigned_fund = Fund();
  unsigned_fund.signer_capacity = "";
  ExpectDecide({unsigned_fund, Agrement(), Acme(), Gift("g1", "acme", 100000, 20240315)},
               IssueFor("g1", 20240320), Rejection::kFundDataMissing);
}

// ---------------------------------------------------------------------------------------------
// Numbering: unique, gap-free per fund and year, never reused (§3.3, §9 rule 1).

TEST(ReceiptTest, NumbersFollowOnWithoutGapWithinAYear) {
  auto given = With(
      Base(), {Gift("g1", "acme", 100000, 20240315), Gift("g2", "lumiere", 150000, 20240316),
               GiftReceipt(Acme(), "2024-0001", 20240320, "g1", 100000, "mille euros", 20240315)});
  ExpectDecide(given, IssueFor("g2", 20240321),
               {GiftReceipt(Lumiere(), "2024-0002", 20240321, "g2", 150000,
                            "mille cinq cents euros", 20240316)});
}

TEST(ReceiptTest, NewYearRestartsNumberingAtOne) {
  auto given = With(
      Base(), {Gift("g1", "acme", 100000, 20240315), Gift("g2", "lumiere", 150000, 20241230),
               GiftReceipt(Acme(), "2024-0001", 20240320, "g1", 100000, "mille euros", 20240315)});
  // The gift is of 2024, the receipt issued in 2025: the number follows the issue date.
  ExpectDecide(given, IssueFor("g2", 20250105),
               {GiftReceipt(Lumiere(), "2025-0001", 20250105, "g2", 150000,
                            "mille cinq cents euros", 20241230)});
}

TEST(ReceiptTest, CancelledNumberStaysInRegisterAndIsNeverReused) {
  auto given = With(
      Base(), {Gift("g1", "acme", 100000, 20240315),
               GiftReceipt(Acme(), "2024-0001", 20240320, "g1", 100000, "mille euros", 20240315),
               Cancelled("2024-0001", 20240322)});
  State s = Fold(given);
  ASSERT_NE(nullptr, s.Receipt("2024-0001"));
  EXPECT_TRUE(s.Receipt("2024-0001")->cancelled);
  EXPECT_EQ("", s.Gift("g1")->active_receipt);
  // The gift can be receipted again, under the next number.
  ExpectDecide(given, IssueFor("g1", 20240323),
               {GiftReceipt(Acme(), "2024-0002", 20240323, "g1", 100000, "mille euros", 20240315)});
}

TEST(ReceiptTest, ReissueTakesANewNumberAndNamesTheReceiptItReplaces) {
  auto given = With(
      Base(),
      {Gift("g1", "acme", 100000, 20240315),
       GiftReceipt(Acme(), "2024-0001", 20240320, "g1", 100000, "mille euros", 20240315),
       PartnerCorrected{
           .partner_id = "acme", .address = "2 avenue de la Gare, 39100 Dole", .date = 20240321}});
  PartnerRegistered corrected = Acme();
  corrected.address = "2 avenue de la Gare, 39100 Dole";
  ReceiptIssued reissued =
      GiftReceipt(corrected, "2024-0002", 20240322, "g1", 100000, "mille euros", 20240315);
  reissued.replaces = "2024-0001";
  ExpectDecide(given,
               CancelReceipt{.number = "2024-0001",
                             .reason = "adresse du donateur erronée",
                             .date = 20240322,
                             .reissue = true},
               {Cancelled("2024-0001", 20240322), reissued});
}

TEST(ReceiptTest, ReissueOfARecapStaysARecap) {
  auto given =
      With(Base(), {Gift("g1", "acme", 100000, 20240315), Gift("g2", "acme", 150000, 20240615),
                    Receipt(Acme(), "2025-0001", 20250110, {"g1", "g2"}, 250000,
                            "deux mille cinq cents euros", 20240101, 20241231)});
  ReceiptIssued reissued = Receipt(Acme(), "2025-0002", 20250112, {"g1", "g2"}, 250000,
                                   "deux mille cinq cents euros", 20240101, 20241231);
  reissued.replaces = "2025-0001";
  ExpectDecide(given,
               CancelReceipt{.number = "2025-0001",
                             .reason = "adresse du donateur erronée",
                             .date = 20250112,
                             .reissue = true},
               {Cancelled("2025-0001", 20250112), reissued});
}

TEST(ReceiptTest, CorrectedReceiptReplacesOnlyACancelledReceiptOfTheSameDonor) {
  auto receipted = With(
      Base(), {Gift("g1", "acme", 100000, 20240315), Gift("g2", "lumiere", 150000, 20240316),
               GiftReceipt(Acme(), "2024-0001", 20240320, "g1", 100000, "mille euros", 20240315)});
  IssueReceipt correction{.gift_id = "g1", .date = 20240325, .replaces = "2024-0001"};
  // Not cancelled yet.
  ExpectDecide(receipted, correction, Rejection::kReplacedReceiptNotCancelled);
  // Another donor's receipt, even cancelled, is not replaced by this one.
  ExpectDecide(With(receipted, {Cancelled("2024-0001", 20240322)}),
               IssueReceipt{.gift_id = "g2", .date = 20240325, .replaces = "2024-0001"},
               Rejection::kReplacedReceiptNotCancelled);
  // A receipt that does not exist is not replaced either.
  ExpectDecide(receipted, IssueReceipt{.gift_id = "g2", .date = 20240325, .replaces = "2024-0077"},
               Rejection::kReplacedReceiptNotCancelled);
  // Cancelled, same donor: accepted.
  ReceiptIssued corrected =
      GiftReceipt(Acme(), "2024-0002", 20240325, "g1", 100000, "mille euros", 20240315);
  corrected.replaces = "2024-0001";
  auto cancelled = With(receipted, {Cancelled("2024-0001", 20240322)});
  ExpectDecide(cancelled, correction, {corrected});
  // Replaced once only.
  ExpectDecide(With(cancelled, {corrected, Cancelled("2024-0002", 20240326)}),
               IssueReceipt{.gift_id = "g1", .date = 20240327, .replaces = "2024-0001"},
               Rejection::kReplacedReceiptNotCancelled);
}

TEST(ReceiptTest, ReceiptIsCancelledOnceAndWithAReason) {
  auto given = With(
      Base(), {Gift("g1", "acme", 100000, 20240315),
               GiftReceipt(Acme(), "2024-0001", 20240320, "g1", 100000, "mille euros", 20240315)});
  ExpectDecide(given, CancelReceipt{.number = "2024-0001", .reason = "", .date = 20240322},
               Rejection::kInvalidPeriod);
  ExpectDecide(With(given, {Cancelled("2024-0001", 20240322)}),
               CancelReceipt{.number = "2024-0001", .reason = "encore", .date = 20240323},
               Rejection::kReceiptAlreadyCancelled);
  ExpectDecide(given, CancelReceipt{.number = "2024-0009", .reason = "x", .date = 20240323},
               Rejection::kUnknownReceipt);
}

// A second fund numbers its own series; its numbers carry its id so that they never collide
// with the first fund's (the register is keyed by number).
TEST(ReceiptTest, SecondFundNumbersItsOwnSeriesWithoutCollision) {
  FundInitialized other = Fund();
  other.fund_id = "jura2";
  AgrementRecorded other_agrement = Agrement();
  other_agrement.fund_id = "jura2";
  GiftRecorded to_other = Gift("h1", "lumiere", 150000, 20240316);
  to_other.fund_id = "jura2";
  auto given = With(
      Base(), {other, other_agrement, Gift("g1", "acme", 100000, 20240315), to_other,
               GiftReceipt(Acme(), "2024-0001", 20240320, "g1", 100000, "mille euros", 20240315)});
  Decision d = DecideCommand(Fold(given),
                             IssueReceipt{.fund_id = "jura2", .gift_id = "h1", .date = 20240321});
  ASSERT_TRUE(d.has_value()) << d.error().message;
  const auto& r = std::get<ReceiptIssued>(d->front());
  EXPECT_EQ("jura2", r.fund_id);
  EXPECT_EQ(1u, r.sequence);
  EXPECT_EQ(2024, r.year);
  EXPECT_EQ("jura2-2024-0001", r.number);
  // Applying it next to the first fund's 2024-0001 keeps both.
  State s = Fold(With(given, {r}));
  EXPECT_EQ(2u, s.receipts.size());
  // And the default fund cannot receipt the other fund's gift under its own name.
  ExpectDecide(given, IssueFor("h1", 20240321), Rejection::kUnknownGift);
}

// ---------------------------------------------------------------------------------------------
// No receipt without the legal basis (§9 rule 4).

TEST(ReceiptTest, GiftOutsideAgrementPeriodGetsNoReceipt) {
  ExpectDecide(With(Base(), {Gift("g1", "acme", 100000, 20191215)}), IssueFor("g1", 20200110),
               Rejection::kOutsideAgrementPeriod);
  ExpectDecide(With(Base(), {Gift("g1", "acme", 100000, 20270105)}), IssueFor("g1", 20270110),
               Rejection::kOutsideAgrementPeriod);
  // Bounds are inclusive: the agrément's first and last days.
  ExpectDecide(With(Base(), {Gift("g1", "acme", 100000, 20200101)}), IssueFor("g1", 20200101),
               {GiftReceipt(Acme(), "2020-0001", 20200101, "g1", 100000, "mille euros", 20200101)});
  ExpectDecide(With(Base(), {Gift("g1", "acme", 100000, 20261231)}), IssueFor("g1", 20270102),
               {GiftReceipt(Acme(), "2027-0001", 20270102, "g1", 100000, "mille euros", 20261231)});
  // Once the renewal is recorded, the 2027 gift is receipted under the renewal's reference.
  AgrementRecorded renewal{.fund_id = kFundId,
                           .reference = "AGR-238BIS4-2027",
                           .valid_from = 20270101,
                           .valid_to = 20291231,
                           .date = 20261201};
  ReceiptIssued under_renewal =
      GiftReceipt(Acme(), "2027-0001", 20270110, "g1", 100000, "mille euros", 20270105);
  under_renewal.agrement_ref = "AGR-238BIS4-2027";
  ExpectDecide(With(Base(), {renewal, Gift("g1", "acme", 100000, 20270105)}),
               IssueFor("g1", 20270110), {under_renewal});
}

TEST(ReceiptTest, CounterpartsOfExactlyAQuarterOfTheGiftAreAccepted) {
  GiftRecorded g = WithCounterparts(Gift("g1", "acme", 100000, 20240315), 25000);
  ExpectDecide(With(Base(), {g}), IssueFor("g1", 20240320),
               {GiftReceipt(Acme(), "2024-0001", 20240320, "g1", 100000, "mille euros", 20240315)});
}

TEST(ReceiptTest, CounterpartsAboveAQuarterOfTheGiftAreRefused) {
  GiftRecorded g = WithCounterparts(Gift("g1", "acme", 100000, 20240315), 25001);
  ExpectDecide(With(Base(), {g}), IssueFor("g1", 20240320),
               Rejection::kCounterpartsAboveQuarterOfGift);
}

// A citizen's counterparts: 25 % of the gift and at most 73 EUR a year since 2021.
TEST(ReceiptTest, CitizenCounterpartsCapIs73EurosFrom2021) {
  ExpectDecide(
      With(Base(), {WithCounterparts(Gift("g1", "marie", 40000, 20210315), 7300)}),
      IssueFor("g1", 20210320),
      {GiftReceipt(Marie(), "2021-0001", 20210320, "g1", 40000, "quatre cents euros", 20210315)});
  ExpectDecide(With(Base(), {WithCounterparts(Gift("g1", "marie", 40000, 20210315), 7301)}),
               IssueFor("g1", 20210320), Rejection::kCounterpartsAboveCitizenYearlyCap);
}

TEST(ReceiptTest, CitizenCounterpartsCapWas69EurosIn2020) {
  ExpectDecide(
      With(Base(), {WithCounterparts(Gift("g1", "marie", 40000, 20201215), 6900)}),
      IssueFor("g1", 20201220),
      {GiftReceipt(Marie(), "2020-0001", 20201220, "g1", 40000, "quatre cents euros", 20201215)});
  // 70 EUR: above the 2020 cap, below the 2021 one. The gift's date decides.
  ExpectDecide(With(Base(), {WithCounterparts(Gift("g1", "marie", 40000, 20201231), 7000)}),
               IssueFor("g1", 20210105), Rejection::kCounterpartsAboveCitizenYearlyCap);
  ExpectDecide(
      With(Base(), {WithCounterparts(Gift("g1", "marie", 40000, 20210101), 7000)}),
      IssueFor("g1", 20210105),
      {GiftReceipt(Marie(), "2021-0001", 20210105, "g1", 40000, "quatre cents euros", 20210101)});
}

TEST(ReceiptTest, CitizenCapCountsEveryCounterpartOfTheYear) {
  auto given = With(Base(), {WithCounterparts(Gift("g1", "marie", 40000, 20240315), 4000),
                             WithCounterparts(Gift("g2", "marie", 40000, 20240615), 4000)});
  // 40 + 40 = 80 EUR of counterparts in 2024, above 73.
  ExpectDecide(given, IssueFor("g2", 20240620), Rejection::kCounterpartsAboveCitizenYearlyCap);
  // The same two gifts in different years are fine.
  auto apart = With(Base(), {WithCounterparts(Gift("g1", "marie", 40000, 20230315), 4000),
                             WithCounterparts(Gift("g2", "marie", 40000, 20240615), 4000)});
  ExpectDecide(
      apart, IssueFor("g2", 20240620),
      {GiftReceipt(Marie(), "2024-0001", 20240620, "g2", 40000, "quatre cents euros", 20240615)});
}

// Sponsorship is a sale: what the fund gives in return is not a counterpart of a gift.
TEST(ReceiptTest, CitizenCapIgnoresSponsorshipConsideration) {
  GiftRecorded sponsorship = WithCounterparts(Sponsorship("s1", "marie", 100000, 20240310), 20000);
  auto given =
      With(Base(), {sponsorship, WithCounterparts(Gift("g1", "marie", 40000, 20240315), 5000)});
  ExpectDecide(
      given, IssueFor("g1", 20240320),
      {GiftReceipt(Marie(), "2024-0001", 20240320, "g1", 40000, "quatre cents euros", 20240315)});
}

TEST(ReceiptTest, ParameterSetChangesTheCitizenCapFromItsDate) {
  ParameterSet raised{.name = param::kCitizenCounterpartsCapCents,
                      .value = 8000,
                      .valid_from = 20260101,
                      .note = "revalorisation quinquennale"};
  // 78 EUR: refused under the 73 EUR cap on 31/12/2025, accepted under 80 EUR from 1/1/2026.
  ExpectDecide(With(Base(), {raised, WithCounterparts(Gift("g1", "marie", 40000, 20251231), 7800)}),
               IssueFor("g1", 20260105), Rejection::kCounterpartsAboveCitizenYearlyCap);
  ExpectDecide(
      With(Base(), {raised, WithCounterparts(Gift("g1", "marie", 40000, 20260101), 7800)}),
      IssueFor("g1", 20260105),
      {GiftReceipt(Marie(), "2026-0001", 20260105, "g1", 40000, "quatre cents euros", 20260101)});
  EXPECT_EQ(7300, Fold({raised}).params.At(param::kCitizenCounterpartsCapCents, 20251231));
  EXPECT_EQ(8000, Fold({raised}).params.At(param::kCitizenCounterpartsCapCents, 20260101));
}

TEST(ReceiptTest, CompanyGiftInKindNeedsTheCompanysValuation) {
  GiftRecorded in_kind = Gift("g1", "acme", 250000, 20240315);
  in_kind.nature = GiftNature::kInKind;
  in_kind.description = "12 ordinateurs portables reconditionnés";
  ExpectDecide(With(Base(), {in_kind}), IssueFor("g1", 20240320),
               Rejection::kInKindWithoutCompanyValuation);

  in_kind.valuation_ref = "ACME-VAL-2024-03";
  ReceiptIssued r = GiftReceipt(Acme(), "2024-0001", 20240320, "g1", 250000,
                                "deux mille cinq cents euros", 20240315);
  r.nature_du_don = "Autres : don en nature";
  r.mode_de_versement = "";
  r.in_kind_description =
      "12 ordinateurs portables reconditionnés (valorisation de l'entreprise : ACME-VAL-2024-03)";
  ExpectDecide(With(Base(), {in_kind}), IssueFor("g1", 20240320), {r});
}

TEST(ReceiptTest, CompanySkillsNeedTheCompanysValuation) {
  GiftRecorded skills = Gift("g1", "acme", 250000, 20240315);
  skills.nature = GiftNature::kSkills;
  skills.description = "2 ingénieurs, 10 jours";
  ExpectDecide(With(Base(), {skills}), IssueFor("g1", 20240320),
               Rejection::kInKindWithoutCompanyValuation);

  skills.valuation_ref = "ACME-PAIE-2024";
  ReceiptIssued r = GiftReceipt(Acme(), "2024-0001", 20240320, "g1", 250000,
                                "deux mille cinq cents euros", 20240315);
  r.nature_du_don = "Autres : mécénat de compétences (mise à disposition de salariés)";
  r.mode_de_versement = "";
  r.in_kind_description = "2 ingénieurs, 10 jours (valorisation de l'entreprise : ACME-PAIE-2024)";
  ExpectDecide(With(Base(), {skills}), IssueFor("g1", 20240320), {r});
}

TEST(ReceiptTest, SponsorshipGetsNoReceipt) {
  ExpectDecide(With(Base(), {Sponsorship("s1", "acme", 100000, 20240315)}),
               IssueFor("s1", 20240320), Rejection::kSponsorshipNotPatronage);
}

TEST(ReceiptTest, PendingGiftGetsNoReceiptUntilReceived) {
  auto pending = With(Base(), {Pending("g1", "acme", 100000, 20240301)});
  ExpectDecide(pending, IssueFor("g1", 20240320), Rejection::kGiftNotReceived);
  // The tax date is the day the money was credited, not the announcement.
  ExpectDecide(With(pending, {GiftReceived{.gift_id = "g1", .date = 20240312}}),
               IssueFor("g1", 20240320),
               {GiftReceipt(Acme(), "2024-0001", 20240320, "g1", 100000, "mille euros", 20240312)});
}

TEST(ReceiptTest, ReceiptedGiftCannotBeReceiptedTwice) {
  ExpectDecide(With(Base(), {Gift("g1", "acme", 100000, 20240315),
                             GiftReceipt(Acme(), "2024-0001", 20240320, "g1", 100000, "mille euros",
                                         20240315)}),
               IssueFor("g1", 20240321), Rejection::kAlreadyReceipted);
}

TEST(ReceiptTest, ReceiptDatedBeforeTheGiftIsRefused) {
  auto given = With(Base(), {Gift("g1", "acme", 100000, 20240315)});
  ExpectDecide(given, IssueFor("g1", 20240314), Rejection::kReceiptBeforeGift);
  ExpectDecide(given, IssueFor("g1", 20240315),
               {GiftReceipt(Acme(), "2024-0001", 20240315, "g1", 100000, "mille euros", 20240315)});
}

TEST(ReceiptTest, CitizenWithoutAddressGetsNoReceiptUntilCorrected) {
  PartnerRegistered no_address = Marie();
  no_address.address = "";
  std::vector<Event> given = {Fund(), Agrement(), no_address, Gift("g1", "marie", 40000, 20240315)};
  Decision d = ExpectDecide(given, IssueFor("g1", 20240320), Rejection::kDonorDataMissing);
  ASSERT_FALSE(d.has_value());
  EXPECT_NE(std::string::npos, d.error().message.find("--address"));

  ExpectDecide(
      With(given,
           {PartnerCorrected{.partner_id = "marie", .address = Marie().address, .date = 20240318}}),
      IssueFor("g1", 20240320),
      {GiftReceipt(Marie(), "2024-0001", 20240320, "g1", 40000, "quatre cents euros", 20240315)});
}

TEST(ReceiptTest, CompanyWithoutSirenOrLegalFormGetsNoReceiptUntilCorrected) {
  PartnerRegistered no_siren = Acme();
  no_siren.siren = "";
  PartnerRegistered no_form = Acme();
  no_form.legal_form = "";
  for (const auto& [partner, flag] :
       {std::pair{no_siren, "--siren"}, std::pair{no_form, "--legal-form"}}) {
    SCOPED_TRACE(flag);
    std::vector<Event> given = {Fund(), Agrement(), partner, Gift("g1", "acme", 100000, 20240315)};
    Decision d = ExpectDecide(given, IssueFor("g1", 20240320), Rejection::kDonorDataMissing);
    ASSERT_FALSE(d.has_value());
    EXPECT_NE(std::string::npos, d.error().message.find(flag));
    ExpectDecide(
        With(given, {PartnerCorrected{.partner_id = "acme",
                                      .siren = Acme().siren,
                                      .legal_form = Acme().legal_form,
                                      .date = 20240318}}),
        IssueFor("g1", 20240320),
        {GiftReceipt(Acme(), "2024-0001", 20240320, "g1", 100000, "mille euros", 20240315)});
  }
}

// ---------------------------------------------------------------------------------------------
// Recap receipts: one receipt per partner and year (§3.3).

TEST(ReceiptTest, RecapSumsThePartnersPatronageGiftsOfTheYear) {
  GiftRecorded by_cheque = Gift("g2", "acme", 150000, 20240615);
  by_cheque.method = PaymentMethod::kCheque;
  auto given =
      With(Base(),
           {Gift("g0", "acme", 70000, 20231220),  // other year
            Gift("g1", "acme", 100000, 20240210), Sponsorship("s1", "acme", 500000, 20240301),
            by_cheque, Gift("g3", "acme", 30000, 20240901),
            GiftReceipt(Acme(), "2024-0001", 20240905, "g3", 30000, "trois cents euros", 20240901),
            Pending("p1", "acme", 90000, 20241130),
            Gift("l1", "lumiere", 80000, 20240501)});  // other partner
  ReceiptIssued recap = Receipt(Acme(), "2025-0001", 20250115, {"g1", "g2"}, 250000,
                                "deux mille cinq cents euros", 20240101, 20241231);
  recap.mode_de_versement = std::string("Chèque ; ") + kBankModes;
  ExpectDecide(given, IssueReceipt{.partner_id = "acme", .year = 2024, .date = 20250115}, {recap});
}

TEST(ReceiptTest, RecapRefusesWhenNothingIsLeftToReceipt) {
  auto given = With(
      Base(),
      {Sponsorship("s1", "acme", 500000, 20240301), Pending("p1", "acme", 90000, 20241130),
       Gift("g3", "acme", 30000, 20240901),
       GiftReceipt(Acme(), "2024-0001", 20240905, "g3", 30000, "trois cents euros", 20240901)});
  Decision d =
      ExpectDecide(given, IssueReceipt{.partner_id = "acme", .year = 2024, .date = 20250115},
                   Rejection::kNothingToReceipt);
  ASSERT_FALSE(d.has_value());
  EXPECT_NE(std::string::npos,
            d.error().message.find("1 already receipted, 1 pending, 1 sponsorship"));
  ExpectDecide(Base(), IssueReceipt{.partner_id = "acme", .year = 2024, .date = 20250115},
               Rejection::kNothingToReceipt);
  ExpectDecide(Base(), IssueReceipt{.partner_id = "nobody", .year = 2024, .date = 20250115},
               Rejection::kUnknownPartner);
}

// ---------------------------------------------------------------------------------------------
// Gifts and pledges.

TEST(GiftTest, RecordGiftRecordsTheTaxDate) {
  ExpectDecide(Base(),
               RecordGift{.gift_id = "g1",
                          .partner_id = "acme",
                          .amount_cents = 100000,
                          .date = 20240315,
                          .method = PaymentMethod::kCheque,
                          .counterparts_cents = 2000,
                          .counterparts_description = "deux places",
                          .description = "don annuel"},
               {GiftRecorded{.gift_id = "g1",
                             .partner_id = "acme",
                             .fund_id = kFundId,
                             .amount_cents = 100000,
                             .date = 20240315,
                             .announced_on = 20240315,
                             .method = PaymentMethod::kCheque,
                             .counterparts_cents = 2000,
                             .counterparts_description = "deux places",
                             .description = "don annuel"}});
}

// A gift's journal entry is labelled with its partner's name as corrected at the time: the
// posting map reads it from the State, and from the PostingContext of `report balance --full`
// (ExpectDecide compares the two, decision 37).
TEST(GiftTest, AGiftAfterANameCorrectionPostsUnderTheCorrectedName) {
  auto given = With(Base(), {PartnerCorrected{.partner_id = "acme", .name = "ACME Jura SAS",
                                              .date = 20240310}});
  auto after = ExpectDecide(given,
                            RecordGift{.gift_id = "g1",
                                       .partner_id = "acme",
                                       .amount_cents = 100000,
                                       .date = 20240315,
                                       .method = PaymentMethod::kTransfer},
                            {GiftRecorded{.gift_id = "g1",
                                          .partner_id = "acme",
                                          .fund_id = kFundId,
                                          .amount_cents = 100000,
                                          .date = 20240315,
                                          .announced_on = 20240315}});
  State s = Fold(given);
  auto entries = PostingsFor(s, after.back());
  ASSERT_EQ(1u, entries.size());
  EXPECT_EQ("Don ACME Jura SAS", entries[0].label);
}

TEST(GiftTest, PendingGiftHasNoTaxDateUntilReceived) {
  ExpectDecide(Base(),
               RecordGift{.gift_id = "g1",
                          .partner_id = "acme",
                          .amount_cents = 100000,
                          .date = 20240301,
                          .pending = true},
               {Pending("g1", "acme", 100000, 20240301)});
  auto pending = With(Base(), {Pending("g1", "acme", 100000, 20240301)});
  ExpectDecide(pending, ReceiveGift{.gift_id = "g1", .date = 20240312},
               {GiftReceived{.gift_id = "g1", .date = 20240312}});
  ExpectDecide(pending, ReceiveGift{.gift_id = "g1", .date = 20240229}, Rejection::kInvalidPeriod);
  ExpectDecide(With(pending, {GiftReceived{.gift_id = "g1", .date = 20240312}}),
               ReceiveGift{.gift_id = "g1", .date = 20240313}, Rejection::kGiftAlreadyReceived);
  ExpectDecide(With(Base(), {Gift("g1", "acme", 100000, 20240301)}),
               ReceiveGift{.gift_id = "g1", .date = 20240313}, Rejection::kGiftAlreadyReceived);
}

TEST(GiftTest, GiftFulfilsOnlyItsOwnDonorsPledge) {
  PledgeMade pledge{.pledge_id = "pl1",
                    .partner_id = "acme",
                    .fund_id = kFundId,
                    .amount_per_year_cents = 100000,
                    .years = 3,
                    .from_year = 2024,
                    .date = 20240105};
  auto given = With(Base(), {pledge});
  ExpectDecide(given,
               RecordGift{.gift_id = "g1",
                          .partner_id = "lumiere",
                          .amount_cents = 100000,
                          .date = 20240315,
                          .pledge_id = "pl1"},
               Rejection::kPledgeOfAnotherPartner);
  GiftRecorded fulfils = Gift("g1", "acme", 100000, 20240315);
  fulfils.pledge_id = "pl1";
  ExpectDecide(given,
               RecordGift{.gift_id = "g1",
                          .partner_id = "acme",
                          .amount_cents = 100000,
                          .date = 20240315,
                          .pledge_id = "pl1"},
               {fulfils});
  EXPECT_EQ(100000, Fold(With(given, {fulfils})).pledges.at("pl1").fulfilled_cents);
}

TEST(GiftTest, AmountIsPositiveAndAtMostTheTypedMaximum) {
  for (int64_t bad : {int64_t{0}, int64_t{-1}, kAmountCentsMax + 1}) {
    SCOPED_TRACE(bad);
    ExpectDecide(
        Base(),
        RecordGift{.gift_id = "g1", .partner_id = "acme", .amount_cents = bad, .date = 20240315},
        Rejection::kInvalidAmount);
  }
  ExpectDecide(Base(),
               RecordGift{.gift_id = "g1",
                          .partner_id = "acme",
                          .amount_cents = 100,
                          .date = 20240315,
                          .counterparts_cents = -1},
               Rejection::kInvalidAmount);
  ExpectDecide(
      Base(),
      RecordGift{
          .gift_id = "g1", .partner_id = "acme", .amount_cents = kAmountCentsMax, .date = 20240315},
      {Gift("g1", "acme", kAmountCentsMax, 20240315)});
}

TEST(PledgeTest, PledgeIsOffBalanceAndBounded) {
  MakePledge make{.pledge_id = "pl1",
                  .partner_id = "acme",
                  .amount_per_year_cents = 100000,
                  .years = 3,
                  .from_year = 2024,
                  .renewable = true,
                  .date = 20240105};
  ExpectDecide(Base(), make,
               {PledgeMade{.pledge_id = "pl1",
                           .partner_id = "acme",
                           .fund_id = kFundId,
                           .amount_per_year_cents = 100000,
                           .years = 3,
                           .from_year = 2024,
                           .renewable = true,
                           .date = 20240105}});
  MakePledge no_years = make;
  no_years.years = 0;
  ExpectDecide(Base(), no_years, Rejection::kInvalidPeriod);
  MakePledge no_amount = make;
  no_amount.amount_per_year_cents = 0;
  ExpectDecide(Base(), no_amount, Rejection::kInvalidAmount);
}

// ---------------------------------------------------------------------------------------------
// Partners: SIREN with its Luhn key.

TEST(PartnerTest, ValidSirenChecksNineDigitsAndTheLuhnKey) {
  for (const char* good : {"732829320", "552100554", "443061841", "542107651"})
    EXPECT_TRUE(ValidSiren(good)) << good;
  for (const char* bad :
       {"732829321", "552100555", "73282932", "7328293200", "73282932A", "", "732 829 320"})
    EXPECT_FALSE(ValidSiren(bad)) << bad;
}

TEST(PartnerTest, RegisterPartnerRefusesAnInvalidSiren) {
  RegisterPartner reg{.partner_id = "beta",
                      .kind = PartnerKind::kCompany,
                      .name = "Beta",
                      .siren = "732829321",
                      .legal_form = "SARL",
                      .address = "1 rue, Dole",
                      .date = 20240101};
  ExpectDecide(Base(), reg, Rejection::kInvalidSiren);
  for (const char* siren : {"732829320", "552100554"}) {
    reg.siren = siren;
    ExpectDecide(Base(), reg,
                 {PartnerRegistered{.partner_id = "beta",
                                    .kind = PartnerKind::kCompany,
                                    .name = "Beta",
                                    .siren = siren,
                                    .legal_form = "SARL",
                                    .address = "1 rue, Dole",
                                    .date = 20240101}});
  }
  ExpectDecide(Base(), CorrectPartner{.partner_id = "acme", .siren = "552100555"},
               Rejection::kInvalidSiren);
  ExpectDecide(Base(), CorrectPartner{.partner_id = "acme", .siren = "552100554"},
               {PartnerCorrected{.partner_id = "acme", .siren = "552100554"}});
  InitFund init{.name = "F", .siren = "443061842"};
  ExpectDecide({}, init, Rejection::kInvalidSiren);
}

// ---------------------------------------------------------------------------------------------
// Parameters.

TEST(ParameterTest, CitizenCapIsADatedParameter) {
  Parameters p;
  EXPECT_EQ(6500, p.At(param::kCitizenCounterpartsCapCents, 20160609));
  EXPECT_EQ(6900, p.At(param::kCitizenCounterpartsCapCents, 20160610));
  EXPECT_EQ(6900, p.At(param::kCitizenCounterpartsCapCents, 20201231));
  EXPECT_EQ(7300, p.At(param::kCitizenCounterpartsCapCents, 20210101));
  EXPECT_EQ(2500, p.At(param::kCounterpartsRatioMaxBp, 20240101));
}

TEST(ParameterTest, SetParameterNeedsAKnownNameAndADate) {
  ExpectDecide(Base(), SetParameter{.name = "citizen_cap", .value = 1, .valid_from = 20260101},
               Rejection::kUnknownParameter);
  ExpectDecide(Base(), SetParameter{.name = param::kCitizenCounterpartsCapCents, .value = 8000},
               Rejection::kInvalidPeriod);
  ExpectDecide(Base(),
               SetParameter{.name = param::kCitizenCounterpartsCapCents,
                            .value = 8000,
                            .valid_from = 20260101,
                            .note = "n"},
               {ParameterSet{.name = param::kCitizenCounterpartsCapCents,
                             .value = 8000,
                             .valid_from = 20260101,
                             .note = "n"}});
}

// ---------------------------------------------------------------------------------------------
// Overflow: each gift is at most kAmountCentsMax = 10^14 cents, so a real overflow needs about
// 92 234 gifts. Instead the State is built with Apply, bypassing Decide's per-gift limit, from
// gifts near INT64_MAX / 2 whose sum overflows int64; CheckedSum is also pinned directly.

TEST(OverflowTest, CheckedSumDetectsOverflow) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(kMax, CheckedSum({kMax - 1, 1}).value_or(-1));
  EXPECT_FALSE(CheckedSum({kMax, 1}).has_value());
  EXPECT_FALSE(CheckedSum({kMax / 2 + 1, kMax / 2 + 1}).has_value());
  EXPECT_EQ(0, CheckedSum({}).value_or(-1));
}

std::vector<Event> OverflowingGifts() {
  constexpr int64_t kHalf = std::numeric_limits<int64_t>::max() / 2 + 1;
  return With(Base(),
              {Gift("big1", "acme", kHalf, 20240301), Gift("big2", "acme", kHalf, 20240302)});
}

TEST(OverflowTest, RecapWhoseSumOverflowsIsRefused) {
  ExpectDecide(OverflowingGifts(),
               IssueReceipt{.partner_id = "acme", .year = 2024, .date = 20250110},
               Rejection::kAmountOverflow);
}

TEST(OverflowTest, DeclarationWhoseTotalOverflowsIsRefused) {
  constexpr int64_t kHalf = std::numeric_limits<int64_t>::max() / 2 + 1;
  auto given = With(OverflowingGifts(),
                    {GiftReceipt(Acme(), "2024-0001", 20240305, "big1", kHalf, "", 20240301),
                     GiftReceipt(Acme(), "2024-0002", 20240305, "big2", kHalf, "", 20240302)});
  ExpectDecide(given, FileDeclaration{.year = 2024, .date = 20250420}, Rejection::kAmountOverflow);
}

// ---------------------------------------------------------------------------------------------
// The art. 222 bis declaration (§4, §9 rule 6).

// 2024: Acme 6 000 + 4 000,01 EUR (above 10 000: listed), Lumière exactly 10 000 (not listed),
// Marie 20 000 (a citizen: never listed). One of Acme's receipts is cancelled and reissued.
std::vector<Event> DeclarationYear() {
  ReceiptIssued reissued =
      GiftReceipt(Acme(), "2024-0004", 20240701, "a1", 600000, "six mille euros", 20240210);
  reissued.replaces = "2024-0001";
  return With(
      Base(),
      {WithCounterparts(Gift("a1", "acme", 600000, 20240210), 50000),
       Gift("a2", "acme", 400001, 20240115), Sponsorship("as", "acme", 900000, 20240301),
       Gift("l1", "lumiere", 1000000, 20240410), Gift("m1", "marie", 2000000, 20240505),
       Gift("a0", "acme", 2000000, 20231231),  // the year before
       GiftReceipt(Acme(), "2024-0001", 20240215, "a1", 600000, "six mille euros", 20240210),
       GiftReceipt(Lumiere(), "2024-0002", 20240415, "l1", 1000000, "dix mille euros", 20240410),
       GiftReceipt(Marie(), "2024-0003", 20240510, "m1", 2000000, "vingt mille euros", 20240505),
       Cancelled("2024-0001", 20240701), reissued});
}

TEST(DeclarationTest, CountAndTotalExcludeCancelledReceipts) {
  State s = Fold(DeclarationYear());
  projections::Declaration d = projections::ComputeDeclaration(s, "", 2024);
  EXPECT_EQ(kFundId, d.fund_id);
  EXPECT_EQ(3u, d.receipts_count);   // 2024-0002, -0003, -0004
  EXPECT_EQ(1u, d.cancelled_count);  // 2024-0001
  EXPECT_EQ(1000000 + 2000000 + 600000, d.total_cents);
  EXPECT_EQ(projections::DeclarationDeadline(2025), d.deadline);
  EXPECT_FALSE(d.filed);
  // Filing freezes the same figures, once.
  ExpectDecide(DeclarationYear(), FileDeclaration{.year = 2024, .date = 20250420},
               {DeclarationFiled{.fund_id = kFundId,
                                 .year = 2024,
                                 .receipts_count = 3,
                                 .total_cents = 3600000,
                                 .date = 20250420}});
  auto filed = With(DeclarationYear(), {DeclarationFiled{.fund_id = kFundId,
                                                         .year = 2024,
                                                         .receipts_count = 3,
                                                         .total_cents = 3600000,
                                                         .date = 20250420}});
  ExpectDecide(filed, FileDeclaration{.year = 2024, .date = 20250421},
               Rejection::kDeclarationAlreadyFiled);
  projections::Declaration after = projections::ComputeDeclaration(Fold(filed), kFundId, 2024);
  EXPECT_TRUE(after.filed);
  EXPECT_EQ(3u, after.filed_count);
  EXPECT_EQ(3600000, after.filed_total_cents);
  EXPECT_EQ(20250420u, after.filed_on);
}

TEST(DeclarationTest, ListsCompaniesGivingStrictlyMoreThan10000Euros) {
  projections::Declaration d = projections::ComputeDeclaration(Fold(DeclarationYear()), "", 2024);
  EXPECT_EQ(1000000, d.company_threshold_cents);
  ASSERT_EQ(1u, d.companies.size());
  const auto& acme = d.companies[0];
  EXPECT_EQ("acme", acme.partner_id);
  EXPECT_EQ("Acme Industries", acme.name);
  EXPECT_EQ("732829320", acme.siren);
  EXPECT_EQ(1000001, acme.total_cents);  // sponsorship and the 2023 gift left out
  EXPECT_EQ(50000, acme.counterparts_cents);
  ASSERT_EQ(2u, acme.gifts.size());  // by date
  EXPECT_EQ("a2", acme.gifts[0].gift_id);
  EXPECT_EQ(20240115u, acme.gifts[0].date);
  EXPECT_EQ(400001, acme.gifts[0].amount_cents);
  EXPECT_EQ(0, acme.gifts[0].counterparts_cents);
  EXPECT_EQ("", acme.gifts[0].receipt);
  EXPECT_EQ("a1", acme.gifts[1].gift_id);
  EXPECT_EQ(20240210u, acme.gifts[1].date);
  EXPECT_EQ(600000, acme.gifts[1].amount_cents);
  EXPECT_EQ(50000, acme.gifts[1].counterparts_cents);
  EXPECT_EQ("2024-0004", acme.gifts[1].receipt);
}

// The 2nd working day after 1 May; holidays: 1 and 8 May, Ascension (Easter + 39), Whit Monday
// (Easter + 50). Computed by hand:
// - 2024: 1 May is a Wednesday; Thu 2 is the 1st working day, Fri 3 the 2nd -> 2024-05-03.
// - 2035: Easter is 25 March, so Ascension is Thursday 3 May. 1 May is a Tuesday; Wed 2 is the
//   1st working day, Thu 3 is Ascension, Fri 4 is the 2nd -> 2035-05-04 (05-03 without it).
// - 2008: Easter 23 March, Ascension Thursday 1 May (with the fête du travail). Fri 2 is the
//   1st, Sat 3 and Sun 4 are off, Mon 5 is the 2nd -> 2008-05-05.
// - 2021: 1 May is a Saturday; Sun 2 is off, Mon 3 is the 1st, Tue 4 the 2nd -> 2021-05-04.
// - 2026: 1 May is a Friday; Mon 4 is the 1st, Tue 5 the 2nd -> 2026-05-05.
// 8 May can never interfere: 2 to 7 May hold at most two weekend days and one Ascension, so the
// 2nd working day falls on 7 May at the latest. Whit Monday is 11 May at the earliest.
TEST(DeclarationTest, DeadlineIsTheSecondWorkingDayAfterFirstMay) {
  struct Case {
    int32_t year;
    uint32_t deadline;
  };
  for (const Case& c : {Case{2024, 20240503}, Case{2035, 20350504}, Case{2008, 20080505},
                        Case{2021, 20210504}, Case{2026, 20260505}}) {
    EXPECT_EQ(c.deadline, projections::DeclarationDeadline(c.year).ymd()) << c.year;
  }
  EXPECT_EQ(20250505u, projections::ComputeDeclaration(Fold(Base()), "", 2024).deadline.ymd());
}

// ---------------------------------------------------------------------------------------------
// The committee (issue 3): its set-ups are long, so its givens are the events the ledger itself
// decides for a list of commands (Decided).

CastVote Vote(const std::string& session, const std::string& project, const std::string& member,
              Choice choice) {
  return {.session_id = session, .project_id = project, .member_id = member, .choice = choice};
}
AddMember Voting(const std::string& id, const std::string& fund = "") {
  return {.member_id = id, .fund_id = fund, .name = "Membre " + id, .date = 20240110};
}

// Projects p1 (a SAS) and p2 applied to call c1; p3 did not. Voting members m1, m2, m3, m5 (never
// present) and m6 (recused on p1); m4 only takes part. Session s1 approved d1 (grant, loan l1
// disbursed, guarantee gu1) on p1 by 2 to 1, and d2 (grant only) on p2. Session s2 had nobody;
// at s3 the vote on p1 went against, and dr records the rejection.
std::vector<Event> Committee() {
  AddMember participant = Voting("m4");
  participant.role = MemberRole::kParticipant;
  return Decided(
      Base(),
      {AddProject{.project_id = "p1",
                  .name = "Atelier",
                  .carrier = "Atelier Bois",
                  .carrier_form = "sas",
                  .date = 20240105},
       AddProject{.project_id = "p2",
                  .name = "Laiterie",
                  .carrier = "Coop Lait",
                  .carrier_form = "scic",
                  .date = 20240105},
       AddProject{.project_id = "p3",
                  .name = "Tiers-lieu",
                  .carrier = "Asso X",
                  .carrier_form = "association",
                  .date = 20240105},
       OpenCall{.call_id = "c1", .opens_on = 20240101, .closes_on = 20241231, .date = 20240101},
       SubmitApplication{.call_id = "c1", .project_id = "p1", .date = 20240201},
       SubmitApplication{.call_id = "c1", .project_id = "p2", .date = 20240202},
       Voting("m1"),
       Voting("m2"),
       Voting("m3"),
       participant,
       Voting("m5"),
       Voting("m6"),
       DeclareConflict{.member_id = "m6", .project_id = "p1", .date = 20240215},
       OpenSession{.session_id = "s1", .agenda = {"p1", "p2"}, .date = 20240301},
       Attend{"s1", "m1"},
       Attend{"s1", "m2"},
       Attend{"s1", "m3"},
       Attend{"s1", "m4"},
       Attend{"s1", "m6"},
       Vote("s1", "p1", "m1", Choice::kFor),
       Vote("s1", "p1", "m2", Choice::kFor),
       Vote("s1", "p1", "m3", Choice::kAgainst),
       Vote("s1", "p2", "m1", Choice::kFor),
       Vote("s1", "p2", "m2", Choice::kFor),
       RecordDecision{.decision_id = "d1",
                      .session_id = "s1",
                      .project_id = "p1",
                      .grant_cents = 1000000,
                      .loan_cents = 2000000,
                      .loan_term_months = 24,
                      .guarantee_cents = 500000,
                      .guarantee_lender = "Banque du Jura",
                      .guarantee_until = 20260301},
       RecordDecision{
           .decision_id = "d2", .session_id = "s1", .project_id = "p2", .grant_cents = 500000},
       DisburseLoan{.loan_id = "l1", .decision_id = "d1", .date = 20240401},
       GrantGuarantee{.guarantee_id = "gu1", .decision_id = "d1", .date = 20240401},
       OpenSession{.session_id = "s2", .agenda = {"p1"}, .date = 20240401},
       OpenSession{.session_id = "s3", .agenda = {"p1"}, .date = 20240402},
       Attend{"s3", "m1"},
       Attend{"s3", "m2"},
       Attend{"s3", "m3"},
       Vote("s3", "p1", "m1", Choice::kAgainst),
       Vote("s3", "p1", "m2", Choice::kAgainst),
       Vote("s3", "p1", "m3", Choice::kFor),
       RecordDecision{
           .decision_id = "dr", .session_id = "s3", .project_id = "p1", .reject = true}});
}

// A second fund, the Fonds de confiance, which may not fund a SAS: its committee (k1, k2) voted
// for p1 at session s4.
std::vector<Event> Confiance() {
  return Decided(
      Committee(),
      {AddFund{.fund_id = "confiance",
               .name = "Fonds de confiance",
               .excluded_carrier_forms = {"sas"},
               .date = 20240101},
       OpenCall{.call_id = "c2",
                .fund_id = "confiance",
                .opens_on = 20240101,
                .closes_on = 20241231,
                .date = 20240101},
       SubmitApplication{.call_id = "c2", .project_id = "p1", .date = 20240203},
       Voting("k1", "confiance"), Voting("k2", "confiance"),
       OpenSession{.session_id = "s4", .fund_id = "confiance", .agenda = {"p1"}, .date = 20240305},
       Attend{"s4", "k1"}, Attend{"s4", "k2"}, Vote("s4", "p1", "k1", Choice::kFor),
       Vote("s4", "p1", "k2", Choice::kFor)});
}

TEST(CommitteeTest, FixtureDecidesWithoutARefusal) {
  State s = Fold(Confiance());
  EXPECT_EQ(3u, s.decisions.size());
  EXPECT_EQ(1u, s.loans.size());
  EXPECT_EQ(1u, s.guarantees.size());
}

// ---------------------------------------------------------------------------------------------
// Every rejection: a name, a rule, and a (given, command) that triggers it.

TEST(RejectionTest, EveryRejectionHasANameARuleAndACase) {
  struct Case {
    Rejection rejection;
    std::vector<Event> given;
    Command when;
  };
  FundInitialized other_fund = Fund();
  other_fund.fund_id = "jura2";
  PledgeMade pledge_to_other{.pledge_id = "pl1",
                             .partner_id = "acme",
                             .fund_id = "jura2",
                             .amount_per_year_cents = 100000,
                             .from_year = 2024,
                             .date = 20240105};
  PledgeMade pledge_of_acme = pledge_to_other;
  pledge_of_acme.fund_id = kFundId;
  GiftRecorded in_kind = Gift("g1", "acme", 100000, 20240315);
  in_kind.nature = GiftNature::kInKind;
  FundInitialized unsigned_fund = Fund();
  unsigned_fund.signer_name = "";
  PartnerRegistered no_address = Marie();
  no_address.address = "";
  auto receipted = With(
      Base(), {Gift("g1", "acme", 100000, 20240315),
               GiftReceipt(Acme(), "2024-0001", 20240320, "g1", 100000, "mille euros", 20240315)});
  RecordGift gift{.gift_id = "g9", .partner_id = "acme", .amount_cents = 100, .date = 20240315};
  auto with_fund = [&](RecordGift g, std::string fund) {
    g.fund_id = std::move(fund);
    return g;
  };
  auto with_pledge = [&](RecordGift g, std::string pledge) {
    g.pledge_id = std::move(pledge);
    return g;
  };
  const std::vector<Event> committee = Committee();

  const std::vector<Case> cases = {
      {Rejection::kFundNotInitialized,
       {},
       AddAgrement{.reference = "A", .valid_from = 20240101, .valid_to = 20241231}},
      {Rejection::kFundAlreadyInitialized, {Fund()}, InitFund{.name = "Autre"}},
      {Rejection::kUnknownPartner, Base(),
       RecordGift{.gift_id = "g9", .partner_id = "nobody", .amount_cents = 100, .date = 20240315}},
      {Rejection::kUnknownPledge, Base(), with_pledge(gift, "nope")},
      {Rejection::kUnknownGift, Base(), ReceiveGift{.gift_id = "nope", .date = 20240315}},
      {Rejection::kUnknownReceipt, Base(),
       CancelReceipt{.number = "2024-0099", .reason = "x", .date = 20240315}},
      {Rejection::kUnknownFund, Base(), with_fund(gift, "nope")},
      {Rejection::kOutsideAgrementPeriod, With(Base(), {Gift("g1", "acme", 100000, 20191215)}),
       IssueFor("g1", 20200110)},
      {Rejection::kCounterpartsAboveQuarterOfGift,
       With(Base(), {WithCounterparts(Gift("g1", "acme", 100000, 20240315), 25001)}),
       IssueFor("g1", 20240320)},
      {Rejection::kCounterpartsAboveCitizenYearlyCap,
       With(Base(), {WithCounterparts(Gift("g1", "marie", 100000, 20240315), 7301)}),
       IssueFor("g1", 20240320)},
      {Rejection::kInKindWithoutCompanyValuation, With(Base(), {in_kind}),
       IssueFor("g1", 20240320)},
      {Rejection::kSponsorshipNotPatronage,
       With(Base(), {Sponsorship("s1", "acme", 100000, 20240315)}), IssueFor("s1", 20240320)},
      {Rejection::kGiftNotReceived, With(Base(), {Pending("g1", "acme", 100000, 20240315)}),
       IssueFor("g1", 20240320)},
      {Rejection::kAlreadyReceipted, receipted, IssueFor("g1", 20240321)},
      {Rejection::kDonorDataMissing,
       {Fund(), Agrement(), no_address, Gift("g1", "marie", 100000, 20240315)},
       IssueFor("g1", 20240320)},
      {Rejection::kReceiptAlreadyCancelled, With(receipted, {Cancelled("2024-0001", 20240321)}),
       CancelReceipt{.number = "2024-0001", .reason = "x", .date = 20240322}},
      {Rejection::kNothingToReceipt, Base(),
       IssueReceipt{.partner_id = "acme", .year = 2024, .date = 20250110}},
      {Rejection::kAmountOverflow, OverflowingGifts(),
       IssueReceipt{.partner_id = "acme", .year = 2024, .date = 20250110}},
      {Rejection::kInvalidPeriod, Base(),
       AddAgrement{.reference = "A", .valid_from = 20241231, .valid_to = 20240101}},
      {Rejection::kPledgeOfAnotherPartner, With(Base(), {pledge_of_acme}),
       with_pledge(
           RecordGift{
               .gift_id = "g9", .partner_id = "lumiere", .amount_cents = 100, .date = 20240315},
           "pl1")},
      {Rejection::kGiftAlreadyReceived, With(Base(), {Gift("g1", "acme", 100000, 20240315)}),
       ReceiveGift{.gift_id = "g1", .date = 20240316}},
      {Rejection::kReplacedReceiptNotCancelled,
       With(receipted, {Gift("g2", "acme", 100000, 20240316)}),
       IssueReceipt{.gift_id = "g2", .date = 20240321, .replaces = "2024-0001"}},
      {Rejection::kDeclarationAlreadyFiled,
       With(Base(), {DeclarationFiled{.fund_id = kFundId, .year = 2024, .date = 20250420}}),
       FileDeclaration{.year = 2024, .date = 20250421}},
      {Rejection::kInvalidSiren, Base(),
       RegisterPartner{.partner_id = "beta", .name = "Beta", .siren = "732829321"}},
      {Rejection::kUnknownParameter, Base(),
       SetParameter{.name = "nope", .value = 1, .valid_from = 20240101}},
      {Rejection::kFundDataMissing,
       {unsigned_fund, Agrement(), Acme(), Gift("g1", "acme", 100000, 20240315)},
       IssueFor("g1", 20240320)},
      {Rejection::kInvalidAmount, Base(),
       RecordGift{.gift_id = "g9", .partner_id = "acme", .amount_cents = 0, .date = 20240315}},
      {Rejection::kReceiptBeforeGift, With(Base(), {Gift("g1", "acme", 100000, 20240315)}),
       IssueFor("g1", 20240314)},
      {Rejection::kPledgeOfAnotherFund, With(Base(), {other_fund, pledge_to_other}),
       with_pledge(gift, "pl1")},
      {Rejection::kDuplicateId, Base(), RegisterPartner{.partner_id = "acme", .name = "Acme bis"}},
      // The committee (issue 3).
      {Rejection::kUnknownProject, committee,
       SetBudget{.project_id = "nope", .amount_cents = 100, .date = 20240501}},
      {Rejection::kUnknownCall, committee, CloseCall{.call_id = "nope", .date = 20240501}},
      {Rejection::kOutsideCallPeriod, committee,
       SubmitApplication{.call_id = "c1", .project_id = "p3", .date = 20250105}},
      {Rejection::kUnknownMember, committee, RemoveMember{.member_id = "nope", .date = 20240501}},
      {Rejection::kUnknownSession, committee, CloseSession{.session_id = "nope"}},
      {Rejection::kSessionClosed, Decided(committee, {CloseSession{.session_id = "s2"}}),
       Attend{"s2", "m1"}},
      {Rejection::kVoterNotVoting, committee, Vote("s1", "p1", "m4", Choice::kFor)},
      {Rejection::kVoterAbsent, committee, Vote("s1", "p1", "m5", Choice::kFor)},
      {Rejection::kVotedTwice, committee, Vote("s1", "p1", "m1", Choice::kAgainst)},
      {Rejection::kVoterRecused, committee, Vote("s1", "p1", "m6", Choice::kFor)},
      {Rejection::kNotOnAgenda, committee, Vote("s1", "p3", "m1", Choice::kFor)},
      {Rejection::kNoQuorum, committee,
       RecordDecision{
           .decision_id = "d9", .session_id = "s2", .project_id = "p1", .grant_cents = 100}},
      {Rejection::kNoMajority, committee,
       RecordDecision{
           .decision_id = "d9", .session_id = "s3", .project_id = "p1", .grant_cents = 100}},
      {Rejection::kCarrierNotEligible, Confiance(),
       RecordDecision{
           .decision_id = "d9", .session_id = "s4", .project_id = "p1", .grant_cents = 100}},
      {Rejection::kUnknownDecision, committee,
       DisburseGrant{
           .disbursement_id = "t9", .decision_id = "nope", .amount_cents = 100, .date = 20240501}},
      {Rejection::kGrantAboveDecision, committee,
       DisburseGrant{.disbursement_id = "t9",
                     .decision_id = "d1",
                     .amount_cents = 1000001,
                     .date = 20240501}},
      {Rejection::kLoanAlreadyDisbursed, committee,
       DisburseLoan{.loan_id = "l9", .decision_id = "d1", .date = 20240501}},
      {Rejection::kUnknownLoan, committee,
       RepayLoan{.repayment_id = "r9", .loan_id = "nope", .amount_cents = 100, .date = 20240501}},
      {Rejection::kRepaymentAboveOutstanding, committee,
       RepayLoan{.repayment_id = "r9", .loan_id = "l1", .amount_cents = 2000001, .date = 20240501}},
      {Rejection::kExpenseAboveBudget,
       Decided(committee,
               {SetBudget{.project_id = "p1", .amount_cents = 100000, .date = 20240501}}),
       RecordExpense{
           .expense_id = "e9", .project_id = "p1", .amount_cents = 100001, .date = 20240502}},
      {Rejection::kBudgetAbovePackage, committee,
       SetBudget{.project_id = "p1", .amount_cents = 3000001, .date = 20240501}},
      {Rejection::kExperimentClosed,
       Decided(committee,
               {CloseExperiment{.project_id = "p1", .outcome = "fini", .date = 20241201}}),
       CloseExperiment{.project_id = "p1", .outcome = "encore", .date = 20241202}},
      // 300 000,01 EUR of grant alone is above the de minimis ceiling of 2024.
      {Rejection::kDeMinimisExceeded, committee,
       RecordDecision{
           .decision_id = "d9", .session_id = "s1", .project_id = "p1", .grant_cents = 30000001}},
      {Rejection::kInvalidLoanTerms, committee,
       RecordDecision{.decision_id = "d9",
                      .session_id = "s1",
                      .project_id = "p1",
                      .loan_cents = 100,
                      .loan_term_months = 0}},
      {Rejection::kDecisionIsARejection, committee,
       DisburseGrant{
           .disbursement_id = "t9", .decision_id = "dr", .amount_cents = 100, .date = 20240501}},
      {Rejection::kUnknownGuarantee, committee,
       ProvisionGuarantee{.guarantee_id = "nope", .amount_cents = 100, .date = 20240501}},
      {Rejection::kGuaranteeNotActive,
       Decided(committee, {ReleaseGuarantee{.guarantee_id = "gu1", .date = 20240501}}),
       ProvisionGuarantee{.guarantee_id = "gu1", .amount_cents = 100, .date = 20240502}},
      {Rejection::kMemberOfAnotherFund, Confiance(), Attend{"s1", "k1"}},
      {Rejection::kNotApplied, committee,
       ChangeApplicationStatus{.project_id = "p3", .date = 20240501}},
      {Rejection::kInvalidScore, committee,
       ScoreProject{.project_id = "p1",
                    .assessor = "a",
                    .criterion = "beaute",
                    .score_hundredths = 10,
                    .date = 20240501}},
      {Rejection::kDecisionOfAnotherProject, committee,
       RescheduleLoan{.loan_id = "l1", .decision_id = "d2", .term_months = 24, .date = 20240601}},
      {Rejection::kLoanWrittenOff,
       Decided(committee, {WriteOffLoan{.loan_id = "l1", .decision_id = "d1", .date = 20240601}}),
       RepayLoan{.repayment_id = "r9", .loan_id = "l1", .amount_cents = 100, .date = 20240701}},
      // The vote on p1 at s1 was 2 to 1 for, and a SAS is eligible for this fund.
      {Rejection::kDecisionAgainstTheVote, committee,
       RecordDecision{.decision_id = "d9", .session_id = "s1", .project_id = "p1", .reject = true}},
      // Closing the exercice (issue 3).
      {Rejection::kYearClosed, Decided(Base(), {CloseYear{.year = 2024, .date = 20250115}}),
       CloseYear{.year = 2024, .date = 20250116}},
      {Rejection::kNothingToDisburse, committee,
       DisburseLoan{.loan_id = "l9", .decision_id = "d2", .date = 20240501}},
  };
  // Roles are checked by the Ledger before Decide (Decide knows no actor): this case runs
  // through a store. Once a store has roles, an actor without one is refused.
  struct LedgerCase {
    Rejection rejection;
    std::vector<Command> given;
    Command when;
    std::string actor;
  };
  InitFund init_with_roles{.name = Fund().name,
                           .siren = Fund().siren,
                           .date = 20200101,
                           .initial_coordinator = "claire"};
  const std::vector<LedgerCase> ledger_cases = {
      {Rejection::kActorNotAuthorised,
       {init_with_roles},
       RegisterPartner{.partner_id = "beta", .name = "Beta"},
       "mallory"},
  };

  size_t count = 0;
  const Rejection* all = AllRejections(&count);
  ASSERT_GT(count, 0u);
  std::set<std::string> names;
  std::set<uint32_t> numbers;
  for (size_t i = 0; i < count; ++i) {
    const Rejection r = all[i];
    const uint32_t number = static_cast<uint32_t>(r);
    SCOPED_TRACE(std::string(RejectionName(r)) + " = " + std::to_string(number));
    EXPECT_STRNE("kUnknownRejection", RejectionName(r));
    EXPECT_EQ('k', RejectionName(r)[0]);
    EXPECT_STRNE("unknown rule", RejectionRule(r));
    EXPECT_GT(std::string(RejectionRule(r)).size(), 10u);
    EXPECT_TRUE(names.insert(RejectionName(r)).second) << "name used twice";
    EXPECT_TRUE(numbers.insert(number).second) << "number used twice";
    EXPECT_GE(number, 1u);
    EXPECT_LE(number, kRejectionMax);

    size_t matches = 0;
    for (const Case& c : cases) {
      if (c.rejection != r) continue;
      ++matches;
      ExpectDecide(c.given, c.when, r);
    }
    for (const LedgerCase& c : ledger_cases) {
      if (c.rejection != r) continue;
      ++matches;
      fij::testing::TempDir dir;
      Ledger::Options options;
      options.create = true;
      options.sync_writes = false;
      auto ledger = Ledger::Open(dir.path(), options);
      ASSERT_TRUE(ledger.has_value()) << ledger.error().ToString();
      for (const Command& g : c.given) {
        auto done = (*ledger)->Execute(g, "claire");
        ASSERT_TRUE(done.has_value()) << done.error().message();
      }
      auto refused = (*ledger)->Execute(c.when, c.actor);
      ASSERT_FALSE(refused.has_value());
      ASSERT_TRUE(refused.error().rejected.has_value()) << refused.error().message();
      EXPECT_STREQ(RejectionName(r), RejectionName(refused.error().rejected->code))
          << refused.error().message();
    }
    EXPECT_EQ(1u, matches) << "every rejection needs exactly one case in the table";
  }
  EXPECT_EQ(cases.size() + ledger_cases.size(), count)
      << "a case for a value AllRejections() does not list";
  EXPECT_STREQ("kUnknownRejection", RejectionName(static_cast<Rejection>(9999)));
}

}  // namespace
}  // namespace fij::ledger

namespace fij::ledger {
namespace {

// A command's request hash is stored with its idempotency key: a retry is told apart from a
// different command by it, in this version and every later one. Its text and hash are pinned
// here (a gift with a newline and a backslash in a text, and a negative number), so that a
// change to how a command body is written cannot pass unnoticed: it would make every retry of
// a command recorded before the upgrade a conflict.
TEST(RequestHashTest, ACommandsBodyAndRequestHashNeverChange) {
  State empty;
  RecordGift g;
  g.gift_id = "g-42";
  g.partner_id = "morteau";
  g.fund_id = "fij";
  g.amount_cents = 123'456;
  g.date = 20240315;
  g.counterparts_cents = -5;
  g.counterparts_description = "Logo\\site\nsoirée";
  CommandSpec spec = Spec(empty, g);
  EXPECT_EQ(spec.body,
            "id=g-42\npartner=morteau\nfund=fij\namount=123456\ndate=20240315\npending=0\n"
            "method=transfer\nnature=cash\nkind=patronage\npledge=\ncounterparts=-5\n"
            "counterparts_desc=Logo\\\\site\\nsoirée\nvaluation=\ndescription=\n");
  EXPECT_EQ(engine::HashHex(RequestHash(g, spec.body)),
            "3f339c68d00da28c9e73e9a8b05612f92ce4d6a151404c89c93020f0b3dc4345");
}

}  // namespace
}  // namespace fij::ledger
