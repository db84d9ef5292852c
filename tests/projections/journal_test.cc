// The exported journal gives the same balances in hledger and ledger (real peers, Debian
// packages) as fij's own trial balance.
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace fij::testing {
namespace {

// "12345.60" or "-5" -> cents, exactly.
int64_t Cents(std::string s) {
  bool neg = !s.empty() && s[0] == '-';
  if (neg) s.erase(0, 1);
  auto dot = s.find('.');
  std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  while (frac.size() < 2) frac += '0';
  int64_t v = std::stoll(whole) * 100 + std::stoll(frac.substr(0, 2));
  return neg ? -v : v;
}

class JournalTest : public ::testing::Test {
 protected:
  RunResult Fij(std::vector<std::string> args) {
    args.insert(args.begin(), {"--store", dir_.Sub("store")});
    auto r = RunFij(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r;
  }
  void Populate() {
    Fij({"init", "--fund-name", "FIJ", "--siren", "732829320", "--address", "Lons", "--object",
         "Aides", "--signer", "A B, président", "--agrement", "AG", "--agrement-from",
         "2023-01-01", "--agrement-to", "2025-12-31"});
    Fij({"partner", "add", "c1", "--kind", "company", "--name", "Crédit Agricole"});
    Fij({"partner", "add", "i1", "--kind", "individual", "--name", "Jean Martin"});
    const char* methods[] = {"transfer", "cheque", "cash", "card", "debit"};
    for (int i = 0; i < 25; ++i) {
      std::string amount = std::to_string(100 + i * 37) + "," + std::to_string(10 + i);
      std::vector<std::string> args = {"gift", "record", "g" + std::to_string(i), "--partner",
                                       i % 2 ? "c1" : "i1", "--amount", amount, "--date",
                                       "2023-0" + std::to_string(1 + i % 9) + "-1" +
                                           std::to_string(i % 9),
                                       "--method", methods[i % 5]};
      if (i % 7 == 3) args.insert(args.end(), {"--nature", "in-kind", "--valuation-ref", "V"});
      if (i % 11 == 5) args.insert(args.end(), {"--kind", "sponsorship"});
      Fij(args);
    }
  }
  std::map<std::string, int64_t> FijBalances() {
    auto r = Fij({"report", "balance", "--json"});
    std::map<std::string, int64_t> out;
    // {"account":"512","label":"Banques",...,"balance":"123.45"}
    size_t at = 0;
    while ((at = r.out.find("\"account\":\"", at)) != std::string::npos) {
      at += 11;
      std::string code = r.out.substr(at, r.out.find('"', at) - at);
      size_t b = r.out.find("\"balance\":\"", at) + 11;
      out[code] = Cents(r.out.substr(b, r.out.find('"', b) - b));
    }
    return out;
  }
  TempDir dir_;
};

TEST_F(JournalTest, HledgerBalancesEqualFijTrialBalance) {
  Populate();
  auto fij = FijBalances();
  ASSERT_GE(fij.size(), 5u);
  Fij({"export", "journal", "-o", dir_.Sub("fij.journal")});
  auto h = RunProgram({"hledger", "-f", dir_.Sub("fij.journal"), "bal", "--flat", "-O", "csv"});
  ASSERT_EQ(h.exit_code, 0) << h.err;
  std::map<std::string, int64_t> hl;
  std::istringstream lines(h.out);
  std::string line;
  while (std::getline(lines, line)) {
    // "512 Banques","11000.00 EUR"
    if (line.rfind("\"", 0) != 0 || line.rfind("\"account\"", 0) == 0 ||
        line.rfind("\"total\"", 0) == 0)
      continue;
    std::string account = line.substr(1, line.find(' ') - 1);
    size_t v = line.find("\",\"") + 3;
    std::string amount = line.substr(v, line.find(' ', v) - v);
    hl[account] = Cents(amount);
  }
  std::erase_if(fij, [](const auto& kv) { return kv.second == 0; });
  EXPECT_EQ(hl, fij);
}

TEST_F(JournalTest, LedgerBalancesEqualFijTrialBalance) {
  Populate();
  auto fij = FijBalances();
  Fij({"export", "journal", "-o", dir_.Sub("fij.journal")});
  auto l = RunProgram({"ledger", "-f", dir_.Sub("fij.journal"), "bal", "--flat", "--no-total",
                       "--format", "%(account)|%(quantity(scrub(display_total)))\n"});
  ASSERT_EQ(l.exit_code, 0) << l.err;
  std::map<std::string, int64_t> lg;
  std::istringstream lines(l.out);
  std::string line;
  while (std::getline(lines, line)) {
    auto bar = line.find('|');
    if (bar == std::string::npos) continue;
    lg[line.substr(0, line.find(' '))] = Cents(line.substr(bar + 1));
  }
  std::erase_if(fij, [](const auto& kv) { return kv.second == 0; });
  EXPECT_EQ(lg, fij);
}

}  // namespace
}  // namespace fij::testing
