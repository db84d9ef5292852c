// The trial balance saved beside the State checkpoint: per fund, every account's debit and
// credit totals at a log position. `fij report balance` answers from it at once when it is at
// the head, and folds only the later events (from the State checkpoint at the same position)
// otherwise. Like the State checkpoint it is trusted only while the event at its position still
// has the hash it recorded, and `fij verify` compares it with a replay from zero.
//
// value := magic "FIJTB1" position:uint64le hash:32 funds:uint64le
//          (fund entry_count total_debit total_credit accounts:uint64le (code debit credit)*)*
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "engine/store.h"
#include "ledger/events.h"
#include "ledger/state.h"
#include "projections/trial_balance.h"

namespace fij::projections {

inline constexpr char kBalanceCheckpointName[] = "trial-balance";

// A trial balance per fund, folded from every event (no date limits).
class FundBalances {
 public:
  // Returns how many journal entries the event posted.
  size_t Apply(const ledger::State& before, const ledger::Event& event, uint64_t position);
  // The consolidated balance (fund "") or one fund's (empty if it posted nothing).
  TrialBalance For(const std::string& fund) const;
  // Ordered by fund id, looked up by a fund's view too (std::less<>).
  using Funds = std::map<std::string, TrialBalance, std::less<>>;
  const Funds& funds() const { return funds_; }
  Funds& funds() { return funds_; }

 private:
  Funds funds_;
  ledger::AmountPostings amounts_;  // reused event after event
};

struct BalanceCheckpoint {
  uint64_t position = 0;
  engine::Hash hash{};
  FundBalances balances;
};

std::string SerializeBalances(const FundBalances& b);
Result<FundBalances> DeserializeBalances(std::string_view bytes);

// The stored bytes of a balance checkpoint, and writing them under kBalanceCheckpointName.
std::string EncodeBalanceCheckpoint(const BalanceCheckpoint& checkpoint);
Status WriteBalanceCheckpoint(engine::Store& store, const BalanceCheckpoint& checkpoint);
// nullopt if none; Corruption if unreadable or no longer matching the event at its position.
Result<std::optional<BalanceCheckpoint>> ReadBalanceCheckpoint(const engine::Store& store);

}  // namespace fij::projections
