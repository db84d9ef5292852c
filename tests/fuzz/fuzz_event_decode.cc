// Fuzz target: events from raw bytes, as the store reader, `fij log` and `fij verify` decode
// them. The input is tried both as a stored envelope (the `events` column family's value:
// engine::Store::Decode and Store::DecodeInPlace, the hash, ledger::DecodeEvent,
// ledger::RecordedEventToJson) and as a
// flat payload message (ledger::DecodeFlatEvent, as ledger/state_checkpoint.cc reads them).
//
// Properties (abort on violation):
// - no decoder throws or crashes: every refusal is a Status (Corruption) with a message;
// - decoding in place accepts whatever decoding a copy accepts, with the same envelope fields,
//   and what it alone accepts is safe to fold (decision 44);
// - an envelope that decodes has every accessor readable and a computable hash (the same twice);
// - the replays' lesser decodes (kFold, kPostings, kProjections) accept every event the full
//   decode accepts, as the same member, and the postings' gift has the full decode's fields;
// - Store::PeekEnvelope (the scans' reading of an event they skip) never reads outside the
//   input, whatever its alignment, and where it and Store::Decode both read an envelope they
//   read the same position, time, type and hash;
// - its JSON (fij log) is one line, and parses as a JSON object when it is valid UTF-8;
// - an event that decodes round-trips: encode -> decode gives the same member, and encoding that
//   again gives the same bytes (the codec is a fixed point after one pass).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include <capnp/common.h>
#include <kj/array.h>
#include <nlohmann/json.hpp>

#include "engine/status.h"
#include "engine/store.h"
#include "ledger/codec.h"
#include "ledger/events.h"

