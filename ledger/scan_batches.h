// The batches ledger::ScanDecoded's two threads pass each other, and the bounded queue they
// pass through (ledger/scan.cc; here so that a test can drive the queue's spare pools).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "engine/status.h"
#include "engine/store.h"
#include "ledger/scan.h"

namespace fij::ledger::scan_detail {

inline constexpr size_t kBatch = 512;     // events handed over at once
inline constexpr size_t kMaxBatches = 16;  // in flight: bounds the memory of a fast producer

// What the scanning thread hands over when payloads are decoded on the calling thread: the
// stored bytes of kBatch events, undecoded, each from a word-aligned offset (they are read in
// place), and where each one is.
struct RawBatch {
  struct Event {
    uint64_t position;
    size_t begin, size;  // in `bytes`
    // Turned down on its peek (no bytes): its time and hash, as a skipped event has them.
    bool skipped;
    int64_t recorded_at_us;
    engine::Hash hash;
  };
  std::string bytes;
  std::vector<Event> events;
  bool empty() const { return events.empty(); }
  size_t size() const { return events.size(); }
  size_t capacity() const { return events.capacity(); }
  void reserve(size_t n) {
    events.reserve(n);
    bytes.reserve(n * 320);
  }
  void clear() {
    bytes.clear();
    events.clear();
  }
};

// One batch of kBatch events, in log order: decoded by the scanning thread (`decoded`), or
// `raw`: their stored bytes, which the calling thread checks and decodes.
struct Batch {
  bool raw = false;
  RawBatch bytes;                      // raw
  std::vector<DecodedEvent> decoded;  // not raw
  bool empty() const { return bytes.empty() && decoded.empty(); }
  size_t size() const { return raw ? bytes.size() : decoded.size(); }
  size_t capacity() const { return bytes.capacity() + decoded.capacity(); }
  // Room for n events of the kind the batch holds (`raw` is set first). The other kind's
  // buffers are freed: a batch queued or spare holds one kind only (a batch changes kind only
  // when the handover has no spare of the kind wanted). Not `decoded = {}`: that assigns an
  // empty initializer list, which keeps the capacity.
  void reserve(size_t n) {
    if (raw) {
      if (decoded.capacity()) std::vector<DecodedEvent>().swap(decoded);
      bytes.reserve(n);
    } else {
      if (bytes.capacity()) bytes = RawBatch();
      decoded.reserve(n);
    }
  }
  void clear() {
    bytes.clear();
    decoded.clear();  // the consumed events are destroyed here, outside the handover's lock
  }
};

// A bounded queue of batches between the scanning thread and the folding one, and the batches
// the folding thread is done with.
class Handover {
 public:
  // Producer side. False: the consumer stopped; drop the batch and stop scanning.
  bool Push(Batch&& batch) {
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
  // producer, among the spares of its kind, so batches are allocated once, not once per 512
  // events, and the balanced split's raw and decoded batches keep their buffers.
  bool Pop(Batch& out) {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !batches_.empty() || done_; });
    if (batches_.empty()) return false;
    if (out.empty() && out.capacity() && spare_[0].size() + spare_[1].size() < kMaxBatches)
      spare_[out.raw].push_back(std::move(out));
    out = std::move(batches_.front());
    batches_.pop_front();
    // A producer waits only on a full queue: it is woken once the queue is half drained, not
    // after every batch (a wake-up is a system call and, on a VM, an interrupt to the other core).
    if (batches_.size() == kMaxBatches / 2) not_full_.notify_one();
    return true;
  }
  // Producer side: an empty batch, raw or not, with room for kBatch events: a returned one of
  // that kind when there is, else one of the other kind (its buffers exchanged), else a new one.
  // `changed_kind`: set when the batch given had the other kind.
  Batch Spare(bool raw, bool* changed_kind) {
    Batch batch;
    {
      std::lock_guard lock(mu_);
      for (auto* pool : {&spare_[raw], &spare_[!raw]}) {
        if (pool->empty()) continue;
        batch = std::move(pool->back());
        pool->pop_back();
        break;
      }
    }
    *changed_kind = batch.capacity() && batch.raw != raw;
    batch.raw = raw;
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
  // Producer side: how many batches wait for the consumer.
  size_t depth() {
    std::lock_guard lock(mu_);
    return batches_.size();
  }
  Status status() {
    std::lock_guard lock(mu_);
    return status_;
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Batch> batches_;
  std::vector<Batch> spare_[2];  // emptied batches back from the consumer: [0] decoded, [1] raw
  bool done_ = false, stopped_ = false;
  Status status_;
};

}  // namespace fij::ledger::scan_detail
