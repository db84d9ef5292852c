// The event store: an append-only, hash-chained log of events in RocksDB. Domain-free.
//
// Column families and key grammars (docs/ARCHITECTURE.md has the page):
//   default (meta)  'format'            -> format_version:uint32be
//                   'head'              -> position:uint64be hash:32 recorded_at_us:int64be
//   events          position:uint64be   -> Envelope, capnp canonical words (engine/envelope.capnp)
//   streams         stream_id 0x00 first_version:uint64be -> first_position:uint64be count:uint32be
//                   (one row per append: the events of one append are contiguous in position)
//   idempotency     key                 -> request_hash:32 first_position:uint64be count:uint32be
//   checkpoints     name                -> opaque bytes owned by the caller (projections)
//
// Guarantees: one WriteBatch per append, WAL synced before Append returns; positions are
// gap-free from 1; one writer process per store (flock on `fij.lock`, holding the PID); no API
// updates or deletes an event.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <capnp/any.h>
#include <capnp/message.h>

#include "engine/status.h"

namespace rocksdb {
class ColumnFamilyHandle;
class Env;
class WriteBatch;
}

namespace fij::engine {

using Hash = std::array<uint8_t, 32>;

inline constexpr uint32_t kFormatVersion = 1;
inline constexpr size_t kBatchEventsMax = 100'000;
inline constexpr size_t kEventBytesMax = 1 << 20;
// The block size of the events column family's SST files (RocksDB's default is 4 KiB): a
// scan of the log initialises 8 times fewer blocks, and LZ4 (every level since decision 44)
// compresses a larger block better (decision 43). The benchmark's raw floor uses the same.
inline constexpr size_t kEventsBlockBytes = 32 << 10;
// An AppendAll of this many events or more is looked up and encoded on two threads (decision
// 62): the calling thread takes the first half, a second thread the other. The thread is
// started for the call: on this VM a start and join cost about 0.4 ms (split from 64 events,
// batches of 100 fell from 82 000 to 51 000 events/s; at batches of 1 000 it gained nothing).
inline constexpr size_t kAppendSplitFromEvents = 2048;
inline constexpr size_t kStreamIdBytesMax = 256;
inline constexpr size_t kIdempotencyKeyBytesMax = 512;
static_assert(kBatchEventsMax * 64 < (size_t{1} << 32), "count fits in uint32");

// What the caller hands in for one event. `payload` is a flat capnp message (segment table
// included), e.g. from capnp::messageToFlatArray; the engine copies its root into the envelope.
struct NewEvent {
  std::string type;
  uint32_t effective_date = 0;  // YYYYMMDD, 0 if none
  uint16_t schema_version = 1;
  kj::Array<capnp::word> payload;
};

// Expected stream version: kAnyVersion skips the check; kNoStream requires a new stream;
// any other value N requires the stream's current version to be exactly N.
inline constexpr uint64_t kAnyVersion = UINT64_MAX;
inline constexpr uint64_t kNoStream = 0;

struct AppendRequest {
  std::string stream_id;
  uint64_t expected_version = kAnyVersion;
  std::string actor;
  std::string idempotency_key;  // required: idempotency is always on
  Hash request_hash{};          // digest of the command body; a reused key must match it
  std::vector<NewEvent> events;
};

struct AppendResult {
  uint64_t first_position = 0;
  uint32_t count = 0;
  uint64_t stream_version = 0;  // the stream's version after (or, on a retry, at) the append
  bool duplicate = false;       // true: a retry answered from the idempotency index; no write
};

// A decoded event as read from the log. Valid while the RecordedEvent lives (owns its words),
// or, filled by Store::DecodeInPlace, while the words it was given live.
class RecordedEvent {
 public:
  // Copies `value` (whole capnp words); use Store::Decode, which checks the envelope.
  explicit RecordedEvent(std::string_view value);
  // No event: for Store::DecodeInPlace to fill. Its accessors must not be called before.
  RecordedEvent() = default;
  RecordedEvent(RecordedEvent&&) = default;
  RecordedEvent& operator=(RecordedEvent&&) = default;

  // Throws kj::Exception on corrupt bytes; use Store::Decode for a Status.
  uint64_t position() const { return position_; }  // read once by Store::Decode
  std::string_view stream_id() const;
  uint64_t stream_version() const;
  std::string_view type() const { return type_; }  // read once by Store::Decode
  int64_t recorded_at_us() const;
  uint32_t effective_date() const;
  std::string_view actor() const;
  std::string_view idempotency_key() const;
  Hash prev_hash() const;
  Hash hash() const;
  uint16_t schema_version() const;
  capnp::AnyPointer::Reader payload() const;
  // The envelope as a capnp struct reader (for JSON printing with the typed schema).
  capnp::AnyStruct::Reader envelope() const;
  // The stored bytes, exactly as in RocksDB.
  kj::ArrayPtr<const capnp::word> words() const;

