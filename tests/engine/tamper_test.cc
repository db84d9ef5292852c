// Corrupted-value tests for engine/store.h (LevelDB's corruption_test, for the hash chain): alter
// the stored events behind the store's back and check that VerifyChain fails and names the first
// position that was touched.
#include <capnp/serialize.h>
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <cctype>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "engine/envelope.capnp.h"
#include "engine/store.h"
#include "tests/test_util.h"

namespace fij::engine {
namespace {

using fij::testing::TempDir;

constexpr uint64_t kEvents = 50;

kj::Array<capnp::word> Payload(const std::string& marker) {
  capnp::MallocMessageBuilder mb;
  mb.initRoot<Envelope>().setActor(marker);
  return capnp::messageToFlatArray(mb);
}

// A stored event value parsed in place, to find where its fields sit.
class Parsed {
 public:
  explicit Parsed(const std::string& value) : words_(value.size() / sizeof(capnp::word)) {
    std::memcpy(words_.data(), value.data(), value.size());
    segments_[0] = kj::arrayPtr(words_.data(), words_.size());
    reader_ = std::make_unique<capnp::SegmentArrayMessageReader>(kj::arrayPtr(segments_, 1));
  }
  Envelope::Reader envelope() { return reader_->getRoot<Envelope>(); }
  size_t OffsetOf(const void* p) const {
    return static_cast<size_t>(static_cast<const char*>(p) -
                               reinterpret_cast<const char*>(words_.data()));
  }
  size_t HashOffset() { return OffsetOf(envelope().getHash().begin()); }
  size_t PrevHashOffset() { return OffsetOf(envelope().getPrevHash().begin()); }
  size_t PayloadMarkerOffset() {
    return OffsetOf(envelope().getPayload().getAs<Envelope>().getActor().begin());
  }

 private:
  std::vector<capnp::word> words_;
  kj::ArrayPtr<const capnp::word> segments_[1];
  std::unique_ptr<capnp::SegmentArrayMessageReader> reader_;
};

// The hash an event value should carry after `prev`, with that hash written into it.
std::string Rehash(const Hash& prev, std::string value) {
  Parsed parsed(value);
  size_t prev_at = parsed.PrevHashOffset();
  std::memcpy(value.data() + prev_at, prev.data(), prev.size());
  std::vector<capnp::word> words(value.size() / sizeof(capnp::word));
  std::memcpy(words.data(), value.data(), value.size());
  auto hash = Store::ComputeHash(prev, kj::arrayPtr(words.data(), words.size()));
  EXPECT_TRUE(hash.has_value());
  std::memcpy(value.data() + parsed.HashOffset(), hash->data(), hash->size());
  return value;
}

// True if `message` names exactly `position` ("position 7", not "position 70").
bool NamesPosition(const std::string& message, uint64_t position) {
  const std::string needle = "position " + std::to_string(position);
  for (size_t at = message.find(needle); at != std::string::npos;
       at = message.find(needle, at + 1)) {
    size_t end = at + needle.size();
    if (end == message.size() || !std::isdigit(static_cast<unsigned char>(message[end])))
      return true;
  }
  return false;
}

// The stream index, rewritten behind the store's back. The engine has no hook for it, so this
// opens the RocksDB underneath directly: a tamper tool, the one place outside engine/ that does.
class RawStreamIndex {
 public:
  explicit RawStreamIndex(const std::string& dir) {
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (const char* name : {rocksdb::kDefaultColumnFamilyName.c_str(), "events", "streams",
                             "idempotency", "checkpoints"})
      cfs.emplace_back(name, rocksdb::ColumnFamilyOptions());
    rocksdb::Status s = rocksdb::DB::Open(rocksdb::DBOptions(), dir, cfs, &handles_, &db_);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  ~RawStreamIndex() {
    for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
    delete db_;
  }
  // Every row of the stream index as (key, value), in key order.
  std::vector<std::pair<std::string, std::string>> Rows() {
    std::vector<std::pair<std::string, std::string>> rows;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), handles_[2]));
    for (it->SeekToFirst(); it->Valid(); it->Next())
      rows.emplace_back(it->key().ToString(), it->value().ToString());
    return rows;
  }
  void Put(const std::string& key, const std::string& value) {
    EXPECT_TRUE(db_->Put(rocksdb::WriteOptions(), handles_[2], key, value).ok());
  }
  void Delete(const std::string& key) {
    EXPECT_TRUE(db_->Delete(rocksdb::WriteOptions(), handles_[2], key).ok());
  }

