// Renders receipts and reads them back with pdftotext (poppler-utils): every mandatory mention of
// DOMAIN-LAW.md §3.2 must be in the printed text, not only in the event.
#include "ledger/receipt_pdf.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/test_util.h"

// fontconfig leaks 288 bytes once, while parsing its XML configuration (FcInitLoadConfigAndFonts);
// without this the asan preset fails the binary at exit. Leaks of our own pango and cairo objects
// are still reported, as their stacks have no fontconfig frame (GObject ones only under
// G_SLICE=always-malloc, as glib 2.74's slice allocator keeps freed-or-not blocks reachable).
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

namespace fij::ledger {
namespace {

using fij::testing::RunProgram;
using fij::testing::TempDir;

constexpr const char* kCertification238Bis =
    "Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il reçoit ouvrent "
    "droit à la réduction d'impôt prévue à l'article 238 bis du code général des impôts.";
constexpr const char* kCertification200 =
    "Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il reçoit ouvrent "
    "droit à la réduction d'impôt prévue à l'article 200 du code général des impôts.";

void FillFund(ReceiptIssued& r) {
  r.fund_id = "fij";
  r.fund_name = "Fonds d'Impulsion Jurassien";
  r.fund_address = "Maison de l'Entreprise, 12 rue Jean Moulin, 39000 Lons-le-Saunier";
  r.fund_object =
      "Soutien philanthropique et éducatif à la création et à la reprise d'entreprises dans le "
      "Jura, par l'octroi de prêts d'honneur sans intérêts ni garanties aux créateurs.";
  r.fund_siren = "123456789";
  r.fund_category =
      "Organisme agréé en application du 4 de l'article 238 bis du code général des impôts "
      "(fonds de soutien à la création ou reprise d'entreprises)";
  r.agrement_ref = "AGR-39-2022-007";
  r.signer_name = "Claire Bourgeois-Vuillemin";
  r.signer_capacity = "Présidente";
}

// Morteau Saucisse SAS: a yearly recap of two transfers, 10 000,00 €.
ReceiptIssued CompanyReceipt() {
  ReceiptIssued r;
  FillFund(r);
  r.number = "2024-0042";
  r.year = 2024;
  r.sequence = 42;
  r.issued_on = 20250115;
  r.form = ReceiptForm::kCerfa16216;
  r.article = "238 bis";
  r.gift_ids = {"g-2024-0107", "g-2024-0388"};
  r.period_from = 20240101;
  r.period_to = 20241231;
  r.amount_cents = 1'000'000;
  r.amount_words = "dix mille euros";
  r.partner_id = "morteau";
  r.donor_kind = PartnerKind::kCompany;
  r.donor_name = "Morteau Saucisse";
  r.donor_legal_form = "Société par actions simplifiée (SAS)";
  r.donor_siren = "987654321";
  r.donor_address = "8 rue de la Louhière, 25500 Morteau";
  r.forme_du_don = "Déclaration de don manuel";
  r.nature_du_don = "Numéraire";
  r.mode_de_versement = "Virement, prélèvement, carte bancaire";
  r.certification = kCertification238Bis;
  return r;
}

// Marie Jeunet: one cheque, 1 234,56 €, replacing a receipt cancelled for a wrong address.
ReceiptIssued IndividualReceipt() {
  ReceiptIssued r;
  FillFund(r);
  r.number = "2024-0057";
  r.year = 2024;
  r.sequence = 57;
  r.issued_on = 20240402;
  r.form = ReceiptForm::kCerfa11580;
  r.article = "200";
  r.gift_ids = {"g-2024-0211"};
  r.period_from = 20240315;
  r.period_to = 20240315;
  r.amount_cents = 123'456;
  r.amount_words = "mille deux cent trente-quatre euros et cinquante-six centimes";
  r.partner_id = "jeunet-marie";
  r.donor_kind = PartnerKind::kIndividual;
  r.donor_name = "Jeunet Marie";
  r.donor_address = "4 chemin des Gentianes, 39400 Morez";
  r.forme_du_don = "Déclaration de don manuel";
  r.nature_du_don = "Numéraire";
  r.mode_de_versement = "Chèque";
  r.certification = kCertification200;
  r.replaces = "2024-0051";
  return r;
}

// Goods given by a company, valued by the company itself.
ReceiptIssued InKindReceipt() {
  ReceiptIssued r = CompanyReceipt();
  r.number = "2024-0063";
  r.gift_ids = {"g-2024-0402"};
  r.period_from = 20240610;
  r.period_to = 20240610;
  r.amount_cents = 245'000;
  r.amount_words = "deux mille quatre cent cinquante euros";
  r.nature_du_don = "Autres : don en nature";
  r.mode_de_versement = "Remise des biens";
  r.in_kind_description =
      "Trois ordinateurs portables Lenovo ThinkPad T14 (valeur unitaire 650,00 €) et un "
      "vidéoprojecteur Epson EB-W49 (500,00 €), neufs, remis le 10 juin 2024 pour l'espace "
      "d'accueil des porteurs de projet. Valorisation au coût de revient, selon l'attestation "
      "du donateur n° MS-2024-17 du 5 juin 2024. Aucun salarié mis à disposition.";
  return r;
}

ReceiptCancelled CancellationOf(const ReceiptIssued& r) {
  return ReceiptCancelled{r.number, "adresse du donateur erronée", 20250203};
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The PDF's text, with no-break spaces made plain and every run of white space (layout columns,
// wrapped lines) collapsed to one space, so assertions can span a wrapped line.
std::string PdfText(const std::string& path) {
  fij::testing::RunResult run = RunProgram({"pdftotext", "-layout", path, "-"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::string text;
  const std::string& s = run.out;
  for (size_t i = 0; i < s.size(); ++i) {
    bool space = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\f';
    if (s.compare(i, 2, "\xC2\xA0") == 0) {  // U+00A0
      space = true;
      ++i;
    } else if (s.compare(i, 3, "\xE2\x80\xAF") == 0) {  // U+202F
      space = true;
      i += 2;
    }
    if (!space) {
      text += s[i];
    } else if (!text.empty() && text.back() != ' ') {
      text += ' ';
    }
  }
  return text;
}

std::string Render(const ReceiptIssued& r, const ReceiptCancelled* cancelled,
                   const std::string& path) {
  Status s = RenderReceiptPdf(r, cancelled, path);
  EXPECT_TRUE(s.ok()) << s.ToString();
  const std::string bytes = ReadFile(path);
  EXPECT_EQ(bytes.substr(0, 4), "%PDF");
  return PdfText(path);
}

void ExpectMentions(const std::string& text, const std::vector<std::string>& fragments) {
  for (const std::string& f : fragments) {
    EXPECT_NE(text.find(f), std::string::npos) << "missing \"" << f << "\" in:\n" << text;
  }
}

int PageCount(const std::string& path) {
  fij::testing::RunResult run = RunProgram({"pdfinfo", path});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const size_t at = run.out.find("Pages:");
  if (at == std::string::npos) return -1;
  return std::stoi(run.out.substr(at + 6));
}

TEST(ReceiptPdfTest, CompanyReceiptShowsEveryMentionOfCerfa16216) {
  TempDir dir;
  const std::string path = dir.Sub("2024-0042.pdf");
  const std::string text = Render(CompanyReceipt(), nullptr, path);
  ExpectMentions(text, {
                           "Cerfa n° 16216*02",
                           "effectués par les",
                           "entreprises au titre de l'article",
                           "Numéro d'ordre du reçu",
                           "2024-0042",
                           "Bénéficiaire des versements",
                           "Fonds d'Impulsion Jurassien",
                           "12 rue Jean Moulin",
                           "39000 Lons-le-Saunier",
                           "philanthropique et éducatif",
                           "123456789",
                           "Organisme agréé en application du 4",
                           "AGR-39-2022-007",
                           "Morteau Saucisse",
                           "Société par actions simplifiée",
                           "987654321",
                           "8 rue de la Louhière",
                           "25500 Morteau",
                           "***10 000,00 €***",
                           "dix mille euros",
                           "Période : du 1er janvier 2024 au 31 décembre 2024",
                           "g-2024-0107, g-2024-0388",
                           "certifie sur l'honneur",
                           "238 bis du code général des impôts",
                           "Forme du don : Déclaration de don manuel",
                           "Nature du don : Numéraire",
                           "Mode de versement : Virement, prélèvement, carte bancaire",
                           "15 janvier 2025",
                           "Claire Bourgeois-Vuillemin",
                           "Présidente",
                           "Page 1/1",
                       });
  EXPECT_EQ(text.find("ANNULÉ"), std::string::npos);
  EXPECT_EQ(text.find("Remplace"), std::string::npos);
  EXPECT_EQ(text.find("Description des biens"), std::string::npos);
  EXPECT_EQ(PageCount(path), 1);
}

TEST(ReceiptPdfTest, IndividualReceiptShowsEveryMentionOfCerfa11580AndWhatItReplaces) {
  TempDir dir;
  const std::string path = dir.Sub("2024-0057.pdf");
  const std::string text = Render(IndividualReceipt(), nullptr, path);
  ExpectMentions(text, {
                           "Cerfa n° 11580*05",
                           "effectués par les",
                           "particuliers au titre des articles",
                           "2024-0057",
                           "Remplace le reçu n° 2024-0051,",
                           "Fonds d'Impulsion Jurassien",
                           "123456789",
                           "AGR-39-2022-007",
                           "Jeunet Marie",
                           "4 chemin des Gentianes, 39400 Morez",
                           "***1 234,56 €***",
                           "mille deux cent trente-quatre euros",
                           "Date du versement : 15 mars 2024",
                           "article 200 du code général des impôts",
                           "Déclaration de don manuel",
                           "Numéraire",
                           "Mode de versement : Chèque",
                           "2 avril 2024",
                           "Claire Bourgeois-Vuillemin",
                           "Présidente",
                       });
  // A single gift: no list of gift ids, and no company identity.
  EXPECT_EQ(text.find("g-2024-0211"), std::string::npos);
  EXPECT_EQ(text.find("Forme juridique"), std::string::npos);
  EXPECT_EQ(PageCount(path), 1);
}

TEST(ReceiptPdfTest, InKindReceiptDescribesTheGoodsReceived) {
  TempDir dir;
  const std::string text = Render(InKindReceipt(), nullptr, dir.Sub("2024-0063.pdf"));
  ExpectMentions(text, {
                           "Description des biens ou services",
                           "Lenovo ThinkPad T14",
                           "Aucun salarié mis à disposition.",
                           "des dons en nature",
                           "***2 450,00 €***",
                           "deux mille quatre cent cinquante euros",
                           "Date du versement : 10 juin 2024",
                           "Nature du don : Autres : don en nature",
                       });
}

TEST(ReceiptPdfTest, CancelledReceiptIsStampedWithDateAndReason) {
  TempDir dir;
  const ReceiptIssued r = IndividualReceipt();
  const ReceiptCancelled cancelled = CancellationOf(r);
  const std::string path = dir.Sub("2024-0057-annule.pdf");
  const std::string text = Render(r, &cancelled, path);
  ExpectMentions(text, {
                           "ANNULÉ",
                           "Reçu annulé le 3 février 2025 : adresse du donateur erronée",
                           // The receipt itself stays readable under the stamp.
                           "2024-0057",
                           "***1 234,56 €***",
                           "Jeunet Marie",
                       });
  EXPECT_EQ(PageCount(path), 1);
}

TEST(ReceiptPdfTest, ReprintIsByteIdentical) {
  TempDir dir;
  const ReceiptIssued r = CompanyReceipt();
  const ReceiptCancelled cancelled = CancellationOf(r);
  for (const ReceiptCancelled* c : {static_cast<const ReceiptCancelled*>(nullptr), &cancelled}) {
    ASSERT_TRUE(RenderReceiptPdf(r, c, dir.Sub("a.pdf")).ok());
    ASSERT_TRUE(RenderReceiptPdf(r, c, dir.Sub("b.pdf")).ok());
    EXPECT_EQ(ReadFile(dir.Sub("a.pdf")), ReadFile(dir.Sub("b.pdf")));
  }
}

TEST(ReceiptPdfTest, AmountsAreFramedInFrenchStyleWithIntegerCents) {
  TempDir dir;
  ReceiptIssued r = IndividualReceipt();
  const std::pair<int64_t, const char*> cases[] = {
      {5, "***0,05 €***"},
      {100, "***1,00 €***"},
      {99'999, "***999,99 €***"},
      {100'000, "***1 000,00 €***"},
      {123'456'789'012, "***1 234 567 890,12 €***"},
  };
  for (const auto& [cents, expected] : cases) {
    r.amount_cents = cents;
    const std::string text = Render(r, nullptr, dir.Sub("amount.pdf"));
    EXPECT_NE(text.find(expected), std::string::npos) << cents << " in:\n" << text;
  }
}

TEST(ReceiptPdfTest, LongDescriptionFlowsOntoNumberedPages) {
  TempDir dir;
  ReceiptIssued r = InKindReceipt();
  r.in_kind_description.clear();
  for (int i = 1; i <= 120; ++i) {
    r.in_kind_description += "Lot " + std::to_string(i) + " : chaise de bureau ergonomique, " +
                             "valeur déclarée 85,00 €.\n";
  }
  r.in_kind_description += "Fin de l'inventaire.";
  const std::string path = dir.Sub("long.pdf");
  const std::string text = Render(r, nullptr, path);
  const int pages = PageCount(path);
  EXPECT_GE(pages, 2);
  ExpectMentions(text, {"Lot 1 :", "Lot 120 :", "Fin de l'inventaire.", "(suite)",
                        "Page 1/" + std::to_string(pages),
                        "Page " + std::to_string(pages) + "/" + std::to_string(pages),
                        "Claire Bourgeois-Vuillemin"});
}

TEST(ReceiptPdfTest, UnwritablePathIsIOErrorNamingThePath) {
  const std::string path = "/nonexistent-fij-dir/2024-0042.pdf";
  Status s = RenderReceiptPdf(CompanyReceipt(), nullptr, path);
  EXPECT_EQ(s.code(), StatusCode::kIOError);
  EXPECT_NE(s.message().find("/nonexistent-fij-dir/2024-0042.pdf"), std::string::npos)
      << s.message();
}

TEST(ReceiptPdfTest, FailedRenderLeavesNoPartialFileBehind) {
  TempDir dir;
  // The PDF is fully written to "<path>.tmp", then renamed over a directory: the rename fails.
  const std::string path = dir.Sub("occupied");
  ASSERT_EQ(RunProgram({"mkdir", "-p", path + "/inside"}).exit_code, 0);
  Status s = RenderReceiptPdf(CompanyReceipt(), nullptr, path);
  EXPECT_EQ(s.code(), StatusCode::kIOError);
  EXPECT_NE(s.message().find(path), std::string::npos) << s.message();
  EXPECT_TRUE(ReadFile(path + ".tmp").empty());
  EXPECT_NE(RunProgram({"test", "-e", path + ".tmp"}).exit_code, 0);
}

TEST(ReceiptPdfTest, MalformedInputIsInvalidArgument) {
  TempDir dir;
  const std::string path = dir.Sub("x.pdf");
  auto code = [&](const ReceiptIssued& r, const ReceiptCancelled* c = nullptr) {
    return RenderReceiptPdf(r, c, path).code();
  };
  ReceiptIssued r = CompanyReceipt();
  r.donor_name = "Morteau \xC3";  // truncated UTF-8
  EXPECT_EQ(code(r), StatusCode::kInvalidArgument);
  r = CompanyReceipt();
  r.in_kind_description.assign(16 * 1024 + 1, 'x');
  EXPECT_EQ(code(r), StatusCode::kInvalidArgument);
  r = CompanyReceipt();
  r.period_to = 20231231;  // before period_from
  EXPECT_EQ(code(r), StatusCode::kInvalidArgument);
  r = CompanyReceipt();
  r.number.clear();
  EXPECT_EQ(code(r), StatusCode::kInvalidArgument);
  const ReceiptCancelled other{"2024-0001", "doublon", 20250203};
  EXPECT_EQ(code(CompanyReceipt(), &other), StatusCode::kInvalidArgument);
  // User text is printed, never interpreted as pango markup.
  r = CompanyReceipt();
  r.donor_name = "Morteau <b>Saucisse</b> & Fils";
  const std::string text = Render(r, nullptr, path);
  ExpectMentions(text, {"Morteau <b>Saucisse</b> & Fils"});
}

}  // namespace
}  // namespace fij::ledger