 private:
  friend class Store;
  // Reads `words` in place from now on, reusing this event's allocation.
  void Borrow(kj::ArrayPtr<const capnp::word> words);
  // The reader, its segment table and the copied words, in one heap block (one allocation per
  // event read): moving a RecordedEvent never moves what the reader points at.
  struct Body;
  struct FreeBody {
    void operator()(Body* b) const;
  };
  const capnp::SegmentArrayMessageReader& reader() const;
  std::unique_ptr<Body, FreeBody> body_;
  uint64_t position_ = 0;  // every reader asks for it, often several times per event
  std::string_view type_;  // in the words (which stay put while this event lives)
  const unsigned char* hash_ = nullptr;  // its 32 bytes, in the words
};

struct Head {
  uint64_t position = 0;  // 0: empty store
  Hash hash{};
  int64_t recorded_at_us = 0;
};

struct OpenOptions {
  bool read_only = false;
  bool create_if_missing = false;
  // Test hook: skip fsync (never used by the CLI; benchmarks say when they use it).
  bool sync_writes = true;
  // Test hook: the RocksDB Env (and so the file system) to use; nullptr = the default one.
  // Not owned; must outlive the Store. Fault-injection tests pass a failing file system.
  rocksdb::Env* env = nullptr;
};

class Store {
 public:
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Opens (or creates) the store at `dir`. A writer takes the process lock first:
  // Busy("store in use by PID n") if another process holds it.
  static Result<std::unique_ptr<Store>> Open(const std::string& dir, const OpenOptions& options);

  // Appends atomically with the WAL synced. Errors: Conflict (stale expected version, with the
  // current one in the message; or an idempotency key reused with a different body),
  // InvalidArgument (empty batch, oversize, bad ids), IOError. Thread-safe (serialised).
  // An IOError from the disk (full, read-only, failing) says so and names the store directory;
  // the append was not acknowledged, and after a reopen it is wholly absent or (if only the
  // final sync failed) wholly present, never partial, so repeating it is safe. After such an
  // error this Store refuses every write (IOError, "reopen the store"): RocksDB cannot promise
  // that its log takes further writes cleanly, and a fresh open recovers it.
  Result<AppendResult> Append(AppendRequest request);

  // Several appends in one WriteBatch and one sync: all or none (batch import).
  Result<std::vector<AppendResult>> AppendAll(std::vector<AppendRequest> requests);

  Head head() const;

  // Reads events with position in [from, to] (to = 0: the head at call time) in order; the
  // callback returns false to stop. The event it is given is valid only during the call (one
  // event and one word-aligned buffer serve the whole scan: no allocation per event); a caller
  // that keeps an event copies its words (RecordedEvent(std::string_view)). Every envelope
  // field is checked, as Decode does, unless `every_field` is false: then what a fold reads
  // (the root, the position, the type and the hash), as DecodeInPlace does, and reading
  // stream_id(), actor(), idempotency_key() or prev_hash() may throw kj::Exception (the
  // projections' replay, decision 46; `fij verify` checks every byte through the hash chain).
  // Corruption if a value does not decode.
  Status ReadForward(uint64_t from, uint64_t to, const std::function<bool(const RecordedEvent&)>& fn,
                     bool every_field = true) const;
  // The same read without decoding: `fn(position, value)` with the stored bytes, valid only
  // during the call. Positions are checked to follow each other; the caller decodes the value
  // (Store::Decode) and checks that the envelope carries `position` (CheckPosition).
  Status ReadForwardRaw(uint64_t from, uint64_t to,
                        const std::function<bool(uint64_t, std::string_view)>& fn) const;
  // `ev` as read at `position`: Corruption if its envelope carries another position.
  static Status CheckPosition(const RecordedEvent& ev, uint64_t position);
  Result<RecordedEvent> ReadOne(uint64_t position) const;
  // The stream's events from version `from` (1-based) in order.
  Status ReadStream(std::string_view stream_id, uint64_t from,
                    const std::function<bool(const RecordedEvent&)>& fn) const;
  // Current version of a stream, 0 if it does not exist.
  Result<uint64_t> StreamVersion(std::string_view stream_id) const;

  // Looks a key up in the idempotency index.
  struct IdempotencyRecord {
    Hash request_hash{};
    uint64_t first_position = 0;
    uint32_t count = 0;
  };
  Result<std::optional<IdempotencyRecord>> LookupIdempotency(std::string_view key) const;

  // Checkpoints: opaque bytes per name, written synced. PutCheckpoints writes several in one
  // atomic batch: after a crash either all of them are the new ones or none is.
  Status PutCheckpoint(std::string_view name, std::string_view bytes);
  Status PutCheckpoints(const std::vector<std::pair<std::string_view, std::string_view>>& named);
  Result<std::optional<std::string>> GetCheckpoint(std::string_view name) const;
  // The writes of one atomic, synced checkpoint batch, as `fill` adds them (a large checkpoint
  // is added in chunks as it is serialized). If `fill` fails, nothing it added after its last
  // WriteSoFar is written.
  class CheckpointBatch {
   public:
    void Put(std::string_view name, std::string_view bytes);
    void EraseRange(std::string_view from, std::string_view to);  // the names in [from, to)
    // Writes what was added so far, not synced, and empties the batch: for the bulk of a large
    // checkpoint under names nothing refers to until the last, synced write of the batch (which
    // makes these durable too: the WAL is synced in order).
    Status WriteSoFar();
    size_t size() const;  // bytes added since the last write

