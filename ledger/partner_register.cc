#include "ledger/partner_register.h"

#include <cstring>

#include "engine/status.h"

namespace fij::ledger {

void PartnerRegister::Register(std::string_view id, std::string_view name, PartnerKind kind) {
  bool added = false;
  const uint32_t n = ids_.Intern(id, &added);
  FIJ_CHECK(added) << "partner " << id << " twice";
  Partner& p = ids_.RecordOf(n);
  p.kind = kind;
  p.name = names_.Keep(name);
}

void PartnerRegister::Rename(std::string_view id, std::string_view name) {
  ids_.RecordOf(ids_.Known(id, "partner")).name = names_.Keep(name);
}

std::optional<PartnerFacts> PartnerRegister::Find(std::string_view id) const {
  const Partner* p = ids_.FindRecord(id);
  if (p == nullptr) return std::nullopt;
  return FactsOf(*p);
}

void PartnerRegister::AddGift(std::string_view id, uint32_t fund, int32_t year, int64_t cents,
                              bool pledged) {
  FIJ_CHECK(fund <= UINT16_MAX && year > 0 && year <= INT16_MAX)
      << "partner sums of fund " << fund << " and year " << year;
  Partner* found = ids_.FindRecord(id);
  FIJ_CHECK(found != nullptr) << "partner " << id << " is not known";
  Partner& p = *found;
  const auto fund16 = static_cast<uint16_t>(fund);
  const auto year16 = static_cast<int16_t>(year);
  SumCents *given = &p.given_cents, *fulfilled = &p.fulfilled_cents;
  if (p.year != year16 || p.fund != fund16) {
    uint32_t at = p.first_sum, last = kNoSum;
    while (at != kNoSum && (sums_[at].fund != fund16 || sums_[at].year != year16)) {
      last = at;
      at = sums_[at].next;
    }
    if (at != kNoSum) {  // an earlier (fund, year) of the partner's
      given = &sums_[at].given_cents;
      fulfilled = &sums_[at].fulfilled_cents;
    } else {
      // A (fund, year) new to the partner: it takes the record's place, and the one there (if
      // any) is chained last in sums_.
      if (p.year != 0) {
        FIJ_CHECK(sums_.size() < kNoSum) << "more than 2^32 - 1 partner sums";
        const auto moved = static_cast<uint32_t>(sums_.size());
        Sum& s = sums_.emplace_back();
        s.given_cents = p.given_cents;
        s.fulfilled_cents = p.fulfilled_cents;
        s.fund = p.fund;
        s.year = p.year;
        if (last == kNoSum) {
          p.first_sum = moved;
        } else {
          sums_[last].next = moved;
        }
      }
      p.given_cents = SumCents();
      p.fulfilled_cents = SumCents();
      p.fund = fund16;
      p.year = year16;
    }
  }
  given->Add(cents);
  if (pledged) fulfilled->Add(cents);
}

size_t PartnerRegister::bytes() const { return ids_.bytes() + names_.bytes() + sums_.bytes(); }

PartnerFacts PartnerRegister::FactsOf(const Partner& p) const {
  PartnerFacts f;
  f.identity.name = names_.Text(p.name);
  f.identity.kind = p.kind;
  return f;
}

}  // namespace fij::ledger
