// fij_bench: the measurements of docs/BENCHMARKS.md, one mode per invocation, each printing ONE
// JSON object on stdout (notes on stderr). bench/run drives the modes and assembles the table.
//
//   fij_bench append --dir D --batch B --events N [--repeat R] [--floor 0]
//       durable append throughput of fij (domain event -> spec, request hash, capnp encoding,
//       envelope, SHA-256 chain, stream and idempotency index, one synced WriteBatch per call)
//       and, alternating in the same run, the raw RocksDB floor: the same count of the same
//       stored values, the same batches, WriteOptions::sync = true, fresh DB, nothing else.
//   fij_bench latency --dir D --count K
//       one RecordGift through ledger::Ledger::Execute (decide, append synced, apply): p50, p99.
//   fij_bench replay --store S --floor-dir D [--rounds R]
//       a warm full replay of S into State + TrialBalance + every projection, its peak RSS, a
//       breakdown (scan + envelope decode, + payload decode), and the raw floor: a forward scan of
//       a fresh RocksDB holding the same count of the same values (the first 64 Ki cycled).
//       With R rounds, R pairs of a floor scan and a replay back to back (each replay on pages
//       given back to the system first, as a fresh process): medians, the ratio
//       as the median of the pairs' ratios, and the best floor over the best replay
//       (`ratio_of_best`; every run listed in the JSON).
//   fij_bench open-report --store S
//       open the store and produce the first report, the consolidated trial balance, as `fij
//       report balance` does (from the balance checkpoint when there is one); then partner tiers
//       (from the State checkpoint when there is one); then the trial balance by a replay of
//       every event, for comparison.
//   fij_bench state-size --store S [--projections-only 1]
//       heap bytes of the ledger State folded from the whole store, per State member.
//   fij_bench first-touch [--mib M]
//       what this machine charges for memory a process touches first: M MiB of fresh anonymous
//       memory written once per 4 KiB page, in 2 MiB pages (as the programs' jemalloc asks,
//       decision 41) and in 4 KiB pages, then written again (the warm reference). On a virtual
//       machine the first touch may fault in the host too; it moves every figure above.
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <malloc.h>
#ifdef FIJ_WITH_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif
#include <sys/mman.h>
#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/store.h"
#include "ledger/codec.h"
#include "ledger/commands.h"
#include "ledger/date.h"
#include "ledger/ledger.h"
#include "ledger/state_checkpoint.h"
#include "projections/every_projection.h"
#include "projections/balance_checkpoint.h"
#include "projections/replay.h"
#include "projections/tiers.h"
#include "projections/trial_balance.h"

namespace fij::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kFloorValuesKept = 65'536;  // distinct values cycled into a floor DB
constexpr size_t kFloorLoadBatch = 10'000;   // the unsynced batches that fill a scan floor
constexpr uint64_t kAppendEventsMax = 10'000'000;

double Seconds(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// CPU time of the calling thread: on a shared machine, what the foreground itself spent.
double CpuSeconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
double ThreadCpuSeconds() { return CpuSeconds(CLOCK_THREAD_CPUTIME_ID); }
// Every thread of the process: the appending one, AppendAll's second thread (decision 62) and
// RocksDB's background flushes and compactions.
double ProcessCpuSeconds() { return CpuSeconds(CLOCK_PROCESS_CPUTIME_ID); }

double PeakRssMib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "fij_bench: %s\n", what.c_str());
  std::exit(1);
}
void Check(const Status& s, const char* what) {
  if (!s.ok()) Die(std::string(what) + ": " + s.ToString());
}
void CheckRocks(const rocksdb::Status& s, const char* what) {
  if (!s.ok()) Die(std::string(what) + ": " + s.ToString());
}

// --- Arguments: --name value pairs after the mode ---
struct Args {
  std::map<std::string, std::string> values;
  std::string Str(const std::string& name) const {
    auto it = values.find(name);
    if (it == values.end()) Die("missing --" + name);
    return it->second;
  }
  uint64_t U64(const std::string& name, uint64_t fallback) const {
    auto it = values.find(name);
    return it == values.end() ? fallback : std::strtoull(it->second.c_str(), nullptr, 10);
  }
};
Args Parse(int argc, char** argv) {
  Args a;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k.rfind("--", 0) != 0) Die("expected --name value, got " + k);
    a.values[k.substr(2)] = argv[i + 1];
  }
  return a;
}

// The floor's column family: the options engine/store.cc gives the `events` family, so the
// floor differs from fij only by what fij adds on top (encoding, hashing, indexing).
rocksdb::Options FloorOptions() {
  rocksdb::Options o;
  o.create_if_missing = true;
  o.error_if_exists = true;
  o.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  o.keep_log_file_num = 2;
  o.max_background_jobs = 2;
  o.paranoid_checks = true;
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.block_size = fij::engine::kEventsBlockBytes;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  o.write_buffer_size = 64 << 20;
  o.compression = rocksdb::kLZ4Compression;
  o.bottommost_compression = rocksdb::kLZ4Compression;  // as the events family (decision 44)
  return o;
}

