#include "projections/replay.h"

#include <array>
#include <string_view>

#include "ledger/codec.h"
#include "ledger/date.h"
#include "ledger/invariants.h"
#include "ledger/scan.h"
#include "ledger/state_checkpoint.h"

namespace fij::projections {
namespace {
// Identities and configuration apply whatever their recording date: an as-of cut is on dated
// business facts (gifts, receipts, votes, decisions, money), which refer to them.
bool IsRegistry(const ledger::Event& e) {
  return std::holds_alternative<ledger::FundInitialized>(e) ||
         std::holds_alternative<ledger::AgrementRecorded>(e) ||
         std::holds_alternative<ledger::PartnerRegistered>(e) ||
         std::holds_alternative<ledger::PartnerCorrected>(e) ||
         std::holds_alternative<ledger::ParameterSet>(e) ||
         std::holds_alternative<ledger::FundAdded>(e) ||
         std::holds_alternative<ledger::ProjectAdded>(e) ||
         std::holds_alternative<ledger::MemberAdded>(e) ||
         std::holds_alternative<ledger::CommitteeRulesSet>(e) ||
         std::holds_alternative<ledger::RoleGranted>(e) ||
         std::holds_alternative<ledger::TiersConfigured>(e) ||
         std::holds_alternative<ledger::BudgetPlanned>(e);
}

// The event types a projection-only replay decodes: every type but those whose Apply changes
// nothing a projection or the posting map reads (a test compares both replays' projections).
bool ProjectionsRead(std::string_view type) {
  static constexpr std::array<std::string_view, 17> kUnread = {
      "ReceiptIssued",      "ReceiptCancelled",     "DeclarationFiled",   "SessionOpened",
      "AttendanceRecorded", "SessionClosed",        "VoteCast",           "ConflictDeclared",
      "AssessmentScored",   "CallOpened",           "CallClosed",         "ApplicationSubmitted",
      "ApplicationStatusChanged", "MemberAdded",    "MemberRemoved",      "RoleGranted",
      "CommitteeRulesSet"};
  for (auto t : kUnread)
    if (t == type) return false;
  return true;
}

// What a visitor learns of a decoded event besides the event: its position and UTC recording
// day. The day's date is kept from the event before: a log's events mostly share their day with
// the one before, and the calendar conversion was 1 % of a posting replay's folding thread.
class Contexts {
 public:
  EventContext operator()(const ledger::DecodedEvent& d) {
    const int64_t days = d.recorded_at_us / 86'400'000'000LL;
    if (days != days_ || ymd_ == 0) {
      days_ = days;
      ymd_ = ledger::Date::FromDaysSinceEpoch(days).ymd();
    }
    return EventContext{d.position, ymd_};
  }

