// fij: the command line. Global options, subcommand registration, exit codes.
#include <cstdlib>
#include <iostream>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/common.h"
#include "engine/thread.h"

// fontconfig keeps a few hundred bytes of its configuration for the process's life (seen when
// rendering receipts); LeakSanitizer builds should not report it. Unused in normal builds.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

int main(int argc, char** argv) {
  using namespace fij::cli;
  CLI::App app{
      "fij: the event-sourced ledger of the Fonds d'Impulsion Jurassien.\n"
      "Exit codes: 0 ok, 2 usage error (incl. malformed amount or date), 3 rejected by a rule,\n"
      "4 conflict or store busy, 5 storage error or corruption.",
      "fij"};
  app.require_subcommand(1);
  // Global options (--store, --as, --verbose) may also follow the subcommand.
  app.fallthrough();
  const char* env_store = std::getenv("FIJ_STORE");
  G().store_dir = env_store && *env_store ? env_store : "./fij-data";
  const char* env_actor = std::getenv("FIJ_ACTOR");
  G().actor = env_actor && *env_actor ? env_actor : "coordinator";
  app.add_option("--store", G().store_dir, "Store directory (default ./fij-data or $FIJ_STORE)");
  app.add_option("--as", G().actor, "Who acts (recorded on every event; default $FIJ_ACTOR or "
                                    "'coordinator')");
  app.add_flag("--verbose,-v", G().verbose, "Log detail to stderr");

  app.parse_complete_callback([] {
    if (G().verbose) spdlog::set_level(spdlog::level::debug);
  });
  // Tests only (decision 66): the first N threads fij would start for its own work are refused,
  // as by a system at its thread limit; the work is then done on the calling thread.
  if (const char* n = std::getenv("FIJ_TEST_REFUSE_THREADS"); n && *n)
    fij::engine::testing::RefuseThreadStarts(std::atoi(n));
  RegisterCommands(app);
  RegisterImport(app);
  RegisterDemo(app);
  RegisterHelp(app);
  RegisterGen(app);
  RegisterBackup(app);

  auto logger = spdlog::stderr_color_mt("fij");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::warn);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  } catch (const Exit& e) {
    if (!e.message.empty()) std::cerr << e.message << "\n";
    return e.code;
  } catch (const std::overflow_error& e) {
    std::cerr << "fij: amount overflow: " << e.what() << "\n";
    return kExitRejected;
  } catch (const std::exception& e) {
    std::cerr << "fij: internal error: " << e.what() << "\n";
    return kExitStorage;
  }
  return kExitOk;
}
