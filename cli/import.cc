// fij import FILE.jsonl: applies a file of commands, all or nothing.
//
// line := JSON object: {"cmd": "gift record g3", "partner": "morteau", "amount": "10 000,00",
//         "date": "2023-03-15", "method": "transfer", "as": "coordinator"}
// "cmd" holds the command words and positionals, as typed after `fij`; every other key is an
// option (--key), a string or number is its value, true is a bare flag, false omits it, an array
// repeats it; "as" is the line's actor. Blank lines and lines starting with '#' are skipped.
// Every line is decided against the state the lines before it leave; the file is written in
// one WriteBatch and one sync, or not at all (the error names the line and the rule). Lines
// already recorded (same ids, same details) are answered from the idempotency index, so
// re-running a file is a no-op.
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/common.h"
#include "cli/import_line.h"

namespace fij::cli {
namespace {

inline constexpr size_t kImportLinesMax = 1'000'000;

}  // namespace

void ImportFile(const std::string& path, bool quiet) {
    auto file = &path;
    std::ifstream in(*file);
    if (!in) Fail(kExitUsage, "fij: cannot read " + *file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
      if (lines.size() >= kImportLinesMax)
        Fail(kExitUsage, "fij: " + *file + " has more than " + std::to_string(kImportLinesMax) +
                             " lines; split it");
      lines.push_back(std::move(line));
    }
    auto t0 = std::chrono::steady_clock::now();
    auto ledger = OpenWriter(/*create=*/true);
    ledger->BeginStaging();
    G().import_ledger = ledger;
    const std::string actor = G().actor;
    size_t applied = 0, repeated = 0;
    std::streambuf* saved = std::cout.rdbuf();
    std::ostringstream sink;
    auto restore = [&] {
      std::cout.rdbuf(saved);
      G().import_ledger.reset();
      G().actor = actor;
    };
    const bool show_progress = lines.size() >= 2000;
    for (size_t n = 0; n < lines.size(); ++n) {
      const std::string& line = lines[n];
      if (show_progress && n % (lines.size() / 100) == 0)
        std::fprintf(stderr, "\rimport %3zu%% (%zu / %zu lines)", n * 100 / lines.size(), n,
                     lines.size());
      if (IsImportLineSkipped(line)) continue;
      std::string where = *file + ":" + std::to_string(n + 1);
      auto fail = [&](int code, const std::string& why) {
        ledger->AbortStaged();
        restore();
        Fail(code, "fij import: " + where + ": " + why + "\nnothing was written");
      };
      if (line.size() > kImportLineBytesMax) fail(kExitUsage, "line over 64 KiB");
      std::vector<std::string> args;
      G().actor = actor;
      const uint64_t staged_before = ledger->staged_events();
      try {
        args = ParseImportLine(line, G().actor);
      } catch (const std::exception& e) {
        fail(kExitUsage, e.what());
      }
      CLI::App sub{"fij"};
      sub.require_subcommand(1);
      RegisterCommands(sub);
      std::reverse(args.begin(), args.end());  // CLI11 parses a reversed vector
      std::cout.rdbuf(sink.rdbuf());
      try {
        sub.parse(args);
      } catch (const CLI::ParseError& e) {
        fail(kExitUsage, e.what());
      } catch (const Exit& e) {
        std::string m = e.message.rfind("fij: ", 0) == 0 ? e.message.substr(5) : e.message;
        fail(e.code, m);
      }
      std::cout.rdbuf(saved);
      sink.str("");
      if (ledger->staged_events() > staged_before)
        ++applied;
      else
        ++repeated;
    }
    if (show_progress) std::fprintf(stderr, "\rimport 100%% (%zu lines)          \n", lines.size());
    restore();
    auto written = ledger->CommitStaged();
    if (!written) FailStatus(written.error());
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!quiet)
      std::printf("imported %s: %zu commands applied, %zu already recorded; %llu events written "
                  "in one batch (%.2f s); head at position %llu\n",
                  file->c_str(), applied, repeated, static_cast<unsigned long long>(*written), secs,
                  static_cast<unsigned long long>(ledger->store().head().position));
}

void RegisterImport(CLI::App& app) {
  auto* imp = app.add_subcommand("import", "Apply a JSON Lines file of commands, all or nothing");
  auto file = std::make_shared<std::string>();
  imp->add_option("FILE", *file, "The .jsonl file")->required();
  imp->callback([file] { ImportFile(*file, false); });
}

}  // namespace fij::cli
