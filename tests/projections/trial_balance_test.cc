// projections::TrialBalance folds entries per account through a small cache of its map's nodes
// (decision 73): the totals must be those of a plain map whatever the codes (slots shared,
// codes longer than the 8 bytes the slot is chosen by, codes that are prefixes of others), and
// a copied or moved balance must never reach into another balance's map.
#include "projections/trial_balance.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace fij::projections {
namespace {

ledger::JournalEntry Entry(const std::string& debit, const std::string& credit, int64_t cents) {
  ledger::JournalEntry e;
  e.journal = "OD";
  e.date = 20250101;
  e.fund = "fij";
  e.lines.push_back({debit, cents, 0, "", ""});
  e.lines.push_back({credit, 0, cents, "", ""});
  return e;
}

std::vector<std::string> Codes() {
  std::vector<std::string> codes = {
      "512",  "5121",     "51211",     "530",       "7542", "75411", "7063", "6571",         "4686",
      "2743", "27430000", "274300001", "274300002", "4",    "44",    "444",  "4444444444444",
      "2743000", "4444444", "44444444", "444444444"};
  for (int k = 0; k < 60; ++k) codes.push_back("6" + std::to_string(1000 + k * 7));
  return codes;
}

TEST(TrialBalanceTest, TotalsPerAccountAreAPlainMapsWhateverTheCodes) {
  const std::vector<std::string> codes = Codes();
  std::mt19937_64 rng(20261207);
  TrialBalance tb;
  std::map<std::string, AccountTotals> expected;
  for (int k = 0; k < 20000; ++k) {
    const std::string& d = codes[rng() % codes.size()];
    const std::string& c = codes[rng() % codes.size()];
    const auto cents = static_cast<int64_t>(rng() % 1'000'000);
    tb.Post(Entry(d, c, cents), static_cast<uint64_t>(k + 1));
    expected[d].debit_cents += cents;
    expected[c].credit_cents += cents;
  }
  ASSERT_EQ(tb.accounts().size(), expected.size());
  for (const auto& [code, t] : expected) {
    auto it = tb.accounts().find(code);
    ASSERT_NE(it, tb.accounts().end()) << code;
    EXPECT_EQ(it->second.debit_cents, t.debit_cents) << code;
    EXPECT_EQ(it->second.credit_cents, t.credit_cents) << code;
  }
  EXPECT_EQ(tb.total_debit_cents(), tb.total_credit_cents());
  EXPECT_EQ(tb.entry_count(), 20000u);
}

TEST(TrialBalanceTest, ACopyOrAMoveFoldsIntoItsOwnAccounts) {
  auto original = std::make_unique<TrialBalance>();
  original->Post(Entry("512", "7542", 100), 1);
  original->Post(Entry("530", "75411", 40), 2);
  TrialBalance copy = *original;
  TrialBalance assigned;
  assigned.Post(Entry("6571", "4686", 7), 1);
  assigned = *original;
  original.reset();  // with the cache copied, the copies would write into freed nodes (ASan)
  copy.Post(Entry("512", "7542", 1), 3);
  assigned.Post(Entry("512", "7542", 2), 3);
  EXPECT_EQ(copy.accounts().at("512").debit_cents, 101);
  EXPECT_EQ(copy.accounts().at("7542").credit_cents, 101);
  EXPECT_EQ(assigned.accounts().at("512").debit_cents, 102);
  EXPECT_EQ(assigned.accounts().count("6571"), 0u);
  TrialBalance moved = std::move(copy);
  moved.Post(Entry("530", "75411", 5), 4);
  EXPECT_EQ(moved.accounts().at("530").debit_cents, 45);
  EXPECT_EQ(moved.accounts().at("75411").credit_cents, 45);
  EXPECT_EQ(moved.total_debit_cents(), 146);
}

}  // namespace
}  // namespace fij::projections
