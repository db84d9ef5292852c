// PartnerRegister: a projection-only State's partners (decision 54), what the partner tiers and
// the posting map read of them and nothing else: a name, a kind and the received patronage
// gifts summed per (fund, year). Ids are interned (ledger/id_table.h) with each partner's
// record beside its id (decision 74), names lie back to back in one arena, the sums of the
// partner's latest (fund, year) are in its record (decision 72) and the others chained in one
// vector: about 125 bytes a partner at 10 M events (all of it, id table and arenas included)
// against 300 in the State's map (a 192-byte node, its name, its sums' vector and an index
// slot).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "ledger/events.h"
#include "ledger/chunked_vector.h"
#include "ledger/id_table.h"
#include "ledger/money.h"

namespace fij::ledger {

// A partner's received patronage gifts summed for one (fund, year received), what the partner
// tiers read (decisions 45, 49). `fund` numbers the fund in State::sum_funds.
struct PartnerYearSums {
  uint32_t fund = 0;
  int32_t year = 0;
  SumCents given_cents;      // every received patronage gift of the partner
  SumCents fulfilled_cents;  // those made under a pledge
};

// What the posting map reads of a partner, from a PartnerRegister, a PostingContext or the
// State's map alike: its name (a view, valid until the register changes) and its kind.
struct PartnerFacts {
  struct {
    std::string_view name;
    PartnerKind kind = PartnerKind::kIndividual;
  } identity;
};

class PartnerRegister {
 public:
  // Adds the partner `id`, which must be new.
  void Register(std::string_view id, std::string_view name, PartnerKind kind);
  // A correction's new name; the partner must exist.
  void Rename(std::string_view id, std::string_view name);
  std::optional<PartnerFacts> Find(std::string_view id) const;  // nullopt: unknown
  // Adds a received patronage gift to the partner's sums of (fund, year); `pledged`: made under
  // a pledge. The partner must exist, `fund` be below 65 536 and `year` a year (1..32 767). Never fails: a sum out of range is refused where a report
  // reads it (SumCents).
  void AddGift(std::string_view id, uint32_t fund, int32_t year, int64_t cents, bool pledged);

  // Fetches ahead the slots and records that lookups of `ids` will read (decision 77): a fold
  // calls it with the partners of a batch of events before applying them. Changes nothing.
  void Prefetch(std::span<const std::string_view> ids) const;

  size_t size() const { return ids_.size(); }
  // Calls fn(id, facts, sums) for every partner in the order registered, `sums` its sums of
  // (fund, year), null when it received no such gift.
  template <class Fn>
  void ForEach(uint32_t fund, int32_t year, Fn&& fn) const {
    for (uint32_t n = 0; n < ids_.size(); ++n) {
      const Partner& p = ids_.RecordOf(n);
      const Sum* found = SumsOf(p, fund, year);
      if (!found) {
        fn(ids_.Id(n), FactsOf(p), static_cast<const PartnerYearSums*>(nullptr));
        continue;
      }
      const PartnerYearSums sums{fund, year, found->given_cents, found->fulfilled_cents};
      fn(ids_.Id(n), FactsOf(p), &sums);
    }
  }
  // Bytes held by capacity (the state-size benchmark).
  size_t bytes() const;

 private:
  static constexpr uint32_t kNoSum = UINT32_MAX;
  // A partner's sums of one (fund, year): PartnerYearSums in 24 bytes instead of 32 with a link.
  struct Sum {
    SumCents given_cents, fulfilled_cents;
    uint32_t next = kNoSum;  // the partner's next (fund, year)
    uint16_t fund = 0;
    int16_t year = 0;
  };
  static_assert(sizeof(Sum) == 24);
  // A partner with the sums of the last (fund, year) it received a gift for kept in its own
  // record (decision 72): a gift like the one before it touches no other memory. Its other
  // (fund, year)s are chained in sums_ from latest.next, the most recently displaced first.
  struct Partner {
    TextArena::Span name;  // in names_
    Sum latest;            // year 0: no gift yet
    PartnerKind kind = PartnerKind::kIndividual;
    // A bit per (fund, year) the partner has sums of, at SeenBit: a clear bit spares the walk
    // of the chain for a (fund, year) it has none of yet (a new year's first gift).
    uint32_t seen = 0;
  };
  static_assert(sizeof(Partner) == 40);
  // Two funds' years map to distinct bits over any 15 years.
  static uint32_t SeenBit(uint32_t fund, int32_t year) {
    return uint32_t{1} << ((static_cast<uint32_t>(year) + 17 * fund) & 31);
  }
  // The partner's sums of (fund, year): its latest, one chained after it, or null.
  const Sum* SumsOf(const Partner& p, uint32_t fund, int32_t year) const {
    if ((p.seen & SeenBit(fund, year)) == 0) return nullptr;
    for (const Sum* s = &p.latest;; s = &sums_[s->next]) {
      if (s->fund == fund && s->year == year) return s;
      if (s->next == kNoSum) return nullptr;
    }
  }
  PartnerFacts FactsOf(const Partner& p) const;

  BasicIdTable<Partner> ids_;  // each partner's record beside its id (decision 74)
  TextArena names_;  // a correction keeps the new name; the old bytes stay
  ChunkedVector<Sum> sums_;
};

}  // namespace fij::ledger
