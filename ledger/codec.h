// Converts events between the C++ structs of ledger/events.h and their Cap'n Proto form
// (ledger/schema/events.capnp). The only place that includes the generated headers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <capnp/common.h>
#include <kj/array.h>

#include "engine/status.h"
#include "engine/store.h"
#include "ledger/events.h"

namespace fij::ledger {

inline constexpr uint16_t kSchemaVersion = 1;

// A flat capnp message (with segment table) holding one Event union: the engine's payload.
kj::Array<capnp::word> EncodeEvent(const Event& event);
// Corruption if the payload does not decode or carries an unknown union member.
// How much of an event to decode. kFold leaves out what no fold keeps: a ReceiptIssued's
// frozen mentions (names, addresses, amount in words, certification...), which the State does
// not hold (decision 28) and which are read back whole by position when a receipt is shown;
// a quarter of a history's events are receipts, and their mentions were most of its decoding.
// Every other event, and a ReceiptIssued's numbers, ids, dates and amounts, decode whole.
// kPostings is kFold less what the posting map never reads (the posting replay of a full trial
// balance, decision 44): a GiftRecorded's free texts and pledge id.
// kProjections is kFold less the texts a projection-only State drops as it applies them and no
// projection or posting reads (decision 47; the list is scripts/gen_codec.py's
// PROJECTIONS_SKIP): a partner's SIREN, legal form and address, a gift's free texts, a
// project's carrier form, territory and description, a decision's conditions, an expense's
// description. Only for a projection-only replay, whose visitors see the events so decoded.
enum class DecodeDetail { kFull, kFold, kPostings, kProjections };
Result<Event> DecodeEvent(const engine::RecordedEvent& recorded,
                          DecodeDetail detail = DecodeDetail::kFull);
// Decodes a flat message as produced by EncodeEvent (fuzzing entry point).
Result<Event> DecodeFlatEvent(kj::ArrayPtr<const capnp::word> words);

// Stored text is UTF-8 (JSON output, receipts, journals rely on it). ValidUtf8: strict (no
// overlong forms, surrogates or code points above U+10FFFF). NonUtf8Field: the first text field
// of an encoded event (EncodeEvent) that is not, named "GiftRecorded.description", or nullopt.
bool ValidUtf8(std::string_view text);
std::optional<std::string> NonUtf8Field(kj::ArrayPtr<const capnp::word> payload);
// The whole recorded event (envelope and payload) as one line of JSON, via capnp's JsonCodec.
Result<std::string> RecordedEventToJson(const engine::RecordedEvent& recorded);
// The engine NewEvent for an event (type name, effective date, payload).
engine::NewEvent ToNewEvent(const Event& event);

}  // namespace fij::ledger
