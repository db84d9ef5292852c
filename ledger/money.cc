#include "ledger/money.h"

#include <cstddef>
#include <stdexcept>
#include <string>

#include "engine/status.h"

namespace fij::ledger {
namespace {

namespace mp = boost::multiprecision;

// Wide enough for any |cents| * |numerator| (< 2^63 * 2^63), so MulRatio never rounds twice.
using CheckedWide =
    mp::number<mp::cpp_int_backend<128, 128, mp::signed_magnitude, mp::checked, void>>;

// ---------------------------------------------------------------------------------------------
// Formatting.

// The decimal digits of `euros`, optionally grouped by three with `group_separator`.
std::string FormatEuros(uint64_t euros, std::string_view group_separator) {
  std::string digits = std::to_string(euros);
  if (group_separator.empty()) return digits;
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += group_separator;
    out += digits[i];
  }
  return out;
}

std::string Format(int64_t cents, std::string_view group_separator, char decimal_separator) {
  // Unsigned so that even INT64_MIN (outside Money's range anyway) has a magnitude.
  const uint64_t magnitude =
      cents < 0 ? uint64_t{0} - static_cast<uint64_t>(cents) : static_cast<uint64_t>(cents);
  const uint64_t fraction = magnitude % 100;
  std::string out = cents < 0 ? "-" : "";
  out += FormatEuros(magnitude / 100, group_separator);
  out += decimal_separator;
  out += static_cast<char>('0' + fraction / 10);
  out += static_cast<char>('0' + fraction % 10);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parsing.
//
// amount   := spaces? number (spaces? currency)? spaces?
// number   := integer (decimal-separator digit digit?)?
// integer  := digits | group (group-separator digit{3})*      ; group := digit{1,3}
// currency := "€" | "EUR" (any case)
// decimal-separator := "," | "."
// group-separator   := U+0020 | U+00A0 | U+202F

// Longer input is a paste gone wrong; the limit bounds every scan below.
constexpr size_t kMoneyTextBytesMax = 100;
// Digits of kAmountCentsMax / 100, once leading zeros are dropped.
constexpr size_t kEuroDigitsMax = 13;
static_assert(kAmountCentsMax / 100 < 10'000'000'000'000 &&
              kAmountCentsMax / 100 >= 1'000'000'000'000);

constexpr std::string_view kNoBreakSpace = "\xC2\xA0";            // U+00A0
constexpr std::string_view kNarrowNoBreakSpace = "\xE2\x80\xAF";  // U+202F
constexpr std::string_view kEuroSign = "€";

// Length in bytes of the space (any of the three accepted) starting at text[i], or 0.
size_t SpaceAt(std::string_view text, size_t i) {
  if (text[i] == ' ') return 1;
  if (text.substr(i).starts_with(kNoBreakSpace)) return kNoBreakSpace.size();
  if (text.substr(i).starts_with(kNarrowNoBreakSpace)) return kNarrowNoBreakSpace.size();
  return 0;
}

// Length in bytes of the space ending just before text[end], or 0.
size_t SpaceBefore(std::string_view text, size_t end) {
  std::string_view head = text.substr(0, end);
  if (head.ends_with(' ')) return 1;
  if (head.ends_with(kNoBreakSpace)) return kNoBreakSpace.size();
  if (head.ends_with(kNarrowNoBreakSpace)) return kNarrowNoBreakSpace.size();
  return 0;
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty()) {
    if (text[0] == '\t' || text[0] == '\n' || text[0] == '\r') {
      text.remove_prefix(1);
    } else if (size_t n = SpaceAt(text, 0); n > 0) {
      text.remove_prefix(n);
    } else {
      break;
    }
  }
  while (!text.empty()) {
    char last = text.back();
    if (last == '\t' || last == '\n' || last == '\r') {
      text.remove_suffix(1);
    } else if (size_t n = SpaceBefore(text, text.size()); n > 0) {
      text.remove_suffix(n);
    } else {
      break;
    }
  }
  return text;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool StartsWithEur(std::string_view text) {
  return text.size() >= 3 && (text[0] == 'E' || text[0] == 'e') &&
         (text[1] == 'U' || text[1] == 'u') && (text[2] == 'R' || text[2] == 'r');
}

// Strips a trailing currency, if any, and the spaces before it.
std::string_view StripCurrency(std::string_view text) {
  if (text.ends_with(kEuroSign)) {
    text.remove_suffix(kEuroSign.size());
  } else if (text.size() >= 3 && StartsWithEur(text.substr(text.size() - 3))) {
    text.remove_suffix(3);
  } else {
    return text;
  }
  return TrimSpaces(text);
}

std::string Quote(std::string_view text) { return "\"" + std::string(text) + "\""; }

tl::unexpected<MoneyParseError> Refuse(std::string_view text, std::string_view what) {
  return tl::unexpected(MoneyParseError{Quote(text) + " " + std::string(what)});
}

// Only the digits of `text`, for suggestions such as "type 1234567".
std::string DigitsOf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (IsDigit(c)) out += c;
  }
  return out;
}

