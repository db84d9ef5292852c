// A RocksDB file system that fails on command, for fault-injection tests of engine/store.h
// (pass `Env()` as OpenOptions::env). Faults:
//   kDiskFull   once the byte budget is spent, the write that crosses it writes its prefix up
//               to the budget (a torn write, as a short write(2) leaves) and fails with
//               IOStatus::NoSpace; every later append and sync fails too. A sync fails only
//               after a refused append, so a write that fits is never reported lost.
//   kSyncFails  appends go through, every sync fails with NoSpace (fsync reporting ENOSPC on a
//               file system that allocates late): the data may or may not be durable.
//   kReadOnly   every write, sync, file creation, rename and delete fails with the IOError a
//               read-only mount gives ("Read-only file system"); reads work.
// Thread-safe: RocksDB calls it from its background threads too.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

namespace fij::engine::testing {

enum class Fault : int { kNone, kDiskFull, kSyncFails, kReadOnly };

class FaultFileSystem : public rocksdb::FileSystemWrapper {
 public:
  FaultFileSystem() : rocksdb::FileSystemWrapper(rocksdb::FileSystem::Default()) {}

  static const char* kClassName() { return "FijFaultFileSystem"; }
  const char* Name() const override { return kClassName(); }

  // Disk full after `bytes` more bytes are appended (0: the next append).
  void FailAfterBytes(uint64_t bytes) {
    budget_ = static_cast<int64_t>(bytes);
    exhausted_ = false;
    fault_ = Fault::kDiskFull;
  }
  void Set(Fault f) {
    budget_ = 0;
    exhausted_ = f == Fault::kDiskFull;
    fault_ = f;
  }
  void Clear() { fault_ = Fault::kNone; }
  uint64_t faults_injected() const { return injected_; }

  // An Env over this file system; the caller keeps both alive while a Store uses them.
  static std::pair<std::shared_ptr<FaultFileSystem>, std::unique_ptr<rocksdb::Env>> Make() {
    auto fs = std::make_shared<FaultFileSystem>();
    auto env = rocksdb::NewCompositeEnv(fs);
    return {fs, std::move(env)};
  }

  // ---- what the wrapped files ask ----
  // Returns ok and the number of bytes of `n` that may be written, or the error.
  rocksdb::IOStatus Admit(size_t n, size_t* allowed) {
    *allowed = 0;
    switch (fault_.load()) {
      case Fault::kNone:
      case Fault::kSyncFails: *allowed = n; return rocksdb::IOStatus::OK();
      case Fault::kReadOnly: return ReadOnlyError("append");
      case Fault::kDiskFull: {
        if (exhausted_) return NoSpace();
        int64_t left = budget_.fetch_sub(static_cast<int64_t>(n));
        if (left >= static_cast<int64_t>(n)) {
          *allowed = n;
          return rocksdb::IOStatus::OK();
        }
        exhausted_ = true;
        *allowed = left > 0 ? static_cast<size_t>(left) : 0;
        return NoSpace();
      }
    }
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus AdmitSync() {
    switch (fault_.load()) {
      case Fault::kNone: return rocksdb::IOStatus::OK();
      case Fault::kSyncFails: return NoSpace();
      case Fault::kReadOnly: return ReadOnlyError("sync");
      case Fault::kDiskFull: return exhausted_ ? NoSpace() : rocksdb::IOStatus::OK();
    }
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus AdmitMetadata(const char* op) {
    return fault_ == Fault::kReadOnly ? ReadOnlyError(op) : rocksdb::IOStatus::OK();
  }

  // ---- FileSystem ----
  rocksdb::IOStatus NewWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                                    std::unique_ptr<rocksdb::FSWritableFile>* r,
                                    rocksdb::IODebugContext* dbg) override {
    auto s = AdmitMetadata("create");
    if (s.ok()) s = target()->NewWritableFile(f, o, r, dbg);
    if (s.ok()) r->reset(new File(std::move(*r), this));
    return s;
  }
  rocksdb::IOStatus ReopenWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                                       std::unique_ptr<rocksdb::FSWritableFile>* r,
                                       rocksdb::IODebugContext* dbg) override {
    auto s = AdmitMetadata("reopen");
    if (s.ok()) s = target()->ReopenWritableFile(f, o, r, dbg);
    if (s.ok()) r->reset(new File(std::move(*r), this));
    return s;
  }
  rocksdb::IOStatus ReuseWritableFile(const std::string& f, const std::string& old,
                                      const rocksdb::FileOptions& o,
                                      std::unique_ptr<rocksdb::FSWritableFile>* r,
                                      rocksdb::IODebugContext* dbg) override {
    auto s = AdmitMetadata("reuse");
    if (s.ok()) s = target()->ReuseWritableFile(f, old, o, r, dbg);
    if (s.ok()) r->reset(new File(std::move(*r), this));
    return s;
  }
  rocksdb::IOStatus NewRandomRWFile(const std::string& f, const rocksdb::FileOptions& o,
                                    std::unique_ptr<rocksdb::FSRandomRWFile>* r,
                                    rocksdb::IODebugContext* dbg) override {
    auto s = AdmitMetadata("open for writing");
    return s.ok() ? target()->NewRandomRWFile(f, o, r, dbg) : s;
  }
  rocksdb::IOStatus DeleteFile(const std::string& f, const rocksdb::IOOptions& o,
                               rocksdb::IODebugContext* dbg) override {
    auto s = AdmitMetadata("delete");
    return s.ok() ? target()->DeleteFile(f, o, dbg) : s;
  }
  rocksdb::IOStatus RenameFile(const std::string& a, const std::string& b,
                               const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
    auto s = AdmitMetadata("rename");
    return s.ok() ? target()->RenameFile(a, b, o, dbg) : s;
  }
  rocksdb::IOStatus LinkFile(const std::string& a, const std::string& b,
                             const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
    auto s = AdmitMetadata("link");
    return s.ok() ? target()->LinkFile(a, b, o, dbg) : s;
  }
  rocksdb::IOStatus CreateDir(const std::string& d, const rocksdb::IOOptions& o,
                              rocksdb::IODebugContext* dbg) override {
    auto s = AdmitMetadata("mkdir");
    return s.ok() ? target()->CreateDir(d, o, dbg) : s;
  }
  rocksdb::IOStatus Truncate(const std::string& f, size_t size, const rocksdb::IOOptions& o,
                             rocksdb::IODebugContext* dbg) override {
    auto s = AdmitMetadata("truncate");
    return s.ok() ? target()->Truncate(f, size, o, dbg) : s;
  }