std::unique_ptr<rocksdb::DB> OpenFloor(const std::string& dir, bool create) {
  rocksdb::Options o = FloorOptions();
  if (!create) o.error_if_exists = false;
  rocksdb::DB* db = nullptr;
  CheckRocks(rocksdb::DB::Open(o, dir, &db), "opening the floor DB");
  return std::unique_ptr<rocksdb::DB>(db);
}

// ---- helpers ----

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// A JSON array of `v`, each number printed with `format`.
std::string JsonList(const std::vector<double>& v, const char* format) {
  std::string s = "[";
  char buf[32];
  for (size_t i = 0; i < v.size(); ++i) {
    std::snprintf(buf, sizeof(buf), format, v[i]);
    s += (i ? "," : "") + std::string(buf);
  }
  return s + "]";
}

// ---- append ----

// A company's transfer gift as `fij gen` writes them (sizes matter, not the words).
ledger::RecordGift GiftCommand(uint64_t i) {
  ledger::RecordGift g;
  g.gift_id = "bench-g" + std::to_string(i);
  g.partner_id = "co" + std::to_string(1 + i % 997);
  g.fund_id = ledger::kDefaultFundId;
  g.amount_cents = 50'000 + static_cast<int64_t>(i % 1000) * 5'000;
  g.date = 20240315;
  if (i % 3 == 0) {
    g.counterparts_cents = g.amount_cents / 10;
    g.counterparts_description = "Logo sur le site et invitation à la soirée des partenaires";
  }
  return g;
}
ledger::GiftRecorded GiftEvent(const ledger::RecordGift& c) {
  ledger::GiftRecorded e;
  e.gift_id = c.gift_id;
  e.partner_id = c.partner_id;
  e.fund_id = c.fund_id;
  e.amount_cents = c.amount_cents;
  e.date = c.date;
  e.announced_on = c.date;
  e.counterparts_cents = c.counterparts_cents;
  e.counterparts_description = c.counterparts_description;
  return e;
}

struct AppendRun {
  double seconds = 0;
  double engine_seconds = 0;  // inside Store::AppendAll
  double cpu_seconds = 0;     // this thread's CPU time over the run
  double process_cpu_seconds = 0;  // the whole process's
};

AppendRun AppendFij(const std::string& dir, uint64_t events, uint64_t batch) {
  engine::OpenOptions o;
  o.create_if_missing = true;
  auto store = engine::Store::Open(dir, o);
  if (!store) Die("open " + dir + ": " + store.error().ToString());
  const ledger::State empty;
  AppendRun run;
  double cpu0 = ThreadCpuSeconds(), pcpu0 = ProcessCpuSeconds();
  auto t0 = Clock::now();
  for (uint64_t done = 0; done < events;) {
    uint64_t n = std::min(batch, events - done);
    std::vector<engine::AppendRequest> requests;
    requests.reserve(n);
    for (uint64_t i = done; i < done + n; ++i) {
      ledger::RecordGift c = GiftCommand(i);
      ledger::CommandSpec spec = ledger::Spec(empty, c);
      engine::AppendRequest r;
      r.stream_id = std::move(spec.stream_id);
      r.expected_version = spec.expected_version;
      r.actor = "coordinator";
      r.idempotency_key = std::move(spec.idempotency_key);
      r.request_hash = ledger::RequestHash(c, spec.body);
      r.events.push_back(ledger::ToNewEvent(GiftEvent(c)));
      requests.push_back(std::move(r));
    }
    auto t1 = Clock::now();
    auto written = (*store)->AppendAll(std::move(requests));
    if (!written) Die("append: " + written.error().ToString());
    run.engine_seconds += Seconds(t1);
    done += n;
  }
  run.seconds = Seconds(t0);
  run.cpu_seconds = ThreadCpuSeconds() - cpu0;
  run.process_cpu_seconds = ProcessCpuSeconds() - pcpu0;
  return run;
}

AppendRun AppendFloor(const std::string& dir, const std::vector<std::string>& values,
                      uint64_t events, uint64_t batch) {
  auto db = OpenFloor(dir, true);
  rocksdb::WriteOptions wo;
  wo.sync = true;
  AppendRun run;
  double cpu0 = ThreadCpuSeconds(), pcpu0 = ProcessCpuSeconds();
  auto t0 = Clock::now();
  for (uint64_t done = 0; done < events;) {
    uint64_t n = std::min(batch, events - done);
    rocksdb::WriteBatch wb;
    for (uint64_t i = done; i < done + n; ++i)
      CheckRocks(wb.Put(engine::EncodeU64(i + 1), values[i % values.size()]), "batch");
    CheckRocks(db->Write(wo, &wb), "floor write");
    done += n;
  }
  run.seconds = Seconds(t0);
  run.engine_seconds = run.seconds;
  run.cpu_seconds = ThreadCpuSeconds() - cpu0;
  run.process_cpu_seconds = ProcessCpuSeconds() - pcpu0;
  return run;
}

