#include "projections/balance_checkpoint.h"

#include <cstring>

#include "ledger/binary_io.h"
#include "ledger/posting_map.h"

namespace fij::projections {
namespace {
constexpr char kMagic[] = "FIJTB1";
constexpr size_t kHeader = 6 + 8 + 32;
}  // namespace

size_t FundBalances::Apply(const ledger::State& before, const ledger::Event& event,
                           uint64_t position) {
  // The balances keep no entries: accounts and amounts only (decisions 51 and 81).
  auto entries = amounts_.For(before, event);
  for (const auto& e : entries) {
    auto it = funds_.find(e.fund);
    if (it == funds_.end()) {
      std::string fund(e.fund);
      it = funds_.emplace(fund, TrialBalance(0, 0, false, fund)).first;
    }
    it->second.Post(e, position);
  }
  return entries.size();
}

TrialBalance FundBalances::For(const std::string& fund) const {
  TrialBalance out(0, 0, false, fund);
  for (const auto& [id, b] : funds_)
    if (fund.empty() || id == fund) out.Add(b);
  return out;
}

std::string SerializeBalances(const FundBalances& b) {
  ledger::ByteWriter w;
  w.U64(b.funds().size());
  for (const auto& [fund, t] : b.funds()) {
    w.Str(fund);
    w.U64(t.entry_count());
    w.I64(t.total_debit_cents());
    w.I64(t.total_credit_cents());
    w.U64(t.accounts().size());
    for (const auto& [code, a] : t.accounts()) {
      w.Str(code);
      w.I64(a.debit_cents);
      w.I64(a.credit_cents);
    }
  }
  return std::move(w.out_);
}

Result<FundBalances> DeserializeBalances(std::string_view bytes) {
  try {
    ledger::ByteReader r(bytes);
    FundBalances b;
    for (uint64_t n = r.U64(); n--;) {
      std::string fund = r.Str();
      uint64_t count = r.U64();
      int64_t debit = r.I64(), credit = r.I64();
      std::map<std::string, AccountTotals> accounts;
      for (uint64_t k = r.U64(); k--;) {
        std::string code = r.Str();
        AccountTotals& a = accounts[code];
        a.debit_cents = r.I64();
        a.credit_cents = r.I64();
      }
      if (debit != credit) throw std::runtime_error("fund " + fund + " is out of balance");
      b.funds().emplace(fund, TrialBalance::Restored(fund, std::move(accounts), debit, credit,
                                                     count));
    }
    if (!r.done()) throw std::runtime_error("trailing bytes");
    return b;
  } catch (const std::exception& e) {
    return Err(Status::Corruption(std::string("the balance checkpoint does not decode: ") +
                                  e.what()));
  }
}

std::string EncodeBalanceCheckpoint(const BalanceCheckpoint& c) {
  std::string value(kMagic, 6);
  ledger::AppendLE64(value, c.position);
  value.append(reinterpret_cast<const char*>(c.hash.data()), c.hash.size());
  value += SerializeBalances(c.balances);
  return value;
}

Status WriteBalanceCheckpoint(engine::Store& store, const BalanceCheckpoint& c) {
  return store.PutCheckpoint(kBalanceCheckpointName, EncodeBalanceCheckpoint(c));
}

Result<std::optional<BalanceCheckpoint>> ReadBalanceCheckpoint(const engine::Store& store) {
  FIJ_ASSIGN_OR_RETURN(auto value, store.GetCheckpoint(kBalanceCheckpointName));
  if (!value) return std::optional<BalanceCheckpoint>();
  const std::string& v = *value;
  if (v.size() < kHeader || v.compare(0, 6, kMagic) != 0)
    return Err(Status::Corruption("the balance checkpoint has a bad header"));
  BalanceCheckpoint c;
  c.position = ledger::LoadLE64(v.data() + 6);
  std::memcpy(c.hash.data(), v.data() + 14, 32);
  FIJ_ASSIGN_OR_RETURN(c.balances, DeserializeBalances(std::string_view(v).substr(kHeader)));
  if (c.position == 0 || c.position > store.head().position)
    return Err(Status::Corruption("the balance checkpoint is beyond the log's head"));
  FIJ_ASSIGN_OR_RETURN(auto ev, store.ReadOne(c.position));
  if (ev.hash() != c.hash)
    return Err(Status::Corruption("the balance checkpoint at position " +
                                  std::to_string(c.position) +
                                  " does not match the log's event there"));
  return std::optional<BalanceCheckpoint>(std::move(c));
}

}  // namespace fij::projections
