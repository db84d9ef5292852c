// Little-endian length-prefixed bytes for checkpoints: integers as 8 bytes, strings with their
// length, event-typed fields as capnp messages through the codec. A ByteReader throws
// std::runtime_error on truncated or malformed input (callers turn it into Corruption).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "ledger/codec.h"

namespace fij::ledger {

// `v` as 8 little-endian bytes appended to `out`, and back from the 8 bytes at `b`.
inline void AppendLE64(std::string& out, uint64_t v) {
  char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out.append(b, 8);
}
inline uint64_t LoadLE64(const char* b) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(b[i])) << (8 * i);
  return v;
}

class ByteWriter {
 public:
  ByteWriter() = default;
  // A writer that hands its bytes to `sink` in chunks of at least `chunk_bytes` as it goes
  // (the last one, maybe shorter, at Finish()), instead of keeping them all in out_.
  ByteWriter(size_t chunk_bytes, std::function<void(std::string_view)> sink)
      : chunk_bytes_(chunk_bytes), sink_(std::move(sink)) {}
  void U64(uint64_t v) {
    AppendLE64(out_, v);
    MaybeFlush();
  }
  void I64(int64_t v) { U64(static_cast<uint64_t>(v)); }
  void Str(std::string_view s) {
    U64(s.size());
    out_ += s;
    MaybeFlush();
  }
  template <typename E>
  void Ev(const E& e) {  // an event-typed field, through the codec
    auto words = EncodeEvent(Event{e});
    Str(std::string_view(reinterpret_cast<const char*>(words.begin()), words.size() * sizeof(capnp::word)));
  }
  // Hands the bytes not yet handed over to the sink (a chunked writer).
  void Finish() {
    if (sink_ && !out_.empty()) Flush();
  }
  uint64_t total() const { return flushed_ + out_.size(); }  // every byte written so far
  std::string out_;

 private:
  void MaybeFlush() {
    if (sink_ && out_.size() >= chunk_bytes_) Flush();
  }
  void Flush() {
    sink_(out_);
    flushed_ += out_.size();
    out_.clear();
  }
  size_t chunk_bytes_ = 0;
  std::function<void(std::string_view)> sink_;
  uint64_t flushed_ = 0;
};

class ByteReader {
 public:
  // Reads `in` in place: the bytes must outlive the reader (a checkpoint's stored value).
  explicit ByteReader(std::string_view in) : in_(in) {}
  // Reads the chunks `next` returns in turn (nullopt after the last), each kept only until the
  // reader has moved past it: a large checkpoint is never held whole.
  explicit ByteReader(std::function<std::optional<std::string>()> next) : next_(std::move(next)) {}
  uint64_t U64() { return LoadLE64(Take(8).data()); }
  int64_t I64() { return static_cast<int64_t>(U64()); }
  std::string Str() { return std::string(View()); }
  // The next length-prefixed bytes, valid until the next read.
  std::string_view View() { return Take(U64()); }
  // An event-typed field, decoded from a word-aligned copy kept between calls (the stored
  // bytes need not be aligned), moved out of the decoded variant.
  template <typename E>
  E Ev() {
    std::string_view bytes = View();
    if (bytes.size() % sizeof(capnp::word)) throw std::runtime_error("misaligned event");
    size_t words = bytes.size() / sizeof(capnp::word);
    if (scratch_.size() < words) scratch_ = kj::heapArray<capnp::word>(std::max(words, 2 * scratch_.size()));
    std::memcpy(scratch_.begin(), bytes.data(), bytes.size());
    auto ev = DecodeFlatEvent(scratch_.asPtr().slice(0, words).asConst());
    if (!ev) throw std::runtime_error(ev.error().message());
    E* e = std::get_if<E>(&*ev);
    if (!e) throw std::runtime_error("unexpected event type in checkpoint");
    return std::move(*e);
  }
  // Whether the next bytes are `expected` (reading them).
  bool Matches(std::string_view expected) { return Take(expected.size()) == expected; }
  // Every byte read (the chunks too).
  bool done() {
    while (at_ == in_.size())
      if (!NextChunk()) return true;
    return false;
  }

 private:
  // The next `n` bytes, valid until the next read; across chunks they are gathered in spill_.
  std::string_view Take(uint64_t n) {
    if (n <= in_.size() - at_) {
      std::string_view v = in_.substr(at_, n);
      at_ += n;
      return v;
    }
    if (!next_) throw std::runtime_error("truncated");
    spill_.assign(in_.substr(at_));
    at_ = in_.size();
    while (spill_.size() < n) {
      if (!NextChunk()) throw std::runtime_error("truncated");
      size_t take = std::min<uint64_t>(n - spill_.size(), in_.size());
      spill_.append(in_.substr(0, take));
      at_ = take;
    }
    return spill_;
  }
  bool NextChunk() {
    if (!next_) return false;
    std::optional<std::string> c = next_();
    if (!c) return false;
    chunk_ = std::move(*c);
    in_ = chunk_;
    at_ = 0;
    return true;
  }

  std::string_view in_;
  size_t at_ = 0;
  std::function<std::optional<std::string>()> next_;
  std::string chunk_;
  std::string spill_;
  kj::Array<capnp::word> scratch_;
};

}  // namespace fij::ledger
