#include "ledger/scan.h"

#include <atomic>
#include <cstring>
#include <optional>
#include <thread>
#include <vector>

#include "engine/thread.h"
#include "ledger/codec.h"
#include "ledger/scan_batches.h"

namespace fij::ledger {
namespace {

using scan_detail::Batch;
using scan_detail::Handover;
using scan_detail::kBatch;
using scan_detail::RawBatch;
constexpr size_t kWord = sizeof(capnp::word);

// Decodes `ev`'s payload into `out`, checking that the envelope's type names it.
Status DecodePayload(const engine::RecordedEvent& ev, DecodeDetail detail, Event& out) {
  auto decoded = DecodeEvent(ev, detail);
  if (!decoded)
    return Status::Corruption("event at position " + std::to_string(ev.position()) + ": " +
                              decoded.error().message());
  // Folds choose what to decode by the envelope's type (`wanted`): it must name the payload.
  if (ev.type() != EventTypeName(*decoded))
    return Status::Corruption("event at position " + std::to_string(ev.position()) +
                              ": its envelope says " + std::string(ev.type()) +
                              ", its payload is " + EventTypeName(*decoded));
  out = std::move(*decoded);
  return Status::Ok();
}

// An event `wanted` turns down, known from its stored bytes without decoding its envelope
// (engine::Store::PeekEnvelope, decision 51): a scan neither copies nor parses it. False:
// decode it (it is wanted, or the peek cannot read it: decoding says what is wrong).
bool TurnedDown(std::string_view value, uint64_t position, bool (*wanted)(std::string_view),
                engine::Store::EnvelopePeek& peek) {
  return wanted && engine::Store::PeekEnvelope(value, peek) && peek.position == position &&
         !wanted(peek.type);
}

// `d` for an event turned down on its peek: what DecodeInto gives a skipped event.
void SkipInto(const engine::Store::EnvelopePeek& peek, DecodedEvent& d) {
  d.position = peek.position;
  d.recorded_at_us = peek.recorded_at_us;
  std::memcpy(d.hash.data(), peek.hash, d.hash.size());
  d.skipped = true;
}

// Reads the envelope of the stored `value` at `position` into `ev` (in place, or from a copy
// in `aligned`), with the position and corruption messages of every scan.
Status ReadEnvelope(std::string_view value, uint64_t position, engine::RecordedEvent& ev,
                    kj::Array<capnp::word>* aligned) {
  Status decoded = engine::Store::DecodeInPlace(value, ev, aligned);
  if (!decoded.ok())
    return Status::Corruption("event at position " + std::to_string(position) + ": " +
                              decoded.message());
  return engine::Store::CheckPosition(ev, position);
}

// Decodes `ev` into `d` (a reused slot: its event, if any, is replaced or reset).
Status DecodeInto(const engine::RecordedEvent& ev, DecodeDetail detail,
                  bool (*wanted)(std::string_view), DecodedEvent& d) {
  d.position = ev.position();
  d.recorded_at_us = ev.recorded_at_us();
  d.hash = ev.hash();
  d.skipped = wanted && !wanted(ev.type());
  if (d.skipped) return Status::Ok();
  return DecodePayload(ev, detail, d.event);
}

// As DecodeInto, for one slot reused event after event: a skipped event leaves no earlier
// event behind in it. `holding`: whether d.event holds a decoded event.
Status DecodeIntoReused(const engine::RecordedEvent& ev, DecodeDetail detail,
                        bool (*wanted)(std::string_view), DecodedEvent& d, bool& holding) {
  FIJ_RETURN_IF_ERROR(DecodeInto(ev, detail, wanted, d));
  if (d.skipped && holding) d.event = Event{};
  holding = !d.skipped;
  return Status::Ok();
}

// A scan without a second thread: each event decoded into one slot reused for the whole scan.
Status ScanOnThisThread(const engine::Store& store, uint64_t from, uint64_t last,
                        const std::function<bool(DecodedEvent&)>& fn, DecodeDetail detail,
                        bool (*wanted)(std::string_view)) {
  Status failure;
  DecodedEvent d;
  bool holding = false;  // d.event holds a decoded event
  FIJ_RETURN_IF_ERROR(store.ReadForward(from, last, [&](const engine::RecordedEvent& ev) {
    failure = DecodeIntoReused(ev, detail, wanted, d, holding);
    return failure.ok() && fn(d);
  }, /*every_field=*/false));  // a fold reads the position, type, hash and payload only
  return failure;
}

// The scanning thread reads the stored bytes and turns down on their peek the events `wanted`
// does not want (a skipped event is handed over with its position, time and hash only). Each
// batch it then either decodes itself, or hands over raw for the calling thread to check each
// envelope, filter by type and decode the wanted payloads, one at a time, into one
// DecodedEvent it reuses (decision 59). ScanSplit::kBalanced chooses batch by batch: raw when
// fewer than kDecodeOnScannerFrom batches wait (the fold is keeping up: the scan is the slower
// side, so the caller takes a share of the decoding), decoded otherwise.
constexpr size_t kDecodeOnScannerFrom = 2;

Status Scan(const engine::Store& store, uint64_t from, uint64_t last,
            const std::function<bool(DecodedEvent&)>& fn, DecodeDetail detail,
            bool (*wanted)(std::string_view), ScanSplit split, ScanStats* stats,
            const BatchAhead& ahead) {
  Handover handover;
  uint64_t changed_kinds = 0;  // written by the scanning thread, read after it joined
  std::thread scanner;
  const bool started = engine::TryStartThread(&scanner, [&] {
    Batch batch;
    auto start = [&] {
      const bool raw = split == ScanSplit::kOnCaller ||
                       (split == ScanSplit::kBalanced && handover.depth() < kDecodeOnScannerFrom);
      bool changed_kind = false;
      batch = handover.Spare(raw, &changed_kind);
      changed_kinds += changed_kind;
    };
    start();
    Status failure;
    engine::RecordedEvent ev;        // reads each value in place, one after the other
    kj::Array<capnp::word> aligned;  // a value's copy when RocksDB's bytes are not word-aligned
    engine::Store::EnvelopePeek peek;
    Status s = store.ReadForwardRaw(from, last, [&](uint64_t position, std::string_view value) {
      const bool turned_down = TurnedDown(value, position, wanted, peek);
      if (batch.raw) {
        RawBatch& raw = batch.bytes;
        if (turned_down) {
          auto& e = raw.events.emplace_back(
              RawBatch::Event{position, 0, 0, true, peek.recorded_at_us, {}});
          std::memcpy(e.hash.data(), peek.hash, e.hash.size());
        } else {
          const size_t begin = raw.bytes.size();
          raw.bytes += value;
          raw.bytes.resize((raw.bytes.size() + kWord - 1) / kWord * kWord);
          raw.events.push_back({position, begin, value.size(), false, 0, {}});
        }
      } else {
        // Decoded in its slot of the batch: the event is not moved on its way to the fold.
        DecodedEvent& d = batch.decoded.emplace_back();
        if (turned_down) {
          SkipInto(peek, d);
        } else {
          failure = ReadEnvelope(value, position, ev, &aligned);
          if (failure.ok()) failure = DecodeInto(ev, detail, wanted, d);
        }
        if (!failure.ok()) {
          batch.decoded.pop_back();
          return false;
        }
      }
      if (batch.size() < kBatch) return true;
      if (!handover.Push(std::move(batch))) return false;
      start();
      return true;
    });
    // A failure comes after every event before it has been handed over.
    if (!batch.empty() && !handover.stopped()) handover.Push(std::move(batch));
    handover.Finish(!s.ok() ? s : failure);
  }, "a scan's reading thread", "fij-scan");
  // Without a reading thread, this one reads too (decision 66).
  if (!started) return ScanOnThisThread(store, from, last, fn, detail, wanted);
  Batch batch;
  DecodedEvent d;            // the raw batches' events, one after the other
  std::vector<DecodedEvent> here;  // a raw batch decoded whole, for `ahead`
  engine::RecordedEvent ev;  // reads each raw event in place in `batch`
  bool stopped = false, holding = false;  // holding: d.event holds a decoded event
  Status failure;
  // Decodes a raw batch's event `e` into `out`; `holding`: whether `out` holds an event (a
  // reused slot), false for a new one.
  auto decode = [&](const RawBatch& raw, const RawBatch::Event& e, DecodedEvent& out,
                    bool& holding) -> Status {
    if (e.skipped) {
      if (holding) out.event = Event{};
      holding = false;
      out.position = e.position;
      out.recorded_at_us = e.recorded_at_us;
      out.hash = e.hash;
      out.skipped = true;
      return Status::Ok();
    }
    FIJ_RETURN_IF_ERROR(ReadEnvelope(std::string_view(raw.bytes).substr(e.begin, e.size),
                                     e.position, ev, nullptr));
    return DecodeIntoReused(ev, detail, wanted, out, holding);
  };
  while (!stopped) {
    batch.clear();
    if (!handover.Pop(batch)) break;
    if (stats) ++(batch.raw ? stats->batches_decoded_on_caller : stats->batches_decoded_on_scanner);
    if (batch.raw && ahead) {
      // Decoded whole, so that `ahead` sees it before the fold (decision 77): up to the first
      // event that does not decode, folded before that failure is reported.
      here.clear();
      for (const auto& e : batch.bytes.events) {
        bool fresh = false;
        failure = decode(batch.bytes, e, here.emplace_back(), fresh);
        if (!failure.ok()) {
          here.pop_back();
          break;
        }
      }
      if (!here.empty()) ahead(here);
      for (auto& de : here) {
        if (!fn(de)) {
          stopped = true;
          break;
        }
      }
      if (!failure.ok()) stopped = true;
    } else if (batch.raw) {
      for (const auto& e : batch.bytes.events) {
        failure = decode(batch.bytes, e, d, holding);
        if (!failure.ok() || !fn(d)) {
          stopped = true;
          break;
        }
      }
    } else {
      if (ahead) ahead(batch.decoded);
      for (auto& de : batch.decoded) {
        if (!fn(de)) {
          stopped = true;
          break;
        }
      }
    }
  }
  handover.Stop();
  scanner.join();
  if (stats) stats->batches_changing_kind += changed_kinds;
  if (!failure.ok()) return failure;
  return stopped ? Status::Ok() : handover.status();
}

}  // namespace

Status ScanDecoded(const engine::Store& store, uint64_t from, uint64_t to,
                   const std::function<bool(DecodedEvent&)>& fn, DecodeDetail detail,
                   bool (*wanted)(std::string_view), ScanSplit split, ScanStats* stats,
                   const BatchAhead& ahead) {
  uint64_t last = to ? to : store.head().position;
  if (from > last) return Status::Ok();
  if (last - from + 1 < kScanInlineBelow)
    return ScanOnThisThread(store, from, last, fn, detail, wanted);
  return Scan(store, from, last, fn, detail, wanted, split, stats, ahead);
}

}  // namespace fij::ledger
