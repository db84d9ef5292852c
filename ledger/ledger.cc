#include "ledger/ledger.h"

#include <cstring>

#include <spdlog/spdlog.h>

#include "ledger/codec.h"
#include "ledger/scan.h"
#include "ledger/state_checkpoint.h"
#include "ledger/date.h"

namespace fij::ledger {

const char* CommandName(const Command& c) {
  static constexpr const char* kNames[] = {
      "InitFund",   "AddAgrement", "RegisterPartner", "CorrectPartner", "MakePledge",
      "RecordGift", "ReceiveGift", "IssueReceipt",    "CancelReceipt",  "SetParameter",
      "FileDeclaration", "AddFund", "AddProject", "OpenCall", "CloseCall", "SubmitApplication",
      "ChangeApplicationStatus", "ScoreProject", "AddMember", "RemoveMember", "SetCommitteeRules",
      "OpenSession", "Attend", "CloseSession", "CastVote", "DeclareConflict", "RecordDecision",
      "SetBudget", "RecordExpense", "CloseExperiment", "DisburseGrant", "DisburseLoan",
      "RepayLoan", "RescheduleLoan", "WriteOffLoan", "ReviewLoans", "GrantGuarantee",
      "ProvisionGuarantee", "CallGuarantee", "ReleaseGuarantee", "RecordSubsidy", "GrantRole", "ConfigureTiers", "PlanBudget",
      "CloseYear"};
  static_assert(std::size(kNames) == std::variant_size_v<Command>);
  return kNames[c.index()];
}

engine::Hash RequestHash(const Command& command, const std::string& body) {
  const char* name = CommandName(command);
  std::string text;
  text.reserve(std::strlen(name) + 1 + body.size());
  text.append(name).append(1, '\n').append(body);
  return engine::Sha256Of(text);
}

Result<std::unique_ptr<Ledger>> Ledger::Open(const std::string& dir, const Options& options) {
  engine::OpenOptions so;
  so.read_only = options.read_only;
  so.create_if_missing = options.create;
  so.sync_writes = options.sync_writes;
  FIJ_ASSIGN_OR_RETURN(auto store, engine::Store::Open(dir, so));
  std::unique_ptr<Ledger> ledger(new Ledger(std::move(store)));
  uint64_t head = ledger->store_->head().position;
  uint64_t to = options.at_position ? std::min(options.at_position, head) : head;
  uint64_t from = 1;
  // A checkpoint at or before `to` saves the fold up to it; one that no longer matches the log
  // is ignored (verify reports it) and the whole log is folded.
  auto checkpoint = ReadCheckpoint(*ledger->store_);
  if (!checkpoint) {
    spdlog::warn("ignoring the state checkpoint: {}", checkpoint.error().ToString());
  } else if (*checkpoint && (*checkpoint)->position <= to) {
    ledger->state_ = std::move((*checkpoint)->state);
    from = (*checkpoint)->position + 1;
    spdlog::debug("state checkpoint at position {}", from - 1);
  }
  FIJ_RETURN_IF_ERROR(ScanDecoded(*ledger->store_, from, to, [&](DecodedEvent& d) {
    ApplyEvent(ledger->state_, std::move(d.event), d.position);
    if (options.progress && (d.position & 0xffff) == 0) options.progress(d.position, to);
    return true;
  }, DecodeDetail::kFold));  // the State keeps receipt summaries only
  spdlog::debug("folded {} events from {}", ledger->state_.position, dir);
  return ledger;
}

struct Ledger::Prepared {
  engine::AppendRequest request;
  std::optional<Outcome> duplicate;  // set: answered from the index
  std::vector<Event> events;
};

namespace {
CommandError FromStatus(Status s) { return CommandError{std::nullopt, std::move(s)}; }
CommandError FromRejected(Rejected r) { return CommandError{std::move(r), Status::Ok()}; }
}  // namespace

tl::expected<Ledger::Prepared, CommandError> Ledger::Prepare(
    State& scratch, bool apply, const Command& command, const std::string& actor,
    std::map<std::string, engine::Hash>& batch_keys) {
  if (!ValidUtf8(actor))
    return tl::unexpected(FromStatus(Status::InvalidArgument(
        "the actor name (--as or $FIJ_ACTOR) is not valid UTF-8; fij stores text as UTF-8")));
  CommandSpec spec = SpecCommand(scratch, command);
  engine::Hash hash = RequestHash(command, spec.body);
  Prepared p;
  // Idempotency first: a retry must not be decided again (it would be refused as a duplicate).
  if (auto it = batch_keys.find(spec.idempotency_key); it != batch_keys.end()) {
    if (it->second != hash)
      return tl::unexpected(FromStatus(Status::Conflict(
          "idempotency key '" + spec.idempotency_key + "' is used twice in this batch with "
          "different bodies")));
  }
  auto prior = store_->LookupIdempotency(spec.idempotency_key);
  if (!prior) return tl::unexpected(FromStatus(prior.error()));
  if (*prior) {
    const auto& rec = **prior;
    if (rec.request_hash != hash)
      return tl::unexpected(FromStatus(Status::Conflict(
          "'" + spec.idempotency_key + "' was already recorded with different details (at "
          "position " + std::to_string(rec.first_position) + "); repeat the original command "
          "exactly, or use a new id")));
    Outcome o;
    o.first_position = rec.first_position;
    o.duplicate = true;
    for (uint32_t i = 0; i < rec.count; ++i) {
      auto ev = store_->ReadOne(rec.first_position + i);
      if (!ev) return tl::unexpected(FromStatus(ev.error()));
      auto decoded = DecodeEvent(*ev);
      if (!decoded) return tl::unexpected(FromStatus(decoded.error()));
      o.events.push_back(std::move(*decoded));
    }
    p.duplicate = std::move(o);
    return p;
  }
  // Roles: once a store has roles, every write names an actor holding one the command allows.
  if (!scratch.roles.empty()) {
    auto allowed = RolesFor(command);
    bool ok = allowed.empty();
    for (ActorRole r : allowed) ok = ok || scratch.HasRole(actor, r);
    if (const auto* vote = std::get_if<CastVote>(&command))
      ok = ok || (scratch.HasRole(actor, ActorRole::kMember) && actor == vote->member_id);
    if (!ok) {
      std::string names;
      for (ActorRole r : allowed) names += (names.empty() ? "" : " or ") + std::string(ToString(r));
      return tl::unexpected(FromRejected(Reject(
          Rejection::kActorNotAuthorised,
          "'" + actor + "' may not run " + CommandName(command) + ": it needs the role " + names +
              "; a coordinator grants it with `fij role grant " + actor + " --role ...`, or act "
              "with --as NAME.")));
    }
  }
  Decision d;
  try {
    d = DecideCommand(scratch, command);
  } catch (const std::overflow_error&) {
    return tl::unexpected(FromRejected(Reject(Rejection::kAmountOverflow,
                                              "An amount computed for this command overflows.")));
  }
  if (!d) return tl::unexpected(FromRejected(d.error()));
  for (const Event& e : *d)
    if (!std::holds_alternative<YearClosed>(e) && scratch.YearClosedFor(EffectiveDate(e)))
      return tl::unexpected(FromRejected(Reject(
          Rejection::kYearClosed, std::string(EventTypeName(e)) + " would be dated " +
                                      YmdToIso(EffectiveDate(e)) + ", in the closed exercice " +
                                      std::to_string(EffectiveDate(e) / 10000) +
                                      "; date the correction in the next year.")));
  FIJ_CHECK(!d->empty()) << CommandName(command) << " decided no event";
  p.request.stream_id = spec.stream_id;
  p.request.expected_version = spec.expected_version;
  p.request.actor = actor;
  p.request.idempotency_key = spec.idempotency_key;
  p.request.request_hash = hash;
  for (const Event& e : *d) p.request.events.push_back(ToNewEvent(e));
  for (const auto& ne : p.request.events)
    if (auto field = NonUtf8Field(ne.payload))
      return tl::unexpected(FromStatus(Status::InvalidArgument(
          std::string(CommandName(command)) + ": " + *field +
          " is not valid UTF-8; fij stores text as UTF-8: convert it first (for example with "
          "iconv -f latin1 -t utf-8)")));
  if (apply)
    for (const Event& e : *d) ApplyEvent(scratch, e);
  p.events = std::move(*d);
  batch_keys[spec.idempotency_key] = hash;
  return p;
}

Result<ReceiptIssued> Ledger::IssuedReceipt(const ReceiptState& receipt) const {
  FIJ_ASSIGN_OR_RETURN(auto recorded, store_->ReadOne(receipt.position));
  FIJ_ASSIGN_OR_RETURN(auto event, DecodeEvent(recorded));
  const auto* issued = std::get_if<ReceiptIssued>(&event);
  if (!issued || issued->number != receipt.receipt.number)
    return tl::unexpected(Status::Corruption(
        "receipt " + receipt.receipt.number + " should be recorded at position " +
        std::to_string(receipt.position) + ", which holds another event; run `fij verify`"));
  return *issued;
}

void Ledger::BeginStaging() {
  FIJ_CHECK(!stage_) << "staging twice";
  stage_.emplace();
  stage_->state = state_;
  stage_->next_position = store_->head().position + 1;
}

void Ledger::AbortStaged() { stage_.reset(); }

uint64_t Ledger::staged_events() const {
  if (!stage_) return 0;
  return stage_->next_position - (store_->head().position + 1);
}

Result<uint64_t> Ledger::CommitStaged() {
  FIJ_CHECK(stage_) << "commit without staging";
  Stage stage = std::move(*stage_);
  stage_.reset();
  uint64_t events = 0;
  for (const auto& r : stage.requests) events += r.events.size();
  if (!stage.requests.empty()) {
    FIJ_ASSIGN_OR_RETURN(auto results, store_->AppendAll(std::move(stage.requests)));
    (void)results;
  }
  state_ = std::move(stage.state);
  state_.position = store_->head().position;
  return events;
}

CommandResult Ledger::Execute(const Command& command, const std::string& actor) {
  if (stage_) {
    if (store_->read_only())
      return tl::unexpected(FromStatus(Status::InvalidArgument("store opened read-only")));
    CommandSpec spec = SpecCommand(stage_->state, command);
    if (auto it = stage_->outcomes.find(spec.idempotency_key); it != stage_->outcomes.end()) {
      if (stage_->keys.at(spec.idempotency_key) != RequestHash(command, spec.body))
        return tl::unexpected(FromStatus(Status::Conflict(
            "'" + spec.idempotency_key + "' is used earlier in this batch with other details")));
      Outcome o = it->second;
      o.duplicate = true;
      return o;
    }
    auto p = Prepare(stage_->state, /*apply=*/true, command, actor, stage_->keys);
    if (!p) return tl::unexpected(std::move(p.error()));
    if (p->duplicate) return std::move(*p->duplicate);
    Outcome o;
    o.first_position = stage_->next_position;
    o.events = p->events;
    stage_->next_position += p->request.events.size();
    stage_->outcomes[p->request.idempotency_key] = o;
    stage_->requests.push_back(std::move(p->request));
    return o;
  }
  auto batch = ExecuteBatch({command}, actor);
  if (!batch) return tl::unexpected(batch.error().error);
  return std::move(batch->front());
}

tl::expected<std::vector<Outcome>, BatchError> Ledger::ExecuteBatch(
    const std::vector<Command>& commands, const std::string& actor) {
  if (store_->read_only())
    return tl::unexpected(BatchError{0, FromStatus(Status::InvalidArgument(
                                            "store opened read-only"))});
  // A batch decides against a scratch copy, so that a refusal anywhere leaves state_ untouched.
  // A single command decides against state_ itself and is applied only once written.
  const bool single = commands.size() == 1;
  State scratch;
  if (!single) scratch = state_;
  std::map<std::string, engine::Hash> keys;
  std::vector<Prepared> prepared;
  for (size_t i = 0; i < commands.size(); ++i) {
    auto p = Prepare(single ? state_ : scratch, !single, commands[i], actor, keys);
    if (!p) return tl::unexpected(BatchError{i, std::move(p.error())});
    prepared.push_back(std::move(*p));
  }
  std::vector<engine::AppendRequest> requests;
  std::vector<size_t> request_of;  // prepared index -> requests index, or SIZE_MAX
  for (auto& p : prepared) {
    if (p.duplicate) {
      request_of.push_back(SIZE_MAX);
    } else {
      request_of.push_back(requests.size());
      requests.push_back(std::move(p.request));
    }
  }
  std::vector<engine::AppendResult> results;
  if (!requests.empty()) {
    auto r = store_->AppendAll(std::move(requests));
    if (!r) return tl::unexpected(BatchError{0, FromStatus(r.error())});
    results = std::move(*r);
  }
  std::vector<Outcome> out;
  for (size_t i = 0; i < prepared.size(); ++i) {
    if (prepared[i].duplicate) {
      out.push_back(std::move(*prepared[i].duplicate));
      continue;
    }
    const auto& res = results[request_of[i]];
    Outcome o;
    o.first_position = res.first_position;
    o.duplicate = res.duplicate;
    o.events = std::move(prepared[i].events);
    out.push_back(std::move(o));
  }
  if (single) {
    if (!out.front().duplicate)
      for (const Event& e : out.front().events) ApplyEvent(state_, e);
  } else {
    state_ = std::move(scratch);
  }
  state_.position = store_->head().position;
  return out;
}

}  // namespace fij::ledger
