// Shared pieces of the commands: canonical bodies, dispatch, small checks.
#include <charconv>
#include <optional>
#include <string_view>


#include "ledger/commands.h"
#include "ledger/money.h"

namespace fij::ledger {

Body& Body::Add(const char* name, std::string_view v) {
  s_ += name;
  s_ += '=';
  // The runs between escaped characters appended whole (a byte at a time was 5 % of a batch of
  // appends, perf).
  size_t from = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '\n' && v[i] != '\\') continue;
    s_.append(v.data() + from, i - from);
    s_ += v[i] == '\n' ? "\\n" : "\\\\";
    from = i + 1;
  }
  s_.append(v.data() + from, v.size() - from);
  s_ += '\n';
  return *this;
}
Body& Body::Add(const char* name, int64_t v) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof(digits), v);
  FIJ_CHECK(ec == std::errc()) << "int64 to text";
  return Add(name, std::string_view(digits, static_cast<size_t>(end - digits)));
}

std::string ShortDigest(const std::string& text) {
  const engine::Hash md = engine::Sha256Of(text);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 8; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

bool ValidSiren(const std::string& siren) {
  if (siren.size() != 9) return false;
  int sum = 0;
  for (size_t i = 0; i < 9; ++i) {
    char c = siren[i];
    if (c < '0' || c > '9') return false;
    int d = c - '0';
    if (i % 2 == 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 == 0;
}

Rejected NoSuchFund(const State& s, const std::string& fund_id) {
  if (s.funds.empty()) return Reject(Rejection::kFundNotInitialized, "Run `fij init` first.");
  std::string known;
  for (const auto& [id, f] : s.funds) known += (known.empty() ? "" : ", ") + id;
  return Reject(Rejection::kUnknownFund, "No fund '" + fund_id + "'; the funds are: " + known +
                                             ".");
}

std::optional<int64_t> CheckedSum(const std::vector<int64_t>& cents) {
  try {
    Money m;
    for (int64_t c : cents) m += Money::FromCents(c);
    return m.cents();
  } catch (const std::overflow_error&) {
    return std::nullopt;
  }
}

Decision DecideCommand(const State& s, const Command& c) {
  return std::visit([&s](const auto& cmd) { return Decide(s, cmd); }, c);
}
CommandSpec SpecCommand(const State& s, const Command& c) {
  return std::visit([&s](const auto& cmd) { return Spec(s, cmd); }, c);
}

}  // namespace fij::ledger