// The stored values of a store's first `max` events, and their mean size over all events.
std::vector<std::string> StoredValues(const engine::Store& store, size_t max, double* mean_bytes,
                                      uint64_t* count) {
  std::vector<std::string> values;
  uint64_t bytes = 0, n = 0;
  Check(store.ReadForward(1, 0,
                          [&](const engine::RecordedEvent& ev) {
                            auto w = ev.words();
                            size_t size = w.size() * sizeof(capnp::word);
                            bytes += size;
                            ++n;
                            if (values.size() < max)
                              values.emplace_back(reinterpret_cast<const char*>(w.begin()), size);
                            return true;
                          }),
        "reading values");
  if (mean_bytes) *mean_bytes = n ? static_cast<double>(bytes) / static_cast<double>(n) : 0;
  if (count) *count = n;
  return values;
}

int Append(const Args& a) {
  std::string dir = a.Str("dir");
  uint64_t batch = a.U64("batch", 1), events = a.U64("events", 1000), repeat = a.U64("repeat", 1);
  if (batch == 0 || batch > engine::kBatchEventsMax || events == 0 || events > kAppendEventsMax ||
      repeat == 0)
    Die("append: --batch 1..100000, --events 1..10000000, --repeat >= 1");
  std::filesystem::create_directories(dir);
  std::vector<double> fij_rates, engine_rates, floor_rates;
  double fij_cpu_us = 1e300, floor_cpu_us = 1e300;    // per event, best run: appending thread
  double fij_pcpu_us = 1e300, floor_pcpu_us = 1e300;  // and whole process
  double mean_bytes = 0;
  std::vector<std::string> values;
  for (uint64_t r = 0; r < repeat; ++r) {
    std::string fdir = dir + "/fij-" + std::to_string(r);
    std::filesystem::remove_all(fdir);
    AppendRun f = AppendFij(fdir, events, batch);
    fij_rates.push_back(static_cast<double>(events) / f.seconds);
    engine_rates.push_back(static_cast<double>(events) / f.engine_seconds);
    fij_cpu_us = std::min(fij_cpu_us, f.cpu_seconds * 1e6 / static_cast<double>(events));
    fij_pcpu_us =
        std::min(fij_pcpu_us, f.process_cpu_seconds * 1e6 / static_cast<double>(events));
    if (a.U64("floor", 1) == 0) continue;  // fij only (for profiling)
    if (values.empty()) {
      engine::OpenOptions ro;
      ro.read_only = true;
      auto store = engine::Store::Open(fdir, ro);
      if (!store) Die(store.error().ToString());
      values = StoredValues(**store, kFloorValuesKept, &mean_bytes, nullptr);
    }
    std::filesystem::remove_all(fdir);
    std::string rdir = dir + "/floor-" + std::to_string(r);
    std::filesystem::remove_all(rdir);
    AppendRun raw = AppendFloor(rdir, values, events, batch);
    floor_rates.push_back(static_cast<double>(events) / raw.seconds);
    floor_cpu_us = std::min(floor_cpu_us, raw.cpu_seconds * 1e6 / static_cast<double>(events));
    floor_pcpu_us =
        std::min(floor_pcpu_us, raw.process_cpu_seconds * 1e6 / static_cast<double>(events));
    std::filesystem::remove_all(rdir);
    std::fprintf(stderr, "append batch %llu run %llu: fij %.0f/s, floor %.0f/s\n",
                 static_cast<unsigned long long>(batch), static_cast<unsigned long long>(r + 1),
                 fij_rates.back(), floor_rates.back());
  }
  if (floor_rates.empty()) {  // --floor 0
    floor_rates.push_back(0);
    floor_cpu_us = floor_pcpu_us = 0;
  }
  auto best = [](const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); };
  std::printf(
      "{\"mode\":\"append\",\"batch\":%llu,\"events\":%llu,\"repeat\":%llu,"
      "\"fij_events_per_s\":%.0f,\"fij_engine_events_per_s\":%.0f,"
      "\"floor_events_per_s\":%.0f,\"ratio\":%.3f,\"value_bytes\":%.1f,"
      "\"fij_cpu_us_per_event\":%.2f,\"floor_cpu_us_per_event\":%.2f,"
      "\"fij_process_cpu_us_per_event\":%.2f,\"floor_process_cpu_us_per_event\":%.2f,"
      "\"fij_runs\":%s,\"floor_runs\":%s}\n",
      static_cast<unsigned long long>(batch), static_cast<unsigned long long>(events),
      static_cast<unsigned long long>(repeat), best(fij_rates), best(engine_rates),
      best(floor_rates), best(floor_rates) > 0 ? best(fij_rates) / best(floor_rates) : 0.0,
      mean_bytes, fij_cpu_us, floor_cpu_us, fij_pcpu_us, floor_pcpu_us,
      JsonList(fij_rates, "%.0f").c_str(), JsonList(floor_rates, "%.0f").c_str());
  return 0;
}

