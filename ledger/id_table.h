// IdTable: ids interned to dense numbers (decision 52). A fold that looks an entity up by id for
// every event, and never walks the entities in id order, keeps their facts in vectors indexed by
// the id's number instead of in a map keyed by the id string: the ids' bytes live once, back to
// back in one arena, and an open-addressing table (linear probing, at most 3/4 full) of 8-byte
// slots finds them. A lookup misses the cache on its slot and on the id's bytes; a
// std::unordered_map<std::string, T> node costs 40 bytes of key and links besides its bucket.
// Ids are only added, never removed.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/status.h"
#include "ledger/chunked_vector.h"
#include "ledger/prefetch.h"

namespace fij::ledger {

// BasicIdTable<Record> also keeps a Record beside each id, in the arena just before the id's
// number and bytes (decision 74): a register whose lookup reads the entity's record right away
// finds it in the cache line the id's comparison just loaded, instead of missing again on a
// vector indexed by the number. A Record is trivially copyable (the arena is copied bytewise)
// and starts value-initialized when its id is added. IdTable keeps none.
template <class Record = void>
class BasicIdTable {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // The number of `id`, or kNone when it was never added.
  uint32_t Find(std::string_view id) const {
    const uint32_t at = FindEntry(id);
    return at == 0 ? kNone : NumberAt(at - 1);
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
    const uint32_t at = arena_.Extend(kRecordBytes + kHeader + id.size(), &out, kAlign);
    FIJ_CHECK(at < UINT32_MAX - 1) << "an id table's arena passed 4 GiB";
    if constexpr (kHasRecord) new (out) Record{};
    std::memcpy(out + kRecordBytes, &number, 4);
    std::memcpy(out + kRecordBytes + 4, &length, 4);
    if (!id.empty()) std::memcpy(out + kRecordBytes + kHeader, id.data(), id.size());
    slots_[i] = Slot{static_cast<uint32_t>(h >> 32), at + 1};
    offsets_.push_back(at);
    if (added) *added = true;
    return number;
  }

  // The record of `id`, or nullptr when it was never added (a BasicIdTable with a Record).
  template <class R = Record>
  const R* FindRecord(std::string_view id) const {
    const uint32_t at = FindEntry(id);
    return at == 0 ? nullptr : reinterpret_cast<const R*>(arena_.At(at - 1));
  }
  template <class R = Record>
  R* FindRecord(std::string_view id) {
    return const_cast<R*>(std::as_const(*this).template FindRecord<R>(id));
  }
  // The record of the id numbered `number` (< size()).
  template <class R = Record>
  const R& RecordOf(uint32_t number) const {
    FIJ_CHECK(number < count_) << "id number " << number << " out of " << count_;
    return *reinterpret_cast<const R*>(arena_.At(offsets_[number]));
  }
  template <class R = Record>
  R& RecordOf(uint32_t number) {
    return const_cast<R&>(std::as_const(*this).template RecordOf<R>(number));
  }