 private:
  int64_t days_ = 0;
  uint32_t ymd_ = 0;  // 0: none yet
};

using Visitor =
    std::function<void(const ledger::State&, const ledger::Event&, const EventContext&)>;

Result<ReplayResult> Run(const engine::Store& store, const ReplayOptions& options,
                         const Visitor& visit, std::optional<ledger::Checkpoint> start) {
  ReplayResult r;
  uint64_t head = store.head().position;
  uint64_t to = options.at ? std::min(options.at, head) : head;
  uint64_t from = 1;
  engine::Hash last_hash{};
  FIJ_CHECK(!options.projections_only || (!start && !options.as_of))
      << "a projection-only replay runs from zero, without a business-date cut";
  r.state.projection_only = options.projections_only;
  if (start) {
    r.state = std::move(start->state);
    r.position = start->position;
    last_hash = start->hash;
    r.events = start->position;
    from = start->position + 1;
  }
  // A projection-only fold fetches ahead, batch by batch, the partners its gifts will look up
  // (decision 77): at 10 M events their slots and records are mostly out of the cache.
  std::vector<std::string_view> partners, loans, projects, decisions;
  Contexts context_of;
  ledger::BatchAhead ahead;
  if (options.projections_only)
    ahead = [&](std::span<const ledger::DecodedEvent> batch) {
      partners.clear();
      loans.clear();
      projects.clear();
      decisions.clear();
      for (const auto& d : batch) {
        if (const auto* g = std::get_if<ledger::GiftRecorded>(&d.event)) {
          partners.push_back(g->partner_id);
        } else if (const auto* l = std::get_if<ledger::LoanRepaid>(&d.event)) {
          loans.push_back(l->loan_id);
        } else if (const auto* x = std::get_if<ledger::ExpenseRecorded>(&d.event)) {
          projects.push_back(x->project_id);
        } else if (const auto* t = std::get_if<ledger::GrantDisbursed>(&d.event)) {
          projects.push_back(t->project_id);
          decisions.push_back(t->decision_id);
        }
      }
      r.state.partner_register.Prefetch(partners);
      r.state.loan_register.Prefetch(loans);
      r.state.project_register.Prefetch(projects);
      r.state.decision_register.Prefetch(decisions);
    };
  FIJ_RETURN_IF_ERROR(ledger::ScanDecoded(store, from, to, [&](ledger::DecodedEvent& d) {
    r.position = d.position;
    last_hash = d.hash;
    if (options.progress && (d.position & 0xffff) == 0) options.progress(d.position, to);
    if (d.skipped) {  // projections_only: an event no projection reads
      ++r.events;
      return true;
    }
    const ledger::Event& event = d.event;
    if (options.as_of && !IsRegistry(event) && ledger::EffectiveDate(event) > options.as_of)
      return true;
    if (options.as_of) {
      // A cut by business date may drop what a later-recorded, earlier-dated event relies on
      // (a backdated correction): such an event is skipped too, never applied half-valid.
      if (ledger::CheckInvariants(r.state, event)) return true;
    }
    if (visit) {
      visit(r.state, event, context_of(d));
    }
    ledger::ApplyEvent(r.state, std::move(d.event), d.position);  // seen by `visit` above
    ++r.events;
    return true;
  }, options.projections_only ? ledger::DecodeDetail::kProjections : options.detail,
     options.projections_only ? &ProjectionsRead : nullptr, ledger::ScanSplit::kBalanced,
     nullptr, ahead));
  if (r.position) r.head_hash = engine::HashHex(last_hash);
  return r;
}

}  // namespace

Result<ReplayResult> Replay(const engine::Store& store, const ReplayOptions& options,
                            const Visitor& visit) {
  uint64_t head = store.head().position;
  uint64_t to = options.at ? std::min(options.at, head) : head;
  // Without a visitor (which must see every event) or a business-date cut, a checkpoint at or
  // before `to` stands for the events up to it.
  std::optional<ledger::Checkpoint> start;
  if (!visit && !options.as_of && !options.projections_only) {
    auto cp = ledger::ReadCheckpoint(store);
    if (cp && *cp && (*cp)->position <= to) start = std::move(**cp);
  }
  return Run(store, options, visit, std::move(start));
}

Result<ReplayResult> ReplayPostings(
    const engine::Store& store, const ReplayOptions& options,
    const std::function<void(const ledger::PostingContext&, const ledger::Event&,
                             const EventContext&)>& visit,
    ledger::PostingDetail detail) {
  FIJ_CHECK(!options.as_of) << "a posting replay cannot cut by business date";
  ReplayResult r;
  uint64_t head = store.head().position;
  uint64_t to = options.at ? std::min(options.at, head) : head;
  engine::Hash last_hash{};
  ledger::PostingContext context;
  Contexts context_of;
  context.keep_names = detail == ledger::PostingDetail::kFull;
  FIJ_RETURN_IF_ERROR(ledger::ScanDecoded(
      store, 1, to,
      [&](ledger::DecodedEvent& d) {
        r.position = d.position;
        last_hash = d.hash;
        ++r.events;
        if (options.progress && (d.position & 0xffff) == 0) options.progress(d.position, to);
        if (d.skipped) return true;
        visit(context, d.event, context_of(d));
        context.Apply(d.event);
        return true;
      },
      ledger::DecodeDetail::kPostings, &ledger::PostingContext::Needs,
      ledger::ScanSplit::kOnCaller));  // the context's fold is lighter than decoding
  if (r.position) r.head_hash = engine::HashHex(last_hash);
  return r;
}

Result<ReplayResult> ReplayFrom(const engine::Store& store, ledger::Checkpoint start,
                                const ReplayOptions& options, const Visitor& visit) {
  FIJ_CHECK(!options.as_of) << "a replay from a checkpoint cannot cut by business date";
  FIJ_CHECK(!options.at || options.at >= start.position) << "--at before the checkpoint";
  return Run(store, options, visit, std::move(start));
}

}  // namespace fij::projections
