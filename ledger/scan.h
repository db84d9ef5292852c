// Reading the log decoded, two cores at once: a second thread scans RocksDB and decodes each
// payload into an Event while the calling thread folds them, in log order. A full replay spends
// about a third of its time scanning and decoding, two thirds folding (docs/BENCHMARKS.md).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "engine/status.h"
#include "engine/store.h"
#include "ledger/codec.h"
#include "ledger/events.h"

namespace fij::ledger {

struct DecodedEvent {
  uint64_t position = 0;
  int64_t recorded_at_us = 0;
  engine::Hash hash{};
  Event event;
  bool skipped = false;  // not decoded (ScanDecoded's `wanted` said no): `event` is empty
};

// Calls `fn` for every event of positions [from, to] (to = 0: the head) in order, on the calling
// thread. Stops when `fn` returns false, or at the first event that does not decode: that error
// is returned with its position. Histories of fewer than `kScanInlineBelow` events are read on
// the calling thread alone.
inline constexpr uint64_t kScanInlineBelow = 4096;
// `detail`: how much of each event to decode (ledger/codec.h). `wanted` (nullptr: every
// event): given an event's envelope type, whether to decode it; the others still reach `fn`,
// with `skipped` set, their position, time and hash but no event. On two threads the scanner
// reads those from the stored bytes (engine::Store::PeekEnvelope, decision 51) and neither
// copies nor decodes the rest of such an event's envelope. `decode_on_caller`: the scanning
// thread only reads, checks envelopes and filters; payloads are decoded on the calling thread,
// for a fold lighter than the decoding (the posting replay).
Status ScanDecoded(const engine::Store& store, uint64_t from, uint64_t to,
                   const std::function<bool(DecodedEvent&)>& fn,
                   DecodeDetail detail = DecodeDetail::kFull,
                   bool (*wanted)(std::string_view type) = nullptr,
                   bool decode_on_caller = false);

}  // namespace fij::ledger
