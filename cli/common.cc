#include "cli/common.h"

#include <cstdlib>
#include <iostream>

#include "ledger/date.h"

namespace fij::cli {

Globals& G() {
  static Globals g;
  return g;
}

int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidArgument: return kExitUsage;
    case StatusCode::kConflict:
    case StatusCode::kBusy: return kExitConflict;
    case StatusCode::kNotFound:
    case StatusCode::kCorruption:
    case StatusCode::kIOError: return kExitStorage;
  }
  return kExitStorage;
}

void Fail(int code, const std::string& message) { throw Exit{code, message}; }
void FailStatus(const Status& s) { throw Exit{ExitCodeFor(s), "fij: " + s.ToString()}; }
void FailCommand(const ledger::CommandError& e) {
  if (e.rejected) throw Exit{kExitRejected, "fij: " + e.rejected->message};
  FailStatus(e.status);
}

int64_t ParseAmountArg(const std::string& option, const std::string& text, bool allow_zero) {
  auto m = ledger::ParseMoney(text, allow_zero);
  if (!m) Fail(kExitUsage, "fij: " + option + " '" + text + "': " + m.error().message);
  return m->cents();
}

uint32_t ParseDateArg(const std::string& option, const std::string& text) {
  auto d = ledger::Date::Parse(text);
  if (!d)
    Fail(kExitUsage, "fij: " + option + " '" + text +
                         "' is not a date; write it as YYYY-MM-DD, e.g. 2024-03-15");
  return d->ymd();
}

uint32_t DateOrToday(const std::string& text, const std::string& option) {
  return text.empty() ? 0 : ParseDateArg(option, text);
}

std::shared_ptr<ledger::Ledger> OpenWriter(bool create) {
  if (G().import_ledger) return G().import_ledger;
  ledger::Ledger::Options o;
  o.create = create;
  auto l = ledger::Ledger::Open(G().store_dir, o);
  if (!l) FailStatus(l.error());
  return std::move(*l);
}

void RegisterCommands(CLI::App& app) {
  RegisterCoordinator(app);
  RegisterCommitteeCommands(app);
  RegisterAudit(app);
}

std::unique_ptr<ledger::Ledger> OpenReader() {
  if (G().import_ledger)
    Fail(kExitUsage, "fij: an import line must be a write command (reports read the store after "
                     "the import)");
  ledger::Ledger::Options o;
  o.read_only = true;
  auto l = ledger::Ledger::Open(G().store_dir, o);
  if (!l) FailStatus(l.error());
  return std::move(*l);
}

ledger::Outcome Run(ledger::Ledger& l, const ledger::Command& c) {
  auto r = l.Execute(c, G().actor);
  if (!r) FailCommand(r.error());
  return std::move(*r);
}

std::string Where(const ledger::Outcome& o) {
  if (o.duplicate)
    return "at position " + std::to_string(o.first_position) +
           " earlier (the same command repeated: nothing written)";
  return "at position " + std::to_string(o.first_position);
}

std::string Euros(int64_t cents) { return ledger::Money::FromCents(cents).ToFrench(); }
std::string Iso(uint32_t ymd) { return ledger::YmdToIso(ymd); }

std::string Pad(const std::string& s, size_t width) {
  std::string out;
  size_t cols = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    if (cols + 1 > width) break;
    out.append(s, i, len);
    i += len;
    ++cols;
  }
  out.append(width - cols, ' ');
  return out;
}

void WriteOut(const std::string& path, const std::string& text) {
  if (path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return;
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) Fail(kExitStorage, "fij: cannot write " + path);
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) Fail(kExitStorage, "fij: cannot write " + path);
}

// ---- Json ----

std::string Json::Quote(const std::string& v) {
  std::string o = "\"";
  for (unsigned char c : v) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\r': o += "\\r"; break;
      case '\t': o += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          o += buf;
        } else {
          o += static_cast<char>(c);
        }
    }
  }
  return o + "\"";
}
void Json::Sep() {
  if (!first_.back()) s_ += ",";
  first_.back() = false;
}
Json& Json::Key(const std::string& k) {
  Sep();
  if (!k.empty()) s_ += Quote(k) + ":";
  return *this;
}
Json& Json::Open() {
  if (!s_.empty() && s_.back() != ':') Sep();
  s_ += "{";
  first_.push_back(true);
  return *this;
}
Json& Json::Close() {
  s_ += "}";
  first_.pop_back();
  return *this;
}
Json& Json::OpenArray(const std::string& key) {
  if (!key.empty()) Key(key);
  else if (!s_.empty() && s_.back() != ':') Sep();
  s_ += "[";
  first_.push_back(true);
  return *this;
}
Json& Json::CloseArray() {
  s_ += "]";
  first_.pop_back();
  return *this;
}
Json& Json::Str(const std::string& k, const std::string& v) {
  Key(k);
  s_ += Quote(v);
  return *this;
}
Json& Json::Int(const std::string& k, int64_t v) {
  Key(k);
  s_ += std::to_string(v);
  return *this;
}
Json& Json::Bool(const std::string& k, bool v) {
  Key(k);
  s_ += v ? "true" : "false";
  return *this;
}
Json& Json::Money(const std::string& k, int64_t cents) {
  return Str(k, ledger::Money::FromCents(cents).ToPlain());
}
Json& Json::Raw(const std::string& k, const std::string& raw) {
  Key(k);
  s_ += raw;
  return *this;
}

}  // namespace fij::cli
