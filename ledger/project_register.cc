#include "ledger/project_register.h"

#include "engine/status.h"

namespace fij::ledger {

void ProjectRegister::Add(std::string_view id, std::string_view name, std::string_view carrier) {
  bool added = false;
  const uint32_t n = ids_.Intern(id, &added);
  FIJ_CHECK(added) << "project " << id << " twice";
  FIJ_CHECK(n == projects_.size()) << "project numbers out of step";
  Project p;
  p.name = texts_.Keep(name);
  p.carrier = texts_.Keep(carrier);
  projects_.push_back(p);
}

void ProjectRegister::AddDecision(std::string_view project, std::string_view decision_id) {
  Project& p = At(project);
  FIJ_CHECK(decisions_.size() < kNone) << "more than 2^32 - 1 decisions";
  const auto d = static_cast<uint32_t>(decisions_.size());
  decisions_.push_back(Decision{texts_.Keep(decision_id), kNone});
  if (p.last_decision == kNone) {
    p.first_decision = d;
  } else {
    decisions_[p.last_decision].next = d;
  }
  p.last_decision = d;
}

void ProjectRegister::SetBudget(std::string_view project, int category, int64_t cents) {
  FIJ_CHECK(category >= 0 && category < 4) << "cost category " << category;
  At(project).budget_cents[category] = cents;
}

void ProjectRegister::AddSpent(std::string_view project, int category, int64_t cents) {
  FIJ_CHECK(category >= 0 && category < 4) << "cost category " << category;
  At(project).spent_cents[category] += cents;  // as the State's ProjectState::spent_cents
}

void ProjectRegister::Close(std::string_view project, std::string_view outcome) {
  Project& p = At(project);
  p.closed = true;
  p.outcome = texts_.Keep(outcome);
}

void ProjectRegister::AddTranche(std::string_view project, std::string_view fund_id, int32_t year,
                                 int64_t cents) {
  Project& p = At(project);
  auto f = std::find(funds_.begin(), funds_.end(), fund_id);
  const auto fund = static_cast<uint32_t>(f - funds_.begin());
  if (f == funds_.end()) funds_.emplace_back(fund_id);
  uint32_t* link = &p.first_tranche;
  for (; *link != kNone; link = &tranches_[*link].next) {
    Tranches& t = tranches_[*link];
    if (t.fund == fund && t.year == year) return t.cents.Add(cents);
  }
  FIJ_CHECK(tranches_.size() < kNone) << "more than 2^32 - 1 tranche sums";
  *link = static_cast<uint32_t>(tranches_.size());
  tranches_.push_back(Tranches{});
  tranches_.back().fund = fund;
  tranches_.back().year = year;
  tranches_.back().cents.Add(cents);
}

ProjectRegister::Project& ProjectRegister::At(std::string_view id) {
  return projects_[ids_.Known(id, "project")];
}

void ProjectRegister::Prefetch(std::span<const std::string_view> ids) const {
  FetchRecords(ids_, projects_, ids, [](const auto&) {});
}

}  // namespace fij::ledger