namespace {

using fij::engine::RecordedEvent;
using fij::engine::Store;

// Strict UTF-8 (RFC 3629): no overlong forms, surrogates or code points above U+10FFFF.
bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

void CheckRoundTrip(const fij::ledger::Event& event) {
  const kj::Array<capnp::word> once = fij::ledger::EncodeEvent(event);
  auto again = fij::ledger::DecodeFlatEvent(once);
  FIJ_CHECK(again.has_value()) << "an encoded " << fij::ledger::EventTypeName(event)
                               << " does not decode: " << again.error().ToString();
  FIJ_CHECK(again->index() == event.index()) << fij::ledger::EventTypeName(event);
  const kj::Array<capnp::word> twice = fij::ledger::EncodeEvent(*again);
  FIJ_CHECK(once.size() == twice.size() &&
            std::memcmp(once.begin(), twice.begin(), once.size() * sizeof(capnp::word)) == 0)
      << fij::ledger::EventTypeName(event) << " is not a fixed point of encode/decode";
  const fij::engine::NewEvent ne = fij::ledger::ToNewEvent(event);
  FIJ_CHECK(ne.type == fij::ledger::EventTypeName(event));
  FIJ_CHECK(ne.effective_date == fij::ledger::EffectiveDate(event));
}

// The posting replay's reader (Store::DecodeInPlace, one RecordedEvent reused from input to
// input, as from event to event). In place (the bytes word-aligned) it checks only the fields
// that replay reads (decision 44): it accepts every envelope Store::Decode accepts, with the
// same fields, and whatever it accepts has those fields and its payload's decoding safe. From a
// copy (one byte off) it is Store::Decode: the same verdict.
void CheckInPlace(const uint8_t* data, size_t size, const fij::Result<RecordedEvent>& copied) {
  static RecordedEvent reused;
  kj::Array<capnp::word> buffer = kj::heapArray<capnp::word>(size / sizeof(capnp::word) + 2);
  char* aligned = reinterpret_cast<char*>(buffer.begin());
  for (char* at : {aligned, aligned + 1}) {
    if (size) std::memcpy(at, data, size);
    fij::Status s = Store::DecodeInPlace(std::string_view(at, size), reused);
    FIJ_CHECK(at == aligned ? (s.ok() || !copied.has_value()) : s.ok() == copied.has_value())
        << (at == aligned ? "in place: " : "one byte off: ") << s.ToString() << "; copied: "
        << (copied ? std::string("ok") : copied.error().ToString());
    if (!s.ok()) {
      FIJ_CHECK(!s.message().empty());
      continue;
    }
    try {
      (void)reused.position();
      (void)reused.type();
      (void)reused.hash();
      (void)reused.recorded_at_us();
      // The replays' decodes: the State's fold, the projection-only replay's (decision 47) and
      // the posting replay's (report balance --full).
      for (auto detail : {fij::ledger::DecodeDetail::kFold, fij::ledger::DecodeDetail::kProjections,
                          fij::ledger::DecodeDetail::kPostings}) {
        auto event = fij::ledger::DecodeEvent(reused, detail);
        if (!event) {
          FIJ_CHECK(!event.error().message().empty());
        }
      }
    } catch (const kj::Exception& e) {
      FIJ_CHECK(false) << "a field the posting replay reads throws: " << e.getDescription().cStr();
    }
    if (!copied) continue;
    FIJ_CHECK(reused.position() == copied->position());
    FIJ_CHECK(reused.type() == copied->type());
    FIJ_CHECK(reused.hash() == copied->hash());
    FIJ_CHECK(reused.recorded_at_us() == copied->recorded_at_us());
  }
}

// The replays' decodes read subsets of the full decode's fields: they accept every event it
// accepts (a replay must not stop on an event `fij log` reads), as the same member, and what
// the posting replay reads of a gift is what the full decode read.
void CheckLesserDecodes(const RecordedEvent& recorded, const fij::ledger::Event& full) {
  using fij::ledger::DecodeDetail;
  for (auto detail : {DecodeDetail::kFold, DecodeDetail::kPostings, DecodeDetail::kProjections}) {
    auto lean = fij::ledger::DecodeEvent(recorded, detail);
    FIJ_CHECK(lean.has_value()) << fij::ledger::EventTypeName(full) << " decodes in full but not "
                                << "with detail " << static_cast<int>(detail) << ": "
                                << lean.error().ToString();
    FIJ_CHECK(lean->index() == full.index()) << fij::ledger::EventTypeName(full);
    if (detail != DecodeDetail::kPostings) continue;
    if (const auto* g = std::get_if<fij::ledger::GiftRecorded>(&full)) {
      const auto& p = std::get<fij::ledger::GiftRecorded>(*lean);
      FIJ_CHECK(p.gift_id == g->gift_id && p.partner_id == g->partner_id &&
                p.fund_id == g->fund_id && p.amount_cents == g->amount_cents && p.date == g->date &&
                p.announced_on == g->announced_on && p.method == g->method &&
                p.nature == g->nature && p.kind == g->kind &&
                p.counterparts_cents == g->counterparts_cents)
          << "a gift read for postings differs from its full decode: " << g->gift_id;
    }
  }
}

// The peek reads the bytes where they are: from an exact-size copy (so that ASan catches a read
// past the end) one byte off alignment, as RocksDB hands values over.
void CheckPeek(const uint8_t* data, size_t size, const fij::Result<RecordedEvent>& decoded) {
  std::unique_ptr<char[]> exact(new char[size + 1]);
  if (size) std::memcpy(exact.get() + 1, data, size);
  Store::EnvelopePeek peek;
  if (!Store::PeekEnvelope(std::string_view(exact.get() + 1, size), peek) || !decoded) return;
  FIJ_CHECK(peek.position == decoded->position());
  FIJ_CHECK(peek.recorded_at_us == decoded->recorded_at_us());
  FIJ_CHECK(peek.type == decoded->type()) << peek.type << " / " << decoded->type();
  FIJ_CHECK(std::memcmp(peek.hash, decoded->hash().data(), 32) == 0);
}

void CheckEnvelope(const uint8_t* data, size_t size) {
  auto ev = Store::Decode(std::string_view(reinterpret_cast<const char*>(data), size));
  CheckInPlace(data, size, ev);
  CheckPeek(data, size, ev);
  if (!ev) {
    FIJ_CHECK(!ev.error().message().empty());
    return;
  }
  FIJ_CHECK(size > 0 && size % sizeof(capnp::word) == 0) << size << " bytes decoded";
  // What VerifyChain and the readers call, all of which must now be safe.
  try {
    (void)ev->position();
    (void)ev->stream_id();
    (void)ev->stream_version();
    (void)ev->type();
    (void)ev->recorded_at_us();
    (void)ev->effective_date();
    (void)ev->actor();
    (void)ev->idempotency_key();
    (void)ev->prev_hash();
    (void)ev->hash();
    (void)ev->schema_version();
  } catch (const kj::Exception& e) {
    FIJ_CHECK(false) << "a decoded envelope's field throws: " << e.getDescription().cStr();
  }
  auto hash = Store::ComputeHash(ev->prev_hash(), ev->words());
  FIJ_CHECK(hash.has_value()) << "a decoded envelope has no hash: " << hash.error().ToString();
  auto hash_again = Store::ComputeHash(ev->prev_hash(), ev->words());
  FIJ_CHECK(hash_again.has_value() && *hash_again == *hash);

  auto event = fij::ledger::DecodeEvent(*ev);
  if (event) {
    CheckRoundTrip(*event);
    CheckLesserDecodes(*ev, *event);
  } else {
    FIJ_CHECK(!event.error().message().empty());
  }

  auto json = fij::ledger::RecordedEventToJson(*ev);
  if (json) {
    FIJ_CHECK(json->find('\n') == std::string::npos) << "fij log line spans lines: " << *json;
    FIJ_CHECK(json->starts_with("{") && json->ends_with("}")) << *json;
    if (ValidUtf8(*json)) {
      auto parsed = nlohmann::json::parse(*json, nullptr, /*allow_exceptions=*/false);
      FIJ_CHECK(parsed.is_object()) << "fij log line is not a JSON object: " << *json;
    }
  } else {
    FIJ_CHECK(!json.error().message().empty());
  }
}

void CheckFlat(const uint8_t* data, size_t size) {
  // Whole words only, aligned, as a flat array always is in memory.
  const size_t words = size / sizeof(capnp::word);
  if (words == 0) return;
  kj::Array<capnp::word> copy = kj::heapArray<capnp::word>(words);
  std::memcpy(copy.begin(), data, words * sizeof(capnp::word));
  auto event = fij::ledger::DecodeFlatEvent(copy);
  if (event) {
    CheckRoundTrip(*event);
  } else {
    FIJ_CHECK(!event.error().message().empty());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  CheckEnvelope(data, size);
  CheckFlat(data, size);
  return 0;
}
