#include "projections/declaration.h"

#include <algorithm>

#include "ledger/params.h"

namespace fij::projections {
namespace {

// Anonymous Gregorian computus.
ledger::Date Easter(int y) {
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
  int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = ((h + l - 7 * m + 114) % 31) + 1;
  return ledger::Date::FromParts(y, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

bool Holiday(const ledger::Date& d) {
  if (d.month() == 5 && (d.day() == 1 || d.day() == 8)) return true;
  ledger::Date easter = Easter(d.year());
  return d == easter.AddDays(39) || d == easter.AddDays(50);
}

bool Weekend(const ledger::Date& d) {
  int64_t dow = (d.DaysSinceEpoch() + 4) % 7;  // 1970-01-01 was a Thursday (4); 0 = Sunday
  if (dow < 0) dow += 7;
  return dow == 0 || dow == 6;
}

}  // namespace

ledger::Date DeclarationDeadline(int32_t year) {
  ledger::Date d = ledger::Date::FromParts(year, 5, 1);
  int working = 0;
  while (working < 2) {
    d = d.AddDays(1);
    if (!Weekend(d) && !Holiday(d)) ++working;
  }
  return d;
}

Declaration ComputeDeclaration(const ledger::State& s, const std::string& fund_id, int32_t year) {
  Declaration out;
  out.fund_id = fund_id.empty() ? s.default_fund : fund_id;
  out.year = year;
  out.deadline = DeclarationDeadline(year + 1);
  for (const auto& num : s.receipt_order) {
    const auto& r = s.receipts.at(num);
    if (r.receipt.fund_id != out.fund_id) continue;
    if (static_cast<int32_t>(r.receipt.period_to / 10000) != year) continue;
    if (r.cancelled) {
      ++out.cancelled_count;
      continue;
    }
    ++out.receipts_count;
    out.total_cents += r.receipt.amount_cents;
  }
  if (auto it = s.declarations.find({out.fund_id, year}); it != s.declarations.end()) {
    out.filed = true;
    out.filed_on = it->second.date;
    out.filed_count = it->second.receipts_count;
    out.filed_total_cents = it->second.total_cents;
  }
  uint32_t year_end = static_cast<uint32_t>(year) * 10000 + 1231;
  out.company_threshold_cents =
      s.params.Find(ledger::param::kCompanyDeclarationThresholdCents, year_end).value_or(0);
  for (const auto& [pid, p] : s.partners) {
    if (p.identity.kind != ledger::PartnerKind::kCompany) continue;
    CompanyDeclaration c;
    c.partner_id = pid;
    c.name = p.identity.name;
    c.siren = p.identity.siren();
    for (const auto& gid : p.gift_ids) {
      const auto& g = s.gifts.at(gid);
      if (!g.received || g.gift.fund_id != out.fund_id) continue;
      if (g.gift.kind != ledger::GiftKind::kPatronage) continue;
      if (static_cast<int32_t>(g.received_on / 10000) != year) continue;
      c.total_cents += g.gift.amount_cents;
      c.counterparts_cents += g.gift.counterparts_cents;
      c.gifts.push_back({gid, g.received_on, g.gift.amount_cents, g.gift.counterparts_cents,
                         g.active_receipt});
    }
    if (c.total_cents > out.company_threshold_cents) {
      std::sort(c.gifts.begin(), c.gifts.end(),
                [](const auto& a, const auto& b) { return a.date < b.date; });
      out.companies.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace fij::projections
