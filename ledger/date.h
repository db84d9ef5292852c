// Calendar dates as the fund uses them: a business date without time zone, stored in events
// as uint32 YYYYMMDD (0 = none).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fij::ledger {

class Date {
 public:
  constexpr Date() = default;
  // Parses "YYYY-MM-DD" (a real calendar date, years 1900..2999); nullopt otherwise.
  static std::optional<Date> Parse(std::string_view iso);
  static std::optional<Date> FromYmd(uint32_t yyyymmdd);  // 0 or invalid -> nullopt
  static Date FromParts(int year, unsigned month, unsigned day);  // must be valid
  static Date Today();  // UTC

  int year() const { return year_; }
  unsigned month() const { return month_; }
  unsigned day() const { return day_; }
  uint32_t ymd() const { return static_cast<uint32_t>(year_) * 10000 + month_ * 100 + day_; }
  std::string ToIso() const;       // 2024-03-15
  std::string ToFrench() const;    // 15 mars 2024
  std::string ToSlashes() const;   // 15/03/2024
  int64_t DaysSinceEpoch() const;  // 1970-01-01 = 0
  static Date FromDaysSinceEpoch(int64_t days);
  Date AddDays(int64_t n) const { return FromDaysSinceEpoch(DaysSinceEpoch() + n); }
  // Same day-of-month n months later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb).
  Date AddMonths(int n) const;

  auto operator<=>(const Date&) const = default;

 private:
  int year_ = 1970;
  unsigned month_ = 1;
  unsigned day_ = 1;
};

// "YYYY-MM-DD" for a stored YYYYMMDD; "" for 0.
std::string YmdToIso(uint32_t ymd);

}  // namespace fij::ledger
