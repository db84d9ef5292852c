// Fuzz target: money (ledger/money.h). The input is typed text for ParseMoney; its first 32
// bytes are also read as four integers for the checked arithmetic.
//
// Properties (abort on violation):
// - ParseMoney never throws; an accepted amount lies in [0, kAmountCentsMax] (zero only with
//   allow_zero) and both modes agree; a refusal carries a message;
// - ToFrench, ToFecNumber and ToPlain of an accepted amount parse back to the same amount;
// - AmountInFrenchWords of any non-negative amount (parsed, or any int64) is well-formed:
//   non-empty, single spaces, euros/centimes named as the amount has them;
// - +, -, unary -, Times and MulRatio equal the exact 128-bit result, or throw
//   std::overflow_error exactly when it leaves [-(2^63-1), 2^63-1]; comparison agrees with the
//   integers; SplitLastAbsorbs sums to the amount.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

#include "engine/status.h"
#include "ledger/money.h"

namespace {

using fij::ledger::AmountInFrenchWords;
using fij::ledger::kAmountCentsMax;
using fij::ledger::Money;
using fij::ledger::ParseMoney;
using fij::ledger::Rounding;

using Wide = __int128;
constexpr int64_t kMoneyMax = INT64_MAX;  // Money's range is symmetric: [-kMoneyMax, kMoneyMax]

bool Fits(Wide v) { return v <= kMoneyMax && v >= -Wide{kMoneyMax}; }

std::string Str(Wide v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  unsigned __int128 m = negative ? -static_cast<unsigned __int128>(v) : v;
  std::string s;
  while (m > 0) {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  }
  return negative ? "-" + s : s;
}

int64_t ReadI64(const uint8_t* data, size_t size, size_t offset) {
  uint8_t bytes[8] = {};
  if (offset < size) std::memcpy(bytes, data + offset, std::min<size_t>(8, size - offset));
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | bytes[i];
  return static_cast<int64_t>(v);
}

// `fn` gives a Money or throws std::overflow_error; it must equal `exact` when that fits.
template <typename Fn>
void CheckOp(const char* what, Wide exact, Fn fn) {
  bool threw = false;
  Money got;
  try {
    got = fn();
  } catch (const std::overflow_error&) {
    threw = true;
  }
  FIJ_CHECK(threw == !Fits(exact)) << what << ": exact " << Str(exact) << (threw ? " threw" : "");
  if (!threw) {
    FIJ_CHECK(got.cents() == exact) << what << ": " << got.cents() << " != " << Str(exact);
  }
}

Wide MulRatioExact(int64_t a, int64_t n, int64_t d, Rounding rounding) {
  const Wide product = Wide{a} * n;
  const bool negative = product < 0;
  const Wide magnitude = negative ? -product : product;
  Wide q = magnitude / d;
  const Wide r2 = magnitude % d * 2;
  switch (rounding) {
    case Rounding::kHalfUp:
      if (r2 >= d) ++q;
      break;
    case Rounding::kDown:
      break;
    case Rounding::kHalfEven:
      if (r2 > d || (r2 == d && q % 2 == 1)) ++q;
      break;
  }
  return negative ? -q : q;
}

bool Contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

void CheckWords(Money m) {
  const std::string w = AmountInFrenchWords(m);
  const int64_t euros = m.cents() / 100, cents = m.cents() % 100;
  FIJ_CHECK(!w.empty() && w.front() != ' ' && w.back() != ' ' && !Contains(w, "  ")) << w;
  if (m.is_zero()) {
    FIJ_CHECK(w == "zéro euro") << w;
    return;
  }
  FIJ_CHECK(!Contains(w, "zéro")) << m.cents() << ": " << w;
  FIJ_CHECK(Contains(w, "euro") == (euros > 0)) << m.cents() << ": " << w;
  FIJ_CHECK(Contains(w, "centime") == (cents > 0)) << m.cents() << ": " << w;
  if (euros == 1) {
    FIJ_CHECK(w.starts_with("un euro")) << w;
  }
  if (cents == 1) {
    FIJ_CHECK(w.ends_with("un centime")) << w;
  }
  if (cents > 1) {
    FIJ_CHECK(w.ends_with(" centimes")) << w;
  }
}

void CheckParsed(std::string_view text) {
  auto strict = ParseMoney(text, /*allow_zero=*/false);
  auto lenient = ParseMoney(text, /*allow_zero=*/true);
  if (!strict) {
    FIJ_CHECK(!strict.error().message.empty()) << "empty refusal for " << text;
  }
  if (!lenient) {
    FIJ_CHECK(!strict) << "accepted only without zero: " << text;
    FIJ_CHECK(!lenient.error().message.empty()) << "empty refusal for " << text;
    return;
  }
  const Money m = *lenient;
  FIJ_CHECK(m.cents() >= 0 && m.cents() <= kAmountCentsMax) << text << " -> " << m.cents();
  if (strict) {
    FIJ_CHECK(*strict == m) << text;
  } else {
    FIJ_CHECK(m.is_zero()) << "refused a non-zero amount without allow_zero: " << text;
  }
  for (const std::string& shown : {m.ToFrench(), m.ToFecNumber(), m.ToPlain()}) {
    auto again = ParseMoney(shown, /*allow_zero=*/true);
    FIJ_CHECK(again.has_value()) << text << " shown as " << shown << " is refused: "
                                 << again.error().message;
    FIJ_CHECK(*again == m) << text << " shown as " << shown << " parses to " << again->cents();
  }
  CheckWords(m);
}

void CheckArithmetic(int64_t a, int64_t b, int64_t n, int64_t d) {
  // FromCents refuses INT64_MIN alone.
  for (int64_t v : {a, b}) {
    bool threw = false;
    try {
      FIJ_CHECK(Money::FromCents(v).cents() == v);
    } catch (const std::overflow_error&) {
      threw = true;
    }
    FIJ_CHECK(threw == (v == INT64_MIN)) << "FromCents(" << v << ")";
  }
  if (a == INT64_MIN || b == INT64_MIN) return;
  const Money ma = Money::FromCents(a), mb = Money::FromCents(b);
  CheckOp("a + b", Wide{a} + b, [&] { return ma + mb; });
  CheckOp("a - b", Wide{a} - b, [&] { return ma - mb; });
  CheckOp("-a", -Wide{a}, [&] { return -ma; });
  CheckOp("a * n", Wide{a} * n, [&] { return ma.Times(n); });
  Money acc = ma;
  try {
    acc += mb;
  } catch (const std::overflow_error&) {
    FIJ_CHECK(acc == ma) << "+= changed the amount on overflow";
  }
  FIJ_CHECK((ma < mb) == (a < b) && (ma == mb) == (a == b) && (ma > mb) == (a > b));
  if (d > 0) {
    for (Rounding r : {Rounding::kHalfUp, Rounding::kDown, Rounding::kHalfEven}) {
      CheckOp("MulRatio", MulRatioExact(a, n, d, r), [&] { return ma.MulRatio(n, d, r); });
    }
  }
  const int64_t magnitude = a < 0 ? -a : a;
  CheckWords(Money::FromCents(magnitude));
  // Small part counts only: the vector is allocated.
  const int64_t parts = 1 + static_cast<int64_t>(static_cast<uint64_t>(n) % 1000);
  const auto split = Money::FromCents(magnitude).SplitLastAbsorbs(parts);
  FIJ_CHECK(static_cast<int64_t>(split.size()) == parts);
  Wide sum = 0;
  for (const Money& part : split) {
    FIJ_CHECK(part.cents() >= 0 && part.cents() <= split.back().cents());
    sum += part.cents();
  }
  FIJ_CHECK(sum == magnitude) << "split of " << magnitude << " in " << parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  CheckParsed(std::string_view(reinterpret_cast<const char*>(data), size));
  CheckArithmetic(ReadI64(data, size, 0), ReadI64(data, size, 8), ReadI64(data, size, 16),
                  ReadI64(data, size, 24));
  return 0;
}
