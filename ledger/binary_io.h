// Little-endian length-prefixed bytes for checkpoints: integers as 8 bytes, strings with their
// length, event-typed fields as capnp messages through the codec. A ByteReader throws
// std::runtime_error on truncated or malformed input (callers turn it into Corruption).
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include "ledger/codec.h"

namespace fij::ledger {

class ByteWriter {
 public:
  void U64(uint64_t v) {
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  void I64(int64_t v) { U64(static_cast<uint64_t>(v)); }
  void Str(const std::string& s) {
    U64(s.size());
    out_ += s;
  }
  template <typename E>
  void Ev(const E& e) {  // an event-typed field, through the codec
    auto words = EncodeEvent(Event{e});
    Str(std::string(reinterpret_cast<const char*>(words.begin()), words.size() * sizeof(capnp::word)));
  }
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(const std::string& in) : in_(in) {}
  uint64_t U64() {
    if (at_ + 8 > in_.size()) throw std::runtime_error("truncated");
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(in_[at_ + i])) << (8 * i);
    at_ += 8;
    return v;
  }
  int64_t I64() { return static_cast<int64_t>(U64()); }
  std::string Str() {
    uint64_t n = U64();
    if (n > in_.size() - at_) throw std::runtime_error("truncated string");
    std::string s = in_.substr(at_, n);
    at_ += n;
    return s;
  }
  template <typename E>
  E Ev() {
    std::string bytes = Str();
    if (bytes.size() % sizeof(capnp::word)) throw std::runtime_error("misaligned event");
    auto words = kj::heapArray<capnp::word>(bytes.size() / sizeof(capnp::word));
    std::memcpy(words.begin(), bytes.data(), bytes.size());
    auto ev = DecodeFlatEvent(words.asPtr());
    if (!ev) throw std::runtime_error(ev.error().message());
    const E* e = std::get_if<E>(&*ev);
    if (!e) throw std::runtime_error("unexpected event type in checkpoint");
    return *e;
  }
  bool done() const { return at_ == in_.size(); }

 private:
  const std::string& in_;
  size_t at_ = 0;
};

}  // namespace fij::ledger