// ---- latency ----

int Latency(const Args& a) {
  std::string dir = a.Str("dir");
  uint64_t count = a.U64("count", 200);
  std::filesystem::remove_all(dir);
  ledger::Ledger::Options o;
  o.create = true;
  auto l = ledger::Ledger::Open(dir, o);
  if (!l) Die(l.error().ToString());
  ledger::Ledger& ledger = **l;
  ledger::InitFund init;
  init.name = "Fonds d'Impulsion Jurassien";
  init.siren = "732829320";
  init.address = "Clus'Ter Jura, 39000 Lons-le-Saunier";
  init.object = "Aides financières et accompagnement de projets coopératifs";
  init.signer_name = "Présidence du FIJ";
  init.signer_capacity = "président";
  init.agrement_ref = "AG-238BIS4-2023";
  init.agrement_from = 20230101;
  init.agrement_to = 20271231;
  init.date = 20230105;
  init.initial_coordinator = "coordinator";
  ledger::RegisterPartner partner;
  partner.partner_id = "morteau";
  partner.kind = ledger::PartnerKind::kCompany;
  partner.name = "Morteau Saucisse";
  partner.siren = "552100554";
  partner.legal_form = "SAS";
  partner.address = "Zone artisanale, 25500 Morteau";
  for (const ledger::Command& c : std::vector<ledger::Command>{init, partner})
    if (auto r = ledger.Execute(c, "coordinator"); !r) Die(r.error().message());
  std::vector<double> us;
  us.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    ledger::RecordGift g;
    g.gift_id = "lat-" + std::to_string(i);
    g.partner_id = "morteau";
    g.amount_cents = 1'000'000;
    g.date = 20240315;
    g.counterparts_cents = 50'000;
    g.counterparts_description = "Logo sur le site";
    auto t0 = Clock::now();
    auto r = ledger.Execute(g, "coordinator");
    double t = Seconds(t0) * 1e6;
    if (!r) Die(r.error().message());
    us.push_back(t);
  }
  std::vector<double> sorted = us;
  std::sort(sorted.begin(), sorted.end());
  auto pct = [&](double p) {
    size_t i = static_cast<size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(i, sorted.size() - 1)];
  };
  double mean = 0;
  for (double t : us) mean += t;
  mean /= static_cast<double>(us.size());
  std::printf(
      "{\"mode\":\"latency\",\"count\":%llu,\"p50_us\":%.0f,\"p90_us\":%.0f,"
      "\"p99_us\":%.0f,\"max_us\":%.0f,\"mean_us\":%.0f}\n",
      static_cast<unsigned long long>(count), pct(0.50), pct(0.90), pct(0.99), sorted.back(), mean);
  l->reset();
  std::filesystem::remove_all(dir);
  return 0;
}

// ---- replay and the scan floor ----

struct Replayed {
  uint64_t events = 0;
  uint64_t entries = 0;
  size_t partners = 0, experiments = 0, loans = 0;
};

// What `fij replay` does: a projection-only State + TrialBalance on every event (decision 45),
// then every other projection; `projections_only` false: the whole State, as a writer or a
// report from zero folds it.
Replayed FullReplay(const engine::Store& store, bool projections_only) {
  projections::TrialBalance tb;
  projections::ReplayOptions o;
  o.projections_only = projections_only;
  auto r =
      projections::Replay(store, o,
                          [&](const ledger::State& s, const ledger::Event& e,
                              const projections::EventContext& x) { tb.Apply(s, e, x.position); });
  if (!r) Die("replay: " + r.error().ToString());
  FIJ_CHECK(tb.total_debit_cents() == tb.total_credit_cents());
  const auto counts = projections::ComputeEveryProjection(r->state, ledger::Date::Today().ymd());
  return Replayed{r->events, tb.entry_count(), counts.partners_in_tiers, counts.experiments,
                  counts.loans};
}

