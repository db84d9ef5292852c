// The coordinator's commands: init, agrement, partner, pledge, gift, receipt, declaration, param.
#include <fstream>
#include <iostream>

#include "cli/common.h"
#include "ledger/date.h"
#include "ledger/receipt_pdf.h"
#include "projections/declaration.h"

namespace fij::cli {
namespace {

using namespace fij::ledger;


int32_t YearArg(const std::string& option, int v) {
  if (v < 1900 || v > 2999) Fail(kExitUsage, "fij: " + option + " must be a year like 2024");
  return v;
}

void Print(const std::string& line) { std::cout << line << "\n"; }

// ---- init / agrement / param ----

void RegisterFund(CLI::App& app) {
  auto* init = app.add_subcommand("init", "Create the store and record the fund's identity");
  auto o = std::make_shared<std::map<std::string, std::string>>();
  init->add_option("--fund-name", (*o)["name"], "Legal name of the fund")->required();
  init->add_option("--siren", (*o)["siren"], "SIREN or RNA number")->required();
  init->add_option("--address", (*o)["address"], "Postal address")->required();
  init->add_option("--object", (*o)["object"], "Object, as on the receipts")->required();
  init->add_option("--signer", (*o)["signer"], "\"NAME, CAPACITY\" of the receipts' signer")
      ->required();
  init->add_option("--fund-id", (*o)["id"], "Short id of the fund (default fij)");
  init->add_option("--category", (*o)["category"], "Category box wording on receipts");
  init->add_option("--agrement", (*o)["agrement"], "Reference of the art. 238 bis 4 agrément");
  init->add_option("--agrement-from", (*o)["from"], "First day of the agrément (YYYY-MM-DD)");
  init->add_option("--agrement-to", (*o)["to"], "Last day of the agrément (YYYY-MM-DD)");
  init->add_option("--date", (*o)["date"], "Date of the record (default today)");
  init->callback([o] {
    auto& m = *o;
    InitFund c;
    if (!m["id"].empty()) c.fund_id = m["id"];
    c.name = m["name"];
    c.siren = m["siren"];
    c.address = m["address"];
    c.object = m["object"];
    if (!m["category"].empty()) c.category = m["category"];
    auto comma = m["signer"].find(',');
    if (comma == std::string::npos)
      Fail(kExitUsage, "fij: --signer must be \"NAME, CAPACITY\", e.g. \"Marie Dupont, présidente\"");
    c.signer_name = m["signer"].substr(0, comma);
    c.signer_capacity = m["signer"].substr(comma + 1);
    while (!c.signer_capacity.empty() && c.signer_capacity.front() == ' ')
      c.signer_capacity.erase(0, 1);
    c.agrement_ref = m["agrement"];
    if (!c.agrement_ref.empty()) {
      if (m["from"].empty() || m["to"].empty())
        Fail(kExitUsage, "fij: --agrement needs --agrement-from and --agrement-to");
      c.agrement_from = ParseDateArg("--agrement-from", m["from"]);
      c.agrement_to = ParseDateArg("--agrement-to", m["to"]);
    }
    c.date = m["date"].empty() ? Date::Today().ymd() : ParseDateArg("--date", m["date"]);
    c.initial_coordinator = G().actor;
    auto l = OpenWriter(/*create=*/true);
    auto out = Run(*l, c);
    Print("fund '" + c.fund_id + "' initialised in " + G().store_dir + " " + Where(out));
  });

  auto* agrement = app.add_subcommand("agrement", "The fund's art. 238 bis 4 agrément periods");
  agrement->require_subcommand(1);
  auto* add = agrement->add_subcommand("add", "Record an agrément period (initial or renewal)");
  add->add_option("REF", (*o)["a_ref"], "Reference of the agrément")->required();
  add->add_option("--from", (*o)["a_from"], "First day (YYYY-MM-DD)")->required();
  add->add_option("--to", (*o)["a_to"], "Last day (YYYY-MM-DD)")->required();
  add->add_option("--fund", (*o)["a_fund"], "Fund id (default: the first fund)");
  add->callback([o] {
    auto& m = *o;
    AddAgrement c;
    c.fund_id = m["a_fund"];
    c.reference = m["a_ref"];
    c.valid_from = ParseDateArg("--from", m["a_from"]);
    c.valid_to = ParseDateArg("--to", m["a_to"]);
    c.date = Date::Today().ymd();
    auto l = OpenWriter();
    auto out = Run(*l, c);
    Print("agrément " + c.reference + " recorded " + Where(out));
  });

  auto* param = app.add_subcommand("param", "Effective-dated rates, caps and thresholds");
  param->require_subcommand(1);
  auto* set = param->add_subcommand("set", "Set a parameter's value from a date on");
  set->add_option("NAME", (*o)["p_name"])->required();
  set->add_option("VALUE", (*o)["p_value"], "Integer in the parameter's unit (see `param list`)")
      ->required();
  set->add_option("--from", (*o)["p_from"], "Date it applies from")->required();
  set->add_option("--note", (*o)["p_note"], "Source of the value");
  set->callback([o] {
    auto& m = *o;
    SetParameter c;
    c.name = m["p_name"];
    try {
      size_t used = 0;
      c.value = std::stoll(m["p_value"], &used);
      if (used != m["p_value"].size()) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      Fail(kExitUsage, "fij: VALUE '" + m["p_value"] + "' must be an integer (cents, basis "
                       "points, months: the unit is in the name)");
    }
    c.valid_from = ParseDateArg("--from", m["p_from"]);
    c.note = m["p_note"];
    auto l = OpenWriter();
    auto out = Run(*l, c);
    Print("parameter " + c.name + " = " + std::to_string(c.value) + " from " +
          Iso(c.valid_from) + " " + Where(out));
  });
  auto* plist = param->add_subcommand("list", "Every parameter with its dated values");
  auto json = std::make_shared<bool>(false);
  plist->add_flag("--json", *json, "JSON output");
  plist->callback([json] {
    auto l = OpenReader();
    Json j;
    j.OpenArray();
    for (const auto& [name, values] : l->state().params.all()) {
      for (const auto& [from, v] : values) {
        if (*json) {
          j.Open().Str("name", name).Str("from", Iso(from)).Int("value", v).Close();
        } else {
          std::printf("%-38s from %-10s %lld\n", name.c_str(), Iso(from).c_str(),
                      static_cast<long long>(v));
        }
      }
    }
    j.CloseArray();
    if (*json) Print(j.str());
  });
}

// ---- partner / pledge ----

void PartnerJson(Json& j, const std::string& id, const PartnerState& p) {
  const PartnerRegistered i = p.Registered(id);
  j.Open().Str("id", i.partner_id).Str("kind", ToString(i.kind)).Str("name", i.name);
  j.Str("siren", i.siren).Str("legal_form", i.legal_form).Str("address", i.address);
  j.OpenArray("gifts");
  for (const auto& g : p.gift_ids) j.Raw("", Json::Quote(g));
  j.CloseArray();
  j.OpenArray("pledges");
  for (const auto& g : p.pledge_ids) j.Raw("", Json::Quote(g));
  j.CloseArray();
  j.Close();
}

void RegisterPartners(CLI::App& app) {
  auto* partner = app.add_subcommand("partner", "Donors and partners");
  partner->require_subcommand(1);
  auto o = std::make_shared<std::map<std::string, std::string>>();
  auto json = std::make_shared<bool>(false);

  auto* add = partner->add_subcommand("add", "Register a partner (company or individual)");
  add->add_option("ID", (*o)["id"], "Your id for the partner (idempotency key)")->required();
  add->add_option("--kind", (*o)["kind"], "company|individual")->required();
  add->add_option("--name", (*o)["name"], "Name (dénomination, or first and last name)")
      ->required();
  add->add_option("--siren", (*o)["siren"], "Company SIREN (9 digits)");
  add->add_option("--legal-form", (*o)["legal_form"], "Company legal form (SA, SAS, SCIC...)");
  add->add_option("--address", (*o)["address"], "Full postal address");
  add->callback([o] {
    auto& m = *o;
    RegisterPartner c;
    c.partner_id = m["id"];
    c.kind = ParseChoice<PartnerKind>("--kind", m["kind"],
                                    {{"company", PartnerKind::kCompany},
                                     {"individual", PartnerKind::kIndividual}});
    c.name = m["name"];
    c.siren = m["siren"];
    c.legal_form = m["legal_form"];
    c.address = m["address"];
    c.date = Date::Today().ymd();
    auto l = OpenWriter();
    auto out = Run(*l, c);
    Print("partner " + c.partner_id + " registered " + Where(out));
  });

  auto* correct = partner->add_subcommand("correct", "Correct a partner's identity (new event)");
  correct->add_option("ID", (*o)["c_id"])->required();
  correct->add_option("--name", (*o)["c_name"]);
  correct->add_option("--siren", (*o)["c_siren"]);
  correct->add_option("--legal-form", (*o)["c_legal_form"]);
  correct->add_option("--address", (*o)["c_address"]);
  correct->callback([o] {
    auto& m = *o;
    CorrectPartner c{m["c_id"], m["c_name"], m["c_siren"], m["c_legal_form"], m["c_address"],
                     Date::Today().ymd()};
    if (c.name.empty() && c.siren.empty() && c.legal_form.empty() && c.address.empty())
      Fail(kExitUsage, "fij: partner correct needs at least one of --name --siren --legal-form "
                       "--address");
    auto l = OpenWriter();
    auto out = Run(*l, c);
    Print("partner " + c.partner_id + " corrected " + Where(out));
  });

  auto* list = partner->add_subcommand("list", "List partners");
  list->add_flag("--json", *json, "JSON output");
  list->callback([json] {
    auto l = OpenReader();
    if (*json) {
      Json j;
      j.OpenArray();
      for (const auto& [id, p] : l->state().partners) PartnerJson(j, id, p);
      j.CloseArray();
      Print(j.str());
      return;
    }
    std::printf("%-16s %-10s %-36s %-9s %s\n", "ID", "KIND", "NAME", "SIREN", "GIVEN (received)");
    for (const auto& [id, p] : l->state().partners) {
      int64_t given = 0;
      for (const auto& g : p.gift_ids) {
        const auto& gs = l->state().gifts.at(g);
        if (gs.received) given += gs.gift.amount_cents;
      }
      std::printf("%-16s %-10s %-36s %-9s %s\n", id.c_str(), ToString(p.identity.kind),
                  p.identity.name.c_str(), p.identity.siren().c_str(), Euros(given).c_str());
    }
  });

  auto* show = partner->add_subcommand("show", "Show one partner");
  show->add_option("ID", (*o)["s_id"])->required();
  show->add_flag("--json", *json, "JSON output");
  show->callback([o, json] {
    auto l = OpenReader();
    const PartnerState* p = l->state().Partner((*o)["s_id"]);
    if (!p) Fail(kExitUsage, "fij: no partner '" + (*o)["s_id"] + "'; see `fij partner list`");
    if (*json) {
      Json j;
      PartnerJson(j, (*o)["s_id"], *p);
      Print(j.str());
      return;
    }
    const PartnerRegistered i = p->Registered((*o)["s_id"]);
    Print("partner     " + i.partner_id + " (" + ToString(i.kind) + ")");
    Print("name        " + i.name);
    if (i.kind == PartnerKind::kCompany) {
      Print("siren       " + i.siren);
      Print("legal form  " + i.legal_form);
    }
    Print("address     " + i.address);
    for (const auto& pid : p->pledge_ids) {
      const auto& pl = l->state().pledges.at(pid).pledge;
      Print("pledge      " + pid + ": " + Euros(pl.amount_per_year_cents) + " a year x " +
            std::to_string(pl.years) + " from " + std::to_string(pl.from_year) +
            (pl.renewable ? " (renewable)" : ""));
    }
    for (const auto& gid : p->gift_ids) {
      const auto& g = l->state().gifts.at(gid);
      Print("gift        " + gid + ": " + Euros(g.gift.amount_cents) + " " +
            (g.received ? "received " + Iso(g.received_on) : std::string("pending")) +
            (g.active_receipt.empty() ? "" : ", receipt " + g.active_receipt));
    }
  });

  auto* pledge = app.add_subcommand("pledge", "Pledges: commitments to give (off balance sheet)");
  pledge->require_subcommand(1);
  auto* padd = pledge->add_subcommand("add", "Record a pledge (one-off or multi-year)");
  padd->add_option("ID", (*o)["p_id"], "Your id for the pledge (idempotency key)")->required();
  padd->add_option("--partner", (*o)["p_partner"])->required();
  padd->add_option("--amount", (*o)["p_amount"], "Amount per year, e.g. \"10 000,00\"")
      ->required();
  padd->add_option("--years", (*o)["p_years"], "Number of years (default 1)");
  padd->add_option("--from", (*o)["p_from"], "First year (default: this year)");
  padd->add_flag("--renewable")->description("Renewable at term");
  padd->add_option("--fund", (*o)["p_fund"]);
  padd->add_option("--date", (*o)["p_date"], "Date of the commitment (default today)");
  padd->callback([o, padd] {
    auto& m = *o;
    MakePledge c;
    c.pledge_id = m["p_id"];
    c.partner_id = m["p_partner"];
    c.fund_id = m["p_fund"];
    c.amount_per_year_cents = ParseAmountArg("--amount", m["p_amount"]);
    c.date = m["p_date"].empty() ? Date::Today().ymd() : ParseDateArg("--date", m["p_date"]);
    try {
      c.years = m["p_years"].empty() ? 1 : static_cast<uint32_t>(std::stoul(m["p_years"]));
      c.from_year = m["p_from"].empty() ? static_cast<int32_t>(c.date / 10000)
                                        : std::stoi(m["p_from"]);
    } catch (const std::exception&) {
      Fail(kExitUsage, "fij: --years and --from are whole numbers");
    }
    c.renewable = padd->count("--renewable") > 0;
    auto l = OpenWriter();
    auto out = Run(*l, c);
    Print("pledge " + c.pledge_id + " recorded " + Where(out));
  });
  auto* pshow = pledge->add_subcommand("show", "A pledge's expected schedule and fulfilment per year");
  pshow->add_option("ID", (*o)["ps_id"])->required();
  pshow->add_flag("--json", *json, "JSON output");
  pshow->callback([o, json] {
    auto l = OpenReader();
    auto it = l->state().pledges.find((*o)["ps_id"]);
    if (it == l->state().pledges.end())
      Fail(kExitUsage, "fij: no pledge '" + (*o)["ps_id"] + "'; see `fij pledge list`");
    const auto& pl = it->second.pledge;
    // Received gifts linked to the pledge, by the year of their tax date.
    std::map<int32_t, int64_t> received;
    for (const auto& gid : it->second.gift_ids) {
      const auto& g = l->state().gifts.at(gid);
      if (g.received) received[static_cast<int32_t>(g.received_on / 10000)] += g.gift.amount_cents;
    }
    Json j;
    j.Open().Str("id", pl.pledge_id).Str("partner", pl.partner_id).Str("fund", pl.fund_id);
    j.Bool("renewable", pl.renewable).OpenArray("schedule");
    if (!*json)
      Print("pledge " + pl.pledge_id + " of " + pl.partner_id + (pl.renewable ? " (renewable)" : ""));
    if (!*json) std::printf("%6s %14s %14s %14s\n", "YEAR", "EXPECTED", "RECEIVED", "REMAINING");
    int32_t last = pl.from_year + static_cast<int32_t>(pl.years) - 1;
    if (!received.empty()) last = std::max(last, received.rbegin()->first);
    for (int32_t y = pl.from_year; y <= last; ++y) {
      int64_t expected = y < pl.from_year + static_cast<int32_t>(pl.years) ? pl.amount_per_year_cents : 0;
      int64_t got = received.count(y) ? received[y] : 0;
      int64_t remaining = expected > got ? expected - got : 0;
      if (*json) {
        j.Open().Int("year", y).Money("expected", expected).Money("received", got);
        j.Money("remaining", remaining).Close();
      } else {
        std::printf("%6d %14s %14s %14s\n", y, Euros(expected).c_str(), Euros(got).c_str(),
                    Euros(remaining).c_str());
      }
    }
    j.CloseArray().Close();
    if (*json) Print(j.str());
  });
  auto* plist = pledge->add_subcommand("list", "List pledges with fulfilment");
  plist->add_flag("--json", *json, "JSON output");
  plist->callback([json] {
    auto l = OpenReader();
    Json j;
    j.OpenArray();
    if (!*json)
      std::printf("%-14s %-16s %14s %5s %6s %9s %14s %14s\n", "ID", "PARTNER", "PER YEAR", "YEARS",
                  "FROM", "RENEWABLE", "PLEDGED", "FULFILLED");
    for (const auto& [id, p] : l->state().pledges) {
      const auto& pl = p.pledge;
      int64_t total = (Money::FromCents(pl.amount_per_year_cents).Times(pl.years)).cents();
      if (*json) {
        j.Open().Str("id", id).Str("partner", pl.partner_id).Str("fund", pl.fund_id);
        j.Money("amount_per_year", pl.amount_per_year_cents).Int("years", pl.years);
        j.Int("from_year", pl.from_year).Bool("renewable", pl.renewable);
        j.Money("pledged", total).Money("fulfilled", p.fulfilled_cents).Close();
      } else {
        std::printf("%-14s %-16s %14s %5u %6d %9s %14s %14s\n", id.c_str(), pl.partner_id.c_str(),
                    Euros(pl.amount_per_year_cents).c_str(), pl.years, pl.from_year,
                    pl.renewable ? "yes" : "no", Euros(total).c_str(),
                    Euros(p.fulfilled_cents).c_str());
      }
    }
    j.CloseArray();
    if (*json) Print(j.str());
  });
}

// ---- gift ----

void RegisterGift(CLI::App& app) {
  auto* gift = app.add_subcommand("gift", "Gifts received");
  gift->require_subcommand(1);
  auto o = std::make_shared<std::map<std::string, std::string>>();
  auto json = std::make_shared<bool>(false);
  auto* rec = gift->add_subcommand("record", "Record a gift");
  rec->add_option("ID", (*o)["id"], "Your id for the gift (idempotency key)")->required();
  rec->add_option("--partner", (*o)["partner"])->required();
  rec->add_option("--amount", (*o)["amount"], "Amount, e.g. \"1 234,56\" or 1234.56")->required();
  rec->add_option("--date", (*o)["date"],
                  "Tax date: cheque handed over; transfer, debit, card credited (YYYY-MM-DD)")
      ->required();
  rec->add_option("--method", (*o)["method"], "transfer|cheque|cash|card|debit")->required();
  rec->add_option("--nature", (*o)["nature"], "cash|in-kind|skills (default cash)");
  rec->add_option("--kind", (*o)["kind"], "patronage|sponsorship (default patronage)");
  rec->add_option("--pledge", (*o)["pledge"], "The pledge this gift fulfils");
  rec->add_option("--counterparts", (*o)["counterparts"], "Value of counterparts given");
  rec->add_option("--counterparts-description", (*o)["counterparts_desc"]);
  rec->add_option("--valuation-ref", (*o)["valuation"],
                  "In kind / skills: reference of the company's own valuation");
  rec->add_option("--description", (*o)["description"], "What was given (in kind / skills)");
  rec->add_option("--fund", (*o)["fund"]);
  rec->add_flag("--pending")->description("Announced but not yet credited: --date is the announcement date");
  rec->callback([o, rec] {
    auto& m = *o;
    RecordGift c;
    c.gift_id = m["id"];
    c.partner_id = m["partner"];
    c.fund_id = m["fund"];
    c.amount_cents = ParseAmountArg("--amount", m["amount"]);
    c.date = ParseDateArg("--date", m["date"]);
    c.pending = rec->count("--pending") > 0;
    c.method = ParseChoice<PaymentMethod>("--method", m["method"],
                                        {{"transfer", PaymentMethod::kTransfer},
                                         {"cheque", PaymentMethod::kCheque},
                                         {"cash", PaymentMethod::kCash},
                                         {"card", PaymentMethod::kCard},
                                         {"debit", PaymentMethod::kDebit}});
    if (!m["nature"].empty())
      c.nature = ParseChoice<GiftNature>("--nature", m["nature"],
                                       {{"cash", GiftNature::kCash},
                                        {"in-kind", GiftNature::kInKind},
                                        {"skills", GiftNature::kSkills}});
    if (!m["kind"].empty())
      c.kind = ParseChoice<GiftKind>("--kind", m["kind"],
                                   {{"patronage", GiftKind::kPatronage},
                                    {"sponsorship", GiftKind::kSponsorship}});
    c.pledge_id = m["pledge"];
    if (!m["counterparts"].empty())
      c.counterparts_cents = ParseAmountArg("--counterparts", m["counterparts"], true);
    c.counterparts_description = m["counterparts_desc"];
    c.valuation_ref = m["valuation"];
    c.description = m["description"];
    auto l = OpenWriter();
    auto out = Run(*l, c);
    Print("gift " + c.gift_id + " of " + Euros(c.amount_cents) + " recorded " + Where(out));
  });
  auto* receive = gift->add_subcommand("receive", "A pending gift's money arrived");
  receive->add_option("ID", (*o)["r_id"])->required();
  receive->add_option("--date", (*o)["r_date"], "Date credited or handed over")->required();
  receive->callback([o] {
    ReceiveGift c{(*o)["r_id"], ParseDateArg("--date", (*o)["r_date"])};
    auto l = OpenWriter();
    auto out = Run(*l, c);
    Print("gift " + c.gift_id + " received on " + Iso(c.date) + " " + Where(out));
  });
  auto* list = gift->add_subcommand("list", "List gifts");
  list->add_option("--year", (*o)["l_year"], "Only gifts received in this year");
  list->add_option("--partner", (*o)["l_partner"], "Only this partner's gifts");
  list->add_flag("--json", *json, "JSON output");
  list->callback([o, json] {
    auto l = OpenReader();
    int year = 0;
    if (!(*o)["l_year"].empty()) year = YearArg("--year", std::atoi((*o)["l_year"].c_str()));
    Json j;
    j.OpenArray();
    if (!*json)
      std::printf("%-12s %-16s %14s %-10s %-8s %-8s %-11s %12s %s\n", "ID", "PARTNER", "AMOUNT",
                  "DATE", "METHOD", "NATURE", "KIND", "COUNTERPARTS", "RECEIPT");
    for (const auto& [id, g] : l->state().gifts) {
      if (year && static_cast<int>(g.received_on / 10000) != year) continue;
      if (!(*o)["l_partner"].empty() && g.gift.partner_id != (*o)["l_partner"]) continue;
      if (*json) {
        j.Open().Str("id", id).Str("partner", g.gift.partner_id).Str("fund", g.gift.fund_id);
        j.Money("amount", g.gift.amount_cents).Str("date", Iso(g.received_on));
        j.Bool("received", g.received).Str("method", ToString(g.gift.method));
        j.Str("nature", ToString(g.gift.nature)).Str("kind", ToString(g.gift.kind));
        j.Str("pledge", g.gift.pledge_id).Money("counterparts", g.gift.counterparts_cents);
        j.Str("receipt", g.active_receipt).Close();
      } else {
        std::printf("%-12s %-16s %14s %-10s %-8s %-8s %-11s %12s %s\n", id.c_str(),
                    g.gift.partner_id.c_str(), Euros(g.gift.amount_cents).c_str(),
                    g.received ? Iso(g.received_on).c_str() : "pending",
                    ToString(g.gift.method), ToString(g.gift.nature), ToString(g.gift.kind),
                    Euros(g.gift.counterparts_cents).c_str(), g.active_receipt.c_str());
      }
    }
    j.CloseArray();
    if (*json) Print(j.str());
  });
}

// ---- receipt ----

void ReceiptJson(Json& j, const ReceiptState& rs, const ReceiptIssued& r) {
  j.Open().Str("number", r.number).Str("fund", r.fund_id).Str("status",
      rs.cancelled ? "cancelled" : "issued");
  j.Str("issued_on", Iso(r.issued_on)).Str("form", ToString(r.form)).Str("article", r.article);
  j.Str("partner", r.partner_id).Str("donor_kind", ToString(r.donor_kind));
  j.Str("donor_name", r.donor_name).Str("donor_address", r.donor_address);
  j.Str("donor_siren", r.donor_siren).Str("donor_legal_form", r.donor_legal_form);
  j.Money("amount", r.amount_cents).Str("amount_words", r.amount_words);
  j.Str("period_from", Iso(r.period_from)).Str("period_to", Iso(r.period_to));
  j.OpenArray("gifts");
  for (const auto& g : r.gift_ids) j.Raw("", Json::Quote(g));
  j.CloseArray();
  j.Str("fund_name", r.fund_name).Str("fund_address", r.fund_address);
  j.Str("fund_object", r.fund_object).Str("fund_siren", r.fund_siren);
  j.Str("fund_category", r.fund_category).Str("agrement", r.agrement_ref);
  j.Str("forme_du_don", r.forme_du_don).Str("nature_du_don", r.nature_du_don);
  j.Str("mode_de_versement", r.mode_de_versement).Str("in_kind", r.in_kind_description);
  j.Str("signer", r.signer_name).Str("signer_capacity", r.signer_capacity);
  j.Str("certification", r.certification).Str("replaces", r.replaces);
  j.Str("replaced_by", rs.replaced_by);
  if (rs.cancelled)
    j.Str("cancelled_on", Iso(rs.cancellation.date)).Str("cancel_reason", rs.cancellation.reason);
  j.Close();
}

void RegisterReceipt(CLI::App& app) {
  auto* receipt = app.add_subcommand("receipt", "Tax-deduction receipts (art. 200 / 238 bis CGI)");
  receipt->require_subcommand(1);
  auto o = std::make_shared<std::map<std::string, std::string>>();
  auto json = std::make_shared<bool>(false);
  auto* issue = receipt->add_subcommand("issue", "Issue a receipt for a gift, or a yearly recap");
  issue->add_option("--gift", (*o)["gift"], "One gift");
  issue->add_option("--partner", (*o)["partner"], "Recap: every receiptable gift of a partner...");
  issue->add_option("--year", (*o)["year"], "...received in this year");
  issue->add_option("--date", (*o)["date"], "Issue date (default today)");
  issue->add_option("--replaces", (*o)["replaces"], "The cancelled receipt this one corrects");
  issue->add_option("--fund", (*o)["fund"]);
  issue->callback([o] {
    auto& m = *o;
    IssueReceipt c;
    c.fund_id = m["fund"];
    if (m["gift"].empty() == m["partner"].empty())
      Fail(kExitUsage, "fij: give either --gift ID or --partner P --year Y");
    c.gift_id = m["gift"];
    c.partner_id = m["partner"];
    if (!c.partner_id.empty()) {
      if (m["year"].empty()) Fail(kExitUsage, "fij: --partner needs --year");
      c.year = YearArg("--year", std::atoi(m["year"].c_str()));
    }
    c.date = DateOrToday(m["date"], "--date");
    c.replaces = m["replaces"];
    auto l = OpenWriter();
    auto out = Run(*l, c);
    const auto& r = std::get<ReceiptIssued>(out.events.back());
    Print(r.number);
    if (G().verbose || out.duplicate)
      std::cerr << "receipt " << r.number << " for " << Euros(r.amount_cents) << " " << Where(out)
                << "\n";
    const ReceiptState* now = l->state().Receipt(r.number);
    if (out.duplicate && now && now->cancelled)
      std::cerr << "note: receipt " << r.number << " was cancelled on " << Iso(now->cancellation.date)
                << (now->replaced_by.empty() ? "" : " and replaced by " + now->replaced_by)
                << "; a corrected receipt is issued with --replaces " << r.number << "\n";
  });
  auto* cancel = receipt->add_subcommand("cancel", "Cancel a receipt (the number stays)");
  cancel->add_option("NUMBER", (*o)["c_number"])->required();
  cancel->add_option("--reason", (*o)["c_reason"], "Why (told to the donor in writing)")
      ->required();
  cancel->add_option("--date", (*o)["c_date"], "Date of cancellation (default today)");
  cancel->add_flag("--reissue")->description("Also issue the corrected receipt, with a new number");
  cancel->callback([o, cancel] {
    CancelReceipt c{(*o)["c_number"], (*o)["c_reason"], DateOrToday((*o)["c_date"], "--date"),
                    cancel->count("--reissue") > 0};
    auto l = OpenWriter();
    auto out = Run(*l, c);
    Print("receipt " + c.number + " cancelled " + Where(out));
    if (out.events.size() > 1)
      Print(std::get<ReceiptIssued>(out.events.back()).number);
  });
  auto* list = receipt->add_subcommand("list", "The receipts register");
  list->add_option("--year", (*o)["l_year"], "Only numbers of this year");
  list->add_flag("--json", *json, "JSON output");
  list->callback([o, json] {
    auto l = OpenReader();
    int year = (*o)["l_year"].empty() ? 0 : YearArg("--year", std::atoi((*o)["l_year"].c_str()));
    Json j;
    j.OpenArray();
    if (!*json)
      std::printf("%-10s %-10s %-9s %-16s %14s %-23s %s\n", "NUMBER", "ISSUED", "STATUS", "PARTNER",
                  "AMOUNT", "PERIOD", "NOTE");
    for (const auto& num : l->state().receipt_order) {
      const auto& rs = l->state().receipts.at(num);
      if (year && rs.receipt.year != year) continue;
      if (*json) {
        auto issued = l->IssuedReceipt(rs);
        if (!issued) FailStatus(issued.error());
        ReceiptJson(j, rs, *issued);
        continue;
      }
      std::string note;
      if (!rs.receipt.replaces.empty()) note += "replaces " + rs.receipt.replaces + " ";
      if (!rs.replaced_by.empty()) note += "replaced by " + rs.replaced_by + " ";
      if (rs.cancelled) note += "(" + rs.cancellation.reason + ")";
      std::string period = Iso(rs.receipt.period_from);
      if (rs.receipt.period_to != rs.receipt.period_from) period += ".." + Iso(rs.receipt.period_to);
      std::printf("%-10s %-10s %-9s %-16s %14s %-23s %s\n", num.c_str(),
                  Iso(rs.receipt.issued_on).c_str(), rs.cancelled ? "cancelled" : "issued",
                  rs.receipt.partner_id.c_str(), Euros(rs.receipt.amount_cents).c_str(),
                  period.c_str(), note.c_str());
    }
    j.CloseArray();
    if (*json) Print(j.str());
  });
  auto* show = receipt->add_subcommand("show", "Show a receipt with every mandatory mention");
  show->add_option("NUMBER", (*o)["s_number"])->required();
  show->add_flag("--json", *json, "JSON output");
  show->callback([o, json] {
    auto l = OpenReader();
    const ReceiptState* rs = l->state().Receipt((*o)["s_number"]);
    if (!rs) Fail(kExitUsage, "fij: no receipt " + (*o)["s_number"] + "; see `fij receipt list`");
    auto issued = l->IssuedReceipt(*rs);
    if (!issued) FailStatus(issued.error());
    const ReceiptIssued& r = *issued;
    if (*json) {
      Json j;
      ReceiptJson(j, *rs, r);
      Print(j.str());
      return;
    }
    Print("Reçu n° " + r.number + " (" + ToString(r.form) + ", article " + r.article + " CGI)" +
          (rs->cancelled ? "  ANNULÉ le " + Iso(rs->cancellation.date) + " : " +
                               rs->cancellation.reason
                         : ""));
    if (!r.replaces.empty()) Print("Remplace le reçu n° " + r.replaces);
    if (!rs->replaced_by.empty()) Print("Remplacé par le reçu n° " + rs->replaced_by);
    Print("Bénéficiaire : " + r.fund_name + ", " + r.fund_address);
    Print("  SIREN/RNA " + r.fund_siren + " ; objet : " + r.fund_object);
    Print("  " + r.fund_category + " ; agrément " + r.agrement_ref);
    Print("Donateur : " + r.donor_name +
          (r.donor_kind == PartnerKind::kCompany
               ? " (" + r.donor_legal_form + ", SIREN " + r.donor_siren + ")"
               : "") +
          ", " + r.donor_address);
    Print("Montant : ***" + Euros(r.amount_cents) + "*** (" + r.amount_words + ")");
    Print(r.period_from == r.period_to ? "Date du versement : " + Iso(r.period_from)
                                       : "Période : " + Iso(r.period_from) + " au " +
                                             Iso(r.period_to));
    Print("Forme : " + r.forme_du_don + " ; nature : " + r.nature_du_don +
          (r.mode_de_versement.empty() ? "" : " ; mode : " + r.mode_de_versement));
    if (!r.in_kind_description.empty()) Print("Description : " + r.in_kind_description);
    Print(r.certification);
    Print("Émis le " + Iso(r.issued_on) + " par " + r.signer_name + ", " + r.signer_capacity);
  });
  auto* pdf = receipt->add_subcommand("pdf", "Render a printable PDF receipt");
  pdf->add_option("NUMBER", (*o)["p_number"])->required();
  pdf->add_option("-o,--output", (*o)["p_out"], "Output file (default RECEIPT-NUMBER.pdf)");
  pdf->callback([o] {
    auto l = OpenReader();
    const ReceiptState* rs = l->state().Receipt((*o)["p_number"]);
    if (!rs) Fail(kExitUsage, "fij: no receipt " + (*o)["p_number"] + "; see `fij receipt list`");
    std::string out = (*o)["p_out"].empty() ? "recu-" + rs->receipt.number + ".pdf" : (*o)["p_out"];
    auto issued = l->IssuedReceipt(*rs);
    if (!issued) FailStatus(issued.error());
    auto st = RenderReceiptPdf(*issued, rs->cancelled ? &rs->cancellation : nullptr, out);
    if (!st.ok()) FailStatus(st);
    Print(out);
  });
}

// ---- declaration ----

void RegisterDeclaration(CLI::App& app) {
  auto* decl = app.add_subcommand("declaration",
                                  "Art. 222 bis figures for a year (and --file to freeze them)");
  auto o = std::make_shared<std::map<std::string, std::string>>();
  auto json = std::make_shared<bool>(false);
  decl->add_option("--year", (*o)["year"])->required();
  decl->add_option("--fund", (*o)["fund"]);
  decl->add_flag("--json", *json, "JSON output");
  decl->add_flag("--file")->description("Record the declaration as filed (a DeclarationFiled event)");
  decl->add_option("--date", (*o)["date"], "Filing date with --file (default today)");
  decl->callback([o, json, decl] {
    int32_t year = YearArg("--year", std::atoi((*o)["year"].c_str()));
    if (decl->count("--file")) {
      auto l = OpenWriter();
      FileDeclaration c{(*o)["fund"], year, DateOrToday((*o)["date"], "--date")};
      auto out = Run(*l, c);
      const auto& d = std::get<DeclarationFiled>(out.events.back());
      Print("declaration " + std::to_string(year) + " filed: " + std::to_string(d.receipts_count) +
            " receipts, " + Euros(d.total_cents) + " " + Where(out));
      return;
    }
    auto l = OpenReader();
    auto d = projections::ComputeDeclaration(l->state(), (*o)["fund"], year);
    if (*json) {
      Json j;
      j.Open().Str("fund", d.fund_id).Int("year", d.year).Int("receipts", d.receipts_count);
      j.Money("total", d.total_cents).Int("cancelled", d.cancelled_count);
      j.Str("deadline", d.deadline.ToIso()).Bool("filed", d.filed);
      if (d.filed) j.Str("filed_on", Iso(d.filed_on));
      j.Money("company_threshold", d.company_threshold_cents);
      j.OpenArray("companies");
      for (const auto& c : d.companies) {
        j.Open().Str("partner", c.partner_id).Str("name", c.name).Str("siren", c.siren);
        j.Money("total", c.total_cents).Money("counterparts", c.counterparts_cents);
        j.OpenArray("gifts");
        for (const auto& g : c.gifts)
          j.Open().Str("gift", g.gift_id).Str("date", Iso(g.date)).Money("amount", g.amount_cents)
              .Money("counterparts", g.counterparts_cents).Str("receipt", g.receipt).Close();
        j.CloseArray().Close();
      }
      j.CloseArray().Close();
      Print(j.str());
      return;
    }
    Print("Déclaration des dons (art. 222 bis CGI) — fonds " + d.fund_id + ", année " +
          std::to_string(year));
    Print("  receipts issued (valid)   " + std::to_string(d.receipts_count));
    Print("  total amount receipted    " + Euros(d.total_cents));
    Print("  cancelled receipts        " + std::to_string(d.cancelled_count) + " (not counted)");
    Print("  filing deadline           " + d.deadline.ToIso() +
          " (2nd working day after 1 May)");
    Print(d.filed ? "  filed on " + Iso(d.filed_on) + ": " + std::to_string(d.filed_count) +
                        " receipts, " + Euros(d.filed_total_cents)
                  : "  not filed yet (fij declaration --year " + std::to_string(year) + " --file)");
    Print("Companies above " + Euros(d.company_threshold_cents) +
          " (data for their own declaration, art. 238 bis 6):");
    if (d.companies.empty()) Print("  none");
    for (const auto& c : d.companies) {
      Print("  " + c.name + " (SIREN " + c.siren + "): " + Euros(c.total_cents) +
            ", counterparts " + Euros(c.counterparts_cents));
      for (const auto& g : c.gifts)
        Print("    " + Iso(g.date) + "  " + Euros(g.amount_cents) + "  counterparts " +
              Euros(g.counterparts_cents) + (g.receipt.empty() ? "" : "  receipt " + g.receipt));
    }
  });
}

}  // namespace

void RegisterCoordinator(CLI::App& app) {
  RegisterFund(app);
  RegisterPartners(app);
  RegisterGift(app);
  RegisterReceipt(app);
  RegisterDeclaration(app);
}

}  // namespace fij::cli
