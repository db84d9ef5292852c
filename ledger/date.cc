#include "ledger/date.h"

#include <chrono>
#include <cstdio>

#include "engine/status.h"

namespace fij::ledger {
namespace {
using namespace std::chrono;

bool ParseUint(std::string_view s, unsigned& out) {
  if (s.empty()) return false;
  unsigned v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  out = v;
  return true;
}

constexpr const char* kMonthsFr[] = {"janvier", "février", "mars",      "avril",
                                     "mai",     "juin",    "juillet",   "août",
                                     "septembre", "octobre", "novembre", "décembre"};
}  // namespace

std::optional<Date> Date::Parse(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  unsigned y, m, d;
  if (!ParseUint(iso.substr(0, 4), y) || !ParseUint(iso.substr(5, 2), m) ||
      !ParseUint(iso.substr(8, 2), d))
    return std::nullopt;
  return FromYmd(y * 10000 + m * 100 + d);
}

std::optional<Date> Date::FromYmd(uint32_t v) {
  int y = static_cast<int>(v / 10000);
  unsigned m = (v / 100) % 100, d = v % 100;
  if (y < 1900 || y > 2999) return std::nullopt;
  year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  Date out;
  out.year_ = y;
  out.month_ = m;
  out.day_ = d;
  return out;
}

Date Date::FromParts(int year, unsigned month, unsigned day) {
  auto d = FromYmd(static_cast<uint32_t>(year) * 10000 + month * 100 + day);
  FIJ_CHECK(d.has_value()) << year << "-" << month << "-" << day;
  return *d;
}

Date Date::Today() {
  auto days = floor<std::chrono::days>(system_clock::now());
  return FromDaysSinceEpoch(days.time_since_epoch().count());
}

std::string Date::ToIso() const {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", year_, month_, day_);
  return buf;
}

std::string Date::ToSlashes() const {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%02u/%02u/%04d", day_, month_, year_);
  return buf;
}

std::string Date::ToFrench() const {
  std::string d = day_ == 1 ? "1er" : std::to_string(day_);
  return d + " " + kMonthsFr[month_ - 1] + " " + std::to_string(year_);
}

int64_t Date::DaysSinceEpoch() const {
  year_month_day ymd{std::chrono::year(year_), std::chrono::month(month_),
                     std::chrono::day(day_)};
  return sys_days(ymd).time_since_epoch().count();
}

Date Date::FromDaysSinceEpoch(int64_t days) {
  year_month_day ymd{sys_days(std::chrono::days(days))};
  Date out;
  out.year_ = static_cast<int>(ymd.year());
  out.month_ = static_cast<unsigned>(ymd.month());
  out.day_ = static_cast<unsigned>(ymd.day());
  return out;
}

Date Date::AddMonths(int n) const {
  int total = year_ * 12 + static_cast<int>(month_ - 1) + n;
  int y = total / 12;
  unsigned m = static_cast<unsigned>(total % 12) + 1;
  year_month_day_last last{std::chrono::year(y), month_day_last{std::chrono::month(m)}};
  unsigned d = std::min(day_, static_cast<unsigned>(last.day()));
  return FromParts(y, m, d);
}

std::string YmdToIso(uint32_t ymd) {
  if (ymd == 0) return "";
  auto d = Date::FromYmd(ymd);
  return d ? d->ToIso() : std::to_string(ymd);
}

}  // namespace fij::ledger