// The raw floor: a fresh RocksDB holding `count` of `values` (cycled), written as `fij gen`
// writes a store, then opened for reading; Scan() times one forward scan of it.
class Floor {
 public:
  Floor(const std::string& dir, uint64_t count, const std::vector<std::string>& values)
      : dir_(dir), count_(count) {
    std::filesystem::remove_all(dir);
    {
      // Filled like `fij gen` fills a store: batches of 10 000, then closed.
      auto db = OpenFloor(dir, true);
      rocksdb::WriteOptions wo;
      for (uint64_t done = 0; done < count;) {
        uint64_t n = std::min<uint64_t>(kFloorLoadBatch, count - done);
        rocksdb::WriteBatch wb;
        for (uint64_t i = done; i < done + n; ++i)
          CheckRocks(wb.Put(engine::EncodeU64(i + 1), values[i % values.size()]), "batch");
        CheckRocks(db->Write(wo, &wb), "floor load");
        done += n;
      }
      // As a fij writer does on close (engine/store.cc, kFlushOnCloseBytesMin).
      CheckRocks(db->Flush(rocksdb::FlushOptions()), "floor flush");
    }
    db_ = OpenFloor(dir, false);
  }
  ~Floor() {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  double Scan() const {
    // The ReadOptions of Store::ReadForwardRaw (no upper bound: the loop counts).
    rocksdb::ReadOptions ro;
    ro.fill_cache = false;
    ro.readahead_size = 2 << 20;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro));
    uint64_t n = 0, sum = 0;
    auto t0 = Clock::now();
    for (it->Seek(engine::EncodeU64(1)); it->Valid() && n < count_; it->Next()) {
      sum += static_cast<uint8_t>(it->value()[0]) + it->key().size();
      ++n;
    }
    CheckRocks(it->status(), "floor scan");
    FIJ_CHECK(n == count_) << n << " of " << count_;
    double s = Seconds(t0);
    if (sum == 1) std::fprintf(stderr, " ");  // keep the loop's reads observable
    return s;
  }

 private:
  std::string dir_;
  uint64_t count_;
  std::unique_ptr<rocksdb::DB> db_;
};

// Gives the pages the allocator kept from freed memory back to the system, so that the next
// replay in this process touches its memory for the first time, as a `fij replay` process does
// (on this VM a first touch costs 0.1-2.7 ms per MiB, BENCHMARKS.md "first touch").
void ReturnFreedPages() {
#ifdef FIJ_WITH_JEMALLOC
  mallctl("thread.tcache.flush", nullptr, nullptr, nullptr, 0);
  const std::string purge = "arena." + std::to_string(MALLCTL_ARENAS_ALL) + ".purge";
  if (mallctl(purge.c_str(), nullptr, nullptr, nullptr, 0) != 0) Die("mallctl " + purge);
#else
  malloc_trim(0);
#endif
}

int Replay(const Args& a) {
  std::string path = a.Str("store");
  std::string floor_dir = a.Str("floor-dir");
  const uint64_t rounds = a.U64("rounds", 1);
  if (rounds == 0 || rounds > 99) Die("replay: --rounds 1..99");
  engine::OpenOptions o;
  o.read_only = true;
  auto opened = engine::Store::Open(path, o);
  if (!opened) Die(opened.error().ToString());
  const engine::Store& store = **opened;
  // Warm the page cache (the first scan may read from disk).
  double mean_bytes = 0;
  uint64_t events = 0;
  auto t0 = Clock::now();
  StoredValues(store, 0, &mean_bytes, &events);
  double cold_scan_s = Seconds(t0);
  double rss_before = PeakRssMib();
  // Breakdown: scan + envelope decode, then + payload decode.
  t0 = Clock::now();
  uint64_t n = 0;
  Check(store.ReadForward(1, 0, [&](const engine::RecordedEvent&) { return ++n > 0; }), "scan");
  double scan_s = Seconds(t0);
  t0 = Clock::now();
  Check(store.ReadForward(1, 0,
                          [&](const engine::RecordedEvent& ev) {
                            auto e = ledger::DecodeEvent(ev);
                            FIJ_CHECK(e.has_value()) << e.error().ToString();
                            return true;
                          }),
        "decode");
  double decode_s = Seconds(t0);
  t0 = Clock::now();
  Replayed r = FullReplay(store, true);
  std::vector<double> replays{Seconds(t0)};
  double rss = PeakRssMib();
  FIJ_CHECK(r.events == events);
  // The floor, after the RSS reading (it holds its 64 Ki values while it is written). Then
  // `rounds` pairs of a floor scan and a replay, back to back: the ratio is the median of the
  // pairs' ratios, since this VM's speed drifts between minutes (and within one, by 15-40 %
  // in session 23, decision 85).
  std::vector<double> floors, ratios;
  double floor_warmup_s = 0;
  {
    std::vector<std::string> values = StoredValues(store, kFloorValuesKept, nullptr, nullptr);
    Floor floor(floor_dir, events, values);
    values = {};
    floor_warmup_s = floor.Scan();
    for (uint64_t round = 0; round < rounds; ++round) {
      if (round > 0) {
        ReturnFreedPages();
        t0 = Clock::now();
        Replayed again = FullReplay(store, true);
        replays.push_back(Seconds(t0));
        FIJ_CHECK(again.events == r.events && again.entries == r.entries);
      }
      floors.push_back(floor.Scan());
      ratios.push_back(floors.back() / replays.back());
      std::fprintf(stderr, "replay round %llu: fij %.3f s, floor %.3f s (%.1f %%)\n",
                   static_cast<unsigned long long>(round + 1), replays.back(), floors.back(),
                   100 * ratios.back());
    }
  }
  const double replay_s = Median(replays), floor_s = Median(floors);
  // The whole State's replay, last (its peak RSS is the process's from here on), and the same
  // projections from it.
  t0 = Clock::now();
  Replayed whole = FullReplay(store, false);
  double state_replay_s = Seconds(t0);
  double state_rss = PeakRssMib();
  FIJ_CHECK(whole.events == r.events && whole.entries == r.entries &&
            whole.partners == r.partners && whole.experiments == r.experiments &&
            whole.loans == r.loans)
      << "the projection-only replay disagrees with the State's";
  auto rate = [&](double s) { return s > 0 ? static_cast<double>(events) / s : 0.0; };
  std::printf(
      "{\"mode\":\"replay\",\"events\":%llu,\"value_bytes\":%.1f,"
      "\"replay_s\":%.3f,\"replay_events_per_s\":%.0f,"
      "\"scan_envelope_events_per_s\":%.0f,\"scan_decode_events_per_s\":%.0f,"
      "\"first_scan_events_per_s\":%.0f,"
      "\"floor_scan_s\":%.3f,\"floor_scan_events_per_s\":%.0f,"
      "\"floor_first_scan_events_per_s\":%.0f,\"ratio\":%.3f,"
      "\"peak_rss_mib\":%.1f,\"rss_before_replay_mib\":%.1f,"
      "\"journal_entries\":%llu,\"partners_in_tiers\":%zu,\"experiments\":%zu,"
      "\"loans\":%zu,\"state_replay_s\":%.3f,\"state_replay_events_per_s\":%.0f,"
      "\"state_peak_rss_mib\":%.1f,\"rounds\":%llu,\"replay_runs_s\":%s,"
      "\"floor_scan_runs_s\":%s,\"ratio_runs\":%s,\"ratio_of_best\":%.3f}\n",
      static_cast<unsigned long long>(events), mean_bytes, replay_s, rate(replay_s), rate(scan_s),
      rate(decode_s), rate(cold_scan_s), floor_s, rate(floor_s), rate(floor_warmup_s),
      Median(ratios), rss, rss_before, static_cast<unsigned long long>(r.entries), r.partners,
      r.experiments, r.loans, state_replay_s, rate(state_replay_s), state_rss,
      static_cast<unsigned long long>(rounds), JsonList(replays, "%.3f").c_str(),
      JsonList(floors, "%.3f").c_str(), JsonList(ratios, "%.3f").c_str(),
      *std::min_element(floors.begin(), floors.end()) /
          *std::min_element(replays.begin(), replays.end()));
  return 0;
}

