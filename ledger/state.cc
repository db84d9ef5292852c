#include "ledger/state.h"

#include "engine/status.h"

namespace fij::ledger {

const AgrementRecorded* FundState::AgrementOn(uint32_t date) const {
  for (const auto& a : agrements)
    if (a.valid_from <= date && date <= a.valid_to) return &a;
  return nullptr;
}

const FundState* State::Fund(const std::string& id) const {
  auto it = funds.find(id.empty() ? default_fund : id);
  return it == funds.end() ? nullptr : &it->second;
}
const PartnerState* State::Partner(const std::string& id) const {
  auto it = partners.find(id);
  return it == partners.end() ? nullptr : &it->second;
}
const GiftState* State::Gift(const std::string& id) const {
  auto it = gifts.find(id);
  return it == gifts.end() ? nullptr : &it->second;
}
const ReceiptState* State::Receipt(const std::string& number) const {
  auto it = receipts.find(number);
  return it == receipts.end() ? nullptr : &it->second;
}

int64_t State::CounterpartsInYear(const std::string& partner_id, int32_t year) const {
  const PartnerState* p = Partner(partner_id);
  if (!p) return 0;
  int64_t sum = 0;
  for (const auto& id : p->gift_ids) {
    const GiftState& g = gifts.at(id);
    if (g.received && static_cast<int32_t>(g.received_on / 10000) == year)
      sum += g.gift.counterparts_cents;
  }
  return sum;
}

void Apply(State& s, const FundInitialized& e) {
  FIJ_CHECK(!s.funds.count(e.fund_id)) << "fund " << e.fund_id << " initialised twice";
  s.funds[e.fund_id].identity = e;
  if (s.default_fund.empty()) s.default_fund = e.fund_id;
}

void Apply(State& s, const AgrementRecorded& e) {
  FIJ_CHECK(s.funds.count(e.fund_id)) << "agrément for unknown fund " << e.fund_id;
  s.funds[e.fund_id].agrements.push_back(e);
}

void Apply(State& s, const PartnerRegistered& e) {
  FIJ_CHECK(!s.partners.count(e.partner_id)) << "partner " << e.partner_id << " twice";
  s.partners[e.partner_id].identity = e;
}

void Apply(State& s, const PartnerCorrected& e) {
  auto& p = s.partners.at(e.partner_id).identity;
  if (!e.name.empty()) p.name = e.name;
  if (!e.siren.empty()) p.siren = e.siren;
  if (!e.legal_form.empty()) p.legal_form = e.legal_form;
  if (!e.address.empty()) p.address = e.address;
}

void Apply(State& s, const PledgeMade& e) {
  FIJ_CHECK(!s.pledges.count(e.pledge_id)) << "pledge " << e.pledge_id << " twice";
  s.pledges[e.pledge_id].pledge = e;
  s.partners.at(e.partner_id).pledge_ids.push_back(e.pledge_id);
}

void Apply(State& s, const GiftRecorded& e) {
  FIJ_CHECK(!s.gifts.count(e.gift_id)) << "gift " << e.gift_id << " twice";
  FIJ_CHECK(e.amount_cents > 0) << "gift " << e.gift_id << " amount " << e.amount_cents;
  GiftState& g = s.gifts[e.gift_id];
  g.gift = e;
  g.received = e.date != 0;
  g.received_on = e.date;
  s.partners.at(e.partner_id).gift_ids.push_back(e.gift_id);
  if (!e.pledge_id.empty()) {
    PledgeState& p = s.pledges.at(e.pledge_id);
    p.gift_ids.push_back(e.gift_id);
    if (g.received) p.fulfilled_cents += e.amount_cents;
  }
}

void Apply(State& s, const GiftReceived& e) {
  GiftState& g = s.gifts.at(e.gift_id);
  FIJ_CHECK(!g.received) << "gift " << e.gift_id << " received twice";
  g.received = true;
  g.received_on = e.date;
  if (!g.gift.pledge_id.empty()) s.pledges.at(g.gift.pledge_id).fulfilled_cents += g.gift.amount_cents;
}

void Apply(State& s, const ReceiptIssued& e) {
  FIJ_CHECK(!s.receipts.count(e.number)) << "receipt number " << e.number << " reused";
  auto& seq = s.receipt_sequences[{e.fund_id, e.year}];
  FIJ_CHECK(e.sequence == seq + 1) << "receipt " << e.number << " breaks the sequence after "
                                   << seq;
  seq = e.sequence;
  ReceiptState& r = s.receipts[e.number];
  r.receipt = e;
  s.receipt_order.push_back(e.number);
  for (const auto& id : e.gift_ids) {
    GiftState& g = s.gifts.at(id);
    FIJ_CHECK(g.active_receipt.empty()) << "gift " << id << " receipted twice";
    g.active_receipt = e.number;
    g.receipts.push_back(e.number);
  }
  if (!e.replaces.empty()) s.receipts.at(e.replaces).replaced_by = e.number;
}

void Apply(State& s, const ReceiptCancelled& e) {
  ReceiptState& r = s.receipts.at(e.number);
  FIJ_CHECK(!r.cancelled) << "receipt " << e.number << " cancelled twice";
  r.cancelled = true;
  r.cancellation = e;
  for (const auto& id : r.receipt.gift_ids) {
    GiftState& g = s.gifts.at(id);
    if (g.active_receipt == e.number) g.active_receipt.clear();
  }
}

void Apply(State& s, const ParameterSet& e) { s.params.Set(e.name, e.valid_from, e.value); }

void Apply(State& s, const DeclarationFiled& e) { s.declarations[{e.fund_id, e.year}] = e; }

void ApplyEvent(State& s, const Event& e) {
  std::visit([&s](const auto& ev) { Apply(s, ev); }, e);
}

}  // namespace fij::ledger