 private:
  rocksdb::DB* db_ = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

class TamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    OpenOptions o;
    o.create_if_missing = true;
    o.sync_writes = false;
    auto s = Store::Open(tmp_.path(), o);
    ASSERT_TRUE(s.has_value()) << s.error().ToString();
    store_ = std::move(*s);
    // 50 events in appends of 1..7 events over four streams.
    for (int i = 0; store_->head().position < kEvents; ++i) {
      AppendRequest r;
      r.stream_id = "stream-" + std::to_string(i % 4);
      r.actor = "tester";
      r.idempotency_key = "key-" + std::to_string(i);
      r.request_hash[0] = static_cast<uint8_t>(i);
      size_t n = std::min<size_t>(1 + i % 7, kEvents - store_->head().position);
      for (size_t j = 0; j < n; ++j) {
        NewEvent e;
        e.type = "Thing";
        e.payload = Payload("payload-" + std::to_string(i) + "-" + std::to_string(j));
        r.events.push_back(std::move(e));
      }
      auto res = store_->Append(std::move(r));
      ASSERT_TRUE(res.has_value()) << res.error().ToString();
    }
    ASSERT_EQ(store_->head().position, kEvents);
    ASSERT_TRUE(store_->VerifyChain().has_value());
  }

  std::string Value(uint64_t position) {
    auto v = store_->RawEventValueForTest(position);
    EXPECT_TRUE(v.has_value()) << v.error().ToString();
    return v ? *v : std::string();
  }
  void Put(uint64_t position, const std::string& value) {
    ASSERT_TRUE(store_->RawPutEventValueForTest(position, value).ok());
  }

  // VerifyChain must fail with Corruption naming `position`.
  void ExpectVerifyFailsAt(uint64_t position, const std::string& what) {
    auto report = store_->VerifyChain();
    ASSERT_FALSE(report.has_value()) << what << ": tampering went unnoticed";
    EXPECT_EQ(report.error().code(), StatusCode::kCorruption) << what;
    EXPECT_TRUE(NamesPosition(report.error().message(), position))
        << what << ": expected position " << position << " in: " << report.error().message();
  }
  void ExpectVerifyOk(const std::string& what) {
    auto report = store_->VerifyChain();
    ASSERT_TRUE(report.has_value()) << what << ": " << report.error().ToString();
    EXPECT_EQ(report->events, kEvents);
  }

  TempDir tmp_;
  std::unique_ptr<Store> store_;
};

TEST_F(TamperTest, FlippingAnyByteOfAnEventIsCaughtAtThatPosition) {
  for (uint64_t position : {uint64_t{1}, uint64_t{23}, kEvents}) {
    const std::string original = Value(position);
    ASSERT_FALSE(original.empty());
    for (size_t offset = 0; offset < original.size(); ++offset) {
      for (uint8_t mask : {uint8_t{0x01}, uint8_t{0xff}}) {
        std::string altered = original;
        altered[offset] = static_cast<char>(altered[offset] ^ mask);
        Put(position, altered);
        ExpectVerifyFailsAt(position, "byte " + std::to_string(offset) + " of position " +
                                          std::to_string(position) + " xor " +
                                          std::to_string(mask));
        if (HasFatalFailure()) return;
      }
    }
    Put(position, original);
    ExpectVerifyOk("restored position " + std::to_string(position));
  }
}

TEST_F(TamperTest, AnAlteredPayloadStillDecodesButTheHashCatchesIt) {
  const uint64_t position = 31;
  const std::string original = Value(position);
  Parsed parsed(original);
  std::string altered = original;
  altered[parsed.PayloadMarkerOffset()] = 'P';  // "payload-..." becomes "Payload-..."
  Put(position, altered);

  auto ev = store_->ReadOne(position);
  ASSERT_TRUE(ev.has_value()) << "the envelope is well formed: " << ev.error().ToString();
  auto marker = ev->payload().getAs<Envelope>().getActor();
  EXPECT_EQ(std::string(marker.begin(), marker.size()).substr(0, 8), "Payload-");
  auto report = store_->VerifyChain();
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().message(),
            "hash mismatch at position 31: the event's bytes were altered");

  Put(position, original);
  ExpectVerifyOk("restored");
}

