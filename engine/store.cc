// Event store over RocksDB. Key grammars are in store.h; this file is the only one that knows
// them (with docs/ARCHITECTURE.md).
#include "engine/store.h"
#include "engine/thread.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <new>
#include <array>
#include <bit>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>

#include <capnp/schema.h>
#include <capnp/serialize.h>
#include <openssl/evp.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/listener.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <spdlog/spdlog.h>

#include "engine/envelope.capnp.h"

namespace fij::engine {
namespace {

constexpr char kMetaFormat[] = "format";
constexpr char kMetaHead[] = "head";
constexpr char kLockFile[] = "fij.lock";
constexpr size_t kHeadBytes = 8 + 32 + 8;
constexpr size_t kStreamRowBytes = 8 + 4;
constexpr size_t kIdemRowBytes = 32 + 8 + 4;
// Stream versions cached by a writer: slots of a direct-mapped cache (StreamVersionCache).
constexpr size_t kStreamVersionSlots = 1 << 16;
// An envelope's bytes besides its payload (ids, key, hashes, pointers), for reserving a batch;
// and the words of the first segment an envelope is built in (larger ones spill to the heap).
constexpr size_t kEnvelopeBytesEstimate = 256;
constexpr size_t kEnvelopeScratchWords = 1024;
// A writer flushes its memtables on close past this size: with the WAL on, RocksDB never flushes
// at close, and every later open (a read-only one cannot flush) replays the whole WAL into
// memory again: 0.7 s for 100 000 events. Below it, a command's few events stay in the WAL.
constexpr uint64_t kFlushOnCloseBytesMin = 1 << 20;

capnp::ReaderOptions EventReaderOptions() {
  capnp::ReaderOptions o;
  o.traversalLimitInWords = kEventBytesMax / sizeof(capnp::word) * 4;
  o.nestingLimit = 64;
  return o;
}

void PutU32(std::string& out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void PutU64(std::string& out, uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
uint32_t GetU32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}
uint64_t GetU64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::Ok();
  std::string m = std::string(what) + ": " + s.ToString();
  if (s.IsNotFound()) return Status::NotFound(m);
  if (s.IsCorruption()) return Status::Corruption(m);
  if (s.IsBusy() || s.IsTimedOut()) return Status::Busy(m);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(m);
  return Status::IOError(m);
}

// The file system refused a write: say which way in words an operator acts on, and where.
// RocksDB reports ENOSPC as IOError/NoSpace; EROFS only in the message (strerror), which is
// what an IOError from a read-only mount carries.
bool IsReadOnlyFileSystem(const rocksdb::Status& s) {
  return s.IsIOError() && s.ToString().find("Read-only file system") != std::string::npos;
}

Status FromRocksWrite(const rocksdb::Status& s, std::string_view what, const std::string& dir) {
  if (s.ok()) return Status::Ok();
  if (s.IsNoSpace())
    return Status::IOError("disk full: " + std::string(what) + " in store '" + dir +
                           "' failed (" + s.ToString() +
                           "); nothing was acknowledged: free space on that disk and run the "
                           "command again");
  if (IsReadOnlyFileSystem(s))
    return Status::IOError("read-only file system: " + std::string(what) + " in store '" + dir +
                           "' failed (" + s.ToString() +
                           "); nothing was acknowledged: remount it read-write (or restore a "
                           "backup elsewhere) and run the command again");
  return FromRocks(s, std::string(what) + " in store '" + dir + "'");
}

// RocksDB's diagnostics go to spdlog (seen with `fij -v`), not to a LOG file in the store: on
// a full disk the Debian librocksdb (built with assertions) aborts the process when it logs
// again after a failed LOG write, before the Status of the failed open can be returned.
class SpdlogLogger : public rocksdb::Logger {
 public:
  SpdlogLogger() : rocksdb::Logger(rocksdb::InfoLogLevel::WARN_LEVEL) {}
  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    char line[1024];
    std::vsnprintf(line, sizeof(line), format, ap);
    spdlog::debug("rocksdb: {}", line);
  }
};

// A failed write poisons the Store until a reopen (see Append); RocksDB must not resume on its
// own meanwhile. Its automatic recovery from a full disk (flushing the memtables once space is
// back) raced with the torn WAL record of the failed write: the fault test then saw a reopen
// fail with "SST file is ahead of WALs".
class NoAutoRecovery : public rocksdb::EventListener {
 public:
  void OnErrorRecoveryBegin(rocksdb::BackgroundErrorReason /*reason*/,
                            rocksdb::Status /*bg_error*/, bool* auto_recovery) override {
    *auto_recovery = false;
  }
};

// What every store directory is opened with: the same options for a writer, a reader and a
// backup's fresh copy.
struct DbLayout {
  rocksdb::DBOptions db;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
};

DbLayout MakeLayout(bool read_only, rocksdb::Env* env) {
  DbLayout l;
  rocksdb::DBOptions& db_options = l.db;
  db_options.create_if_missing = !read_only;
  db_options.create_missing_column_families = !read_only;
  db_options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  db_options.info_log = std::make_shared<SpdlogLogger>();
  db_options.listeners.push_back(std::make_shared<NoAutoRecovery>());
  db_options.max_bgerror_resume_count = 0;
  db_options.max_background_jobs = 2;
  db_options.paranoid_checks = true;
  // Open fast on a large store: SST files are opened when first read (a report answered from
  // a checkpoint reads a handful), and DB::Open does not load every file's properties for
  // compaction statistics. 10 M events (~100 SST files): open 347 ms -> see BENCHMARKS.md.
  db_options.max_open_files = 1024;
  db_options.skip_stats_update_on_db_open = true;
  // RocksDB opens the SST files' readers with 16 threads by default: on a 2-core machine that
  // is 16 thread creations per open for no parallelism (decision 44).
  db_options.max_file_opening_threads = 2;
  if (env != nullptr) db_options.env = env;

  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  rocksdb::ColumnFamilyOptions cf;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  // Every append looks up its idempotency key and (for a stream not cached) the stream's first
  // row, and both are nearly always absent: a memtable bloom filter answers those without a
  // skiplist search (SST files have their own bloom filters).
  rocksdb::ColumnFamilyOptions index_cf = cf;
  // Index rows have random keys: each is a skiplist insert whose every level misses the cache in
  // a 64 MiB memtable (RocksDB's default). 8 MiB memtables (decision 63): batches of 10 000
  // appends 131-138k -> 145-146k events/s, the appending thread's CPU 6.7-6.9 -> 5.9-6.0 us per
  // event (more, smaller flushes on the background thread take the rest).
  index_cf.write_buffer_size = 8 << 20;
  // A read-only open never writes a memtable: no filter (each would be 3.2 MiB to allocate
  // and zero, 10 % of opening the store for a report).
  if (!read_only) {
    index_cf.memtable_prefix_bloom_size_ratio = 0.05;
    index_cf.memtable_whole_key_filtering = true;
  }
  rocksdb::ColumnFamilyOptions events_cf = cf;
  {
    rocksdb::BlockBasedTableOptions events_table = table;
    events_table.block_size = kEventsBlockBytes;
    // No bloom filter (decision 53): events are read by scans and by positions that exist
    // (ReadOne asks for positions the log holds), so a filter never answers "absent"; each table
    // reader kept its filter in memory (10 bits per event: 12 MiB at 10 M events) and every
    // flush and compaction hashed every key to build it. Files written with a filter keep it.
    events_table.filter_policy.reset();
    events_cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(events_table));
  }
  events_cf.write_buffer_size = 64 << 20;
  // The log in one level (decision 76): event keys only grow and are never rewritten, so a
  // flushed file never overlaps the files before it and moves down to L1 without being
  // rewritten (a trivial move, metadata only) as soon as it is flushed; L1's target is far
  // above any log, so nothing is pushed on to L2. A scan's merging iterator then has one child
  // for the level (and one per L0 file not yet moved) instead of one per L0 file and per level.
  events_cf.level0_file_num_compaction_trigger = 1;
  events_cf.max_bytes_for_level_base = uint64_t{1} << 42;
  // LZ4 at every level (decision 44): a full scan decompresses every block, and ZSTD at the
  // bottom level was a third of the scanning thread's time (+9 % on disk with LZ4).
  events_cf.compression = rocksdb::kLZ4Compression;
  events_cf.bottommost_compression = rocksdb::kLZ4Compression;

  l.cfs = {
      {rocksdb::kDefaultColumnFamilyName, cf},
      {"events", events_cf},
      {"streams", index_cf},
      {"idempotency", index_cf},
      {"checkpoints", cf},
  };
  return l;
}

// fsync a directory so that a rename in it is durable.
Status SyncDir(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::IOError("cannot open " + dir.string() + ": " + strerror(errno));
  int rc = fsync(fd);
  int err = errno;
  close(fd);
  if (rc != 0) return Status::IOError("cannot sync " + dir.string() + ": " + strerror(err));
  return Status::Ok();
}

std::string StreamKey(std::string_view stream, uint64_t first_version) {
  std::string k(stream);
  k.push_back('\0');
  PutU64(k, first_version);
  return k;
}

