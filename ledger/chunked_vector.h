// ChunkedVector and ChunkedBytes: the growing arrays of a projection-only State's registers
// (decision 58). A std::vector that doubles holds up to half its capacity unused, and each
// reallocation copies it whole while the old block is still alive (jemalloc keeps the freed
// block's pages dirty for a while besides): at 10 M events the registers' vectors held about
// 25 MB of such slack. These grow by fixed-size chunks that never move: the slack is less than
// one chunk, a reference to an element stays valid as elements are added, and growing copies
// nothing. An element is found through the table of chunks (one more load than a vector's).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/status.h"

namespace fij::ledger {

// A sequence of T that only grows at its end, in chunks of 2^kShift elements (4 096 by
// default: 64 KiB of 16-byte records). T must be default-constructible and move-assignable: a
// chunk is allocated with its elements constructed, and emplace_back assigns the next one.
template <class T, unsigned kShift = 12>
class ChunkedVector {
 public:
  static constexpr size_t kChunk = size_t{1} << kShift;

  ChunkedVector() = default;
  ChunkedVector(ChunkedVector&&) noexcept = default;
  ChunkedVector& operator=(ChunkedVector&&) noexcept = default;
  ChunkedVector(const ChunkedVector& o) : size_(o.size_) {
    chunks_.reserve(o.chunks_.size());
    for (size_t c = 0; c < o.chunks_.size(); ++c) {
      chunks_.push_back(std::make_unique<T[]>(kChunk));
      const size_t n = std::min(kChunk, size_ - c * kChunk);
      for (size_t i = 0; i < n; ++i) chunks_[c][i] = o.chunks_[c][i];
    }
  }
  ChunkedVector& operator=(const ChunkedVector& o) {
    if (this != &o) *this = ChunkedVector(o);
    return *this;
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return chunks_[i >> kShift][i & (kChunk - 1)]; }
  const T& operator[](size_t i) const { return chunks_[i >> kShift][i & (kChunk - 1)]; }
  T& back() { return (*this)[size_ - 1]; }

  template <class... Args>
  T& emplace_back(Args&&... args) {
    if (size_ == chunks_.size() * kChunk) chunks_.push_back(std::make_unique<T[]>(kChunk));
    T& slot = (*this)[size_++];
    if constexpr (sizeof...(Args) > 0) slot = T(std::forward<Args>(args)...);
    return slot;
  }
  void push_back(T value) { emplace_back() = std::move(value); }

  // Bytes held by capacity (the chunks and their table): what a benchmark reports. Memory an
  // element owns (a member vector's heap) is the caller's to count.
  size_t bytes() const {
    return chunks_.size() * kChunk * sizeof(T) + chunks_.capacity() * sizeof(chunks_[0]);
  }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t size_ = 0;
};

// Bytes appended in runs that each stay contiguous, named by a 32-bit offset: the arenas of
// ids, names and loan schedules. A run that does not fit in the current chunk's remainder
// starts the next chunk (the remainder stays unused: at most the longest run, a few dozen
// bytes for an id or a name); a run longer than a chunk gets a block of as many chunks as it
// needs, each of their entries in the table pointing into it.
class ChunkedBytes {
 public:
  static constexpr unsigned kShift = 16;  // 64 KiB chunks
  static constexpr size_t kChunk = size_t{1} << kShift;

  ChunkedBytes() = default;
  ChunkedBytes(ChunkedBytes&&) noexcept = default;
  ChunkedBytes& operator=(ChunkedBytes&&) noexcept = default;
  ChunkedBytes(const ChunkedBytes& o) { *this = o; }
  ChunkedBytes& operator=(const ChunkedBytes& o) {
    if (this == &o) return *this;
    ChunkedBytes copy;
    for (size_t c = 0; c < o.starts_.size(); ++c) {
      const size_t end = c + 1 < o.starts_.size() ? o.starts_[c + 1] : o.table_.size();
      const size_t chunks = end - o.starts_[c];
      copy.NewBlock(chunks);
      std::memcpy(copy.blocks_.back().get(), o.blocks_[c].get(), chunks * kChunk);
    }
    copy.end_ = o.end_;
    return *this = std::move(copy);
  }

  // Makes room for `size` bytes as one contiguous run at the end; returns its offset (a
  // multiple of `align`, a power of two up to 16: chunks are 16-byte aligned), and where to
  // write them in *out.
  uint32_t Extend(size_t size, char** out, size_t align = 1) {
    size_t at = (end_ + align - 1) & ~(align - 1);
    const size_t room = table_.size() * kChunk - std::min(at, table_.size() * kChunk);
    if (size > room || room == 0) {  // an empty run too gets a byte of a chunk to point into
      at = table_.size() * kChunk;
      FIJ_CHECK(at + size < UINT32_MAX) << "a register's byte arena passed 4 GiB";
      NewBlock(std::max<size_t>(1, (size + kChunk - 1) / kChunk));
    }
    *out = table_[at >> kShift] + (at & (kChunk - 1));
    end_ = at + size;
    return static_cast<uint32_t>(at);
  }
  // Appends `size` bytes from `data` as one contiguous run; returns its offset.
  uint32_t Append(const void* data, size_t size) {
    char* out = nullptr;
    const uint32_t at = Extend(size, &out);
    if (size != 0) std::memcpy(out, data, size);
    return at;
  }
  // The run at `offset` (returned by Append): its bytes stay in place as long as this lives.
  const char* At(uint32_t offset) const {
    return table_[offset >> kShift] + (offset & (kChunk - 1));
  }
  char* At(uint32_t offset) { return table_[offset >> kShift] + (offset & (kChunk - 1)); }
  std::string_view View(uint32_t offset, uint32_t size) const { return {At(offset), size}; }
  // Bytes held by capacity (the chunks and the tables).
  size_t bytes() const {
    return table_.size() * kChunk + table_.capacity() * sizeof(char*) +
           blocks_.capacity() * sizeof(blocks_[0]) + starts_.capacity() * sizeof(uint32_t);
  }

 private:
  void NewBlock(size_t chunks) {
    // Not value-initialized: every byte read was written by Append first.
    // operator new[] returns memory aligned for any fundamental type (16 bytes here).
    blocks_.push_back(std::unique_ptr<char[]>(new char[chunks * kChunk]));
    starts_.push_back(static_cast<uint32_t>(table_.size()));
    for (size_t k = 0; k < chunks; ++k) table_.push_back(blocks_.back().get() + k * kChunk);
  }

  std::vector<char*> table_;                   // by chunk: where it lies
  std::vector<std::unique_ptr<char[]>> blocks_;  // what owns the chunks
  std::vector<uint32_t> starts_;               // by block: its first chunk in table_
  size_t end_ = 0;                             // the next free offset
};

}  // namespace fij::ledger
