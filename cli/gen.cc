// `fij gen`: a deterministic synthetic history with the bundled history's shape (partners,
// pledges, gifts, receipts, committee rounds with sessions, attendance, votes and decisions,
// grant tranches, budgets, expenses, loans and their repayments, subsidies), written straight
// into a new store for benchmarks (docs/BENCHMARKS.md).
//
// Every command goes through the domain's own Spec and Decide against a working State, so the
// events, stream ids, idempotency keys and request hashes are exactly those `fij` would write,
// and the result passes `fij verify`. Two things keep it fast and its memory bounded at any size:
//   - the working State is pruned as soon as an entity can no longer be referred to (a gift once
//     receipted, a session once decided, a loan once repaid...), so Decide never scans history;
//   - appends are queued and written with Store::AppendAll in large batches (one sync each).
// The same --events/--funds/--seed give the same commands and payloads; recordedAtUs (and so
// the hashes) are wall-clock times, as in any store.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <queue>
#include <random>
#include <unordered_map>

#include "cli/common.h"
#include "ledger/codec.h"
#include "ledger/date.h"

namespace fij::cli {
namespace {

using namespace fij::ledger;

constexpr uint32_t kVotingMembersPerFund = 7;
constexpr uint32_t kFundsMax = 99;
constexpr uint64_t kGenEventsMax = 1'000'000'000;
constexpr size_t kPartnerPoolMax = 20'000;
constexpr uint64_t kProgressEventsMin = 200'000;  // smaller runs print no progress
constexpr int kFirstYear = 2023;
constexpr int kLastYear = 2900;  // dates stay far below Date's 2999 limit
// Shape of the history: the share of events each activity is paced to, and about how many
// events one gift (record, maybe receive, receipt, a share of its partner) and one committee
// round (projects ... decisions, tranches, budgets, a loan's repayments) write.
constexpr double kGiftShare = 0.6;
constexpr double kEventsPerGift = 2.3;
constexpr double kEventsPerRound = 180.0;
static_assert(kGiftShare > 0 && kGiftShare < 1);

struct GenOptions {
  uint64_t events = 100'000;
  uint32_t funds = 1;
  uint64_t seed = 1;
  size_t batch_events = 10'000;
};

const char* const kFirstNames[] = {"Camille", "Louis", "Léa",  "Hugo", "Chloé", "Jules",
                                   "Manon",   "Lucas", "Inès", "Paul", "Zoé",   "Arthur"};
const char* const kLastNames[] = {"Girod",  "Vuillermoz", "Bourgeois", "Cretin", "Jeunet", "Midol",
                                  "Grappe", "Lamy",       "Perrad",    "Bailly", "Monnier"};
const char* const kCompanyWords[] = {"Fromagerie", "Scierie",   "Lunetterie", "Horlogerie",
                                     "Salaisons",  "Tournerie", "Imprimerie", "Transports"};
const char* const kTowns[] = {"39000 Lons-le-Saunier", "39100 Dole",  "39200 Saint-Claude",
                              "39300 Champagnole",     "39400 Morez", "25500 Morteau",
                              "39800 Poligny",         "39600 Arbois"};
const char* const kStreets[] = {"rue du Jura",       "avenue de la République",
                                "rue des Salines",   "place de la Liberté",
                                "chemin des Combes", "rue du Commerce"};
const char* const kLegalForms[] = {"SAS", "SARL", "SA", "SCOP SA", "SCIC SAS"};
const char* const kCarrierForms[] = {"SCOP", "SCIC", "association", "SAS coopérative"};
const char* const kPillars[] = {"portage-collectif", "ancrage-territorial", "resilience",
                                "modele-hybride"};

template <size_t N>
const char* Pick(std::mt19937_64& rng, const char* const (&items)[N]) {
  return items[rng() % N];
}

class Generator {
 public:
  Generator(engine::Store& store, const GenOptions& options)
      : store_(store), options_(options), rng_(options.seed) {
    FIJ_CHECK(options.funds >= 1 && options.funds <= kFundsMax) << options.funds << " funds";
    // Pace the history over 1 to 10 years: about 40 events a day, more for big histories.
    int64_t span_days = std::clamp<int64_t>(static_cast<int64_t>(options.events / 40), 365, 3650);
    double per_day = static_cast<double>(options.events) / static_cast<double>(span_days);
    gifts_per_day_ = kGiftShare * per_day / kEventsPerGift;
    rounds_per_day_ = (1 - kGiftShare) * per_day / kEventsPerRound;
    pool_target_ =
        std::clamp<size_t>(static_cast<size_t>(gifts_per_day_ * 30), 20, kPartnerPoolMax);
    today_ = Date::FromParts(kFirstYear, 1, 2).DaysSinceEpoch();
  }