// The latest version of recently appended streams, for a writer (decision 63). Most streams get
// one append (a gift, a partner), so the cache is bounded: direct-mapped, one stream per slot
// chosen by its id's hash, a newer stream taking the slot of an older one (a miss costs one
// bloom-filtered lookup, see LoadStreamVersion). A slot's id string keeps its buffer, so a
// batch's streams are cached without an allocation each; a std::unordered_map allocated a node
// per stream and was 4 % of a batch of 10 000 appends (perf).
class StreamVersionCache {
 public:
  std::optional<uint64_t> Find(std::string_view stream) const {
    if (slots_.empty()) return std::nullopt;
    const uint64_t h = std::hash<std::string_view>()(stream);
    const Slot& slot = slots_[h & (slots_.size() - 1)];
    // An empty slot's id is "", never a stream's (ids are 1 byte or more).
    if (slot.hash == h && slot.stream == stream) return slot.version;
    return std::nullopt;
  }
  // `version` is the stream's latest (it was just written).
  void Put(std::string_view stream, uint64_t version) {
    if (slots_.empty()) slots_.resize(kStreamVersionSlots);  // on the first append: a reader
                                                             // never holds the 3.5 MiB
    const uint64_t h = std::hash<std::string_view>()(stream);
    Slot& slot = slots_[h & (slots_.size() - 1)];
    slot.hash = h;
    slot.stream.assign(stream);
    slot.version = version;
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint64_t version = 0;
    std::string stream;
  };
  std::vector<Slot> slots_;
};

// Where a key first (or last) appears among one AppendAll call's requests: open addressing
// (linear probing, at most half full) over request numbers, the keys read in the requests
// themselves. A std::unordered_map<std::string, ...> allocated a node and copied the key for
// every request of a 10 000-event batch, twice (streams and idempotency keys).
class RequestIndex {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  RequestIndex(const std::vector<AppendRequest>& requests, std::string AppendRequest::*key)
      : requests_(requests),
        key_(key),
        slots_(std::bit_ceil(std::max<size_t>(16, 2 * requests.size()))) {}
  // The request number held for `key`, kNone when there is none yet: assign to it to hold one.
  uint32_t& operator[](std::string_view key) {
    const uint64_t h = std::hash<std::string_view>()(key);
    const uint32_t tag = static_cast<uint32_t>(h >> 32);
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.request == kNone) {
        slot.tag = tag;
        return slot.request;
      }
      if (slot.tag == tag && requests_[slot.request].*key_ == key) return slot.request;
    }
  }
  // Every request number held (one per distinct key).
  template <typename F>
  void ForEach(F&& f) const {
    for (const Slot& slot : slots_)
      if (slot.request != kNone) f(slot.request);
  }

 private:
  struct Slot {
    uint32_t tag = 0;  // the key's hash's high bits
    uint32_t request = kNone;
  };
  const std::vector<AppendRequest>& requests_;
  std::string AppendRequest::*key_;
  std::vector<Slot> slots_;
};


// Calls fn(0, n) on this thread; or, when `split`, fn(n / 2, n) on a second thread while this
// one runs fn(0, n / 2) (both halves on this thread, one after the other, when the second
// thread cannot be started: decision 66). `fn` must not throw.
template <typename Fn>
void SplitInTwo(bool split, size_t n, const Fn& fn) {
  if (!split || n < 2) {
    fn(size_t{0}, n);
    return;
  }
  std::thread upper;
  const bool started =
      TryStartThread(&upper, [&] { fn(n / 2, n); }, "the second half of an append", "fij-append2");
  fn(size_t{0}, n / 2);
  if (started) {
    upper.join();
  } else {
    fn(n / 2, n);
  }
}

// Fetched once: with OpenSSL 3, EVP_sha256() (and the one-shot SHA256()) make every digest
// fetch the implementation again (a locked lookup costing about as much as hashing a small event).
const EVP_MD* Sha256Md() {
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  FIJ_CHECK(kSha256 != nullptr);
  return kSha256;
}

// One digest context per thread, reset by each EVP_DigestInit_ex: allocating one per event cost
// as much as a fifth of the digest of a small event.
EVP_MD_CTX* Sha256Context() {
  struct Ctx {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Ctx() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Ctx c;
  FIJ_CHECK(c.ctx != nullptr);
  FIJ_CHECK(EVP_DigestInit_ex(c.ctx, Sha256Md(), nullptr) == 1);
  return c.ctx;
}

Hash Sha256Final(EVP_MD_CTX* ctx) {
  Hash out{};
  unsigned int len = 0;
  FIJ_CHECK(EVP_DigestFinal_ex(ctx, out.data(), &len) == 1 && len == 32);
  return out;
}

Hash Sha256(const Hash& prev, const uint8_t* data, size_t n, size_t zero_at, size_t zero_len) {
  // hash := SHA-256(prev || data with [zero_at, zero_at + zero_len) read as zeros)
  EVP_MD_CTX* ctx = Sha256Context();
  EVP_DigestUpdate(ctx, prev.data(), prev.size());
  static const uint8_t kZeros[32] = {};
  FIJ_CHECK(zero_len <= sizeof(kZeros) && zero_at + zero_len <= n);
  EVP_DigestUpdate(ctx, data, zero_at);
  EVP_DigestUpdate(ctx, kZeros, zero_len);
  EVP_DigestUpdate(ctx, data + zero_at + zero_len, n - zero_at - zero_len);
  return Sha256Final(ctx);
}

Hash ToHash(capnp::Data::Reader d) {
  Hash h{};
  if (d.size() == h.size()) std::memcpy(h.data(), d.begin(), h.size());
  return h;
}

int64_t NowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool ValidId(std::string_view s, size_t max) {
  if (s.empty() || s.size() > max) return false;
  for (char c : s)
    if (c == '\0' || c == '\n') return false;
  return true;
}

}  // namespace

// ---- RecordedEvent ----------------------------------------------------------------------

struct RecordedEvent::Body {
  kj::ArrayPtr<const capnp::word> segment;
  capnp::SegmentArrayMessageReader reader;
  // The envelope's root, checked once here (getRoot checks the root pointer on every call).
  // Throws kj::Exception when the root pointer is corrupt.
  Envelope::Reader root;
  explicit Body(kj::ArrayPtr<const capnp::word> words)
      : segment(words),
        reader(kj::arrayPtr(&segment, 1), EventReaderOptions()),
        root(reader.getRoot<Envelope>()) {}
};

void RecordedEvent::FreeBody::operator()(Body* b) const {
  b->~Body();
  ::operator delete(b);
}

RecordedEvent::RecordedEvent(std::string_view value) {
  const size_t n_words = (value.size() + sizeof(capnp::word) - 1) / sizeof(capnp::word);
  static_assert(sizeof(Body) % alignof(capnp::word) == 0);
  void* block = ::operator new(sizeof(Body) + n_words * sizeof(capnp::word));
  auto* words = reinterpret_cast<capnp::word*>(static_cast<char*>(block) + sizeof(Body));
  char* bytes = reinterpret_cast<char*>(words);
  std::memcpy(bytes, value.data(), value.size());
  std::memset(bytes + value.size(), 0, n_words * sizeof(capnp::word) - value.size());
  try {
    body_.reset(new (block) Body(kj::arrayPtr(const_cast<const capnp::word*>(words), n_words)));
  } catch (...) {
    ::operator delete(block);
    throw;
  }
}

void RecordedEvent::Borrow(kj::ArrayPtr<const capnp::word> words) {
  void* block;
  if (body_) {  // reused: at least sizeof(Body) bytes
    Body* was = body_.release();
    was->~Body();
    block = was;
  } else {
    block = ::operator new(sizeof(Body));
  }
  try {
    body_.reset(new (block) Body(words));
  } catch (...) {
    ::operator delete(block);
    throw;
  }
}

kj::ArrayPtr<const capnp::word> RecordedEvent::words() const { return body_->segment; }
const capnp::SegmentArrayMessageReader& RecordedEvent::reader() const { return body_->reader; }

std::string_view RecordedEvent::stream_id() const {
  auto t = body_->root.getStreamId();
  return {t.begin(), t.size()};
}
uint64_t RecordedEvent::stream_version() const { return body_->root.getStreamVersion(); }
int64_t RecordedEvent::recorded_at_us() const { return body_->root.getRecordedAtUs(); }
uint32_t RecordedEvent::effective_date() const { return body_->root.getEffectiveDate(); }
std::string_view RecordedEvent::actor() const {
  auto t = body_->root.getActor();
  return {t.begin(), t.size()};
}
std::string_view RecordedEvent::idempotency_key() const {
  auto t = body_->root.getIdempotencyKey();
  return {t.begin(), t.size()};
}
Hash RecordedEvent::prev_hash() const { return ToHash(body_->root.getPrevHash()); }
Hash RecordedEvent::hash() const {
  Hash h;
  std::memcpy(h.data(), hash_, h.size());  // 32 bytes, checked by Store::CheckEnvelope
  return h;
}
uint16_t RecordedEvent::schema_version() const { return body_->root.getSchemaVersion(); }
capnp::AnyPointer::Reader RecordedEvent::payload() const { return body_->root.getPayload(); }
capnp::AnyStruct::Reader RecordedEvent::envelope() const {
  return const_cast<capnp::SegmentArrayMessageReader&>(reader())
      .getRoot<capnp::AnyStruct>();
}

