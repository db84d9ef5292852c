// End-to-end tests of the committee through the real `fij` binary: a whole session from the
// call for projects to the loan's first repayment, the two funds' disagreement over La
// Salamandre, and who may do what (`--as`).
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace fij::testing {
namespace {

constexpr char kBranch[] = "local branch of a national organisation";

// The text of a JSON string field `"key":"value"` at or after `from`, "" if absent.
std::string JsonString(const std::string& json, const std::string& key, size_t from = 0) {
  const std::string open = "\"" + key + "\":\"";
  size_t at = json.find(open, from);
  if (at == std::string::npos) return "";
  at += open.size();
  return json.substr(at, json.find('"', at) - at);
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

class CommitteeCliTest : public ::testing::Test {
 protected:
  // Runs fij on this test's store. If the binary is being relinked by a concurrent build
  // ("Text file busy" makes the spawn fail), waits and retries.
  RunResult Fij(std::vector<std::string> args) {
    args.insert(args.begin(), {"--store", dir_.Sub("store")});
    for (int attempt = 0;; ++attempt) {
      try {
        return RunFij(args);
      } catch (const std::runtime_error&) {
        if (attempt >= 30) throw;
        ::usleep(1'000'000);
      }
    }
  }
  // Runs a command that must succeed.
  std::string Ok(std::vector<std::string> args) {
    RunResult r = Fij(args);
    std::string line;
    for (const auto& a : args) line += a + " ";
    EXPECT_EQ(0, r.exit_code) << "fij " << line << "\n" << r.err;
    return r.out;
  }
  // Runs a command that a rule must refuse (exit 3) with `rejection` named on stderr, and
  // checks that nothing was written.
  void Refused(std::vector<std::string> args, const std::string& rejection) {
    const std::string before = Fij({"log"}).out;
    RunResult r = Fij(args);
    std::string line;
    for (const auto& a : args) line += a + " ";
    EXPECT_EQ(3, r.exit_code) << "fij " << line << "\n" << r.out << r.err;
    EXPECT_NE(std::string::npos, r.err.find(rejection)) << "fij " << line << "\n" << r.err;
    EXPECT_NE(std::string::npos, r.err.find("[R")) << r.err;
    EXPECT_EQ(before, Fij({"log"}).out) << "fij " << line << " wrote an event";
  }

  // The FIJ (its committee: m1, m2, m3 voting, a participant and a secretary), the Fonds de
  // confiance which may not fund a local branch of a national organisation (k1, k2 voting), and
  // La Salamandre applied to both funds' calls.
  void SetUpFunds() {
    Ok({"init", "--fund-name", "Fonds d'Impulsion Jurassien", "--siren", "732829320",
        "--address", "39000 Lons-le-Saunier", "--object", "Aides aux PME", "--signer",
        "Marie Dupont, présidente", "--agrement", "AG-1", "--agrement-from", "2023-01-01",
        "--agrement-to", "2025-12-31", "--date", "2023-01-02"});
    Ok({"fund", "add", "fc", "--name", "Fonds de confiance", "--exclude-carrier-form", kBranch,
        "--date", "2023-01-03"});
    Ok({"project", "add", "salamandre", "--name", "Épicerie solidaire La Salamandre",
        "--carrier", "Secours Catholique", "--carrier-form", kBranch, "--territory",
        "Lons-le-Saunier", "--date", "2023-01-10"});
    Ok({"call", "open", "aap2023", "--fund", "fij", "--from", "2023-01-15", "--to",
        "2023-03-31"});
    Ok({"call", "open", "fc2023", "--fund", "fc", "--from", "2023-01-15", "--to", "2023-03-31"});
    Refused({"apply", "--call", "aap2023", "--project", "salamandre", "--date", "2023-04-01"},
            "kOutsideCallPeriod");
    Ok({"apply", "--call", "aap2023", "--project", "salamandre", "--date", "2023-02-01"});
    Ok({"apply", "--call", "fc2023", "--project", "salamandre", "--date", "2023-02-03"});
    for (const char* m : {"m1", "m2", "m3"})
      Ok({"committee", "add-member", m, "--fund", "fij", "--name", std::string("Mécène ") + m,
          "--role", "voting", "--date", "2023-01-05"});
    Ok({"committee", "add-member", "soc", "--fund", "fij", "--name", "Sociétaire", "--role",
        "participant", "--date", "2023-01-05"});
    Ok({"committee", "add-member", "sec", "--fund", "fij", "--name", "Coordinatrice", "--role",
        "secretary", "--date", "2023-01-05"});
    for (const char* k : {"k1", "k2"})
      Ok({"committee", "add-member", k, "--fund", "fc", "--name", std::string("France Active ") + k,
          "--role", "voting", "--date", "2023-01-05"});
  }

  TempDir dir_;
};

TEST_F(CommitteeCliTest, AFullSessionFromTheCallToTheFirstRepayment) {
  SetUpFunds();
  auto members = Ok({"committee", "list", "--fund", "fij", "--json"});
  EXPECT_EQ(5u, Count(members, "\"active\":true")) << members;
  EXPECT_EQ(3u, Count(members, "\"role\":\"voting\"")) << members;

  // The session: everyone present; m3 recuses on the project.
  Ok({"session", "open", "s1", "--fund", "fij", "--date", "2023-04-12", "--agenda", "salamandre"});
  for (const char* m : {"m1", "m2", "m3", "soc", "sec"})
    Ok({"session", "attend", "s1", "--member", m});
  Refused({"session", "attend", "s1", "--member", "k1"}, "kMemberOfAnotherFund");
  Ok({"declare-conflict", "--member", "m3", "--project", "salamandre"});

  // The votes, and those the rules refuse.
  Ok({"vote", "--session", "s1", "--project", "salamandre", "--member", "m1", "--choice", "for"});
  Refused({"vote", "--session", "s1", "--project", "salamandre", "--member", "m3", "--choice",
           "for"},
          "kVoterRecused");
  Refused({"vote", "--session", "s1", "--project", "salamandre", "--member", "soc", "--choice",
           "for"},
          "kVoterNotVoting");
  // A member votes once per item: the same vote again is a retry (nothing written); a different
  // one reuses the vote's key with other details, a conflict (exit 4) before any rule is asked.
  {
    const std::string before = Fij({"log"}).out;
    auto again = Fij({"vote", "--session", "s1", "--project", "salamandre", "--member", "m1",
                      "--choice", "for"});
    EXPECT_EQ(0, again.exit_code) << again.err;
    EXPECT_NE(std::string::npos, again.out.find("nothing written")) << again.out;
    auto changed = Fij({"vote", "--session", "s1", "--project", "salamandre", "--member", "m1",
                        "--choice", "against"});
    EXPECT_EQ(4, changed.exit_code) << changed.err;
    EXPECT_NE(std::string::npos, changed.err.find("already recorded with different details"))
        << changed.err;
    EXPECT_EQ(before, Fij({"log"}).out);
  }
  Ok({"vote", "--session", "s1", "--project", "salamandre", "--member", "m2", "--choice",
      "abstain"});

  // The decision, a grant and a loan: 3 of 3 voting members present (the participant and the
  // secretary do not count), 1 for and 1 abstaining (not a vote cast) is a majority.
  Ok({"decide", "d1", "--session", "s1", "--project", "salamandre", "--grant", "20 000",
      "--loan", "25000", "--term", "36", "--deferral", "6", "--conditions", "bilan à 6 mois"});
  auto shown = Ok({"session", "show", "s1"});
  EXPECT_NE(std::string::npos, shown.find("present: m1, m2, m3, soc, sec")) << shown;
  EXPECT_NE(std::string::npos, shown.find("item salamandre: m1=for m2=abstain")) << shown;
  EXPECT_NE(std::string::npos, shown.find("decision d1 on salamandre: approved")) << shown;

  // Closed, the session takes no more votes.
  Ok({"session", "close", "s1"});
  EXPECT_NE(std::string::npos, Ok({"session", "show", "s1"}).find("(closed)"));
  Refused({"vote", "--session", "s1", "--project", "salamandre", "--member", "m3", "--choice",
           "for"},
          "kSessionClosed");

  // The money: a first grant tranche, never beyond the decision; the loan and its schedule.
  Ok({"grant", "disburse", "t1", "--decision", "d1", "--amount", "12 000", "--date",
      "2023-05-02"});
  Refused({"grant", "disburse", "t2", "--decision", "d1", "--amount", "8000,01", "--date",
           "2023-10-02"},
          "kGrantAboveDecision");
  Ok({"loan", "disburse", "l1", "--decision", "d1", "--date", "2023-05-02"});
  Refused({"loan", "disburse", "l2", "--decision", "d1", "--date", "2023-05-02"},
          "kLoanAlreadyDisbursed");
  std::string schedule = Ok({"loan", "schedule", "l1", "--json", "--as-of", "2023-12-31"});
  EXPECT_EQ("25000.00", JsonString(schedule, "principal")) << schedule;
  EXPECT_NE(std::string::npos, schedule.find("\"term_months\":36,\"deferral_months\":6"))
      << schedule;
  EXPECT_EQ(30u, Count(schedule, "\"n\":")) << schedule;
  EXPECT_EQ(29u, Count(schedule, "\"principal\":\"833.33\"")) << schedule;
  EXPECT_NE(std::string::npos,
            schedule.find("{\"n\":1,\"due\":\"2023-12-02\",\"principal\":\"833.33\","
                          "\"interest\":\"0.00\",\"paid\":\"0.00\"}"))
      << schedule;
  EXPECT_NE(std::string::npos,
            schedule.find("{\"n\":30,\"due\":\"2026-05-02\",\"principal\":\"833.43\","
                          "\"interest\":\"0.00\",\"paid\":\"0.00\"}"))
      << schedule;
  EXPECT_EQ("833.33", JsonString(schedule, "arrears")) << schedule;

  // A repayment of 1 000 EUR settles the first line and part of the second.
  Ok({"loan", "repay", "r1", "--loan", "l1", "--amount", "1000", "--date", "2023-12-02"});
  Refused({"loan", "repay", "r2", "--loan", "l1", "--amount", "24000,01", "--date",
           "2024-01-02"},
          "kRepaymentAboveOutstanding");
  schedule = Ok({"loan", "schedule", "l1", "--json", "--as-of", "2023-12-31"});
  EXPECT_NE(std::string::npos, schedule.find("\"n\":1,\"due\":\"2023-12-02\",\"principal\":"
                                             "\"833.33\",\"interest\":\"0.00\",\"paid\":\"833.33\""))
      << schedule;
  EXPECT_NE(std::string::npos, schedule.find("\"n\":2,\"due\":\"2024-01-02\",\"principal\":"
                                             "\"833.33\",\"interest\":\"0.00\",\"paid\":\"166.67\""))
      << schedule;
  EXPECT_EQ("24000.00", JsonString(schedule, "outstanding")) << schedule;
  EXPECT_EQ("0.00", JsonString(schedule, "arrears")) << schedule;

  // The books balance: grant decided 20 000 (6571/4686), tranche 12 000 (4686/512), loan
  // 25 000 (274/512), repayment 1 000 (512/274).
  std::string balance = Ok({"report", "balance", "--json"});
  EXPECT_EQ(JsonString(balance, "total_debit"), JsonString(balance, "total_credit")) << balance;
  EXPECT_EQ("58000.00", JsonString(balance, "total_debit")) << balance;
  size_t bank = balance.find("\"account\":\"512\"");
  ASSERT_NE(std::string::npos, bank) << balance;
  EXPECT_EQ("1000.00", JsonString(balance, "debit", bank)) << balance;
  EXPECT_EQ("37000.00", JsonString(balance, "credit", bank)) << balance;
  size_t loans = balance.find("\"account\":\"274\"");
  ASSERT_NE(std::string::npos, loans) << balance;
  EXPECT_EQ("25000.00", JsonString(balance, "debit", loans)) << balance;
  EXPECT_EQ("1000.00", JsonString(balance, "credit", loans)) << balance;

  auto verify = Fij({"verify"});
  EXPECT_EQ(0, verify.exit_code) << verify.err;
  EXPECT_NE(std::string::npos, verify.out.find("verify: OK")) << verify.out;
}

TEST_F(CommitteeCliTest, TheFondsDeConfianceRejectsLaSalamandreThatTheFijFunds) {
  SetUpFunds();
  Ok({"session", "open", "s1", "--fund", "fij", "--date", "2023-04-12", "--agenda", "salamandre"});
  Ok({"session", "open", "fc1", "--fund", "fc", "--date", "2023-04-20", "--agenda",
      "salamandre"});
  for (const char* m : {"m1", "m2", "m3"}) {
    Ok({"session", "attend", "s1", "--member", m});
    Ok({"vote", "--session", "s1", "--project", "salamandre", "--member", m, "--choice", "for"});
  }
  for (const char* k : {"k1", "k2"}) {
    Ok({"session", "attend", "fc1", "--member", k});
    Ok({"vote", "--session", "fc1", "--project", "salamandre", "--member", k, "--choice", "for"});
  }
  Ok({"decide", "d1", "--session", "s1", "--project", "salamandre", "--grant", "20000", "--loan",
      "25000", "--term", "36", "--deferral", "6"});
  Refused({"decide", "dfc", "--session", "fc1", "--project", "salamandre", "--grant", "10000"},
          "kCarrierNotEligible");
  Ok({"decide", "dfc", "--session", "fc1", "--project", "salamandre", "--reject", "--conditions",
      "porteur non éligible"});
  // Both decisions stay on record, each fund with its own status.
  auto projects = Ok({"project", "list", "--json"});
  EXPECT_NE(std::string::npos, projects.find("\"status\":{\"fc\":\"rejected\",\"fij\":\"selected\"}"))
      << projects;
  auto shown = Ok({"project", "show", "salamandre"});
  EXPECT_NE(std::string::npos, shown.find("decision  d1 (fij, 2023-04-12, 3/0/0) approved: grant"))
      << shown;
  EXPECT_NE(std::string::npos, shown.find("decision  dfc (fc, 2023-04-20, 2/0/0) rejected"))
      << shown;
  Refused({"grant", "disburse", "t1", "--decision", "dfc", "--amount", "100", "--date",
           "2023-05-02"},
          "kDecisionIsARejection");
  EXPECT_EQ(0, Fij({"verify"}).exit_code);
}

TEST_F(CommitteeCliTest, AnAuditorWritesNothingAndASecretaryRecordsVotes) {
  SetUpFunds();  // `init` made the default actor, "coordinator", the store's coordinator
  Ok({"role", "grant", "alice", "--role", "auditor"});
  Ok({"role", "grant", "claire", "--role", "secretary"});
  auto roles = Ok({"role", "list"});
  EXPECT_NE(std::string::npos, roles.find("alice: auditor")) << roles;
  EXPECT_NE(std::string::npos, roles.find("coordinator: coordinator")) << roles;

  // An auditor only reads.
  Refused({"--as", "alice", "partner", "add", "bel", "--kind", "company", "--name", "Groupe Bel",
           "--siren", "552100554", "--legal-form", "SA", "--address", "75008 Paris"},
          "kActorNotAuthorised");
  Refused({"--as", "alice", "session", "open", "s1", "--fund", "fij", "--date", "2023-04-12",
           "--agenda", "salamandre"},
          "kActorNotAuthorised");
  EXPECT_EQ(0, Fij({"--as", "alice", "project", "list"}).exit_code) << "auditors read";
  EXPECT_EQ(0, Fij({"--as", "alice", "verify"}).exit_code);
  // Nor does an actor nobody granted a role.
  Refused({"--as", "mallory", "vote", "--session", "s1", "--project", "salamandre", "--member",
           "m1", "--choice", "for"},
          "kActorNotAuthorised");

  // The secretary runs the session and records the votes.
  Ok({"--as", "claire", "session", "open", "s1", "--fund", "fij", "--date", "2023-04-12",
      "--agenda", "salamandre"});
  for (const char* m : {"m1", "m2"}) Ok({"--as", "claire", "session", "attend", "s1", "--member", m});
  Ok({"--as", "claire", "vote", "--session", "s1", "--project", "salamandre", "--member", "m1",
      "--choice", "for"});
  Refused({"--as", "alice", "vote", "--session", "s1", "--project", "salamandre", "--member",
           "m2", "--choice", "for"},
          "kActorNotAuthorised");
  Ok({"vote", "--session", "s1", "--project", "salamandre", "--member", "m2", "--choice", "for",
      "--as", "claire"});
  // Money is the coordinator's: the secretary records the decision, not the payments.
  Ok({"--as", "claire", "decide", "d1", "--session", "s1", "--project", "salamandre", "--grant",
      "5000"});
  Refused({"--as", "claire", "grant", "disburse", "t1", "--decision", "d1", "--amount", "5000",
           "--date", "2023-05-02"},
          "kActorNotAuthorised");
  Ok({"grant", "disburse", "t1", "--decision", "d1", "--amount", "5000", "--date", "2023-05-02"});
  // Every event names who acted.
  auto log = Ok({"log"});
  EXPECT_EQ(6u, Count(log, "\"actor\":\"claire\",\"idempotencyKey\""))
      << "the session, 2 attendances, 2 votes and the decision";
  EXPECT_EQ(0u, Count(log, "\"actor\":\"alice\",\"idempotencyKey\"")) << "a refused actor wrote";
  EXPECT_EQ(0, Fij({"verify"}).exit_code);
}

}  // namespace
}  // namespace fij::testing