  Status Run() {
    started_ = std::chrono::steady_clock::now();
    Setup();
    double gift_credit = 0, round_credit = 0.5;
    while (!done_) {
      Date d = Date::FromDaysSinceEpoch(today_);
      if (d.year() > kLastYear) break;
      if (d.month() == 12 && d.day() == 1 && (d.year() + 1 - kFirstYear) % 5 == 0)
        for (uint32_t f = 0; f < options_.funds; ++f) RenewAgrement(f, d.year() + 1);
      if (d.month() == 1 && d.day() == 15)
        for (uint32_t f = 0; f < options_.funds; ++f) Subsidy(f, d.year());
      RunDueTasks();
      for (gift_credit += gifts_per_day_; gift_credit >= 1 && !done_; gift_credit -= 1) NewGift();
      for (round_credit += rounds_per_day_; round_credit >= 1 && !done_; round_credit -= 1)
        StartRound();
      ++today_;
    }
    if (failure_.ok() && !pending_.empty()) failure_ = Flush();
    if (options_.events >= kProgressEventsMin) std::fprintf(stderr, "\n");
    return failure_;
  }

  uint64_t events() const { return emitted_; }
  uint64_t commands() const { return commands_; }
  uint32_t last_date() const { return Ymd(today_); }

 private:
  struct Partner {
    std::string id;
    bool company = false;
    std::string pledge_id;
    std::string pledge_fund;
    uint32_t gifts_left = 0;  // gifts it will still give; 0: out of the pool
    uint32_t open_gifts = 0;  // recorded gifts not yet receipted (or received, for sponsorship)
  };
  struct Task {
    int64_t day;
    uint64_t order;
    std::function<void()> run;
    bool operator>(const Task& o) const { return day != o.day ? day > o.day : order > o.order; }
  };

