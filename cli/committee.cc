// The engagement committee's commands and the money its decisions move.
#include <iostream>

#include "cli/common.h"
#include "ledger/date.h"

namespace fij::cli {
namespace {

using namespace fij::ledger;
using Opts = std::shared_ptr<std::map<std::string, std::string>>;

void Print(const std::string& line) { std::cout << line << "\n"; }

// Executes `c` on a writer and prints "<what> <where>".
void Do(const Command& c, const std::string& what) {
  auto l = OpenWriter();
  auto out = Run(*l, c);
  Print(what + " " + Where(out));
}

uint32_t DateArg(const Opts& o, const std::string& key, const std::string& option) {
  const std::string& v = (*o)[key];
  return v.empty() ? Date::Today().ymd() : ParseDateArg(option, v);
}

int64_t AmountOpt(const Opts& o, const std::string& key, const std::string& option) {
  const std::string& v = (*o)[key];
  return v.empty() ? 0 : ParseAmountArg(option, v);
}

uint32_t UintArg(const std::string& option, const std::string& v) {
  if (v.empty()) return 0;
  for (char ch : v)
    if (ch < '0' || ch > '9') Fail(kExitUsage, "fij: " + option + " '" + v + "' is a whole number");
  if (v.size() > 6) Fail(kExitUsage, "fij: " + option + " '" + v + "' is too large");
  return static_cast<uint32_t>(std::stoul(v));
}

// "1.5" or "1,5" percent -> basis points (150), exactly; "0" allowed.
int64_t PercentToBp(const std::string& option, const std::string& v) {
  auto m = ParseMoney(v, /*allow_zero=*/true);  // same grammar: up to two decimals
  if (!m) Fail(kExitUsage, "fij: " + option + " '" + v + "': " + m.error().message);
  return m->cents();
}


CostCategory Category(const std::string& v) {
  return ParseChoice<CostCategory>("--category", v,
                              {{"salary", CostCategory::kSalary},
                               {"material", CostCategory::kMaterial},
                               {"support", CostCategory::kSupport},
                               {"fund", CostCategory::kFund}});
}

CLI::App* Sub(CLI::App* parent, const std::string& name, const std::string& help) {
  return parent->add_subcommand(name, help);
}

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    std::string item = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

void RegisterFunds(CLI::App& app, const Opts& o, const std::shared_ptr<bool>& json) {
  auto* fund = app.add_subcommand("fund", "Funds in this store (the FIJ, Fonds de confiance, ...)");
  fund->require_subcommand(1);
  auto excluded = std::make_shared<std::vector<std::string>>();
  auto* add = Sub(fund, "add", "Add a fund with its own committee");
  add->add_option("ID", (*o)["fund_id"])->required();
  add->add_option("--name", (*o)["fund_name"])->required();
  add->add_option("--exclude-carrier-form", *excluded,
                  "A carrier form this fund may not finance (repeatable)");
  add->add_option("--date", (*o)["fund_date"]);
  add->callback([o, excluded] {
    Do(AddFund{(*o)["fund_id"], (*o)["fund_name"], *excluded, DateArg(o, "fund_date", "--date")},
       "fund " + (*o)["fund_id"] + " added");
  });
  auto* list = Sub(fund, "list", "List funds");
  list->add_flag("--json", *json);
  list->callback([json] {
    auto l = OpenReader();
    Json j;
    j.OpenArray();
    for (const auto& [id, f] : l->state().funds) {
      size_t voting = l->state().VotingMembers(id).size();
      if (*json) {
        j.Open().Str("id", id).Str("name", f.identity.name).Bool("receipting", f.receipting);
        j.Int("voting_members", static_cast<int64_t>(voting)).Int("quorum_bp", f.quorum_bp);
        j.Int("majority_bp", f.majority_bp).OpenArray("excluded_carrier_forms");
        for (const auto& x : f.excluded_carrier_forms) j.Raw("", Json::Quote(x));
        j.CloseArray().Close();
      } else {
        std::printf("%-10s %-40s %-10s %zu voting members%s\n", id.c_str(),
                    f.identity.name.c_str(), f.receipting ? "receipts" : "", voting,
                    f.excluded_carrier_forms.empty()
                        ? ""
                        : ("; excludes: " + f.excluded_carrier_forms.front()).c_str());
      }
    }
    j.CloseArray();
    if (*json) Print(j.str());
  });
}

void RegisterProjects(CLI::App& app, const Opts& o, const std::shared_ptr<bool>& json) {
  auto* project = app.add_subcommand("project", "Projects and their carriers");
  project->require_subcommand(1);
  auto* add = Sub(project, "add", "Add a project");
  add->add_option("ID", (*o)["p_id"])->required();
  add->add_option("--name", (*o)["p_name"])->required();
  add->add_option("--carrier", (*o)["p_carrier"], "Who carries it (person or organisation)")
      ->required();
  add->add_option("--carrier-form", (*o)["p_form"], "Legal form, e.g. \"local branch of a "
                                                    "national organisation\"");
  add->add_option("--territory", (*o)["p_territory"]);
  add->add_option("--description", (*o)["p_desc"]);
  add->add_option("--date", (*o)["p_date"]);
  add->callback([o] {
    auto& m = *o;
    Do(AddProject{m["p_id"], m["p_name"], m["p_carrier"], m["p_form"], m["p_territory"],
                  m["p_desc"], DateArg(o, "p_date", "--date")},
       "project " + m["p_id"] + " added");
  });
  auto* list = Sub(project, "list", "List projects with their status per fund");
  list->add_flag("--json", *json);
  list->callback([json] {
    auto l = OpenReader();
    Json j;
    j.OpenArray();
    for (const auto& [id, p] : l->state().projects) {
      std::string statuses;
      for (const auto& [fund, st] : p.status)
        statuses += (statuses.empty() ? "" : ", ") + fund + ": " + ToString(st);
      if (*json) {
        j.Open().Str("id", id).Str("name", p.project.name).Str("carrier", p.project.carrier);
        j.Str("carrier_form", p.project.carrier_form).Str("territory", p.project.territory);
        j.Key("status").Open();
        for (const auto& [fund, st] : p.status) j.Str(fund, ToString(st));
        j.Close().Close();
      } else {
        std::printf("%-14s %-36s %-28s %s\n", id.c_str(), p.project.name.c_str(),
                    p.project.carrier.c_str(), statuses.c_str());
      }
    }
    j.CloseArray();
    if (*json) Print(j.str());
  });
  auto* show = Sub(project, "show", "A project: applications, scores, decisions, budget");
  show->add_option("ID", (*o)["ps_id"])->required();
  show->callback([o] {
    auto l = OpenReader();
    const auto& s = l->state();
    auto it = s.projects.find((*o)["ps_id"]);
    if (it == s.projects.end()) Fail(kExitUsage, "fij: no project '" + (*o)["ps_id"] + "'");
    const ProjectState& p = it->second;
    Print("project   " + p.project.project_id + ": " + p.project.name);
    Print("carrier   " + p.project.carrier +
          (p.project.carrier_form.empty() ? "" : " (" + p.project.carrier_form + ")"));
    if (!p.project.territory.empty()) Print("territory " + p.project.territory);
    for (const auto& [fund, st] : p.status)
      Print("fund      " + fund + ": " + ToString(st) +
            (p.call_of.count(fund) ? " (call " + p.call_of.at(fund) + ")" : ""));
    // Scores: per criterion, mean over assessors; total.
    std::map<std::string, std::pair<int64_t, int64_t>> per;  // criterion -> (sum, n)
    for (const auto& sc : p.scores) {
      per[sc.criterion].first += sc.score_hundredths;
      per[sc.criterion].second += 1;
    }
    int64_t total = 0;
    for (const auto& [crit, sn] : per) {
      int64_t mean = (sn.first * 2 + sn.second) / (2 * sn.second);  // half up, hundredths
      total += mean;
      std::printf("score     %-22s %lld.%02lld (%lld assessor%s)\n", crit.c_str(),
                  static_cast<long long>(mean / 100), static_cast<long long>(mean % 100),
                  static_cast<long long>(sn.second), sn.second > 1 ? "s" : "");
    }
    if (!per.empty())
      std::printf("score     %-22s %lld.%02lld\n", "TOTAL", static_cast<long long>(total / 100),
                  static_cast<long long>(total % 100));
    for (const auto& id : p.decisions) {
      const auto& d = s.decisions.at(id).decision;
      std::string pkg = d.rejected ? "rejected" : "approved:";
      if (d.grant_cents) pkg += " grant " + Euros(d.grant_cents);
      if (d.loan_cents)
        pkg += " loan " + Euros(d.loan_cents) + " over " + std::to_string(d.loan_term_months) +
               " months";
      if (d.guarantee_cents) pkg += " guarantee " + Euros(d.guarantee_cents);
      Print("decision  " + id + " (" + d.fund_id + ", " + Iso(d.date) + ", " +
            std::to_string(d.votes_for) + "/" + std::to_string(d.votes_against) + "/" +
            std::to_string(d.votes_abstain) + ") " + pkg);
    }
    const char* cats[] = {"salary", "material", "support", "fund"};
    for (int k = 0; k < 4; ++k)
      if (p.budget_cents[k] || p.spent_cents[k])
        std::printf("budget    %-9s %14s spent %14s\n", cats[k], Euros(p.budget_cents[k]).c_str(),
                    Euros(p.spent_cents[k]).c_str());
    if (p.experiment_closed) Print("closed    " + p.outcome);
  });

  auto* call = app.add_subcommand("call", "Calls for projects");
  call->require_subcommand(1);
  auto* open = Sub(call, "open", "Open a call for projects");
  open->add_option("ID", (*o)["c_id"])->required();
  open->add_option("--fund", (*o)["c_fund"])->required();
  open->add_option("--from", (*o)["c_from"])->required();
  open->add_option("--to", (*o)["c_to"])->required();
  open->callback([o] {
    auto& m = *o;
    uint32_t from = ParseDateArg("--from", m["c_from"]);
    Do(OpenCall{m["c_id"], m["c_fund"], from, ParseDateArg("--to", m["c_to"]), from},
       "call " + m["c_id"] + " opened");
  });
  auto* close = Sub(call, "close", "Close a call");
  close->add_option("ID", (*o)["cc_id"])->required();
  close->add_option("--date", (*o)["cc_date"]);
  close->callback([o] {
    Do(CloseCall{(*o)["cc_id"], DateArg(o, "cc_date", "--date")}, "call " + (*o)["cc_id"] + " closed");
  });

  auto* apply = app.add_subcommand("apply", "A project applies to a call");
  apply->add_option("--call", (*o)["a_call"])->required();
  apply->add_option("--project", (*o)["a_project"])->required();
  apply->add_option("--date", (*o)["a_date"], "Date received (default today)");
  apply->callback([o] {
    Do(SubmitApplication{(*o)["a_call"], (*o)["a_project"], DateArg(o, "a_date", "--date")},
       "application of " + (*o)["a_project"] + " to " + (*o)["a_call"] + " recorded");
  });
  auto* application = app.add_subcommand("application", "An application's lifecycle");
  application->require_subcommand(1);
  for (auto [verb, status] : {std::pair{"review", ApplicationStatus::kUnderReview},
                              std::pair{"withdraw", ApplicationStatus::kWithdrawn}}) {
    auto* sub = Sub(application, verb, std::string("Mark an application ") + ToString(status));
    std::string k = std::string("ap_") + verb;
    sub->add_option("PROJECT", (*o)[k + "_p"])->required();
    sub->add_option("--fund", (*o)[k + "_f"]);
    sub->add_option("--reason", (*o)[k + "_r"]);
    sub->add_option("--date", (*o)[k + "_d"]);
    ApplicationStatus st = status;
    sub->callback([o, k, st] {
      Do(ChangeApplicationStatus{(*o)[k + "_p"], (*o)[k + "_f"], st, (*o)[k + "_r"],
                                 DateArg(o, k + "_d", "--date")},
         "application of " + (*o)[k + "_p"] + " " + ToString(st));
    });
  }
  auto* assess = app.add_subcommand("assess", "Score a project on a criterion");
  assess->add_option("--project", (*o)["s_project"])->required();
  assess->add_option("--assessor", (*o)["s_assessor"])->required();
  assess->add_option("--criterion", (*o)["s_criterion"],
                     "portage-collectif|ancrage-territorial|resilience|modele-hybride (0-2) or "
                     "field:NAME (0-20)")
      ->required();
  assess->add_option("--score", (*o)["s_score"], "e.g. 1.8 or 1,80")->required();
  assess->callback([o] {
    auto& m = *o;
    Do(ScoreProject{m["s_project"], m["s_assessor"], m["s_criterion"],
                    PercentToBp("--score", m["s_score"]), Date::Today().ymd()},
       "score recorded");
  });
}

void RegisterCommittee(CLI::App& app, const Opts& o, const std::shared_ptr<bool>& json) {
  auto* committee = app.add_subcommand("committee", "Committee membership and rules");
  committee->require_subcommand(1);
  auto* add = Sub(committee, "add-member", "Add a member to a fund's committee");
  add->add_option("ID", (*o)["m_id"])->required();
  add->add_option("--fund", (*o)["m_fund"])->required();
  add->add_option("--name", (*o)["m_name"])->required();
  add->add_option("--partner", (*o)["m_partner"], "The patron this member represents");
  add->add_option("--role", (*o)["m_role"], "voting|participant|secretary")->required();
  add->add_option("--date", (*o)["m_date"]);
  add->callback([o] {
    auto& m = *o;
    MemberRole role = ParseChoice<MemberRole>("--role", m["m_role"],
                                         {{"voting", MemberRole::kVoting},
                                          {"participant", MemberRole::kParticipant},
                                          {"secretary", MemberRole::kSecretary}});
    Do(AddMember{m["m_id"], m["m_fund"], m["m_name"], m["m_partner"], role,
                 DateArg(o, "m_date", "--date")},
       "member " + m["m_id"] + " added");
  });
  auto* remove = Sub(committee, "remove-member", "A member leaves the committee");
  remove->add_option("ID", (*o)["mr_id"])->required();
  remove->add_option("--date", (*o)["mr_date"])->required();
  remove->callback([o] {
    Do(RemoveMember{(*o)["mr_id"], ParseDateArg("--date", (*o)["mr_date"])},
       "member " + (*o)["mr_id"] + " removed");
  });
  auto* list = Sub(committee, "list", "A fund's committee");
  list->add_option("--fund", (*o)["ml_fund"])->required();
  list->add_flag("--json", *json);
  list->callback([o, json] {
    auto l = OpenReader();
    Json j;
    j.OpenArray();
    for (const auto& [id, m] : l->state().members) {
      if (m.member.fund_id != (*o)["ml_fund"]) continue;
      if (*json) {
        j.Open().Str("id", id).Str("name", m.member.name).Str("role", ToString(m.member.role));
        j.Str("partner", m.member.partner_id).Bool("active", m.active).Close();
      } else {
        std::printf("%-14s %-30s %-12s %s\n", id.c_str(), m.member.name.c_str(),
                    ToString(m.member.role), m.active ? "" : ("left " + Iso(m.removed_on)).c_str());
      }
    }
    j.CloseArray();
    if (*json) Print(j.str());
  });
  auto* rules = Sub(committee, "rules", "Quorum and majority of a fund's committee");
  rules->add_option("--fund", (*o)["r_fund"])->required();
  rules->add_option("--quorum-pct", (*o)["r_q"], "Present voting members must be MORE than "
                                                 "this % (default 50)");
  rules->add_option("--majority-pct", (*o)["r_m"], "Votes for must be MORE than this % of votes "
                                                   "cast (default 50)");
  rules->callback([o] {
    auto& m = *o;
    Do(SetCommitteeRules{m["r_fund"], m["r_q"].empty() ? 5000 : PercentToBp("--quorum-pct", m["r_q"]),
                         m["r_m"].empty() ? 5000 : PercentToBp("--majority-pct", m["r_m"]),
                         Date::Today().ymd()},
       "rules of " + m["r_fund"] + " recorded");
  });

  auto* session = app.add_subcommand("session", "Committee sessions");
  session->require_subcommand(1);
  auto* open = Sub(session, "open", "Open a session with its agenda");
  open->add_option("ID", (*o)["so_id"])->required();
  open->add_option("--fund", (*o)["so_fund"])->required();
  open->add_option("--date", (*o)["so_date"])->required();
  open->add_option("--agenda", (*o)["so_agenda"], "Projects, comma-separated")->required();
  open->callback([o] {
    auto& m = *o;
    Do(OpenSession{m["so_id"], m["so_fund"], SplitComma(m["so_agenda"]),
                   ParseDateArg("--date", m["so_date"])},
       "session " + m["so_id"] + " opened");
  });
  auto* attend = Sub(session, "attend", "Record a member present");
  attend->add_option("ID", (*o)["sa_id"])->required();
  attend->add_option("--member", (*o)["sa_member"])->required();
  attend->callback([o] {
    Do(Attend{(*o)["sa_id"], (*o)["sa_member"]}, (*o)["sa_member"] + " present");
  });
  auto* close = Sub(session, "close", "Close a session (no more attendance or votes)");
  close->add_option("ID", (*o)["sc_id"])->required();
  close->callback([o] { Do(CloseSession{(*o)["sc_id"], 0}, "session " + (*o)["sc_id"] + " closed"); });
  auto* show = Sub(session, "show", "Attendance, votes and decisions of a session");
  show->add_option("ID", (*o)["ss_id"])->required();
  show->callback([o] {
    auto l = OpenReader();
    const auto& s = l->state();
    auto it = s.sessions.find((*o)["ss_id"]);
    if (it == s.sessions.end()) Fail(kExitUsage, "fij: no session '" + (*o)["ss_id"] + "'");
    const SessionState& ss = it->second;
    Print("session " + ss.session.session_id + " of fund " + ss.session.fund_id + " on " +
          Iso(ss.session.date) + (ss.closed ? " (closed)" : " (open)"));
    std::string present;
    for (const auto& m : ss.present) present += (present.empty() ? "" : ", ") + m;
    Print("present: " + (present.empty() ? std::string("nobody") : present));
    for (const auto& p : ss.session.agenda) {
      std::string votes;
      if (auto v = ss.votes.find(p); v != ss.votes.end())
        for (const auto& [m, c] : v->second) votes += " " + m + "=" + ToString(c);
      Print("item " + p + ":" + (votes.empty() ? " no vote" : votes));
    }
    for (const auto& [id, d] : s.decisions)
      if (d.decision.session_id == ss.session.session_id)
        Print("decision " + id + " on " + d.decision.project_id + ": " +
              (d.decision.rejected ? "rejected" : "approved"));
  });

  auto* vote = app.add_subcommand("vote", "Record a member's vote on an agenda item");
  vote->add_option("--session", (*o)["v_session"])->required();
  vote->add_option("--project", (*o)["v_project"])->required();
  vote->add_option("--member", (*o)["v_member"])->required();
  vote->add_option("--choice", (*o)["v_choice"], "for|against|abstain")->required();
  vote->callback([o] {
    auto& m = *o;
    Choice c = ParseChoice<Choice>("--choice", m["v_choice"],
                              {{"for", Choice::kFor}, {"against", Choice::kAgainst},
                               {"abstain", Choice::kAbstain}});
    Do(CastVote{m["v_session"], m["v_project"], m["v_member"], c},
       "vote of " + m["v_member"] + " recorded");
  });
  auto* conflict = app.add_subcommand("declare-conflict", "A member recuses on a project");
  conflict->add_option("--member", (*o)["dc_member"])->required();
  conflict->add_option("--project", (*o)["dc_project"])->required();
  conflict->callback([o] {
    Do(DeclareConflict{(*o)["dc_member"], (*o)["dc_project"], Date::Today().ymd()},
       "conflict of " + (*o)["dc_member"] + " on " + (*o)["dc_project"] + " recorded");
  });

  auto* decide = app.add_subcommand("decide", "Record a committee decision on a project");
  decide->add_option("ID", (*o)["d_id"])->required();
  decide->add_option("--session", (*o)["d_session"])->required();
  decide->add_option("--project", (*o)["d_project"])->required();
  decide->add_flag("--reject")->description("The committee rejects the project");
  decide->add_option("--grant", (*o)["d_grant"], "Grant amount");
  decide->add_option("--loan", (*o)["d_loan"], "Loan principal");
  decide->add_option("--term", (*o)["d_term"], "Loan term in months (deferral included)");
  decide->add_option("--deferral", (*o)["d_deferral"], "Months before the first instalment - 1");
  decide->add_option("--rate", (*o)["d_rate"], "Loan rate in % a year (default 0)");
  decide->add_option("--guarantee", (*o)["d_guarantee"], "Guarantee amount");
  decide->add_option("--lender", (*o)["d_lender"], "The guaranteed lender");
  decide->add_option("--until", (*o)["d_until"], "Guarantee end date");
  decide->add_option("--conditions", (*o)["d_conditions"]);
  decide->add_option("--date", (*o)["d_date"], "Default: the session's date");
  decide->callback([o, decide] {
    auto& m = *o;
    RecordDecision c;
    c.decision_id = m["d_id"];
    c.session_id = m["d_session"];
    c.project_id = m["d_project"];
    c.reject = decide->count("--reject") > 0;
    c.grant_cents = AmountOpt(o, "d_grant", "--grant");
    c.loan_cents = AmountOpt(o, "d_loan", "--loan");
    if (c.loan_cents && m["d_term"].empty()) Fail(kExitUsage, "fij: --loan needs --term MONTHS");
    c.loan_term_months = UintArg("--term", m["d_term"]);
    c.loan_deferral_months = UintArg("--deferral", m["d_deferral"]);
    c.loan_rate_bp = m["d_rate"].empty() ? 0 : PercentToBp("--rate", m["d_rate"]);
    c.guarantee_cents = AmountOpt(o, "d_guarantee", "--guarantee");
    c.guarantee_lender = m["d_lender"];
    if (c.guarantee_cents && (m["d_lender"].empty() || m["d_until"].empty()))
      Fail(kExitUsage, "fij: --guarantee needs --lender NAME --until DATE");
    c.guarantee_until = m["d_until"].empty() ? 0 : ParseDateArg("--until", m["d_until"]);
    if (c.reject && (c.grant_cents || c.loan_cents || c.guarantee_cents))
      Fail(kExitUsage, "fij: --reject takes no --grant, --loan or --guarantee");
    c.conditions = m["d_conditions"];
    c.date = m["d_date"].empty() ? 0 : ParseDateArg("--date", m["d_date"]);
    Do(c, "decision " + c.decision_id + " recorded");
  });
}

void RegisterMoney(CLI::App& app, const Opts& o, const std::shared_ptr<bool>& json) {
  auto* exp = app.add_subcommand("experiment", "An experiment's budget, expenses and outcome");
  exp->require_subcommand(1);
  auto* budget = Sub(exp, "budget", "Set the budget of a cost category");
  budget->add_option("--project", (*o)["eb_p"])->required();
  budget->add_option("--category", (*o)["eb_c"], "salary|material|support|fund")->required();
  budget->add_option("--amount", (*o)["eb_a"])->required();
  budget->add_option("--date", (*o)["eb_d"]);
  budget->callback([o] {
    auto& m = *o;
    Do(SetBudget{m["eb_p"], Category(m["eb_c"]), ParseAmountArg("--amount", m["eb_a"], true),
                 DateArg(o, "eb_d", "--date")},
       "budget of " + m["eb_p"] + " " + m["eb_c"] + " set");
  });
  auto* expense = Sub(exp, "expense", "Record an expense of the experiment");
  expense->add_option("ID", (*o)["ee_id"])->required();
  expense->add_option("--project", (*o)["ee_p"])->required();
  expense->add_option("--category", (*o)["ee_c"])->required();
  expense->add_option("--amount", (*o)["ee_a"])->required();
  expense->add_option("--date", (*o)["ee_d"])->required();
  expense->add_option("--description", (*o)["ee_desc"]);
  expense->callback([o] {
    auto& m = *o;
    Do(RecordExpense{m["ee_id"], m["ee_p"], Category(m["ee_c"]), ParseAmountArg("--amount", m["ee_a"]),
                     m["ee_desc"], ParseDateArg("--date", m["ee_d"])},
       "expense " + m["ee_id"] + " recorded");
  });
  auto* close = Sub(exp, "close", "Close the experiment with its outcome");
  close->add_option("--project", (*o)["ec_p"])->required();
  close->add_option("--outcome", (*o)["ec_o"])->required();
  close->add_option("--date", (*o)["ec_d"]);
  close->callback([o] {
    Do(CloseExperiment{(*o)["ec_p"], (*o)["ec_o"], DateArg(o, "ec_d", "--date")},
       "experiment " + (*o)["ec_p"] + " closed");
  });

  auto* grant = app.add_subcommand("grant", "Grant tranches");
  grant->require_subcommand(1);
  auto* gd = Sub(grant, "disburse", "Pay a grant tranche");
  gd->add_option("ID", (*o)["gd_id"])->required();
  gd->add_option("--decision", (*o)["gd_dec"])->required();
  gd->add_option("--amount", (*o)["gd_a"])->required();
  gd->add_option("--date", (*o)["gd_d"])->required();
  gd->callback([o] {
    auto& m = *o;
    Do(DisburseGrant{m["gd_id"], m["gd_dec"], ParseAmountArg("--amount", m["gd_a"]),
                     ParseDateArg("--date", m["gd_d"])},
       "tranche " + m["gd_id"] + " paid");
  });

  auto* loan = app.add_subcommand("loan", "Loans (prêts d'honneur)");
  loan->require_subcommand(1);
  auto* ld = Sub(loan, "disburse", "Disburse a decision's loan (builds its schedule)");
  ld->add_option("ID", (*o)["ld_id"])->required();
  ld->add_option("--decision", (*o)["ld_dec"])->required();
  ld->add_option("--date", (*o)["ld_d"])->required();
  ld->callback([o] {
    Do(DisburseLoan{(*o)["ld_id"], (*o)["ld_dec"], ParseDateArg("--date", (*o)["ld_d"])},
       "loan " + (*o)["ld_id"] + " disbursed");
  });
  auto* repay = Sub(loan, "repay", "Record a repayment (lettered to the oldest lines due)");
  repay->add_option("ID", (*o)["lr_id"])->required();
  repay->add_option("--loan", (*o)["lr_loan"])->required();
  repay->add_option("--amount", (*o)["lr_a"])->required();
  repay->add_option("--date", (*o)["lr_d"])->required();
  repay->callback([o] {
    auto& m = *o;
    Do(RepayLoan{m["lr_id"], m["lr_loan"], ParseAmountArg("--amount", m["lr_a"]),
                 ParseDateArg("--date", m["lr_d"])},
       "repayment " + m["lr_id"] + " recorded");
  });
  auto* resched = Sub(loan, "reschedule", "Reschedule the unpaid principal, by a decision");
  resched->add_option("ID", (*o)["lx_id"])->required();
  resched->add_option("--decision", (*o)["lx_dec"])->required();
  resched->add_option("--term", (*o)["lx_t"])->required();
  resched->add_option("--deferral", (*o)["lx_def"]);
  resched->add_option("--date", (*o)["lx_d"])->required();
  resched->callback([o] {
    auto& m = *o;
    Do(RescheduleLoan{m["lx_id"], m["lx_dec"], UintArg("--term", m["lx_t"]),
                      UintArg("--deferral", m["lx_def"]), ParseDateArg("--date", m["lx_d"])},
       "loan " + m["lx_id"] + " rescheduled");
  });
  auto* wo = Sub(loan, "write-off", "Write off what is outstanding, by a decision");
  wo->add_option("ID", (*o)["lw_id"])->required();
  wo->add_option("--decision", (*o)["lw_dec"])->required();
  wo->add_option("--date", (*o)["lw_d"])->required();
  wo->callback([o] {
    Do(WriteOffLoan{(*o)["lw_id"], (*o)["lw_dec"], ParseDateArg("--date", (*o)["lw_d"])},
       "loan " + (*o)["lw_id"] + " written off");
  });
  auto* review = Sub(loan, "review", "Apply the impairment policy to every loan on a date");
  review->add_option("--date", (*o)["lv_d"])->required();
  review->callback([o] { Do(ReviewLoans{ParseDateArg("--date", (*o)["lv_d"])}, "impairments recorded"); });
  auto* sched = Sub(loan, "schedule", "A loan's schedule with lettering and arrears");
  sched->add_option("ID", (*o)["ls_id"])->required();
  sched->add_option("--as-of", (*o)["ls_asof"], "Arrears as of this date (default today)");
  sched->add_flag("--json", *json);
  sched->callback([o, json] {
    auto l = OpenReader();
    auto it = l->state().loans.find((*o)["ls_id"]);
    if (it == l->state().loans.end()) Fail(kExitUsage, "fij: no loan '" + (*o)["ls_id"] + "'");
    const LoanState& ls = it->second;
    uint32_t asof = DateArg(o, "ls_asof", "--as-of");
    int64_t arrears = 0;
    Json j;
    j.Open().Str("loan", ls.loan.loan_id).Str("project", ls.loan.project_id);
    j.Money("principal", ls.loan.principal_cents).Int("term_months", ls.loan.term_months);
    j.Int("deferral_months", ls.loan.deferral_months).Int("rate_bp", ls.loan.rate_bp);
    j.OpenArray("lines");
    if (!*json) {
      Print("loan " + ls.loan.loan_id + " to " + ls.loan.project_id + ": " +
            Euros(ls.loan.principal_cents) + " disbursed " + Iso(ls.loan.date) + ", " +
            std::to_string(ls.loan.term_months) + " months, deferral " +
            std::to_string(ls.loan.deferral_months));
      std::printf("%4s %-10s %14s %12s %14s %-12s\n", "#", "DUE", "PRINCIPAL", "INTEREST", "PAID",
                  "LETTER");
    }
    for (size_t k = 0; k < ls.schedule.size(); ++k) {
      const auto& line = ls.schedule[k];
      if (line.due <= asof) arrears += std::max<int64_t>(0, line.due_cents() - line.paid_cents);
      std::string letter = line.paid_cents >= line.due_cents() && line.due_cents() > 0
                               ? ls.loan.loan_id + "-" + std::to_string(k + 1)
                               : (line.paid_cents > 0 ? "partial" : "");
      if (*json) {
        j.Open().Int("n", static_cast<int64_t>(k + 1)).Str("due", Iso(line.due));
        j.Money("principal", line.principal_cents).Money("interest", line.interest_cents);
        j.Money("paid", line.paid_cents).Close();
      } else {
        std::printf("%4zu %-10s %14s %12s %14s %-12s\n", k + 1, Iso(line.due).c_str(),
                    Euros(line.principal_cents).c_str(), Euros(line.interest_cents).c_str(),
                    Euros(line.paid_cents).c_str(), letter.c_str());
      }
    }
    j.CloseArray().Money("outstanding", ls.outstanding_cents()).Money("arrears", arrears);
    j.Str("as_of", Iso(asof)).Money("impaired", ls.impaired_cents);
    j.Money("written_off", ls.written_off_cents).Close();
    if (*json) {
      Print(j.str());
      return;
    }
    Print("outstanding " + Euros(ls.outstanding_cents()) + "; arrears as of " + Iso(asof) + ": " +
          Euros(arrears) + "; impaired " + Euros(ls.impaired_cents) +
          (ls.written_off ? "; written off " + Euros(ls.written_off_cents) : ""));
  });
  auto* f2062 = Sub(loan, "form2062", "Data of form 2062 for loans disbursed in a year");
  f2062->add_option("--year", (*o)["lf_y"])->required();
  f2062->callback([o] {
    auto l = OpenReader();
    const auto& s = l->state();
    int year = std::atoi((*o)["lf_y"].c_str());
    // Aggregate per borrower: above the threshold in total, every loan is declared.
    std::map<std::string, int64_t> per_carrier;
    for (const auto& [id, ls] : s.loans)
      if (static_cast<int>(ls.loan.date / 10000) == year)
        per_carrier[s.projects.at(ls.loan.project_id).project.carrier] += ls.loan.principal_cents;
    uint32_t year_end = static_cast<uint32_t>(year) * 10000 + 1231;
    int64_t threshold = s.params.At(param::kLoanDeclarationThresholdCents, year_end);
    Print("Form 2062 (art. 242 ter 3 CGI) — loans disbursed in " + std::to_string(year) +
          ", threshold " + Euros(threshold) + " per borrower (aggregated)");
    for (const auto& [id, ls] : s.loans) {
      if (static_cast<int>(ls.loan.date / 10000) != year) continue;
      const auto& p = s.projects.at(ls.loan.project_id).project;
      if (per_carrier[p.carrier] <= threshold) continue;
      Print("loan " + id + ": lender " + s.Fund(ls.fund_id)->identity.name +
            "; borrower " + p.carrier + "; date " + Iso(ls.loan.date) + "; principal " +
            Euros(ls.loan.principal_cents) + "; duration " + std::to_string(ls.loan.term_months) +
            " months; rate " + std::to_string(ls.loan.rate_bp / 100) + "," +
            std::to_string(ls.loan.rate_bp % 100 / 10) + std::to_string(ls.loan.rate_bp % 10) + " %");
      std::map<int, int64_t> by_year;
      for (const auto& line : ls.schedule) by_year[static_cast<int>(line.due / 10000)] += line.due_cents();
      for (const auto& [y, amount] : by_year)
        Print("    " + std::to_string(y) + ": " + Euros(amount));
    }
  });

  auto* guarantee = app.add_subcommand("guarantee", "Guarantees (cautions)");
  guarantee->require_subcommand(1);
  auto* gg = Sub(guarantee, "grant", "Grant a decision's guarantee (off balance sheet)");
  gg->add_option("ID", (*o)["gg_id"])->required();
  gg->add_option("--decision", (*o)["gg_dec"])->required();
  gg->add_option("--date", (*o)["gg_d"])->required();
  gg->callback([o] {
    Do(GrantGuarantee{(*o)["gg_id"], (*o)["gg_dec"], ParseDateArg("--date", (*o)["gg_d"])},
       "guarantee " + (*o)["gg_id"] + " granted");
  });
  auto* gp = Sub(guarantee, "provision", "A call became probable: provision (151)");
  gp->add_option("ID", (*o)["gp_id"])->required();
  gp->add_option("--amount", (*o)["gp_a"])->required();
  gp->add_option("--date", (*o)["gp_d"])->required();
  gp->callback([o] {
    Do(ProvisionGuarantee{(*o)["gp_id"], ParseAmountArg("--amount", (*o)["gp_a"]),
                          ParseDateArg("--date", (*o)["gp_d"])},
       "provision recorded");
  });
  auto* gc = Sub(guarantee, "call", "The lender called the guarantee: pay it");
  gc->add_option("ID", (*o)["gc_id"])->required();
  gc->add_option("--amount", (*o)["gc_a"])->required();
  gc->add_option("--date", (*o)["gc_d"])->required();
  gc->callback([o] {
    Do(CallGuarantee{(*o)["gc_id"], ParseAmountArg("--amount", (*o)["gc_a"]),
                     ParseDateArg("--date", (*o)["gc_d"])},
       "guarantee " + (*o)["gc_id"] + " called");
  });
  auto* gr = Sub(guarantee, "release", "Release a guarantee at term");
  gr->add_option("ID", (*o)["gr_id"])->required();
  gr->add_option("--date", (*o)["gr_d"])->required();
  gr->callback([o] {
    Do(ReleaseGuarantee{(*o)["gr_id"], ParseDateArg("--date", (*o)["gr_d"])},
       "guarantee " + (*o)["gr_id"] + " released");
  });

  auto* subsidy = app.add_subcommand("subsidy", "Funding the fund receives");
  subsidy->require_subcommand(1);
  auto* sr = Sub(subsidy, "record", "Record a subsidy or contribution received");
  sr->add_option("ID", (*o)["sr_id"])->required();
  sr->add_option("--from", (*o)["sr_from"], "Funder (Région, Banque des Territoires, ...)")->required();
  sr->add_option("--amount", (*o)["sr_a"])->required();
  sr->add_option("--date", (*o)["sr_d"])->required();
  sr->add_option("--year", (*o)["sr_y"], "Year it funds (default: the date's)");
  sr->add_option("--project", (*o)["sr_p"], "Earmarked to a project (fonds dédiés at closing)");
  sr->add_option("--fund", (*o)["sr_fund"]);
  sr->add_option("--kind", (*o)["sr_k"], "public (740, default) | private (755)");
  sr->callback([o] {
    auto& m = *o;
    RecordSubsidy c;
    c.subsidy_id = m["sr_id"];
    c.funder = m["sr_from"];
    c.fund_id = m["sr_fund"];
    c.project_id = m["sr_p"];
    if (!m["sr_k"].empty())
      c.funder_kind = ParseChoice<FunderKind>("--kind", m["sr_k"], {{"public", FunderKind::kPublic},
                                                               {"private", FunderKind::kPrivate}});
    c.amount_cents = ParseAmountArg("--amount", m["sr_a"]);
    c.year = static_cast<int32_t>(UintArg("--year", m["sr_y"]));
    c.date = ParseDateArg("--date", m["sr_d"]);
    Do(c, "subsidy " + c.subsidy_id + " recorded");
  });

  auto* role = app.add_subcommand("role", "Who may do what");
  role->require_subcommand(1);
  auto* rg = Sub(role, "grant", "Give an actor a role");
  rg->add_option("ACTOR", (*o)["rg_a"])->required();
  rg->add_option("--role", (*o)["rg_r"], "coordinator|secretary|member|auditor")->required();
  rg->callback([o] {
    ActorRole r = ParseChoice<ActorRole>("--role", (*o)["rg_r"],
                                    {{"coordinator", ActorRole::kCoordinator},
                                     {"secretary", ActorRole::kSecretary},
                                     {"member", ActorRole::kMember},
                                     {"auditor", ActorRole::kAuditor}});
    Do(GrantRole{(*o)["rg_a"], r, Date::Today().ymd()}, "role granted");
  });
  auto* rl = Sub(role, "list", "Actors and their roles");
  rl->callback([] {
    auto l = OpenReader();
    for (const auto& [actor, roles] : l->state().roles) {
      std::string r;
      for (auto x : roles) r += (r.empty() ? "" : ", ") + std::string(ToString(x));
      Print(actor + ": " + r);
    }
  });
}

void RegisterConfiguration(CLI::App& app, const Opts& o) {
  auto* close = app.add_subcommand("close-year", "Close an exercice: freezes it, posts fonds "
                                                 "dédiés and 487");
  close->add_option("YEAR", (*o)["cy_y"])->required();
  close->add_option("--date", (*o)["cy_d"], "Closing date, after 31 December (default today)");
  close->callback([o] {
    int32_t year = static_cast<int32_t>(UintArg("YEAR", (*o)["cy_y"]));
    Do(CloseYear{"", year, DateArg(o, "cy_d", "--date")}, "exercice " + (*o)["cy_y"] + " closed");
  });
  auto* plan = app.add_subcommand("budget-plan", "Record a fund's budget plan for a year");
  auto lines = std::make_shared<std::vector<std::string>>();
  plan->add_option("--year", (*o)["bp_y"])->required();
  plan->add_option("--fund", (*o)["bp_f"]);
  plan->add_option("--line", *lines, "NAME=AMOUNT, repeatable (patronage, france-active, "
                                     "public-funding, loan-repayments, or any)")
      ->required();
  plan->add_option("--date", (*o)["bp_d"]);
  plan->callback([o, lines] {
    PlanBudget c;
    c.fund_id = (*o)["bp_f"];
    c.year = static_cast<int32_t>(UintArg("--year", (*o)["bp_y"]));
    for (const auto& l : *lines) {
      auto eq = l.find('=');
      if (eq == std::string::npos) Fail(kExitUsage, "fij: --line is NAME=AMOUNT, e.g. patronage=80000");
      c.lines.push_back(l.substr(0, eq));
      c.amounts_cents.push_back(ParseAmountArg("--line " + l.substr(0, eq), l.substr(eq + 1), true));
    }
    c.date = DateArg(o, "bp_d", "--date");
    Do(c, "budget plan " + (*o)["bp_y"] + " recorded");
  });
  auto* tiers = app.add_subcommand("tiers", "Configure a fund's partner tiers");
  auto tier_lines = std::make_shared<std::vector<std::string>>();
  auto citizens = std::make_shared<std::vector<std::string>>();
  tiers->add_option("--fund", (*o)["t_f"]);
  tiers->add_option("--tier", *tier_lines, "AMOUNT=LABEL, highest first, repeatable")->required();
  tiers->add_option("--citizens-only", *citizens, "A label that applies to citizens only");
  tiers->callback([o, tier_lines, citizens] {
    ConfigureTiers c;
    c.fund_id = (*o)["t_f"];
    for (const auto& t : *tier_lines) {
      auto eq = t.find('=');
      if (eq == std::string::npos) Fail(kExitUsage, "fij: --tier is AMOUNT=LABEL");
      c.thresholds_cents.push_back(ParseAmountArg("--tier", t.substr(0, eq)));
      c.labels.push_back(t.substr(eq + 1));
    }
    c.individual_only = *citizens;
    c.date = Date::Today().ymd();
    Do(c, "tiers recorded");
  });
}

}  // namespace

void RegisterCommitteeCommands(CLI::App& app) {
  auto o = std::make_shared<std::map<std::string, std::string>>();
  auto json = std::make_shared<bool>(false);
  RegisterFunds(app, o, json);
  RegisterProjects(app, o, json);
  RegisterCommittee(app, o, json);
  RegisterMoney(app, o, json);
  RegisterConfiguration(app, o);
}

}  // namespace fij::cli