// ---- Store::Impl ------------------------------------------------------------------------

struct Store::Impl {
  rocksdb::DB* db = nullptr;
  rocksdb::ColumnFamilyHandle* meta = nullptr;
  rocksdb::ColumnFamilyHandle* events = nullptr;
  rocksdb::ColumnFamilyHandle* streams = nullptr;
  rocksdb::ColumnFamilyHandle* idem = nullptr;
  rocksdb::ColumnFamilyHandle* checkpoints = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  int lock_fd = -1;
  bool read_only = false;
  bool sync_writes = true;
  std::string dir;

  mutable std::mutex mu;  // serialises writers; guards head, stream_versions, write_failure
  Head head;
  // Set by the first failed write (disk full, read-only, I/O error): every later write is
  // refused with it. Nothing after a failed WAL write may be acknowledged before a reopen.
  std::string write_failure;
  StreamVersionCache stream_versions;

  // The head and a snapshot of the same instant: appends hold the mutex across their write, so
  // nothing lands between the two even while another thread appends.
  std::pair<Head, std::shared_ptr<const rocksdb::Snapshot>> HeadWithSnapshot() const {
    std::lock_guard<std::mutex> g(mu);
    std::shared_ptr<const rocksdb::Snapshot> snapshot(
        db->GetSnapshot(), [d = db](const rocksdb::Snapshot* x) { d->ReleaseSnapshot(x); });
    return {head, std::move(snapshot)};
  }

  ~Impl() {
    uint64_t memtable_bytes = 0;
    if (db && !read_only &&
        db->GetAggregatedIntProperty(rocksdb::DB::Properties::kCurSizeAllMemTables,
                                     &memtable_bytes) &&
        memtable_bytes >= kFlushOnCloseBytesMin) {
      rocksdb::FlushOptions fo;
      fo.wait = true;
      auto s = db->Flush(fo, handles);
      if (!s.ok()) spdlog::warn("flushing the store on close: {}", s.ToString());
    }
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    delete db;
    if (lock_fd >= 0) {
      flock(lock_fd, LOCK_UN);
      close(lock_fd);
    }
  }

  Result<uint64_t> LoadStreamVersion(std::string_view stream) const {
    // A stream's first append writes its row at version 1, so a point lookup of that key
    // (bloom-filtered, no iterator to build) answers "no such stream": the common case, since
    // most appends create their stream (a gift, a partner, a decision).
    rocksdb::PinnableSlice first_row;
    auto s = db->Get(rocksdb::ReadOptions(), streams, StreamKey(stream, 1), &first_row);
    if (s.IsNotFound()) return uint64_t{0};
    FIJ_RETURN_IF_ERROR(FromRocks(s, "reading stream index"));
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), streams));
    std::string upper = StreamKey(stream, UINT64_MAX);
    it->SeekForPrev(upper);
    if (!it->Valid()) {
      FIJ_RETURN_IF_ERROR(FromRocks(it->status(), "reading stream index"));
      return uint64_t{0};
    }
    auto k = it->key();
    if (k.size() != stream.size() + 9 || std::memcmp(k.data(), stream.data(), stream.size()) != 0 ||
        k[stream.size()] != '\0')
      return uint64_t{0};
    auto v = it->value();
    if (v.size() != kStreamRowBytes)
      return Err(Status::Corruption("stream index row of '" + std::string(stream) + "' is " +
                                    std::to_string(v.size()) + " bytes"));
    uint64_t first_version = GetU64(k.data() + stream.size() + 1);
    return first_version + GetU32(v.data() + 8) - 1;
  }
};

Store::Store(std::unique_ptr<Impl> impl, std::string dir)
    : impl_(std::move(impl)), dir_(std::move(dir)) {}
Store::~Store() = default;

bool Store::read_only() const { return impl_->read_only; }

Result<std::unique_ptr<Store>> Store::Open(const std::string& dir, const OpenOptions& options) {
  namespace fs = std::filesystem;
  auto impl = std::make_unique<Impl>();
  impl->read_only = options.read_only;
  impl->sync_writes = options.sync_writes;
  impl->dir = dir;
  std::error_code ec;
  bool exists = fs::exists(fs::path(dir) / "CURRENT", ec);
  if (!exists && (options.read_only || !options.create_if_missing))
    return Err(Status::NotFound("no fij store at '" + dir +
                                "': create one with `fij init` or pass --store DIR"));
  if (!options.read_only) {
    fs::create_directories(dir, ec);
    if (ec) return Err(Status::IOError("cannot create '" + dir + "': " + ec.message()));
    std::string lock_path = (fs::path(dir) / kLockFile).string();
    int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 && errno == EROFS)
      return Err(Status::IOError("read-only file system: cannot take the writer lock " +
                                 lock_path + " of store '" + dir +
                                 "'; remount it read-write to write (reading works as is)"));
    if (fd < 0) return Err(Status::IOError("cannot open " + lock_path + ": " + strerror(errno)));
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
      char buf[32] = {};
      ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
      close(fd);
      std::string pid = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "unknown";
      while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
      return Err(Status::Busy("store in use by PID " + pid + " (" + dir +
                              "): one writer at a time; wait for it to finish, then retry"));
    }
    std::string me = std::to_string(getpid()) + "\n";
    if (ftruncate(fd, 0) != 0 || pwrite(fd, me.data(), me.size(), 0) < 0) {
      const int err = errno;
      close(fd);
      return Err(Status::IOError(std::string(err == ENOSPC ? "disk full: " : "") +
                                 "cannot write " + lock_path + ": " + strerror(err)));
    }
    impl->lock_fd = fd;
  }

  DbLayout layout = MakeLayout(options.read_only, options.env);
  rocksdb::Status s;
  if (options.read_only) {
    s = rocksdb::DB::OpenForReadOnly(layout.db, dir, layout.cfs, &impl->handles, &impl->db);
  } else {
    s = rocksdb::DB::Open(layout.db, dir, layout.cfs, &impl->handles, &impl->db);
  }
  if (!s.ok()) {
    if (s.IsIOError() && s.ToString().find("lock") != std::string::npos &&
        !IsReadOnlyFileSystem(s))
      return Err(Status::Busy("store in use (" + dir + "): " + s.ToString()));
    return Err(FromRocksWrite(s, "opening", dir));
  }
  impl->meta = impl->handles[0];
  impl->events = impl->handles[1];
  impl->streams = impl->handles[2];
  impl->idem = impl->handles[3];
  impl->checkpoints = impl->handles[4];

  std::string v;
  s = impl->db->Get(rocksdb::ReadOptions(), impl->meta, kMetaFormat, &v);
  if (s.IsNotFound()) {
    if (options.read_only) return Err(Status::Corruption("store '" + dir + "' has no format row"));
    std::string fmt;
    PutU32(fmt, kFormatVersion);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    FIJ_RETURN_IF_ERROR(
        FromRocksWrite(impl->db->Put(wo, impl->meta, kMetaFormat, fmt), "initialising", dir));
  } else if (!s.ok()) {
    return Err(FromRocks(s, "reading format"));
  } else if (v.size() != 4 || GetU32(v.data()) != kFormatVersion) {
    return Err(Status::Corruption("store '" + dir + "' has an unknown format version"));
  }
  s = impl->db->Get(rocksdb::ReadOptions(), impl->meta, kMetaHead, &v);
  if (s.ok()) {
    if (v.size() != kHeadBytes) return Err(Status::Corruption("head row has a bad size"));
    impl->head.position = GetU64(v.data());
    std::memcpy(impl->head.hash.data(), v.data() + 8, 32);
    impl->head.recorded_at_us = static_cast<int64_t>(GetU64(v.data() + 40));
  } else if (!s.IsNotFound()) {
    return Err(FromRocks(s, "reading head"));
  }
  spdlog::debug("opened store {} at position {} ({})", dir, impl->head.position,
                options.read_only ? "read-only" : "writer");
  return std::unique_ptr<Store>(new Store(std::move(impl), dir));
}

Head Store::head() const {
  std::lock_guard<std::mutex> g(impl_->mu);
  return impl_->head;
}

Result<AppendResult> Store::Append(AppendRequest request) {
  std::vector<AppendRequest> v;
  v.push_back(std::move(request));
  FIJ_ASSIGN_OR_RETURN(auto results, AppendAll(std::move(v)));
  return results.front();
}

