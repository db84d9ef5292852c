// The codec: every event round-trips field for field, and bytes that are not an event give a
// Corruption status, never a crash.
//
// The round trip is driven by the schema itself (capnp reflection over the Event union), so an
// event added to ledger/schema/events.capnp is covered without touching this file. That is why
// this test, unlike any other file but codec.cc, includes the generated header.
#include "ledger/codec.h"

#include <capnp/dynamic.h>
#include <capnp/message.h>
#include <capnp/schema.h>
#include <capnp/serialize.h>
#include <gtest/gtest.h>

#include <cctype>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "ledger/schema/events.capnp.h"

namespace fij::ledger {
namespace {

constexpr int kGarbageCases = 2000;
constexpr size_t kGarbageWordsMax = 256;

capnp::StructSchema EventSchema() { return capnp::Schema::from<schema::Event>(); }

std::string Name(capnp::StructSchema::Field f) { return f.getProto().getName().cStr(); }

// "giftRecorded" -> "GiftRecorded": the union member's name is the event's type name.
std::string TypeName(capnp::StructSchema::Field member) {
  std::string n = Name(member);
  n[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(n[0])));
  return n;
}

// A value for one field or list element of type `t`, unlike the default and distinct per
// `salt`, and within the range of the capnp type (a narrower C++ field would lose it).
void SetValue(capnp::DynamicStruct::Builder s, capnp::StructSchema::Field f, uint32_t salt);

void FillStruct(capnp::DynamicStruct::Builder s, uint32_t& salt) {
  ASSERT_EQ(0u, s.getSchema().getUnionFields().size())
      << "a union inside an event: teach FillStruct to fill it";
  for (auto f : s.getSchema().getNonUnionFields()) SetValue(s, f, ++salt);
}

void SetListElement(capnp::DynamicList::Builder list, uint32_t i, capnp::Type t, uint32_t salt) {
  // The schema's lists hold Text today; other element types are added here when they appear
  // (an if chain rather than a switch: -Wswitch-enum would demand every type).
  if (t.isText()) {
    std::string v = "item" + std::to_string(salt);
    list.set(i, capnp::Text::Reader(v.c_str()));
  } else if (t.which() == capnp::schema::Type::INT64) {
    list.set(i, static_cast<int64_t>(salt) * 1'000'003);
  } else if (t.which() == capnp::schema::Type::UINT32) {
    list.set(i, static_cast<uint32_t>(20240000 + salt));
  } else if (t.isStruct()) {
    uint32_t inner = salt * 100;
    FillStruct(list[i].as<capnp::DynamicStruct>(), inner);
  } else {
    ADD_FAILURE() << "list element type " << static_cast<int>(t.which())
                  << ": teach SetListElement to fill it";
  }
}

void SetValue(capnp::DynamicStruct::Builder s, capnp::StructSchema::Field f, uint32_t salt) {
  capnp::Type t = f.getType();
  switch (t.which()) {
    case capnp::schema::Type::VOID:
      return;
    case capnp::schema::Type::BOOL:
      s.set(f, true);
      return;
    case capnp::schema::Type::INT8:
      s.set(f, static_cast<int8_t>(-(static_cast<int>(salt % 100) + 1)));
      return;
    case capnp::schema::Type::INT16:
      s.set(f, static_cast<int16_t>(-1000 - static_cast<int>(salt % 1000)));
      return;
    case capnp::schema::Type::INT32:
      s.set(f, static_cast<int32_t>(2000 + salt));
      return;
    case capnp::schema::Type::INT64:
      // Above 2^32 and negative-free: a value that survives only in 64 bits.
      s.set(f, static_cast<int64_t>(salt) * 1'000'000'007LL + 5'000'000'000LL);
      return;
    case capnp::schema::Type::UINT8:
      s.set(f, static_cast<uint8_t>(salt % 200 + 1));
      return;
    case capnp::schema::Type::UINT16:
      s.set(f, static_cast<uint16_t>(1000 + salt % 60000));
      return;
    case capnp::schema::Type::UINT32:
      s.set(f, static_cast<uint32_t>(20240000 + salt));
      return;
    case capnp::schema::Type::UINT64:
      s.set(f, static_cast<uint64_t>(salt) * 10'000'000'019ULL);
      return;
    case capnp::schema::Type::FLOAT32:
      s.set(f, static_cast<float>(salt) + 0.5f);
      return;
    case capnp::schema::Type::FLOAT64:
      s.set(f, static_cast<double>(salt) + 0.25);
      return;
    case capnp::schema::Type::TEXT: {
      // Accents too: names and addresses are French.
      std::string v = Name(f) + " é#" + std::to_string(salt);
      s.set(f, capnp::Text::Reader(v.c_str()));
      return;
    }
    case capnp::schema::Type::DATA: {
      std::vector<kj::byte> v = {0, 0xff, static_cast<kj::byte>(salt)};
      s.set(f, capnp::Data::Reader(v.data(), v.size()));
      return;
    }
    case capnp::schema::Type::ENUM: {
      // The last enumerant: never the default (0) when there are two or more.
      auto enumerants = t.asEnum().getEnumerants();
      s.set(f, capnp::DynamicEnum(enumerants[enumerants.size() - 1]));
      return;
    }
    case capnp::schema::Type::LIST: {
      auto list = s.init(f, 3).as<capnp::DynamicList>();
      for (uint32_t i = 0; i < 3; ++i)
        SetListElement(list, i, t.asList().getElementType(), salt * 10 + i);
      return;
    }
    case capnp::schema::Type::STRUCT: {
      uint32_t inner = salt * 100;
      FillStruct(s.init(f).as<capnp::DynamicStruct>(), inner);
      return;
    }
    case capnp::schema::Type::INTERFACE:
    case capnp::schema::Type::ANY_POINTER:
      ADD_FAILURE() << "field " << Name(f) << ": events hold data only";
      return;
  }
}

std::string Stringify(capnp::DynamicValue::Reader v) { return kj::str(v).cStr(); }

// Compares two encoded events member and field by field, naming the first difference.
void ExpectSameFields(kj::ArrayPtr<const capnp::word> expected,
                      kj::ArrayPtr<const capnp::word> actual) {
  capnp::FlatArrayMessageReader ra(expected), rb(actual);
  auto a = ra.getRoot<capnp::DynamicStruct>(EventSchema());
  auto b = rb.getRoot<capnp::DynamicStruct>(EventSchema());
  KJ_IF_MAYBE (ma, a.which()) {
    KJ_IF_MAYBE (mb, b.which()) {
      ASSERT_EQ(Name(*ma), Name(*mb));
      auto sa = a.get(*ma).as<capnp::DynamicStruct>();
      auto sb = b.get(*mb).as<capnp::DynamicStruct>();
      for (auto f : sa.getSchema().getFields())
        EXPECT_EQ(Stringify(sa.get(f)), Stringify(sb.get(f))) << Name(*ma) << "." << Name(f);
      return;
    }
  }
  ADD_FAILURE() << "an encoding without a known union member";
}

kj::Array<capnp::word> Copy(kj::ArrayPtr<const capnp::word> words) {
  auto out = kj::heapArray<capnp::word>(words.size());
  if (words.size()) std::memcpy(out.begin(), words.begin(), words.size() * sizeof(capnp::word));
  return out;
}

// Every field of every union member filled, decoded to C++, encoded again: the same fields.
TEST(CodecTest, EveryEventRoundTripsFieldForField) {
  auto members = EventSchema().getUnionFields();
  EXPECT_EQ(std::variant_size_v<Event>, members.size())
      << "every C++ event needs a union member and the reverse";
  std::set<size_t> alternatives;
  for (auto member : members) {
    SCOPED_TRACE(Name(member));
    capnp::MallocMessageBuilder mb;
    auto root = mb.initRoot<capnp::DynamicStruct>(EventSchema());
    uint32_t salt = 0;
    FillStruct(root.init(member).as<capnp::DynamicStruct>(), salt);
    kj::Array<capnp::word> original = capnp::messageToFlatArray(mb);

    Result<Event> decoded = DecodeFlatEvent(original);
    ASSERT_TRUE(decoded.has_value()) << decoded.error().ToString();
    EXPECT_EQ(TypeName(member), EventTypeName(*decoded));
    alternatives.insert(decoded->index());

    kj::Array<capnp::word> again = EncodeEvent(*decoded);
    ExpectSameFields(original, again);

    // And the C++ side is a fixed point: decoding the re-encoding and encoding it once more
    // gives the same bytes.
    Result<Event> twice = DecodeFlatEvent(again);
    ASSERT_TRUE(twice.has_value()) << twice.error().ToString();
    kj::Array<capnp::word> thrice = EncodeEvent(*twice);
    ASSERT_EQ(again.size(), thrice.size());
    EXPECT_EQ(0, std::memcmp(again.begin(), thrice.begin(), again.size() * sizeof(capnp::word)));
  }
  EXPECT_EQ(std::variant_size_v<Event>, alternatives.size())
      << "two union members decode to the same C++ event";
}

TEST(CodecTest, Utf8ValidationIsStrict) {
  for (std::string ok : {"", "abc", "Gaché", "100 €", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf"})
    EXPECT_TRUE(ValidUtf8(ok)) << ok;
  for (std::string bad : {"\xff", "Gach\xe9", "\xc3", "\x80", "\xc0\xaf", "\xe0\x80\xaf",
                          "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf0\x9f\x98", "\xe2\x82"})
    EXPECT_FALSE(ValidUtf8(bad)) << bad;
}

TEST(CodecTest, NonUtf8FieldNamesTheFirstBadTextFieldOfAnEvent) {
  GiftRecorded g;
  g.gift_id = "g1";
  g.partner_id = "p1";
  g.description = "caf\xe9";
  EXPECT_EQ(NonUtf8Field(EncodeEvent(g)), std::optional<std::string>("GiftRecorded.description"));
  g.description = "café";
  EXPECT_EQ(NonUtf8Field(EncodeEvent(g)), std::nullopt);
  ReceiptIssued r;
  r.number = "2023-0001";
  r.gift_ids = {"g1", "g\xff"};
  EXPECT_EQ(NonUtf8Field(EncodeEvent(r)), std::optional<std::string>("ReceiptIssued.giftIds"));
}

// The reflection test above shows no field is lost; these pin the names: a C++ field lands in
// the schema field of the same meaning, not merely in some field of the same type.
TEST(CodecTest, CxxFieldsLandInTheirSchemaFields) {
  GiftRecorded g;
  g.gift_id = "g1";
  g.partner_id = "acme";
  g.fund_id = "fij";
  g.amount_cents = 123456;
  g.date = 20240315;
  g.announced_on = 20240301;
  g.method = PaymentMethod::kCheque;
  g.nature = GiftNature::kSkills;
  g.kind = GiftKind::kSponsorship;
  g.pledge_id = "pl1";
  g.counterparts_cents = 2000;
  g.counterparts_description = "places";
  g.valuation_ref = "VAL";
  g.description = "desc";
  kj::Array<capnp::word> words = EncodeEvent(g);
  capnp::FlatArrayMessageReader reader(words);
  auto gr = reader.getRoot<schema::Event>().getGiftRecorded();
  EXPECT_EQ("g1", std::string(gr.getGiftId().cStr()));
  EXPECT_EQ("acme", std::string(gr.getPartnerId().cStr()));
  EXPECT_EQ("fij", std::string(gr.getFundId().cStr()));
  EXPECT_EQ(123456, gr.getAmountCents());
  EXPECT_EQ(20240315u, gr.getDate());
  EXPECT_EQ(20240301u, gr.getAnnouncedOn());
  EXPECT_EQ(schema::PaymentMethod::CHEQUE, gr.getMethod());
  EXPECT_EQ(schema::GiftNature::SKILLS, gr.getNature());
  EXPECT_EQ(schema::GiftKind::SPONSORSHIP, gr.getKind());
  EXPECT_EQ("pl1", std::string(gr.getPledgeId().cStr()));
  EXPECT_EQ(2000, gr.getCounterpartsCents());
  EXPECT_EQ("places", std::string(gr.getCounterpartsDescription().cStr()));
  EXPECT_EQ("VAL", std::string(gr.getValuationRef().cStr()));
  EXPECT_EQ("desc", std::string(gr.getDescription().cStr()));

  ReceiptIssued r;
  r.number = "2024-0007";
  r.year = 2024;
  r.sequence = 7;
  r.issued_on = 20240320;
  r.period_from = 20240101;
  r.period_to = 20241231;
  r.form = ReceiptForm::kCerfa16216;
  r.donor_kind = PartnerKind::kCompany;
  r.gift_ids = {"a", "b"};
  r.replaces = "2024-0003";
  r.certification = "certifie";
  kj::Array<capnp::word> rwords = EncodeEvent(r);
  capnp::FlatArrayMessageReader rreader(rwords);
  auto rr = rreader.getRoot<schema::Event>().getReceiptIssued();
  EXPECT_EQ("2024-0007", std::string(rr.getNumber().cStr()));
  EXPECT_EQ(2024, rr.getYear());
  EXPECT_EQ(7u, rr.getSequence());
  EXPECT_EQ(20240320u, rr.getIssuedOn());
  EXPECT_EQ(20240101u, rr.getPeriodFrom());
  EXPECT_EQ(20241231u, rr.getPeriodTo());
  EXPECT_EQ(schema::ReceiptForm::CERFA16216, rr.getForm());
  EXPECT_EQ(schema::PartnerKind::COMPANY, rr.getDonorKind());
  ASSERT_EQ(2u, rr.getGiftIds().size());
  EXPECT_EQ("b", std::string(rr.getGiftIds()[1].cStr()));
  EXPECT_EQ("2024-0003", std::string(rr.getReplaces().cStr()));
  EXPECT_EQ("certifie", std::string(rr.getCertification().cStr()));
}

// An enum value the schema does not know is damage (or a newer schema), not a value to carry.
TEST(CodecTest, EnumValueOutsideTheSchemaIsCorruption) {
  capnp::MallocMessageBuilder mb;
  auto gift = mb.initRoot<schema::Event>().initGiftRecorded();
  gift.setGiftId("g1");
  gift.setAmountCents(100);
  gift.setMethod(static_cast<schema::PaymentMethod>(9));
  kj::Array<capnp::word> words = capnp::messageToFlatArray(mb);
  Result<Event> decoded = DecodeFlatEvent(words);
  ASSERT_FALSE(decoded.has_value())
      << "decoded method #" << static_cast<int>(std::get<GiftRecorded>(*decoded).method);
  EXPECT_EQ(StatusCode::kCorruption, decoded.error().code());

  // The last known value still decodes.
  gift.setMethod(schema::PaymentMethod::DEBIT);
  kj::Array<capnp::word> ok = capnp::messageToFlatArray(mb);
  Result<Event> fine = DecodeFlatEvent(ok);
  ASSERT_TRUE(fine.has_value()) << fine.error().ToString();
  EXPECT_EQ(PaymentMethod::kDebit, std::get<GiftRecorded>(*fine).method);
}

TEST(CodecTest, UnknownUnionMemberIsCorruption) {
  capnp::MallocMessageBuilder mb;
  mb.initRoot<schema::Event>().initFundInitialized().setFundId("fij");
  kj::Array<capnp::word> words = capnp::messageToFlatArray(mb);
  // The discriminant sits in the root struct's data section: the word after the segment table
  // and the root pointer. A value past the last member is an event from a newer schema.
  const uint16_t members = static_cast<uint16_t>(EventSchema().getUnionFields().size());
  const uint32_t offset_u16 = EventSchema().getProto().getStruct().getDiscriminantOffset();
  auto* data = reinterpret_cast<uint16_t*>(words.begin() + 2);
  ASSERT_EQ(0, data[offset_u16]);
  data[offset_u16] = static_cast<uint16_t>(members + 3);
  Result<Event> decoded = DecodeFlatEvent(words);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(StatusCode::kCorruption, decoded.error().code());
}

// A valid encoding of a rich event, for the corruption tests.
kj::Array<capnp::word> ValidEncoding() {
  ReceiptIssued r;
  r.number = "2024-0001";
  r.fund_id = "fij";
  r.year = 2024;
  r.sequence = 1;
  r.gift_ids = {"g1", "g2", "g3"};
  r.amount_cents = 250000;
  r.amount_words = "deux mille cinq cents euros";
  r.donor_name = "Acme Industries";
  r.certification = "Le bénéficiaire certifie sur l'honneur ...";
  return EncodeEvent(r);
}

// Either a Corruption status or, if the bytes happen to form a valid message, an event that
// encodes again; anything else (a crash, another status) fails.
void ExpectCorruptionOrEvent(kj::ArrayPtr<const capnp::word> words, int* corrupt) {
  Result<Event> decoded = DecodeFlatEvent(words);
  if (!decoded) {
    EXPECT_EQ(StatusCode::kCorruption, decoded.error().code()) << decoded.error().ToString();
    ++*corrupt;
    return;
  }
  EXPECT_GT(EncodeEvent(*decoded).size(), 0u);
}

TEST(CodecTest, GarbageBytesAreCorruptionNeverACrash) {
  std::mt19937_64 rng(20240315);  // fixed: the same cases every run
  int corrupt = 0;
  for (int i = 0; i < kGarbageCases; ++i) {
    size_t n = rng() % kGarbageWordsMax;
    auto words = kj::heapArray<capnp::word>(n);
    auto* bytes = reinterpret_cast<uint8_t*>(words.begin());
    for (size_t b = 0; b < n * sizeof(capnp::word); ++b) bytes[b] = static_cast<uint8_t>(rng());
    // Half the cases carry a plausible segment table (one segment filling the rest), so that
    // the decoder gets past it into pointers and structs.
    if (n >= 2 && i % 2 == 0) {
      uint32_t table[2] = {0, static_cast<uint32_t>(n - 1)};
      std::memcpy(bytes, table, sizeof(table));
    }
    ExpectCorruptionOrEvent(words, &corrupt);
  }
  // Random bytes are almost never an event.
  EXPECT_GT(corrupt, kGarbageCases * 9 / 10);
}

TEST(CodecTest, EveryTruncationOfAValidEncodingIsCorruption) {
  kj::Array<capnp::word> valid = ValidEncoding();
  ASSERT_TRUE(DecodeFlatEvent(valid).has_value());
  for (size_t n = 0; n < valid.size(); ++n) {
    SCOPED_TRACE(n);
    Result<Event> decoded = DecodeFlatEvent(valid.slice(0, n));
    ASSERT_FALSE(decoded.has_value()) << "a prefix of " << n << " words decoded";
    EXPECT_EQ(StatusCode::kCorruption, decoded.error().code());
  }
  // Cut at any byte and padded with zeros to whole words (how a short value would be copied
  // into an aligned buffer): never a crash.
  const size_t total = valid.size() * sizeof(capnp::word);
  int corrupt = 0;
  for (size_t cut = 0; cut < total; ++cut) {
    auto words = kj::heapArray<capnp::word>((cut + sizeof(capnp::word) - 1) / sizeof(capnp::word));
    std::memset(words.begin(), 0, words.size() * sizeof(capnp::word));
    std::memcpy(words.begin(), valid.begin(), cut);
    ExpectCorruptionOrEvent(words, &corrupt);
  }
}

TEST(CodecTest, FlippedBitsAreCorruptionOrAnotherEventNeverACrash) {
  kj::Array<capnp::word> valid = ValidEncoding();
  const size_t total = valid.size() * sizeof(capnp::word);
  int corrupt = 0;
  for (size_t byte = 0; byte < total; ++byte) {
    for (uint8_t mask : {uint8_t{0x01}, uint8_t{0x80}, uint8_t{0xff}}) {
      kj::Array<capnp::word> words = Copy(valid);
      reinterpret_cast<uint8_t*>(words.begin())[byte] ^= mask;
      ExpectCorruptionOrEvent(words, &corrupt);
    }
  }
  EXPECT_GT(corrupt, 0);
}

}  // namespace
}  // namespace fij::ledger