  uint64_t Rand(uint64_t n) { return rng_() % n; }
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Rand(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool Chance(uint32_t percent) { return Rand(100) < percent; }
  static uint32_t Ymd(int64_t day) { return Date::FromDaysSinceEpoch(day).ymd(); }
  static int64_t DayOf(uint32_t ymd) { return Date::FromYmd(ymd)->DaysSinceEpoch(); }
  std::string FundId(uint32_t f) const {
    return f == 0 ? kDefaultFundId : "fij" + std::to_string(f + 1);
  }

  void At(int64_t day, std::function<void()> run) {
    tasks_.push(Task{std::max(day, today_), next_order_++, std::move(run)});
  }
  void RunDueTasks() {
    while (!done_ && !tasks_.empty() && tasks_.top().day <= today_) {
      auto run = tasks_.top().run;
      tasks_.pop();
      run();
    }
  }

  // Decides `c` against the working state, queues its append and applies its events. False
  // (and nothing decided from then on) once --events would be exceeded or a write failed.
  bool Do(const Command& c) {
    if (done_) return false;
    CommandSpec spec = SpecCommand(state_, c);
    Decision d = DecideCommand(state_, c);
    FIJ_CHECK(d.has_value()) << "fij gen made an invalid " << CommandName(c) << ": "
                             << d.error().message;
    if (emitted_ + d->size() > options_.events) {
      done_ = true;
      return false;
    }
    engine::AppendRequest r;
    r.stream_id = std::move(spec.stream_id);
    r.expected_version = spec.expected_version;
    r.actor = "coordinator";
    r.idempotency_key = std::move(spec.idempotency_key);
    r.request_hash = RequestHash(c, spec.body);
    for (const Event& e : *d) {
      r.events.push_back(ToNewEvent(e));
      ApplyEvent(state_, e);
    }
    emitted_ += d->size();
    pending_events_ += d->size();
    ++commands_;
    pending_.push_back(std::move(r));
    if (pending_events_ >= options_.batch_events) {
      Status s = Flush();
      if (!s.ok()) {
        failure_ = s;
        done_ = true;
      }
    }
    if (emitted_ >= options_.events) done_ = true;
    return true;
  }

  Status Flush() {
    auto written = store_.AppendAll(std::move(pending_));
    pending_.clear();
    pending_events_ = 0;
    if (!written) return written.error();
    // Logs and id sets that only reports and duplicate checks read: ids here are unique by
    // construction, so the working state need not keep them.
    state_.repayment_log.clear();
    state_.grant_log.clear();
    state_.gift_totals.clear();
    state_.recycled_cents.clear();
    state_.tranche_cents.clear();
    state_.repayments.clear();
    state_.grant_disbursements.clear();
    state_.expenses.clear();
    state_.subsidies.clear();
    double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    if (options_.events >= kProgressEventsMin)
      std::fprintf(stderr, "\rgen: %llu / %llu events (%3.0f%%), %.0f events/s, up to %s",
                   static_cast<unsigned long long>(emitted_),
                   static_cast<unsigned long long>(options_.events),
                   100.0 * static_cast<double>(emitted_) / static_cast<double>(options_.events),
                   secs > 0 ? static_cast<double>(emitted_) / secs : 0.0,
                   YmdToIso(Ymd(today_)).c_str());
    return Status::Ok();
  }

  std::string Siren() {
    // Eight random digits and the Luhn key (ValidSiren doubles the odd positions).
    std::string s;
    int sum = 0;
    for (int i = 0; i < 8; ++i) {
      int d = static_cast<int>(Rand(10));
      s.push_back(static_cast<char>('0' + d));
      int v = i % 2 == 1 ? d * 2 : d;
      sum += v > 9 ? v - 9 : v;
    }
    s.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
    return s;
  }
  std::string Address() {
    return std::to_string(Between(1, 120)) + " " + Pick(rng_, kStreets) + ", " + Pick(rng_, kTowns);
  }

  void Setup() {
    for (uint32_t f = 0; f < options_.funds; ++f) {
      InitFund c;
      c.fund_id = FundId(f);
      c.name = f == 0 ? "Fonds d'Impulsion Jurassien" : "Fonds d'Impulsion Jurassien " + c.fund_id;
      c.siren = Siren();
      c.address = "Clus'Ter Jura, 39000 Lons-le-Saunier";
      c.object = "Aides financières et accompagnement de projets coopératifs (art. 238 bis 4 CGI)";
      c.signer_name = "Présidence du FIJ";
      c.signer_capacity = "président";
      c.agrement_ref = "AG-238BIS4-" + c.fund_id + "-" + std::to_string(kFirstYear);
      c.agrement_from = static_cast<uint32_t>(kFirstYear) * 10000 + 101;
      c.agrement_to = static_cast<uint32_t>(kFirstYear + 4) * 10000 + 1231;
      c.date = Ymd(today_);
      c.initial_coordinator = f == 0 ? "coordinator" : "";
      Do(c);
      for (uint32_t i = 0; i < kVotingMembersPerFund + 1; ++i) {
        AddMember m;
        bool secretary = i == kVotingMembersPerFund;
        m.member_id = (secretary ? "sec-" : "m" + std::to_string(i + 1) + "-") + c.fund_id;
        m.fund_id = c.fund_id;
        m.name = std::string(Pick(rng_, kFirstNames)) + " " + Pick(rng_, kLastNames);
        m.role = secretary ? MemberRole::kSecretary : MemberRole::kVoting;
        m.date = c.date;
        Do(m);
      }
    }
  }

  void RenewAgrement(uint32_t f, int year) {
    AddAgrement a;
    a.fund_id = FundId(f);
    a.reference = "AG-238BIS4-" + a.fund_id + "-" + std::to_string(year);
    a.valid_from = static_cast<uint32_t>(year) * 10000 + 101;
    a.valid_to = static_cast<uint32_t>(year + 4) * 10000 + 1231;
    a.date = Ymd(today_);
    Do(a);
  }

  void Subsidy(uint32_t f, int year) {
    RecordSubsidy s;
    s.subsidy_id = "sub-" + FundId(f) + "-" + std::to_string(year);
    s.funder = Chance(50) ? "Région Bourgogne-Franche-Comté" : "Département du Jura";
    s.funder_kind = FunderKind::kPublic;
    s.fund_id = FundId(f);
    s.amount_cents = Between(20, 80) * 100'000;
    s.year = year;
    s.date = Ymd(today_);
    Do(s);
  }

  // ---- Partners and gifts ----

  bool NewPartner() {
    uint64_t n = ++partner_seq_;
    Partner p;
    p.company = Chance(35);
    p.id = (p.company ? "co" : "in") + std::to_string(n);
    RegisterPartner r;
    r.partner_id = p.id;
    r.kind = p.company ? PartnerKind::kCompany : PartnerKind::kIndividual;
    if (p.company) {
      r.name = std::string(Pick(rng_, kCompanyWords)) + " " + Pick(rng_, kLastNames) + " " +
               std::to_string(n);
      r.siren = Siren();
      r.legal_form = Pick(rng_, kLegalForms);
    } else {
      r.name = std::string(Pick(rng_, kFirstNames)) + " " + Pick(rng_, kLastNames);
    }
    r.address = Address();
    r.date = Ymd(today_);
    if (!Do(r)) return false;
    p.gifts_left = static_cast<uint32_t>(p.company ? Between(1, 12) : Between(1, 6));
    if (p.company && Chance(30)) {
      MakePledge m;
      m.pledge_id = "pl" + std::to_string(n);
      m.partner_id = p.id;
      m.fund_id = FundId(static_cast<uint32_t>(Rand(options_.funds)));
      m.amount_per_year_cents = Between(2, 40) * 50'000;
      m.years = static_cast<uint32_t>(Between(1, 3));
      m.from_year = Date::FromDaysSinceEpoch(today_).year();
      m.renewable = Chance(50);
      m.date = Ymd(today_);
      if (!Do(m)) return false;
      p.pledge_id = m.pledge_id;
      p.pledge_fund = m.fund_id;
    }
    pool_.push_back(p.id);
    partners_.emplace(p.id, std::move(p));
    return true;
  }

  void NewGift() {
    while (pool_.size() < pool_target_)
      if (!NewPartner()) return;
    size_t slot = Rand(pool_.size());
    Partner& p = partners_.at(pool_[slot]);
    RecordGift g;
    g.gift_id = "g" + std::to_string(++gift_seq_);
    g.partner_id = p.id;
    g.fund_id = FundId(static_cast<uint32_t>(Rand(options_.funds)));
    if (!p.pledge_id.empty() && Chance(70)) {
      g.fund_id = p.pledge_fund;
      g.pledge_id = p.pledge_id;
    }
    g.date = Ymd(today_);
    g.pending = Chance(20);
    if (p.company) {
      g.amount_cents = Between(10, 1000) * 5'000;
      uint64_t m = Rand(100);
      g.method = m < 80   ? PaymentMethod::kTransfer
                 : m < 95 ? PaymentMethod::kCheque
                          : PaymentMethod::kDebit;
      uint64_t n = Rand(100);
      if (n >= 97) {
        g.nature = GiftNature::kSkills;
        g.description = "Mise à disposition d'un ingénieur";
      } else if (n >= 90) {
        g.nature = GiftNature::kInKind;
        g.description = "Matériel informatique reconditionné";
      }
      if (g.nature != GiftNature::kCash) g.valuation_ref = "VAL-" + g.gift_id;
      if (g.nature == GiftNature::kCash && g.pledge_id.empty() && Chance(8))
        g.kind = GiftKind::kSponsorship;
      if (g.kind == GiftKind::kPatronage && Chance(30)) {
        g.counterparts_cents = g.amount_cents * Between(5, 20) / 100;
        g.counterparts_description = "Logo sur le site et invitation à la soirée des partenaires";
      }
    } else {
      g.amount_cents = Between(2, 150) * 1'000;
      uint64_t m = Rand(100);
      g.method = m < 45   ? PaymentMethod::kTransfer
                 : m < 75 ? PaymentMethod::kCheque
                 : m < 95 ? PaymentMethod::kCard
                          : PaymentMethod::kCash;
    }
    if (!Do(g)) return;
    ++p.open_gifts;
    if (--p.gifts_left == 0) {
      pool_[slot] = pool_.back();
      pool_.pop_back();
    }
    std::string fund = state_.gifts.at(g.gift_id).gift.fund_id;
    bool patronage = g.kind == GiftKind::kPatronage;
    if (!g.pending) {
      Received(g.gift_id, p.id, fund, patronage);
      return;
    }
    At(today_ + Between(2, 30), [this, id = g.gift_id, partner = p.id, fund, patronage] {
      if (!Do(ReceiveGift{id, Ymd(today_)})) return;
      Received(id, partner, fund, patronage);
    });
  }

  void Received(const std::string& gift, const std::string& partner, const std::string& fund,
                bool patronage) {
    if (!patronage) {
      CloseGift(gift, partner);
      return;
    }
    At(today_ + Between(1, 20), [this, gift, partner, fund] {
      IssueReceipt r;
      r.fund_id = fund;
      r.gift_id = gift;
      r.date = Ymd(today_);
      if (!Do(r)) return;
      // Only cancelled receipts matter to later decisions (CancelledCount) and none is.
      state_.receipts.clear();
      state_.receipt_order.clear();
      CloseGift(gift, partner);
    });
  }

  // The gift is settled: nothing refers to it again.
  void CloseGift(const std::string& gift, const std::string& partner_id) {
    auto g = state_.gifts.find(gift);
    FIJ_CHECK(g != state_.gifts.end()) << gift;
    auto drop = [&](std::vector<std::string>& ids) {
      ids.erase(std::remove(ids.begin(), ids.end(), gift), ids.end());
    };
    drop(state_.partners.at(partner_id).gift_ids);
    if (!g->second.gift.pledge_id.empty())
      drop(state_.pledges.at(g->second.gift.pledge_id).gift_ids);
    state_.gifts.erase(g);
    Partner& p = partners_.at(partner_id);
    FIJ_CHECK(p.open_gifts > 0) << partner_id;
    if (--p.open_gifts == 0 && p.gifts_left == 0) {
      if (!p.pledge_id.empty()) state_.pledges.erase(p.pledge_id);
      state_.partners.erase(partner_id);
      partners_.erase(partner_id);
    }
  }

  // ---- Committee rounds ----

  struct Project {
    std::string id, decision;
    bool approve = false;
    int64_t grant_cents = 0, loan_cents = 0;
  };
  struct Round {
    uint64_t n = 0;
    std::string fund, call, session;
    std::vector<Project> projects;
  };

  void StartRound() {
    auto round = std::make_shared<Round>();
    round->n = ++round_seq_;
    std::string r = std::to_string(round->n);
    round->fund = FundId(static_cast<uint32_t>(round->n % options_.funds));
    round->call = "call" + r;
    round->session = "s" + r;
    int64_t k = Between(4, 8);
    for (int64_t j = 1; j <= k; ++j) {
      Project p;
      p.id = "pr" + r + "-" + std::to_string(j);
      p.decision = "d" + r + "-" + std::to_string(j);
      p.approve = Chance(80);
      if (p.approve) {
        p.grant_cents = Between(10, 60) * 50'000;
        if (Chance(40)) p.loan_cents = Between(10, 50) * 100'000;
      }
      AddProject a;
      a.project_id = p.id;
      a.name = "Projet coopératif " + r + "-" + std::to_string(j);
      a.carrier =
          "Coopérative " + std::string(Pick(rng_, kLastNames)) + " " + r + "-" + std::to_string(j);
      a.carrier_form = Pick(rng_, kCarrierForms);
      a.territory = Pick(rng_, kTowns);
      a.description = "Expérimentation d'un modèle coopératif sur le territoire";
      a.date = Ymd(today_);
      if (!Do(a)) return;
      round->projects.push_back(std::move(p));
    }
    OpenCall call;
    call.call_id = round->call;
    call.fund_id = round->fund;
    call.opens_on = Ymd(today_);
    call.closes_on = Ymd(today_ + 28);
    call.date = Ymd(today_);
    if (!Do(call)) return;
    for (const Project& p : round->projects)
      At(today_ + Between(1, 20), [this, call = round->call, id = p.id] {
        Do(SubmitApplication{call, id, Ymd(today_)});
      });
    At(today_ + 25, [this, round] {
      for (const Project& p : round->projects) {
        if (!Do(ChangeApplicationStatus{p.id, round->fund, ApplicationStatus::kUnderReview, "",
                                        Ymd(today_)}))
          return;
        for (int a = 1; a <= 2; ++a)
          if (!Do(ScoreProject{p.id, "assessor" + std::to_string(a) + "-" + round->fund,
                               Pick(rng_, kPillars), Between(50, 200), Ymd(today_)}))
            return;
      }
    });
    At(today_ + 30, [this, round] { Session(round); });
  }

  void Session(const std::shared_ptr<Round>& round) {
    uint32_t date = Ymd(today_);
    if (!Do(CloseCall{round->call, date})) return;
    std::vector<std::string> agenda;
    for (const Project& p : round->projects) agenda.push_back(p.id);
    if (!Do(OpenSession{round->session, round->fund, agenda, date})) return;
    // Quorum: more than half of the 7 voting members; the secretary attends too.
    std::vector<std::string> present;
    for (uint32_t i = 1; i <= kVotingMembersPerFund; ++i)
      present.push_back("m" + std::to_string(i) + "-" + round->fund);
    std::shuffle(present.begin(), present.end(), rng_);
    present.resize(static_cast<size_t>(Between(5, kVotingMembersPerFund)));
    for (const auto& m : present)
      if (!Do(Attend{round->session, m})) return;
    if (!Do(Attend{round->session, "sec-" + round->fund})) return;
    for (const Project& p : round->projects) {
      // A clear majority either way; one dissenting or abstaining voice now and then.
      for (size_t v = 0; v < present.size(); ++v) {
        Choice c = p.approve ? Choice::kFor : Choice::kAgainst;
        if (v == 0 && Chance(30))
          c = Chance(50) ? Choice::kAbstain : (p.approve ? Choice::kAgainst : Choice::kFor);
        if (!Do(CastVote{round->session, p.id, present[v], c})) return;
      }
      RecordDecision d;
      d.decision_id = p.decision;
      d.session_id = round->session;
      d.project_id = p.id;
      d.reject = !p.approve;
      d.grant_cents = p.grant_cents;
      d.loan_cents = p.loan_cents;
      if (p.loan_cents > 0) {
        d.loan_term_months = static_cast<uint32_t>(Between(24, 60));
        d.loan_deferral_months = static_cast<uint32_t>(Between(0, 6));
        d.loan_rate_bp = Between(0, 4) * 50;
      }
      d.conditions = p.approve ? "Rapport d'étape à six mois" : "";
      if (!Do(d)) return;
    }
    if (!Do(CloseSession{round->session, date})) return;
    state_.sessions.erase(round->session);
    state_.calls.erase(round->call);
    for (const Project& p : round->projects) {
      if (!p.approve) {
        ForgetProject(p);
        continue;
      }
      At(today_ + 15, [this, p] {
        Do(DisburseGrant{"gd" + p.decision + "-1", p.decision, p.grant_cents * 60 / 100,
                         Ymd(today_)});
      });
      if (p.loan_cents > 0) At(today_ + 20, [this, p] { Loan(p); });
      At(today_ + 30, [this, p] {
        if (!Do(SetBudget{p.id, CostCategory::kSalary, p.grant_cents / 2, Ymd(today_)})) return;
        Do(SetBudget{p.id, CostCategory::kMaterial, p.grant_cents / 4, Ymd(today_)});
      });
      At(today_ + 90, [this, p] {
        Do(RecordExpense{"ex" + p.decision, p.id, CostCategory::kSalary,
                         p.grant_cents / 2 * Between(50, 100) / 100,
                         "Salaire du porteur de l'expérimentation", Ymd(today_)});
      });
      At(today_ + 180, [this, p] {
        if (!Do(DisburseGrant{"gd" + p.decision + "-2", p.decision,
                              p.grant_cents - p.grant_cents * 60 / 100, Ymd(today_)}))
          return;
        ForgetProject(p);
      });
    }
  }

  // Nothing refers to the project or its decision again (its loan lives on by itself).
  void ForgetProject(const Project& p) {
    state_.decisions.erase(p.decision);
    state_.projects.erase(p.id);
  }

  void Loan(const Project& p) {
    std::string loan = "loan" + p.decision;
    if (!Do(DisburseLoan{loan, p.decision, Ymd(today_)})) return;
    Repay(loan, 0);
  }

  // Schedules the repayment of line `k` on its due date, then the next one.
  void Repay(const std::string& loan, size_t k) {
    const auto& schedule = state_.loans.at(loan).schedule;
    if (k >= schedule.size()) {
      state_.loans.erase(loan);
      return;
    }
    At(DayOf(schedule[k].due), [this, loan, k] {
      const ScheduleLine& line = state_.loans.at(loan).schedule[k];
      if (!Do(RepayLoan{"rp" + loan + "-" + std::to_string(k + 1), loan, line.due_cents(),
                        line.due}))
        return;
      Repay(loan, k + 1);
    });
  }

  engine::Store& store_;
  GenOptions options_;
  std::mt19937_64 rng_;
  State state_;  // pruned: only what later commands can still refer to
  std::vector<engine::AppendRequest> pending_;
  size_t pending_events_ = 0;
  uint64_t emitted_ = 0, commands_ = 0;
  bool done_ = false;
  Status failure_;
  std::chrono::steady_clock::time_point started_;

  int64_t today_ = 0;  // days since the epoch
  double gifts_per_day_ = 0, rounds_per_day_ = 0;
  size_t pool_target_ = 0;
  std::priority_queue<Task, std::vector<Task>, std::greater<Task>> tasks_;
  uint64_t next_order_ = 0;
  std::unordered_map<std::string, Partner> partners_;
  std::vector<std::string> pool_;  // partners that will give again
  uint64_t partner_seq_ = 0, gift_seq_ = 0, round_seq_ = 0;
};

}  // namespace

void RegisterGen(CLI::App& app) {
  auto o = std::make_shared<GenOptions>();
  auto* gen = app.add_subcommand(
      "gen", "Write a deterministic synthetic history into a new store (benchmarks)");
  gen->add_option("--events", o->events, "Number of events (default 100000)")
      ->check(CLI::Range(uint64_t{1}, kGenEventsMax));
  gen->add_option("--funds", o->funds, "Number of funds (default 1)")
      ->check(CLI::Range(1u, kFundsMax));
  gen->add_option("--seed", o->seed, "Seed of the pseudo-random choices (default 1)");
  gen->add_option("--batch", o->batch_events,
                  "Events per AppendAll (one WriteBatch, one sync; default 10000)")
      ->check(CLI::Range(size_t{1}, engine::kBatchEventsMax / 2));
  gen->callback([o] {
    engine::OpenOptions so;
    so.create_if_missing = true;
    auto store = engine::Store::Open(G().store_dir, so);
    if (!store) FailStatus(store.error());
    if ((*store)->head().position != 0)
      Fail(kExitUsage, "fij gen: the store at " + G().store_dir +
                           " already has events; give a new --store DIR");
    auto t0 = std::chrono::steady_clock::now();
    Generator g(**store, *o);
    Status s = g.Run();
    if (!s.ok()) FailStatus(s);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf(
        "gen: %llu events (%llu commands, %u fund%s, seed %llu) in %.2f s (%.0f events/s) "
        "into %s; business dates up to %s; head %s\n",
        static_cast<unsigned long long>(g.events()), static_cast<unsigned long long>(g.commands()),
        o->funds, o->funds > 1 ? "s" : "", static_cast<unsigned long long>(o->seed), secs,
        secs > 0 ? static_cast<double>(g.events()) / secs : 0.0, G().store_dir.c_str(),
        YmdToIso(g.last_date()).c_str(),
        engine::HashHex((*store)->head().hash).substr(0, 16).c_str());
  });
}

}  // namespace fij::cli