Result<std::vector<AppendResult>> Store::AppendAll(std::vector<AppendRequest> requests) {
  if (impl_->read_only) return Err(Status::InvalidArgument("store opened read-only"));
  std::lock_guard<std::mutex> g(impl_->mu);
  Impl& im = *impl_;
  if (!im.write_failure.empty())
    return Err(Status::IOError("an earlier write failed (" + im.write_failure +
                               "); this store takes no more writes: close and reopen it"));
  // The requests are checked first, in order, so that a malformed one fails the call before
  // anything is read or built.
  size_t total_events = 0;
  for (const AppendRequest& req : requests) {
    if (!ValidId(req.stream_id, kStreamIdBytesMax))
      return Err(Status::InvalidArgument("stream id must be 1.." +
                                         std::to_string(kStreamIdBytesMax) + " bytes"));
    if (!ValidId(req.idempotency_key, kIdempotencyKeyBytesMax))
      return Err(Status::InvalidArgument("an idempotency key of 1.." +
                                         std::to_string(kIdempotencyKeyBytesMax) +
                                         " bytes is required"));
    if (req.events.empty()) return Err(Status::InvalidArgument("an append needs events"));
    total_events += req.events.size();
    if (total_events > kBatchEventsMax)
      return Err(Status::InvalidArgument("batch over " + std::to_string(kBatchEventsMax) +
                                         " events; split it"));
  }
  const uint32_t n_requests = static_cast<uint32_t>(requests.size());

  // 1. What the store knows of each request's idempotency key and stream, looked up on two
  //    threads for a large batch (read-only: the writer's mutex is held). A request later
  //    answered from earlier in the batch does not use its lookup (nor its error).
  struct Known {
    Status status;  // of the lookups below
    std::optional<IdempotencyRecord> prior;
    uint64_t stream_version = 0;
  };
  std::vector<Known> known(n_requests);
  SplitInTwo(total_events >= kAppendSplitFromEvents, n_requests, [&](size_t from, size_t to) {
    std::string v;
    for (size_t i = from; i < to; ++i) {
      const AppendRequest& req = requests[i];
      Known& k = known[i];
      auto s = im.db->Get(rocksdb::ReadOptions(), im.idem, req.idempotency_key, &v);
      if (s.ok()) {
        if (v.size() != kIdemRowBytes) {
          k.status = Status::Corruption("idempotency row of '" + req.idempotency_key + "'");
          continue;
        }
        IdempotencyRecord r;
        std::memcpy(r.request_hash.data(), v.data(), 32);
        r.first_position = GetU64(v.data() + 32);
        r.count = GetU32(v.data() + 40);
        k.prior = r;
        continue;  // a retry: its stream is not needed
      }
      if (!s.IsNotFound()) {
        k.status = FromRocks(s, "reading idempotency index");
        continue;
      }
      if (auto cached = im.stream_versions.Find(req.stream_id)) {
        k.stream_version = *cached;
      } else if (auto loaded = im.LoadStreamVersion(req.stream_id); loaded) {
        k.stream_version = *loaded;
      } else {
        k.status = loaded.error();
      }
    }
  });

  // 2. In order: retries answered, versions checked, positions and times given, index rows
  //    batched. Each event to write gets a slot; its envelope is built in step 3.
  std::vector<AppendResult> results;
  results.reserve(n_requests);
  struct Slot {
    uint32_t request, event;  // requests[request].events[event]
    uint64_t stream_version;
  };
  std::vector<Slot> slots;
  slots.reserve(total_events);
  const Head before = im.head;
  // Each event gets its own instant so that recordedAtUs strictly increases along the log.
  const int64_t first_recorded_at = std::max(NowUs(), before.recorded_at_us + 1);
  // Streams and idempotency keys seen earlier in this batch: the request that last wrote the
  // stream (its result has the stream's version), the request that wrote the key.
  RequestIndex pending_streams(requests, &AppendRequest::stream_id);
  RequestIndex pending_keys(requests, &AppendRequest::idempotency_key);
  // The batch's bytes reserved once: an envelope is its payload plus about 200 bytes, and each
  // command writes a stream row and an idempotency row besides (growing the batch by doubling
  // copied it about twice over).
  size_t reserve_bytes = 64;
  for (const auto& req : requests)
    for (const auto& ev : req.events)
      reserve_bytes += ev.payload.size() * sizeof(capnp::word) + kEnvelopeBytesEstimate +
                       2 * req.stream_id.size() + 2 * req.idempotency_key.size() + 96;
  rocksdb::WriteBatch batch(reserve_bytes);
  std::string row_key, row;  // a stream or idempotency row, reused
  for (uint32_t request = 0; request < n_requests; ++request) {
    AppendRequest& req = requests[request];
    // Idempotency: answered from the index (or from earlier in this batch), never rewritten.
    uint32_t& pk = pending_keys[req.idempotency_key];
    std::optional<IdempotencyRecord> prior;
    std::optional<uint64_t> prior_stream_version;  // known only for a key earlier in this batch
    if (pk != RequestIndex::kNone) {
      const AppendResult& earlier = results[pk];
      prior = IdempotencyRecord{requests[pk].request_hash, earlier.first_position, earlier.count};
      prior_stream_version = earlier.stream_version;
    } else {
      FIJ_RETURN_IF_ERROR(known[request].status);
      prior = known[request].prior;
    }
    if (prior) {
      if (prior->request_hash != req.request_hash)
        return Err(Status::Conflict("idempotency key '" + req.idempotency_key +
                                    "' was already used with a different command body "
                                    "(first written at position " +
                                    std::to_string(prior->first_position) +
                                    "); repeat the original command exactly, or use a new id"));
      AppendResult r;
      r.first_position = prior->first_position;
      r.count = prior->count;
      r.duplicate = true;
      if (!prior_stream_version) {
        // The stream's version at the original append is that of its last event.
        FIJ_ASSIGN_OR_RETURN(RecordedEvent last, ReadOne(prior->first_position + prior->count - 1));
        prior_stream_version = last.stream_version();
      }
      r.stream_version = *prior_stream_version;
      results.push_back(r);
      continue;
    }

    uint32_t& pv = pending_streams[req.stream_id];
    const uint64_t current =
        pv != RequestIndex::kNone ? results[pv].stream_version : known[request].stream_version;
    // From here on this command is written (or the whole call fails): `pv` will name it.
    if (req.expected_version != kAnyVersion && req.expected_version != current)
      return Err(Status::Conflict("stream '" + req.stream_id + "' is at version " +
                                  std::to_string(current) + ", expected " +
                                  std::to_string(req.expected_version) +
                                  "; reload the stream and retry"));
    AppendResult r;
    r.first_position = before.position + slots.size() + 1;
    r.count = static_cast<uint32_t>(req.events.size());
    r.stream_version = current + req.events.size();
    for (uint32_t i = 0; i < r.count; ++i) slots.push_back(Slot{request, i, current + i + 1});
    row_key.assign(req.stream_id);
    row_key.push_back('\0');
    PutU64(row_key, current + 1);
    row.clear();
    PutU64(row, r.first_position);
    PutU32(row, r.count);
    FIJ_RETURN_IF_ERROR(FromRocks(batch.Put(im.streams, row_key, row), "batch"));
    row.assign(reinterpret_cast<const char*>(req.request_hash.data()), 32);
    PutU64(row, r.first_position);
    PutU32(row, r.count);
    FIJ_RETURN_IF_ERROR(FromRocks(batch.Put(im.idem, req.idempotency_key, row), "batch"));
    pv = request;  // results[request] is r
    pk = request;
    results.push_back(r);
  }
  if (slots.empty()) return results;  // all duplicates: nothing to write

  // 3. Each event's envelope, canonical, on two threads for a large batch: its previous hash
  //    and its own hash are left zero (their 32 bytes lie at `prev_at` and `hash_at`), since
  //    they chain the events in order (step 4).
  struct Built {
    kj::Array<capnp::word> canon;
    size_t prev_at = 0, hash_at = 0;
  };
  std::vector<Built> built(slots.size());
  struct Failure {
    size_t slot = SIZE_MAX;  // the first event that failed, in log order
    Status status;
  };
  Failure failures[2];
  SplitInTwo(slots.size() >= kAppendSplitFromEvents, slots.size(), [&](size_t from, size_t to) {
    Failure& failure = failures[from == 0 ? 0 : 1];
    // Every envelope is built in this first segment (capnp requires it zeroed; the builder's
    // destructor zeroes what it used): no 4 KiB calloc per event.
    auto scratch = kj::heapArray<capnp::word>(kEnvelopeScratchWords);
    std::memset(scratch.begin(), 0, scratch.size() * sizeof(capnp::word));
    for (size_t at = from; at < to; ++at) try {
      const Slot& slot = slots[at];
      const AppendRequest& req = requests[slot.request];
      const NewEvent& ev = req.events[slot.event];
      capnp::MallocMessageBuilder mb(scratch.asPtr());  // its destructor zeroes what it used
      auto env = mb.initRoot<Envelope>();
      env.setPosition(before.position + at + 1);
      env.setStreamId(req.stream_id);
      env.setStreamVersion(slot.stream_version);
      env.setEventType(ev.type);
      env.setRecordedAtUs(first_recorded_at + static_cast<int64_t>(at));
      env.setEffectiveDate(ev.effective_date);
      env.setActor(req.actor);
      env.setIdempotencyKey(req.idempotency_key);
      env.initPrevHash(32);
      env.initHash(32);
      env.setSchemaVersion(ev.schema_version);
      try {
        capnp::FlatArrayMessageReader payload_reader(ev.payload.asPtr(), EventReaderOptions());
        env.getPayload().set(payload_reader.getRoot<capnp::AnyPointer>());
      } catch (const kj::Exception& e) {
        failure = {at, Status::InvalidArgument(std::string("event payload does not decode: ") +
                                               e.getDescription().cStr())};
        return;
      }
      Built& b = built[at];
      b.canon = capnp::canonicalize(env.asReader());
      const size_t nbytes = b.canon.size() * sizeof(capnp::word);
      if (nbytes > kEventBytesMax) {
        failure = {at, Status::InvalidArgument("event over " + std::to_string(kEventBytesMax) +
                                               " bytes")};
        return;
      }
      kj::ArrayPtr<const capnp::word> seg[1] = {b.canon.asPtr()};
      capnp::SegmentArrayMessageReader canon_reader(kj::arrayPtr(seg, 1));
      auto root = canon_reader.getRoot<Envelope>();
      const auto* base = reinterpret_cast<const capnp::byte*>(b.canon.begin());
      b.prev_at = static_cast<size_t>(root.getPrevHash().begin() - base);
      b.hash_at = static_cast<size_t>(root.getHash().begin() - base);
    } catch (const kj::Exception& e) {  // nothing may escape a thread
      failure = {at, Status::InvalidArgument(std::string("event does not encode: ") +
                                             e.getDescription().cStr())};
      return;
    } catch (const std::exception& e) {
      failure = {at, Status::IOError(std::string("encoding an event: ") + e.what())};
      return;
    }
  });
  for (const Failure& f : failures)  // the lower half's failure comes first in the log
    if (f.slot != SIZE_MAX) return Err(f.status);

  // 4. In order: each event chained to the one before it, hashed and batched.
  Head head = before;
  for (size_t at = 0; at < slots.size(); ++at) {
    Built& b = built[at];
    auto* base = reinterpret_cast<uint8_t*>(b.canon.begin());
    const size_t nbytes = b.canon.size() * sizeof(capnp::word);
    std::memcpy(base + b.prev_at, head.hash.data(), 32);
    const Hash hash = Sha256(head.hash, base, nbytes, b.hash_at, 32);
    std::memcpy(base + b.hash_at, hash.data(), 32);
    auto st = batch.Put(im.events, EncodeU64(head.position + 1),
                        rocksdb::Slice(reinterpret_cast<const char*>(base), nbytes));
    FIJ_RETURN_IF_ERROR(FromRocks(st, "batching event"));
    b.canon = nullptr;  // its bytes are in the batch
    head.position += 1;
    head.hash = hash;
  }
  head.recorded_at_us = first_recorded_at + static_cast<int64_t>(slots.size()) - 1;

  std::string hrow;
  PutU64(hrow, head.position);
  hrow.append(reinterpret_cast<const char*>(head.hash.data()), 32);
  PutU64(hrow, static_cast<uint64_t>(head.recorded_at_us));
  FIJ_RETURN_IF_ERROR(FromRocks(batch.Put(im.meta, kMetaHead, hrow), "batch"));

  rocksdb::WriteOptions wo;
  wo.sync = im.sync_writes;
  Status written = FromRocksWrite(im.db->Write(wo, &batch), "writing events", dir_);
  if (!written.ok()) {
    im.write_failure = written.message();
    spdlog::error("{}", written.message());
    return Err(written);
  }
  im.head = head;
  // The batch's streams into the cache, at the versions this batch left them.
  pending_streams.ForEach([&](uint32_t request) {
    im.stream_versions.Put(requests[request].stream_id, results[request].stream_version);
  });
  return results;
}

