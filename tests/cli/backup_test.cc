// `fij backup` and `fij restore` end to end (cli/backup.cc), with the real binary: a backup
// taken while another process holds the writer lock and keeps recording gifts, restored into a
// fresh store that verifies and balances like the original at the backup's position; and every
// refusal of a restore, which must leave nothing behind. Also storage errors from a real full
// or read-only disk (a small tmpfs in a private mount namespace), where the system allows it.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include "engine/store.h"
#include "ledger/ledger.h"
#include "tests/test_util.h"

namespace fij::testing {
namespace {

namespace fs = std::filesystem;

class BackupTest : public ::testing::Test {
 protected:
  std::string Store() const { return dir_.Sub("store"); }
  RunResult Fij(const std::string& store, std::vector<std::string> args) {
    args.insert(args.begin(), {"--store", store});
    return RunFij(args);
  }
  RunResult Fij(std::vector<std::string> args) { return Fij(Store(), std::move(args)); }
  void Init() {
    auto r = Fij({"init", "--fund-name", "Fonds d'Impulsion Jurassien", "--siren", "732829320",
                  "--address", "39000 Lons-le-Saunier", "--object", "Aides aux PME",
                  "--signer", "Marie Dupont, présidente", "--agrement", "AG-1",
                  "--agrement-from", "2023-01-01", "--agrement-to", "2025-12-31", "--date",
                  "2023-01-02"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = Fij({"partner", "add", "morteau", "--kind", "company", "--name", "Morteau Saucisse",
             "--siren", "552100554", "--legal-form", "SAS", "--address", "25500 Morteau"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = Fij({"gift", "record", "g0", "--partner", "morteau", "--amount", "1000", "--date",
             "2023-03-01", "--method", "transfer"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // Makes a backup of Store() into `dir`; returns its head position and hash from the output.
  void Backup(const std::string& dir, uint64_t* position, std::string* hash) {
    auto b = Fij({"backup", dir});
    ASSERT_EQ(b.exit_code, 0) << b.err;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(b.out, m, std::regex("(\\d+) events copied to .*hash chain "
                                                       "verified\\n.*head position (\\d+), head "
                                                       "hash ([0-9a-f]{64})")))
        << b.out;
    EXPECT_EQ(m[1], m[2]) << "events = head position (positions are gap-free from 1)";
    *position = std::stoull(m[2]);
    *hash = m[3];
  }
  TempDir dir_;
};

// The child: holds the writer lock through the ledger and records gifts g1, g2, ... (one
// synced append each) until a byte arrives on `stop_fd`; writes 'y' on `ready_fd` once open
// and one byte per recorded gift after that.
[[noreturn]] void RecordGiftsUntilStopped(const std::string& store, int ready_fd, int stop_fd) {
  auto l = ledger::Ledger::Open(store, ledger::Ledger::Options{});
  if (!l) _exit(10);
  char c = 'y';
  if (write(ready_fd, &c, 1) != 1) _exit(11);
  for (int i = 1;; ++i) {
    if (read(stop_fd, &c, 1) == 1) break;
    ledger::RecordGift g;
    g.gift_id = "g" + std::to_string(i);
    g.partner_id = "morteau";
    g.amount_cents = 100 * (100 + i);
    g.date = 20230302;
    auto r = (*l)->Execute(g, "coordinator");
    if (!r) {
      std::fprintf(stderr, "writer: %s\n", r.error().message().c_str());
      _exit(12);
    }
    if (write(ready_fd, &c, 1) != 1) _exit(11);
  }
  l->reset();
  _exit(0);
}

TEST_F(BackupTest, ABackupTakenWhileAnotherProcessWritesRestoresToAVerifiedStoreThatBalancesTheSame) {
  Init();
  int ready[2], stop[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(stop), 0);
  ASSERT_EQ(fcntl(stop[0], F_SETFL, O_NONBLOCK), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(ready[0]);
    close(stop[1]);
    RecordGiftsUntilStopped(Store(), ready[1], stop[0]);
  }
  close(ready[1]);
  close(stop[0]);
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  ASSERT_EQ(c, 'y');
  ASSERT_EQ(read(ready[0], &c, 1), 1) << "the writer recorded no gift";
  // The writer holds the lock now...
  auto busy = Fij({"partner", "add", "x", "--kind", "individual", "--name", "X"});
  EXPECT_EQ(busy.exit_code, 4);
  EXPECT_NE(busy.err.find("store in use by PID " + std::to_string(pid)), std::string::npos)
      << busy.err;
  // ...and keeps appending while the backup runs.
  uint64_t position = 0;
  std::string hash;
  Backup(dir_.Sub("backup"), &position, &hash);
  ASSERT_EQ(read(ready[0], &c, 1), 1) << "the writer recorded nothing after the backup";
  (void)!write(stop[1], "s", 1);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "writer status " << status;
  close(ready[0]);
  close(stop[1]);
  if (HasFatalFailure()) return;
  EXPECT_GT(position, 3u) << "the backup holds the child's gifts";

  const std::string restored = dir_.Sub("restored");
  auto r = Fij(restored, {"restore", dir_.Sub("backup")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("verify: OK — " + std::to_string(position) + " events"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("position " + std::to_string(position) + ", head hash " + hash),
            std::string::npos)
      << r.out;
  auto v = Fij(restored, {"verify", "--json"});
  ASSERT_EQ(v.exit_code, 0) << v.err;
  EXPECT_NE(v.out.find("\"events\":" + std::to_string(position)), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("\"head_hash\":\"" + hash + "\""), std::string::npos) << v.out;

  // The original went on past the backup; at the backup's position it balances the same.
  auto original = Fij({"report", "balance", "--at", std::to_string(position), "--json"});
  ASSERT_EQ(original.exit_code, 0) << original.err;
  auto copy = Fij(restored, {"report", "balance", "--json"});
  ASSERT_EQ(copy.exit_code, 0) << copy.err;
  EXPECT_EQ(copy.out, original.out);
  EXPECT_NE(copy.out.find("512"), std::string::npos) << "gifts posted to the bank: " << copy.out;
  EXPECT_NE(Fij({"report", "balance", "--json"}).out, copy.out) << "the original moved on";

  // The restored store is a working store: a writer continues its chain.
  auto more = Fij(restored, {"gift", "record", "after-restore", "--partner", "morteau",
                             "--amount", "50", "--date", "2023-04-01", "--method", "cheque"});
  EXPECT_EQ(more.exit_code, 0) << more.err;
  EXPECT_EQ(Fij(restored, {"verify"}).exit_code, 0);
}

TEST_F(BackupTest, RestoreRefusesANonEmptyTargetOrSomethingNotAStoreAndWritesNothing) {
  Init();
  uint64_t position = 0;
  std::string hash;
  Backup(dir_.Sub("backup"), &position, &hash);
  if (HasFatalFailure()) return;

  // A store that exists and has events.
  auto onto = Fij({"restore", dir_.Sub("backup")});
  EXPECT_EQ(onto.exit_code, 3);
  EXPECT_NE(onto.err.find("exists and is not empty"), std::string::npos) << onto.err;
  EXPECT_NE(onto.err.find("--store"), std::string::npos) << onto.err;
  EXPECT_EQ(Fij({"verify"}).exit_code, 0);
  // Any non-empty directory.
  fs::create_directories(dir_.Sub("notes"));
  std::ofstream(dir_.Sub("notes/todo.txt")) << "x";
  auto onto_notes = Fij(dir_.Sub("notes"), {"restore", dir_.Sub("backup")});
  EXPECT_EQ(onto_notes.exit_code, 3);
  EXPECT_TRUE(fs::exists(dir_.Sub("notes/todo.txt")));
  EXPECT_FALSE(fs::exists(dir_.Sub("notes/CURRENT")));

  // Not a fij store: a missing path, a directory of other files, a plain file.
  for (const std::string& bogus :
       {dir_.Sub("no-such-backup"), dir_.Sub("notes"), dir_.Sub("notes/todo.txt")}) {
    auto r = Fij(dir_.Sub("fresh"), {"restore", bogus});
    EXPECT_EQ(r.exit_code, 3) << bogus << ": " << r.err;
    EXPECT_NE(r.err.find("not a valid fij store"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir_.Sub("fresh"))) << bogus;
  }

  // A backup altered after it was taken: refused, nothing left (nor a partial directory).
  const std::string bad = dir_.Sub("bad-backup");
  Backup(bad, &position, &hash);
  uint64_t flipped = 0;
  {
    auto s = engine::Store::Open(bad, engine::OpenOptions{});
    ASSERT_TRUE(s.has_value()) << s.error().ToString();
    for (uint64_t p = 1; p <= (*s)->head().position && flipped == 0; ++p) {
      auto v = (*s)->RawEventValueForTest(p);
      ASSERT_TRUE(v.has_value());
      if (auto at = v->find("Morteau"); at != std::string::npos) {
        (*v)[at] ^= 0x20;
        ASSERT_TRUE((*s)->RawPutEventValueForTest(p, *v).ok());
        flipped = p;
      }
    }
  }
  ASSERT_NE(flipped, 0u);
  auto r = Fij(dir_.Sub("fresh"), {"restore", bad});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.err.find("fails verification at position " + std::to_string(flipped)),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("nothing was restored"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_.Sub("fresh")));
  for (const auto& e : fs::directory_iterator(dir_.path()))
    EXPECT_EQ(e.path().filename().string().find(".partial"), std::string::npos) << e.path();

  // An empty directory is a fine target; a backup never overwrites.
  fs::create_directories(dir_.Sub("empty"));
  auto ok = Fij(dir_.Sub("empty"), {"restore", dir_.Sub("backup")});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(Fij(dir_.Sub("empty"), {"verify"}).exit_code, 0);
  auto again = Fij({"backup", dir_.Sub("backup")});
  EXPECT_EQ(again.exit_code, 3);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
}

// A real ENOSPC and a real EROFS from the kernel: a 1 MiB tmpfs mounted in a private mount
// namespace (unshare -rm works as root in CI and for users where user namespaces are on).
TEST_F(BackupTest, AFullOrReadOnlyDiskIsAStorageErrorNamingTheCauseAndLosesNothing) {
  if (RunProgram({"unshare", "-rm", "true"}).exit_code != 0)
    GTEST_SKIP() << "no private mount namespace here (unshare -rm failed)";
  const std::string mnt = dir_.Sub("mnt");
  fs::create_directories(mnt);
  // One shell in the namespace: the tmpfs lives as long as it does. Each step prints
  // "<name> rc=<code>" and its stderr, so the test can read them apart.
  const std::string fij = FIJ_BINARY;
  const std::string script = R"(
set -u
F="$1"; M="$2"; O="$3"; S="$M/store"
mount -t tmpfs -o size=1m none "$M" || exit 99
step() { name=$1; shift; "$F" --store "$S" "$@" >"$O/out" 2>"$O/err"; echo "$name rc=$?"; sed "s/^/$name err: /" "$O/err"; }
step init init --fund-name F --siren 732829320 --address A --object O --signer "S, pres" --agrement AG-1 --agrement-from 2023-01-01 --agrement-to 2025-12-31 --date 2023-01-02
step p1 partner add p1 --kind individual --name One
dd if=/dev/zero of="$M/filler" bs=4k >/dev/null 2>&1
step full partner add p2 --kind individual --name Two
rm -f "$M/filler"
step p2 partner add p2 --kind individual --name Two
step verify1 verify
mount -o remount,ro "$M" || exit 98
step ro partner add p3 --kind individual --name Three
step verify2 verify
mount -o remount,rw "$M"
step list partner list --json
cat "$O/out"; echo
)";
  fs::create_directories(dir_.Sub("io"));
  auto r = RunProgram({"unshare", "-rm", "sh", "-c", script, "sh", fij, mnt, dir_.Sub("io")});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string& o = r.out;
  for (const char* ok : {"init rc=0", "p1 rc=0", "p2 rc=0", "verify1 rc=0", "verify2 rc=0",
                         "list rc=0"})
    EXPECT_NE(o.find(ok), std::string::npos) << ok << "\n" << o;
  EXPECT_NE(o.find("full rc=5"), std::string::npos) << o;
  EXPECT_NE(o.find("full err: fij: IOError: disk full"), std::string::npos) << o;
  EXPECT_NE(o.find("ro rc=5"), std::string::npos) << o;
  EXPECT_NE(o.find("ro err: fij: IOError: read-only file system"), std::string::npos) << o;
  EXPECT_NE(o.find(mnt + "/store"), std::string::npos) << "the message names the store: " << o;
  // p2 exactly once (the refused attempt left nothing, the retry wrote it), p3 absent.
  const std::string list = o.substr(std::min(o.find("list rc="), o.size()));
  EXPECT_NE(list.find("\"id\":\"p2\""), std::string::npos) << o;
  EXPECT_EQ(list.find("\"id\":\"p2\""), list.rfind("\"id\":\"p2\"")) << o;
  EXPECT_EQ(list.find("\"id\":\"p3\""), std::string::npos) << o;
}

}  // namespace
}  // namespace fij::testing