// Heap bytes in use: jemalloc's stats.allocated when the programs link it (decision 34), else
// glibc's mallinfo2.
size_t HeapBytes() {
#ifdef FIJ_WITH_JEMALLOC
  uint64_t epoch = 1;
  size_t len = sizeof(epoch);
  mallctl("epoch", &epoch, &len, &epoch, len);  // refresh the statistics
  size_t allocated = 0;
  len = sizeof(allocated);
  if (mallctl("stats.allocated", &allocated, &len, nullptr, 0) != 0) Die("mallctl stats.allocated");
  return allocated;
#else
  return mallinfo2().uordblks;
#endif
}

// Where the State's memory goes: heap bytes in use freed by clearing each member of a State
// folded from the whole store (no checkpoint), largest first. `--projections-only 1`: the
// projection-only State (decision 45).
int StateSize(const Args& a) {
  engine::OpenOptions o;
  o.read_only = true;
  auto store = engine::Store::Open(a.Str("store"), o);
  if (!store) Die(store.error().ToString());
  size_t before = HeapBytes();
  projections::ReplayResult r;
  {
    projections::ReplayOptions ro;
    ro.projections_only = a.U64("projections-only", 0) != 0;
    auto replay = projections::Replay(**store, ro, [](const ledger::State&, const ledger::Event&,
                                                      const projections::EventContext&) {});
    if (!replay) Die(replay.error().ToString());
    r = std::move(*replay);
  }
  ledger::State& s = r.state;
  size_t total = HeapBytes() - before;
  std::vector<std::pair<std::string, size_t>> parts;
  auto measure = [&](const char* name, auto& member) {
    size_t at = HeapBytes();
    {
      std::decay_t<decltype(member)> empty;
      std::swap(empty, member);  // freed when `empty` goes, here
    }
    parts.emplace_back(name, at - HeapBytes());
  };
  size_t gifts = s.gifts.size() + s.pending_gifts.size(), receipts = s.receipts.size(),
         partners = s.projection_only ? s.partner_register.size() : s.partners.size();
  const size_t projects = s.projection_only ? s.project_register.size() : s.projects.size(),
               decisions =
                   s.projection_only ? s.decision_register.size() : s.decisions.size(),
               loans = s.projection_only ? s.loan_register.size() : s.loans.size(), pledges = s.pledges.size();
  measure("gifts", s.gifts);
  measure("pending_gifts", s.pending_gifts);  // projection-only (decision 79)
  measure("receipts", s.receipts);
  measure("receipt_order", s.receipt_order);
  measure("partner_register", s.partner_register);  // projection-only (decision 54)
  {
    size_t at = HeapBytes();  // the per-partner gift sums (decision 49), apart from the rest
    for (auto& [id, p] : s.partners) std::vector<ledger::PartnerYearSums>().swap(p.gift_sums);
    parts.emplace_back("partner_gift_sums", at - HeapBytes());
  }
  measure("partners", s.partners);
  measure("pledges", s.pledges);
  measure("projects", s.projects);
  measure("project_register", s.project_register);  // projection-only (decision 55)
  measure("sessions", s.sessions);
  measure("decisions", s.decisions);
  measure("decision_register", s.decision_register);  // projection-only (decision 56)
  measure("loans", s.loans);
  measure("loan_register", s.loan_register);  // projection-only (decision 57)
  measure("guarantees", s.guarantees);
  measure("subsidies", s.subsidies);
  measure("grant_disbursements", s.grant_disbursements);
  measure("expenses", s.expenses);
  measure("repayments", s.repayments);
  measure("repayment_log", s.repayment_log);
  measure("grant_log", s.grant_log);
  measure("gift_totals", s.gift_totals);
  measure("recycled_cents", s.recycled_cents);
  measure("tranche_cents", s.tranche_cents);
  measure("members", s.members);
  measure("calls", s.calls);
  std::sort(parts.begin(), parts.end(), [](auto& x, auto& y) { return x.second > y.second; });
  std::printf("{\"mode\":\"state-size\",\"events\":%llu,\"state_bytes\":%zu,"
              "\"bytes_per_event\":%.1f,\"gifts\":%zu,\"receipts\":%zu,\"partners\":%zu,"
              "\"projects\":%zu,\"decisions\":%zu,\"loans\":%zu,\"pledges\":%zu,"
              "\"members\":{",
              static_cast<unsigned long long>(r.events), total,
              r.events ? static_cast<double>(total) / r.events : 0.0, gifts, receipts, partners,
              projects, decisions, loans, pledges);
  for (size_t i = 0; i < parts.size(); ++i)
    std::printf("%s\"%s\":%zu", i ? "," : "", parts[i].first.c_str(), parts[i].second);
  std::printf("}}\n");
  return 0;
}

