// Checkpoints: the ledger State serialized at a log position, stored in the `checkpoints`
// column family, so that opening a large store or answering a report folds only the events
// after it. A checkpoint is trusted only if the event at its position still has the hash it
// recorded; `fij verify` re-serializes a fresh replay at that position and compares the bytes.
//
// checkpoint value := magic "FIJCK1" position:uint64le hash:32 state_bytes
// state_bytes := every field of State in declaration order (projections/checkpoint.cc);
//                event-typed fields as length-prefixed capnp messages (ledger/codec.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/store.h"
#include "ledger/state.h"

namespace fij::ledger {

inline constexpr char kStateCheckpointName[] = "state";

std::string SerializeState(const State& s);
// Corruption if the bytes do not decode.
Result<State> DeserializeState(const std::string& bytes);

struct Checkpoint {
  uint64_t position = 0;
  engine::Hash hash{};
  State state;
};

// The stored bytes of the state as of `position` (whose event hash is `hash`), and writing them
// under kStateCheckpointName.
std::string EncodeCheckpoint(const State& state, uint64_t position, const engine::Hash& hash);
Status WriteCheckpoint(engine::Store& store, const State& state, uint64_t position,
                       const engine::Hash& hash);
// The stored checkpoint if present and still matching the log; nullopt if none. Corruption if
// present but unreadable or no longer matching the event at its position.
Result<std::optional<Checkpoint>> ReadCheckpoint(const engine::Store& store);

}  // namespace fij::ledger
