// The engagement committee and the money its decisions move, rule by rule: given events folded
// with ApplyEvent, when a command is decided (DecideCommand), then exactly these events or this
// rejection (STYLE.md "Tests"). The figures of the La Salamandre case are DOMAIN.md's.
#include <gtest/gtest.h>

#include <memory>

#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>
#include <vector>

#include "engine/store.h"
#include "ledger/codec.h"
#include "ledger/commands.h"
#include "ledger/date.h"
#include "ledger/ledger.h"
#include "ledger/money.h"
#include "ledger/posting_context.h"
#include "ledger/posting_map.h"
#include "ledger/rejection.h"
#include "ledger/state.h"
#include "tests/ledger/decide_util.h"
#include "tests/test_util.h"

// Commands and events are written with designated initializers that leave the other members at
// their defaults on purpose; g++ 12 flags that under -Wextra (-Wmissing-field-initializers).
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace fij::ledger {
namespace {

using fij::testing::Decided;
using fij::testing::ExpectDecide;
using fij::testing::Fold;
using fij::testing::With;

// ---------------------------------------------------------------------------------------------
// Given / when / then: ExpectDecide, Decided and the rest are tests/ledger/decide_util.h's.

// The journal entries `events` post after `given`: "BQ 512 D 1000.00 | 274 C 1000.00 salamandre
// #l1-1", one entry per line of text.
std::string Postings(const std::vector<Event>& given, const std::vector<Event>& events) {
  State s = Fold(given);
  std::string out;
  for (const Event& e : events) {
    for (const JournalEntry& entry : PostingsFor(s, e)) {
      out += entry.journal;
      for (size_t i = 0; i < entry.lines.size(); ++i) {
        const PostingLine& l = entry.lines[i];
        out += (i ? " | " : " ") + l.account + (l.debit_cents ? " D " : " C ") +
               Money::FromCents(l.debit_cents ? l.debit_cents : l.credit_cents).ToPlain();
        if (!l.aux.empty()) out += " " + l.aux;
        if (!l.letter.empty()) out += " #" + l.letter;
      }
      out += "\n";
    }
    ApplyEvent(s, e);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The fund, its projects, its committee.

constexpr char kBranch[] = "local branch of a national organisation";
constexpr uint32_t kSessionDate = 20230412;

FundInitialized Fij() {
  return {.fund_id = "fij",
          .name = "Fonds d'Impulsion Jurassien",
          .siren = "443061841",
          .address = "39000 Lons-le-Saunier",
          .object = "Financer le test de projets coopératifs",
          .signer_name = "Claire Martin",
          .signer_capacity = "Présidente",
          .date = 20230102};
}
ProjectAdded Salamandre() {
  return {.project_id = "salamandre",
          .name = "Épicerie solidaire La Salamandre",
          .carrier = "Secours Catholique",
          .carrier_form = kBranch,
          .territory = "Lons-le-Saunier",
          .description = "Épicerie solidaire à l'essai",
          .date = 20230110};
}
ProjectAdded Vegetal() {
  return {.project_id = "vegetal",
          .name = "Végétal Local",
          .carrier = "Végétal Local Jura",
          .carrier_form = "scic",
          .territory = "Jura",
          .date = 20230110};
}
ProjectAdded TiersLieu() {
  return {.project_id = "tiers",
          .name = "Tiers-lieu du Revermont",
          .carrier = "Revermont en commun",
          .carrier_form = "association",
          .date = 20230110};
}
MemberAdded Member(const std::string& id, const std::string& fund,
                   MemberRole role = MemberRole::kVoting) {
  return {.member_id = id, .fund_id = fund, .name = "Membre " + id, .role = role, .date = 20230105};
}
AttendanceRecorded Present(const std::string& session, const std::string& member,
                           uint32_t date = kSessionDate) {
  return {.session_id = session, .member_id = member, .date = date};
}
VoteCast Voted(const std::string& session, const std::string& project, const std::string& member,
               Choice choice, uint32_t date = kSessionDate) {
  return {.session_id = session,
          .project_id = project,
          .member_id = member,
          .choice = choice,
          .date = date};
}
CastVote Vote(const std::string& session, const std::string& project, const std::string& member,
              Choice choice = Choice::kFor) {
  return {.session_id = session, .project_id = project, .member_id = member, .choice = choice};
}

// The FIJ; projects salamandre and vegetal applied to its call aap2023, tiers did not; voting
// members m1, m2, m3, a participant (a sociétaire) and a secretary (the fund's staff), all
// present at session s1 of 12 April 2023 whose agenda is salamandre and vegetal. No vote yet.
std::vector<Event> Base() {
  return {Fij(),
          Salamandre(),
          Vegetal(),
          TiersLieu(),
          CallOpened{.call_id = "aap2023",
                     .fund_id = "fij",
                     .opens_on = 20230115,
                     .closes_on = 20230331,
                     .date = 20230115},
          ApplicationSubmitted{.call_id = "aap2023",
                               .project_id = "salamandre",
                               .fund_id = "fij",
                               .date = 20230201},
          ApplicationSubmitted{
              .call_id = "aap2023", .project_id = "vegetal", .fund_id = "fij", .date = 20230202},
          Member("m1", "fij"),
          Member("m2", "fij"),
          Member("m3", "fij"),
          Member("soc", "fij", MemberRole::kParticipant),
          Member("sec", "fij", MemberRole::kSecretary),
          SessionOpened{.session_id = "s1",
                        .fund_id = "fij",
                        .agenda = {"salamandre", "vegetal"},
                        .date = kSessionDate},
          Present("s1", "m1"),
          Present("s1", "m2"),
          Present("s1", "m3"),
          Present("s1", "soc"),
          Present("s1", "sec")};
}

// Base, and the votes of s1: salamandre 2 for, 1 against; vegetal 3 for.
std::vector<Event> Votes() {
  return With(Base(), {Voted("s1", "salamandre", "m1", Choice::kFor),
                       Voted("s1", "salamandre", "m2", Choice::kFor),
                       Voted("s1", "salamandre", "m3", Choice::kAgainst),
                       Voted("s1", "vegetal", "m1", Choice::kFor),
                       Voted("s1", "vegetal", "m2", Choice::kFor),
                       Voted("s1", "vegetal", "m3", Choice::kFor)});
}

// The FIJ's package for La Salamandre: a 20 000 EUR grant and a 25 000 EUR loan over 36 months,
// the first 6 deferred, at 0 %.
RecordDecision SalamandrePackage() {
  return {.decision_id = "d1",
          .session_id = "s1",
          .project_id = "salamandre",
          .grant_cents = 2'000'000,
          .loan_cents = 2'500'000,
          .loan_term_months = 36,
          .loan_deferral_months = 6,
          .conditions = "point d'étape à 6 mois"};
}

// Votes, and the money: d1 (SalamandrePackage) with loan l1 disbursed on 2 May 2023; d2 on
// vegetal: a 5 000 EUR grant, a 12 000 EUR loan over 12 months at 6 % (l2, disbursed the same
// day) and a 10 000 EUR guarantee of a bank loan (gu1).
std::vector<Event> Funded() {
  return Decided(Votes(),
               {SalamandrePackage(),
                RecordDecision{.decision_id = "d2",
                               .session_id = "s1",
                               .project_id = "vegetal",
                               .grant_cents = 500'000,
                               .loan_cents = 1'200'000,
                               .loan_term_months = 12,
                               .loan_rate_bp = 600,
                               .guarantee_cents = 1'000'000,
                               .guarantee_lender = "Banque Populaire BFC",
                               .guarantee_until = 20260412},
                DisburseLoan{.loan_id = "l1", .decision_id = "d1", .date = 20230502},
                DisburseLoan{.loan_id = "l2", .decision_id = "d2", .date = 20230502},
                GrantGuarantee{.guarantee_id = "gu1", .decision_id = "d2", .date = 20230502}});
}

// Votes, and France Active's Fonds de confiance ("fc"), which may not fund a local branch of a
// national organisation: salamandre applied to its call too, and its committee (k1, k2, k3)
// voted 2 for, 1 against at session fc1 of 20 April 2023.
std::vector<Event> Confiance() {
  return With(Votes(), {FundAdded{.fund_id = "fc",
                                  .name = "Fonds de confiance",
                                  .excluded_carrier_forms = {kBranch},
                                  .date = 20230103},
                        CallOpened{.call_id = "fc2023",
                                   .fund_id = "fc",
                                   .opens_on = 20230115,
                                   .closes_on = 20230331,
                                   .date = 20230115},
                        ApplicationSubmitted{.call_id = "fc2023",
                                             .project_id = "salamandre",
                                             .fund_id = "fc",
                                             .date = 20230203},
                        Member("k1", "fc"), Member("k2", "fc"), Member("k3", "fc"),
                        SessionOpened{.session_id = "fc1",
                                      .fund_id = "fc",
                                      .agenda = {"salamandre"},
                                      .date = 20230420},
                        Present("fc1", "k1", 20230420), Present("fc1", "k2", 20230420),
                        Present("fc1", "k3", 20230420),
                        Voted("fc1", "salamandre", "k1", Choice::kFor, 20230420),
                        Voted("fc1", "salamandre", "k2", Choice::kFor, 20230420),
                        Voted("fc1", "salamandre", "k3", Choice::kAgainst, 20230420)});
}

RecordDecision FcRejects() {
  return {.decision_id = "dfc",
          .session_id = "fc1",
          .project_id = "salamandre",
          .reject = true,
          .conditions = "porteur non éligible au Fonds de confiance"};
}

// A session `id` of the FIJ on `date` on `project`, with m1, m2, m3 present and voting for.
std::vector<Event> ApprovingSession(std::vector<Event> given, const std::string& id,
                                    uint32_t date, const std::string& project) {
  for (Event e : std::initializer_list<Event>{
           SessionOpened{.session_id = id, .fund_id = "fij", .agenda = {project}, .date = date},
           Present(id, "m1", date), Present(id, "m2", date), Present(id, "m3", date),
           Voted(id, project, "m1", Choice::kFor, date),
           Voted(id, project, "m2", Choice::kFor, date),
           Voted(id, project, "m3", Choice::kFor, date)})
    given.push_back(std::move(e));
  return given;
}

// The decision the FIJ records at s1 on a project, as DecisionRecorded, with the s1 count of
// `votes_for`/`votes_against`/`votes_abstain` and 3 of 3 voting members present.
DecisionRecorded Recorded(const RecordDecision& c, uint32_t votes_for, uint32_t votes_against,
                          uint32_t votes_abstain, int64_t grant_equivalent_cents) {
  return {.decision_id = c.decision_id,
          .session_id = c.session_id,
          .project_id = c.project_id,
          .fund_id = "fij",
          .rejected = c.reject,
          .grant_cents = c.grant_cents,
          .loan_cents = c.loan_cents,
          .loan_term_months = c.loan_term_months,
          .loan_deferral_months = c.loan_deferral_months,
          .loan_rate_bp = c.loan_rate_bp,
          .guarantee_cents = c.guarantee_cents,
          .guarantee_lender = c.guarantee_lender,
          .guarantee_until = c.guarantee_until,
          .conditions = c.conditions,
          .votes_for = votes_for,
          .votes_against = votes_against,
          .votes_abstain = votes_abstain,
          .voting_present = 3,
          .voting_members = 3,
          .grant_equivalent_cents = grant_equivalent_cents,
          .date = c.date ? c.date : kSessionDate};
}

// ---------------------------------------------------------------------------------------------
// Every committee rejection, 40 to 74: one case each.

TEST(CommitteeRejectionTest, EveryCommitteeRejectionHasACaseThatTriggersExactlyIt) {
  struct Row {
    const char* description;
    std::vector<Event> given;
    Command when;
    Rejection then;
    // Roles are checked by the Ledger before Decide, which knows no actor: a row with an actor
    // runs through a store holding `given`.
    std::string actor = "";
  };
  const std::vector<Event> base = Base(), votes = Votes(), funded = Funded(),
                           confiance = Confiance();
  const std::vector<Row> rows = {
      {"an application names a project never added", base,
       SubmitApplication{.call_id = "aap2023", .project_id = "nope", .date = 20230301},
       Rejection::kUnknownProject},
      {"an application names a call never opened", base,
       SubmitApplication{.call_id = "nope", .project_id = "tiers", .date = 20230301},
       Rejection::kUnknownCall},
      {"an application arrives the day after the call closed", base,
       SubmitApplication{.call_id = "aap2023", .project_id = "tiers", .date = 20230401},
       Rejection::kOutsideCallPeriod},
      {"attendance of someone who is not a member", base, Attend{"s1", "nobody"},
       Rejection::kUnknownMember},
      {"attendance at a session never opened", base, Attend{"s9", "m1"},
       Rejection::kUnknownSession},
      {"a vote in a closed session", With(base, {SessionClosed{"s1", kSessionDate}}),
       Vote("s1", "salamandre", "m1"), Rejection::kSessionClosed},
      {"a vote by a participant (a sociétaire, not a patron)", base,
       Vote("s1", "salamandre", "soc"), Rejection::kVoterNotVoting},
      {"a vote by a voting member not recorded present", With(base, {Member("m4", "fij")}),
       Vote("s1", "salamandre", "m4"), Rejection::kVoterAbsent},
      {"a second vote by the same member on the same item", votes,
       Vote("s1", "salamandre", "m1", Choice::kAgainst), Rejection::kVotedTwice},
      {"a vote by a member who declared a conflict of interest",
       With(base, {ConflictDeclared{"m3", "salamandre", 20230410}}),
       Vote("s1", "salamandre", "m3"), Rejection::kVoterRecused},
      {"a vote on a project that is not on the agenda", base, Vote("s1", "tiers", "m1"),
       Rejection::kNotOnAgenda},
      {"a decision at a session where 1 of 3 voting members came",
       With(base, {SessionOpened{.session_id = "s2",
                                 .fund_id = "fij",
                                 .agenda = {"salamandre"},
                                 .date = 20230510},
                   Present("s2", "m1", 20230510),
                   Voted("s2", "salamandre", "m1", Choice::kFor, 20230510)}),
       RecordDecision{
           .decision_id = "d9", .session_id = "s2", .project_id = "salamandre", .grant_cents = 100},
       Rejection::kNoQuorum},
      {"an approval after a 1-1 tie",
       With(base, {Voted("s1", "vegetal", "m1", Choice::kFor),
                   Voted("s1", "vegetal", "m2", Choice::kAgainst)}),
       RecordDecision{
           .decision_id = "d9", .session_id = "s1", .project_id = "vegetal", .grant_cents = 100},
       Rejection::kNoMajority},
      {"the Fonds de confiance approves a local branch of a national organisation", confiance,
       RecordDecision{.decision_id = "dfc",
                      .session_id = "fc1",
                      .project_id = "salamandre",
                      .grant_cents = 1'000'000},
       Rejection::kCarrierNotEligible},
      {"a tranche under a decision never recorded", funded,
       DisburseGrant{
           .disbursement_id = "t9", .decision_id = "nope", .amount_cents = 100, .date = 20230601},
       Rejection::kUnknownDecision},
      {"a tranche one cent above the decided grant", funded,
       DisburseGrant{.disbursement_id = "t9",
                     .decision_id = "d1",
                     .amount_cents = 2'000'001,
                     .date = 20230601},
       Rejection::kGrantAboveDecision},
      {"a decision's loan disbursed a second time", funded,
       DisburseLoan{.loan_id = "l9", .decision_id = "d1", .date = 20230601},
       Rejection::kLoanAlreadyDisbursed},
      {"a repayment of a loan never disbursed", funded,
       RepayLoan{.repayment_id = "r9", .loan_id = "nope", .amount_cents = 100, .date = 20230601},
       Rejection::kUnknownLoan},
      {"a repayment one cent above what is owed", funded,
       RepayLoan{
           .repayment_id = "r9", .loan_id = "l1", .amount_cents = 2'500'001, .date = 20231202},
       Rejection::kRepaymentAboveOutstanding},
      {"an expense one cent above its category's budget",
       With(funded, {BudgetSet{"salamandre", CostCategory::kSalary, 1'000'000, 20230502}}),
       RecordExpense{.expense_id = "e9",
                     .project_id = "salamandre",
                     .category = CostCategory::kSalary,
                     .amount_cents = 1'000'001,
                     .date = 20230601},
       Rejection::kExpenseAboveBudget},
      {"a budget one cent above the approved package (grant + loan)", funded,
       SetBudget{.project_id = "salamandre", .amount_cents = 4'500'001, .date = 20230502},
       Rejection::kBudgetAbovePackage},
      {"an expense after the experiment closed",
       With(funded, {BudgetSet{"salamandre", CostCategory::kSalary, 1'000'000, 20230502},
                     ExperimentClosed{"salamandre", "concluant", 20231231}}),
       RecordExpense{.expense_id = "e9",
                     .project_id = "salamandre",
                     .amount_cents = 100,
                     .date = 20240105},
       Rejection::kExperimentClosed},
      {"a grant one cent above the 2023 de minimis ceiling of 200 000 EUR", votes,
       RecordDecision{.decision_id = "d9",
                      .session_id = "s1",
                      .project_id = "vegetal",
                      .grant_cents = 20'000'001},
       Rejection::kDeMinimisExceeded},
      {"an auditor adds a project",
       With(base, {RoleGranted{"claire", ActorRole::kCoordinator, 20230102},
                   RoleGranted{"alice", ActorRole::kAuditor, 20230102}}),
       AddProject{.project_id = "p9", .name = "X", .carrier = "X", .date = 20230301},
       Rejection::kActorNotAuthorised, "alice"},
      {"a loan whose deferral is its whole term", votes,
       RecordDecision{.decision_id = "d9",
                      .session_id = "s1",
                      .project_id = "salamandre",
                      .loan_cents = 100'000,
                      .loan_term_months = 6,
                      .loan_deferral_months = 6},
       Rejection::kInvalidLoanTerms},
      {"a tranche under the Fonds de confiance's rejection", Decided(confiance, {FcRejects()}),
       DisburseGrant{
           .disbursement_id = "t9", .decision_id = "dfc", .amount_cents = 100, .date = 20230601},
       Rejection::kDecisionIsARejection},
      {"a call of a guarantee never granted", funded,
       CallGuarantee{.guarantee_id = "nope", .amount_cents = 100, .date = 20230601},
       Rejection::kUnknownGuarantee},
      {"a call of a released guarantee",
       With(funded, {GuaranteeReleased{"gu1", 0, 20240101}}),
       CallGuarantee{.guarantee_id = "gu1", .amount_cents = 100, .date = 20240102},
       Rejection::kGuaranteeNotActive},
      {"a Fonds de confiance member attends a FIJ session", confiance, Attend{"s1", "k1"},
       Rejection::kMemberOfAnotherFund},
      {"a decision on a project that never applied to the fund",
       With(base, {SessionOpened{.session_id = "s3",
                                 .fund_id = "fij",
                                 .agenda = {"tiers"},
                                 .date = 20230510},
                   Present("s3", "m1", 20230510), Present("s3", "m2", 20230510)}),
       RecordDecision{.decision_id = "d9", .session_id = "s3", .project_id = "tiers", .reject = true},
       Rejection::kNotApplied},
      {"an ECT pillar scored above 2", base,
       ScoreProject{.project_id = "salamandre",
                    .assessor = "rd",
                    .criterion = "resilience",
                    .score_hundredths = 201,
                    .date = 20230301},
       Rejection::kInvalidScore},
      {"salamandre's loan written off under vegetal's decision", funded,
       WriteOffLoan{.loan_id = "l1", .decision_id = "d2", .date = 20240601},
       Rejection::kDecisionOfAnotherProject},
      {"a repayment of a written-off loan",
       With(funded, {LoanWrittenOff{"l1", "d1", 2'500'000, 0, 20240601}}),
       RepayLoan{.repayment_id = "r9", .loan_id = "l1", .amount_cents = 100, .date = 20240701},
       Rejection::kLoanWrittenOff},
      {"a rejection of a project the FIJ's vote approved", votes,
       RecordDecision{
           .decision_id = "d9", .session_id = "s1", .project_id = "salamandre", .reject = true},
       Rejection::kDecisionAgainstTheVote},
      {"a guarantee granted under a decision that approved none", funded,
       GrantGuarantee{.guarantee_id = "gu9", .decision_id = "d1", .date = 20230601},
       Rejection::kNothingToDisburse},
  };

  constexpr uint32_t kFirst = 40, kLast = 74;
  std::set<uint32_t> seen;
  for (const Row& row : rows) {
    const uint32_t number = static_cast<uint32_t>(row.then);
    SCOPED_TRACE(std::string(RejectionName(row.then)) + " (R" + std::to_string(number) +
                 "): " + row.description);
    EXPECT_TRUE(seen.insert(number).second) << "two rows for one rejection";
    EXPECT_GE(number, kFirst);
    EXPECT_LE(number, kLast);
    if (row.actor.empty()) {
      ExpectDecide(row.given, row.when, row.then);
      continue;
    }
    // Through a store: `given` is written as is, then the command runs as `actor`.
    fij::testing::TempDir dir;
    Ledger::Options options;
    options.create = true;
    options.sync_writes = false;
    {
      auto ledger = Ledger::Open(dir.path(), options);
      ASSERT_TRUE(ledger.has_value()) << ledger.error().ToString();
      engine::AppendRequest given;
      given.stream_id = "given";
      given.actor = "test";
      given.idempotency_key = "given";
      for (const Event& e : row.given) given.events.push_back(ToNewEvent(e));
      std::vector<engine::AppendRequest> requests;
      requests.push_back(std::move(given));
      auto written = (*ledger)->store().AppendAll(std::move(requests));
      ASSERT_TRUE(written.has_value()) << written.error().ToString();
    }
    auto ledger = Ledger::Open(dir.path(), options);
    ASSERT_TRUE(ledger.has_value()) << ledger.error().ToString();
    const uint64_t head = (*ledger)->store().head().position;
    ASSERT_EQ(row.given.size(), head);
    auto refused = (*ledger)->Execute(row.when, row.actor);
    ASSERT_FALSE(refused.has_value()) << "accepted";
    ASSERT_TRUE(refused.error().rejected.has_value()) << refused.error().message();
    EXPECT_EQ(row.then, refused.error().rejected->code) << refused.error().message();
    EXPECT_NE(std::string::npos,
              refused.error().message().find("[R" + std::to_string(number) + " " +
                                             RejectionName(row.then) + "]"))
        << refused.error().message();
    EXPECT_EQ(head, (*ledger)->store().head().position) << "a refused command wrote";
    // The same command by the coordinator is accepted: the refusal was the role's.
    EXPECT_TRUE((*ledger)->Execute(row.when, "claire").has_value());
  }
  // Every number from 40 to 74 is a committee rejection, and has its row.
  for (uint32_t n = kFirst; n <= kLast; ++n) {
    EXPECT_STRNE("kUnknownRejection", RejectionName(static_cast<Rejection>(n))) << n;
    EXPECT_TRUE(seen.count(n)) << "no row for " << RejectionName(static_cast<Rejection>(n))
                               << " (R" << n << ")";
  }
  EXPECT_EQ(kLast - kFirst + 1, rows.size());
}

// ---------------------------------------------------------------------------------------------
// La Salamandre (DOMAIN.md): the two committees disagree, and both decisions stay on record.

TEST(SalamandreTest, FijFundsTheBranchAndTheFondsDeConfianceMayOnlyRejectIt) {
  std::vector<Event> given = Confiance();
  // Given both committees voted for, the FIJ approves its grant + loan package. Its
  // grant-equivalent: 20 000 + 25 000 x (5 % reference - 0 %) x 3 years = 23 750 EUR.
  given = ExpectDecide(given, SalamandrePackage(),
                       {Recorded(SalamandrePackage(), 2, 1, 0, 2'375'000)});
  // The Fonds de confiance may not fund a local branch of a national organisation, whatever
  // its vote...
  ExpectDecide(given,
               RecordDecision{.decision_id = "dfc",
                              .session_id = "fc1",
                              .project_id = "salamandre",
                              .grant_cents = 1'000'000},
               Rejection::kCarrierNotEligible);
  // ...so it records a rejection, even after a favourable vote.
  DecisionRecorded rejection{.decision_id = "dfc",
                             .session_id = "fc1",
                             .project_id = "salamandre",
                             .fund_id = "fc",
                             .rejected = true,
                             .conditions = "porteur non éligible au Fonds de confiance",
                             .votes_for = 2,
                             .votes_against = 1,
                             .voting_present = 3,
                             .voting_members = 3,
                             .date = 20230420};
  given = ExpectDecide(given, FcRejects(), {rejection});

  const State s = Fold(given);
  const ProjectState& p = s.projects.at("salamandre");
  EXPECT_EQ((std::vector<std::string>{"d1", "dfc"}), p.decisions) << "both stay on record";
  EXPECT_EQ(ApplicationStatus::kSelected, p.status.at("fij"));
  EXPECT_EQ(ApplicationStatus::kRejected, p.status.at("fc"));
  EXPECT_FALSE(s.decisions.at("d1").decision.rejected);
  EXPECT_TRUE(s.decisions.at("dfc").decision.rejected);
  // The FIJ's money moves; nothing moves under the Fonds de confiance's rejection.
  ExpectDecide(given,
               DisburseGrant{.disbursement_id = "t1",
                             .decision_id = "d1",
                             .amount_cents = 2'000'000,
                             .date = 20230502},
               {GrantDisbursed{"t1", "d1", "salamandre", 2'000'000, 20230502}});
  ExpectDecide(given, DisburseLoan{.loan_id = "l9", .decision_id = "dfc", .date = 20230502},
               Rejection::kDecisionIsARejection);
}

TEST(SalamandreTest, AnEligibleProjectCannotBeRejectedAgainstAFavourableVote) {
  ExpectDecide(Votes(),
               RecordDecision{.decision_id = "d9",
                              .session_id = "s1",
                              .project_id = "vegetal",
                              .reject = true},
               Rejection::kDecisionAgainstTheVote);
}

// ---------------------------------------------------------------------------------------------
// Quorum: voting members present, out of the fund's voting members.

// Session s2 on salamandre with `present` recorded present and every voting one voting for.
std::vector<Event> SessionWith(std::vector<Event> given, const std::vector<std::string>& present) {
  given.push_back(SessionOpened{
      .session_id = "s2", .fund_id = "fij", .agenda = {"salamandre"}, .date = 20230510});
  for (const auto& m : present) given.push_back(Present("s2", m, 20230510));
  for (const auto& m : present)
    if (m[0] == 'm') given.push_back(Voted("s2", "salamandre", m, Choice::kFor, 20230510));
  return given;
}

RecordDecision GrantAtS2(int64_t cents = 1'000'000) {
  return {.decision_id = "d2",
          .session_id = "s2",
          .project_id = "salamandre",
          .grant_cents = cents};
}

TEST(QuorumTest, TwoOfThreeVotingMembersPresentMakeAQuorum) {
  DecisionRecorded d = Recorded(GrantAtS2(), 2, 0, 0, 1'000'000);
  d.voting_present = 2;
  d.date = 20230510;
  ExpectDecide(SessionWith(Base(), {"m1", "m2"}), GrantAtS2(), {d});
}

TEST(QuorumTest, OneOfThreeVotingMembersPresentIsNoQuorum) {
  auto d = ExpectDecide(SessionWith(Base(), {"m1"}), GrantAtS2(), Rejection::kNoQuorum);
  ASSERT_FALSE(d.has_value());
  EXPECT_NE(std::string::npos, d.error().message.find("1 of 3 voting members")) << d.error().message;
  // Not even a rejection is recorded without a quorum.
  RecordDecision reject = GrantAtS2(0);
  reject.reject = true;
  ExpectDecide(SessionWith(Base(), {"m1"}), reject, Rejection::kNoQuorum);
}

TEST(QuorumTest, ParticipantsAndSecretariesDoNotCountTowardsTheQuorum) {
  // Three people in the room, one of them a voting member.
  ExpectDecide(SessionWith(Base(), {"m1", "soc", "sec"}), GrantAtS2(), Rejection::kNoQuorum);
  // Nor in the number of voting members: 2 present of 3 voting is a quorum although the
  // committee has 5 members.
  DecisionRecorded d = Recorded(GrantAtS2(), 2, 0, 0, 1'000'000);
  d.voting_present = 2;
  d.date = 20230510;
  ExpectDecide(SessionWith(Base(), {"m1", "m2", "soc", "sec"}), GrantAtS2(), {d});
}

TEST(QuorumTest, RemovedMembersLeaveTheCount) {
  // m3 left the committee: 2 voting members, 1 present is not more than half.
  ExpectDecide(SessionWith(With(Base(), {MemberRemoved{"m3", 20230501}}), {"m1"}), GrantAtS2(),
               Rejection::kNoQuorum);
  DecisionRecorded d = Recorded(GrantAtS2(), 2, 0, 0, 1'000'000);
  d.voting_present = 2;
  d.voting_members = 2;
  d.date = 20230510;
  ExpectDecide(SessionWith(With(Base(), {MemberRemoved{"m3", 20230501}}), {"m1", "m2"}),
               GrantAtS2(), {d});
}

TEST(QuorumTest, CustomRulesRaiseTheQuorumAndTheMajority) {
  // Two thirds must be present (more than 66,67 %) and more than 70 % of votes cast be for.
  std::vector<Event> given = ExpectDecide(
      Base(), SetCommitteeRules{.fund_id = "fij", .quorum_bp = 6667, .majority_bp = 7000,
                                .date = 20230501},
      {CommitteeRulesSet{"fij", 6667, 7000, 20230501}});
  ExpectDecide(SessionWith(given, {"m1", "m2"}), GrantAtS2(), Rejection::kNoQuorum);
  DecisionRecorded d = Recorded(GrantAtS2(), 3, 0, 0, 1'000'000);
  d.date = 20230510;
  ExpectDecide(SessionWith(given, {"m1", "m2", "m3"}), GrantAtS2(), {d});
  // 2 for, 1 against is 66,7 % of votes cast: not more than 70 %.
  std::vector<Event> split = SessionWith(given, {"m1", "m2"});
  split.push_back(Present("s2", "m3", 20230510));
  split.push_back(Voted("s2", "salamandre", "m3", Choice::kAgainst, 20230510));
  ExpectDecide(split, GrantAtS2(), Rejection::kNoMajority);
  // Rules are shares below 100 %: "more than 100 %" could never be met.
  ExpectDecide(Base(), SetCommitteeRules{.fund_id = "fij", .quorum_bp = 10000}, Rejection::kInvalidScore);
}

// ---------------------------------------------------------------------------------------------
// Majority: more votes for than against; abstentions are not votes cast.

TEST(MajorityTest, ATieIsNotAnApprovalButMayBeRecordedAsARejection) {
  std::vector<Event> tie = With(Base(), {Voted("s1", "vegetal", "m1", Choice::kFor),
                                         Voted("s1", "vegetal", "m2", Choice::kAgainst)});
  RecordDecision approve{
      .decision_id = "d9", .session_id = "s1", .project_id = "vegetal", .grant_cents = 100'000};
  auto d = ExpectDecide(tie, approve, Rejection::kNoMajority);
  ASSERT_FALSE(d.has_value());
  EXPECT_NE(std::string::npos, d.error().message.find("1 for, 1 against, 0 abstaining"))
      << d.error().message;
  RecordDecision reject{
      .decision_id = "d9", .session_id = "s1", .project_id = "vegetal", .reject = true};
  ExpectDecide(tie, reject, {Recorded(reject, 1, 1, 0, 0)});
}

TEST(MajorityTest, AbstentionsDoNotCountAsVotesCast) {
  // 1 for, 2 abstaining: 1 of 1 vote cast is for.
  std::vector<Event> given = With(Base(), {Voted("s1", "vegetal", "m1", Choice::kFor),
                                           Voted("s1", "vegetal", "m2", Choice::kAbstain),
                                           Voted("s1", "vegetal", "m3", Choice::kAbstain)});
  RecordDecision approve{
      .decision_id = "d9", .session_id = "s1", .project_id = "vegetal", .grant_cents = 100'000};
  ExpectDecide(given, approve, {Recorded(approve, 1, 0, 2, 100'000)});
  // 1 for, 1 against, 1 abstaining is still a tie.
  std::vector<Event> tie = With(Base(), {Voted("s1", "vegetal", "m1", Choice::kFor),
                                         Voted("s1", "vegetal", "m2", Choice::kAgainst),
                                         Voted("s1", "vegetal", "m3", Choice::kAbstain)});
  ExpectDecide(tie, approve, Rejection::kNoMajority);
  // Nobody voted: nothing to approve.
  ExpectDecide(Base(), approve, Rejection::kNoMajority);
}

TEST(VoteTest, ARecusedMemberCannotVoteOnThatProjectButVotesOnOthers) {
  std::vector<Event> given = ExpectDecide(
      Base(), DeclareConflict{.member_id = "m3", .project_id = "salamandre", .date = 20230410},
      {ConflictDeclared{"m3", "salamandre", 20230410}});
  ExpectDecide(given, Vote("s1", "salamandre", "m3"), Rejection::kVoterRecused);
  ExpectDecide(given, Vote("s1", "vegetal", "m3", Choice::kAgainst),
               {Voted("s1", "vegetal", "m3", Choice::kAgainst)});
  // The conflict is declared once.
  ExpectDecide(given,
               DeclareConflict{.member_id = "m3", .project_id = "salamandre", .date = 20230411},
               Rejection::kDuplicateId);
}

TEST(VoteTest, SecretariesAndParticipantsTakePartWithoutVoting) {
  ExpectDecide(Base(), Vote("s1", "salamandre", "sec"), Rejection::kVoterNotVoting);
  ExpectDecide(Base(), Vote("s1", "salamandre", "soc"), Rejection::kVoterNotVoting);
  ExpectDecide(Base(), Vote("s1", "salamandre", "m1"),
               {Voted("s1", "salamandre", "m1", Choice::kFor)});
}

// ---------------------------------------------------------------------------------------------
// De minimis: a carrier's aid over 3 rolling years stays under the ceiling.

// Secours Catholique's second project "vestiaire"; at s24 (15 March 2024) the FIJ granted
// salamandre 290 000 EUR. Sessions s25 (2025) and s27 (16 March 2027) are on vestiaire.
std::vector<Event> NearTheCeiling() {
  ProjectAdded vestiaire = Salamandre();
  vestiaire.project_id = "vestiaire";
  vestiaire.name = "Vestiaire solidaire";
  std::vector<Event> given = With(
      Base(), {vestiaire, ApplicationSubmitted{.call_id = "aap2023",
                                               .project_id = "vestiaire",
                                               .fund_id = "fij",
                                               .date = 20230301}});
  given = ApprovingSession(given, "s24", 20240315, "salamandre");
  given = Decided(given, {RecordDecision{.decision_id = "d24",
                                       .session_id = "s24",
                                       .project_id = "salamandre",
                                       .grant_cents = 29'000'000}});
  given = ApprovingSession(given, "s25", 20250315, "vestiaire");
  return ApprovingSession(given, "s27", 20270316, "vestiaire");
}

RecordDecision GrantVestiaire(const std::string& session, int64_t cents) {
  return {.decision_id = "d-" + session,
          .session_id = session,
          .project_id = "vestiaire",
          .grant_cents = cents};
}

TEST(DeMinimisTest, ACarrierWith290000EurosOfAidCannotReceive20000MoreWithinThreeYears) {
  const std::vector<Event> given = NearTheCeiling();
  ASSERT_EQ(29'000'000, Fold(given).decisions.at("d24").decision.grant_equivalent_cents);
  // Another project of the same carrier: the aid is counted per carrier.
  auto d = ExpectDecide(given, GrantVestiaire("s25", 2'000'000), Rejection::kDeMinimisExceeded);
  ASSERT_FALSE(d.has_value());
  EXPECT_NE(std::string::npos, d.error().message.find("310 000,00 €")) << d.error().message;
  EXPECT_NE(std::string::npos, d.error().message.find("300 000,00 €")) << d.error().message;
  // Up to the ceiling exactly is allowed.
  DecisionRecorded exactly = Recorded(GrantVestiaire("s25", 1'000'000), 3, 0, 0, 1'000'000);
  exactly.date = 20250315;
  ExpectDecide(given, GrantVestiaire("s25", 1'000'000), {exactly});
}

TEST(DeMinimisTest, AidOlderThanThreeYearsNoLongerCounts) {
  DecisionRecorded later = Recorded(GrantVestiaire("s27", 2'000'000), 3, 0, 0, 2'000'000);
  later.date = 20270316;
  ExpectDecide(NearTheCeiling(), GrantVestiaire("s27", 2'000'000), {later});
}

// ---------------------------------------------------------------------------------------------
// Grants, budgets and expenses: never beyond what was decided.

TEST(GrantTest, TranchesAddUpToExactlyTheDecidedGrant) {
  std::vector<Event> given = ExpectDecide(
      Funded(),
      DisburseGrant{
          .disbursement_id = "t1", .decision_id = "d1", .amount_cents = 1'200'000, .date = 20230502},
      {GrantDisbursed{"t1", "d1", "salamandre", 1'200'000, 20230502}});
  ExpectDecide(given,
               DisburseGrant{.disbursement_id = "t2",
                             .decision_id = "d1",
                             .amount_cents = 800'001,
                             .date = 20231002},
               Rejection::kGrantAboveDecision);
  given = ExpectDecide(given,
                       DisburseGrant{.disbursement_id = "t2",
                                     .decision_id = "d1",
                                     .amount_cents = 800'000,
                                     .date = 20231002},
                       {GrantDisbursed{"t2", "d1", "salamandre", 800'000, 20231002}});
  ExpectDecide(given,
               DisburseGrant{
                   .disbursement_id = "t3", .decision_id = "d1", .amount_cents = 1, .date = 20231003},
               Rejection::kGrantAboveDecision);
  EXPECT_EQ(2'000'000, Fold(given).decisions.at("d1").granted_disbursed_cents);
  // The grant is a charge when decided, a debt to the project until paid.
  EXPECT_EQ(
      "OD 6571 D 20000.00 salamandre | 4686 C 20000.00 salamandre\n",
      Postings(Votes(), {Fold(Funded()).decisions.at("d1").decision}));
  EXPECT_EQ("BQ 4686 D 8000.00 salamandre | 512 C 8000.00\n",
            Postings(Funded(), {GrantDisbursed{"t2", "d1", "salamandre", 800'000, 20231002}}));
}

TEST(BudgetTest, TheBudgetStaysWithinTheApprovedPackage) {
  // Package of salamandre: 20 000 grant + 25 000 loan = 45 000 EUR.
  std::vector<Event> given = ExpectDecide(
      Funded(), SetBudget{.project_id = "salamandre", .amount_cents = 3'000'000, .date = 20230502},
      {BudgetSet{"salamandre", CostCategory::kSalary, 3'000'000, 20230502}});
  EXPECT_EQ(ApplicationStatus::kRunning, Fold(given).projects.at("salamandre").status.at("fij"));
  ExpectDecide(given,
               SetBudget{.project_id = "salamandre",
                         .category = CostCategory::kMaterial,
                         .amount_cents = 1'500'001,
                         .date = 20230502},
               Rejection::kBudgetAbovePackage);
  given = ExpectDecide(given,
                       SetBudget{.project_id = "salamandre",
                                 .category = CostCategory::kMaterial,
                                 .amount_cents = 1'500'000,
                                 .date = 20230502},
                       {BudgetSet{"salamandre", CostCategory::kMaterial, 1'500'000, 20230502}});
  // Setting a category replaces its amount: the salary may go down, not up.
  ExpectDecide(given,
               SetBudget{.project_id = "salamandre", .amount_cents = 3'000'001, .date = 20230601},
               Rejection::kBudgetAbovePackage);
  ExpectDecide(given,
               SetBudget{.project_id = "salamandre", .amount_cents = 2'000'000, .date = 20230601},
               {BudgetSet{"salamandre", CostCategory::kSalary, 2'000'000, 20230601}});
  // A rejected project has no package at all.
  ExpectDecide(Decided(Confiance(), {FcRejects()}),
               SetBudget{.project_id = "salamandre", .amount_cents = 1, .date = 20230502},
               Rejection::kBudgetAbovePackage);
}

TEST(ExpenseTest, ExpensesAddUpToExactlyTheCategorysBudget) {
  std::vector<Event> given =
      With(Funded(), {BudgetSet{"salamandre", CostCategory::kSalary, 1'000'000, 20230502}});
  RecordExpense first{.expense_id = "e1",
                      .project_id = "salamandre",
                      .category = CostCategory::kSalary,
                      .amount_cents = 600'000,
                      .description = "salaire mai-juin",
                      .date = 20230630};
  given = ExpectDecide(given, first,
                       {ExpenseRecorded{"e1", "salamandre", CostCategory::kSalary, 600'000,
                                        "salaire mai-juin", 20230630}});
  RecordExpense second = first;
  second.expense_id = "e2";
  second.amount_cents = 400'001;
  ExpectDecide(given, second, Rejection::kExpenseAboveBudget);
  second.amount_cents = 400'000;
  given = ExpectDecide(given, second,
                       {ExpenseRecorded{"e2", "salamandre", CostCategory::kSalary, 400'000,
                                        "salaire mai-juin", 20230630}});
  // A category with no budget takes no expense; expenses post nothing (the grant already left).
  RecordExpense material = first;
  material.expense_id = "e3";
  material.category = CostCategory::kMaterial;
  material.amount_cents = 1;
  ExpectDecide(given, material, Rejection::kExpenseAboveBudget);
  EXPECT_EQ("", Postings(Funded(), {ExpenseRecorded{"e1", "salamandre", CostCategory::kSalary,
                                                    600'000, "", 20230630}}));
}

// ---------------------------------------------------------------------------------------------
// Loans: disbursement, repayments lettered to the schedule, impairment, write-off.

TEST(LoanTest, DisbursementBuildsTheScheduleAndPostsTheLoan) {
  std::vector<uint32_t> due;
  std::vector<int64_t> principal(30, 83'333), interest(30, 0);
  principal.back() = 83'343;
  for (int k = 0; k < 30; ++k) due.push_back(Date::FromParts(2023, 5, 2).AddMonths(7 + k).ymd());
  LoanDisbursed l1{.loan_id = "l1",
                   .decision_id = "d1",
                   .project_id = "salamandre",
                   .principal_cents = 2'500'000,
                   .term_months = 36,
                   .deferral_months = 6,
                   .due_dates = due,
                   .principal_due = principal,
                   .interest_due = interest,
                   .date = 20230502};
  std::vector<Event> given = Decided(Votes(), {SalamandrePackage()});
  ExpectDecide(given, DisburseLoan{.loan_id = "l1", .decision_id = "d1", .date = 20230502}, {l1});
  EXPECT_EQ("BQ 274 D 25000.00 salamandre | 512 C 25000.00\n", Postings(given, {l1}));
  EXPECT_EQ(20231202u, due.front());
  EXPECT_EQ(20260502u, due.back());
  ExpectDecide(given, DisburseLoan{.loan_id = "l1", .decision_id = "d1", .date = 20230411},
               Rejection::kInvalidPeriod);
}

TEST(LoanTest, RepaymentsPayTheOldestLineFirstAndNeverMoreThanIsOwed) {
  // l1: 29 lines of 833,33 EUR and a last of 833,43 EUR.
  std::vector<Event> given = Funded();
  auto repay = [](const std::string& id, int64_t cents, uint32_t date) {
    return RepayLoan{.repayment_id = id, .loan_id = "l1", .amount_cents = cents, .date = date};
  };
  // A partial payment stays on the first line.
  given = ExpectDecide(given, repay("r1", 50'000, 20231202),
                       {LoanRepaid{"r1", "l1", 50'000, {0}, {50'000}, 20231202}});
  // The next one completes it and starts the second.
  LoanRepaid r2{"r2", "l1", 100'000, {0, 1}, {33'333, 66'667}, 20240102};
  EXPECT_EQ("BQ 512 D 1000.00 | 274 C 333.33 salamandre #l1-1 | 274 C 666.67 salamandre #l1-2\n",
            Postings(given, {r2}));
  given = ExpectDecide(given, repay("r2", 100'000, 20240102), {r2});
  // An early repayment runs across the next lines in order.
  given = ExpectDecide(
      given, repay("r3", 250'000, 20240202),
      {LoanRepaid{"r3", "l1", 250'000, {1, 2, 3, 4}, {16'666, 83'333, 83'333, 66'668}, 20240202}});
  const State s = Fold(given);
  EXPECT_EQ(400'000, s.loans.at("l1").repaid_principal_cents);
  EXPECT_EQ(2'100'000, s.loans.at("l1").outstanding_cents());
  // One cent above what is owed is refused; exactly what is owed settles every line.
  ExpectDecide(given, repay("r4", 2'100'001, 20240302), Rejection::kRepaymentAboveOutstanding);
  std::vector<uint32_t> lines = {4};
  std::vector<int64_t> amounts = {16'665};
  for (uint32_t k = 5; k < 29; ++k) {
    lines.push_back(k);
    amounts.push_back(83'333);
  }
  lines.push_back(29);
  amounts.push_back(83'343);
  given = ExpectDecide(given, repay("r4", 2'100'000, 20240302),
                       {LoanRepaid{"r4", "l1", 2'100'000, lines, amounts, 20240302}});
  EXPECT_EQ(0, Fold(given).loans.at("l1").outstanding_cents());
  ExpectDecide(given, repay("r5", 1, 20240402), Rejection::kRepaymentAboveOutstanding);
  ExpectDecide(given, repay("r4", 1, 20240402), Rejection::kDuplicateId);
  // Repaid before disbursed.
  ExpectDecide(Funded(), repay("r0", 1, 20230501), Rejection::kInvalidPeriod);
}

PostingContext ContextAfter(const std::vector<Event>& history) {
  PostingContext c;
  for (const Event& e : history) c.Apply(e);
  return c;
}

// Decision 38: the posting context of `report balance --full` drops a loan repaid in full or
// written off, because every loan command refuses it from then on; those refusals are pinned
// here.
TEST(LoanTest, ALoanRepaidInFullOrWrittenOffTakesNoMoreCommandsAndLeavesThePostingContext) {
  std::vector<Event> given = Funded();
  const int64_t owed = Fold(given).loans.at("l1").outstanding_cents();
  std::vector<Event> almost = Decided(
      given, {RepayLoan{
                 .repayment_id = "r1", .loan_id = "l1", .amount_cents = owed - 1, .date = 20231202}});
  EXPECT_TRUE(ContextAfter(almost).LoanFactsOf("l1").has_value()) << "one cent still owed";
  {
    // A copy does not keep the original's last loan found (decision 69): it would point into the
    // original's map, gone here (ASan would see the read).
    auto original = std::make_unique<PostingContext>(ContextAfter(almost));
    const int64_t l1_outstanding = original->LoanFactsOf("l1")->outstanding_cents();
    PostingContext copy = *original;
    original.reset();
    ASSERT_TRUE(copy.LoanFactsOf("l1").has_value());
    EXPECT_EQ(copy.LoanFactsOf("l1")->outstanding_cents(), l1_outstanding);
    EXPECT_EQ(copy.LoanFactsOf("l1")->outstanding_cents(), 1);
  }
  std::vector<Event> repaid = Decided(
      almost,
      {RepayLoan{.repayment_id = "r2", .loan_id = "l1", .amount_cents = 1, .date = 20231203}});
  EXPECT_EQ(0, Fold(repaid).loans.at("l1").outstanding_cents());
  EXPECT_TRUE(PostingContext::Closed(Fold(repaid).loans.at("l1")));
  EXPECT_FALSE(ContextAfter(repaid).LoanFactsOf("l1").has_value());
  EXPECT_TRUE(ContextAfter(repaid).LoanFactsOf("l2").has_value()) << "l2 is still owed";
  ExpectDecide(repaid, RepayLoan{.repayment_id = "r3", .loan_id = "l1", .amount_cents = 1,
                                 .date = 20240101},
               Rejection::kRepaymentAboveOutstanding);
  ExpectDecide(repaid,
               RescheduleLoan{.loan_id = "l1", .decision_id = "d1", .term_months = 12,
                              .date = 20240101},
               Rejection::kInvalidLoanTerms);
  ExpectDecide(repaid, WriteOffLoan{.loan_id = "l1", .decision_id = "d1", .date = 20240101},
               Rejection::kNothingToDisburse);
  auto review = Decide(Fold(repaid), ReviewLoans{20300101});  // l2 is overdue by then, not l1
  ASSERT_TRUE(review.has_value());
  ASSERT_EQ(1u, review->size());
  EXPECT_EQ("l2", std::get<LoanImpaired>(review->front()).loan_id);
  // A loan partly repaid stays (l2's first line is 1 000 EUR + 60 EUR of interest; 10 EUR of
  // that interest is paid).
  std::vector<Event> partly = Decided(
      given, {RepayLoan{
                 .repayment_id = "r4", .loan_id = "l2", .amount_cents = 1'000, .date = 20230602}});
  EXPECT_FALSE(PostingContext::Closed(Fold(partly).loans.at("l2")));
  EXPECT_TRUE(ContextAfter(partly).LoanFactsOf("l2").has_value());
  // Written off: every command refuses it.
  std::vector<Event> off = Decided(
      given, {WriteOffLoan{.loan_id = "l2", .decision_id = "d2", .date = 20240101}});
  EXPECT_FALSE(ContextAfter(off).LoanFactsOf("l2").has_value());
  EXPECT_TRUE(ContextAfter(off).LoanFactsOf("l1").has_value());
  ExpectDecide(off, RepayLoan{.repayment_id = "r5", .loan_id = "l2", .amount_cents = 1,
                              .date = 20240102},
               Rejection::kLoanWrittenOff);
  review = Decide(Fold(off), ReviewLoans{20300101});
  ASSERT_TRUE(review.has_value());
  ASSERT_EQ(1u, review->size());
  EXPECT_EQ("l1", std::get<LoanImpaired>(review->front()).loan_id);
}

TEST(LoanTest, WithinALineInterestIsPaidBeforePrincipal) {
  // l2: 12 000 EUR at 6 %; line 1 is 1 000 EUR of principal and 60 EUR of interest.
  std::vector<Event> given = Funded();
  LoanRepaid interest_only{"r1", "l2", 3'000, {0}, {3'000}, 20230602};
  EXPECT_EQ("BQ 512 D 30.00 | 762 C 30.00 vegetal #l2-1\n", Postings(given, {interest_only}));
  given = ExpectDecide(
      given, RepayLoan{.repayment_id = "r1", .loan_id = "l2", .amount_cents = 3'000, .date = 20230602},
      {interest_only});
  LoanRepaid rest{"r2", "l2", 103'000, {0}, {103'000}, 20230603};
  EXPECT_EQ("BQ 512 D 1030.00 | 274 C 1000.00 vegetal #l2-1 | 762 C 30.00 vegetal #l2-1\n",
            Postings(given, {rest}));
  given = ExpectDecide(
      given,
      RepayLoan{.repayment_id = "r2", .loan_id = "l2", .amount_cents = 103'000, .date = 20230603},
      {rest});
  const LoanState l2 = Fold(given).loans.at("l2");  // a copy: Fold returns a temporary
  EXPECT_EQ(100'000, l2.repaid_principal_cents);
  EXPECT_EQ(6'000, l2.repaid_interest_cents);
}

// Funded, with 500 EUR repaid on l1 (its first line, due 2 December 2023, stays unpaid) and
// l2's first seven lines (due June to December 2023) paid in full: 7 000 EUR of principal and
// 60 + 55 + 50 + 45 + 40 + 35 + 30 = 315 EUR of interest.
std::vector<Event> InArrears() {
  return Decided(Funded(),
               {RepayLoan{
                    .repayment_id = "r1", .loan_id = "l1", .amount_cents = 50'000, .date = 20231202},
                RepayLoan{.repayment_id = "r2",
                          .loan_id = "l2",
                          .amount_cents = 731'500,
                          .date = 20231202}});
}

TEST(LoanReviewTest, ALoanSixMonthsInArrearsIsImpairedAtAllItsOutstandingPrincipal) {
  const std::vector<Event> given = InArrears();
  // On 3 June 2024 l1's line of 2 December 2023 is unpaid for more than 6 months: l1 is impaired
  // at 100 % of its outstanding 24 500 EUR. l2, up to date, is left alone.
  LoanImpaired impaired{"l1", 2'450'000, 20240603};
  std::vector<Event> after = ExpectDecide(given, ReviewLoans{20240603}, {impaired});
  EXPECT_EQ("OD 68662 D 24500.00 | 2974 C 24500.00\n", Postings(given, {impaired}));
  EXPECT_EQ(0, Fold(after).loans.at("l2").impaired_cents);
  // A review that finds nothing more to impair is refused: nothing to record.
  ExpectDecide(after, ReviewLoans{20240701}, Rejection::kNothingToDisburse);
}

TEST(LoanReviewTest, SixMonthsToTheDayIsNotYetArrearsOfMoreThanSixMonths) {
  ExpectDecide(InArrears(), ReviewLoans{20240602}, Rejection::kNothingToDisburse);
}

TEST(LoanReviewTest, ALoanUpToDateIsNeverImpaired) {
  // Only l2, up to date on 3 June 2024 (its lines due from January 2024 on are less than six
  // months late).
  std::vector<Event> given = Decided(
      Votes(),
      {RecordDecision{.decision_id = "d2",
                      .session_id = "s1",
                      .project_id = "vegetal",
                      .loan_cents = 1'200'000,
                      .loan_term_months = 12,
                      .loan_rate_bp = 600},
       DisburseLoan{.loan_id = "l2", .decision_id = "d2", .date = 20230502},
       RepayLoan{.repayment_id = "r2", .loan_id = "l2", .amount_cents = 731'500, .date = 20231202}});
  ExpectDecide(given, ReviewLoans{20240603}, Rejection::kNothingToDisburse);
}

TEST(LoanTest, WriteOffPostsTheLossAndReversesTheImpairment) {
  const std::vector<Event> impaired = With(InArrears(), {LoanImpaired{"l1", 2'450'000, 20240603}});
  LoanWrittenOff off{"l1", "d1", 2'450'000, 2'450'000, 20240901};
  std::vector<Event> after =
      ExpectDecide(impaired, WriteOffLoan{.loan_id = "l1", .decision_id = "d1", .date = 20240901},
                   {off});
  EXPECT_EQ(
      "OD 654 D 24500.00 | 274 C 24500.00 salamandre\n"
      "OD 2974 D 24500.00 | 7866 C 24500.00\n",
      Postings(impaired, {off}));
  const LoanState l1 = Fold(after).loans.at("l1");  // a copy: Fold returns a temporary
  EXPECT_TRUE(l1.written_off);
  EXPECT_EQ(0, l1.outstanding_cents());
  EXPECT_EQ(0, l1.impaired_cents);
  // Without an impairment, only the loss.
  LoanWrittenOff plain{"l1", "d1", 2'450'000, 0, 20240901};
  ExpectDecide(InArrears(), WriteOffLoan{.loan_id = "l1", .decision_id = "d1", .date = 20240901},
               {plain});
  EXPECT_EQ("OD 654 D 24500.00 | 274 C 24500.00 salamandre\n", Postings(InArrears(), {plain}));
  // Written off once.
  ExpectDecide(after, WriteOffLoan{.loan_id = "l1", .decision_id = "d1", .date = 20240902},
               Rejection::kLoanWrittenOff);
}

// ---------------------------------------------------------------------------------------------
// Guarantees: off balance when granted; provisioned (6865/151), called (4671/512) and released
// (151/7865).

TEST(GuaranteeTest, AGrantedGuaranteeIsOffBalance) {
  const State s = Fold(Funded());
  const GuaranteeState& g = s.guarantees.at("gu1");
  EXPECT_EQ(1'000'000, g.guarantee.amount_cents);
  EXPECT_EQ("Banque Populaire BFC", g.guarantee.lender);
  std::vector<Event> before = Funded();
  before.pop_back();
  EXPECT_EQ("", Postings(before, {Funded().back()}));
  ExpectDecide(Funded(), GrantGuarantee{.guarantee_id = "gu2", .decision_id = "d2", .date = 20230601},
               Rejection::kDuplicateId);
}

TEST(GuaranteeTest, ACallPaysTheLenderAndReversesTheProvision) {
  std::vector<Event> given = Funded();
  GuaranteeProvisioned provision{"gu1", 400'000, 20231231};
  EXPECT_EQ("OD 6865 D 4000.00 | 151 C 4000.00\n", Postings(given, {provision}));
  given = ExpectDecide(
      given, ProvisionGuarantee{.guarantee_id = "gu1", .amount_cents = 400'000, .date = 20231231},
      {provision});
  // At most the uncalled, unprovisioned part may be provisioned.
  ExpectDecide(given,
               ProvisionGuarantee{.guarantee_id = "gu1", .amount_cents = 600'001, .date = 20240101},
               Rejection::kInvalidAmount);
  GuaranteeCalled call{"gu1", 600'000, 400'000, 20240315};
  EXPECT_EQ(
      "BQ 4671 D 6000.00 vegetal | 512 C 6000.00\n"
      "OD 151 D 4000.00 | 7865 C 4000.00\n",
      Postings(given, {call}));
  given = ExpectDecide(
      given, CallGuarantee{.guarantee_id = "gu1", .amount_cents = 600'000, .date = 20240315},
      {call});
  ExpectDecide(given, CallGuarantee{.guarantee_id = "gu1", .amount_cents = 400'001, .date = 20240316},
               Rejection::kInvalidAmount);
  // Called in full, the guarantee takes nothing more.
  given = ExpectDecide(
      given, CallGuarantee{.guarantee_id = "gu1", .amount_cents = 400'000, .date = 20240316},
      {GuaranteeCalled{"gu1", 400'000, 0, 20240316}});
  ExpectDecide(given, ReleaseGuarantee{.guarantee_id = "gu1", .date = 20240401},
               Rejection::kGuaranteeNotActive);
}

TEST(GuaranteeTest, AReleaseReversesWhatIsStillProvisioned) {
  std::vector<Event> given = With(Funded(), {GuaranteeProvisioned{"gu1", 300'000, 20231231}});
  GuaranteeReleased release{"gu1", 300'000, 20260412};
  EXPECT_EQ("OD 151 D 3000.00 | 7865 C 3000.00\n", Postings(given, {release}));
  given = ExpectDecide(given, ReleaseGuarantee{.guarantee_id = "gu1", .date = 20260412}, {release});
  EXPECT_EQ(0, Fold(given).guarantees.at("gu1").provision_cents);
  ExpectDecide(given, CallGuarantee{.guarantee_id = "gu1", .amount_cents = 1, .date = 20260413},
               Rejection::kGuaranteeNotActive);
  // Released with nothing provisioned: nothing to post.
  GuaranteeReleased bare{"gu1", 0, 20260412};
  ExpectDecide(Funded(), ReleaseGuarantee{.guarantee_id = "gu1", .date = 20260412}, {bare});
  EXPECT_EQ("", Postings(Funded(), {bare}));
}

}  // namespace
}  // namespace fij::ledger