TEST_F(TamperTest, AFlippedByteInTheHashFieldIsCaughtAtThatPosition) {
  const uint64_t position = 17;
  const std::string original = Value(position);
  const size_t at = Parsed(original).HashOffset();
  for (size_t i = 0; i < 32; ++i) {
    std::string altered = original;
    altered[at + i] = static_cast<char>(altered[at + i] ^ 0x80);
    Put(position, altered);
    ExpectVerifyFailsAt(position, "hash byte " + std::to_string(i));
  }
  Put(position, original);
  ExpectVerifyOk("restored");
}

TEST_F(TamperTest, ADeletedEventIsReportedMissingAtItsPosition) {
  for (uint64_t position : {uint64_t{1}, uint64_t{26}, kEvents}) {
    const std::string original = Value(position);
    ASSERT_TRUE(store_->RawDeleteEventForTest(position).ok());
    ExpectVerifyFailsAt(position, "deleted position " + std::to_string(position));
    auto one = store_->ReadOne(position);
    ASSERT_FALSE(one.has_value());
    EXPECT_EQ(one.error().code(), StatusCode::kNotFound);
    Put(position, original);
    ExpectVerifyOk("restored position " + std::to_string(position));
  }
}

TEST_F(TamperTest, SwappingTwoEventsIsCaughtAtTheFirstOfThem) {
  const std::vector<std::pair<uint64_t, uint64_t>> swaps = {{4, 40}, {12, 13}, {1, kEvents}};
  for (auto [first, second] : swaps) {
    const std::string a = Value(first);
    const std::string b = Value(second);
    Put(first, b);
    Put(second, a);
    ExpectVerifyFailsAt(first, "swap " + std::to_string(first) + "<->" + std::to_string(second));
    Put(first, a);
    Put(second, b);
    ExpectVerifyOk("unswapped");
  }
}

TEST_F(TamperTest, ATruncatedValueIsCorruptionAtItsPosition) {
  const uint64_t position = 9;
  const std::string original = Value(position);
  for (size_t keep : {size_t{0}, size_t{3}, size_t{8}, original.size() - 8, original.size() - 1}) {
    Put(position, original.substr(0, keep));
    ExpectVerifyFailsAt(position, "kept " + std::to_string(keep) + " bytes");
    if (keep % sizeof(capnp::word) != 0 || keep == 0) {
      // Not whole words: even a plain read refuses it. (A whole-word truncation may still read:
      // reads check the envelope, not the payload; only the hash covers every byte.)
      auto one = store_->ReadOne(position);
      ASSERT_FALSE(one.has_value()) << "kept " << keep;
      EXPECT_EQ(one.error().code(), StatusCode::kCorruption);
      EXPECT_TRUE(NamesPosition(one.error().message(), position)) << one.error().message();
    }
  }
  Put(position, original);
  ExpectVerifyOk("restored");
}

TEST_F(TamperTest, ARehashedForgeryBreaksTheLinkToTheNextEvent) {
  // A forger who alters event 20 and recomputes its hash still breaks event 21's previous-hash.
  const uint64_t position = 20;
  auto before = store_->ReadOne(position - 1);
  ASSERT_TRUE(before.has_value());
  std::string forged = Value(position);
  forged[Parsed(forged).PayloadMarkerOffset()] = 'F';
  Put(position, Rehash(before->hash(), forged));
  auto report = store_->VerifyChain();
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code(), StatusCode::kCorruption);
  EXPECT_NE(report.error().message().find("hash chain broken at position 21"), std::string::npos)
      << report.error().message();
}

TEST_F(TamperTest, RechainingTheWholeSuffixStillDisagreesWithTheHead) {
  // Rewriting every later event too leaves a self-consistent chain that the head row (written
  // with each append) no longer matches.
  Hash prev = store_->ReadOne(19).value().hash();
  for (uint64_t position = 20; position <= kEvents; ++position) {
    std::string value = Value(position);
    if (position == 20) value[Parsed(value).PayloadMarkerOffset()] = 'F';
    value = Rehash(prev, value);
    Put(position, value);
    std::memcpy(prev.data(), value.data() + Parsed(value).HashOffset(), prev.size());
  }
  auto report = store_->VerifyChain();
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code(), StatusCode::kCorruption);
  EXPECT_EQ(report.error().message(),
            "head hash does not match the last event (position " + std::to_string(kEvents) + ")");
}

