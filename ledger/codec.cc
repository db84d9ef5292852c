#include "ledger/codec.h"
#include "ledger/overloaded.h"

#include <cctype>

#include <capnp/compat/json.h>
#include <capnp/dynamic.h>
#include <capnp/message.h>
#include <capnp/schema.h>
#include <capnp/serialize.h>

#include "ledger/schema/events.capnp.h"

namespace fij::ledger {
namespace {


// A capnp enum value outside the C++ enum's range means bytes from a newer schema or damage.
template <typename CppEnum, typename CapnpEnum>
CppEnum CheckedEnum(CapnpEnum v, const char* field) {
  // The count is read from the schema once per enum, not once per field decoded.
  static const uint16_t count = capnp::Schema::from<CapnpEnum>().getEnumerants().size();
  auto raw = static_cast<uint16_t>(v);
  KJ_REQUIRE(raw < count, "enum value out of range", field, raw);
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

// A GiftRecorded without its free texts and pledge id (DecodeDetail::kPostings): what the
// posting map reads of a gift.
GiftRecorded DecodeGiftForPostings(schema::GiftRecorded::Reader r) {
  GiftRecorded e;
  e.gift_id = r.getGiftId();
  e.partner_id = r.getPartnerId();
  e.fund_id = r.getFundId();
  e.amount_cents = r.getAmountCents();
  e.date = r.getDate();
  e.announced_on = r.getAnnouncedOn();
  e.method = CheckedEnum<decltype(e.method)>(r.getMethod(), "GiftRecorded.method");
  e.nature = CheckedEnum<decltype(e.nature)>(r.getNature(), "GiftRecorded.nature");
  e.kind = CheckedEnum<decltype(e.kind)>(r.getKind(), "GiftRecorded.kind");
  e.counterparts_cents = r.getCounterpartsCents();
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
    if (detail != DecodeDetail::kFull && root.which() == schema::Event::RECEIPT_ISSUED)
      return DecodeReceiptForFold(root.getReceiptIssued());
    if (detail == DecodeDetail::kPostings && root.which() == schema::Event::GIFT_RECORDED)
      return DecodeGiftForPostings(root.getGiftRecorded());
    if (detail == DecodeDetail::kProjections) return DecodeUnionForProjections(root);
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

bool ValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 ? 1 : -1;
    if (n < 0 || c > 0xf4 || end - p <= n) return false;
    uint32_t cp = c & (0x3f >> n);
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xc0) != 0x80) return false;
      cp = cp << 6 | (p[i] & 0x3f);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    p += n + 1;
  }
  return true;
}

namespace {
std::optional<std::string> NonUtf8In(capnp::DynamicStruct::Reader s, const std::string& path) {
  auto name = [&](capnp::StructSchema::Field f) {
    return path + "." + f.getProto().getName().cStr();
  };
  auto text_ok = [](capnp::Text::Reader t) {
    return ValidUtf8(std::string_view(t.begin(), t.size()));
  };
  for (auto f : s.getSchema().getFields()) {
    if (!s.has(f)) continue;
    auto v = s.get(f);
    auto type = v.getType();
    if (type == capnp::DynamicValue::TEXT) {
      if (!text_ok(v.as<capnp::Text>())) return name(f);
    } else if (type == capnp::DynamicValue::LIST) {
      for (auto x : v.as<capnp::DynamicList>()) {
        if (x.getType() == capnp::DynamicValue::TEXT && !text_ok(x.as<capnp::Text>()))
          return name(f);
        if (x.getType() == capnp::DynamicValue::STRUCT)
          if (auto bad = NonUtf8In(x.as<capnp::DynamicStruct>(), name(f))) return bad;
      }
    } else if (type == capnp::DynamicValue::STRUCT) {
      if (auto bad = NonUtf8In(v.as<capnp::DynamicStruct>(), name(f))) return bad;
    }
  }
  return std::nullopt;
}
}  // namespace

std::optional<std::string> NonUtf8Field(kj::ArrayPtr<const capnp::word> payload) {
  capnp::FlatArrayMessageReader reader(payload, Options());
  auto root = reader.getRoot<capnp::DynamicStruct>(capnp::Schema::from<schema::Event>());
  KJ_IF_MAYBE (member, root.which()) {
    auto body = root.get(*member).as<capnp::DynamicStruct>();
    std::string type = member->getProto().getName().cStr();
    if (!type.empty()) type[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(type[0])));
    return NonUtf8In(body, type);
  }
  return std::nullopt;
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
