#include "tests/ledger/decide_util.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <variant>

#include "ledger/codec.h"
#include "ledger/invariants.h"
#include "ledger/overloaded.h"
#include "ledger/posting_context.h"
#include "ledger/posting_map.h"

namespace fij::testing {

using namespace fij::ledger;  // NOLINT(google-build-using-namespace): the events, by name

namespace {

// "Type(name=value, ...)": strings quoted, enums by name and number, lists in brackets.
class Text {
 public:
  explicit Text(const char* type) : s_(std::string(type) + "(") {}
  template <class T>
  Text& F(const char* name, const T& v) {
    if (!first_) s_ += ", ";
    first_ = false;
    s_ += name;
    s_ += '=';
    if constexpr (std::is_same_v<T, std::string>) {
      s_ += "'" + v + "'";
    } else if constexpr (std::is_same_v<T, bool>) {
      s_ += v ? "true" : "false";
    } else if constexpr (std::is_enum_v<T>) {
      s_ += std::string(ToString(v)) + "#" + std::to_string(static_cast<int>(v));
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
      s_ += '[';
      for (size_t i = 0; i < v.size(); ++i) s_ += (i ? ", '" : "'") + v[i] + "'";
      s_ += ']';
    } else if constexpr (std::is_same_v<T, std::vector<uint32_t>> ||
                         std::is_same_v<T, std::vector<int64_t>>) {
      s_ += '[';
      for (size_t i = 0; i < v.size(); ++i) s_ += (i ? ", " : "") + std::to_string(v[i]);
      s_ += ']';
    } else {
      static_assert(std::is_integral_v<T>);
      s_ += std::to_string(v);
    }
    return *this;
  }
  std::string str() const { return s_ + ")"; }

