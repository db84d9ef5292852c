// Given / when / then for DecideCommand (STYLE.md "Tests"), shared by commands_test.cc and
// committee_test.cc: events folded with ApplyEvent, a command decided, and the decided events (or
// the rejection) compared with what the test writes out.
#pragma once

#include <initializer_list>
#include <source_location>
#include <string>
#include <vector>

#include "ledger/commands.h"
#include "ledger/events.h"
#include "ledger/rejection.h"
#include "ledger/state.h"

namespace fij::testing {

// Every field of `event`, so that two renderings are equal iff the events are. An event without
// a field-by-field rendering here renders as its type name and exact encoding.
std::string Render(const ledger::Event& event);
// One rendered event per line.
std::string Render(const std::vector<ledger::Event>& events);

// The state `given` leaves, folded with ApplyEvent.
ledger::State Fold(const std::vector<ledger::Event>& given);

// `base` followed by `more`.
std::vector<ledger::Event> With(std::vector<ledger::Event> base,
                                std::initializer_list<ledger::Event> more);

// Given `given`, when `when` is decided, then exactly the events `then`; each of them must also
// pass the invariants `fij verify` replays. Returns `given` followed by the decided events
// (`given` alone if `when` was refused).
std::vector<ledger::Event> ExpectDecide(
    const std::vector<ledger::Event>& given, const ledger::Command& when,
    const std::vector<ledger::Event>& then,
    std::source_location where = std::source_location::current());

// Given `given`, when `when` is decided, then exactly the rejection `then`, whose message names
// its rule as "[R<number> kName]" followed by the rule's text. Returns the decision for any
// further look at the message.
ledger::Decision ExpectDecide(const std::vector<ledger::Event>& given, const ledger::Command& when,
                              ledger::Rejection then,
                              std::source_location where = std::source_location::current());

// `given` followed by the events decided for `commands`, each against the state the previous
// ones leave: for set-ups that are themselves accepted commands. A refused one is a failure.
std::vector<ledger::Event> Decided(std::vector<ledger::Event> given,
                                   const std::vector<ledger::Command>& commands,
                                   std::source_location where = std::source_location::current());

}  // namespace fij::testing
