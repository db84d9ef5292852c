// RecordGift, ReceiveGift. A gift is recorded on its tax date (cheque: handed over; transfer,
// debit, card: credited to the fund's account), or recorded pending and received later.
#include "ledger/commands.h"
#include "ledger/date.h"
#include "ledger/money.h"

namespace fij::ledger {

Decision Decide(const State& s, const RecordGift& c) {
  if (s.gifts.count(c.gift_id))
    return tl::unexpected(Reject(Rejection::kDuplicateId, "Gift '" + c.gift_id + "' exists."));
  const PartnerState* p = s.Partner(c.partner_id);
  if (!p)
    return tl::unexpected(Reject(Rejection::kUnknownPartner,
                                 "No partner '" + c.partner_id + "'; register it with "
                                 "`fij partner add " + c.partner_id + " --kind ... --name ...`."));
  const FundState* f = s.Fund(c.fund_id);
  if (!f) return tl::unexpected(NoSuchFund(s, c.fund_id));
  if (c.amount_cents <= 0 || c.amount_cents > kAmountCentsMax)
    return tl::unexpected(Reject(Rejection::kInvalidAmount,
                                 "A gift's amount must be positive and at most "
                                 "1 000 000 000 000,00 EUR."));
  if (c.counterparts_cents < 0 || c.counterparts_cents > kAmountCentsMax)
    return tl::unexpected(Reject(Rejection::kInvalidAmount, "Counterparts are zero or positive."));
  if (!c.pledge_id.empty()) {
    auto it = s.pledges.find(c.pledge_id);
    if (it == s.pledges.end())
      return tl::unexpected(Reject(Rejection::kUnknownPledge,
                                   "No pledge '" + c.pledge_id + "'; see `fij pledge list`."));
    if (it->second.pledge.partner_id != c.partner_id)
      return tl::unexpected(Reject(Rejection::kPledgeOfAnotherPartner,
                                   "Pledge '" + c.pledge_id + "' belongs to partner '" +
                                       it->second.pledge.partner_id + "', not '" +
                                       c.partner_id + "'."));
    if (it->second.pledge.fund_id != f->identity.fund_id)
      return tl::unexpected(Reject(Rejection::kPledgeOfAnotherFund,
                                   "Pledge '" + c.pledge_id + "' was made to fund '" +
                                       it->second.pledge.fund_id + "'."));
  }
  GiftRecorded g;
  g.gift_id = c.gift_id;
  g.partner_id = c.partner_id;
  g.fund_id = f->identity.fund_id;
  g.amount_cents = c.amount_cents;
  g.date = c.pending ? 0 : c.date;
  g.announced_on = c.date;
  g.method = c.method;
  g.nature = c.nature;
  g.kind = c.kind;
  g.pledge_id = c.pledge_id;
  g.counterparts_cents = c.counterparts_cents;
  g.counterparts_description = c.counterparts_description;
  g.valuation_ref = c.valuation_ref;
  g.description = c.description;
  return std::vector<Event>{g};
}

CommandSpec Spec(const State& s, const RecordGift& c) {
  Body b;
  b.Add("id", c.gift_id).Add("partner", c.partner_id);
  b.Add("fund", c.fund_id.empty() ? s.default_fund : c.fund_id);
  b.Add("amount", c.amount_cents).Add("date", c.date).Add("pending", c.pending ? 1 : 0);
  b.Add("method", ToString(c.method)).Add("nature", ToString(c.nature));
  b.Add("kind", ToString(c.kind)).Add("pledge", c.pledge_id);
  b.Add("counterparts", c.counterparts_cents).Add("counterparts_desc", c.counterparts_description);
  b.Add("valuation", c.valuation_ref).Add("description", c.description);
  return {"gift-" + c.gift_id, engine::kNoStream, "gift:" + c.gift_id, b.str()};
}

Decision Decide(const State& s, const ReceiveGift& c) {
  const GiftState* g = s.Gift(c.gift_id);
  if (!g)
    return tl::unexpected(Reject(Rejection::kUnknownGift,
                                 "No gift '" + c.gift_id + "'; see `fij gift list`."));
  if (g->received)
    return tl::unexpected(Reject(Rejection::kGiftAlreadyReceived,
                                 "Gift '" + c.gift_id + "' was received on " +
                                     YmdToIso(g->received_on) + "."));
  if (c.date < g->gift.announced_on)
    return tl::unexpected(Reject(Rejection::kInvalidPeriod,
                                 "The money cannot arrive (" + YmdToIso(c.date) +
                                     ") before the gift was recorded (" +
                                     YmdToIso(g->gift.announced_on) + ")."));
  return std::vector<Event>{GiftReceived{c.gift_id, c.date}};
}

CommandSpec Spec(const State&, const ReceiveGift& c) {
  Body b;
  b.Add("id", c.gift_id).Add("date", c.date);
  return {"gift-" + c.gift_id, engine::kAnyVersion, "gift-received:" + c.gift_id, b.str()};
}

}  // namespace fij::ledger