Status Store::ReadForwardRaw(uint64_t from, uint64_t to,
                             const std::function<bool(uint64_t, std::string_view)>& fn) const {
  if (from == 0) from = 1;
  if (to == 0) to = head().position;
  if (from > to) return Status::Ok();
  rocksdb::ReadOptions ro;
  ro.fill_cache = false;
  // No iterate_upper_bound: RocksDB would compare every key with it (3 % of a full scan's
  // time); the loop stops at `to` itself.
  ro.readahead_size = 2 << 20;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(ro, impl_->events));
  uint64_t expect = from;
  for (it->Seek(EncodeU64(from)); it->Valid() && expect <= to; it->Next()) {
    auto k = it->key();
    if (k.size() != 8) return Status::Corruption("event key of " + std::to_string(k.size()) +
                                                 " bytes near position " + std::to_string(expect));
    uint64_t pos = GetU64(k.data());
    if (pos != expect)
      return Status::Corruption("event at position " + std::to_string(expect) +
                                " is missing (next key is " + std::to_string(pos) + ")");
    if (!fn(pos, std::string_view(it->value().data(), it->value().size()))) return Status::Ok();
    ++expect;
  }
  FIJ_RETURN_IF_ERROR(FromRocks(it->status(), "scanning events"));
  if (expect != to + 1)
    return Status::Corruption("event at position " + std::to_string(expect) + " is missing");
  return Status::Ok();
}

Status Store::CheckPosition(const RecordedEvent& ev, uint64_t position) {
  if (ev.position() == position) return Status::Ok();
  return Status::Corruption("event at position " + std::to_string(position) +
                            " carries position " + std::to_string(ev.position()));
}

Status Store::ReadForward(uint64_t from, uint64_t to,
                          const std::function<bool(const RecordedEvent&)>& fn,
                          bool every_field) const {
  Status failure;
  RecordedEvent ev;                // reads each value in place, one after the other
  kj::Array<capnp::word> aligned;  // a value's copy when RocksDB's bytes are not word-aligned
  FIJ_RETURN_IF_ERROR(ReadForwardRaw(from, to, [&](uint64_t pos, std::string_view value) {
    failure = DecodeInPlace(value, ev, &aligned, every_field);
    if (!failure.ok()) {
      failure = Status::Corruption("event at position " + std::to_string(pos) + ": " +
                                   failure.message());
      return false;
    }
    failure = CheckPosition(ev, pos);
    return failure.ok() && fn(ev);
  }));
  return failure;
}

Result<RecordedEvent> Store::ReadOne(uint64_t position) const {
  std::string v;
  auto s = impl_->db->Get(rocksdb::ReadOptions(), impl_->events, EncodeU64(position), &v);
  if (s.IsNotFound())
    return Err(Status::NotFound("no event at position " + std::to_string(position)));
  FIJ_RETURN_IF_ERROR(FromRocks(s, "reading event"));
  auto ev = Decode(v);
  if (!ev)
    return Err(Status::Corruption("event at position " + std::to_string(position) + ": " +
                                  ev.error().message()));
  return ev;
}

Status Store::ReadStream(std::string_view stream_id, uint64_t from,
                         const std::function<bool(const RecordedEvent&)>& fn) const {
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->streams));
  std::string prefix(stream_id);
  prefix.push_back('\0');
  if (from == 0) from = 1;
  // Start at the append row that contains `from`.
  it->SeekForPrev(StreamKey(stream_id, from));
  if (!it->Valid() || !it->key().starts_with(prefix)) it->Seek(prefix);
  for (; it->Valid() && it->key().starts_with(prefix); it->Next()) {
    auto k = it->key();
    auto v = it->value();
    if (k.size() != prefix.size() + 8 || v.size() != kStreamRowBytes)
      return Status::Corruption("stream index row of '" + std::string(stream_id) + "'");
    uint64_t first_version = GetU64(k.data() + prefix.size());
    uint64_t first_pos = GetU64(v.data());
    uint32_t count = GetU32(v.data() + 8);
    for (uint32_t i = 0; i < count; ++i) {
      if (first_version + i < from) continue;
      auto ev = ReadOne(first_pos + i);
      if (!ev) return ev.error();
      if (ev->stream_id() != stream_id || ev->stream_version() != first_version + i)
        return Status::Corruption("stream index of '" + std::string(stream_id) +
                                  "' disagrees with event " + std::to_string(first_pos + i));
      if (!fn(*ev)) return Status::Ok();
    }
  }
  return FromRocks(it->status(), "reading stream index");
}

Result<uint64_t> Store::StreamVersion(std::string_view stream_id) const {
  {
    std::lock_guard<std::mutex> g(impl_->mu);
    if (auto cached = impl_->stream_versions.Find(stream_id)) return *cached;
  }
  return impl_->LoadStreamVersion(stream_id);
}

Result<std::optional<Store::IdempotencyRecord>> Store::LookupIdempotency(
    std::string_view key) const {
  std::string v;
  auto s = impl_->db->Get(rocksdb::ReadOptions(), impl_->idem, key, &v);
  if (s.IsNotFound()) return std::optional<IdempotencyRecord>();
  FIJ_RETURN_IF_ERROR(FromRocks(s, "reading idempotency index"));
  if (v.size() != kIdemRowBytes) return Err(Status::Corruption("idempotency row size"));
  IdempotencyRecord r;
  std::memcpy(r.request_hash.data(), v.data(), 32);
  r.first_position = GetU64(v.data() + 32);
  r.count = GetU32(v.data() + 40);
  return std::optional<IdempotencyRecord>(r);
}

