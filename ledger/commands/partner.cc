// RegisterPartner, CorrectPartner, MakePledge.
#include "ledger/commands.h"
#include "ledger/date.h"
#include "ledger/money.h"

namespace fij::ledger {

Decision Decide(const State& s, const RegisterPartner& c) {
  if (s.partners.count(c.partner_id))
    return tl::unexpected(Reject(Rejection::kDuplicateId,
                                 "Partner '" + c.partner_id + "' exists; correct it with "
                                 "`fij partner correct`."));
  if (!c.siren.empty() && !ValidSiren(c.siren))
    return tl::unexpected(Reject(Rejection::kInvalidSiren,
                                 "'" + c.siren + "' is not a valid SIREN (9 digits, Luhn key); "
                                 "check the company's Kbis or INSEE notice."));
  return std::vector<Event>{PartnerRegistered{c.partner_id, c.kind, c.name, c.siren,
                                              c.legal_form, c.address, c.date}};
}

CommandSpec Spec(const State&, const RegisterPartner& c) {
  Body b;
  b.Add("id", c.partner_id).Add("kind", ToString(c.kind)).Add("name", c.name);
  b.Add("siren", c.siren).Add("legal_form", c.legal_form).Add("address", c.address);
  return {"partner-" + c.partner_id, engine::kNoStream, "partner:" + c.partner_id, b.str()};
}

Decision Decide(const State& s, const CorrectPartner& c) {
  if (!s.Partner(c.partner_id))
    return tl::unexpected(Reject(Rejection::kUnknownPartner,
                                 "No partner '" + c.partner_id + "'; see `fij partner list`."));
  if (!c.siren.empty() && !ValidSiren(c.siren))
    return tl::unexpected(Reject(Rejection::kInvalidSiren,
                                 "'" + c.siren + "' is not a valid SIREN (9 digits, Luhn key)."));
  return std::vector<Event>{
      PartnerCorrected{c.partner_id, c.name, c.siren, c.legal_form, c.address, c.date}};
}

CommandSpec Spec(const State&, const CorrectPartner& c) {
  Body b;
  b.Add("id", c.partner_id).Add("name", c.name).Add("siren", c.siren);
  b.Add("legal_form", c.legal_form).Add("address", c.address).Add("date", c.date);
  return {"partner-" + c.partner_id, engine::kAnyVersion,
          "partner-correct:" + c.partner_id + ":" + ShortDigest(b.str()), b.str()};
}

Decision Decide(const State& s, const MakePledge& c) {
  if (s.pledges.count(c.pledge_id))
    return tl::unexpected(Reject(Rejection::kDuplicateId, "Pledge '" + c.pledge_id + "' exists."));
  if (!s.Partner(c.partner_id))
    return tl::unexpected(Reject(Rejection::kUnknownPartner,
                                 "No partner '" + c.partner_id + "'; register it with "
                                 "`fij partner add`."));
  const FundState* f = s.Fund(c.fund_id);
  if (!f) return tl::unexpected(NoSuchFund(s, c.fund_id));
  if (c.amount_per_year_cents <= 0 || c.amount_per_year_cents > kAmountCentsMax)
    return tl::unexpected(Reject(Rejection::kInvalidAmount, "The yearly amount must be positive."));
  if (c.years == 0 || c.years > 30)
    return tl::unexpected(Reject(Rejection::kInvalidPeriod, "--years must be 1 to 30."));
  if (c.from_year < 1900 || c.from_year > 2999)
    return tl::unexpected(Reject(Rejection::kInvalidPeriod, "--from must be a year."));
  return std::vector<Event>{PledgeMade{c.pledge_id, c.partner_id, f->identity.fund_id,
                                       c.amount_per_year_cents, c.years, c.from_year,
                                       c.renewable, c.date}};
}

CommandSpec Spec(const State& s, const MakePledge& c) {
  Body b;
  b.Add("id", c.pledge_id).Add("partner", c.partner_id);
  b.Add("fund", c.fund_id.empty() ? s.default_fund : c.fund_id);
  b.Add("amount", c.amount_per_year_cents).Add("years", c.years).Add("from", c.from_year);
  b.Add("renewable", c.renewable ? 1 : 0);
  return {"pledge-" + c.pledge_id, engine::kNoStream, "pledge:" + c.pledge_id, b.str()};
}

}  // namespace fij::ledger
