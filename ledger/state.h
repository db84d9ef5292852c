// The ledger's decision state: what commands need to decide, folded from the events.
// Apply() is the only way it changes, one overload per event, and it never fails: an event in
// the log was decided valid; Apply asserts what Decide checked.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ledger/events.h"
#include "ledger/params.h"

namespace fij::ledger {

struct FundState {
  FundInitialized identity;
  std::vector<AgrementRecorded> agrements;
  // The agrément valid on `date`, if any.
  const AgrementRecorded* AgrementOn(uint32_t date) const;
};

struct PartnerState {
  PartnerRegistered identity;  // with corrections applied
  std::vector<std::string> gift_ids;
  std::vector<std::string> pledge_ids;
};

struct PledgeState {
  PledgeMade pledge;
  int64_t fulfilled_cents = 0;
  std::vector<std::string> gift_ids;
};

struct GiftState {
  GiftRecorded gift;
  bool received = false;
  uint32_t received_on = 0;     // the tax date once received
  std::string active_receipt;   // the valid receipt covering it, "" if none
  std::vector<std::string> receipts;  // every receipt that ever covered it (cancelled too)
};

struct ReceiptState {
  ReceiptIssued receipt;
  bool cancelled = false;
  ReceiptCancelled cancellation;
  std::string replaced_by;
};

struct State {
  std::string default_fund;  // the first fund initialised
  std::map<std::string, FundState> funds;
  std::map<std::string, PartnerState> partners;
  std::map<std::string, PledgeState> pledges;
  std::map<std::string, GiftState> gifts;
  std::map<std::string, ReceiptState> receipts;
  std::vector<std::string> receipt_order;  // numbers in issue order
  // Next sequence per (fund, year); numbering is gap-free from 1.
  std::map<std::pair<std::string, int32_t>, uint32_t> receipt_sequences;
  std::map<std::pair<std::string, int32_t>, DeclarationFiled> declarations;
  Parameters params;
  uint64_t position = 0;  // the last applied log position

  const FundState* Fund(const std::string& id) const;
  const PartnerState* Partner(const std::string& id) const;
  const GiftState* Gift(const std::string& id) const;
  const ReceiptState* Receipt(const std::string& number) const;
  // Sum of counterparts given to a partner in a calendar year over received patronage gifts.
  int64_t CounterpartsInYear(const std::string& partner_id, int32_t year) const;
};

void Apply(State& s, const FundInitialized& e);
void Apply(State& s, const AgrementRecorded& e);
void Apply(State& s, const PartnerRegistered& e);
void Apply(State& s, const PartnerCorrected& e);
void Apply(State& s, const PledgeMade& e);
void Apply(State& s, const GiftRecorded& e);
void Apply(State& s, const GiftReceived& e);
void Apply(State& s, const ReceiptIssued& e);
void Apply(State& s, const ReceiptCancelled& e);
void Apply(State& s, const ParameterSet& e);
void Apply(State& s, const DeclarationFiled& e);
// Dispatches with std::visit.
void ApplyEvent(State& s, const Event& e);

}  // namespace fij::ledger
