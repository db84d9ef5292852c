// Reading the log decoded, two cores at once: a second thread scans RocksDB and decodes each
// payload into an Event while the calling thread folds them, in log order. A full replay spends
// about a third of its time scanning and decoding, two thirds folding (docs/BENCHMARKS.md).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
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
// Which thread decodes the payloads. kOnScanner: the scanning thread reads, checks envelopes,
// filters and decodes; the calling thread only folds. kOnCaller: the scanning thread only
// reads and filters on the peek; envelopes are checked and payloads decoded on the calling
// thread (for a fold lighter than the decoding: the posting replay). kBalanced (decision 59):
// batch by batch, the scanning thread decodes while the fold is behind, and hands the bytes
// over for the calling thread to decode while the fold keeps up, so that both threads work.
// Every split hands over the same events, in the same order, with the same errors.
enum class ScanSplit { kBalanced, kOnScanner, kOnCaller };

// What a scan did (for tests and benchmarks): batches of events decoded on either thread.
struct ScanStats {
  uint64_t batches_decoded_on_scanner = 0;
  uint64_t batches_decoded_on_caller = 0;
  // Spare batches reused for the other kind (their buffers exchanged): the handover keeps a
  // pool of each kind, so this happens only when the pool of the kind wanted is empty.
  uint64_t batches_changing_kind = 0;
};

// `detail`: how much of each event to decode (ledger/codec.h). `wanted` (nullptr: every
// event): given an event's envelope type, whether to decode it; the others still reach `fn`,
// with `skipped` set, their position, time and hash but no event. On two threads the scanner
// reads those from the stored bytes (engine::Store::PeekEnvelope, decision 51) and neither
// copies nor decodes the rest of such an event's envelope.
//
// `ahead` (if set) sees each batch of events, decoded, before `fn` sees its first event
// (decision 77): a fold fetches there, one batch at a time, the memory its events will look up.
// It must not change what `fn` will see. With it, a batch handed over raw is decoded whole on
// the calling thread before it is folded, instead of one event at a time into one slot. It is
// not called on a scan of one thread.
using BatchAhead = std::function<void(std::span<const DecodedEvent>)>;
Status ScanDecoded(const engine::Store& store, uint64_t from, uint64_t to,
                   const std::function<bool(DecodedEvent&)>& fn,
                   DecodeDetail detail = DecodeDetail::kFull,
                   bool (*wanted)(std::string_view type) = nullptr,
                   ScanSplit split = ScanSplit::kBalanced, ScanStats* stats = nullptr,
                   const BatchAhead& ahead = nullptr);

}  // namespace fij::ledger
