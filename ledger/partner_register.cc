#include "ledger/partner_register.h"

#include <algorithm>
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
  auto* s = const_cast<Sum*>(SumsOf(p, fund, year));
  if (s == nullptr) {
    // A (fund, year) new to the partner takes the record's place; the one there (if any) is
    // chained first, keeping its link to the older ones.
    if (p.latest.year != 0) {
      FIJ_CHECK(sums_.size() < kNoSum) << "more than 2^32 - 1 partner sums";
      const auto moved = static_cast<uint32_t>(sums_.size());
      sums_.emplace_back() = p.latest;
      p.latest = Sum();
      p.latest.next = moved;
    }
    p.latest.fund = static_cast<uint16_t>(fund);
    p.latest.year = static_cast<int16_t>(year);
    p.seen |= SeenBit(fund, year);
    s = &p.latest;
  }
  s->given_cents.Add(cents);
  if (pledged) s->fulfilled_cents.Add(cents);
}

void PartnerRegister::Prefetch(std::span<const std::string_view> ids) const {
  // The record lies in the entry (decision 74): slots and entries are all there is to fetch.
  const char* entries[decltype(ids_)::kFetchRun];
  for (size_t begin = 0; begin < ids.size(); begin += decltype(ids_)::kFetchRun)
    ids_.FetchEntries(ids.subspan(begin, std::min(decltype(ids_)::kFetchRun, ids.size() - begin)),
                      entries);
}

size_t PartnerRegister::bytes() const { return ids_.bytes() + names_.bytes() + sums_.bytes(); }

PartnerFacts PartnerRegister::FactsOf(const Partner& p) const {
  PartnerFacts f;
  f.identity.name = names_.Text(p.name);
  f.identity.kind = p.kind;
  return f;
}

}  // namespace fij::ledger
