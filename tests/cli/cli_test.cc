// End-to-end tests of the real `fij` binary: the coordinator's whole job, exit codes, and the
// auditor's verify on a store altered behind fij's back.
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include <regex>

#include "engine/store.h"
#include "tests/test_util.h"

namespace fij::testing {
namespace {

class CliTest : public ::testing::Test {
 protected:
  RunResult Fij(std::vector<std::string> args) {
    args.insert(args.begin(), {"--store", dir_.Sub("store")});
    return RunFij(args);
  }
  void Init() {
    auto r = Fij({"init", "--fund-name", "Fonds d'Impulsion Jurassien", "--siren", "732829320",
                  "--address", "39000 Lons-le-Saunier", "--object", "Aides aux PME",
                  "--signer", "Marie Dupont, présidente", "--agrement", "AG-1",
                  "--agrement-from", "2023-01-01", "--agrement-to", "2025-12-31", "--date",
                  "2023-01-02"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(Fij({"partner", "add", "morteau", "--kind", "company", "--name", "Morteau Saucisse",
                   "--siren", "552100554", "--legal-form", "SAS", "--address", "25500 Morteau"})
                  .exit_code,
              0);
    ASSERT_EQ(Fij({"partner", "add", "gache", "--kind", "individual", "--name", "Patrick Gaché",
                   "--address", "12 rue du Jura, 39000 Lons"})
                  .exit_code,
              0);
  }
  TempDir dir_;
  uint64_t flipped_ = 0;
};

TEST_F(CliTest, CoordinatorRecordsGiftsAndIssuesGapFreeReceipts) {
  Init();
  auto g = Fij({"gift", "record", "g1", "--partner", "morteau", "--amount", "10 000,00 €",
                "--date", "2023-03-15", "--method", "transfer"});
  ASSERT_EQ(g.exit_code, 0) << g.err;
  ASSERT_EQ(Fij({"gift", "record", "g2", "--partner", "gache", "--amount", "1000", "--date",
                 "2023-04-01", "--method", "cheque"})
                .exit_code,
            0);
  auto r1 = Fij({"receipt", "issue", "--gift", "g1", "--date", "2023-03-20"});
  ASSERT_EQ(r1.exit_code, 0) << r1.err;
  EXPECT_EQ(r1.out, "2023-0001\n");
  auto r2 = Fij({"receipt", "issue", "--gift", "g2", "--date", "2023-04-20"});
  EXPECT_EQ(r2.out, "2023-0002\n");
  // A retry returns the original number and writes nothing.
  auto again = Fij({"receipt", "issue", "--gift", "g1", "--date", "2023-03-20"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.out, "2023-0001\n");
  // Cancel and reissue: a new number, the old one stays in the register.
  auto c = Fij({"receipt", "cancel", "2023-0001", "--reason", "wrong address", "--reissue",
                "--date", "2023-05-01"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(c.out.find("2023-0003"), std::string::npos);
  auto list = Fij({"receipt", "list", "--json"});
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("\"number\":\"2023-0001\",\"fund\":\"fij\",\"status\":\"cancelled\""),
            std::string::npos)
      << list.out;
  EXPECT_NE(list.out.find("\"replaces\":\"2023-0001\""), std::string::npos);
  auto pdf = Fij({"receipt", "pdf", "2023-0003", "-o", dir_.Sub("r.pdf")});
  ASSERT_EQ(pdf.exit_code, 0) << pdf.err;
  std::ifstream f(dir_.Sub("r.pdf"), std::ios::binary);
  std::string head(4, '\0');
  f.read(head.data(), 4);
  EXPECT_EQ(head, "%PDF");
  auto decl = Fij({"declaration", "--year", "2023", "--json"});
  EXPECT_NE(decl.out.find("\"receipts\":2,\"total\":\"11000.00\""), std::string::npos) << decl.out;
  auto v = Fij({"verify"});
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_NE(v.out.find("verify: OK"), std::string::npos);
}

TEST_F(CliTest, ExitCodesAreDistinctForUsageRejectionConflictAndStorage) {
  // Storage: no store yet.
  EXPECT_EQ(Fij({"partner", "list"}).exit_code, 5);
  Init();
  // Usage: malformed amount, bad date, unknown option.
  auto bad_amount = Fij({"gift", "record", "g1", "--partner", "morteau", "--amount", "1.234",
                         "--date", "2023-03-15", "--method", "transfer"});
  EXPECT_EQ(bad_amount.exit_code, 2);
  EXPECT_NE(bad_amount.err.find("ambiguous"), std::string::npos);
  EXPECT_EQ(Fij({"gift", "record", "g1", "--partner", "morteau", "--amount", "10", "--date",
                 "2023-02-30", "--method", "transfer"})
                .exit_code,
            2);
  EXPECT_EQ(Fij({"gift", "list", "--bogus"}).exit_code, 2);
  // Rejected: sponsorship gets no receipt; nothing written.
  ASSERT_EQ(Fij({"gift", "record", "s1", "--partner", "morteau", "--amount", "500", "--date",
                 "2023-03-15", "--method", "transfer", "--kind", "sponsorship"})
                .exit_code,
            0);
  auto before = Fij({"log"}).out;
  auto rej = Fij({"receipt", "issue", "--gift", "s1", "--date", "2023-04-01"});
  EXPECT_EQ(rej.exit_code, 3);
  EXPECT_NE(rej.err.find("kSponsorshipNotPatronage"), std::string::npos) << rej.err;
  EXPECT_EQ(Fij({"log"}).out, before) << "a rejected command wrote an event";
  // Conflict: same id, different body.
  auto conflict = Fij({"gift", "record", "s1", "--partner", "morteau", "--amount", "600",
                       "--date", "2023-03-15", "--method", "transfer", "--kind", "sponsorship"});
  EXPECT_EQ(conflict.exit_code, 4);
  EXPECT_EQ(Fij({"log"}).out, before);
}

// Text is stored as UTF-8: a Latin-1 argument (here "Gach\xe9") is a usage error naming the
// field, and nothing is written; `fij log` (JSON) stays valid.
TEST_F(CliTest, TextThatIsNotUtf8IsAUsageErrorAndWritesNothing) {
  Init();
  auto before = Fij({"log"}).out;
  auto r = Fij({"partner", "add", "latin1", "--kind", "individual", "--name", "Patrick Gach\xe9",
                "--address", "39000 Lons"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("PartnerRegistered.name is not valid UTF-8"), std::string::npos) << r.err;
  auto g = Fij({"gift", "record", "g9", "--partner", "morteau", "--amount", "10", "--date",
                "2023-03-15", "--method", "transfer", "--description", "caf\xe9"});
  EXPECT_EQ(g.exit_code, 2) << g.err;
  EXPECT_NE(g.err.find("GiftRecorded.description"), std::string::npos) << g.err;
  auto actor = Fij({"partner", "add", "ok", "--kind", "individual", "--name", "Ok", "--address",
                    "39000 Lons", "--as", "Ren\xe9"});
  EXPECT_EQ(actor.exit_code, 2) << actor.err;
  EXPECT_NE(actor.err.find("actor name"), std::string::npos) << actor.err;
  EXPECT_EQ(Fij({"log"}).out, before) << "a refused command wrote an event";
  // The same text in UTF-8 is recorded.
  EXPECT_EQ(Fij({"partner", "add", "utf8", "--kind", "individual", "--name", "Patrick Gaché",
                 "--address", "39000 Lons"})
                .exit_code,
            0);
}

TEST_F(CliTest, SecondWriterIsToldTheStoreIsInUseByPid) {
  Init();
  int to_parent[2], to_child[2];
  ASSERT_EQ(pipe(to_parent), 0);
  ASSERT_EQ(pipe(to_child), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    engine::OpenOptions o;
    auto s = engine::Store::Open(dir_.Sub("store"), o);
    char c = s ? 'y' : 'n';
    (void)!write(to_parent[1], &c, 1);
    (void)!read(to_child[0], &c, 1);
    _exit(0);
  }
  char c = 0;
  ASSERT_EQ(read(to_parent[0], &c, 1), 1);
  ASSERT_EQ(c, 'y');
  auto r = Fij({"partner", "add", "x", "--kind", "individual", "--name", "X"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("store in use by PID " + std::to_string(pid)), std::string::npos) << r.err;
  // Readers still work while the writer holds the store.
  EXPECT_EQ(Fij({"partner", "list"}).exit_code, 0);
  (void)!write(to_child[1], "x", 1);
  waitpid(pid, nullptr, 0);
  EXPECT_EQ(Fij({"partner", "add", "x", "--kind", "individual", "--name", "X"}).exit_code, 0);
}

TEST_F(CliTest, VerifyNamesThePositionOfAByteFlippedInRocksDb) {
  Init();
  ASSERT_EQ(Fij({"verify"}).exit_code, 0);
  {
    engine::OpenOptions o;
    auto s = engine::Store::Open(dir_.Sub("store"), o);
    ASSERT_TRUE(s.has_value()) << s.error().ToString();
    // Flip a byte in the partner's name, deep in the payload of its event.
    uint64_t position = 0;
    std::string bytes;
    for (uint64_t p = 1; p <= (*s)->head().position && position == 0; ++p) {
      auto v = (*s)->RawEventValueForTest(p);
      ASSERT_TRUE(v.has_value());
      if (v->find("Morteau") != std::string::npos) {
        position = p;
        bytes = *v;
      }
    }
    ASSERT_NE(position, 0u);
    bytes[bytes.find("Morteau")] ^= 0x20;
    ASSERT_TRUE((*s)->RawPutEventValueForTest(position, bytes).ok());
    flipped_ = position;
  }
  auto r = Fij({"verify"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.err.find("position " + std::to_string(flipped_)), std::string::npos) << r.err;
}

// A system at its thread limit (decision 66): every thread fij starts for its own work is
// refused (FIJ_TEST_REFUSE_THREADS), and the commands that use one (gen's large appends, verify's
// chain pass, the replays' reading thread) do the work on one thread with the same answers.
TEST_F(CliTest, CommandsGiveTheSameAnswersWhenEveryHelperThreadIsRefused) {
  ASSERT_EQ(Fij({"gen", "--events", "6000", "--funds", "2", "--seed", "3"}).exit_code, 0);
  const std::vector<std::vector<std::string>> commands = {
      {"report", "balance", "--full"}, {"replay"}, {"report", "tiers"}, {"verify"}};
  std::vector<RunResult> normal;
  for (const auto& c : commands) {
    normal.push_back(Fij(c));
    ASSERT_EQ(normal.back().exit_code, 0) << normal.back().err;
  }
  ASSERT_EQ(setenv("FIJ_TEST_REFUSE_THREADS", "1000", 1), 0);
  for (size_t i = 0; i < commands.size(); ++i) {
    std::vector<std::string> verbose = commands[i];
    verbose.push_back("--verbose");
    RunResult r = Fij(verbose);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("could not start a thread"), std::string::npos) << r.err;
    // Timings differ: "in 0.006 s (987489 events/s)", "(0.03 s)".
    const std::regex timing(R"(in [0-9.]+ s \([0-9]+ events/s\)|\([0-9.]+ s\))");
    EXPECT_EQ(std::regex_replace(r.out, timing, "T"),
              std::regex_replace(normal[i].out, timing, "T"))
        << commands[i][0];
  }
  // A history generated without helper threads verifies and balances like any other.
  RunResult gen = RunFij({"--store", dir_.Sub("alone"), "gen", "--events", "6000", "--funds", "2",
                          "--seed", "3", "--verbose"});
  EXPECT_EQ(gen.exit_code, 0) << gen.err;
  EXPECT_NE(gen.err.find("could not start a thread for the second half of an append"),
            std::string::npos);
  ASSERT_EQ(unsetenv("FIJ_TEST_REFUSE_THREADS"), 0);
  EXPECT_EQ(RunFij({"--store", dir_.Sub("alone"), "verify"}).exit_code, 0);
  // The same amounts; the head hash differs (each event's recording time is the clock's).
  auto amounts = [](const std::string& report) { return report.substr(report.find('\n')); };
  EXPECT_EQ(amounts(RunFij({"--store", dir_.Sub("alone"), "report", "balance", "--full"}).out),
            amounts(normal[0].out));
}

TEST_F(CliTest, HelpIsAvailableEverywhere) {
  for (auto args : std::vector<std::vector<std::string>>{
           {"--help"}, {"gift", "--help"}, {"gift", "record", "--help"}, {"receipt", "issue",
                                                                          "--help"}}) {
    auto r = Fij(args);
    EXPECT_EQ(r.exit_code, 0) << args.back();
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << r.out;
  }
}

}  // namespace
}  // namespace fij::testing