int OpenReport(const Args& a) {
  std::string path = a.Str("store");
  engine::OpenOptions o;
  o.read_only = true;
  // First report: the consolidated trial balance, as `fij report balance` answers it: from the
  // balance checkpoint when it is at the head (else from it and the State checkpoint plus the
  // later events), from a replay of every event when the store has no checkpoint.
  auto t0 = Clock::now();
  auto store = engine::Store::Open(path, o);
  if (!store) Die(store.error().ToString());
  double open_ms = Seconds(t0) * 1e3;
  uint64_t head = (*store)->head().position;
  std::string how;
  size_t accounts = 0;
  {
    auto bc = projections::ReadBalanceCheckpoint(**store);
    if (!bc) Die(bc.error().ToString());
    if (*bc && (**bc).position == head) {
      accounts = (**bc).balances.For("").accounts().size();
      how = "balance checkpoint at the head";
    } else if (*bc) {
      auto sc = ledger::ReadCheckpoint(**store);
      if (!sc || !*sc || (**sc).position != (**bc).position) Die("checkpoints out of step");
      projections::FundBalances b = (**bc).balances;
      auto r = projections::ReplayFrom(
          **store, std::move(**sc), {},
          [&](const ledger::State& st, const ledger::Event& e,
              const projections::EventContext& x) { b.Apply(st, e, x.position); });
      if (!r) Die(r.error().ToString());
      accounts = b.For("").accounts().size();
      how = "checkpoints + " + std::to_string(head - (**bc).position) + " later events";
    } else {
      projections::TrialBalance tb;
      auto r = projections::ReplayPostings(
          **store, {},
          [&](const ledger::PostingContext& c, const ledger::Event& e,
              const projections::EventContext& x) { tb.Apply(c, e, x.position); },
          tb.detail());
      if (!r) Die(r.error().ToString());
      accounts = tb.accounts().size();
      how = "posting replay of every event";
    }
  }
  double first_report_ms = Seconds(t0) * 1e3;
  double first_rss = PeakRssMib();
  store->reset();
  // Partner tiers, a report on the ledger State: it loads the State checkpoint when the store
  // has one and folds only the events after it.
  t0 = Clock::now();
  store = engine::Store::Open(path, o);
  if (!store) Die(store.error().ToString());
  auto r = projections::Replay(**store, projections::ReplayOptions{});
  if (!r) Die(r.error().ToString());
  auto tiers =
      projections::ComputeTiers(r->state, "", static_cast<int32_t>(ledger::Date::Today().year()));
  double tiers_ms = Seconds(t0) * 1e3;
  double tiers_rss = PeakRssMib();
  auto cp = ledger::ReadCheckpoint(**store);
  if (!cp) Die(cp.error().ToString());
  uint64_t checkpoint_at = *cp ? (**cp).position : 0;
  size_t checkpoint_bytes = *cp ? (**cp).bytes : 0;
  store->reset();
  // The trial balance from a replay of every event, whatever the checkpoints (as `fij report
  // balance --full`: the posting context, decision 37).
  t0 = Clock::now();
  store = engine::Store::Open(path, o);
  if (!store) Die(store.error().ToString());
  projections::TrialBalance tb;
  auto full = projections::ReplayPostings(
      **store, projections::ReplayOptions{},
      [&](const ledger::PostingContext& c, const ledger::Event& e,
          const projections::EventContext& x) { tb.Apply(c, e, x.position); },
      tb.detail());
  if (!full) Die(full.error().ToString());
  double balance_ms = Seconds(t0) * 1e3;
  if (tb.accounts().size() != accounts) Die("the trial balances disagree on the accounts");
  std::printf(
      "{\"mode\":\"open-report\",\"events\":%llu,\"open_ms\":%.1f,"
      "\"open_first_report_ms\":%.1f,\"first_report\":\"balance\",\"first_report_from\":\"%s\","
      "\"first_report_peak_rss_mib\":%.1f,\"open_tiers_ms\":%.1f,\"tiers_rows\":%zu,"
      "\"tiers_peak_rss_mib\":%.1f,\"checkpoint_position\":%llu,\"checkpoint_bytes\":%zu,"
      "\"open_balance_full_replay_ms\":%.1f,\"accounts\":%zu}\n",
      static_cast<unsigned long long>(full->events), open_ms, first_report_ms, how.c_str(),
      first_rss, tiers_ms, tiers.size(), tiers_rss, static_cast<unsigned long long>(checkpoint_at),
      checkpoint_bytes, balance_ms, tb.accounts().size());
  return 0;
}

