// Checkpoints: the ledger State serialized at a log position, stored in the `checkpoints`
// column family, so that opening a large store or answering a report folds only the events
// after it. A checkpoint is trusted only if the event at its position still has the hash it
// recorded; `fij verify` re-serializes a fresh replay at that position and compares the bytes.
//
// "state"            := magic "FIJCK3" position:uint64le hash:32 generation:uint64le
//                       chunks:uint64le bytes:uint64le
// "state.<g:020>.<i:08>" := chunk i of state_bytes (at least 4 MiB each but the last), i < chunks,
//                       g the header's generation (a time in µs, new for each checkpoint)
// state_bytes        := every field of State in declaration order (ledger/state_checkpoint.cc);
//                       event-typed fields as length-prefixed capnp messages (ledger/codec.h).
// (Before decision 42: "state" := "FIJCK2" position hash state_bytes, still read.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/store.h"
#include "ledger/state.h"

namespace fij::ledger {

inline constexpr char kStateCheckpointName[] = "state";
// A chunk of the serialized State: large enough that a 10 M-event State (~2 GB) is about 500
// values, small enough that reading one costs next to nothing beside the State rebuilt.
inline constexpr size_t kCheckpointChunkBytes = 4 << 20;

std::string SerializeState(const State& s);
// Corruption if the bytes do not decode.
Result<State> DeserializeState(std::string_view bytes);

struct Checkpoint {
  uint64_t position = 0;
  engine::Hash hash{};
  State state;
  uint64_t bytes = 0;  // the size of the serialized State as stored
};

// Adds to `batch` the checkpoint of the state as of `position` (whose event hash is `hash`):
// its header under kStateCheckpointName, the serialized State in chunks under a new
// generation's names, serialized straight into the batch and written ahead of it (unsynced)
// every 64 MiB, and the erasure of every other generation's chunks. WriteCheckpoint writes one
// on its own.
// Returns the new generation.
uint64_t AddCheckpoint(engine::Store::CheckpointBatch& batch, const State& state,
                       uint64_t position, const engine::Hash& hash,
                       size_t chunk_bytes = kCheckpointChunkBytes,
                       size_t spill_bytes = size_t{64} << 20);
Status WriteCheckpoint(engine::Store& store, const State& state, uint64_t position,
                       const engine::Hash& hash, size_t chunk_bytes = kCheckpointChunkBytes);
// The name of chunk `i` of the state checkpoint of generation `generation`.
std::string CheckpointChunkName(uint64_t generation, uint64_t i);
// The stored checkpoint if present and still matching the log; nullopt if none. Corruption if
// present but unreadable or no longer matching the event at its position. A checkpoint written
// before decision 42 (the state in the header's value) is read too.
Result<std::optional<Checkpoint>> ReadCheckpoint(const engine::Store& store);

// The stored checkpoint's header, checked against the log as by ReadCheckpoint, without
// reading its State; and whether `state` serializes to its bytes, compared chunk by chunk
// (`fij verify`: a replay's State against the checkpoint, never two States at once).
struct CheckpointHeader {
  uint64_t position = 0;
  engine::Hash hash{};
  uint64_t bytes = 0;                // the serialized State's size
  uint64_t generation = 0;           // its chunks' names (CheckpointChunkName)
  uint64_t chunks = 0;               // how many chunks hold it
  std::optional<std::string> whole;  // the bytes themselves, in a checkpoint from before chunks
};
Result<std::optional<CheckpointHeader>> ReadCheckpointHeader(const engine::Store& store);
Result<bool> CheckpointMatches(const engine::Store& store, const CheckpointHeader& header,
                               const State& state);

}  // namespace fij::ledger
