#include "ledger/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace fij::ledger {
namespace {

// The three spaces a French keyboard or a pasted document may put between thousands.
const std::string kNbsp = "\xC2\xA0";            // U+00A0 NO-BREAK SPACE
const std::string kNarrowNbsp = "\xE2\x80\xAF";  // U+202F NARROW NO-BREAK SPACE

Money Cents(int64_t cents) { return Money::FromCents(cents); }

// ---------------------------------------------------------------------------------------------
// ParseMoney: accepted formats.

struct AcceptedCase {
  std::string text;
  int64_t cents;
};

TEST(ParseMoneyTest, AcceptsEveryDocumentedFormat) {
  const std::vector<AcceptedCase> cases = {
      {"1 234,56 €", 123456},
      {"1234,56", 123456},
      {"1234.56", 123456},
      {"1234", 123400},
      {"0,5", 50},
      {"0.5", 50},
      {"12,5", 1250},
      {"0,01", 1},
      {"0.07", 7},
      {"12 €", 1200},
      {"12€", 1200},
      {"12 EUR", 1200},
      {"12EUR", 1200},
      {"12 eur", 1200},
      {"12" + kNbsp + "€", 1200},
      {"12" + kNarrowNbsp + "€", 1200},
      {"1" + kNbsp + "234,56", 123456},
      {"1" + kNarrowNbsp + "234,56 €", 123456},
      {"1" + kNbsp + "234" + kNarrowNbsp + "567 890,12", 123456789012},
      {"1 234", 123400},
      {"123 456", 12345600},
      {"1 234 567,89", 123456789},
      {"  42  ", 4200},
      {"\t42,10\n", 4210},
      {kNbsp + "42" + kNbsp, 4200},
      {"007", 700},
      {"999 999 999 999,99", kAmountCentsMax - 1},
      {"1 000 000 000 000", kAmountCentsMax},
      {"1000000000000,00 €", kAmountCentsMax},
  };
  for (const AcceptedCase& c : cases) {
    auto parsed = ParseMoney(c.text);
    ASSERT_TRUE(parsed.has_value()) << c.text << ": " << parsed.error().message;
    EXPECT_EQ(parsed->cents(), c.cents) << c.text;
  }
}

TEST(ParseMoneyTest, AcceptsZeroOnlyWhenAllowed) {
  for (const std::string text : {"0", "0,00", "0.0", "0 €", "000"}) {
    auto allowed = ParseMoney(text, /*allow_zero=*/true);
    ASSERT_TRUE(allowed.has_value()) << text << ": " << allowed.error().message;
    EXPECT_TRUE(allowed->is_zero()) << text;

    auto refused = ParseMoney(text);
    ASSERT_FALSE(refused.has_value()) << text;
    EXPECT_NE(refused.error().message.find("is zero"), std::string::npos)
        << refused.error().message;
    EXPECT_NE(refused.error().message.find("0,01"), std::string::npos) << refused.error().message;
  }
}

TEST(ParseMoneyTest, ReadsBackWhatEveryFormatterWrites) {
  for (int64_t cents : {int64_t{1}, int64_t{50}, int64_t{100}, int64_t{123456}, int64_t{100000},
                        int64_t{123456789}, kAmountCentsMax}) {
    const Money m = Cents(cents);
    for (const std::string& text : {m.ToFrench(), m.ToFecNumber(), m.ToPlain()}) {
      auto parsed = ParseMoney(text);
      ASSERT_TRUE(parsed.has_value()) << text << ": " << parsed.error().message;
      EXPECT_EQ(*parsed, m) << text;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// ParseMoney: refusals. Each message must say what was wrong and what to type instead.

struct RefusedCase {
  std::string text;
  std::string problem;     // names what was wrong
  std::string suggestion;  // what to type instead
};

TEST(ParseMoneyTest, RefusesWithAMessageNamingTheProblemAndTheFix) {
  const std::vector<RefusedCase> cases = {
      {"", "empty", "1 234,56"},
      {"   ", "empty", "1 234,56"},
      {kNbsp, "empty", "1234,56"},
      {"-12", "negative", "\"12\""},
      {"-12,50 €", "negative", "\"12,50\""},
      {"+12", "'+' sign", "\"12\""},
      {"1e5", "exponent", "1500"},
      {"1E5", "exponent", "1500"},
      {"2,5e3 €", "exponent", "in full"},
      {"1.234", "ambiguous", "write 1234 for 1234,00 €, or 1,23 for 1,23 €"},
      {"1,234", "ambiguous", "write 1234 for 1234,00 €, or 1,23 for 1,23 €"},
      {"999.999", "ambiguous", "999999"},
      {"1,2345", "more than two decimals", "1,23"},
      {"1234.567", "more than two decimals", "1234,56"},
      {"1 234,567", "more than two decimals", "1234,56"},
      {"1.234,56", "mixes '.' and ','", "type 1234,56"},
      {"1,234.56", "mixes '.' and ','", "type 1234,56"},
      {"1.234.567,891", "mixes '.' and ','", "1 234,56"},
      {"1.234.567", "'.' as a thousands separator", "1234567"},
      {"1,234,567", "',' as a thousands separator", "1234567"},
      {"12 34", "misplaced thousands separator", "1234"},
      {"1234 567", "misplaced thousands separator", "1 234 567"},
      {"1 2345", "misplaced thousands separator", "12345"},
      {"1  234", "misplaced thousands separator", "1234"},
      {"1 234 56", "misplaced thousands separator", "123456"},
      {"1 234 5678", "misplaced thousands separator", "12345678"},
      {"12 ,50", "misplaced thousands separator", "12"},
      {"12,5 0", "spaces in the cents", "12,50"},
      {"12,", "ends with a decimal separator", "12,50"},
      {"12.", "ends with a decimal separator", "12"},
      {",50", "no euros", "0,50"},
      {".5", "no euros", "0.5"},
      {"abc", "letters", "1 234,56"},
      {"douze", "letters", "1234,56"},
      {"12 euros", "letters", "EUR"},
      {"12 $", "character '$'", "digits only"},
      {"\xEF\xBC\x91\xEF\xBC\x92", "letters or symbols", "digits only"},  // full-width "12"
      {"€12", "starts with the currency", "12,50 €"},
      {"EUR 12", "starts with the currency", "after the amount"},
      {"€", "starts with the currency", "after the amount"},
      {"12 € €", "letters or symbols", "optionally followed by €"},
      {"12#", "character '#'", "digits only"},
      {"1_000", "character '_'", "1 234,56"},
      {"1-2", "'-' inside the amount", "digits only"},
      {"1 000 000 000 000,01", "above the limit of 1 000 000 000 000,00 €", "smaller amount"},
      {"1 000 000 000 001", "above the limit of 1 000 000 000 000,00 €", "smaller amount"},
      {"99999999999999999999999999", "above the limit of 1 000 000 000 000,00 €", "split it"},
      {std::string(101, '1'), "too long", "1 234,56"},
  };
  for (const RefusedCase& c : cases) {
    auto parsed = ParseMoney(c.text, /*allow_zero=*/true);
    ASSERT_FALSE(parsed.has_value()) << c.text << " parsed as " << parsed->ToPlain();
    const std::string& message = parsed.error().message;
    EXPECT_NE(message.find(c.problem), std::string::npos) << c.text << ": " << message;
    EXPECT_NE(message.find(c.suggestion), std::string::npos) << c.text << ": " << message;
  }
}

TEST(ParseMoneyTest, RefusalQuotesTheTypedText) {
  auto parsed = ParseMoney("1.234,56");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().message.rfind("\"1.234,56\" ", 0), 0u) << parsed.error().message;
}

TEST(ParseMoneyTest, RefusesThreeDecimalsEvenWhenTheyAreZeros) {
  // "12,000" could be twelve thousand: refusing is the only safe reading.
  auto parsed = ParseMoney("12,000");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.error().message.find("ambiguous"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Checked arithmetic.

TEST(MoneyTest, AddsSubtractsAndNegatesExactly) {
  EXPECT_EQ(Cents(150) + Cents(275), Cents(425));
  EXPECT_EQ(Cents(150) - Cents(275), Cents(-125));
  EXPECT_EQ(-Cents(150), Cents(-150));
  EXPECT_EQ(Cents(-7).Times(3), Cents(-21));
  Money m = Cents(100);
  m += Cents(5);
  m -= Cents(20);
  EXPECT_EQ(m, Cents(85));
  EXPECT_TRUE(Money::Zero().is_zero());
  EXPECT_TRUE(Cents(-1).is_negative());
  EXPECT_FALSE(Money::Zero().is_negative());
}

TEST(MoneyTest, ComparesByAmount) {
  EXPECT_LT(Cents(-5), Cents(3));
  EXPECT_LE(Cents(3), Cents(3));
  EXPECT_GT(Cents(300), Cents(299));
  EXPECT_NE(Cents(1), Cents(2));
  EXPECT_EQ(Cents(7) <=> Cents(7), std::strong_ordering::equal);
  EXPECT_EQ(Cents(6) <=> Cents(7), std::strong_ordering::less);
}

TEST(MoneyTest, AdditionBeyondTheRangeThrowsOverflow) {
  const Money max = Cents(INT64_MAX);
  EXPECT_THROW(max + Cents(1), std::overflow_error);
  EXPECT_THROW(Cents(1) + max, std::overflow_error);
  EXPECT_THROW(max + max, std::overflow_error);
  EXPECT_THROW(-max + Cents(-1), std::overflow_error);
  EXPECT_EQ((max + Cents(-1)).cents(), INT64_MAX - 1);
}

TEST(MoneyTest, SubtractionBeyondTheRangeThrowsOverflow) {
  const Money min = Cents(-INT64_MAX);
  EXPECT_THROW(min - Cents(1), std::overflow_error);
  EXPECT_THROW(Cents(INT64_MAX) - min, std::overflow_error);
  EXPECT_THROW(Cents(INT64_MAX) - Cents(-1), std::overflow_error);
  EXPECT_EQ((min - Cents(-1)).cents(), -INT64_MAX + 1);
}

TEST(MoneyTest, TimesBeyondTheRangeThrowsOverflow) {
  EXPECT_THROW(Cents(INT64_MAX).Times(2), std::overflow_error);
  EXPECT_THROW(Cents(INT64_MAX / 2 + 1).Times(2), std::overflow_error);
  EXPECT_THROW(Cents(-3'037'000'500).Times(3'037'000'500), std::overflow_error);
  EXPECT_THROW(Cents(1).Times(INT64_MIN), std::overflow_error);
  EXPECT_EQ(Cents(INT64_MAX / 2).Times(2).cents(), INT64_MAX - 1);
  EXPECT_EQ(Cents(INT64_MAX).Times(-1).cents(), -INT64_MAX);
}

TEST(MoneyTest, FromCentsRefusesTheOneValueWhoseNegationWouldNotFit) {
  EXPECT_THROW(Money::FromCents(INT64_MIN), std::overflow_error);
  EXPECT_EQ((-Cents(-INT64_MAX)).cents(), INT64_MAX);
}

TEST(MoneyTest, CompoundAssignmentLeavesTheValueUnchangedOnOverflow) {
  Money m = Cents(INT64_MAX - 1);
  EXPECT_THROW(m += Cents(2), std::overflow_error);
  EXPECT_EQ(m.cents(), INT64_MAX - 1);
  Money n = Cents(-INT64_MAX + 1);
  EXPECT_THROW(n -= Cents(2), std::overflow_error);
  EXPECT_EQ(n.cents(), -INT64_MAX + 1);
}

TEST(MoneyTest, SumsOfManyMaximalAmountsStillFit) {
  // The header promises about 92 000 amounts of kAmountCentsMax fit in 63 bits.
  Money total;
  for (int i = 0; i < 92'000; ++i) total += Cents(kAmountCentsMax);
  EXPECT_EQ(total.cents(), kAmountCentsMax * 92'000);
  EXPECT_THROW(total.Times(2), std::overflow_error);
}

// ---------------------------------------------------------------------------------------------
// MulRatio.

struct RatioCase {
  int64_t cents;
  int64_t numerator;
  int64_t denominator;
  int64_t half_up;
  int64_t down;
  int64_t half_even;
};

TEST(MoneyTest, MulRatioRoundsEachModeSymmetricallyAroundZero) {
  const std::vector<RatioCase> cases = {
      // Exact results are the same in every mode.
      {250, 1, 2, 125, 125, 125},
      {1000, 66, 100, 660, 660, 660},
      {0, 7, 3, 0, 0, 0},
      {12345, 0, 9, 0, 0, 0},
      // Ties: .5 of a cent.
      {5, 1, 2, 3, 2, 2},
      {15, 1, 2, 8, 7, 8},
      {25, 1, 2, 13, 12, 12},
      {-5, 1, 2, -3, -2, -2},
      {-15, 1, 2, -8, -7, -8},
      {-25, 1, 2, -13, -12, -12},
      {5, -1, 2, -3, -2, -2},
      {-5, -1, 2, 3, 2, 2},
      {1, 1, 2, 1, 0, 0},
      {3, 1, 2, 2, 1, 2},
      // Below and above the half.
      {10, 1, 3, 3, 3, 3},
      {20, 1, 3, 7, 6, 7},
      {-20, 1, 3, -7, -6, -7},
      {12345, 1, 4, 3086, 3086, 3086},
      {12347, 1, 4, 3087, 3086, 3087},
      {-12347, 1, 4, -3087, -3086, -3087},
      // Tax reduction style: 60 % and 66 %.
      {1001, 60, 100, 601, 600, 601},
      {12345, 66, 100, 8148, 8147, 8148},
      {1, 66, 100, 1, 0, 1},
      // Ratios above one.
      {333, 3, 2, 500, 499, 500},
      {7, 10, 1, 70, 70, 70},
  };
  for (const RatioCase& c : cases) {
    const Money m = Cents(c.cents);
    EXPECT_EQ(m.MulRatio(c.numerator, c.denominator, Rounding::kHalfUp).cents(), c.half_up)
        << c.cents << " * " << c.numerator << " / " << c.denominator << " half up";
    EXPECT_EQ(m.MulRatio(c.numerator, c.denominator, Rounding::kDown).cents(), c.down)
        << c.cents << " * " << c.numerator << " / " << c.denominator << " down";
    EXPECT_EQ(m.MulRatio(c.numerator, c.denominator, Rounding::kHalfEven).cents(), c.half_even)
        << c.cents << " * " << c.numerator << " / " << c.denominator << " half even";
  }
}

TEST(MoneyTest, MulRatioIsExactWhenTheProductExceedsSixtyFourBits) {
  const Money max = Cents(INT64_MAX);
  EXPECT_EQ(max.MulRatio(INT64_MAX, INT64_MAX, Rounding::kDown), max);
  EXPECT_EQ(max.MulRatio(-INT64_MAX, INT64_MAX, Rounding::kHalfUp), -max);
  EXPECT_EQ(max.MulRatio(3, 4, Rounding::kDown).cents(), 6917529027641081855);  // floor(.75 max)
  EXPECT_EQ(max.MulRatio(1'000'000'007, 2'000'000'014, Rounding::kHalfUp).cents(),
            INT64_MAX / 2 + 1);
  EXPECT_EQ(max.MulRatio(1'000'000'007, 2'000'000'014, Rounding::kHalfEven).cents(),
            INT64_MAX / 2 + 1);  // 4611686018427387903.5: the even neighbour is ...904
}

TEST(MoneyTest, MulRatioResultBeyondTheRangeThrowsOverflow) {
  EXPECT_THROW(Cents(INT64_MAX).MulRatio(2, 1, Rounding::kDown), std::overflow_error);
  EXPECT_THROW(Cents(-INT64_MAX).MulRatio(3, 2, Rounding::kHalfUp), std::overflow_error);
  EXPECT_THROW(Cents(INT64_MAX).MulRatio(INT64_MAX, 1, Rounding::kHalfEven), std::overflow_error);
}

TEST(MoneyDeathTest, MulRatioWithANonPositiveDenominatorIsABug) {
  EXPECT_DEATH((void)Cents(100).MulRatio(1, 0, Rounding::kDown), "denominator");
  EXPECT_DEATH((void)Cents(100).MulRatio(1, -2, Rounding::kDown), "denominator");
}

// ---------------------------------------------------------------------------------------------
// SplitLastAbsorbs.

std::vector<int64_t> CentsOf(const std::vector<Money>& parts) {
  std::vector<int64_t> out;
  for (const Money& m : parts) out.push_back(m.cents());
  return out;
}

TEST(MoneyTest, SplitLastAbsorbsGivesTheRemainderToTheLastPart) {
  EXPECT_EQ(CentsOf(Cents(1000).SplitLastAbsorbs(3)), (std::vector<int64_t>{333, 333, 334}));
  EXPECT_EQ(CentsOf(Cents(1).SplitLastAbsorbs(3)), (std::vector<int64_t>{0, 0, 1}));
  EXPECT_EQ(CentsOf(Cents(0).SplitLastAbsorbs(2)), (std::vector<int64_t>{0, 0}));
  EXPECT_EQ(CentsOf(Cents(100).SplitLastAbsorbs(1)), (std::vector<int64_t>{100}));
  EXPECT_EQ(CentsOf(Cents(1200).SplitLastAbsorbs(4)), (std::vector<int64_t>{300, 300, 300, 300}));
  EXPECT_EQ(CentsOf(Cents(10099).SplitLastAbsorbs(12)),
            (std::vector<int64_t>{841, 841, 841, 841, 841, 841, 841, 841, 841, 841, 841, 848}));
}

TEST(MoneyTest, SplitLastAbsorbsAlwaysSumsExactly) {
  for (int64_t cents : {int64_t{0}, int64_t{1}, int64_t{7}, int64_t{99}, int64_t{100},
                        int64_t{12345}, int64_t{999999}, kAmountCentsMax, INT64_MAX}) {
    for (int64_t parts = 1; parts <= 37; ++parts) {
      const std::vector<Money> split = Cents(cents).SplitLastAbsorbs(parts);
      ASSERT_EQ(static_cast<int64_t>(split.size()), parts);
      Money sum;
      for (size_t i = 0; i + 1 < split.size(); ++i) {
        EXPECT_EQ(split[i].cents(), cents / parts) << cents << " / " << parts;
        sum += split[i];
      }
      EXPECT_EQ(split.back().cents(), cents / parts + cents % parts) << cents << " / " << parts;
      sum += split.back();
      EXPECT_EQ(sum.cents(), cents) << cents << " / " << parts;
    }
  }
}

TEST(MoneyDeathTest, SplitLastAbsorbsOutsideItsContractIsABug) {
  EXPECT_DEATH((void)Cents(100).SplitLastAbsorbs(0), "parts");
  EXPECT_DEATH((void)Cents(100).SplitLastAbsorbs(kSplitPartsMax + 1), "parts");
  EXPECT_DEATH((void)Cents(-100).SplitLastAbsorbs(2), "negative");
}

// ---------------------------------------------------------------------------------------------
// Formatting.

struct FormatCase {
  int64_t cents;
  std::string french;
  std::string fec;
  std::string plain;
};

TEST(MoneyTest, FormatsForPeopleForTheFecAndForMachines) {
  const std::vector<FormatCase> cases = {
      {0, "0,00 €", "0,00", "0.00"},
      {5, "0,05 €", "0,05", "0.05"},
      {50, "0,50 €", "0,50", "0.50"},
      {-5, "-0,05 €", "-0,05", "-0.05"},
      {-500, "-5,00 €", "-5,00", "-5.00"},
      {-1200, "-12,00 €", "-12,00", "-12.00"},
      {99999, "999,99 €", "999,99", "999.99"},
      {100000, "1 000,00 €", "1000,00", "1000.00"},
      {123456, "1 234,56 €", "1234,56", "1234.56"},
      {-123456, "-1 234,56 €", "-1234,56", "-1234.56"},
      {12345678, "123 456,78 €", "123456,78", "123456.78"},
      {123456789, "1 234 567,89 €", "1234567,89", "1234567.89"},
      {kAmountCentsMax, "1 000 000 000 000,00 €", "1000000000000,00", "1000000000000.00"},
      {INT64_MAX, "92 233 720 368 547 758,07 €", "92233720368547758,07", "92233720368547758.07"},
      {-INT64_MAX, "-92 233 720 368 547 758,07 €", "-92233720368547758,07",
       "-92233720368547758.07"},
  };
  for (const FormatCase& c : cases) {
    const Money m = Cents(c.cents);
    EXPECT_EQ(m.ToFrench(), c.french) << c.cents;
    EXPECT_EQ(m.ToFecNumber(), c.fec) << c.cents;
    EXPECT_EQ(m.ToPlain(), c.plain) << c.cents;
  }
}

// ---------------------------------------------------------------------------------------------
// AmountInFrenchWords.

struct WordsCase {
  int64_t cents;
  std::string words;
};

TEST(AmountInFrenchWordsTest, SpellsAmountsPerTheTraditionalRules) {
  const std::vector<WordsCase> cases = {
      {0, "zéro euro"},
      {100, "un euro"},
      {200, "deux euros"},
      {1000, "dix euros"},
      {1100, "onze euros"},
      {1600, "seize euros"},
      {1700, "dix-sept euros"},
      {1900, "dix-neuf euros"},
      {2000, "vingt euros"},
      {2100, "vingt et un euros"},
      {2200, "vingt-deux euros"},
      {3100, "trente et un euros"},
      {4100, "quarante et un euros"},
      {5100, "cinquante et un euros"},
      {6100, "soixante et un euros"},
      {6900, "soixante-neuf euros"},
      {7000, "soixante-dix euros"},
      {7100, "soixante et onze euros"},
      {7200, "soixante-douze euros"},
      {7700, "soixante-dix-sept euros"},
      {8000, "quatre-vingts euros"},
      {8100, "quatre-vingt-un euros"},
      {8900, "quatre-vingt-neuf euros"},
      {9000, "quatre-vingt-dix euros"},
      {9100, "quatre-vingt-onze euros"},
      {9900, "quatre-vingt-dix-neuf euros"},
      {10000, "cent euros"},
      {10100, "cent un euros"},
      {18000, "cent quatre-vingts euros"},
      {20000, "deux cents euros"},
      {20100, "deux cent un euros"},
      {28000, "deux cent quatre-vingts euros"},
      {99900, "neuf cent quatre-vingt-dix-neuf euros"},
      {100000, "mille euros"},
      {100100, "mille un euros"},
      {108000, "mille quatre-vingts euros"},
      {110000, "mille cent euros"},
      {120000, "mille deux cents euros"},
      {200000, "deux mille euros"},
      {2100000, "vingt et un mille euros"},
      {8000000, "quatre-vingt mille euros"},
      {8008000, "quatre-vingt mille quatre-vingts euros"},
      {10000000, "cent mille euros"},
      {20000000, "deux cent mille euros"},
      {99999900, "neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf euros"},
      {100000000, "un million d'euros"},
      {100000100, "un million un euros"},
      {100100000, "un million mille euros"},
      {200000000, "deux millions d'euros"},
      {250000000, "deux millions cinq cent mille euros"},
      {8000000000, "quatre-vingts millions d'euros"},
      {20000000000, "deux cents millions d'euros"},
      {20100000000, "deux cent un millions d'euros"},
      {100000000000, "un milliard d'euros"},
      {100100000000, "un milliard un million d'euros"},
      {300000000000, "trois milliards d'euros"},
      {8000000000000, "quatre-vingts milliards d'euros"},
      {kAmountCentsMax, "mille milliards d'euros"},
      {8000000000000000, "quatre-vingt mille milliards d'euros"},
      {200000000000000000, "deux millions de milliards d'euros"},
      {INT64_MAX,
       "quatre-vingt-douze millions deux cent trente-trois mille sept cent vingt milliards trois "
       "cent soixante-huit millions cinq cent quarante-sept mille sept cent cinquante-huit euros "
       "et sept centimes"},
      // Cents.
      {1, "un centime"},
      {5, "cinq centimes"},
      {21, "vingt et un centimes"},
      {71, "soixante et onze centimes"},
      {80, "quatre-vingts centimes"},
      {99, "quatre-vingt-dix-neuf centimes"},
      {101, "un euro et un centime"},
      {180, "un euro et quatre-vingts centimes"},
      {123456, "mille deux cent trente-quatre euros et cinquante-six centimes"},
      {200000050, "deux millions d'euros et cinquante centimes"},
      {8000081, "quatre-vingt mille euros et quatre-vingt-un centimes"},
  };
  for (const WordsCase& c : cases) {
    EXPECT_EQ(AmountInFrenchWords(Cents(c.cents)), c.words) << c.cents;
  }
}

TEST(SumCentsTest, AddsExactlyAndRefusesToReadASumOutOfRange) {
  SumCents s;
  EXPECT_EQ(s.ToMoney().cents(), 0);
  s.Add(kAmountCentsMax);
  s.Add(1);
  s.Add(-2);
  EXPECT_TRUE(s.in_range());
  EXPECT_EQ(s.ToMoney().cents(), kAmountCentsMax - 1);
  // About 92 000 of the largest amounts fit; the next one leaves the range, and the sum stays
  // out of range whatever is added after (it never comes back as a wrong number).
  SumCents big;
  int64_t added = 0;
  while (big.in_range()) {
    big.Add(kAmountCentsMax);
    ++added;
  }
  EXPECT_EQ(added, INT64_MAX / kAmountCentsMax + 1);
  EXPECT_THROW((void)big.ToMoney(), std::overflow_error);
  big.Add(-kAmountCentsMax);
  EXPECT_FALSE(big.in_range());
  EXPECT_THROW((void)big.ToMoney(), std::overflow_error);
  // Adding never throws where an event is applied, even an amount Money cannot hold.
  SumCents odd;
  EXPECT_NO_THROW(odd.Add(INT64_MIN));
  EXPECT_FALSE(odd.in_range());
  EXPECT_EQ(sizeof(SumCents), 8u);
}

TEST(AmountInFrenchWordsDeathTest, NegativeAmountIsABug) {
  EXPECT_DEATH((void)AmountInFrenchWords(Cents(-1)), "AmountInFrenchWords");
}

}  // namespace
}  // namespace fij::ledger
