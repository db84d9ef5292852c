// fij demo: a fresh store from the bundled FIJ history (embedded in the binary), then the
// reports each user starts with and the auditor's verify.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "cli/common.h"

namespace fij::cli {

extern const char kEmbeddedHistory[];

namespace {

void Section(const std::string& title, const std::vector<std::string>& args) {
  std::cout << "\n== " << title << "\n$ fij";
  for (const auto& a : args) std::cout << " " << (a.find(' ') != std::string::npos ? "\"" + a + "\"" : a);
  std::cout << "\n" << std::flush;
  CLI::App sub{"fij"};
  sub.require_subcommand(1);
  RegisterCommands(sub);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  sub.parse(reversed);
  std::fflush(stdout);
}

}  // namespace

void RegisterDemo(CLI::App& app) {
  auto* demo = app.add_subcommand(
      "demo", "Import the bundled FIJ history 2022-2025 into a fresh store and show the reports");
  auto keep = std::make_shared<std::string>();
  demo->add_option("--keep", *keep, "Build the store in this new directory and keep it "
                                    "(default: a temporary store, removed at the end)");
  demo->callback([keep] {
    namespace fs = std::filesystem;
    auto t0 = std::chrono::steady_clock::now();
    std::string dir = *keep;
    bool temporary = dir.empty();
    if (temporary) {
      std::string tmpl = (fs::temp_directory_path() / "fij-demo-XXXXXX").string();
      if (!mkdtemp(tmpl.data())) Fail(kExitStorage, "fij demo: cannot create a temporary directory");
      dir = tmpl;
    } else if (fs::exists(fs::path(dir) / "CURRENT")) {
      Fail(kExitUsage, "fij demo: " + dir + " already holds a store; give a new directory");
    }
    struct Cleanup {
      std::string dir;
      bool on;
      ~Cleanup() {
        std::error_code ec;
        if (on) fs::remove_all(dir, ec);
      }
    } cleanup{dir, temporary};
    std::string history = dir + "/history.jsonl";
    fs::create_directories(dir);
    {
      std::ofstream out(history, std::ios::binary);
      out << kEmbeddedHistory;
    }
    G().store_dir = dir + "/store";
    std::cout << "fij demo: the Fonds d'Impulsion Jurassien 2022-2025, from the bundled history\n"
              << "$ fij --store " << G().store_dir << " import fixtures/fij/history.jsonl\n";
    ImportFile(history, false);
    Section("The 2023 partner tiers (90 000 EUR raised)", {"report", "tiers", "--year", "2023"});
    Section("The 2024 budget: plan vs actual", {"report", "budget", "--year", "2024"});
    Section("Per-experiment costs", {"report", "experiments"});
    Section("The loan book", {"report", "loans", "--as-of", "2025-12-31"});
    Section("The auditor's verify", {"verify"});
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "\nfij demo done in " << std::fixed << std::setprecision(2) << secs << " s"
              << (temporary ? " (temporary store removed; keep one with --keep DIR)"
                            : " (store kept in " + G().store_dir + ")")
              << "\n";
  });
}

}  // namespace fij::cli
