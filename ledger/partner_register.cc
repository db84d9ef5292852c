#include "ledger/partner_register.h"

#include <cstring>

#include "engine/status.h"

namespace fij::ledger {

void PartnerRegister::Register(std::string_view id, std::string_view name, PartnerKind kind) {
  bool added = false;
  const uint32_t n = ids_.Intern(id, &added);
  FIJ_CHECK(added) << "partner " << id << " twice";
  FIJ_CHECK(n == partners_.size()) << "partner numbers out of step";
  Partner& p = partners_.emplace_back();
  p.kind = kind;
  p.name = names_.Keep(name);
}

void PartnerRegister::Rename(std::string_view id, std::string_view name) {
  partners_[ids_.Known(id, "partner")].name = names_.Keep(name);
}

std::optional<PartnerFacts> PartnerRegister::Find(std::string_view id) const {
  const uint32_t n = ids_.Find(id);
  if (n == IdTable::kNone) return std::nullopt;
  return FactsOf(n);
}

void PartnerRegister::AddGift(std::string_view id, uint32_t fund, int32_t year, int64_t cents,
                              bool pledged) {
  FIJ_CHECK(fund <= UINT16_MAX && year > 0 && year <= INT16_MAX)
      << "partner sums of fund " << fund << " and year " << year;
  const uint32_t n = ids_.Known(id, "partner");
  const auto fund16 = static_cast<uint16_t>(fund);
  const auto year16 = static_cast<int16_t>(year);
  uint32_t at = partners_[n].first_sum, last = kNoSum;
  while (at != kNoSum && (sums_[at].fund != fund16 || sums_[at].year != year16)) {
    last = at;
    at = sums_[at].next;
  }
  if (at == kNoSum) {  // a (fund, year) new to the partner: chained last (order first received)
    FIJ_CHECK(sums_.size() < kNoSum) << "more than 2^32 - 1 partner sums";
    at = static_cast<uint32_t>(sums_.size());
    Sum& s = sums_.emplace_back();
    s.fund = fund16;
    s.year = year16;
    if (last == kNoSum) {
      partners_[n].first_sum = at;
    } else {
      sums_[last].next = at;
    }
  }
  Sum& s = sums_[at];
  s.given_cents.Add(cents);
  if (pledged) s.fulfilled_cents.Add(cents);
}

size_t PartnerRegister::bytes() const {
  return ids_.bytes() + partners_.bytes() + names_.bytes() + sums_.bytes();
}

PartnerFacts PartnerRegister::FactsOf(uint32_t n) const {
  const Partner& p = partners_[n];
  PartnerFacts f;
  f.identity.name = names_.Text(p.name);
  f.identity.kind = p.kind;
  return f;
}

}  // namespace fij::ledger
