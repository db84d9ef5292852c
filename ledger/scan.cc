#include "ledger/scan.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "ledger/codec.h"

namespace fij::ledger {
namespace {

constexpr size_t kBatch = 512;     // events handed over at once
constexpr size_t kMaxBatches = 16;  // in flight: bounds the memory of a fast producer

// The position, time and hash of `ev`, no event yet.
DecodedEvent Header(const engine::RecordedEvent& ev) {
  DecodedEvent d;
  d.position = ev.position();
  d.recorded_at_us = ev.recorded_at_us();
  d.hash = ev.hash();
  return d;
}

Result<DecodedEvent> Decode(const engine::RecordedEvent& ev, DecodeDetail detail,
                            bool (*wanted)(std::string_view)) {
  if (wanted && !wanted(ev.type())) {
    DecodedEvent skipped = Header(ev);
    skipped.skipped = true;
    return skipped;
  }
  auto decoded = DecodeEvent(ev, detail);
  if (!decoded)
    return Err(Status::Corruption("event at position " + std::to_string(ev.position()) + ": " +
                                  decoded.error().message()));
  // Folds choose what to decode by the envelope's type (`wanted`): it must name the payload.
  if (ev.type() != EventTypeName(*decoded))
    return Err(Status::Corruption("event at position " + std::to_string(ev.position()) +
                                  ": its envelope says " + std::string(ev.type()) +
                                  ", its payload is " + EventTypeName(*decoded)));
  DecodedEvent d = Header(ev);
  d.event = std::move(*decoded);
  return d;
}

// A bounded queue of batches between the scanning thread and the folding one.
class Handover {
 public:
  // Producer side. False: the consumer stopped; drop the batch and stop scanning.
  bool Push(std::vector<DecodedEvent>&& batch) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return batches_.size() < kMaxBatches || stopped_; });
    if (stopped_) return false;
    batches_.push_back(std::move(batch));
    not_empty_.notify_one();
    return true;
  }
  void Finish(Status status) {
    std::lock_guard lock(mu_);
    done_ = true;
    status_ = std::move(status);
    not_empty_.notify_one();
  }
  // Consumer side. False: nothing more (the producer finished and everything was taken).
  // An emptied `out` (its events destroyed by the caller, outside the lock) goes back to the
  // producer, so batches are allocated once, not once per 512 events.
  bool Pop(std::vector<DecodedEvent>& out) {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !batches_.empty() || done_; });
    if (batches_.empty()) return false;
    if (out.empty() && out.capacity() && spare_.size() < kMaxBatches)
      spare_.push_back(std::move(out));
    out = std::move(batches_.front());
    batches_.pop_front();
    not_full_.notify_one();
    return true;
  }
  // Producer side: an empty batch with room for kBatch events, a returned one when there is.
  std::vector<DecodedEvent> Spare() {
    std::vector<DecodedEvent> batch;
    {
      std::lock_guard lock(mu_);
      if (!spare_.empty()) {
        batch = std::move(spare_.back());
        spare_.pop_back();
      }
    }
    batch.reserve(kBatch);
    return batch;
  }
  void Stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    not_full_.notify_one();
  }
  bool stopped() {
    std::lock_guard lock(mu_);
    return stopped_;
  }
  Status status() {
    std::lock_guard lock(mu_);
    return status_;
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<std::vector<DecodedEvent>> batches_;
  std::vector<std::vector<DecodedEvent>> spare_;  // emptied batches, back from the consumer
  bool done_ = false, stopped_ = false;
  Status status_;
};

}  // namespace

Status ScanDecoded(const engine::Store& store, uint64_t from, uint64_t to,
                   const std::function<bool(DecodedEvent&)>& fn, DecodeDetail detail,
                   bool (*wanted)(std::string_view), bool decode_on_caller) {
  uint64_t last = to ? to : store.head().position;
  if (from > last) return Status::Ok();
  if (last - from + 1 < kScanInlineBelow) {
    Status failure;
    FIJ_RETURN_IF_ERROR(store.ReadForward(from, last, [&](const engine::RecordedEvent& ev) {
      auto d = Decode(ev, detail, wanted);
      if (!d) {
        failure = d.error();
        return false;
      }
      return fn(*d);
    }));
    return failure;
  }
  Handover handover;
  std::thread scanner([&] {
    std::vector<DecodedEvent> batch = handover.Spare();
    Status failure;
    auto push = [&](DecodedEvent d) {
      batch.push_back(std::move(d));
      if (batch.size() < kBatch) return true;
      if (!handover.Push(std::move(batch))) return false;
      batch = handover.Spare();
      return true;
    };
    Status s = store.ReadForward(from, last, [&](engine::RecordedEvent& ev) {
      if (decode_on_caller && (!wanted || wanted(ev.type()))) {
        DecodedEvent d = Header(ev);
        d.raw = std::move(ev);
        return push(std::move(d));
      }
      auto d = Decode(ev, detail, wanted);
      if (!d) {
        failure = d.error();
        return false;
      }
      return push(std::move(*d));
    });
    // A failure comes after every event before it has been handed over.
    if (!batch.empty() && !handover.stopped()) handover.Push(std::move(batch));
    handover.Finish(!s.ok() ? s : failure);
  });
  std::vector<DecodedEvent> batch;
  bool stopped = false;
  Status decode_failure;
  while (!stopped) {
    batch.clear();  // the consumed events are destroyed here, outside the handover's lock
    if (!handover.Pop(batch)) break;
    for (auto& d : batch) {
      if (d.raw) {
        auto decoded = Decode(*d.raw, detail, nullptr);
        if (!decoded) {
          decode_failure = decoded.error();
          stopped = true;
          break;
        }
        d.event = std::move(decoded->event);
        d.raw.reset();
      }
      if (!fn(d)) {
        stopped = true;
        break;
      }
    }
  }
  handover.Stop();
  scanner.join();
  if (!decode_failure.ok()) return decode_failure;
  return stopped ? Status::Ok() : handover.status();
}

}  // namespace fij::ledger