Status Store::PutCheckpoint(std::string_view name, std::string_view bytes) {
  return PutCheckpoints({{name, bytes}});
}

Status Store::PutCheckpoints(
    const std::vector<std::pair<std::string_view, std::string_view>>& named) {
  return WriteCheckpoints([&](CheckpointBatch& b) {
    for (const auto& [name, bytes] : named) b.Put(name, bytes);
    return Status::Ok();
  });
}

void Store::CheckpointBatch::Put(std::string_view name, std::string_view bytes) {
  if (!status_.ok()) return;
  status_ = FromRocks(batch_.Put(cf_, rocksdb::Slice(name.data(), name.size()),
                                 rocksdb::Slice(bytes.data(), bytes.size())),
                      "batching a checkpoint");
}

void Store::CheckpointBatch::EraseRange(std::string_view from, std::string_view to) {
  if (!status_.ok()) return;
  status_ = FromRocks(batch_.DeleteRange(cf_, rocksdb::Slice(from.data(), from.size()),
                                         rocksdb::Slice(to.data(), to.size())),
                      "batching a checkpoint");
}

size_t Store::CheckpointBatch::size() const { return batch_.GetDataSize(); }

Status Store::CheckpointBatch::WriteSoFar() {
  FIJ_RETURN_IF_ERROR(status_);
  status_ = store_.WriteCheckpointBatch(batch_, /*sync=*/false);
  if (status_.ok()) batch_.Clear();
  return status_;
}

Status Store::WriteCheckpointBatch(rocksdb::WriteBatch& batch, bool sync) {
  std::lock_guard<std::mutex> g(impl_->mu);
  if (!impl_->write_failure.empty())
    return Status::IOError("an earlier write failed (" + impl_->write_failure +
                           "); this store takes no more writes: close and reopen it");
  rocksdb::WriteOptions wo;
  wo.sync = sync && impl_->sync_writes;
  Status s = FromRocksWrite(impl_->db->Write(wo, &batch), "writing a checkpoint", dir_);
  if (!s.ok()) impl_->write_failure = s.message();
  return s;
}

Status Store::WriteCheckpoints(const std::function<Status(CheckpointBatch&)>& fill) {
  if (impl_->read_only) return Status::InvalidArgument("store opened read-only");
  rocksdb::WriteBatch batch;  // filled before taking the lock: appends go on meanwhile
  CheckpointBatch b(*this, batch, impl_->checkpoints);
  FIJ_RETURN_IF_ERROR(fill(b));
  FIJ_RETURN_IF_ERROR(b.status_);
  return WriteCheckpointBatch(batch, /*sync=*/true);
}

Result<std::optional<std::string>> Store::GetCheckpoint(std::string_view name) const {
  std::string v;
  auto s = impl_->db->Get(rocksdb::ReadOptions(), impl_->checkpoints,
                          rocksdb::Slice(name.data(), name.size()), &v);
  if (s.IsNotFound()) return std::optional<std::string>();
  FIJ_RETURN_IF_ERROR(FromRocks(s, "reading checkpoint"));
  return std::optional<std::string>(std::move(v));
}

Result<Hash> Store::ComputeHash(const Hash& prev, kj::ArrayPtr<const capnp::word> words) {
  try {
    kj::ArrayPtr<const capnp::word> seg[1] = {words};
    capnp::SegmentArrayMessageReader r(kj::arrayPtr(seg, 1), EventReaderOptions());
    auto h = r.getRoot<Envelope>().getHash();
    if (h.size() != 32) return Err(Status::Corruption("hash field is not 32 bytes"));
    const uint8_t* base = reinterpret_cast<const uint8_t*>(words.begin());
    size_t n = words.size() * sizeof(capnp::word);
    size_t off = static_cast<size_t>(h.begin() - base);
    if (off + 32 > n) return Err(Status::Corruption("hash field outside the message"));
    return Sha256(prev, base, n, off, 32);
  } catch (const kj::Exception& e) {
    return Err(Status::Corruption(std::string("envelope does not decode: ") +
                                  e.getDescription().cStr()));
  }
}

Status Store::CheckEnvelope(RecordedEvent& ev, bool every_field) {
  // Touch the fields so that corrupt pointers fail here, not later.
  Envelope::Reader env = ev.body_->root;
  ev.position_ = env.getPosition();
  auto type = env.getEventType();
  ev.type_ = std::string_view(type.begin(), type.size());
  auto hash = env.getHash();
  if (hash.size() != 32) return Status::Corruption("hash fields are not 32 bytes");
  ev.hash_ = hash.begin();
  if (!every_field) return Status::Ok();
  (void)env.getStreamId();
  (void)env.getActor();
  (void)env.getIdempotencyKey();
  if (env.getPrevHash().size() != 32) return Status::Corruption("hash fields are not 32 bytes");
  return Status::Ok();
}

namespace {
Status NotWholeWords(size_t bytes) {
  return Status::Corruption("event value of " + std::to_string(bytes) +
                            " bytes is not whole words");
}
}  // namespace

Result<RecordedEvent> Store::Decode(std::string_view value) {
  if (value.empty() || value.size() % sizeof(capnp::word) != 0)
    return Err(NotWholeWords(value.size()));
  try {
    RecordedEvent ev(value);
    FIJ_RETURN_IF_ERROR(CheckEnvelope(ev, /*every_field=*/true));
    return ev;
  } catch (const kj::Exception& e) {
    return Err(Status::Corruption(std::string("event does not decode: ") +
                                  e.getDescription().cStr()));
  }
}

namespace {
// Where the envelope's peeked fields are: data fields in words, pointers by index (from the
// compiled schema, so that a schema change cannot leave the peek reading the wrong field).
struct EnvelopeLayout {
  uint32_t position_word, recorded_at_us_word, type_pointer, hash_pointer;
};
const EnvelopeLayout& PeekLayout() {
  static const EnvelopeLayout kLayout = [] {
    capnp::StructSchema schema = capnp::Schema::from<Envelope>();
    auto slot = [&](const char* name, capnp::schema::Type::Which type) {
      auto field = schema.getFieldByName(name).getProto();
      FIJ_CHECK(field.isSlot() && field.getSlot().getType().which() == type) << name;
      return field.getSlot().getOffset();  // in units of the field's size: words, pointers
    };
    return EnvelopeLayout{slot("position", capnp::schema::Type::UINT64),
                          slot("recordedAtUs", capnp::schema::Type::INT64),
                          slot("eventType", capnp::schema::Type::TEXT),
                          slot("hash", capnp::schema::Type::DATA)};
  }();
  return kLayout;
}

uint64_t LoadWord(const char* at) {
  uint64_t w;
  std::memcpy(&w, at, sizeof w);  // Cap'n Proto is little-endian, as every host fij runs on
  return w;
}
// A pointer's signed offset (bits 2..31), in words from the end of the pointer.
int64_t PointerOffset(uint64_t pointer) {
  return static_cast<int32_t>(static_cast<uint32_t>(pointer)) >> 2;
}
}  // namespace

bool Store::PeekEnvelope(std::string_view value, EnvelopePeek& peek) {
  static_assert(std::endian::native == std::endian::little);
  if (value.empty() || value.size() % 8 != 0) return false;
  const int64_t words = static_cast<int64_t>(value.size() / 8);
  const char* base = value.data();
  const uint64_t root = LoadWord(base);
  if ((root & 3) != 0) return false;  // not a struct pointer (or a far one)
  const int64_t data = 1 + PointerOffset(root);
  const int64_t data_words = static_cast<int64_t>((root >> 32) & 0xffff);
  const int64_t pointers = static_cast<int64_t>(root >> 48);
  if (data < 1 || data + data_words + pointers > words) return false;
  const EnvelopeLayout& layout = PeekLayout();
  auto field = [&](uint32_t word) -> uint64_t {  // past the data section: the default, 0
    return word < data_words ? LoadWord(base + 8 * (data + word)) : 0;
  };
  // A Text or Data pointer's bytes: {nullptr, 0} for a null pointer, nullopt if it is not a
  // list of bytes inside the value.
  auto bytes = [&](uint32_t index) -> std::optional<std::string_view> {
    if (index >= pointers) return std::string_view();
    const int64_t at = data + data_words + index;
    const uint64_t pointer = LoadWord(base + 8 * at);
    if (pointer == 0) return std::string_view();
    if ((pointer & 3) != 1 || ((pointer >> 32) & 7) != 2) return std::nullopt;
    const int64_t start = at + 1 + PointerOffset(pointer);
    const uint64_t count = pointer >> 35;
    if (start < 1 || start > words || count > static_cast<uint64_t>(words - start) * 8)
      return std::nullopt;
    return std::string_view(base + 8 * start, count);
  };
  auto type = bytes(layout.type_pointer);
  auto hash = bytes(layout.hash_pointer);
  if (!type || !hash || hash->size() != 32) return false;
  if (type->data() == nullptr) {
    peek.type = {};
  } else {  // not null: its bytes end with a NUL the text does not count
    if (type->empty() || type->back() != '\0') return false;
    peek.type = type->substr(0, type->size() - 1);
  }
  peek.position = field(layout.position_word);
  peek.recorded_at_us = static_cast<int64_t>(field(layout.recorded_at_us_word));
  peek.hash = reinterpret_cast<const uint8_t*>(hash->data());
  return true;
}

