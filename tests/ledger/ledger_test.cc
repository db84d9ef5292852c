// The ledger service over a real store in a temporary directory: commands executed and folded,
// idempotent retries, all-or-nothing batches, a fold that survives reopening, the posting map
// over the log, and the invariants `fij verify` replays.
#include "ledger/ledger.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ledger/codec.h"
#include "ledger/invariants.h"
#include "ledger/posting_map.h"
#include "ledger/state_checkpoint.h"
#include "tests/test_util.h"

// Commands are written with designated initializers that leave the other members at their
// defaults on purpose; g++ 12 flags that under -Wextra (-Wmissing-field-initializers).
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace fij::ledger {
namespace {

constexpr char kActor[] = "test";

std::unique_ptr<Ledger> OpenLedger(const std::string& dir, Ledger::Options options = {}) {
  options.create = true;
  options.sync_writes = false;  // a test store: no fsync
  auto l = Ledger::Open(dir, options);
  EXPECT_TRUE(l.has_value()) << l.error().ToString();
  return l ? std::move(*l) : nullptr;
}

// Executes a command that must succeed.
Outcome Must(Ledger& ledger, const Command& command) {
  CommandResult r = ledger.Execute(command, kActor);
  if (!r) {
    ADD_FAILURE() << CommandName(command) << " failed: " << r.error().message();
    return {};
  }
  return *r;
}

// An event's exact bytes: codec_test shows the encoding keeps every field, so equal bytes are
// equal events.
std::string Bytes(const Event& e) {
  kj::Array<capnp::word> words = EncodeEvent(e);
  kj::ArrayPtr<const kj::byte> b = words.asBytes();
  return std::string(b.begin(), b.end());
}

::testing::AssertionResult SameEvents(const std::vector<Event>& a, const std::vector<Event>& b) {
  if (a.size() != b.size())
    return ::testing::AssertionFailure() << a.size() << " events vs " << b.size();
  for (size_t i = 0; i < a.size(); ++i)
    if (Bytes(a[i]) != Bytes(b[i]))
      return ::testing::AssertionFailure() << "event " << i << " differs: " << EventTypeName(a[i])
                                           << " vs " << EventTypeName(b[i]);
  return ::testing::AssertionSuccess();
}

// The whole decision state as text, for comparisons that read well.
std::string StateText(const State& s) {
  std::ostringstream o;
  o << "default_fund=" << s.default_fund << " position=" << s.position << "\n";
  for (const auto& [id, f] : s.funds) {
    o << "fund " << id << " " << ShortDigest(Bytes(f.identity)) << "\n";
    for (const auto& a : f.agrements)
      o << "  agrement " << a.reference << " " << a.valid_from << ".." << a.valid_to << "\n";
  }
  for (const auto& [id, p] : s.partners) {
    o << "partner " << id << " " << ShortDigest(Bytes(p.Registered(id))) << " gifts=";
    for (const auto& g : p.gift_ids) o << g << ",";
    o << " pledges=";
    for (const auto& g : p.pledge_ids) o << g << ",";
    o << "\n";
  }
  for (const auto& [id, p] : s.pledges)
    o << "pledge " << id << " fulfilled=" << p.fulfilled_cents << " gifts=" << p.gift_ids.size()
      << "\n";
  for (const auto& [id, g] : s.gifts) {
    o << "gift " << id << " " << g.gift.amount_cents << " received=" << g.received << "@"
      << g.received_on << " active=" << g.active_receipt << " receipts=";
    for (const auto& r : g.receipts) o << r << ",";
    o << "\n";
  }
  for (const auto& [num, r] : s.receipts)
    o << "receipt " << num << " seq=" << r.receipt.sequence << " " << r.receipt.amount_cents << " "
      << r.receipt.partner_id << " " << r.receipt.period_from << "-" << r.receipt.period_to
      << " gifts=" << r.receipt.gift_ids.size() << " at=" << r.position << " cancelled=" << r.cancelled << "("
      << r.cancellation.reason << ") replaced_by=" << r.replaced_by << "\n";
  o << "order=";
  for (const auto& n : s.receipt_order) o << n << ",";
  o << "\n";
  for (const auto& [key, seq] : s.receipt_sequences)
    o << "sequence " << key.first << "/" << key.second << "=" << seq << "\n";
  for (const auto& [key, d] : s.declarations)
    o << "declaration " << key.first << "/" << key.second << " " << d.receipts_count << " "
      << d.total_cents << "\n";
  for (const auto& [name, values] : s.params.all())
    for (const auto& [from, v] : values) o << "param " << name << "@" << from << "=" << v << "\n";
  return o.str();
}

InitFund Init() {
  return {.name = "Fonds d'Initiative Jurassienne",
          .siren = "443061841",
          .address = "12 rue du Collège, 39000 Lons-le-Saunier",
          .object = "Aides financières et accompagnement des PME du Jura",
          .signer_name = "Claire Martin",
          .signer_capacity = "Présidente",
          .agrement_ref = "AGR-238BIS4-2020",
          .agrement_from = 20200101,
          .agrement_to = 20261231,
          .date = 20200101};
}
RegisterPartner Company(const std::string& id, const std::string& siren) {
  return {.partner_id = id,
          .kind = PartnerKind::kCompany,
          .name = "Société " + id,
          .siren = siren,
          .legal_form = "SAS",
          .address = "1 avenue de la Gare, 39100 Dole",
          .date = 20200101};
}
RegisterPartner Citizen(const std::string& id) {
  return {.partner_id = id,
          .kind = PartnerKind::kIndividual,
          .name = "Marie Dupont",
          .address = "5 rue des Lilas, 39000 Lons-le-Saunier",
          .date = 20200101};
}
RecordGift Gift(const std::string& id, const std::string& partner, int64_t cents, uint32_t date) {
  return {.gift_id = id, .partner_id = partner, .amount_cents = cents, .date = date};
}

// A store with the fund, two companies and a citizen.
void SetUpFund(Ledger& l) {
  Must(l, Init());
  Must(l, Company("acme", "732829320"));
  Must(l, Company("lumiere", "552100554"));
  Must(l, Citizen("marie"));
}

// ---------------------------------------------------------------------------------------------

// The State keeps a receipt's summary; every mention comes back from its event in the log, also
// for a receipt reissued in the same append as the cancellation and after a checkpointed reopen.
TEST(LedgerTest, ReceiptMentionsAreReadBackFromTheLog) {
  testing::TempDir dir;
  std::string first_bytes, reissued_bytes;
  {
    auto l = OpenLedger(dir.path());
    ASSERT_TRUE(l);
    SetUpFund(*l);
    Must(*l, Gift("g1", "acme", 100000, 20240315));
    Outcome issued = Must(*l, IssueReceipt{.gift_id = "g1", .date = 20240320});
    first_bytes = Bytes(issued.events.at(0));
    Outcome cancel = Must(*l, CancelReceipt{.number = "2024-0001", .reason = "wrong address",
                                            .date = 20240322, .reissue = true});
    ASSERT_EQ(2u, cancel.events.size());
    reissued_bytes = Bytes(cancel.events.at(1));
    const auto& reissued = std::get<ReceiptIssued>(cancel.events.at(1));
    EXPECT_EQ("2024-0002", reissued.number);
    EXPECT_EQ("2024-0001", reissued.replaces);
    EXPECT_EQ("2024-0002", l->state().Gift("g1")->active_receipt);
    EXPECT_EQ(cancel.first_position + 1, l->state().Receipt("2024-0002")->position);
    auto back = l->IssuedReceipt(*l->state().Receipt("2024-0002"));
    ASSERT_TRUE(back) << back.error().ToString();
    EXPECT_EQ(reissued_bytes, Bytes(*back));
    ASSERT_TRUE(WriteCheckpoint(l->store(), l->state(), l->store().head().position,
                                l->store().head().hash)
                    .ok());
  }
  auto l = OpenLedger(dir.path());
  ASSERT_TRUE(l);
  auto first = l->IssuedReceipt(*l->state().Receipt("2024-0001"));
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first_bytes, Bytes(*first));
  EXPECT_FALSE(first->donor_address.empty());
  EXPECT_TRUE(l->state().Receipt("2024-0001")->cancelled);
  // A summary pointing at another event is reported, not rendered.
  ReceiptState wrong = *l->state().Receipt("2024-0001");
  wrong.position = 1;
  auto refused = l->IssuedReceipt(wrong);
  ASSERT_FALSE(refused);
  EXPECT_NE(std::string::npos, refused.error().ToString().find("fij verify"));
}

TEST(LedgerTest, ExecutedCommandsAreWrittenAndFolded) {
  testing::TempDir dir;
  auto l = OpenLedger(dir.path());
  ASSERT_TRUE(l);
  SetUpFund(*l);
  Outcome gift = Must(*l, Gift("g1", "acme", 100000, 20240315));
  Outcome receipt = Must(*l, IssueReceipt{.gift_id = "g1", .date = 20240320});
  EXPECT_FALSE(receipt.duplicate);
  EXPECT_EQ(gift.first_position + 1, receipt.first_position);
  EXPECT_EQ(receipt.first_position, l->store().head().position);
  EXPECT_EQ(l->store().head().position, l->state().position);
  ASSERT_EQ(1u, receipt.events.size());
  EXPECT_EQ("2024-0001", std::get<ReceiptIssued>(receipt.events[0]).number);
  EXPECT_EQ("2024-0001", l->state().Gift("g1")->active_receipt);
  // InitFund wrote FundInitialized and AgrementRecorded in one append.
  EXPECT_EQ(1u, l->state().funds.at("fij").agrements.size());
}

TEST(LedgerTest, RejectedCommandWritesNothing) {
  testing::TempDir dir;
  auto l = OpenLedger(dir.path());
  ASSERT_TRUE(l);
  SetUpFund(*l);
  const uint64_t head = l->store().head().position;
  const std::string before = StateText(l->state());
  CommandResult r = l->Execute(IssueReceipt{.gift_id = "nope", .date = 20240320}, kActor);
  ASSERT_FALSE(r.has_value());
  ASSERT_TRUE(r.error().rejected.has_value());
  EXPECT_EQ(Rejection::kUnknownGift, r.error().rejected->code);
  EXPECT_EQ(head, l->store().head().position);
  EXPECT_EQ(before, StateText(l->state()));
}

// ---------------------------------------------------------------------------------------------
// Idempotency: a retry is answered from the index; a reused id with other details is refused.

TEST(IdempotencyTest, SameCommandTwiceIsAnsweredFromTheIndex) {
  testing::TempDir dir;
  auto l = OpenLedger(dir.path());
  ASSERT_TRUE(l);
  SetUpFund(*l);
  Must(*l, Gift("g1", "acme", 100000, 20240315));
  const IssueReceipt issue{.gift_id = "g1", .date = 20240320};
  Outcome first = Must(*l, issue);
  const uint64_t head = l->store().head().position;
  const std::string state = StateText(l->state());

  Outcome again = Must(*l, issue);
  EXPECT_FALSE(first.duplicate);
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(first.first_position, again.first_position);
  EXPECT_TRUE(SameEvents(first.events, again.events));
  ASSERT_EQ(1u, again.events.size());
  EXPECT_EQ("2024-0001", std::get<ReceiptIssued>(again.events[0]).number);
  EXPECT_EQ(head, l->store().head().position);
  EXPECT_EQ(state, StateText(l->state()));

  // The same for a gift: recorded once.
  Outcome gift_again = Must(*l, Gift("g1", "acme", 100000, 20240315));
  EXPECT_TRUE(gift_again.duplicate);
  EXPECT_EQ(head, l->store().head().position);
}

TEST(IdempotencyTest, SameIdWithADifferentBodyIsAConflictAndWritesNothing) {
  testing::TempDir dir;
  auto l = OpenLedger(dir.path());
  ASSERT_TRUE(l);
  SetUpFund(*l);
  Must(*l, Gift("g1", "acme", 100000, 20240315));
  const uint64_t head = l->store().head().position;
  const std::string state = StateText(l->state());

  CommandResult r = l->Execute(Gift("g1", "acme", 200000, 20240315), kActor);
  ASSERT_FALSE(r.has_value());
  EXPECT_FALSE(r.error().rejected.has_value()) << r.error().message();
  EXPECT_EQ(StatusCode::kConflict, r.error().status.code()) << r.error().message();
  EXPECT_EQ(head, l->store().head().position);
  EXPECT_EQ(state, StateText(l->state()));
  EXPECT_EQ(100000, l->state().Gift("g1")->gift.amount_cents);
}

TEST(IdempotencyTest, AfterACancellationTheSameCommandIsARetryAndReplacesTakesANewKey) {
  testing::TempDir dir;
  auto l = OpenLedger(dir.path());
  ASSERT_TRUE(l);
  SetUpFund(*l);
  Must(*l, Gift("g1", "acme", 100000, 20240315));
  Must(*l, IssueReceipt{.gift_id = "g1", .date = 20240320});
  Must(*l, CancelReceipt{.number = "2024-0001", .reason = "erreur", .date = 20240321});
  // The same IssueReceipt command stays a retry (keys never depend on state): it answers the
  // original, cancelled number and writes nothing.
  uint64_t head = l->store().head().position;
  Outcome retry = Must(*l, IssueReceipt{.gift_id = "g1", .date = 20240320});
  EXPECT_TRUE(retry.duplicate);
  EXPECT_EQ("2024-0001", std::get<ReceiptIssued>(retry.events[0]).number);
  EXPECT_EQ(head, l->store().head().position);
  // The corrected receipt names the one it replaces: a new key, a new number.
  Outcome second =
      Must(*l, IssueReceipt{.gift_id = "g1", .date = 20240322, .replaces = "2024-0001"});
  EXPECT_FALSE(second.duplicate);
  ASSERT_EQ(1u, second.events.size());
  EXPECT_EQ("2024-0002", std::get<ReceiptIssued>(second.events[0]).number);
}

// ---------------------------------------------------------------------------------------------
// Batches: all or nothing.

TEST(BatchTest, BatchWhoseThirdCommandIsRejectedWritesNothing) {
  testing::TempDir dir;
  auto l = OpenLedger(dir.path());
  ASSERT_TRUE(l);
  SetUpFund(*l);
  const uint64_t head = l->store().head().position;
  const std::string state = StateText(l->state());
  auto batch = l->ExecuteBatch(
      {Company("beta", "542107651"), Gift("gb", "beta", 50000, 20240401),
       IssueReceipt{.gift_id = "nope", .date = 20240402}, Gift("gc", "beta", 60000, 20240403)},
      kActor);
  ASSERT_FALSE(batch.has_value());
  EXPECT_EQ(2u, batch.error().index);
  ASSERT_TRUE(batch.error().error.rejected.has_value());
  EXPECT_EQ(Rejection::kUnknownGift, batch.error().error.rejected->code);
  EXPECT_EQ(head, l->store().head().position);
  EXPECT_EQ(state, StateText(l->state()));
  EXPECT_EQ(nullptr, l->state().Partner("beta"));

  // Nothing reached the store either: a fresh fold agrees.
  l.reset();
  auto reopened = OpenLedger(dir.path());
  ASSERT_TRUE(reopened);
  EXPECT_EQ(state, StateText(reopened->state()));
}

TEST(BatchTest, LaterCommandsOfABatchSeeTheEarlierOnes) {
  testing::TempDir dir;
  auto l = OpenLedger(dir.path());
  ASSERT_TRUE(l);
  SetUpFund(*l);
  const uint64_t head = l->store().head().position;
  auto batch = l->ExecuteBatch({Company("beta", "542107651"), Gift("gb", "beta", 50000, 20240401),
                                IssueReceipt{.gift_id = "gb", .date = 20240402}},
                               kActor);
  ASSERT_TRUE(batch.has_value()) << batch.error().error.message();
  ASSERT_EQ(3u, batch->size());
  EXPECT_EQ(head + 1, (*batch)[0].first_position);
  EXPECT_EQ(head + 2, (*batch)[1].first_position);
  EXPECT_EQ(head + 3, (*batch)[2].first_position);
  EXPECT_EQ(head + 3, l->store().head().position);
  EXPECT_EQ("2024-0001", l->state().Gift("gb")->active_receipt);
}

TEST(BatchTest, IdempotencyKeyUsedTwiceInABatchWithDifferentBodiesIsAConflict) {
  testing::TempDir dir;
  auto l = OpenLedger(dir.path());
  ASSERT_TRUE(l);
  SetUpFund(*l);
  const uint64_t head = l->store().head().position;
  auto batch = l->ExecuteBatch(
      {Gift("g1", "acme", 50000, 20240401), Gift("g1", "acme", 60000, 20240401)}, kActor);
  ASSERT_FALSE(batch.has_value());
  EXPECT_EQ(1u, batch.error().index);
  EXPECT_EQ(StatusCode::kConflict, batch.error().error.status.code());
  EXPECT_EQ(head, l->store().head().position);
}

// ---------------------------------------------------------------------------------------------
// Reopening folds the same state.

TEST(LedgerTest, StateAfterReopenEqualsStateBefore) {
  testing::TempDir dir;
  auto l = OpenLedger(dir.path());
  ASSERT_TRUE(l);
  SetUpFund(*l);
  Must(*l, MakePledge{.pledge_id = "pl1",
                      .partner_id = "acme",
                      .amount_per_year_cents = 100000,
                      .years = 3,
                      .from_year = 2024,
                      .date = 20240105});
  RecordGift pledged = Gift("g1", "acme", 100000, 20240315);
  pledged.pledge_id = "pl1";
  Must(*l, pledged);
  Must(*l, Gift("g2", "acme", 150000, 20240615));
  RecordGift pending = Gift("g3", "marie", 40000, 20240701);
  pending.pending = true;
  Must(*l, pending);
  Must(*l, ReceiveGift{.gift_id = "g3", .date = 20240705});
  Must(*l, IssueReceipt{.gift_id = "g3", .date = 20240710});
  Must(*l, IssueReceipt{.partner_id = "acme", .year = 2024, .date = 20250110});
  Must(*l,
       CorrectPartner{
           .partner_id = "acme", .address = "2 avenue de la Gare, 39100 Dole", .date = 20250111});
  Must(*l, CancelReceipt{
               .number = "2025-0001", .reason = "adresse", .date = 20250112, .reissue = true});
  Must(*l, SetParameter{.name = param::kCitizenCounterpartsCapCents,
                        .value = 8000,
                        .valid_from = 20260101,
                        .note = "revalorisation"});
  Must(*l, FileDeclaration{.year = 2024, .date = 20250420});
  const State& s = l->state();
  EXPECT_EQ(3u, s.receipts.size());
  EXPECT_EQ("2025-0002", s.Receipt("2025-0001")->replaced_by);
  EXPECT_EQ(100000, s.pledges.at("pl1").fulfilled_cents);
  const std::string before = StateText(s);
  const uint64_t head = l->store().head().position;
  l.reset();

  auto reopened = OpenLedger(dir.path());
  ASSERT_TRUE(reopened);
  EXPECT_EQ(head, reopened->store().head().position);
  EXPECT_EQ(before, StateText(reopened->state()));
  reopened.reset();

  // Folding only up to a position gives the state as it was then.
  Ledger::Options at;
  at.read_only = true;
  at.at_position = head - 1;
  auto earlier = OpenLedger(dir.path(), at);
  ASSERT_TRUE(earlier);
  EXPECT_EQ(head - 1, earlier->state().position);
  EXPECT_TRUE(earlier->state().declarations.empty());
  EXPECT_EQ(3u, earlier->state().receipts.size());
}

// ---------------------------------------------------------------------------------------------
// The posting map over the log: every received gift posts one balanced entry.

struct Posted {
  std::string event;  // the event type that posted it
  JournalEntry entry;
};

// Replays the log, asking the posting map for each event's entries against the state before it.
std::map<std::string, std::vector<Posted>> PostingsByPiece(const engine::Store& store,
                                                           size_t* events_without_postings) {
  std::map<std::string, std::vector<Posted>> out;
  State s;
  *events_without_postings = 0;
  Status st = store.ReadForward(1, 0, [&](const engine::RecordedEvent& recorded) {
    auto e = DecodeEvent(recorded);
    EXPECT_TRUE(e.has_value()) << e.error().ToString();
    if (!e) return false;
    auto entries = PostingsFor(s, *e);
    if (entries.empty()) ++*events_without_postings;
    for (auto& entry : entries) out[entry.piece_ref].push_back({EventTypeName(*e), entry});
    ApplyEvent(s, *e);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

std::string Lines(const JournalEntry& e) {
  std::string out = e.journal + " " + std::to_string(e.date) + ":";
  for (const auto& l : e.lines)
    out += " " + l.account + (l.debit_cents ? " D" + std::to_string(l.debit_cents) : "") +
           (l.credit_cents ? " C" + std::to_string(l.credit_cents) : "") +
           (l.aux.empty() ? "" : "/" + l.aux);
  return out;
}

TEST(PostingTest, EveryReceivedGiftPostsABalancedEntry) {
  testing::TempDir dir;
  auto l = OpenLedger(dir.path());
  ASSERT_TRUE(l);
  SetUpFund(*l);
  Must(*l, MakePledge{.pledge_id = "pl1",
                      .partner_id = "acme",
                      .amount_per_year_cents = 500000,
                      .years = 2,
                      .from_year = 2024,
                      .date = 20240105});
  Must(*l, Gift("company", "acme", 100000, 20240301));
  Must(*l, Gift("citizen", "marie", 40000, 20240302));
  RecordGift cash = Gift("cash", "marie", 3000, 20240303);
  cash.method = PaymentMethod::kCash;
  Must(*l, cash);
  RecordGift sponsorship = Gift("sponsor", "lumiere", 250000, 20240304);
  sponsorship.kind = GiftKind::kSponsorship;
  Must(*l, sponsorship);
  RecordGift in_kind = Gift("inkind", "acme", 80000, 20240305);
  in_kind.nature = GiftNature::kInKind;
  in_kind.valuation_ref = "VAL-1";
  Must(*l, in_kind);
  RecordGift skills = Gift("skills", "lumiere", 120000, 20240306);
  skills.nature = GiftNature::kSkills;
  skills.valuation_ref = "VAL-2";
  Must(*l, skills);
  RecordGift pending = Gift("pending", "acme", 70000, 20240307);
  pending.pending = true;
  Must(*l, pending);
  Must(*l, IssueReceipt{.gift_id = "company", .date = 20240310});

  size_t silent = 0;
  auto before_receipt = PostingsByPiece(l->store(), &silent);
  // The pending gift posts nothing until its money arrives.
  EXPECT_EQ(0u, before_receipt.count("pending"));
  Must(*l, ReceiveGift{.gift_id = "pending", .date = 20240320});
  auto posted = PostingsByPiece(l->store(), &silent);
  // Fund (2 events), 3 partners, the pledge, the pending gift's record, the receipt: nothing.
  EXPECT_EQ(8u, silent);

  const std::map<std::string, std::string> expected = {
      {"company", "BQ 20240301: 512 D100000 7542 C100000/acme"},
      {"citizen", "BQ 20240302: 512 D40000 75411 C40000/marie"},
      {"cash", "CA 20240303: 530 D3000 75411 C3000/marie"},
      {"sponsor", "BQ 20240304: 512 D250000 7063 C250000/lumiere"},
      {"inkind", "CVN 20240305: 861 D80000 870 C80000/acme"},
      {"skills", "CVN 20240306: 862 D120000 871 C120000/lumiere"},
      {"pending", "BQ 20240320: 512 D70000 7542 C70000/acme"},
  };
  EXPECT_EQ(expected.size(), posted.size());
  for (const auto& [piece, lines] : expected) {
    SCOPED_TRACE(piece);
    ASSERT_EQ(1u, posted[piece].size());
    const Posted& p = posted[piece][0];
    EXPECT_TRUE(Balanced(p.entry));
    EXPECT_EQ(lines, Lines(p.entry));
    EXPECT_EQ(piece == "pending" ? "GiftReceived" : "GiftRecorded", p.event);
    for (const auto& line : p.entry.lines) EXPECT_STRNE("", AccountLabel(line.account));
    EXPECT_STRNE("", JournalLabel(p.entry.journal));
  }
}

TEST(PostingTest, UnbalancedEntryIsNotBalanced) {
  JournalEntry e{.journal = "OD",
                 .date = 20240101,
                 .label = "x",
                 .piece_ref = "p",
                 .lines = {{"512", 100, 0, ""}, {"7542", 0, 99, ""}}};
  EXPECT_FALSE(Balanced(e));
  e.lines[1].credit_cents = 100;
  EXPECT_TRUE(Balanced(e));
  e.lines[0].debit_cents = -100;
  e.lines[1].credit_cents = -100;
  EXPECT_FALSE(Balanced(e)) << "negative amounts are refused even when they match";
  EXPECT_FALSE(Balanced(JournalEntry{}));
}

// ---------------------------------------------------------------------------------------------
// Invariants: what verify finds in a log edited behind fij's back.

class InvariantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ledger_ = OpenLedger(dir_.path());
    ASSERT_TRUE(ledger_);
    SetUpFund(*ledger_);
    Must(*ledger_, Gift("g1", "acme", 100000, 20240315));
    Must(*ledger_, Gift("g2", "acme", 50000, 20240316));
    Outcome o = Must(*ledger_, IssueReceipt{.gift_id = "g1", .date = 20240320});
    ASSERT_EQ(1u, o.events.size());
    first_ = std::get<ReceiptIssued>(o.events[0]);
  }
  // A receipt for g2 as Decide would issue it next: 2024-0002.
  ReceiptIssued Next() const {
    ReceiptIssued r = first_;
    r.number = "2024-0002";
    r.sequence = 2;
    r.gift_ids = {"g2"};
    r.amount_cents = 50000;
    return r;
  }
  testing::TempDir dir_;
  std::unique_ptr<Ledger> ledger_;
  ReceiptIssued first_;
};

TEST_F(InvariantsTest, LogWrittenByTheLedgerBreaksNoInvariant) {
  State s;
  Status st = ledger_->store().ReadForward(1, 0, [&](const engine::RecordedEvent& recorded) {
    auto e = DecodeEvent(recorded);
    EXPECT_TRUE(e.has_value());
    if (!e) return false;
    auto broken = CheckInvariants(s, *e);
    EXPECT_FALSE(broken.has_value()) << recorded.position() << ": " << *broken;
    ApplyEvent(s, *e);
    return true;
  });
  EXPECT_TRUE(st.ok());
  EXPECT_FALSE(CheckInvariants(ledger_->state(), Next()).has_value());
}

TEST_F(InvariantsTest, CatchesAGapInReceiptNumbering) {
  ReceiptIssued gap = Next();
  gap.number = "2024-0003";
  gap.sequence = 3;
  auto broken = CheckInvariants(ledger_->state(), gap);
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(std::string::npos, broken->find("gap")) << *broken;
  EXPECT_NE(std::string::npos, broken->find("sequence 3 after 1")) << *broken;
}

TEST_F(InvariantsTest, CatchesANumberUsedTwice) {
  ReceiptIssued reused = Next();
  reused.number = "2024-0001";
  auto broken = CheckInvariants(ledger_->state(), reused);
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(std::string::npos, broken->find("reused")) << *broken;
}

TEST_F(InvariantsTest, CatchesADoubleReceipt) {
  ReceiptIssued twice = Next();
  twice.gift_ids = {"g1"};
  twice.amount_cents = 100000;
  auto broken = CheckInvariants(ledger_->state(), twice);
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(std::string::npos, broken->find("g1 already on 2024-0001")) << *broken;
}

TEST_F(InvariantsTest, CatchesAReceiptWhoseAmountIsNotItsGiftsTotal) {
  ReceiptIssued inflated = Next();
  inflated.amount_cents = 50001;
  auto broken = CheckInvariants(ledger_->state(), inflated);
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(std::string::npos, broken->find("amount")) << *broken;
}

TEST_F(InvariantsTest, CatchesAGiftReceivedTwiceAndACancellationOfNothing) {
  auto twice = CheckInvariants(ledger_->state(), GiftReceived{.gift_id = "g1", .date = 20240401});
  ASSERT_TRUE(twice.has_value());
  EXPECT_NE(std::string::npos, twice->find("received twice")) << *twice;
  auto nothing =
      CheckInvariants(ledger_->state(), ReceiptCancelled{.number = "2024-0099", .reason = "x"});
  ASSERT_TRUE(nothing.has_value());
  EXPECT_NE(std::string::npos, nothing->find("unknown receipt")) << *nothing;
}

// A repayment letters what it pays: a negative amount on a line (which would unsettle a line
// paid in full) is reported, a positive one that does not overpay is not (decision 71).
TEST(LoanInvariantsTest, CatchesARepaymentLetteringANegativeAmount) {
  State s;
  LoanDisbursed d{.loan_id = "l1", .decision_id = "d1", .project_id = "p1", .date = 20250101};
  d.due_dates = {20250201, 20250301};
  d.principal_due = {10000, 10000};
  d.interest_due = {100, 100};
  d.principal_cents = 20000;
  s.loans.emplace("l1", NewLoan(d, "fij"));
  LoanRepaid fine{.repayment_id = "r1", .loan_id = "l1", .amount_cents = 10100};
  fine.lines = {0};
  fine.line_amounts = {10100};
  EXPECT_FALSE(CheckInvariants(s, fine).has_value());
  LoanRepaid negative = fine;
  negative.lines = {0, 1};
  negative.line_amounts = {10100, -500};
  negative.amount_cents = 9600;
  auto broken = CheckInvariants(s, negative);
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(std::string::npos, broken->find("negative amount to line 1")) << *broken;
}

}  // namespace
}  // namespace fij::ledger
