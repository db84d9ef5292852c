// The bundled history reproduces the fund's documents, and `fij import` is all or nothing and
// idempotent (issue 5).
#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace fij::testing {
namespace {

const std::string kHistory = std::string(FIJ_SOURCE_DIR) + "/fixtures/fij/history.jsonl";

class HistoryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto r = RunFij({"--store", dir_->Sub("store"), "import", kHistory});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  RunResult Fij(std::vector<std::string> args) {
    args.insert(args.begin(), {"--store", dir_->Sub("store")});
    auto r = RunFij(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r;
  }
  // The amount (as "123.45") that follows "key":" after `anchor` in `json`.
  static std::string After(const std::string& json, const std::string& anchor,
                           const std::string& key) {
    size_t at = json.find(anchor);
    if (at == std::string::npos) return "<no " + anchor + ">";
    size_t k = json.find("\"" + key + "\":", at);
    if (k == std::string::npos) return "<no " + key + ">";
    k += key.size() + 3;
    if (json[k] == '"') ++k;
    return json.substr(k, json.find_first_of("\",}", k) - k);
  }
  static TempDir* dir_;
};
TempDir* HistoryTest::dir_ = nullptr;

TEST_F(HistoryTest, NinetyThousandEurosWereRaisedIn2023) {
  auto r = Fij({"report", "tiers", "--year", "2023", "--json"});
  std::regex given("\"given\":\"([0-9]+)\\.([0-9]{2})\"");
  int64_t total = 0;
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), given); it != std::sregex_iterator();
       ++it)
    total += std::stoll((*it)[1]) * 100 + std::stoll((*it)[2]);
  EXPECT_EQ(total, 9'000'000);
}

TEST_F(HistoryTest, PartnerTableMatchesThePublishedOffer) {
  auto r = Fij({"report", "tiers", "--year", "2023", "--json"});
  // 20 000 -> 8 000 Partenaire Majeur; 10 000 -> 4 000 Grand Partenaire; 5 000 -> 2 000
  // Partenaire; a citizen's 1 000 -> 340 Citoyen engagé.
  EXPECT_EQ(After(r.out, "\"partner\":\"edf-urut\"", "cost_after_tax"), "8000.00");
  EXPECT_EQ(After(r.out, "\"partner\":\"edf-urut\"", "tier"), "Partenaire Majeur");
  EXPECT_EQ(After(r.out, "\"partner\":\"morteau-saucisse\"", "cost_after_tax"), "4000.00");
  EXPECT_EQ(After(r.out, "\"partner\":\"morteau-saucisse\"", "tier"), "Grand Partenaire");
  EXPECT_EQ(After(r.out, "\"partner\":\"fondation-rte\"", "cost_after_tax"), "2000.00");
  EXPECT_EQ(After(r.out, "\"partner\":\"fondation-rte\"", "tier"), "Partenaire");
  EXPECT_EQ(After(r.out, "\"partner\":\"patrick-gache\"", "cost_after_tax"), "340.00");
  EXPECT_EQ(After(r.out, "\"partner\":\"patrick-gache\"", "tier"), "Citoyen engagé");
}

TEST_F(HistoryTest, TheBudgetIs110ThousandEurosAYear) {
  for (const char* year : {"2023", "2024", "2025"}) {
    auto r = Fij({"report", "budget", "--year", year, "--json"});
    EXPECT_EQ(After(r.out, "\"resources\"", "plan_total"), "110000.00") << year;
  }
}

TEST_F(HistoryTest, EachExperimentCosts55ThousandEuros) {
  auto r = Fij({"report", "experiments", "--json"});
  for (const char* p : {"vegetal-local", "salamandre", "maison-alimentation"}) {
    EXPECT_EQ(After(r.out, std::string("\"project\":\"") + p + "\"", "budget"), "55000.00") << p;
    EXPECT_EQ(After(r.out, std::string("\"project\":\"") + p + "\"", "committed"), "55000.00") << p;
  }
}

TEST_F(HistoryTest, LaSalamandreIsFundedByTheFijOnly) {
  auto r = Fij({"project", "list", "--json"});
  EXPECT_NE(r.out.find("\"id\":\"salamandre\""), std::string::npos);
  EXPECT_EQ(After(r.out, "\"id\":\"salamandre\"", "fc"), "rejected");
  EXPECT_EQ(After(r.out, "\"id\":\"salamandre\"", "fij"), "closed");
}

TEST_F(HistoryTest, OneReceiptWasCancelledAndReissuedAndTheStoreVerifies) {
  auto r = Fij({"receipt", "list", "--year", "2023", "--json"});
  EXPECT_EQ(After(r.out, "\"number\":\"2023-0005\"", "status"), "cancelled");
  EXPECT_EQ(After(r.out, "\"number\":\"2023-0005\"", "replaced_by"), "2023-0012");
  auto v = Fij({"verify"});
  EXPECT_NE(v.out.find("verify: OK"), std::string::npos);
}

TEST(ImportTest, ReRunningAFileWritesNothing) {
  TempDir dir;
  auto first = RunFij({"--store", dir.Sub("s"), "import", kHistory});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto before = RunFij({"--store", dir.Sub("s"), "log"}).out;
  auto again = RunFij({"--store", dir.Sub("s"), "import", kHistory});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("0 events written"), std::string::npos) << again.out;
  EXPECT_EQ(RunFij({"--store", dir.Sub("s"), "log"}).out, before);
}

TEST(ImportTest, ABadLineWritesNothingAndNamesTheLineAndTheRule) {
  TempDir dir;
  std::string file = dir.Sub("bad.jsonl");
  {
    std::ofstream out(file);
    out << R"({"cmd":"init","fund-name":"F","siren":"732829320","address":"A","object":"O","signer":"S, P","agrement":"AG","agrement-from":"2023-01-01","agrement-to":"2025-12-31","date":"2023-01-01"})"
        << "\n"
        << R"({"cmd":"partner add p1","kind":"company","name":"P"})" << "\n"
        << "# a comment\n\n"
        << R"({"cmd":"gift record g1","partner":"p1","amount":"500","date":"2023-02-01","method":"transfer","kind":"sponsorship"})"
        << "\n"
        << R"({"cmd":"receipt issue","gift":"g1","date":"2023-02-10"})" << "\n";
  }
  auto r = RunFij({"--store", dir.Sub("s"), "import", file});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("bad.jsonl:6"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("kSponsorshipNotPatronage"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing was written"), std::string::npos);
  // The store was created but holds no event.
  auto log = RunFij({"--store", dir.Sub("s"), "log"});
  EXPECT_EQ(log.out, "");
  // A malformed line is a usage error naming its line.
  {
    std::ofstream out(file);
    out << "{not json\n";
  }
  auto m = RunFij({"--store", dir.Sub("s"), "import", file});
  EXPECT_EQ(m.exit_code, 2);
  EXPECT_NE(m.err.find("bad.jsonl:1"), std::string::npos) << m.err;
}

TEST(DemoTest, DemoRunsTheBundledHistoryAndVerifies) {
  auto r = RunFij({"demo"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Partenaire Majeur"), std::string::npos);
  EXPECT_NE(r.out.find("Budget 2024"), std::string::npos);
  EXPECT_NE(r.out.find("Loan book"), std::string::npos);
  EXPECT_NE(r.out.find("verify: OK"), std::string::npos);
}

}  // namespace
}  // namespace fij::testing
