// InitFund, AddAgrement, SetParameter: the fund's identity, its agrément periods, its dated
// parameters.
#include "ledger/commands.h"
#include "ledger/date.h"

namespace fij::ledger {

namespace {
std::optional<Rejected> CheckPeriod(uint32_t from, uint32_t to) {
  if (from == 0 || to == 0 || to < from)
    return Reject(Rejection::kInvalidPeriod,
                  "The agrément runs from " + YmdToIso(from) + " to " + YmdToIso(to) +
                      "; give --from and --to with --to on or after --from.");
  return std::nullopt;
}
}  // namespace

Decision Decide(const State& s, const InitFund& c) {
  if (s.funds.count(c.fund_id))
    return tl::unexpected(Reject(Rejection::kFundAlreadyInitialized,
                                 "Fund '" + c.fund_id + "' exists; record a renewal with "
                                 "`fij agrement add`."));
  if (!c.siren.empty() && c.siren.size() == 9 && !ValidSiren(c.siren))
    return tl::unexpected(Reject(Rejection::kInvalidSiren,
                                 "'" + c.siren + "' fails the check digit; copy it again from "
                                 "the INSEE notice."));
  std::vector<Event> out;
  out.push_back(FundInitialized{c.fund_id, c.name, c.siren, c.address, c.object, c.category,
                                c.signer_name, c.signer_capacity, c.date});
  if (!c.agrement_ref.empty()) {
    if (auto r = CheckPeriod(c.agrement_from, c.agrement_to)) return tl::unexpected(*r);
    out.push_back(AgrementRecorded{c.fund_id, c.agrement_ref, c.agrement_from, c.agrement_to,
                                   c.date});
  }
  if (!c.initial_coordinator.empty() && s.roles.empty())
    out.push_back(RoleGranted{c.initial_coordinator, ActorRole::kCoordinator, c.date});
  return out;
}

CommandSpec Spec(const State&, const InitFund& c) {
  Body b;
  b.Add("fund", c.fund_id).Add("name", c.name).Add("siren", c.siren).Add("address", c.address);
  b.Add("object", c.object).Add("category", c.category).Add("signer", c.signer_name);
  b.Add("capacity", c.signer_capacity).Add("agrement", c.agrement_ref);
  b.Add("from", c.agrement_from).Add("to", c.agrement_to);
  return {"fund-" + c.fund_id, engine::kNoStream, "fund-init:" + c.fund_id, b.str()};
}

Decision Decide(const State& s, const AddAgrement& c) {
  const FundState* f = s.Fund(c.fund_id);
  if (!f) return tl::unexpected(NoSuchFund(s, c.fund_id));
  if (auto r = CheckPeriod(c.valid_from, c.valid_to)) return tl::unexpected(*r);
  return std::vector<Event>{AgrementRecorded{f->identity.fund_id, c.reference, c.valid_from,
                                             c.valid_to, c.date}};
}

CommandSpec Spec(const State& s, const AddAgrement& c) {
  std::string fund = c.fund_id.empty() ? s.default_fund : c.fund_id;
  Body b;
  b.Add("fund", fund).Add("ref", c.reference).Add("from", c.valid_from).Add("to", c.valid_to);
  return {"fund-" + fund, engine::kAnyVersion, "agrement:" + fund + ":" + c.reference, b.str()};
}

Decision Decide(const State& s, const SetParameter& c) {
  if (!s.params.Known(c.name)) {
    std::string names;
    for (const auto& [n, v] : s.params.all()) names += (names.empty() ? "" : ", ") + n;
    return tl::unexpected(Reject(Rejection::kUnknownParameter,
                                 "'" + c.name + "' is not a parameter; known: " + names + "."));
  }
  if (c.valid_from == 0)
    return tl::unexpected(Reject(Rejection::kInvalidPeriod, "Give the date it applies from."));
  return std::vector<Event>{ParameterSet{c.name, c.value, c.valid_from, c.note}};
}

CommandSpec Spec(const State&, const SetParameter& c) {
  Body b;
  b.Add("name", c.name).Add("value", c.value).Add("from", c.valid_from).Add("note", c.note);
  return {"parameters", engine::kAnyVersion,
          "param:" + c.name + ":" + std::to_string(c.valid_from), b.str()};
}

}  // namespace fij::ledger
