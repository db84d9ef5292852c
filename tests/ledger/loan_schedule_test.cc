// Loan schedules (ledger/loan_schedule.h): exact to the cent, monthly, the last instalment
// absorbing the rounding. A property over thousands of random loans, hand-computed cases, and
// the terms that are not a loan.
#include "ledger/loan_schedule.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "ledger/date.h"

namespace fij::ledger {
namespace {

constexpr int kRandomLoans = 2500;
static_assert(kRandomLoans >= 2000, "the property is checked over at least 2000 loans");

Date Ymd(uint32_t ymd) {
  auto d = Date::FromYmd(ymd);
  EXPECT_TRUE(d.has_value()) << ymd;
  return d.value_or(Date());
}

// "due principal+interest" per line, for diffs that read well.
std::string Render(const std::vector<ScheduleEntry>& lines) {
  std::string out;
  for (const auto& l : lines)
    out += l.due.ToIso() + " " + std::to_string(l.principal_cents) + "+" +
           std::to_string(l.interest_cents) + "\n";
  return out;
}

// Interest on `outstanding` for `months` at `rate_bp` a year, rounded half up, computed here
// independently of Money: outstanding * rate / 10000 * months / 12.
int64_t InterestHalfUp(int64_t outstanding, int64_t rate_bp, int64_t months) {
  __int128 x = static_cast<__int128>(outstanding) * rate_bp * months;
  return static_cast<int64_t>((x + 60000) / 120000);
}

// ---------------------------------------------------------------------------------------------
// The property.

TEST(LoanScheduleTest, EveryRandomLoanSumsToItsPrincipalMonthlyWithTheLastLineAbsorbing) {
  std::mt19937_64 rng(20230412);  // fixed seed: a failure reproduces
  std::uniform_int_distribution<int64_t> principal_of(1, 1'000'000'000);
  std::uniform_int_distribution<uint32_t> term_of(1, 120);
  std::uniform_int_distribution<int64_t> rate_of(0, 2000);
  const int64_t first_day = Date::FromParts(2000, 1, 1).DaysSinceEpoch();
  const int64_t last_day = Date::FromParts(2040, 12, 31).DaysSinceEpoch();
  std::uniform_int_distribution<int64_t> day_of(first_day, last_day);

  int with_interest = 0, with_deferral = 0, end_of_month = 0, tiny = 0;
  for (int i = 0; i < kRandomLoans; ++i) {
    const int64_t principal = i % 50 == 0 ? principal_of(rng) % 200 + 1 : principal_of(rng);
    const uint32_t term = term_of(rng);
    const uint32_t deferral = std::uniform_int_distribution<uint32_t>(0, term - 1)(rng);
    const int64_t rate = i % 4 == 0 ? 0 : rate_of(rng);
    const Date disbursed = Date::FromDaysSinceEpoch(day_of(rng));
    SCOPED_TRACE("loan #" + std::to_string(i) + ": " + std::to_string(principal) + " cents, " +
                 std::to_string(term) + " months, deferral " + std::to_string(deferral) +
                 ", rate " + std::to_string(rate) + " bp, disbursed " + disbursed.ToIso());
    with_interest += rate > 0;
    with_deferral += deferral > 0;
    end_of_month += disbursed.day() >= 29;
    std::string why;
    auto lines = BuildSchedule(principal, term, deferral, rate, disbursed, &why);
    ASSERT_TRUE(lines.has_value()) << why;
    const int64_t n = term - deferral;
    ASSERT_EQ(static_cast<size_t>(n), lines->size());
    tiny += principal < n;

    const int64_t share = principal / n;
    int64_t sum = 0, outstanding = principal;
    for (int64_t k = 0; k < n; ++k) {
      const ScheduleEntry& line = (*lines)[static_cast<size_t>(k)];
      sum += line.principal_cents;
      // Exactly monthly from the disbursement, the first one month after the deferral.
      ASSERT_EQ(disbursed.AddMonths(static_cast<int>(deferral + k + 1)), line.due) << "line " << k;
      if (k > 0) {
        ASSERT_LT((*lines)[static_cast<size_t>(k - 1)].due, line.due) << "line " << k;
      }
      ASSERT_GE(line.principal_cents, 0) << "line " << k;
      if (principal >= n) {
        ASSERT_GT(line.principal_cents, 0) << "no zero instalment when principal >= lines";
      }
      if (k < n - 1) {
        ASSERT_EQ(share, line.principal_cents) << "every line but the last is equal";
      } else {
        ASSERT_GE(line.principal_cents, share) << "the last line absorbs the remainder";
        ASSERT_EQ(principal - share * (n - 1), line.principal_cents);
        ASSERT_LT(line.principal_cents - share, n) << "the remainder is less than one cent a line";
      }
      // Interest on what is still owed, the first line also covering the deferral.
      const int64_t months = k == 0 ? deferral + 1 : 1;
      ASSERT_EQ(InterestHalfUp(outstanding, rate, months), line.interest_cents) << "line " << k;
      if (rate == 0) {
        ASSERT_EQ(0, line.interest_cents);
      }
      outstanding -= line.principal_cents;
    }
    ASSERT_EQ(principal, sum) << "the schedule sums exactly to the principal";
    ASSERT_EQ(0, outstanding);
    ASSERT_EQ(disbursed.AddMonths(static_cast<int>(term)), lines->back().due)
        << "the last instalment falls at the end of the term";
  }
  // The generator reached the corners it is meant to reach.
  EXPECT_GT(with_interest, kRandomLoans / 2);
  EXPECT_GT(with_deferral, kRandomLoans / 2);
  EXPECT_GT(end_of_month, 0);
  EXPECT_GT(tiny, 0);
}

// ---------------------------------------------------------------------------------------------
// Hand-computed cases.

TEST(LoanScheduleTest, TwentyFiveThousandEurosOverThirtySixMonthsWithSixDeferredIsThirtyLines) {
  // 2 500 000 cents / 30 = 83 333 remainder 10: 29 lines of 833,33 EUR and a last of 833,43 EUR.
  std::string why;
  auto lines = BuildSchedule(2'500'000, 36, 6, 0, Ymd(20230502), &why);
  ASSERT_TRUE(lines.has_value()) << why;
  ASSERT_EQ(30u, lines->size());
  for (size_t k = 0; k + 1 < lines->size(); ++k) {
    EXPECT_EQ(83'333, (*lines)[k].principal_cents) << k;
    EXPECT_EQ(0, (*lines)[k].interest_cents) << k;
  }
  EXPECT_EQ(83'343, lines->back().principal_cents);
  EXPECT_EQ(Ymd(20231202), lines->front().due) << "first instalment 7 months after disbursement";
  EXPECT_EQ(Ymd(20240102), (*lines)[1].due);
  EXPECT_EQ(Ymd(20260502), lines->back().due) << "last instalment at 36 months";
}

TEST(LoanScheduleTest, TwelveHundredEurosOverTwelveMonthsAtZeroPercentIsTwelveHundredEuroLines) {
  std::string why;
  auto lines = BuildSchedule(120'000, 12, 0, 0, Ymd(20240115), &why);
  ASSERT_TRUE(lines.has_value()) << why;
  std::string expected;
  for (int k = 1; k <= 12; ++k)
    expected += Ymd(20240115).AddMonths(k).ToIso() + " 10000+0\n";
  EXPECT_EQ(expected, Render(*lines));
  EXPECT_EQ("2024-02-15 10000+0\n", Render({lines->front()}));
  EXPECT_EQ("2025-01-15 10000+0\n", Render({lines->back()}));
}

TEST(LoanScheduleTest, InterestIsOnTheOutstandingPrincipalRoundedHalfUpPerLine) {
  // 10 000 EUR at 5 % over 4 months, the first month deferred, disbursed on 31 January:
  //   principal: 1 000 000 / 3 = 333 333 (x2), last 333 334;
  //   line 1 covers 2 months on 1 000 000: 1 000 000 x 5 % x 2/12 = 8 333,33 cents -> 8 333;
  //   line 2 on 666 667: 666 667 x 5 % / 12 = 2 777,779 -> 2 778;
  //   line 3 on 333 334: 333 334 x 5 % / 12 = 1 388,89 -> 1 389;
  //   due dates clamp to the month's last day: 31 March, 30 April, 31 May.
  std::string why;
  auto lines = BuildSchedule(1'000'000, 4, 1, 500, Ymd(20240131), &why);
  ASSERT_TRUE(lines.has_value()) << why;
  EXPECT_EQ(
      "2024-03-31 333333+8333\n"
      "2024-04-30 333333+2778\n"
      "2024-05-31 333334+1389\n",
      Render(*lines));
}

TEST(LoanScheduleTest, TwelveThousandEurosAtSixPercentPaysThreeHundredNinetyEurosOfInterest) {
  // 1 200 000 cents, 12 lines of 100 000; interest on (12 - k) x 100 000 at 0,5 % a month:
  // 6 000, 5 500, ..., 500 cents; 390 EUR in all.
  std::string why;
  auto lines = BuildSchedule(1'200'000, 12, 0, 600, Ymd(20230502), &why);
  ASSERT_TRUE(lines.has_value()) << why;
  int64_t interest = 0;
  for (size_t k = 0; k < lines->size(); ++k) {
    EXPECT_EQ(100'000, (*lines)[k].principal_cents) << k;
    EXPECT_EQ(6'000 - 500 * static_cast<int64_t>(k), (*lines)[k].interest_cents) << k;
    interest += (*lines)[k].interest_cents;
  }
  EXPECT_EQ(39'000, interest);
}

TEST(LoanScheduleTest, OneInstalmentLoanRepaysEverythingAtTheEndOfTheTerm) {
  std::string why;
  auto lines = BuildSchedule(500'000, 12, 11, 0, Ymd(20240229), &why);
  ASSERT_TRUE(lines.has_value()) << why;
  EXPECT_EQ("2025-02-28 500000+0\n", Render(*lines));
}

// ---------------------------------------------------------------------------------------------
// Terms that are not a loan.

TEST(LoanScheduleTest, TermsThatAreNotALoanAreRefusedWithAReason) {
  struct Case {
    const char* description;
    int64_t principal_cents;
    uint32_t term_months, deferral_months;
    int64_t rate_bp;
    const char* why_contains;
  };
  const Case cases[] = {
      {"a deferral as long as the term leaves no instalment", 100'000, 12, 12, 0, "deferral"},
      {"a deferral longer than the term", 100'000, 12, 13, 0, "deferral"},
      {"a term of zero months", 100'000, 0, 0, 0, "term"},
      {"a term beyond the limit", 100'000, kLoanTermMonthsMax + 1, 0, 0, "term"},
      {"a principal of zero", 0, 12, 0, 0, "principal"},
      {"a negative principal", -1, 12, 0, 0, "principal"},
      {"a rate above 20 %", 100'000, 12, 0, kLoanRateBpMax + 1, "rate"},
      {"a negative rate", 100'000, 12, 0, -1, "rate"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.description);
    std::string why;
    auto lines = BuildSchedule(c.principal_cents, c.term_months, c.deferral_months, c.rate_bp,
                               Ymd(20240115), &why);
    EXPECT_FALSE(lines.has_value());
    EXPECT_NE(std::string::npos, why.find(c.why_contains)) << why;
  }
  // The limits themselves are loans.
  std::string why;
  EXPECT_TRUE(BuildSchedule(1, kLoanTermMonthsMax, kLoanTermMonthsMax - 1, kLoanRateBpMax,
                            Ymd(20240115), &why)
                  .has_value())
      << why;
  EXPECT_TRUE(BuildSchedule(100'000, 1, 0, 0, Ymd(20240115), nullptr).has_value());
}

}  // namespace
}  // namespace fij::ledger