Status Store::DecodeInPlace(std::string_view value, RecordedEvent& ev,
                            kj::Array<capnp::word>* aligned, bool every_field) {
  Status s;
  const bool unaligned = reinterpret_cast<uintptr_t>(value.data()) % alignof(capnp::word) != 0;
  if (unaligned && !aligned) {
    auto copy = Decode(value);
    if (copy) ev = std::move(*copy);
    else s = copy.error();
  } else if (value.empty() || value.size() % sizeof(capnp::word) != 0) {
    s = NotWholeWords(value.size());
  } else {
    const size_t n_words = value.size() / sizeof(capnp::word);
    const capnp::word* words = reinterpret_cast<const capnp::word*>(value.data());
    if (unaligned) {
      // capnp::word cannot be copied: a kj::Array, not a std::vector.
      if (aligned->size() < n_words) *aligned = kj::heapArray<capnp::word>(n_words);
      std::memcpy(aligned->begin(), value.data(), value.size());
      words = aligned->begin();
    }
    try {
      ev.Borrow(kj::arrayPtr(words, n_words));
      s = CheckEnvelope(ev, every_field);
    } catch (const kj::Exception& e) {
      s = Status::Corruption(std::string("event does not decode: ") + e.getDescription().cStr());
    }
  }
  if (!s.ok()) ev.body_.reset();
  return s;
}

namespace {
// An order-free digest of a set of stream index rows (stream, first version, first position,
// count): the sum, word by word, of each row's SHA-256. Two sets with equal digests and counts
// are equal unless SHA-256 collides.
struct RowSetDigest {
  std::array<uint64_t, 4> sum{};
  uint64_t rows = 0;
  void Add(std::string_view stream, uint64_t first_version, uint64_t first_pos, uint64_t count) {
    std::string bytes(stream);
    bytes.push_back('\0');
    PutU64(bytes, first_version);
    PutU64(bytes, first_pos);
    PutU64(bytes, count);
    Hash h = Sha256Of(bytes);
    const char* words = reinterpret_cast<const char*>(h.data());
    for (size_t w = 0; w < sum.size(); ++w) sum[w] += GetU64(words + 8 * w);
    ++rows;
  }
  bool operator==(const RowSetDigest&) const = default;
};

// The appends as the log shows them: a run of events of one stream and one idempotency key at
// consecutive positions is one append, which wrote exactly one stream index row (a key is
// never written twice, so two appends never share one).
class AppendRuns {
 public:
  // `emit(stream, first_version, first_position, count)` for each run as it ends.
  template <class Emit>
  void Next(const RecordedEvent& ev, Emit&& emit) {
    if (count_ && ev.position() == first_pos_ + count_ && ev.stream_id() == stream_ &&
        ev.idempotency_key() == key_) {
      ++count_;
      return;
    }
    End(emit);
    stream_.assign(ev.stream_id());
    key_.assign(ev.idempotency_key());
    first_pos_ = ev.position();
    first_version_ = ev.stream_version();
    count_ = 1;
  }
  template <class Emit>
  void End(Emit&& emit) {
    if (count_) emit(stream_, first_version_, first_pos_, count_);
    count_ = 0;
  }

 private:
  std::string stream_, key_;
  uint64_t first_pos_ = 0, first_version_ = 0, count_ = 0;
};
}  // namespace

Result<Store::VerifyReport> Store::VerifyChain(
    const std::function<void(uint64_t)>& progress) const {
  // Plain variables, not a structured binding: lambdas below capture them (clang 14 cannot
  // capture bindings).
  auto head_and_snapshot = impl_->HeadWithSnapshot();
  const Head h = head_and_snapshot.first;
  std::shared_ptr<const rocksdb::Snapshot> snapshot = std::move(head_and_snapshot.second);
  VerifyReport report;
  Hash prev{};
  Status failure;
  std::unordered_map<std::string, uint64_t> versions;  // stream -> its last version in the log
  RowSetDigest log_rows;  // the index rows the log's appends imply
  AppendRuns runs;
  auto add_log_row = [&](std::string_view stream, uint64_t v, uint64_t p, uint64_t n) {
    log_rows.Add(stream, v, p, n);
  };
  auto check = [&](const RecordedEvent& ev) {
    uint64_t pos = ev.position();
    std::string_view stream_id = ev.stream_id();
    auto found_version = versions.find(std::string(stream_id));
    if (found_version == versions.end())
      found_version = versions.emplace(std::string(stream_id), 0).first;
    uint64_t& version = found_version->second;
    if (ev.stream_version() != version + 1) {
      failure = Status::Corruption("event at position " + std::to_string(pos) + " is version " +
                                   std::to_string(ev.stream_version()) + " of stream '" +
                                   std::string(ev.stream_id()) + "', expected version " +
                                   std::to_string(version + 1));
      return false;
    }
    version = ev.stream_version();
    if (ev.prev_hash() != prev) {
      failure = Status::Corruption("hash chain broken at position " + std::to_string(pos) +
                                   ": its previous-hash does not match event " +
                                   std::to_string(pos - 1));
      return false;
    }
    auto computed = ComputeHash(prev, ev.words());
    if (!computed) {
      failure = Status::Corruption("event at position " + std::to_string(pos) + ": " +
                                   computed.error().message());
      return false;
    }
    if (*computed != ev.hash()) {
      failure = Status::Corruption("hash mismatch at position " + std::to_string(pos) +
                                   ": the event's bytes were altered");
      return false;
    }
    prev = *computed;
    runs.Next(ev, add_log_row);
    ++report.events;
    if (progress && (report.events & (kVerifyProgressEvery - 1)) == 0) progress(report.events);
    return true;
  };
  // Not ReadForward(1, 0, ...) for an empty log: there `to` = 0 means the head at call time,
  // which another thread may have moved since `h` was taken.
  Status s = h.position == 0 ? Status::Ok() : ReadForward(1, h.position, check);
  if (!s.ok()) {
    // ReadForward names the position in its message.
    return Err(s);
  }
  if (!failure.ok()) return Err(failure);
  if (progress && (report.events & (kVerifyProgressEvery - 1)) != 0) progress(report.events);
  runs.End(add_log_row);
  if (report.events != h.position)
    return Err(Status::Corruption("log has " + std::to_string(report.events) +
                                  " events but the head says " + std::to_string(h.position)));
  if (prev != h.hash)
    return Err(Status::Corruption("head hash does not match the last event (position " +
                                  std::to_string(h.position) + ")"));

  // The stream index: per stream, its rows must tile versions 1..last with no gap or overlap,
  // and the set of rows must be the set of the log's appends (AppendRuns): compared by digest,
  // in one sequential pass over the index and none over the log. Only when they differ are the
  // rows looked up in the log one by one, to name the first that disagrees.
  std::unordered_map<std::string, uint64_t> indexed;  // stream -> last version its rows cover
  RowSetDigest index_rows;
  rocksdb::ReadOptions at_head;
  at_head.snapshot = snapshot.get();
  auto row_label = [](const std::string& stream, uint64_t first_version, uint64_t first_pos,
                      uint64_t count) {
    return "stream index row of '" + stream + "' at version " + std::to_string(first_version) +
           " (position " + std::to_string(first_pos) + ", " + std::to_string(count) + " events)";
  };
  // Calls `row(stream, first_version, first_pos, count)` for each well-formed row in key order.
  auto scan_index = [&](const auto& row) -> Status {
    std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(at_head, impl_->streams));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto k = it->key();
      auto v = it->value();
      if (k.size() < 10 || k[k.size() - 9] != '\0' || v.size() != kStreamRowBytes)
        return Status::Corruption("stream index row '" + k.ToString(true) + "' is malformed");
      std::string stream(k.data(), k.size() - 9);
      FIJ_RETURN_IF_ERROR(row(stream, GetU64(k.data() + k.size() - 8), GetU64(v.data()),
                              static_cast<uint64_t>(GetU32(v.data() + 8))));
    }
    return FromRocks(it->status(), "scanning the stream index");
  };
  FIJ_RETURN_IF_ERROR(scan_index([&](const std::string& stream, uint64_t first_version,
                                     uint64_t first_pos, uint64_t count) -> Status {
    uint64_t& last = indexed[stream];
    const std::string row = row_label(stream, first_version, first_pos, count);
    if (first_version != last + 1)
      return Status::Corruption(row + " does not follow version " + std::to_string(last));
    if (count == 0 || first_pos == 0 || first_pos > h.position ||
        count - 1 > h.position - first_pos)
      return Status::Corruption(row + " lies outside the log (head " +
                                std::to_string(h.position) + ")");
    index_rows.Add(stream, first_version, first_pos, count);
    last = first_version + count - 1;
    return Status::Ok();
  }));
  for (const auto& [stream, version] : versions) {
    auto found = indexed.find(stream);
    uint64_t covered = found == indexed.end() ? 0 : found->second;
    if (covered != version)
      return Err(Status::Corruption("stream '" + stream + "' has " + std::to_string(version) +
                                    " events in the log but its index covers " +
                                    std::to_string(covered)));
  }
  if (!(index_rows == log_rows)) {
    // Name the first row whose ends disagree with the log...
    FIJ_RETURN_IF_ERROR(scan_index([&](const std::string& stream, uint64_t first_version,
                                       uint64_t first_pos, uint64_t count) -> Status {
      for (uint64_t pos : {first_pos, first_pos + count - 1}) {
        FIJ_ASSIGN_OR_RETURN(RecordedEvent ev, ReadOne(pos));
        if (ev.stream_id() != stream || ev.stream_version() != first_version + (pos - first_pos))
          return Status::Corruption(row_label(stream, first_version, first_pos, count) +
                                    " disagrees with the event at position " +
                                    std::to_string(pos));
      }
      return Status::Ok();
    }));
    // ...or else the first that is not one append of the log (two appends' rows merged, one
    // split): the log's appends, collected again, this time kept.
    std::set<std::tuple<std::string, uint64_t, uint64_t, uint64_t>> appends;
    AppendRuns again;
    auto keep = [&](std::string_view stream, uint64_t v, uint64_t p, uint64_t n) {
      appends.emplace(std::string(stream), v, p, n);
    };
    FIJ_RETURN_IF_ERROR(ReadForward(1, h.position, [&](const RecordedEvent& ev) {
      again.Next(ev, keep);
      return true;
    }));
    again.End(keep);
    FIJ_RETURN_IF_ERROR(scan_index([&](const std::string& stream, uint64_t first_version,
                                       uint64_t first_pos, uint64_t count) -> Status {
      if (!appends.count({stream, first_version, first_pos, count}))
        return Status::Corruption(row_label(stream, first_version, first_pos, count) +
                                  " is not one append of the log (an append's events share "
                                  "its stream, its idempotency key and consecutive positions)");
      return Status::Ok();
    }));
    return Err(Status::Corruption("the stream index disagrees with the log's appends"));
  }
  report.head_hash = prev;
  return report;
}

