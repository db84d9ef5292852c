// The art. 222 bis declaration (DOMAIN-LAW.md §4): for a fund and calendar year, the number of
// receipts delivered and the total they mention, the filing deadline, and for each company
// giving more than the threshold (10 000 EUR) in the year, what it needs for its own declaration.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/date.h"
#include "ledger/state.h"

namespace fij::projections {

struct CompanyGiftLine {
  std::string gift_id;
  uint32_t date = 0;
  int64_t amount_cents = 0;
  int64_t counterparts_cents = 0;
  std::string receipt;  // the valid receipt number, "" if none yet
};

struct CompanyDeclaration {
  std::string partner_id;
  std::string name;
  std::string siren;
  int64_t total_cents = 0;
  int64_t counterparts_cents = 0;
  std::vector<CompanyGiftLine> gifts;
};

struct Declaration {
  std::string fund_id;
  int32_t year = 0;
  uint32_t receipts_count = 0;  // valid (not cancelled) receipts for gifts received in the year
  int64_t total_cents = 0;
  uint32_t cancelled_count = 0;  // cancelled receipts of the year, for the record
  ledger::Date deadline;         // 2nd working day after 1 May of year + 1
  bool filed = false;
  uint32_t filed_on = 0;
  uint32_t filed_count = 0;
  int64_t filed_total_cents = 0;
  int64_t company_threshold_cents = 0;
  std::vector<CompanyDeclaration> companies;  // above the threshold
};

Declaration ComputeDeclaration(const ledger::State& s, const std::string& fund_id, int32_t year);

// The second working day after 1 May of `year` (French public holidays: 1 and 8 May, Ascension,
// Whit Monday), the deadline of art. 222 bis for a calendar-year exercice.
ledger::Date DeclarationDeadline(int32_t year);

}  // namespace fij::projections
