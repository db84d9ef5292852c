// IdTable: ids interned to dense numbers (decision 52). A fold that looks an entity up by id for
// every event, and never walks the entities in id order, keeps their facts in vectors indexed by
// the id's number instead of in a map keyed by the id string: the ids' bytes live once, back to
// back in one arena, and an open-addressing table (linear probing, at most 3/4 full) of 8-byte
// slots finds them. A lookup misses the cache on its slot and on the id's bytes; a
// std::unordered_map<std::string, T> node costs 40 bytes of key and links besides its bucket.
// Ids are only added, never removed.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/status.h"
#include "ledger/chunked_vector.h"

namespace fij::ledger {

class IdTable {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // The number of `id`, or kNone when it was never added.
  uint32_t Find(std::string_view id) const {
    if (slots_.empty()) return kNone;
    const uint64_t h = Hash(id);
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.at == 0) return kNone;
      if (s.tag == static_cast<uint32_t>(h >> 32) && IdAt(s.at - 1) == id) return NumberAt(s.at - 1);
    }
  }

  // The number of `id`, which must have been added (an event in the log was decided valid):
  // FIJ_CHECK naming it as `what` ("partner", "decision"...).
  uint32_t Known(std::string_view id, const char* what) const {
    const uint32_t n = Find(id);
    FIJ_CHECK(n != kNone) << what << " " << id << " is not known";
    return n;
  }

  // The number of `id`, added as the next number (size() before the call) when it is new.
  // `added` (if given) tells which.
  uint32_t Intern(std::string_view id, bool* added = nullptr) {
    if ((count_ + 1) * 4 > slots_.size() * 3) Grow();
    const uint64_t h = Hash(id);
    const size_t mask = slots_.size() - 1;
    size_t i = h & mask;
    for (;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.at == 0) break;
      if (s.tag == static_cast<uint32_t>(h >> 32) && IdAt(s.at - 1) == id) {
        if (added) *added = false;
        return NumberAt(s.at - 1);
      }
    }
    FIJ_CHECK(count_ < kNone) << "more than 2^32 - 1 ids";
    const uint32_t number = count_++;
    const uint32_t length = static_cast<uint32_t>(id.size());
    char* out = nullptr;
    const uint32_t at = arena_.Extend(kHeader + id.size(), &out);
    FIJ_CHECK(at < UINT32_MAX - 1) << "an id table's arena passed 4 GiB";
    std::memcpy(out, &number, 4);
    std::memcpy(out + 4, &length, 4);
    if (!id.empty()) std::memcpy(out + kHeader, id.data(), id.size());
    slots_[i] = Slot{static_cast<uint32_t>(h >> 32), at + 1};
    offsets_.push_back(at);
    if (added) *added = true;
    return number;
  }

  // The id numbered `number` (< size()).
  std::string_view Id(uint32_t number) const {
    FIJ_CHECK(number < count_) << "id number " << number << " out of " << count_;
    return IdAt(offsets_[number]);
  }
  size_t size() const { return count_; }
  // Bytes held (arena, offsets and slots, by capacity): what a benchmark reports.
  size_t bytes() const {
    return arena_.bytes() + offsets_.bytes() + slots_.capacity() * sizeof(Slot);
  }

 private:
  // An id in the arena: its number and length (4 bytes each, unaligned), then its bytes.
  static constexpr size_t kHeader = 8;
  struct Slot {
    uint32_t tag = 0;  // the hash's high 32 bits (its low bits chose the slot)
    uint32_t at = 0;   // the id's arena offset + 1; 0: empty
  };
  static uint64_t Hash(std::string_view id) { return std::hash<std::string_view>()(id); }
  uint32_t NumberAt(size_t at) const {
    uint32_t n;
    std::memcpy(&n, arena_.At(static_cast<uint32_t>(at)), 4);
    return n;
  }
  std::string_view IdAt(size_t at) const {
    uint32_t length;
    const char* p = arena_.At(static_cast<uint32_t>(at));
    std::memcpy(&length, p + 4, 4);
    return {p + kHeader, length};
  }
  void Grow() {
    std::vector<Slot> old =
        std::exchange(slots_, std::vector<Slot>(slots_.empty() ? 64 : slots_.size() * 2));
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.at == 0) continue;
      size_t i = Hash(IdAt(s.at - 1)) & mask;
      while (slots_[i].at != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  ChunkedBytes arena_;
  ChunkedVector<uint32_t, 14> offsets_;  // by number: the id's arena offset
  std::vector<Slot> slots_;
  uint32_t count_ = 0;
};

// Texts kept back to back in one buffer, each named by a Span (offset and size): what the
// registers of a projection-only State keep their names and ids in (decisions 54-56). A text
// is never changed nor freed: a new one is kept instead.
class TextArena {
 public:
  struct Span {
    uint32_t at = 0, size = 0;
  };
  Span Keep(std::string_view text) {
    return Span{bytes_.Append(text.data(), text.size()), static_cast<uint32_t>(text.size())};
  }
  std::string_view Text(Span s) const { return bytes_.View(s.at, s.size); }
  size_t bytes() const { return bytes_.bytes(); }

 private:
  ChunkedBytes bytes_;
};

}  // namespace fij::ledger