 private:
  class File : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile>&& t, FaultFileSystem* fs)
        : rocksdb::FSWritableFileOwnerWrapper(std::move(t)), fs_(fs) {}
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                             rocksdb::IODebugContext* dbg) override {
      size_t allowed = 0;
      auto s = fs_->Admit(data.size(), &allowed);
      if (allowed > 0) {
        auto w = target()->Append(rocksdb::Slice(data.data(), allowed), o, dbg);
        if (!w.ok()) return w;
      }
      return s;
    }
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                             const rocksdb::DataVerificationInfo& /*info*/,
                             rocksdb::IODebugContext* dbg) override {
      return Append(data, o, dbg);
    }
    rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset,
                                       const rocksdb::IOOptions& o,
                                       rocksdb::IODebugContext* dbg) override {
      size_t allowed = 0;
      auto s = fs_->Admit(data.size(), &allowed);
      if (allowed > 0) {
        auto w = target()->PositionedAppend(rocksdb::Slice(data.data(), allowed), offset, o, dbg);
        if (!w.ok()) return w;
      }
      return s;
    }
    rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset,
                                       const rocksdb::IOOptions& o,
                                       const rocksdb::DataVerificationInfo& /*info*/,
                                       rocksdb::IODebugContext* dbg) override {
      return PositionedAppend(data, offset, o, dbg);
    }
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
      auto s = fs_->AdmitSync();
      return s.ok() ? target()->Sync(o, dbg) : s;
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
      auto s = fs_->AdmitSync();
      return s.ok() ? target()->Fsync(o, dbg) : s;
    }
    rocksdb::IOStatus RangeSync(uint64_t offset, uint64_t n, const rocksdb::IOOptions& o,
                                rocksdb::IODebugContext* dbg) override {
      auto s = fs_->AdmitSync();
      return s.ok() ? target()->RangeSync(offset, n, o, dbg) : s;
    }

   private:
    FaultFileSystem* fs_;
  };

  rocksdb::IOStatus NoSpace() {
    ++injected_;
    return rocksdb::IOStatus::NoSpace("injected", "No space left on device");
  }
  rocksdb::IOStatus ReadOnlyError(const char* op) {
    ++injected_;
    return rocksdb::IOStatus::IOError(std::string("injected ") + op, "Read-only file system");
  }

  std::atomic<Fault> fault_{Fault::kNone};
  std::atomic<int64_t> budget_{0};
  std::atomic<bool> exhausted_{false};
  std::atomic<uint64_t> injected_{0};
};

}  // namespace fij::engine::testing