   private:
    friend class Store;
    CheckpointBatch(Store& store, rocksdb::WriteBatch& batch, rocksdb::ColumnFamilyHandle* cf)
        : store_(store), batch_(batch), cf_(cf) {}
    Store& store_;
    rocksdb::WriteBatch& batch_;
    rocksdb::ColumnFamilyHandle* cf_;
    Status status_;  // the first failure to batch
  };
  Status WriteCheckpoints(const std::function<Status(CheckpointBatch&)>& fill);

  // Re-hashes every event and checks the chain, positions, envelopes and the stream index.
  // On failure the Status names the first failing position.
  struct VerifyReport {
    uint64_t events = 0;
    Hash head_hash{};
  };
  // `progress(n)`: the first n events are verified (chain and versions), called every
  // kVerifyProgressEvery events and at the end of the log pass (the stream index comes after).
  static constexpr uint64_t kVerifyProgressEvery = 4096;
  Result<VerifyReport> VerifyChain(const std::function<void(uint64_t)>& progress = {}) const;

  // A consistent copy of the store as of one head into `dir`, which must not exist: every
  // column family is read at one snapshot (a read-only Store is already one instant) and
  // written to a fresh RocksDB in `dir`.partial-PID, flushed, reopened, chain-verified and
  // only then renamed to `dir`. Works from a read-only Store, so while another process holds
  // the writer lock. On failure nothing is left at `dir` (nor the partial directory).
  // Errors: InvalidArgument (dir exists), Corruption (the copy does not verify), IOError.
  struct BackupReport {
    uint64_t events = 0;  // verified in the copy
    Head head;            // the copy's head = this store's head at the snapshot
  };
  Result<BackupReport> Backup(const std::string& dir) const;

  // Raw access for tests and tamper tools only: the underlying RocksDB value of an event.
  Result<std::string> RawEventValueForTest(uint64_t position) const;
  Status RawPutEventValueForTest(uint64_t position, std::string_view value);
  Status RawDeleteEventForTest(uint64_t position);

  const std::string& dir() const { return dir_; }
  bool read_only() const;

  // Computes an event's hash from its stored words (hash field treated as zeros).
  static Result<Hash> ComputeHash(const Hash& prev, kj::ArrayPtr<const capnp::word> words);
  static Result<RecordedEvent> Decode(std::string_view value);
  // Into `ev`, for a scan that decodes events one after the other (the posting replay,
  // ReadForward): when `value` is word-aligned in memory, without copying it nor, after the
  // first call, allocating (`ev` reads it in place while it lives); else from a copy, into
  // `aligned` when given (grown to the largest value met, reused) or a new event otherwise. On
  // error `ev` holds no event. Without `every_field` it checks what such a fold reads of the
  // envelope (the root, the position, the type and the hash; the payload is checked as it is
  // decoded), not every field as Decode does: reading stream_id(), actor(), idempotency_key()
  // or prev_hash() of `ev` may throw kj::Exception (decision 44). `fij verify` checks every
  // byte through the hash chain.
  static Status DecodeInPlace(std::string_view value, RecordedEvent& ev,
                              kj::Array<capnp::word>* aligned = nullptr, bool every_field = false);

  // What a fold needs of an event it does not decode, read from a stored value where Cap'n
  // Proto lays the envelope's fields out (one segment; offsets from the envelope's schema),
  // without a message reader: in place whatever the value's alignment, nothing copied
  // (decision 51). False when the bytes are not so laid out, or a pointer it follows leaves
  // them: decode them instead (DecodeInPlace says what is wrong). Where both read a value, they
  // read the same fields (the event-decoding fuzz target checks it). Only these fields are
  // checked: a fold that skips an event on its type no longer reads the rest of its envelope;
  // `fij verify` checks every byte through the hash chain.
  struct EnvelopePeek {
    uint64_t position = 0;
    int64_t recorded_at_us = 0;
    std::string_view type;          // in `value`
    const uint8_t* hash = nullptr;  // 32 bytes in `value`
  };
  static bool PeekEnvelope(std::string_view value, EnvelopePeek& peek);

 private:
  // Decode's checks of an envelope: the root pointer was checked when `ev` was built; this
  // reads the position and the type, checks the hash's size and, with `every_field`, every
  // other field's pointer and the previous hash's size.
  static Status CheckEnvelope(RecordedEvent& ev, bool every_field);
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl, std::string dir);
  Status WriteCheckpointBatch(rocksdb::WriteBatch& batch, bool sync);
  std::unique_ptr<Impl> impl_;
  std::string dir_;
};

std::string HashHex(const Hash& h);
// SHA-256 of `bytes` (request hashes, digests), with the digest implementation fetched once.
Hash Sha256Of(std::string_view bytes);
std::string EncodeU64(uint64_t v);  // big-endian 8 bytes
uint64_t DecodeU64(std::string_view s);

}  // namespace fij::engine
