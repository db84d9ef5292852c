// ProjectRegister: a projection-only State's projects (decision 55), what the experiment costs
// read of them and nothing else: a name and a carrier, the budget and the expenses by cost
// category, the decisions taken on it, and its closing. Ids are interned
// (ledger/id_table.h), texts lie back to back in one arena, decisions are chained in one
// vector, and so are the grant tranches' sums per fund and year: about 200 bytes a project at 10 M events against 736 in the State's map (a 640-byte
// node with the committee's maps, its name, carrier and decisions' vector).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "ledger/chunked_vector.h"
#include "ledger/id_table.h"
#include "ledger/money.h"

namespace fij::ledger {

// What the experiment costs read of a project, from a ProjectRegister or the State's map
// alike. Views valid until the register (or the State) changes.
struct ProjectCosts {
  std::string_view project_id, name, carrier, outcome;
  const int64_t* budget_cents = nullptr;  // 4, by CostCategory
  const int64_t* spent_cents = nullptr;   // 4, by CostCategory
  bool closed = false;
  std::vector<std::string_view> decisions;  // the decisions taken on it, in log order
};

class ProjectRegister {
 public:
  // Adds the project `id`, which must be new. Every other call names a project added before.
  void Add(std::string_view id, std::string_view name, std::string_view carrier);
  void AddDecision(std::string_view project, std::string_view decision_id);
  void SetBudget(std::string_view project, int category, int64_t cents);
  void AddSpent(std::string_view project, int category, int64_t cents);
  void Close(std::string_view project, std::string_view outcome);
  // Adds a grant tranche paid to the project under a decision of `fund_id` in `year` (what the
  // budget reads; decision 57): summed per (fund, year) on the project.
  void AddTranche(std::string_view project, std::string_view fund_id, int32_t year, int64_t cents);
  // Calls fn(project_id, Money) for every project paid grant tranches of `fund_id` in `year`,
  // with their sum, in the order the projects were added. The sum's Money throws
  // std::overflow_error when out of range, as Money::FromWide does.
  template <class Fn>
  void ForEachTranche(std::string_view fund_id, int32_t year, Fn&& fn) const {
    const auto f = std::find(funds_.begin(), funds_.end(), fund_id);
    if (f == funds_.end()) return;
    const auto fund = static_cast<uint32_t>(f - funds_.begin());
    for (uint32_t n = 0; n < projects_.size(); ++n)
      for (uint32_t t = projects_[n].first_tranche; t != kNone; t = tranches_[t].next)
        if (tranches_[t].fund == fund && tranches_[t].year == year)
          fn(ids_.Id(n), tranches_[t].cents.ToMoney());
  }

  size_t size() const { return ids_.size(); }
  // Fetches ahead the records lookups of `ids` will read (decision 77). Changes nothing.
  void Prefetch(std::span<const std::string_view> ids) const;
  bool contains(std::string_view id) const { return ids_.Find(id) != IdTable::kNone; }
  // Calls fn(const ProjectCosts&) for every project, in the order added.
  template <class Fn>
  void ForEach(Fn&& fn) const {
    ProjectCosts c;
    for (uint32_t n = 0; n < projects_.size(); ++n) {
      const Project& p = projects_[n];
      c.project_id = ids_.Id(n);
      c.name = texts_.Text(p.name);
      c.carrier = texts_.Text(p.carrier);
      c.outcome = texts_.Text(p.outcome);
      c.budget_cents = p.budget_cents;
      c.spent_cents = p.spent_cents;
      c.closed = p.closed;
      c.decisions.clear();
      for (uint32_t d = p.first_decision; d != kNone; d = decisions_[d].next)
        c.decisions.push_back(texts_.Text(decisions_[d].id));
      fn(std::as_const(c));
    }
  }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  using Span = TextArena::Span;
  struct Project {
    Span name, carrier, outcome;
    uint32_t first_decision = kNone, last_decision = kNone;  // in decisions_
    uint32_t first_tranche = kNone;                           // in tranches_
    bool closed = false;
    int64_t budget_cents[4] = {0, 0, 0, 0};
    int64_t spent_cents[4] = {0, 0, 0, 0};
  };
  struct Decision {
    Span id;
    uint32_t next = kNone;
  };
  struct Tranches {  // paid to a project under one fund's decisions in one year
    SumCents cents;
    uint32_t fund = 0;  // in funds_
    int32_t year = 0;
    uint32_t next = kNone;
  };
  Project& At(std::string_view id);  // the project must exist

  IdTable ids_;
  ChunkedVector<Project> projects_;  // by number
  ChunkedVector<Decision> decisions_;
  ChunkedVector<Tranches> tranches_;
  std::vector<std::string> funds_;  // the funds tranches were paid under (a handful)
  TextArena texts_;
};

}  // namespace fij::ledger