 private:
  std::string s_;
  bool first_ = true;
};

// The type name and the exact encoding in hex: equal iff the events are.
std::string Encoded(const Event& event) {
  kj::Array<capnp::word> words = EncodeEvent(event);
  static const char* kDigits = "0123456789abcdef";
  std::string out = std::string(EventTypeName(event)) + "#";
  for (kj::byte b : words.asBytes()) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

}  // namespace

std::string Render(const Event& event) {
  return std::visit(
      Overloaded{
          [](const FundInitialized& e) {
            return Text("FundInitialized")
                .F("fund_id", e.fund_id)
                .F("name", e.name)
                .F("siren", e.siren)
                .F("address", e.address)
                .F("object", e.object)
                .F("category", e.category)
                .F("signer_name", e.signer_name)
                .F("signer_capacity", e.signer_capacity)
                .F("date", e.date)
                .str();
          },
          [](const AgrementRecorded& e) {
            return Text("AgrementRecorded")
                .F("fund_id", e.fund_id)
                .F("reference", e.reference)
                .F("valid_from", e.valid_from)
                .F("valid_to", e.valid_to)
                .F("date", e.date)
                .str();
          },
          [](const PartnerRegistered& e) {
            return Text("PartnerRegistered")
                .F("partner_id", e.partner_id)
                .F("kind", e.kind)
                .F("name", e.name)
                .F("siren", e.siren)
                .F("legal_form", e.legal_form)
                .F("address", e.address)
                .F("date", e.date)
                .str();
          },
          [](const PartnerCorrected& e) {
            return Text("PartnerCorrected")
                .F("partner_id", e.partner_id)
                .F("name", e.name)
                .F("siren", e.siren)
                .F("legal_form", e.legal_form)
                .F("address", e.address)
                .F("date", e.date)
                .str();
          },
          [](const PledgeMade& e) {
            return Text("PledgeMade")
                .F("pledge_id", e.pledge_id)
                .F("partner_id", e.partner_id)
                .F("fund_id", e.fund_id)
                .F("amount_per_year_cents", e.amount_per_year_cents)
                .F("years", e.years)
                .F("from_year", e.from_year)
                .F("renewable", e.renewable)
                .F("date", e.date)
                .str();
          },
          [](const GiftRecorded& e) {
            return Text("GiftRecorded")
                .F("gift_id", e.gift_id)
                .F("partner_id", e.partner_id)
                .F("fund_id", e.fund_id)
                .F("amount_cents", e.amount_cents)
                .F("date", e.date)
                .F("announced_on", e.announced_on)
                .F("method", e.method)
                .F("nature", e.nature)
                .F("kind", e.kind)
                .F("pledge_id", e.pledge_id)
                .F("counterparts_cents", e.counterparts_cents)
                .F("counterparts_description", e.counterparts_description)
                .F("valuation_ref", e.valuation_ref)
                .F("description", e.description)
                .str();
          },
          [](const GiftReceived& e) {
            return Text("GiftReceived").F("gift_id", e.gift_id).F("date", e.date).str();
          },
          [](const ReceiptIssued& e) {
            return Text("ReceiptIssued")
                .F("number", e.number)
                .F("fund_id", e.fund_id)
                .F("year", e.year)
                .F("sequence", e.sequence)
                .F("issued_on", e.issued_on)
                .F("form", e.form)
                .F("article", e.article)
                .F("gift_ids", e.gift_ids)
                .F("period_from", e.period_from)
                .F("period_to", e.period_to)
                .F("amount_cents", e.amount_cents)
                .F("amount_words", e.amount_words)
                .F("fund_name", e.fund_name)
                .F("fund_address", e.fund_address)
                .F("fund_object", e.fund_object)
                .F("fund_siren", e.fund_siren)
                .F("fund_category", e.fund_category)
                .F("agrement_ref", e.agrement_ref)
                .F("partner_id", e.partner_id)
                .F("donor_kind", e.donor_kind)
                .F("donor_name", e.donor_name)
                .F("donor_address", e.donor_address)
                .F("donor_siren", e.donor_siren)
                .F("donor_legal_form", e.donor_legal_form)
                .F("forme_du_don", e.forme_du_don)
                .F("nature_du_don", e.nature_du_don)
                .F("mode_de_versement", e.mode_de_versement)
                .F("in_kind_description", e.in_kind_description)
                .F("signer_name", e.signer_name)
                .F("signer_capacity", e.signer_capacity)
                .F("certification", e.certification)
                .F("replaces", e.replaces)
                .str();
          },
          [](const ReceiptCancelled& e) {
            return Text("ReceiptCancelled")
                .F("number", e.number)
                .F("reason", e.reason)
                .F("date", e.date)
                .str();
          },
          [](const ParameterSet& e) {
            return Text("ParameterSet")
                .F("name", e.name)
                .F("value", e.value)
                .F("valid_from", e.valid_from)
                .F("note", e.note)
                .str();
          },
          [](const DeclarationFiled& e) {
            return Text("DeclarationFiled")
                .F("fund_id", e.fund_id)
                .F("year", e.year)
                .F("receipts_count", e.receipts_count)
                .F("total_cents", e.total_cents)
                .F("date", e.date)
                .str();
          },
          [](const ApplicationSubmitted& e) {
            return Text("ApplicationSubmitted")
                .F("call", e.call_id)
                .F("project", e.project_id)
                .F("fund", e.fund_id)
                .F("date", e.date)
                .str();
          },
          [](const AttendanceRecorded& e) {
            return Text("AttendanceRecorded")
                .F("session", e.session_id)
                .F("member", e.member_id)
                .F("date", e.date)
                .str();
          },
          [](const VoteCast& e) {
            return Text("VoteCast")
                .F("session", e.session_id)
                .F("project", e.project_id)
                .F("member", e.member_id)
                .F("choice", e.choice)
                .F("date", e.date)
                .str();
          },
          [](const CommitteeRulesSet& e) {
            return Text("CommitteeRulesSet")
                .F("fund", e.fund_id)
                .F("quorum_bp", e.quorum_bp)
                .F("majority_bp", e.majority_bp)
                .F("date", e.date)
                .str();
          },
          [](const DecisionRecorded& e) {
            return Text("DecisionRecorded")
                .F("id", e.decision_id)
                .F("session", e.session_id)
                .F("project", e.project_id)
                .F("fund", e.fund_id)
                .F("rejected", e.rejected)
                .F("grant", e.grant_cents)
                .F("loan", e.loan_cents)
                .F("term", e.loan_term_months)
                .F("deferral", e.loan_deferral_months)
                .F("rate_bp", e.loan_rate_bp)
                .F("guarantee", e.guarantee_cents)
                .F("lender", e.guarantee_lender)
                .F("until", e.guarantee_until)
                .F("conditions", e.conditions)
                .F("for", e.votes_for)
                .F("against", e.votes_against)
                .F("abstain", e.votes_abstain)
                .F("present", e.voting_present)
                .F("members", e.voting_members)
                .F("grant_equivalent", e.grant_equivalent_cents)
                .F("raises", e.raises_decision)
                .F("date", e.date)
                .str();
          },
          [](const BudgetSet& e) {
            return Text("BudgetSet")
                .F("project", e.project_id)
                .F("category", e.category)
                .F("amount", e.amount_cents)
                .F("date", e.date)
                .str();
          },
          [](const ExpenseRecorded& e) {
            return Text("ExpenseRecorded")
                .F("id", e.expense_id)
                .F("project", e.project_id)
                .F("category", e.category)
                .F("amount", e.amount_cents)
                .F("description", e.description)
                .F("date", e.date)
                .str();
          },
          [](const GrantDisbursed& e) {
            return Text("GrantDisbursed")
                .F("id", e.disbursement_id)
                .F("decision", e.decision_id)
                .F("project", e.project_id)
                .F("amount", e.amount_cents)
                .F("date", e.date)
                .str();
          },
          [](const LoanDisbursed& e) {
            return Text("LoanDisbursed")
                .F("id", e.loan_id)
                .F("decision", e.decision_id)
                .F("project", e.project_id)
                .F("principal", e.principal_cents)
                .F("term", e.term_months)
                .F("deferral", e.deferral_months)
                .F("rate_bp", e.rate_bp)
                .F("due", e.due_dates)
                .F("principal_due", e.principal_due)
                .F("interest_due", e.interest_due)
                .F("date", e.date)
                .str();
          },
          [](const LoanRepaid& e) {
            return Text("LoanRepaid")
                .F("id", e.repayment_id)
                .F("loan", e.loan_id)
                .F("amount", e.amount_cents)
                .F("lines", e.lines)
                .F("line_amounts", e.line_amounts)
                .F("date", e.date)
                .str();
          },
          [](const LoanImpaired& e) {
            return Text("LoanImpaired")
                .F("loan", e.loan_id)
                .F("amount", e.amount_cents)
                .F("date", e.date)
                .str();
          },
          [](const LoanWrittenOff& e) {
            return Text("LoanWrittenOff")
                .F("loan", e.loan_id)
                .F("decision", e.decision_id)
                .F("amount", e.amount_cents)
                .F("impairment_reversed", e.impairment_reversed_cents)
                .F("date", e.date)
                .str();
          },
          [](const GuaranteeGranted& e) {
            return Text("GuaranteeGranted")
                .F("id", e.guarantee_id)
                .F("decision", e.decision_id)
                .F("project", e.project_id)
                .F("amount", e.amount_cents)
                .F("lender", e.lender)
                .F("until", e.until)
                .F("date", e.date)
                .str();
          },
          [](const GuaranteeProvisioned& e) {
            return Text("GuaranteeProvisioned")
                .F("id", e.guarantee_id)
                .F("amount", e.amount_cents)
                .F("date", e.date)
                .str();
          },
          [](const GuaranteeCalled& e) {
            return Text("GuaranteeCalled")
                .F("id", e.guarantee_id)
                .F("amount", e.amount_cents)
                .F("provision_reversed", e.provision_reversed_cents)
                .F("date", e.date)
                .str();
          },
          [](const GuaranteeReleased& e) {
            return Text("GuaranteeReleased")
                .F("id", e.guarantee_id)
                .F("provision_reversed", e.provision_reversed_cents)
                .F("date", e.date)
                .str();
          },
          // Any other event: its exact encoding still makes two renderings differ when the
          // events do.
          [&event](const auto&) { return Encoded(event); },
      },
      event);
}

std::string Render(const std::vector<Event>& events) {
  std::string out;
  for (const Event& e : events) out += Render(e) + "\n";
  return out;
}

State Fold(const std::vector<Event>& given) {
  State s;
  for (const Event& e : given) ApplyEvent(s, e);
  return s;
}

std::vector<Event> With(std::vector<Event> base, std::initializer_list<Event> more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

namespace {
std::string Show(const std::vector<JournalEntry>& entries) {
  std::string out;
  for (const auto& e : entries) {
    out += e.journal + " " + std::to_string(e.date) + " " + e.label + " | " + e.piece_ref +
           " | fund " + e.fund + "\n";
    for (const auto& l : e.lines)
      out += "  " + l.account + " " + std::to_string(l.debit_cents) + " " +
             std::to_string(l.credit_cents) + " " + l.aux + " " + l.letter + "\n";
  }
  return out;
}

// The entries' dates, funds, accounts and amounts: what AmountPostings gives (decision 81).
std::string ShowAmounts(const std::vector<JournalEntry>& entries) {
  std::string out;
  for (const auto& e : entries) {
    out += std::to_string(e.date) + " fund " + e.fund + "\n";
    for (const auto& l : e.lines)
      out += "  " + l.account + " " + std::to_string(l.debit_cents) + " " +
             std::to_string(l.credit_cents) + "\n";
  }
  return out;
}
std::string ShowAmounts(std::span<const ledger::AmountEntry> entries) {
  std::string out;
  for (const auto& e : entries) {
    out += std::to_string(e.date) + " fund " + std::string(e.fund) + "\n";
    for (const auto& l : e.lines)
      out += "  " + std::string(l.account) + " " + std::to_string(l.debit_cents) + " " +
             std::to_string(l.credit_cents) + "\n";
  }
  return out;
}

// The entries without their texts: what PostingDetail::kAmounts gives (decision 51).
std::vector<JournalEntry> AmountsOnly(std::vector<JournalEntry> entries) {
  for (auto& e : entries) {
    e.label.clear();
    e.piece_ref.clear();
    for (auto& l : e.lines) {
      l.aux.clear();
      l.letter.clear();
    }
  }
  return entries;
}

// Decision 37: the posting map gives the same entries from the narrow PostingContext that
// `fij report balance --full` folds as from the State, event by event, and every event type
// that posts is one the context decodes. Decision 51: asked for amounts only, from the State
// or from a context without names, it gives the same entries with no texts.
void ExpectSamePostings(const std::vector<Event>& history) {
  State s;
  PostingContext c, nameless;
  nameless.keep_names = false;
  ledger::AmountPostings amounts_from_state, amounts_from_context;
  for (const Event& e : history) {
    auto from_state = PostingsFor(s, e);
    EXPECT_EQ(Show(from_state), Show(PostingsFor(c, e))) << EventTypeName(e);
    const std::string amounts = Show(AmountsOnly(from_state));
    EXPECT_EQ(amounts, Show(PostingsFor(s, e, PostingDetail::kAmounts))) << EventTypeName(e);
    EXPECT_EQ(amounts, Show(PostingsFor(nameless, e, PostingDetail::kAmounts)))
        << EventTypeName(e);
    // Decision 81: the allocation-free writer gives the same accounts and amounts, from the
    // State and from the nameless context, reusing its storage from one event to the next.
    const std::string views = ShowAmounts(from_state);
    EXPECT_EQ(views, ShowAmounts(amounts_from_state.For(s, e))) << EventTypeName(e);
    EXPECT_EQ(views, ShowAmounts(amounts_from_context.For(nameless, e))) << EventTypeName(e);
    if (!from_state.empty()) {
      EXPECT_TRUE(PostingContext::Needs(EventTypeName(e))) << EventTypeName(e) << " posts";
    }
    ApplyEvent(s, e);
    c.Apply(e);
    nameless.Apply(e);
  }
  // Every partner and decision of the State is in both contexts, with its interned facts
  // (decision 52), and the nameless context names none.
  EXPECT_EQ(c.partner_count(), s.partners.size());
  EXPECT_EQ(nameless.partner_count(), s.partners.size());
  for (const auto& [id, p] : s.partners) {
    auto named = c.PartnerFactsOf(id), bare = nameless.PartnerFactsOf(id);
    ASSERT_TRUE(named && bare) << id;
    EXPECT_EQ(named->identity.name, p.identity.name) << id;
    EXPECT_EQ(named->identity.kind, p.identity.kind) << id;
    EXPECT_EQ(bare->identity.kind, p.identity.kind) << id;
    EXPECT_TRUE(bare->identity.name.empty()) << id;
  }
  EXPECT_FALSE(c.PartnerFactsOf("no-such-partner"));
  EXPECT_EQ(c.decision_count(), s.decisions.size());
  for (const auto& [id, d] : s.decisions) EXPECT_EQ(c.DecisionFund(id), d.decision.fund_id) << id;
}
}  // namespace

std::vector<Event> ExpectDecide(const std::vector<Event>& given, const Command& when,
                                const std::vector<Event>& then, std::source_location where) {
  ::testing::ScopedTrace trace(where.file_name(), static_cast<int>(where.line()), "ExpectDecide");
  State s = Fold(given);
  Decision d = DecideCommand(s, when);
  if (!d) {
    ADD_FAILURE() << "expected events:\n" << Render(then) << "got: " << d.error().message;
    return given;
  }
  EXPECT_EQ(Render(then), Render(*d));
  std::vector<Event> after = given;
  for (const Event& e : *d) {
    std::optional<std::string> broken = CheckInvariants(s, e);
    EXPECT_FALSE(broken.has_value()) << *broken;
    ApplyEvent(s, e);
    after.push_back(e);
  }
  ExpectSamePostings(after);
  return after;
}

Decision ExpectDecide(const std::vector<Event>& given, const Command& when, Rejection then,
                      std::source_location where) {
  ::testing::ScopedTrace trace(where.file_name(), static_cast<int>(where.line()), "ExpectDecide");
  Decision d = DecideCommand(Fold(given), when);
  if (d) {
    ADD_FAILURE() << "expected " << RejectionName(then) << ", got events:\n" << Render(*d);
    return d;
  }
  EXPECT_EQ(then, d.error().code) << RejectionName(d.error().code) << ": " << d.error().message;
  const std::string tag =
      "[R" + std::to_string(static_cast<uint32_t>(then)) + " " + RejectionName(then) + "]";
  EXPECT_NE(std::string::npos, d.error().message.find(tag)) << d.error().message;
  EXPECT_NE(std::string::npos, d.error().message.find(RejectionRule(then))) << d.error().message;
  return d;
}

std::vector<Event> Decided(std::vector<Event> given, const std::vector<Command>& commands,
                           std::source_location where) {
  ::testing::ScopedTrace trace(where.file_name(), static_cast<int>(where.line()), "Decided");
  State s = Fold(given);
  for (const Command& c : commands) {
    Decision d = DecideCommand(s, c);
    if (!d) {
      ADD_FAILURE() << "a set-up command was refused: " << d.error().message;
      continue;
    }
    for (const Event& e : *d) {
      ApplyEvent(s, e);
      given.push_back(e);
    }
  }
  return given;
}

}  // namespace fij::testing
