// The auditor's tools on the bundled history: FEC structure and balance, byte-identical
// exports, the raw log readable by `capnp decode`, as-of/at cuts equal to a store cut there,
// and the closing rules.
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace fij::testing {
namespace {

const std::string kHistory = std::string(FIJ_SOURCE_DIR) + "/fixtures/fij/history.jsonl";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

int64_t FecCents(const std::string& v) {  // "1234,56"
  auto comma = v.find(',');
  return std::stoll(v.substr(0, comma)) * 100 + std::stoll(v.substr(comma + 1));
}

class AuditorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto r = RunFij({"--store", dir_->Sub("store"), "import", kHistory});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static RunResult Fij(std::vector<std::string> args, const std::string& store = "store") {
    args.insert(args.begin(), {"--store", dir_->Sub(store)});
    auto r = RunFij(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r;
  }
  static TempDir* dir_;
};
TempDir* AuditorTest::dir_ = nullptr;

TEST_F(AuditorTest, FecHasTheEighteenFieldsBalancedEntriesAndContinuousNumbers) {
  auto r = Fij({"export", "fec", "--year", "2024", "-o", dir_->path()});
  std::string path = r.out.substr(0, r.out.find('\n'));
  EXPECT_NE(path.find("902451376FEC20241231.txt"), std::string::npos) << path;
  std::string text = ReadFile(path);
  auto lines = Split(text, '\n');
  ASSERT_GT(lines.size(), 10u);
  EXPECT_EQ(lines[0],
            "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\t"
            "CompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\t"
            "ValidDate\tMontantdevise\tIdevise");
  std::map<int64_t, int64_t> balance;  // EcritureNum -> debit - credit
  int64_t last_num = 0;
  bool lettered = false, opening_first = false;
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    auto f = Split(lines[i], '\t');
    ASSERT_EQ(f.size(), 18u) << lines[i];
    int64_t num = std::stoll(f[2]);
    EXPECT_TRUE(num == last_num || num == last_num + 1) << "EcritureNum jumps at " << lines[i];
    if (i == 1) opening_first = f[0] == "AN" && num == 1;
    last_num = num;
    EXPECT_EQ(f[3].size(), 8u);
    EXPECT_EQ(f[3].substr(0, 4), "2024") << lines[i];
    EXPECT_EQ(f[15].size(), 8u) << "ValidDate";
    EXPECT_TRUE(f[4].size() >= 3 && isdigit(f[4][0]) && isdigit(f[4][1]) && isdigit(f[4][2]));
    EXPECT_EQ(f[11].find('.'), std::string::npos) << "comma decimals";
    balance[num] += FecCents(f[11]) - FecCents(f[12]);
    if (!f[13].empty()) {
      lettered = true;
      EXPECT_EQ(f[14].size(), 8u) << "DateLet with EcritureLet";
    }
  }
  EXPECT_TRUE(opening_first) << "the opening entry carries the first number";
  EXPECT_TRUE(lettered) << "loan repayments are lettered";
  for (const auto& [num, b] : balance) EXPECT_EQ(b, 0) << "entry " << num << " unbalanced";
  // Byte-identical on a second export (a replay from zero).
  Fij({"export", "fec", "--year", "2024", "-o", dir_->Sub("again.txt")});
  EXPECT_EQ(ReadFile(dir_->Sub("again.txt")), text);
}

TEST_F(AuditorTest, CapnpDecodeReadsTheExportedLog) {
  Fij({"export", "events", "-o", dir_->Sub("events.bin")});
  std::string schema = std::string(FIJ_SOURCE_DIR) + "/ledger/schema/events.capnp";
  auto d = RunProgram({"sh", "-c", "capnp decode " + schema + " RecordedEvent < " +
                                        dir_->Sub("events.bin") + " | grep -c 'position = '"});
  ASSERT_EQ(d.exit_code, 0) << d.err;
  auto head = Fij({"log"}).out;
  size_t events = static_cast<size_t>(std::count(head.begin(), head.end(), '\n'));
  EXPECT_EQ(std::stoul(d.out), events);
  auto g = RunProgram({"sh", "-c", "capnp decode " + schema + " RecordedEvent < " +
                                        dir_->Sub("events.bin") + " | grep -c 'giftRecorded = '"});
  EXPECT_GT(std::stoul(g.out), 30u);
}

TEST_F(AuditorTest, AReportAtAPositionEqualsAStoreCutThere) {
  // The store cut: the first 200 lines of the history (minus a possible partial set).
  auto lines = Split(ReadFile(kHistory), '\n');
  std::string part = dir_->Sub("part.jsonl");
  {
    std::ofstream out(part);
    for (size_t i = 0; i < 300 && i < lines.size(); ++i) out << lines[i] << "\n";
  }
  auto imp = RunFij({"--store", dir_->Sub("cut"), "import", part});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  auto head = Fij({"verify", "--json"}, "cut").out;
  size_t at = head.find("\"events\":");
  std::string n = head.substr(at + 9, head.find(',', at) - at - 9);
  auto cut = Fij({"report", "balance", "--json"}, "cut").out;
  auto full = Fij({"report", "balance", "--json", "--at", n}).out;
  // Same accounts and totals; positions match too (hashes differ: recording times differ).
  auto accounts = [](const std::string& j) { return j.substr(j.find("\"accounts\"")); };
  EXPECT_EQ(accounts(cut), accounts(full));
  EXPECT_NE(full.find("\"position\":" + n), std::string::npos);
  auto tiers_cut = Fij({"report", "tiers", "--year", "2023", "--json"}, "cut").out;
  auto tiers_full = Fij({"report", "tiers", "--year", "2023", "--json", "--at", n}).out;
  EXPECT_EQ(tiers_cut.substr(tiers_cut.find("\"year\"")), tiers_full.substr(tiers_full.find("\"year\"")));
}

// The general ledger as JSON: every posting of the accounts with a running balance that ends
// on the trial balance's figure for them.
TEST_F(AuditorTest, TheGeneralLedgerAsJsonEndsOnTheTrialBalance) {
  auto gl = Fij({"report", "ledger", "--account", "512", "--json"}).out;
  auto tb = Fij({"report", "balance", "--json"}).out;
  size_t acc = tb.find("\"account\":\"512\"");
  ASSERT_NE(acc, std::string::npos) << tb;
  size_t bal = tb.find("\"balance\":\"", acc);
  std::string expected = tb.substr(bal + 11, tb.find('"', bal + 11) - bal - 11);
  EXPECT_NE(gl.find("\"postings\":[{"), std::string::npos) << gl.substr(0, 300);
  EXPECT_NE(gl.rfind("\"balance\":\"" + expected + "\"}"), std::string::npos)
      << expected << " vs " << gl.substr(gl.size() > 200 ? gl.size() - 200 : 0);
  EXPECT_EQ(gl.find("\"account\":\"7"), std::string::npos);
}

TEST_F(AuditorTest, AsOfADateShowsTheLoanBookAsItWasThen) {
  auto r = Fij({"report", "loans", "--as-of", "2023-12-31", "--json"});
  // Végétal Local had repaid 8 x 500 EUR by the end of 2023; the 2024 loan did not exist.
  EXPECT_NE(r.out.find("\"loan\":\"L-VL\""), std::string::npos);
  EXPECT_EQ(r.out.find("\"loan\":\"L-MA\""), std::string::npos);
  size_t vl = r.out.find("\"loan\":\"L-VL\"");
  EXPECT_NE(r.out.find("\"repaid\":\"4000.00\"", vl), std::string::npos) << r.out;
}

TEST_F(AuditorTest, AClosedYearTakesNoNewEvent) {
  auto r = RunFij({"--store", dir_->Sub("store"), "gift", "record", "late-2023", "--partner",
                   "bel", "--amount", "100", "--date", "2023-12-15", "--method", "transfer"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("kYearClosed"), std::string::npos) << r.err;
  // Dated in the open year, it is accepted.
  auto ok = RunFij({"--store", dir_->Sub("store"), "gift", "record", "late-2026", "--partner",
                    "bel", "--amount", "100", "--date", "2026-01-15", "--method", "transfer"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST_F(AuditorTest, BudgetAndLoanChartsArePngFiles) {
  for (auto args : std::vector<std::vector<std::string>>{
           {"report", "budget", "--year", "2024", "--chart", dir_->Sub("budget.png")},
           {"report", "loans", "--as-of", "2025-12-31", "--chart", dir_->Sub("loans.png")}}) {
    Fij(args);
    std::string png = ReadFile(args.back());
    ASSERT_GT(png.size(), 1000u) << args.back();
    EXPECT_EQ(png.substr(1, 3), "PNG");
  }
}

TEST_F(AuditorTest, ReplayReportsEventsPerSecondAndBalancedTotals) {
  auto r = Fij({"replay"});
  EXPECT_NE(r.out.find("events/s"), std::string::npos);
  EXPECT_NE(r.out.find("debits = credits"), std::string::npos);
}

}  // namespace
}  // namespace fij::testing
