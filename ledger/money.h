// Money: an exact amount of euro cents on a checked 64-bit Boost.Multiprecision integer.
// Every arithmetic operation is overflow-checked; there is no floating point anywhere.
#pragma once

#include <compare>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/multiprecision/cpp_int.hpp>
#include <tl/expected.hpp>

namespace fij::ledger {

// Checked: any result outside [-2^63+1, 2^63-1] throws std::overflow_error, which the ledger
// turns into Rejection::kAmountOverflow at its boundary. The backend alone only checks its 64-bit
// magnitude (up to 2^64-1), so Money narrows every result to that range itself.
using CheckedCents = boost::multiprecision::number<boost::multiprecision::cpp_int_backend<
    64, 64, boost::multiprecision::signed_magnitude, boost::multiprecision::checked, void>>;

// The largest amount a user may type: 1 000 000 000 000,00 € (10^14 cents). Sums of many such
// amounts still fit in 63 bits (about 92 000 of them).
inline constexpr int64_t kAmountCentsMax = 100'000'000'000'000;

// Sums kept across many events (State::gift_totals): 128 bits, so that adding valid amounts
// never fails where an event is applied; Money::FromWide checks the range where a report reads
// the sum.
using WideCents = boost::multiprecision::number<boost::multiprecision::cpp_int_backend<
    128, 128, boost::multiprecision::signed_magnitude, boost::multiprecision::checked, void>>;

// The most parts SplitLastAbsorbs makes: far above any schedule (months, partners), low enough
// that a corrupt count cannot exhaust memory.
inline constexpr int64_t kSplitPartsMax = 1'000'000;

enum class Rounding {
  kHalfUp,    // 0.5 cent and above rounds away from zero: tax reductions, shares
  kDown,      // toward zero: caps and ceilings (never over-grant)
  kHalfEven,  // banker's rounding: not used by default; here for policies that ask for it
};

class Money {
 public:
  constexpr Money() = default;
  static Money FromCents(int64_t cents) { return Money(CheckedCents(cents)); }
  static Money Zero() { return Money(); }
  // Throws std::overflow_error ("amount out of range") beyond what Money holds.
  static Money FromWide(const WideCents& cents) {
    if (cents > INT64_MAX || cents < -INT64_MAX) throw std::overflow_error("amount out of range");
    return FromCents(static_cast<int64_t>(cents));
  }

  int64_t cents() const { return static_cast<int64_t>(value_); }
  bool is_zero() const { return value_ == 0; }
  bool is_negative() const { return value_ < 0; }

  // Checked: throw std::overflow_error on overflow.
  // FromCents(INT64_MIN) throws too: its negation would not fit.
  Money operator+(const Money& o) const { return Money(value_ + o.value_); }
  Money operator-(const Money& o) const { return Money(value_ - o.value_); }
  Money operator-() const { return Money(-value_); }
  // On overflow *this is left unchanged.
  Money& operator+=(const Money& o) { return *this = *this + o; }
  Money& operator-=(const Money& o) { return *this = *this - o; }
  Money Times(int64_t n) const { return Money(value_ * CheckedCents(n)); }
  // this * numerator / denominator, rounded as asked; denominator > 0. Exact (128-bit
  // intermediate), so 60 % of any amount is MulRatio(60, 100, kHalfUp).
  Money MulRatio(int64_t numerator, int64_t denominator, Rounding rounding) const;
  // Splits into `parts` amounts that sum exactly to this; the last part absorbs the remainder
  // (each of the first parts-1 is floor(this/parts)).
  // 1 <= parts <= kSplitPartsMax and this >= 0.
  std::vector<Money> SplitLastAbsorbs(int64_t parts) const;

  // Boost 1.74's number has no operator<=>; compare() returns <0, 0 or >0.
  std::strong_ordering operator<=>(const Money& o) const { return value_.compare(o.value_) <=> 0; }
  bool operator==(const Money& o) const { return value_ == o.value_; }

  // "1 234,56 €" style for people (narrow no-break spaces are NOT used: a plain space).
  std::string ToFrench() const;
  // "1234,56": comma decimal, no thousands separator (FEC numeric field).
  std::string ToFecNumber() const;
  // "1234.56": dot decimal (journal export, JSON).
  std::string ToPlain() const;

 private:
  explicit Money(CheckedCents v) : value_(InRange(v)) {}
  static CheckedCents InRange(CheckedCents v) {
    if (v > INT64_MAX || v < -INT64_MAX) throw std::overflow_error("amount out of range");
    return v;
  }
  CheckedCents value_ = 0;
};

// A sum of amounts kept across many events in 8 bytes (State::gift_totals per partner and year,
// one per partner: WideCents there took 32 bytes each). Adding never fails where an event is
// applied: a sum that would leave Money's range stays out of range from then on, and reading
// it (ToMoney) throws std::overflow_error ("amount out of range"), as Money::FromWide does.
class SumCents {
 public:
  void Add(int64_t cents) {
    if (cents_ == kOutOfRange) return;
    try {
      cents_ = (Money::FromCents(cents_) + Money::FromCents(cents)).cents();
    } catch (const std::overflow_error&) {
      cents_ = kOutOfRange;
    }
  }
  bool in_range() const { return cents_ != kOutOfRange; }
  Money ToMoney() const {
    if (!in_range()) throw std::overflow_error("amount out of range");
    return Money::FromCents(cents_);
  }
  bool operator==(const SumCents&) const = default;

 private:
  // Money holds [-INT64_MAX, INT64_MAX]: INT64_MIN is free to mean "out of range".
  static constexpr int64_t kOutOfRange = INT64_MIN;
  int64_t cents_ = 0;
};

// Why a typed amount was refused; the message says what to type instead.
struct MoneyParseError {
  std::string message;
};

// Parses what a French user types: "1 234,56 €", "1234,56", "1234.56", "1234", "0,5",
// with optional thousands separators that are spaces (U+0020, U+00A0, U+202F) in groups of
// three, and an optional trailing "€" or "EUR". Refuses: empty, negative or signed input,
// exponents, more than two decimals, two different separators ("1.234,56" is ambiguous), a
// dot or comma used as a thousands separator, misplaced groups, zero when `allow_zero` is
// false, and anything above kAmountCentsMax.
tl::expected<Money, MoneyParseError> ParseMoney(std::string_view text, bool allow_zero = false);

// The amount in French words per the traditional rules (vingt et un, quatre-vingts,
// deux cents, mille invariable, million(s)), e.g. 123456 cents ->
// "mille deux cent trente-quatre euros et cinquante-six centimes"; 100 -> "un euro";
// 5 -> "cinq centimes"; 0 -> "zéro euro". Amount must be >= 0.
std::string AmountInFrenchWords(Money amount);

}  // namespace fij::ledger
