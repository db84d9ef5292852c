// The auditor's commands: log, verify.
#include <chrono>
#include <iostream>

#include "cli/common.h"
#include "ledger/codec.h"
#include "ledger/invariants.h"
#include "ledger/posting_map.h"
#include "projections/trial_balance.h"

#include <fstream>

#include <spdlog/spdlog.h>

namespace fij::cli {
namespace {

using namespace fij::ledger;

void RegisterLog(CLI::App& app) {
  auto* log = app.add_subcommand("log", "Print events as JSON Lines (Cap'n Proto JSON codec)");
  auto from = std::make_shared<uint64_t>(1);
  auto to = std::make_shared<uint64_t>(0);
  log->add_option("--from", *from, "First position (default 1)");
  log->add_option("--to", *to, "Last position (default the head)");
  log->callback([from, to] {
    engine::OpenOptions o;
    o.read_only = true;
    auto store = engine::Store::Open(G().store_dir, o);
    if (!store) FailStatus(store.error());
    Status failure;
    auto s = (*store)->ReadForward(*from, *to, [&](const engine::RecordedEvent& ev) {
      auto json = RecordedEventToJson(ev);
      if (!json) {
        failure = json.error();
        return false;
      }
      std::cout << *json << "\n";
      return true;
    });
    if (!s.ok()) FailStatus(s);
    if (!failure.ok()) FailStatus(failure);
  });
}

void RegisterVerify(CLI::App& app) {
  auto* verify = app.add_subcommand(
      "verify", "Check the hash chain, decode every event and re-check every ledger invariant");
  auto json = std::make_shared<bool>(false);
  verify->add_flag("--json", *json, "JSON output");
  verify->callback([json] {
    auto t0 = std::chrono::steady_clock::now();
    engine::OpenOptions o;
    o.read_only = true;
    auto store = engine::Store::Open(G().store_dir, o);
    if (!store) FailStatus(store.error());
    auto chain = (*store)->VerifyChain([](uint64_t n) { spdlog::info("verified {} events", n); });
    auto fail = [&](const std::string& what, uint64_t position) {
      if (*json) {
        Json j;
        j.Open().Bool("ok", false).Int("first_failing_position", static_cast<int64_t>(position));
        j.Str("error", what).Close();
        std::cout << j.str() << "\n";
      }
      Fail(kExitStorage, "fij verify: FAILED at position " + std::to_string(position) + ": " +
                             what);
    };
    if (!chain) {
      // The engine names the position in its message; extract it for the summary.
      const std::string& m = chain.error().message();
      uint64_t pos = 0;
      auto at = m.find("position ");
      if (at != std::string::npos) pos = std::strtoull(m.c_str() + at + 9, nullptr, 10);
      fail(m, pos);
    }
    // Replay: decode every payload and check the ledger's invariants before applying.
    State state;
    uint64_t events = 0, entries = 0;
    std::string error;
    uint64_t error_pos = 0;
    auto s = (*store)->ReadForward(1, 0, [&](const engine::RecordedEvent& ev) {
      auto decoded = DecodeEvent(ev);
      if (!decoded) {
        error = decoded.error().message();
        error_pos = ev.position();
        return false;
      }
      if (auto broken = CheckInvariants(state, *decoded)) {
        error = *broken;
        error_pos = ev.position();
        return false;
      }
      entries += PostingsFor(state, *decoded).size();
      ApplyEvent(state, *decoded);
      ++events;
      return true;
    });
    if (!s.ok()) fail(s.message(), 0);
    if (!error.empty()) fail(error, error_pos);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (*json) {
      Json j;
      j.Open().Bool("ok", true).Int("events", static_cast<int64_t>(events));
      j.Str("head_hash", engine::HashHex(chain->head_hash)).Int("entries", entries);
      j.Int("receipts", static_cast<int64_t>(state.receipts.size())).Close();
      std::cout << j.str() << "\n";
      return;
    }
    std::printf("verify: OK — %llu events, hash chain intact (head %s)\n",
                static_cast<unsigned long long>(events),
                engine::HashHex(chain->head_hash).substr(0, 16).c_str());
    std::printf("        %llu balanced journal entries; %zu receipts, numbering gap-free; "
                "every event decodes (%.2f s)\n",
                static_cast<unsigned long long>(entries), state.receipts.size(), secs);
  });
}

struct Folded {
  projections::TrialBalance balance;
  uint64_t position = 0;
  std::string head_hash;
};

// Replays the log from position 1 to `at` (0 = head) into a trial balance.
Folded FoldBalance(uint64_t at, uint32_t from, uint32_t to, bool keep) {
  engine::OpenOptions o;
  o.read_only = true;
  auto store = engine::Store::Open(G().store_dir, o);
  if (!store) FailStatus(store.error());
  Folded f{projections::TrialBalance(from, to, keep), 0, ""};
  State state;
  Status failure;
  auto s = (*store)->ReadForward(1, at, [&](const engine::RecordedEvent& ev) {
    auto decoded = DecodeEvent(ev);
    if (!decoded) {
      failure = decoded.error();
      return false;
    }
    f.balance.Apply(state, *decoded, ev.position());
    ApplyEvent(state, *decoded);
    f.position = ev.position();
    f.head_hash = engine::HashHex(ev.hash());
    return true;
  });
  if (!s.ok()) FailStatus(s);
  if (!failure.ok()) FailStatus(failure);
  return f;
}

void RegisterReports(CLI::App& app) {
  auto* report = app.add_subcommand("report", "Read models rebuilt from the log");
  report->require_subcommand(1);
  auto at = std::make_shared<uint64_t>(0);
  auto o = std::make_shared<std::map<std::string, std::string>>();
  auto json = std::make_shared<bool>(false);
  auto* balance = report->add_subcommand("balance", "Trial balance: every account, debits = credits");
  balance->add_option("--at", *at, "Log position to stop at (default: the head)");
  balance->add_option("--from", (*o)["from"], "First entry date (YYYY-MM-DD)");
  balance->add_option("--to", (*o)["to"], "Last entry date (YYYY-MM-DD)");
  balance->add_flag("--json", *json, "JSON output");
  balance->callback([at, o, json] {
    auto f = FoldBalance(*at, DateOrToday((*o)["from"], "--from"), DateOrToday((*o)["to"], "--to"),
                         false);
    if (*json) {
      Json j;
      j.Open().Int("position", static_cast<int64_t>(f.position)).Str("head_hash", f.head_hash);
      j.OpenArray("accounts");
      for (const auto& [code, t] : f.balance.accounts())
        j.Open().Str("account", code).Str("label", AccountLabel(code)).Money("debit", t.debit_cents)
            .Money("credit", t.credit_cents).Money("balance", t.balance_cents()).Close();
      j.CloseArray().Money("total_debit", f.balance.total_debit_cents());
      j.Money("total_credit", f.balance.total_credit_cents()).Close();
      std::cout << j.str() << "\n";
      return;
    }
    std::printf("Trial balance at position %llu (head %s)\n",
                static_cast<unsigned long long>(f.position), f.head_hash.substr(0, 16).c_str());
    std::printf("%-7s %-52s %16s %16s %16s\n", "ACCOUNT", "LABEL", "DEBIT", "CREDIT", "BALANCE");
    for (const auto& [code, t] : f.balance.accounts())
      std::printf("%-7s %-52s %16s %16s %16s\n", code.c_str(), AccountLabel(code),
                  Euros(t.debit_cents).c_str(), Euros(t.credit_cents).c_str(),
                  Euros(t.balance_cents()).c_str());
    std::printf("%-7s %-52s %16s %16s\n", "TOTAL", "", Euros(f.balance.total_debit_cents()).c_str(),
                Euros(f.balance.total_credit_cents()).c_str());
  });

  auto* exp = app.add_subcommand("export", "Export for peers and auditors");
  exp->require_subcommand(1);
  auto* journal = exp->add_subcommand("journal", "An hledger/ledger journal of every posting");
  journal->add_option("-o,--output", (*o)["out"], "Output file (default stdout)");
  journal->add_option("--at", *at, "Log position to stop at (default: the head)");
  journal->callback([o, at] {
    auto f = FoldBalance(*at, 0, 0, true);
    std::string text = projections::ToJournal(f.balance.entries());
    if ((*o)["out"].empty()) {
      std::cout << text;
      return;
    }
    std::ofstream out((*o)["out"], std::ios::binary);
    out << text;
    if (!out) Fail(kExitStorage, "fij: cannot write " + (*o)["out"]);
  });
}

}  // namespace

void RegisterAudit(CLI::App& app) {
  RegisterLog(app);
  RegisterVerify(app);
  RegisterReports(app);
}

}  // namespace fij::cli
