#include "ledger/invariants.h"

#include "ledger/posting_map.h"

namespace fij::ledger {
namespace {
template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

using Check = std::optional<std::string>;
}  // namespace

std::optional<std::string> CheckInvariants(const State& s, const Event& event) {
  Check c = std::visit(
      Overloaded{
          [&](const FundInitialized& e) -> Check {
            if (s.funds.count(e.fund_id)) return "fund " + e.fund_id + " initialised twice";
            return std::nullopt;
          },
          [&](const AgrementRecorded& e) -> Check {
            if (!s.funds.count(e.fund_id)) return "agrément for unknown fund " + e.fund_id;
            if (e.valid_to < e.valid_from) return "agrément period ends before it starts";
            return std::nullopt;
          },
          [&](const PartnerRegistered& e) -> Check {
            if (s.partners.count(e.partner_id)) return "partner " + e.partner_id + " twice";
            return std::nullopt;
          },
          [&](const PartnerCorrected& e) -> Check {
            if (!s.partners.count(e.partner_id)) return "correction of unknown partner";
            return std::nullopt;
          },
          [&](const PledgeMade& e) -> Check {
            if (s.pledges.count(e.pledge_id)) return "pledge " + e.pledge_id + " twice";
            if (!s.partners.count(e.partner_id)) return "pledge of unknown partner";
            return std::nullopt;
          },
          [&](const GiftRecorded& e) -> Check {
            if (s.gifts.count(e.gift_id)) return "gift " + e.gift_id + " twice";
            if (!s.partners.count(e.partner_id)) return "gift of unknown partner";
            if (e.amount_cents <= 0) return "gift " + e.gift_id + " has a non-positive amount";
            if (!e.pledge_id.empty() && !s.pledges.count(e.pledge_id))
              return "gift " + e.gift_id + " fulfils an unknown pledge";
            return std::nullopt;
          },
          [&](const GiftReceived& e) -> Check {
            const GiftState* g = s.Gift(e.gift_id);
            if (!g) return "receipt of money for unknown gift " + e.gift_id;
            if (g->received) return "gift " + e.gift_id + " received twice";
            return std::nullopt;
          },
          [&](const ReceiptIssued& e) -> Check {
            if (s.receipts.count(e.number)) return "receipt number " + e.number + " reused";
            auto it = s.receipt_sequences.find({e.fund_id, e.year});
            uint32_t prev = it == s.receipt_sequences.end() ? 0 : it->second;
            if (e.sequence != prev + 1)
              return "receipt " + e.number + " leaves a gap: sequence " +
                     std::to_string(e.sequence) + " after " + std::to_string(prev);
            int64_t sum = 0;
            for (const auto& id : e.gift_ids) {
              const GiftState* g = s.Gift(id);
              if (!g) return "receipt " + e.number + " covers unknown gift " + id;
              if (!g->received) return "receipt " + e.number + " covers pending gift " + id;
              if (!g->active_receipt.empty())
                return "receipt " + e.number + " covers gift " + id + " already on " +
                       g->active_receipt;
              if (g->gift.kind != GiftKind::kPatronage)
                return "receipt " + e.number + " covers sponsorship " + id;
              sum += g->gift.amount_cents;
            }
            if (sum != e.amount_cents)
              return "receipt " + e.number + " amount differs from its gifts' total";
            if (!e.replaces.empty()) {
              const ReceiptState* old = s.Receipt(e.replaces);
              if (!old || !old->cancelled)
                return "receipt " + e.number + " replaces " + e.replaces +
                       ", which is not cancelled";
            }
            return std::nullopt;
          },
          [&](const ReceiptCancelled& e) -> Check {
            const ReceiptState* r = s.Receipt(e.number);
            if (!r) return "cancellation of unknown receipt " + e.number;
            if (r->cancelled) return "receipt " + e.number + " cancelled twice";
            return std::nullopt;
          },
          [&](const ParameterSet&) -> Check { return std::nullopt; },
          [&](const DeclarationFiled&) -> Check { return std::nullopt; },
      },
      event);
  if (c) return c;
  for (const auto& entry : PostingsFor(s, event))
    if (!Balanced(entry)) return "unbalanced entry for " + entry.piece_ref;
  return std::nullopt;
}

}  // namespace fij::ledger
