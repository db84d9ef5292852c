// ledger::PartnerRegister (decisions 54, 72, 74, 78): a projection-only State's partners and
// their received patronage gifts summed per (fund, year). Gifts over 40 years and 3 funds, in
// random order, are summed both in the register and in a plain map, and every partner's sums of
// every (fund, year) are compared: years 32 apart share a bit of a partner's `seen` mask, so
// the mask may only ever spare a walk of the chain, never hide a sum.
#include "ledger/partner_register.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace fij::testing {
namespace {

using ledger::PartnerRegister;

struct Expected {
  int64_t given = 0, fulfilled = 0;
};

TEST(PartnerRegisterTest, SumsEveryFundAndYearWhateverTheOrderOfTheGifts) {
  std::mt19937_64 rng(20261207);
  PartnerRegister reg;
  constexpr int kPartners = 300;
  for (int i = 0; i < kPartners; ++i)
    reg.Register("p" + std::to_string(i), "Partenaire " + std::to_string(i),
                 i % 2 ? ledger::PartnerKind::kCompany : ledger::PartnerKind::kIndividual);
  std::map<std::tuple<std::string, uint32_t, int32_t>, Expected> expected;
  for (int g = 0; g < 40'000; ++g) {
    const std::string id = "p" + std::to_string(rng() % kPartners);
    const auto fund = static_cast<uint32_t>(rng() % 3);
    // Mostly the years in turn, sometimes any of 40 (a gift received late, or backdated).
    const int32_t year = rng() % 4 == 0 ? 1990 + static_cast<int32_t>(rng() % 40)
                                        : 1990 + g * 40 / 40'000;
    const auto cents = static_cast<int64_t>(1 + rng() % 1'000'000);
    const bool pledged = rng() % 3 == 0;
    reg.AddGift(id, fund, year, cents, pledged);
    Expected& e = expected[{id, fund, year}];
    e.given += cents;
    if (pledged) e.fulfilled += cents;
  }
  size_t found = 0;
  for (uint32_t fund = 0; fund < 4; ++fund) {  // fund 3 has no gift
    for (int32_t year = 1985; year < 2035; ++year) {
      reg.ForEach(fund, year, [&](std::string_view id, const ledger::PartnerFacts& facts,
                                  const ledger::PartnerYearSums* sums) {
        EXPECT_EQ("Partenaire " + std::string(id.substr(1)), facts.identity.name);
        auto it = expected.find({std::string(id), fund, year});
        if (it == expected.end()) {
          EXPECT_EQ(sums, nullptr) << id << " " << fund << " " << year;
          return;
        }
        ASSERT_NE(sums, nullptr) << id << " " << fund << " " << year;
        ++found;
        EXPECT_EQ(sums->fund, fund);
        EXPECT_EQ(sums->year, year);
        EXPECT_EQ(sums->given_cents.ToMoney().cents(), it->second.given) << id;
        EXPECT_EQ(sums->fulfilled_cents.ToMoney().cents(), it->second.fulfilled) << id;
      });
    }
  }
  EXPECT_EQ(found, expected.size());
  EXPECT_GT(expected.size(), 20'000u);  // most partners have sums of many (fund, year)s
}

}  // namespace
}  // namespace fij::testing
