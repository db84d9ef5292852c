// The ledger service: opens a store, folds its events into State, and executes commands:
// idempotency check -> Decide -> one atomic, synced append -> Apply.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "engine/store.h"
#include "ledger/commands.h"
#include "ledger/state.h"

namespace fij::ledger {

struct Outcome {
  uint64_t first_position = 0;
  bool duplicate = false;     // a retry: answered from the idempotency index, nothing written
  std::vector<Event> events;  // the events written (or, for a retry, written the first time)
};

struct CommandError {
  std::optional<Rejected> rejected;  // a rule refused it, or
  Status status;                     // an operating error (Conflict, Busy, IOError, ...)
  std::string message() const { return rejected ? rejected->message : status.ToString(); }
};

using CommandResult = tl::expected<Outcome, CommandError>;

struct BatchError {
  size_t index = 0;  // the failing command's index in the batch
  CommandError error;
};

class Ledger {
 public:
  struct Options {
    bool read_only = false;
    bool create = false;
    bool sync_writes = true;
    uint64_t at_position = 0;  // fold only up to this position (0: the head)
    std::function<void(uint64_t done, uint64_t total)> progress;
  };
  static Result<std::unique_ptr<Ledger>> Open(const std::string& dir, const Options& options);

  const State& state() const { return state_; }
  engine::Store& store() { return *store_; }
  const engine::Store& store() const { return *store_; }

  CommandResult Execute(const Command& command, const std::string& actor);

  // A receipt's every mention as issued, read back from its ReceiptIssued event in the log
  // (the State keeps only its summary).
  Result<ReceiptIssued> IssuedReceipt(const ReceiptState& receipt) const;

  // Staging (batch import, all or nothing): between BeginStaging and CommitStaged/AbortStaged,
  // Execute decides against a scratch state and queues the appends, returning the positions
  // they will take; CommitStaged writes them all in one WriteBatch and one sync. A retried
  // command (same key, same body) is answered as usual and queues nothing.
  void BeginStaging();
  // The number of events written. On error nothing is written and the state is unchanged.
  Result<uint64_t> CommitStaged();
  void AbortStaged();
  bool staging() const { return stage_.has_value(); }
  // Events queued by staging so far.
  uint64_t staged_events() const;
  // All or nothing: every command is decided against the state the previous ones leave; one
  // WriteBatch, one sync. On error nothing is written and the state is unchanged.
  tl::expected<std::vector<Outcome>, BatchError> ExecuteBatch(const std::vector<Command>& commands,
                                                             const std::string& actor);

 private:
  Ledger(std::unique_ptr<engine::Store> store) : store_(std::move(store)) {}
  struct Prepared;
  // Checks idempotency, decides against `scratch`, and (if `apply`) applies the decided events
  // to it so the next command of a batch sees them.
  tl::expected<Prepared, CommandError> Prepare(State& scratch, bool apply, const Command& command,
                                               const std::string& actor,
                                               std::map<std::string, engine::Hash>& batch_keys);
  std::unique_ptr<engine::Store> store_;
  State state_;
  struct Stage {
    // User-provided: clang 14 otherwise judges Stage not default-constructible in
    // stage_.emplace() (its default member initialisers are parsed after the enclosing class).
    Stage() {}
    State state;
    std::vector<engine::AppendRequest> requests;
    std::map<std::string, engine::Hash> keys;
    std::map<std::string, Outcome> outcomes;  // by idempotency key
    uint64_t next_position = 0;
  };
  std::optional<Stage> stage_;
};

// SHA-256 of a command's kind and canonical body: what an idempotency key is bound to.
engine::Hash RequestHash(const Command& command, const std::string& body);
const char* CommandName(const Command& command);

}  // namespace fij::ledger
