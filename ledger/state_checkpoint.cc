#include "ledger/state_checkpoint.h"

#include <chrono>
#include <cstdio>
#include <cstring>

#include "ledger/binary_io.h"
#include "ledger/codec.h"

namespace fij::ledger {
namespace {

// The header's magic. 2: receipts kept as summaries (decision 28), the state bytes in the same
// value; 3: the state bytes in chunks under their own names (decision 42). Both are read.
constexpr char kMagicWhole[] = "FIJCK2";
constexpr char kMagic[] = "FIJCK3";
constexpr size_t kMagicSize = 6;
constexpr size_t kHeaderV2 = kMagicSize + 8 + 32;
constexpr size_t kHeaderV3 = kHeaderV2 + 8 + 8 + 8;  // + generation, chunk count, state bytes
// Every chunk name of `generation` sorts in [ChunkPrefix(g), ChunkPrefix(g) with '.' -> '/').
std::string ChunkPrefix(uint64_t generation) {
  std::string n = CheckpointChunkName(generation, 0);
  return n.substr(0, n.size() - 8);
}

// Field lists, one per State member type; the same function serves both directions.
void Strings(ByteWriter& w, const std::vector<std::string>& v) {
  w.U64(v.size());
  for (const auto& s : v) w.Str(s);
}
std::vector<std::string> Strings(ByteReader& r) {
  std::vector<std::string> v(r.U64());
  for (auto& s : v) s = r.Str();
  return v;
}

// The entry for `key` in `m`, inserted at the end when the keys come in order (as a map is
// serialized): no search.
template <typename M>
typename M::mapped_type& AtEnd(M& m, std::string key) {
  return m.emplace_hint(m.end(), std::move(key), typename M::mapped_type{})->second;
}

}  // namespace

namespace {
// Appends every field of `s` to `w`.
void SerializeInto(ByteWriter& w, const State& s) {
  FIJ_CHECK(!s.projection_only) << "a projection-only State cannot be saved (decision 45)";
  w.Str(s.default_fund);
  w.U64(s.funds.size());
  for (const auto& [id, f] : s.funds) {
    w.Str(id);
    w.Ev(f.identity);
    w.U64(f.receipting);
    w.U64(f.agrements.size());
    for (const auto& a : f.agrements) w.Ev(a);
    Strings(w, f.excluded_carrier_forms);
    w.I64(f.quorum_bp);
    w.I64(f.majority_bp);
  }
  w.U64(s.partners.size());
  for (const auto& [id, p] : s.partners) {
    w.Str(id);
    w.Ev(p.Registered(id));  // the checkpoint's format is unchanged: the event, whole
    Strings(w, p.gift_ids);
    Strings(w, p.pledge_ids);
  }
  w.U64(s.pledges.size());
  for (const auto& [id, p] : s.pledges) {
    w.Str(id);
    w.Ev(p.pledge);
    w.I64(p.fulfilled_cents);
    Strings(w, p.gift_ids);
  }
  w.U64(s.gifts.size());
  for (const auto& [id, g] : s.gifts) {
    w.Str(id);
    w.Ev(g.gift);
    w.U64(g.received);
    w.U64(g.received_on);
    w.Str(g.active_receipt);
    Strings(w, g.receipts);
  }
  w.U64(s.receipts.size());
  for (const auto& [id, r] : s.receipts) {
    w.Str(id);
    const ReceiptSummary& x = r.receipt;
    w.Str(x.number);
    w.Str(x.fund_id);
    w.Str(x.partner_id);
    w.Str(x.replaces);
    w.I64(x.year);
    w.U64(x.sequence);
    w.U64(x.issued_on);
    w.U64(x.period_from);
    w.U64(x.period_to);
    w.U64(static_cast<uint64_t>(x.form));
    w.I64(x.amount_cents);
    Strings(w, x.gift_ids);
    w.U64(r.position);
    w.U64(r.cancelled);
    w.Ev(r.cancellation);
    w.Str(r.replaced_by);
  }
  Strings(w, s.receipt_order);
  w.U64(s.receipt_sequences.size());
  for (const auto& [k, v] : s.receipt_sequences) {
    w.Str(k.first);
    w.I64(k.second);
    w.U64(v);
  }
  w.U64(s.declarations.size());
  for (const auto& [k, v] : s.declarations) w.Ev(v);
  w.U64(s.params.all().size());
  for (const auto& [name, values] : s.params.all()) {
    w.Str(name);
    w.U64(values.size());
    for (const auto& [from, v] : values) {
      w.U64(from);
      w.I64(v);
    }
  }
  w.U64(s.position);
  w.U64(s.projects.size());
  for (const auto& [id, p] : s.projects) {
    w.Str(id);
    w.Ev(p.project);
    w.U64(p.status.size());
    for (const auto& [f, st] : p.status) {
      w.Str(f);
      w.U64(static_cast<uint64_t>(st));
    }
    w.U64(p.call_of.size());
    for (const auto& [f, c] : p.call_of) {
      w.Str(f);
      w.Str(c);
    }
    w.U64(p.scores.size());
    for (const auto& sc : p.scores) w.Ev(sc);
    Strings(w, p.conflicts);
    Strings(w, p.decisions);
    for (int k = 0; k < 4; ++k) w.I64(p.budget_cents[k]);
    for (int k = 0; k < 4; ++k) w.I64(p.spent_cents[k]);
    w.U64(p.experiment_closed);
    w.Str(p.outcome);
  }
  w.U64(s.calls.size());
  for (const auto& [id, c] : s.calls) {
    w.Str(id);
    w.Ev(c.call);
    w.U64(c.closed);
  }
  w.U64(s.members.size());
  for (const auto& [id, m] : s.members) {
    w.Str(id);
    w.Ev(m.member);
    w.U64(m.active);
    w.U64(m.removed_on);
  }
  w.U64(s.sessions.size());
  for (const auto& [id, ss] : s.sessions) {
    w.Str(id);
    w.Ev(ss.session);
    Strings(w, ss.present);
    w.U64(ss.closed);
    w.U64(ss.votes.size());
    for (const auto& [p, votes] : ss.votes) {
      w.Str(p);
      w.U64(votes.size());
      for (const auto& [m, c] : votes) {
        w.Str(m);
        w.U64(static_cast<uint64_t>(c));
      }
    }
  }
  w.U64(s.decisions.size());
  for (const auto& [id, d] : s.decisions) {
    w.Str(id);
    w.Ev(d.decision);
    w.I64(d.granted_disbursed_cents);
    w.Str(d.loan_id);
    w.Str(d.guarantee_id);
  }
  w.U64(s.loans.size());
  for (const auto& [id, l] : s.loans) {
    w.Str(id);
    w.Ev(l.loan);
    w.U64(l.schedule.size());
    for (const auto& line : l.schedule) {
      w.U64(line.due);
      w.I64(line.principal_cents);
      w.I64(line.interest_cents);
      w.I64(line.paid_cents);
    }
    w.I64(l.repaid_principal_cents);
    w.I64(l.repaid_interest_cents);
    w.I64(l.impaired_cents);
    w.I64(l.written_off_cents);
    w.U64(l.written_off);
  }
  w.U64(s.guarantees.size());
  for (const auto& [id, g] : s.guarantees) {
    w.Str(id);
    w.Ev(g.guarantee);
    w.I64(g.provision_cents);
    w.I64(g.called_cents);
    w.U64(g.released);
  }
  w.U64(s.subsidies.size());
  for (const auto& [id, sub] : s.subsidies) w.Ev(sub);
  for (const auto* m : {&s.grant_disbursements, &s.expenses, &s.repayments}) {
    w.U64(m->size());
    for (const auto& [id, v] : *m) {
      w.Str(id);
      w.I64(v);
    }
  }
  w.U64(s.repayment_log.size());
  for (const auto& r : s.repayment_log) {
    w.Str(r.loan_id);
    w.U64(r.date);
    w.I64(r.principal_cents);
    w.I64(r.interest_cents);
  }
  w.U64(s.grant_log.size());
  for (const auto& t : s.grant_log) {
    w.Str(t.decision_id);
    w.Str(t.project_id);
    w.U64(t.date);
    w.I64(t.amount_cents);
  }
  w.U64(s.roles.size());
  for (const auto& [actor, roles] : s.roles) {
    w.Str(actor);
    w.U64(roles.size());
    for (auto r : roles) w.U64(static_cast<uint64_t>(r));
  }
  w.U64(s.tiers.size());
  for (const auto& [f, t] : s.tiers) w.Ev(t);
  w.U64(s.budget_plans.size());
  for (const auto& [k, b] : s.budget_plans) w.Ev(b);
  w.U64(s.closed_years.size());
  for (const auto& [y, c] : s.closed_years) w.Ev(c);
}
}  // namespace

std::string SerializeState(const State& s) {
  ByteWriter w;
  SerializeInto(w, s);
  return std::move(w.out_);
}

namespace {
Result<State> DeserializeFrom(ByteReader& r) {
  try {
    State s;
    s.default_fund = r.Str();
    for (uint64_t n = r.U64(); n--;) {
      FundState& f = AtEnd(s.funds, r.Str());
      f.identity = r.Ev<FundInitialized>();
      f.receipting = r.U64();
      for (uint64_t k = r.U64(); k--;) f.agrements.push_back(r.Ev<AgrementRecorded>());
      f.excluded_carrier_forms = Strings(r);
      f.quorum_bp = r.I64();
      f.majority_bp = r.I64();
    }
    for (uint64_t n = r.U64(); n--;) {
      PartnerState& p = AtEnd(s.partners, r.Str());
      p.identity = IdentityOf(r.Ev<PartnerRegistered>());
      p.gift_ids = Strings(r);
      p.pledge_ids = Strings(r);
    }
    for (uint64_t n = r.U64(); n--;) {
      PledgeState& p = AtEnd(s.pledges, r.Str());
      p.pledge = r.Ev<PledgeMade>();
      p.fulfilled_cents = r.I64();
      p.gift_ids = Strings(r);
    }
    for (uint64_t n = r.U64(); n--;) {
      GiftState& g = AtEnd(s.gifts, r.Str());
      g.gift = r.Ev<GiftRecorded>();
      g.received = r.U64();
      g.received_on = static_cast<uint32_t>(r.U64());
      g.active_receipt = r.Str();
      g.receipts = Strings(r);
    }
    for (uint64_t n = r.U64(); n--;) {
      ReceiptState& rs = AtEnd(s.receipts, r.Str());
      ReceiptSummary& x = rs.receipt;
      x.number = r.Str();
      x.fund_id = r.Str();
      x.partner_id = r.Str();
      x.replaces = r.Str();
      x.year = static_cast<int32_t>(r.I64());
      x.sequence = static_cast<uint32_t>(r.U64());
      x.issued_on = static_cast<uint32_t>(r.U64());
      x.period_from = static_cast<uint32_t>(r.U64());
      x.period_to = static_cast<uint32_t>(r.U64());
      uint64_t form = r.U64();
      if (form > static_cast<uint64_t>(ReceiptForm::kCerfa16216))
        throw std::runtime_error("unknown receipt form");
      x.form = static_cast<ReceiptForm>(form);
      x.amount_cents = r.I64();
      x.gift_ids = Strings(r);
      rs.position = r.U64();
      rs.cancelled = r.U64();
      rs.cancellation = r.Ev<ReceiptCancelled>();
      rs.replaced_by = r.Str();
    }
    s.receipt_order = Strings(r);
    for (uint64_t n = r.U64(); n--;) {
      std::string f = r.Str();
      int32_t y = static_cast<int32_t>(r.I64());
      s.receipt_sequences[{f, y}] = static_cast<uint32_t>(r.U64());
    }
    for (uint64_t n = r.U64(); n--;) {
      auto d = r.Ev<DeclarationFiled>();
      s.declarations[{d.fund_id, d.year}] = d;
    }
    for (uint64_t n = r.U64(); n--;) {
      std::string name = r.Str();
      for (uint64_t k = r.U64(); k--;) {
        uint32_t from = static_cast<uint32_t>(r.U64());
        s.params.Set(name, from, r.I64());
      }
    }
    s.position = r.U64();
    for (uint64_t n = r.U64(); n--;) {
      ProjectState& p = AtEnd(s.projects, r.Str());
      p.project = r.Ev<ProjectAdded>();
      for (uint64_t k = r.U64(); k--;) {
        std::string f = r.Str();
        p.status[f] = static_cast<ApplicationStatus>(r.U64());
      }
      for (uint64_t k = r.U64(); k--;) {
        std::string f = r.Str();
        p.call_of[f] = r.Str();
      }
      for (uint64_t k = r.U64(); k--;) p.scores.push_back(r.Ev<AssessmentScored>());
      p.conflicts = Strings(r);
      p.decisions = Strings(r);
      for (int k = 0; k < 4; ++k) p.budget_cents[k] = r.I64();
      for (int k = 0; k < 4; ++k) p.spent_cents[k] = r.I64();
      p.experiment_closed = r.U64();
      p.outcome = r.Str();
    }
    for (uint64_t n = r.U64(); n--;) {
      CallState& c = AtEnd(s.calls, r.Str());
      c.call = r.Ev<CallOpened>();
      c.closed = r.U64();
    }
    for (uint64_t n = r.U64(); n--;) {
      MemberState& m = AtEnd(s.members, r.Str());
      m.member = r.Ev<MemberAdded>();
      m.active = r.U64();
      m.removed_on = static_cast<uint32_t>(r.U64());
    }
    for (uint64_t n = r.U64(); n--;) {
      SessionState& ss = AtEnd(s.sessions, r.Str());
      ss.session = r.Ev<SessionOpened>();
      ss.present = Strings(r);
      ss.closed = r.U64();
      for (uint64_t k = r.U64(); k--;) {
        auto& votes = AtEnd(ss.votes, r.Str());
        for (uint64_t v = r.U64(); v--;) {
          std::string m = r.Str();
          votes[m] = static_cast<Choice>(r.U64());
        }
      }
    }
    for (uint64_t n = r.U64(); n--;) {
      DecisionState& d = AtEnd(s.decisions, r.Str());
      d.decision = r.Ev<DecisionRecorded>();
      d.granted_disbursed_cents = r.I64();
      d.loan_id = r.Str();
      d.guarantee_id = r.Str();
    }
    for (uint64_t n = r.U64(); n--;) {
      LoanState& l = AtEnd(s.loans, r.Str());
      l.loan = r.Ev<LoanDisbursed>();
      for (uint64_t k = r.U64(); k--;) {
        ScheduleLine line;
        line.due = static_cast<uint32_t>(r.U64());
        line.principal_cents = r.I64();
        line.interest_cents = r.I64();
        line.paid_cents = r.I64();
        l.schedule.push_back(line);
      }
      l.repaid_principal_cents = r.I64();
      l.repaid_interest_cents = r.I64();
      l.impaired_cents = r.I64();
      l.written_off_cents = r.I64();
      l.written_off = r.U64();
    }
    for (uint64_t n = r.U64(); n--;) {
      GuaranteeState& g = AtEnd(s.guarantees, r.Str());
      g.guarantee = r.Ev<GuaranteeGranted>();
      g.provision_cents = r.I64();
      g.called_cents = r.I64();
      g.released = r.U64();
    }
    for (uint64_t n = r.U64(); n--;) {
      auto sub = r.Ev<SubsidyRecorded>();
      s.subsidies[sub.subsidy_id] = sub;
    }
    for (auto* m : {&s.grant_disbursements, &s.expenses, &s.repayments})
      for (uint64_t n = r.U64(); n--;) {
        std::string id = r.Str();
        int64_t cents = r.I64();
        m->emplace_hint(m->end(), std::move(id), cents);  // stored in key order
      }
    for (uint64_t n = r.U64(); n--;) {
      State::RepaymentEntry e;
      e.loan_id = r.Str();
      e.date = static_cast<uint32_t>(r.U64());
      e.principal_cents = r.I64();
      e.interest_cents = r.I64();
      s.repayment_log.push_back(e);
    }
    for (uint64_t n = r.U64(); n--;) {
      State::TrancheEntry t;
      t.decision_id = r.Str();
      t.project_id = r.Str();
      t.date = static_cast<uint32_t>(r.U64());
      t.amount_cents = r.I64();
      s.grant_log.push_back(t);
    }
    for (uint64_t n = r.U64(); n--;) {
      auto& roles = AtEnd(s.roles, r.Str());
      for (uint64_t k = r.U64(); k--;) roles.push_back(static_cast<ActorRole>(r.U64()));
    }
    for (uint64_t n = r.U64(); n--;) {
      auto t = r.Ev<TiersConfigured>();
      s.tiers[t.fund_id] = t;
    }
    for (uint64_t n = r.U64(); n--;) {
      auto b = r.Ev<BudgetPlanned>();
      s.budget_plans[{b.fund_id, b.year}] = b;
    }
    for (uint64_t n = r.U64(); n--;) {
      auto c = r.Ev<YearClosed>();
      s.closed_years[c.year] = c;
    }
    if (!r.done()) throw std::runtime_error("trailing bytes");
    RebuildSums(s);  // derived from the gifts and logs, not saved
    return s;
  } catch (const std::exception& e) {
    return Err(Status::Corruption(std::string("checkpoint does not decode: ") + e.what()));
  }
}
}  // namespace

Result<State> DeserializeState(std::string_view bytes) {
  ByteReader r(bytes);
  return DeserializeFrom(r);
}

// Chunk i of generation g is stored under "state.<g, 20 digits>.<i, 8 digits>": every chunk
// name sorts in ["state.", "state/").
std::string CheckpointChunkName(uint64_t generation, uint64_t i) {
  char digits[48];
  std::snprintf(digits, sizeof digits, ".%020llu.%08llu",
                static_cast<unsigned long long>(generation), static_cast<unsigned long long>(i));
  return std::string(kStateCheckpointName) + digits;
}

uint64_t AddCheckpoint(engine::Store::CheckpointBatch& batch, const State& state,
                       uint64_t position, const engine::Hash& hash, size_t chunk_bytes,
                       size_t spill_bytes) {
  FIJ_CHECK(chunk_bytes > 0);
  // A new generation of chunk names: the chunks written before the header are under names the
  // current header does not refer to, so a crash before the header leaves the current
  // checkpoint whole (its chunks, and the new generation's, are erased by the next one).
  const uint64_t generation = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
  uint64_t chunks = 0;
  ByteWriter w(chunk_bytes, [&](std::string_view chunk) {
    batch.Put(CheckpointChunkName(generation, chunks++), chunk);
    // Written ahead every `spill_bytes`: the batch and the memtable never hold the whole
    // State's bytes. A failure fails the batch.
    if (batch.size() >= spill_bytes) (void)batch.WriteSoFar();
  });
  SerializeInto(w, state);
  w.Finish();
  const std::string prefix = ChunkPrefix(generation);
  std::string prefix_end = prefix;
  prefix_end.back() = '/';
  batch.EraseRange(std::string(kStateCheckpointName) + ".", prefix);  // every other generation
  batch.EraseRange(prefix_end, std::string(kStateCheckpointName) + "/");
  ByteWriter header;
  header.out_.assign(kMagic, kMagicSize);
  header.U64(position);
  header.out_.append(reinterpret_cast<const char*>(hash.data()), hash.size());
  header.U64(generation);
  header.U64(chunks);
  header.U64(w.total());
  batch.Put(kStateCheckpointName, header.out_);
  return generation;
}

Status WriteCheckpoint(engine::Store& store, const State& state, uint64_t position,
                       const engine::Hash& hash, size_t chunk_bytes) {
  return store.WriteCheckpoints([&](engine::Store::CheckpointBatch& b) {
    (void)AddCheckpoint(b, state, position, hash, chunk_bytes);
    return Status::Ok();
  });
}

Result<std::optional<CheckpointHeader>> ReadCheckpointHeader(const engine::Store& store) {
  FIJ_ASSIGN_OR_RETURN(auto value, store.GetCheckpoint(kStateCheckpointName));
  if (!value) return std::optional<CheckpointHeader>();
  std::string_view v = *value;
  bool whole = v.size() >= kHeaderV2 && v.substr(0, kMagicSize) == kMagicWhole;
  bool chunked = v.size() == kHeaderV3 && v.substr(0, kMagicSize) == kMagic;
  if (!whole && !chunked) return Err(Status::Corruption("the state checkpoint has a bad header"));
  CheckpointHeader h;
  h.position = LoadLE64(v.data() + kMagicSize);
  std::memcpy(h.hash.data(), v.data() + kMagicSize + 8, 32);
  if (h.position > store.head().position)
    return Err(Status::Corruption("the state checkpoint is beyond the log's head"));
  FIJ_ASSIGN_OR_RETURN(auto ev, store.ReadOne(h.position));
  if (ev.hash() != h.hash)
    return Err(Status::Corruption("the state checkpoint at position " + std::to_string(h.position) +
                                  " does not match the log's event there"));
  if (whole) {
    h.bytes = v.size() - kHeaderV2;
    h.whole = std::move(*value).substr(kHeaderV2);
  } else {
    h.generation = LoadLE64(v.data() + kHeaderV2);
    h.chunks = LoadLE64(v.data() + kHeaderV2 + 8);
    h.bytes = LoadLE64(v.data() + kHeaderV2 + 16);
  }
  return std::optional<CheckpointHeader>(std::move(h));
}

namespace {
// Reads the checkpoint's state bytes through `read` (a ByteReader over them), then checks that
// every stored byte was there: a missing chunk, or chunks that do not add up to the header's
// count, is Corruption.
template <typename T, typename F>
Result<T> ReadStateBytes(const engine::Store& store, const CheckpointHeader& h, F read) {
  if (h.whole) {
    ByteReader r(*h.whole);
    return read(r);
  }
  uint64_t next = 0, got = 0;
  Status failed;
  ByteReader r([&]() -> std::optional<std::string> {
    if (next == h.chunks) return std::nullopt;
    auto chunk = store.GetCheckpoint(CheckpointChunkName(h.generation, next));
    if (!chunk || !*chunk) {
      failed = chunk ? Status::Corruption("the state checkpoint's chunk " +
                                          CheckpointChunkName(h.generation, next) +
                                          " is missing")
                     : chunk.error();
      return std::nullopt;
    }
    ++next;
    got += (*chunk)->size();
    return std::move(**chunk);
  });
  Result<T> out = read(r);
  if (!failed.ok()) return Err(failed);
  if (!out) return out;
  if (next != h.chunks || got != h.bytes)
    return Err(Status::Corruption("the state checkpoint has " + std::to_string(got) +
                                  " bytes in its chunks, its header says " +
                                  std::to_string(h.bytes)));
  return out;
}
}  // namespace

Result<std::optional<Checkpoint>> ReadCheckpoint(const engine::Store& store) {
  FIJ_ASSIGN_OR_RETURN(auto header, ReadCheckpointHeader(store));
  if (!header) return std::optional<Checkpoint>();
  Checkpoint c;
  c.position = header->position;
  c.hash = header->hash;
  c.bytes = header->bytes;
  FIJ_ASSIGN_OR_RETURN(c.state, ReadStateBytes<State>(store, *header,
                                                      [](ByteReader& r) { return DeserializeFrom(r); }));
  return std::optional<Checkpoint>(std::move(c));
}

Result<bool> CheckpointMatches(const engine::Store& store, const CheckpointHeader& header,
                               const State& state) {
  return ReadStateBytes<bool>(store, header, [&](ByteReader& stored) -> Result<bool> {
    bool same = true;
    try {
      ByteWriter w(kCheckpointChunkBytes, [&](std::string_view chunk) {
        if (same) same = stored.Matches(chunk);
      });
      SerializeInto(w, state);
      w.Finish();
      return same && stored.done();
    } catch (const std::runtime_error&) {  // the stored bytes end first
      return false;
    }
  });
}

}  // namespace fij::ledger
