// The ledger's invariants, checked on an event against the state before it, without aborting:
// what `fij verify` replays. Apply() asserts the same facts (FIJ_CHECK) because a decided event
// cannot break them; a log edited behind fij's back can, and verify must say where.
#pragma once

#include <optional>
#include <string>

#include "ledger/events.h"
#include "ledger/state.h"

namespace fij::ledger {

// nullopt if `event` may follow `before`; otherwise what it breaks.
std::optional<std::string> CheckInvariants(const State& before, const Event& event);

}  // namespace fij::ledger
