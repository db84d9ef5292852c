// What every CLI command shares: global options, exit codes, argument parsing to domain
// values, opening the ledger, printing outcomes and JSON. Argument parsing and printing only:
// no domain rule lives in cli/.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "engine/store.h"
#include "ledger/ledger.h"
#include "ledger/money.h"

namespace fij::cli {

// Exit codes (README and `fij --help`).
enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 2,      // bad arguments, malformed amount or date
  kExitRejected = 3,   // a rule refused the command; nothing written
  kExitConflict = 4,   // stale version, idempotency key reused differently, store busy
  kExitStorage = 5,    // I/O error, corruption, missing store
};

// Thrown by handlers to end with a code and a message on stderr; caught in main().
struct Exit {
  int code;
  std::string message;
};

struct Globals {
  std::string store_dir;
  std::string actor;
  bool verbose = false;
  bool json = false;
  // Set while `fij import` runs its lines: writers share this staging ledger.
  std::shared_ptr<ledger::Ledger> import_ledger;
};
Globals& G();

int ExitCodeFor(const Status& s);
[[noreturn]] void Fail(int code, const std::string& message);
[[noreturn]] void FailStatus(const Status& s);
[[noreturn]] void FailCommand(const ledger::CommandError& e);

// Parsers: fail with kExitUsage and a message naming the option.
int64_t ParseAmountArg(const std::string& option, const std::string& text, bool allow_zero = false);
uint32_t ParseDateArg(const std::string& option, const std::string& text);
uint32_t DateOrToday(const std::string& text, const std::string& option);
// The value named `v` among `choices`, or a usage error listing them.
template <typename T>
T ParseChoice(const std::string& option, const std::string& v,
              const std::vector<std::pair<std::string, T>>& choices) {
  std::string names;
  for (const auto& [n, val] : choices) {
    if (n == v) return val;
    names += (names.empty() ? "" : "|") + n;
  }
  Fail(kExitUsage, "fij: " + option + " '" + v + "': expected " + names);
}

std::shared_ptr<ledger::Ledger> OpenWriter(bool create = false);
std::unique_ptr<ledger::Ledger> OpenReader();
// Executes and returns the outcome, or fails with the right exit code.
ledger::Outcome Run(ledger::Ledger& l, const ledger::Command& c);
// "written at position 12" / "already recorded at position 12 (nothing written)"
std::string Where(const ledger::Outcome& o);

// Minimal JSON writer for read commands' --json output.
class Json {
 public:
  Json& Open();   // {
  Json& Close();  // }
  Json& OpenArray(const std::string& key = "");
  Json& CloseArray();
  Json& Key(const std::string& k);
  Json& Str(const std::string& k, const std::string& v);
  Json& Int(const std::string& k, int64_t v);
  Json& Bool(const std::string& k, bool v);
  Json& Money(const std::string& k, int64_t cents);  // "1234.56" as a string, exact
  Json& Raw(const std::string& k, const std::string& raw);
  std::string str() const { return s_; }
  static std::string Quote(const std::string& v);

 private:
  void Sep();
  std::string s_;
  std::vector<bool> first_ = {true};
};

std::string Euros(int64_t cents);  // "1 234,56 €"
// Pads or cuts to `width` display columns (UTF-8 aware), for tables with accented names.
std::string Pad(const std::string& s, size_t width);
// Writes `text` to `path` ("" = stdout); fails with kExitStorage.
void WriteOut(const std::string& path, const std::string& text);
std::string Iso(uint32_t ymd);

// What `fij verify` checks, on an open store: the hash chain and stream index, then a replay
// decoding every event and re-checking every ledger invariant (and the state and balance
// checkpoints, if any). `fij restore` runs the same on what it restored.
struct Verification {
  uint64_t events = 0;
  uint64_t entries = 0;   // balanced journal entries posted by the replay
  uint64_t receipts = 0;
  uint64_t checkpoint_checked_at = 0;  // 0: no checkpoint
  uint64_t balance_checkpoint_checked_at = 0;  // 0: no balance checkpoint
  engine::Hash head_hash{};
  std::string error;  // empty: verified
  uint64_t error_position = 0;  // the first failing position, 0 if none is known
  bool ok() const { return error.empty(); }
};
Verification VerifyStore(const engine::Store& store);

void RegisterCoordinator(CLI::App& app);
void RegisterAudit(CLI::App& app);
void RegisterCommitteeCommands(CLI::App& app);
void RegisterImport(CLI::App& app);
void RegisterDemo(CLI::App& app);
void RegisterHelp(CLI::App& app);
// `fij backup DIR` and `fij restore BACKUP_DIR` (cli/backup.cc).
void RegisterBackup(CLI::App& app);
// Imports `path` into the store, all or nothing (see cli/import.cc).
void ImportFile(const std::string& path, bool quiet);
// `fij gen`: a synthetic history for benchmarks (cli/gen.cc).
void RegisterGen(CLI::App& app);
// Every write and read command (what an import line may name, and more).
void RegisterCommands(CLI::App& app);

}  // namespace fij::cli