namespace {
// Copies every row of every column family as of `snapshot` into a fresh RocksDB at `dir`,
// through the WAL-less write path, then flushes (SST files and MANIFEST synced by RocksDB).
constexpr size_t kBackupBatchBytesMax = 4 << 20;

Status CopyInto(rocksdb::DB* source, const std::vector<rocksdb::ColumnFamilyHandle*>& from,
                const rocksdb::Snapshot* snapshot, const std::string& dir) {
  DbLayout layout = MakeLayout(/*read_only=*/false, nullptr);
  layout.db.error_if_exists = true;
  rocksdb::DB* raw = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> to;
  FIJ_RETURN_IF_ERROR(FromRocksWrite(rocksdb::DB::Open(layout.db, dir, layout.cfs, &to, &raw),
                                     "creating the backup", dir));
  std::unique_ptr<rocksdb::DB> db(raw);
  auto drop_handles = [&] {
    for (auto* h : to) db->DestroyColumnFamilyHandle(h);
    to.clear();
  };
  FIJ_CHECK(to.size() == from.size()) << to.size() << " column families, expected "
                                      << from.size();
  rocksdb::WriteOptions wo;
  wo.disableWAL = true;  // the flush below makes the copy durable
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  ro.fill_cache = false;
  Status failure;
  for (size_t i = 0; i < from.size() && failure.ok(); ++i) {
    std::unique_ptr<rocksdb::Iterator> it(source->NewIterator(ro, from[i]));
    rocksdb::WriteBatch batch;
    for (it->SeekToFirst(); it->Valid() && failure.ok(); it->Next()) {
      failure = FromRocks(batch.Put(to[i], it->key(), it->value()), "batching the backup");
      if (failure.ok() && batch.GetDataSize() >= kBackupBatchBytesMax) {
        failure = FromRocksWrite(db->Write(wo, &batch), "writing the backup", dir);
        batch.Clear();
      }
    }
    if (failure.ok()) failure = FromRocks(it->status(), "reading the store for the backup");
    if (failure.ok() && batch.Count() > 0)
      failure = FromRocksWrite(db->Write(wo, &batch), "writing the backup", dir);
  }
  if (failure.ok()) {
    rocksdb::FlushOptions fo;
    fo.wait = true;
    failure = FromRocksWrite(db->Flush(fo, to), "flushing the backup", dir);
  }
  drop_handles();
  if (failure.ok()) failure = FromRocksWrite(db->Close(), "closing the backup", dir);
  return failure;
}
}  // namespace

Result<Store::BackupReport> Store::Backup(const std::string& dir) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (dir.empty()) return Err(Status::InvalidArgument("a backup needs a directory"));
  if (fs::exists(dir, ec) || ec)
    return Err(Status::InvalidArgument("backup target '" + dir +
                                       "' already exists: name a new directory"));
  const fs::path target = fs::absolute(dir, ec).lexically_normal();
  if (ec) return Err(Status::IOError("backup target '" + dir + "': " + ec.message()));
  fs::create_directories(target.parent_path(), ec);
  if (ec)
    return Err(Status::IOError("cannot create '" + target.parent_path().string() +
                               "': " + ec.message()));
  const std::string partial = target.string() + ".partial-" + std::to_string(getpid());
  fs::remove_all(partial, ec);  // left by an earlier backup of this PID that crashed

  // Plain variables, not a structured binding: lambdas below capture them (clang 14 cannot
  // capture bindings).
  auto head_and_snapshot = impl_->HeadWithSnapshot();
  const Head h = head_and_snapshot.first;
  std::shared_ptr<const rocksdb::Snapshot> snapshot = std::move(head_and_snapshot.second);
  auto attempt = [&]() -> Result<BackupReport> {
    FIJ_RETURN_IF_ERROR(CopyInto(impl_->db, impl_->handles, snapshot.get(), partial));
    OpenOptions ro;
    ro.read_only = true;
    FIJ_ASSIGN_OR_RETURN(auto copy, Store::Open(partial, ro));
    if (copy->head().position != h.position || copy->head().hash != h.hash)
      return Err(Status::Corruption("the backup's head (position " +
                                    std::to_string(copy->head().position) +
                                    ") differs from the store's (position " +
                                    std::to_string(h.position) + ")"));
    FIJ_ASSIGN_OR_RETURN(auto verified, copy->VerifyChain());
    BackupReport report;
    report.events = verified.events;
    report.head = copy->head();
    return report;
  };
  auto report = attempt();
  if (report) {
    fs::rename(partial, target, ec);
    if (ec)
      report = Err(Status::IOError("cannot rename '" + partial + "' to '" + target.string() +
                                   "': " + ec.message()));
  }
  if (!report) {
    fs::remove_all(partial, ec);
    return Err(report.error());
  }
  FIJ_RETURN_IF_ERROR(SyncDir(target.parent_path()));
  spdlog::debug("backup of {} at position {} into {}", dir_, h.position, target.string());
  return report;
}

Result<std::string> Store::RawEventValueForTest(uint64_t position) const {
  std::string v;
  FIJ_RETURN_IF_ERROR(FromRocks(
      impl_->db->Get(rocksdb::ReadOptions(), impl_->events, EncodeU64(position), &v), "raw get"));
  return v;
}
Status Store::RawPutEventValueForTest(uint64_t position, std::string_view value) {
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return FromRocks(impl_->db->Put(wo, impl_->events, EncodeU64(position),
                                  rocksdb::Slice(value.data(), value.size())),
                   "raw put");
}
Status Store::RawDeleteEventForTest(uint64_t position) {
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return FromRocks(impl_->db->Delete(wo, impl_->events, EncodeU64(position)), "raw delete");
}

Hash Sha256Of(std::string_view bytes) {
  EVP_MD_CTX* ctx = Sha256Context();
  EVP_DigestUpdate(ctx, bytes.data(), bytes.size());
  return Sha256Final(ctx);
}

std::string HashHex(const Hash& h) {
  // Filled in place: replays call it once per event (5 % of a replay's instructions with
  // push_back).
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s(2 * h.size(), '0');
  for (size_t i = 0; i < h.size(); ++i) {
    s[2 * i] = kHex[h[i] >> 4];
    s[2 * i + 1] = kHex[h[i] & 15];
  }
  return s;
}

std::string EncodeU64(uint64_t v) {
  std::string s;
  PutU64(s, v);
  return s;
}
uint64_t DecodeU64(std::string_view s) {
  FIJ_CHECK(s.size() == 8) << "key of " << s.size() << " bytes";
  return GetU64(s.data());
}

}  // namespace fij::engine