  // Fetching ahead (decision 77): a fold that knows which ids its next events look up asks for
  // their memory before it needs it, in three passes over a batch, each issuing every load of its
  // stage before the next stage waits on any: HashOf each id, PrefetchSlot(hash), then
  // PrefetchEntry(hash) (which reads the slot the first pass fetched). Neither changes the table
  // nor compares ids: a wrong guess only fetches a line for nothing.
  static uint64_t HashOf(std::string_view id) { return Hash(id); }
  void PrefetchSlot(uint64_t hash) const {
    if (!slots_.empty()) FetchLine(&slots_[hash & (slots_.size() - 1)]);
  }
  // Fetches the entry (record, number and first bytes of the id) of the first slot on `hash`'s
  // probe whose tag matches; returns the entry, or nullptr when no slot matches. A matching tag
  // may be another id's (one chance in 2^32): the entry is a guess, only good to fetch with.
  const char* PrefetchEntry(uint64_t hash) const {
    if (slots_.empty()) return nullptr;
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.at == 0) return nullptr;
      if (s.tag != static_cast<uint32_t>(hash >> 32)) continue;
      const char* entry = arena_.At(s.at - 1);
      FetchLine(entry);
      FetchLine(entry + kRecordBytes + kHeader);  // the id, maybe on the next line
      return entry;
    }
  }

  // The number of the entry PrefetchEntry returned (reading it waits for the entry's line).
  static uint32_t NumberOfEntry(const char* entry) {
    uint32_t n;
    std::memcpy(&n, entry + kRecordBytes, 4);
    return n;
  }
  // The first two passes for up to kFetchRun ids: every slot, then every entry; entries[i] is
  // then ids[i]'s entry as guessed (nullptr: none).
  static constexpr size_t kFetchRun = 128;
  void FetchEntries(std::span<const std::string_view> ids, const char** entries) const {
    FIJ_CHECK(ids.size() <= kFetchRun) << ids.size() << " ids in one run";
    uint64_t hashes[kFetchRun];
    for (size_t i = 0; i < ids.size(); ++i) {
      hashes[i] = Hash(ids[i]);
      PrefetchSlot(hashes[i]);
    }
    for (size_t i = 0; i < ids.size(); ++i) entries[i] = PrefetchEntry(hashes[i]);
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
  static constexpr bool kHasRecord = !std::is_void_v<Record>;
  struct NoRecord {};
  using Stored = std::conditional_t<kHasRecord, Record, NoRecord>;
  static_assert(std::is_trivially_copyable_v<Stored> && std::is_trivially_destructible_v<Stored>,
                "a record is copied and dropped with the arena's bytes");
  static_assert(alignof(Stored) <= 8);
  // A record's bytes, rounded up to 8 so that the next entry's record stays aligned.
  static constexpr size_t kRecordBytes = kHasRecord ? (sizeof(Stored) + 7) / 8 * 8 : 0;
  static constexpr size_t kAlign = kHasRecord ? 8 : 1;
  // An id in the arena: its record (if any), its number and length (4 bytes each, unaligned),
  // then its bytes.
  static constexpr size_t kHeader = 8;
  struct Slot {
    uint32_t tag = 0;  // the hash's high 32 bits (its low bits chose the slot)
    uint32_t at = 0;   // the entry's arena offset + 1; 0: empty
  };
  static uint64_t Hash(std::string_view id) { return std::hash<std::string_view>()(id); }
  // The arena offset + 1 of `id`'s entry, 0 when it was never added.
  uint32_t FindEntry(std::string_view id) const {
    if (slots_.empty()) return 0;
    const uint64_t h = Hash(id);
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.at == 0) return 0;
      if (s.tag == static_cast<uint32_t>(h >> 32) && IdAt(s.at - 1) == id) return s.at;
    }
  }
  uint32_t NumberAt(size_t at) const {
    uint32_t n;
    std::memcpy(&n, arena_.At(static_cast<uint32_t>(at)) + kRecordBytes, 4);
    return n;
  }
  std::string_view IdAt(size_t at) const {
    uint32_t length;
    const char* p = arena_.At(static_cast<uint32_t>(at)) + kRecordBytes;
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
  ChunkedVector<uint32_t, 14> offsets_;  // by number: the entry's arena offset
  std::vector<Slot> slots_;
  uint32_t count_ = 0;
};

using IdTable = BasicIdTable<>;

// Fetches ahead (decision 77) the records a register keeps by id number in `records` (indexed
// by number, with size()) for every id of `ids`, in runs: slots, entries, then the records.
// then(record) is called for each record found, after the run's records were all asked for,
// to fetch what the record points to.
template <class Records, class Then>
void FetchRecords(const IdTable& table, const Records& records,
                  std::span<const std::string_view> ids, Then&& then) {
  const char* entries[IdTable::kFetchRun];
  using Record = std::remove_cvref_t<decltype(records[0])>;
  const Record* found[IdTable::kFetchRun];
  for (size_t begin = 0; begin < ids.size(); begin += IdTable::kFetchRun) {
    const size_t n = std::min(IdTable::kFetchRun, ids.size() - begin);
    table.FetchEntries(ids.subspan(begin, n), entries);
    for (size_t i = 0; i < n; ++i) {
      found[i] = nullptr;
      if (entries[i] == nullptr) continue;
      const uint32_t number = IdTable::NumberOfEntry(entries[i]);
      if (number >= records.size()) continue;  // a tag shared with an id not yet added
      found[i] = &records[number];
      FetchLine(found[i]);
      FetchLine(reinterpret_cast<const char*>(found[i]) + sizeof(*found[i]) - 1);
    }
    for (size_t i = 0; i < n; ++i)
      if (found[i] != nullptr) then(*found[i]);
  }
}

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