TEST_F(TamperTest, AStreamIndexThatDisagreesWithTheLogFailsVerificationNamingTheStream) {
  store_.reset();
  std::vector<std::pair<std::string, std::string>> rows;  // the rows of "stream-2"
  {
    RawStreamIndex index(tmp_.path());
    for (auto& row : index.Rows())
      if (row.first.starts_with(std::string("stream-2\0", 9))) rows.push_back(row);
  }
  ASSERT_GE(rows.size(), 3u);
  const auto& [first_key, first_value] = rows[0];
  const auto& [middle_key, middle_value] = rows[1];
  const auto& [last_key, last_value] = rows.back();
  std::string longer = middle_value;  // row value := first_position:uint64be count:uint32be
  longer[11] = static_cast<char>(longer[11] + 1);
  std::string elsewhere = middle_value;
  elsewhere.replace(0, 8, EncodeU64(1));  // position 1 belongs to stream-0
  // The first append of stream-2 (3 events) as two rows, of 1 and 2 events: the versions still
  // tile and every row's ends carry the right stream and versions, but no append wrote them.
  ASSERT_EQ(first_key.substr(first_key.size() - 8), EncodeU64(1));
  ASSERT_EQ(first_value.substr(8), std::string("\0\0\0\x03", 4));
  const uint64_t first_pos = DecodeU64(first_value.substr(0, 8));
  std::string split_key = first_key.substr(0, first_key.size() - 8) + EncodeU64(2);
  std::string head_row = EncodeU64(first_pos) + std::string("\0\0\0\x01", 4);
  std::string tail_row = EncodeU64(first_pos + 1) + std::string("\0\0\0\x02", 4);

  struct Case {
    const char* what;
    std::function<void(RawStreamIndex&)> tamper;
    std::function<void(RawStreamIndex&)> restore;
  };
  const std::vector<Case> cases = {
      {"a middle row deleted", [&](RawStreamIndex& i) { i.Delete(middle_key); },
       [&](RawStreamIndex& i) { i.Put(middle_key, middle_value); }},
      {"the last row deleted", [&](RawStreamIndex& i) { i.Delete(last_key); },
       [&](RawStreamIndex& i) { i.Put(last_key, last_value); }},
      {"a row one event longer", [&](RawStreamIndex& i) { i.Put(middle_key, longer); },
       [&](RawStreamIndex& i) { i.Put(middle_key, middle_value); }},
      {"a row pointing at another stream", [&](RawStreamIndex& i) { i.Put(middle_key, elsewhere); },
       [&](RawStreamIndex& i) { i.Put(middle_key, middle_value); }},
      {"an append's row split in two",
       [&](RawStreamIndex& i) {
         i.Put(first_key, head_row);
         i.Put(split_key, tail_row);
       },
       [&](RawStreamIndex& i) {
         i.Delete(split_key);
         i.Put(first_key, first_value);
       }},
  };
  OpenOptions ro;
  ro.read_only = true;
  for (const Case& c : cases) {
    {
      RawStreamIndex index(tmp_.path());
      c.tamper(index);
    }
    {
      auto store = Store::Open(tmp_.path(), ro);
      ASSERT_TRUE(store.has_value()) << store.error().ToString();
      auto report = (*store)->VerifyChain();
      ASSERT_FALSE(report.has_value()) << c.what << ": went unnoticed";
      EXPECT_EQ(report.error().code(), StatusCode::kCorruption) << c.what;
      EXPECT_NE(report.error().message().find("'stream-2'"), std::string::npos)
          << c.what << ": " << report.error().message();
    }
    {
      RawStreamIndex index(tmp_.path());
      c.restore(index);
    }
    auto store = Store::Open(tmp_.path(), ro);
    ASSERT_TRUE(store.has_value());
    EXPECT_TRUE((*store)->VerifyChain().has_value()) << "restored after " << c.what;
  }
}

TEST_F(TamperTest, TamperingIsStillCaughtAfterAReopen) {
  std::string altered = Value(33);
  altered[Parsed(altered).PayloadMarkerOffset() + 2] ^= 0x20;
  Put(33, altered);
  store_.reset();
  OpenOptions ro;
  ro.read_only = true;
  auto s = Store::Open(tmp_.path(), ro);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  store_ = std::move(*s);
  ExpectVerifyFailsAt(33, "after reopening read-only");
}

}  // namespace
}  // namespace fij::engine
