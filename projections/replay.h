// Replaying the log into read models, as of any point: `at` a log position (what had been
// recorded), and/or `as_of` a business date (events whose effective date is on or before it).
// Every report prints the position and the head hash it was computed at.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "engine/store.h"
#include "ledger/codec.h"
#include "ledger/events.h"
#include "ledger/posting_context.h"
#include "ledger/posting_map.h"
#include "ledger/state.h"
#include "ledger/state_checkpoint.h"

namespace fij::projections {

struct ReplayOptions {
  uint64_t at = 0;       // last position to read (0: the head)
  uint32_t as_of = 0;    // YYYYMMDD: skip events dated after it (0: no cut)
  std::function<void(uint64_t done, uint64_t total)> progress;
  // What visitors see of each event: by default a ReceiptIssued without its frozen mentions,
  // which neither the State nor any projection keeps (ledger/codec.h); kFull for a visitor
  // that reads them.
  ledger::DecodeDetail detail = ledger::DecodeDetail::kFold;
  // Fold a projection-only State (ledger::State::projection_only, decision 45): what the trial
  // balance, partner tiers, budgets, experiment costs and the loan book read, in a fraction of
  // the memory and time; the events none of them reads (receipts, sessions, votes, calls,
  // applications, members, roles) are not decoded nor visited, but counted in `events`. From
  // zero (no checkpoint); `as_of` must be 0. Its events are decoded with
  // ledger::DecodeDetail::kProjections whatever `detail` says (decision 47): visitors see them
  // without the texts the projection-only State drops (a partner's address, a gift's texts...).
  bool projections_only = false;
};

struct ReplayResult {
  ledger::State state;   // the ledger state after the replay
  uint64_t position = 0; // the last position read
  std::string head_hash; // its hash, hex
  uint64_t events = 0;   // events applied
};

// What a visitor learns of each applied event besides the event itself.
struct EventContext {
  uint64_t position = 0;
  uint32_t recorded_on = 0;  // YYYYMMDD (UTC) of recording: the FEC's ValidDate
};

// Calls `visit(state_before, event, context)` for each applied event, then applies it.
Result<ReplayResult> Replay(
    const engine::Store& store, const ReplayOptions& options,
    const std::function<void(const ledger::State&, const ledger::Event&, const EventContext&)>&
        visit = {});

// The same from a State checkpoint (the state after its position), for visitors that carry
// their own saved fold to that position (the balance checkpoint). `options.as_of` must be 0 and
// `options.at` (if set) at or after the checkpoint.
Result<ReplayResult> ReplayFrom(
    const engine::Store& store, ledger::Checkpoint start, const ReplayOptions& options,
    const std::function<void(const ledger::State&, const ledger::Event&, const EventContext&)>&
        visit);

// Every event up to `options.at` through the posting map with a ledger::PostingContext instead
// of the State (decision 37): what a trial balance of the whole history needs, in a fraction of
// the memory, without decoding the events that neither post nor change the context (those are
// not visited). The result has no State; `events` counts every event read. `options.as_of`
// must be 0 (a business-date cut needs the State's invariants). `detail`: what the visitor asks
// the posting map for; with kAmounts the context keeps no partner names (decision 51).
Result<ReplayResult> ReplayPostings(
    const engine::Store& store, const ReplayOptions& options,
    const std::function<void(const ledger::PostingContext&, const ledger::Event&,
                             const EventContext&)>& visit,
    ledger::PostingDetail detail = ledger::PostingDetail::kFull);

}  // namespace fij::projections
