// fij backup DIR / fij restore BACKUP_DIR: a verified copy of the store, and back.
//
// A backup reads the store through a read-only open, so it works while another process holds
// the writer lock; it copies one instant (the head at the open) and checks the copy's hash chain
// before the copy gets its name. A restore never overwrites: its target (--store) must be
// missing or an empty directory, and the backup must pass the checks of `fij verify` before
// anything is written; what was restored is verified again.
#include <filesystem>
#include <iostream>

#include "cli/common.h"

namespace fij::cli {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<engine::Store> OpenReadOnly(const std::string& dir) {
  engine::OpenOptions o;
  o.read_only = true;
  auto store = engine::Store::Open(dir, o);
  if (!store) FailStatus(store.error());
  return std::move(*store);
}

// The number of entries in `dir` (0 if it does not exist), or -1 if it is not a directory.
int64_t EntriesIn(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return 0;
  if (!fs::is_directory(dir, ec)) return -1;
  int64_t n = 0;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec))
    ++n;
  if (ec) Fail(kExitStorage, "fij: cannot list '" + dir + "': " + ec.message());
  return n;
}

void RegisterBackupCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "backup", "Copy the store, as of now, into a new directory and verify the copy's hash "
                "chain; works while a writer holds the store");
  auto dir = std::make_shared<std::string>();
  cmd->add_option("DIR", *dir, "The backup directory; must not exist")->required();
  cmd->callback([dir] {
    std::error_code ec;
    if (fs::exists(*dir, ec))
      Fail(kExitRejected, "fij backup: '" + *dir +
                              "' already exists; a backup never overwrites: name a new "
                              "directory");
    auto store = OpenReadOnly(G().store_dir);
    auto r = store->Backup(*dir);
    if (!r) FailStatus(r.error());
    std::printf("backup: %llu events copied to %s, hash chain verified\n",
                static_cast<unsigned long long>(r->events), dir->c_str());
    std::printf("        head position %llu, head hash %s\n",
                static_cast<unsigned long long>(r->head.position),
                engine::HashHex(r->head.hash).c_str());
  });
}

void RegisterRestoreCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "restore", "Restore a backup into the store directory (--store), which must be new or "
                 "empty; the backup is verified as by `fij verify` first and the result after");
  auto from = std::make_shared<std::string>();
  cmd->add_option("BACKUP_DIR", *from, "A directory written by `fij backup`")->required();
  cmd->callback([from] {
    const std::string target = G().store_dir;
    const int64_t entries = EntriesIn(target);
    if (entries != 0)
      Fail(kExitRejected,
           "fij restore: the target store '" + target + "' " +
               (entries < 0 ? std::string("is not a directory")
                            : "exists and is not empty (" + std::to_string(entries) +
                                  " entries)") +
               "; a restore never overwrites: name a new or empty directory with --store DIR "
               "(or $FIJ_STORE), or move '" + target + "' away first");
    engine::OpenOptions o;
    o.read_only = true;
    auto backup = engine::Store::Open(*from, o);
    if (!backup)
      Fail(kExitRejected, "fij restore: '" + *from + "' is not a valid fij store (" +
                              backup.error().ToString() +
                              "); give the directory that `fij backup` wrote. Nothing was "
                              "restored");
    Verification checked = VerifyStore(**backup);
    if (!checked.ok())
      Fail(kExitStorage, "fij restore: the backup '" + *from +
                             "' fails verification at position " +
                             std::to_string(checked.error_position) + ": " + checked.error +
                             "; nothing was restored: use another backup");

    std::error_code ec;
    if (fs::exists(target, ec) && !fs::remove(target, ec))  // empty, checked above
      Fail(kExitStorage, "fij restore: cannot replace the empty directory '" + target +
                             "': " + ec.message());
    auto copied = (*backup)->Backup(target);
    if (!copied) FailStatus(copied.error());
    Verification v;
    {
      auto restored = OpenReadOnly(target);
      v = VerifyStore(*restored);
    }
    if (!v.ok() || v.head_hash != checked.head_hash || v.events != checked.events) {
      fs::remove_all(target, ec);
      Fail(kExitStorage, "fij restore: the restored store did not verify (" +
                             (v.ok() ? std::string("its head differs from the backup's") : v.error) +
                             "); it was removed, nothing was restored");
    }
    std::printf("restore: %s restored into %s; verify: OK — %llu events, hash chain intact\n",
                from->c_str(), target.c_str(), static_cast<unsigned long long>(v.events));
    std::printf("         position %llu, head hash %s\n",
                static_cast<unsigned long long>(copied->head.position),
                engine::HashHex(v.head_hash).c_str());
    std::printf("         %llu balanced journal entries; %llu receipts, numbering gap-free\n",
                static_cast<unsigned long long>(v.entries),
                static_cast<unsigned long long>(v.receipts));
  });
}

}  // namespace

void RegisterBackup(CLI::App& app) {
  RegisterBackupCommand(app);
  RegisterRestoreCommand(app);
}

}  // namespace fij::cli
