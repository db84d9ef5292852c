#include "ledger/codec.h"
#include "ledger/overloaded.h"

#include <capnp/compat/json.h>
#include <capnp/message.h>
#include <capnp/schema.h>
#include <capnp/serialize.h>

#include "ledger/schema/events.capnp.h"

namespace fij::ledger {
namespace {


// A capnp enum value outside the C++ enum's range means bytes from a newer schema or damage.
template <typename CppEnum, typename CapnpEnum>
CppEnum CheckedEnum(CapnpEnum v, const char* field) {
  auto raw = static_cast<uint16_t>(v);
  KJ_REQUIRE(raw < capnp::Schema::from<CapnpEnum>().getEnumerants().size(),
             "enum value out of range", field, raw);
  return static_cast<CppEnum>(raw);
}

#include "ledger/codec_generated.inc"

// A ReceiptIssued without its mentions (DecodeDetail::kFold): what ReceiptSummary and the
// invariants read.
ReceiptIssued DecodeReceiptForFold(schema::ReceiptIssued::Reader r) {
  ReceiptIssued e;
  e.number = r.getNumber();
  e.fund_id = r.getFundId();
  e.year = r.getYear();
  e.sequence = r.getSequence();
  e.issued_on = r.getIssuedOn();
  e.form = CheckedEnum<decltype(e.form)>(r.getForm(), "ReceiptIssued.form");
  for (auto x : r.getGiftIds()) e.gift_ids.emplace_back(x);
  e.period_from = r.getPeriodFrom();
  e.period_to = r.getPeriodTo();
  e.amount_cents = r.getAmountCents();
  e.partner_id = r.getPartnerId();
  e.donor_kind = CheckedEnum<decltype(e.donor_kind)>(r.getDonorKind(), "ReceiptIssued.donorKind");
  e.replaces = r.getReplaces();
  return e;
}

capnp::ReaderOptions Options() {
  capnp::ReaderOptions o;
  o.traversalLimitInWords = engine::kEventBytesMax / sizeof(capnp::word) * 4;
  o.nestingLimit = 32;
  return o;
}

}  // namespace

kj::Array<capnp::word> EncodeEvent(const Event& event) {
  capnp::MallocMessageBuilder mb(256);
  EncodeUnion(event, mb.initRoot<schema::Event>());
  return capnp::messageToFlatArray(mb);
}

engine::NewEvent ToNewEvent(const Event& event) {
  engine::NewEvent ne;
  ne.type = EventTypeName(event);
  ne.effective_date = EffectiveDate(event);
  ne.schema_version = kSchemaVersion;
  ne.payload = EncodeEvent(event);
  return ne;
}

Result<Event> DecodeEvent(const engine::RecordedEvent& recorded, DecodeDetail detail) {
  try {
    auto root = recorded.payload().getAs<schema::Event>();
    if (detail == DecodeDetail::kFold && root.which() == schema::Event::RECEIPT_ISSUED)
      return DecodeReceiptForFold(root.getReceiptIssued());
    return DecodeUnion(root);
  } catch (const kj::Exception& e) {
    return Err(Status::Corruption("event at position " + std::to_string(recorded.position()) +
                                  " does not decode: " + e.getDescription().cStr()));
  }
}

Result<Event> DecodeFlatEvent(kj::ArrayPtr<const capnp::word> words) {
  try {
    capnp::FlatArrayMessageReader reader(words, Options());
    return DecodeUnion(reader.getRoot<schema::Event>());
  } catch (const kj::Exception& e) {
    return Err(Status::Corruption(std::string("event does not decode: ") +
                                  e.getDescription().cStr()));
  }
}

Result<std::string> RecordedEventToJson(const engine::RecordedEvent& recorded) {
  try {
    capnp::JsonCodec codec;
    codec.setPrettyPrint(false);
    codec.handleByAnnotation<schema::RecordedEvent>();
    auto typed = recorded.envelope().as<schema::RecordedEvent>();
    kj::String s = codec.encode(typed);
    return std::string(s.cStr());
  } catch (const kj::Exception& e) {
    return Err(Status::Corruption("event at position " + std::to_string(recorded.position()) +
                                  " does not encode as JSON: " + e.getDescription().cStr()));
  }
}

}  // namespace fij::ledger