// ---- first-touch ----

// Milliseconds to write one byte per 4 KiB page of `mib` MiB of fresh anonymous memory (`huge`:
// madvised for 2 MiB pages), and to write them again.
std::pair<double, double> TouchFresh(size_t mib, bool huge) {
  const size_t bytes = mib << 20;
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) Die("first-touch: mmap of " + std::to_string(mib) + " MiB failed");
  if (madvise(p, bytes, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE) != 0)
    std::fprintf(stderr, "first-touch: madvise failed (%s)\n", std::strerror(errno));
  auto* bytes_at = static_cast<volatile char*>(p);
  auto t0 = Clock::now();
  for (size_t i = 0; i < bytes; i += 4096) bytes_at[i] = 1;
  double first_ms = Seconds(t0) * 1e3;
  t0 = Clock::now();
  for (size_t i = 0; i < bytes; i += 4096) bytes_at[i] = 2;
  double again_ms = Seconds(t0) * 1e3;
  munmap(p, bytes);
  return {first_ms, again_ms};
}

int FirstTouch(const Args& a) {
  uint64_t mib = a.U64("mib", 256);
  if (mib == 0 || mib > 4096) Die("first-touch: --mib 1..4096");
  auto [huge_ms, huge_again_ms] = TouchFresh(mib, true);
  auto [small_ms, small_again_ms] = TouchFresh(mib, false);
  const double m = static_cast<double>(mib);
  std::printf(
      "{\"mode\":\"first-touch\",\"mib\":%llu,\"huge_pages_ms_per_mib\":%.3f,"
      "\"small_pages_ms_per_mib\":%.3f,\"touched_again_ms_per_mib\":%.3f}\n",
      static_cast<unsigned long long>(mib), huge_ms / m, small_ms / m,
      std::max(huge_again_ms, small_again_ms) / m);
  return 0;
}

}  // namespace
}  // namespace fij::bench

int main(int argc, char** argv) {
  using namespace fij::bench;
  std::string mode = argc > 1 ? argv[1] : "";
  Args a = Parse(argc, argv);
  if (mode == "append") return Append(a);
  if (mode == "latency") return Latency(a);
  if (mode == "replay") return Replay(a);
  if (mode == "open-report") return OpenReport(a);
  if (mode == "state-size") return StateSize(a);
  if (mode == "first-touch") return FirstTouch(a);
  std::fprintf(stderr,
               "usage: fij_bench append --dir D --batch B --events N [--repeat R]\n"
               "       fij_bench latency --dir D --count K\n"
               "       fij_bench replay --store S --floor-dir D [--rounds R]\n"
               "       fij_bench open-report --store S\n"
               "       fij_bench state-size --store S [--projections-only 1]\n"
               "       fij_bench first-touch [--mib M]\n");
  return 2;
}