// Whether `integer` is digits, optionally grouped by three with single spaces.
bool IsWellGrouped(std::string_view integer) {
  size_t group_digits = 0;
  bool grouped = false;
  for (size_t i = 0; i < integer.size();) {
    if (IsDigit(integer[i])) {
      ++group_digits;
      ++i;
      continue;
    }
    size_t n = SpaceAt(integer, i);
    FIJ_CHECK(n > 0) << "only digits and spaces reach grouping: " << Quote(integer);
    // The first group holds 1 to 3 digits; each later one exactly 3.
    if (group_digits == 0 || group_digits > 3 || (grouped && group_digits != 3)) return false;
    grouped = true;
    group_digits = 0;
    i += n;
  }
  if (!grouped) return group_digits > 0;
  return group_digits == 3;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Money.

Money Money::MulRatio(int64_t numerator, int64_t denominator, Rounding rounding) const {
  FIJ_CHECK(denominator > 0) << "MulRatio denominator " << denominator;
  const CheckedWide product = CheckedWide(value_) * CheckedWide(numerator);
  const bool negative = product < 0;
  const CheckedWide magnitude = negative ? CheckedWide(-product) : product;
  const CheckedWide d(denominator);
  CheckedWide quotient = magnitude / d;
  const CheckedWide twice_remainder = (magnitude % d) * 2;
  // Rounding works on the magnitude so that every mode is symmetric around zero.
  switch (rounding) {
    case Rounding::kHalfUp:
      if (twice_remainder >= d) ++quotient;
      break;
    case Rounding::kDown:
      break;
    case Rounding::kHalfEven:
      if (twice_remainder > d || (twice_remainder == d && mp::bit_test(quotient, 0))) ++quotient;
      break;
  }
  if (quotient > INT64_MAX) throw std::overflow_error("MulRatio result out of range");
  const int64_t cents = static_cast<int64_t>(quotient);
  return FromCents(negative ? -cents : cents);
}

std::vector<Money> Money::SplitLastAbsorbs(int64_t parts) const {
  FIJ_CHECK(parts >= 1 && parts <= kSplitPartsMax) << "SplitLastAbsorbs parts " << parts;
  FIJ_CHECK(!is_negative()) << "SplitLastAbsorbs of a negative amount " << ToPlain();
  const Money share = FromCents(cents() / parts);
  std::vector<Money> out(static_cast<size_t>(parts), share);
  out.back() = *this - share.Times(parts - 1);
  FIJ_CHECK(out.back() >= share) << "the last part absorbs a non-negative remainder";
  return out;
}

std::string Money::ToFrench() const { return Format(cents(), " ", ',') + " €"; }

std::string Money::ToFecNumber() const { return Format(cents(), "", ','); }

std::string Money::ToPlain() const { return Format(cents(), "", '.'); }

// ---------------------------------------------------------------------------------------------
// ParseMoney.

tl::expected<Money, MoneyParseError> ParseMoney(std::string_view text, bool allow_zero) {
  constexpr std::string_view kExample = "such as 1 234,56 or 1234,56";
  if (text.size() > kMoneyTextBytesMax) {
    return tl::unexpected(MoneyParseError{
        "the amount is too long (" + std::to_string(text.size()) + " characters, at most " +
        std::to_string(kMoneyTextBytesMax) + "): type an amount " + std::string(kExample)});
  }
  const std::string_view trimmed = TrimSpaces(text);
  if (trimmed.empty()) {
    return tl::unexpected(
        MoneyParseError{"the amount is empty: type an amount " + std::string(kExample)});
  }
  if (trimmed.starts_with(kEuroSign) || StartsWithEur(trimmed)) {
    return Refuse(text,
                  "starts with the currency: put it after the amount, as in 12,50 € or 12,50 "
                  "EUR, or leave it out");
  }
  const std::string_view number = StripCurrency(trimmed);
  if (number.empty()) return Refuse(text, "has a currency but no amount: type 12,50 € for example");
  if (number[0] == '-') {
    return Refuse(text,
                  "is negative: amounts are typed without a sign; type " + Quote(number.substr(1)));
  }
  if (number[0] == '+') {
    return Refuse(
        text, "has a '+' sign: amounts are typed without a sign; type " + Quote(number.substr(1)));
  }

  // Every byte must be a digit, a separator or an accepted space; say which rule broke first.
  size_t dots = 0, commas = 0;
  for (size_t i = 0; i < number.size();) {
    const char c = number[i];
    if (IsDigit(c)) {
      ++i;
    } else if (c == '.' || c == ',') {
      (c == '.' ? dots : commas) += 1;
      ++i;
    } else if (size_t n = SpaceAt(number, i); n > 0) {
      i += n;
    } else if ((c == 'e' || c == 'E') && i > 0 && (IsDigit(number[i - 1]))) {
      return Refuse(text,
                    "uses an exponent ('e'): type the amount in full, such as 1500 for 1,5e3");
    } else if (IsAsciiLetter(c) || static_cast<unsigned char>(c) >= 0x80) {
      return Refuse(text, "contains letters or symbols: type digits only, " +
                              std::string(kExample) + ", optionally followed by € or EUR");
    } else if (c == '-' || c == '+') {
      return Refuse(text, std::string("has a '") + c + "' inside the amount: type digits only, " +
                              std::string(kExample));
    } else {
      return Refuse(text, std::string("contains the character '") + c + "': type digits only, " +
                              std::string(kExample));
    }
  }

  if (dots > 0 && commas > 0) {
    // Suggest the reading where the last separator marks the cents, the usual intent.
    const size_t last = number.find_last_of(".,");
    const std::string cents_digits = DigitsOf(number.substr(last + 1));
    std::string suggestion = "an amount " + std::string(kExample);
    if (!cents_digits.empty() && cents_digits.size() <= 2 &&
        last + 1 + cents_digits.size() == number.size()) {
      suggestion = DigitsOf(number.substr(0, last)) + "," + cents_digits;
    }
    return Refuse(text,
                  "mixes '.' and ',', which is ambiguous: separate thousands with spaces (or "
                  "nothing) and cents with one comma; type " +
                      suggestion);
  }
  if (dots > 1 || commas > 1) {
    const char separator = dots > 1 ? '.' : ',';
    return Refuse(text, std::string("uses '") + separator +
                            "' as a thousands separator: separate thousands with spaces or "
                            "nothing; type " +
                            DigitsOf(number) + " (or, with cents, " + DigitsOf(number) + ",00)");
  }

  const size_t separator_at = number.find_first_of(".,");
  const std::string_view integer =
      separator_at == std::string_view::npos ? number : number.substr(0, separator_at);
  const std::string_view fraction =
      separator_at == std::string_view::npos ? std::string_view() : number.substr(separator_at + 1);
  if (integer.empty()) {
    return Refuse(text, "has no euros before the decimal separator: type 0" + std::string(number));
  }
  if (separator_at != std::string_view::npos) {
    if (fraction.empty()) {
      return Refuse(text, "ends with a decimal separator: type " + DigitsOf(integer) + " or " +
                              DigitsOf(integer) + ",50 for example");
    }
    if (DigitsOf(fraction).size() != fraction.size()) {
      return Refuse(text, "has spaces in the cents: the cents are one or two digits; type " +
                              DigitsOf(integer) + "," + DigitsOf(fraction).substr(0, 2));
    }
    if (fraction.size() == 3 && DigitsOf(integer).size() == integer.size() && integer.size() <= 3) {
      // "1.234" is 1 234,00 € in English habits and 1,234 € (three decimals) in French ones.
      const std::string thousands = std::string(integer) + std::string(fraction);
      const std::string with_cents =
          std::string(integer) + "," + std::string(fraction.substr(0, 2));
      return Refuse(text, "is ambiguous (a thousands separator, or three decimals?): write " +
                              thousands + " for " + thousands + ",00 €, or " + with_cents +
                              " for " + with_cents + " € (at most two decimals)");
    }
    if (fraction.size() > 2) {
      return Refuse(text, "has more than two decimals: amounts are in euros and cents; type " +
                              DigitsOf(integer) + "," + std::string(fraction.substr(0, 2)) +
                              " for example");
    }
  }
  if (!IsWellGrouped(integer)) {
    return Refuse(text,
                  "has a misplaced thousands separator: group the digits by three from the "
                  "right, as in 1 234 567, or leave the spaces out: " +
                      DigitsOf(integer));
  }

  std::string euro_digits = DigitsOf(integer);
  const size_t first_significant = euro_digits.find_first_not_of('0');
  euro_digits = first_significant == std::string::npos ? "" : euro_digits.substr(first_significant);
  const std::string above_limit =
      "is above the limit of 1 000 000 000 000,00 €: type a smaller amount or split it";
  if (euro_digits.size() > kEuroDigitsMax) {
    return Refuse(text, above_limit);
  }
  // At most 13 digits of euros: the cents fit well within 63 bits.
  int64_t cents = 0;
  for (char c : euro_digits) cents = cents * 10 + (c - '0');
  cents *= 100;
  if (fraction.size() >= 1) cents += (fraction[0] - '0') * 10;
  if (fraction.size() == 2) cents += fraction[1] - '0';
  if (cents > kAmountCentsMax) return Refuse(text, above_limit);
  if (cents == 0 && !allow_zero) {
    return Refuse(text, "is zero: type an amount of at least 0,01 €");
  }
  return Money::FromCents(cents);
}

// ---------------------------------------------------------------------------------------------
// AmountInFrenchWords. Traditional spelling (before the 1990 reform): hyphens only between tens
// and units below one hundred, "et" in 21, 31, 41, 51, 61 and 71, and "vingt"/"cent" take an s
// when multiplied and ending the number or followed by the nouns million/milliard, never before
// the adjective "mille".

namespace {

constexpr const char* kUnits[] = {"zéro",  "un",     "deux",     "trois",  "quatre", "cinq",
                                  "six",   "sept",   "huit",     "neuf",   "dix",    "onze",
                                  "douze", "treize", "quatorze", "quinze", "seize"};
constexpr const char* kTens[] = {"", "", "vingt", "trente", "quarante", "cinquante", "soixante"};

// 1..99. `plural_ok`: nothing but a noun follows, so "quatre-vingts" takes its s.
std::string Below100(int n, bool plural_ok) {
  FIJ_CHECK(n >= 1 && n <= 99) << n;
  if (n <= 16) return kUnits[n];
  if (n < 20) return std::string("dix-") + kUnits[n - 10];
  const int tens = n / 10, units = n % 10;
  if (tens <= 6) {
    if (units == 0) return kTens[tens];
    if (units == 1) return std::string(kTens[tens]) + " et un";
    return std::string(kTens[tens]) + "-" + kUnits[units];
  }
  if (tens == 7) {
    if (units == 1) return "soixante et onze";
    return "soixante-" + Below100(10 + units, false);
  }
  if (n == 80) return plural_ok ? "quatre-vingts" : "quatre-vingt";
  // 81..99: no "et" after quatre-vingt, and the units (or dix..dix-neuf) are hyphenated.
  return "quatre-vingt-" + Below100(n - 80, false);
}

// 1..999.
std::string Below1000(int n, bool plural_ok) {
  FIJ_CHECK(n >= 1 && n <= 999) << n;
  const int hundreds = n / 100, rest = n % 100;
  if (hundreds == 0) return Below100(rest, plural_ok);
  std::string out = hundreds == 1 ? "cent" : std::string(kUnits[hundreds]) + " cent";
  if (rest == 0) return hundreds > 1 && plural_ok ? out + "s" : out;
  return out + " " + Below100(rest, plural_ok);
}

// 1..999 999. "mille" is invariable and never preceded by "un".
std::string Below1000000(int64_t n, bool plural_ok) {
  FIJ_CHECK(n >= 1 && n <= 999'999) << n;
  const int thousands = static_cast<int>(n / 1000), rest = static_cast<int>(n % 1000);
  std::string out;
  if (thousands == 1) {
    out = "mille";
  } else if (thousands > 1) {
    out = Below1000(thousands, false) + " mille";
  }
  if (rest == 0) return out;
  if (!out.empty()) out += " ";
  return out + Below1000(rest, plural_ok);
}

std::string NumberInWords(int64_t n);

// `count` of a noun (million, milliard): "un million", "deux cents millions", and "de" after a
// count that itself ends in a noun: "deux millions de milliards".
std::string CountOf(int64_t count, const char* noun) {
  if (count == 1) return std::string("un ") + noun;
  const char* joint = count % 1'000'000 == 0 ? " de " : " ";
  return NumberInWords(count) + joint + noun + "s";
}

// n >= 1. "milliard" is the largest noun; beyond, the count of milliards is itself spelt out,
// which only amounts far above kAmountCentsMax need.
std::string NumberInWords(int64_t n) {
  FIJ_CHECK(n >= 1) << n;
  if (n < 1'000'000) return Below1000000(n, true);
  const int64_t milliards = n / 1'000'000'000;
  const int64_t millions = n / 1'000'000 % 1000;
  const int64_t rest = n % 1'000'000;
  std::string out;
  auto append = [&out](const std::string& words) {
    if (!out.empty()) out += " ";
    out += words;
  };
  if (milliards > 0) append(CountOf(milliards, "milliard"));
  if (millions > 0) append(CountOf(millions, "million"));
  if (rest > 0) append(Below1000000(rest, true));
  return out;
}

}  // namespace

std::string AmountInFrenchWords(Money amount) {
  FIJ_CHECK(!amount.is_negative()) << "AmountInFrenchWords of " << amount.ToPlain();
  const int64_t euros = amount.cents() / 100;
  const int64_t cents = amount.cents() % 100;
  if (euros == 0 && cents == 0) return "zéro euro";
  std::string out;
  if (euros > 0) {
    out = NumberInWords(euros);
    if (euros == 1) {
      out += " euro";
    } else if (euros % 1'000'000 == 0) {
      // A number ending in the noun million or milliard takes "de": "un million d'euros".
      out += " d'euros";
    } else {
      out += " euros";
    }
  }
  if (cents > 0) {
    if (!out.empty()) out += " et ";
    out += NumberInWords(cents);
    out += cents == 1 ? " centime" : " centimes";
  }
  return out;
}

}  // namespace fij::ledger
