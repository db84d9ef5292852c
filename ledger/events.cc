#include "ledger/events.h"

namespace fij::ledger {
namespace {
template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;
}  // namespace

const char* EventTypeName(const Event& e) {
  return std::visit(Overloaded{
                        [](const FundInitialized&) { return "FundInitialized"; },
                        [](const AgrementRecorded&) { return "AgrementRecorded"; },
                        [](const PartnerRegistered&) { return "PartnerRegistered"; },
                        [](const PartnerCorrected&) { return "PartnerCorrected"; },
                        [](const PledgeMade&) { return "PledgeMade"; },
                        [](const GiftRecorded&) { return "GiftRecorded"; },
                        [](const GiftReceived&) { return "GiftReceived"; },
                        [](const ReceiptIssued&) { return "ReceiptIssued"; },
                        [](const ReceiptCancelled&) { return "ReceiptCancelled"; },
                        [](const ParameterSet&) { return "ParameterSet"; },
                        [](const DeclarationFiled&) { return "DeclarationFiled"; },
                    },
                    e);
}

uint32_t EffectiveDate(const Event& e) {
  return std::visit(Overloaded{
                        [](const FundInitialized& x) { return x.date; },
                        [](const AgrementRecorded& x) { return x.date; },
                        [](const PartnerRegistered& x) { return x.date; },
                        [](const PartnerCorrected& x) { return x.date; },
                        [](const PledgeMade& x) { return x.date; },
                        [](const GiftRecorded& x) { return x.date ? x.date : x.announced_on; },
                        [](const GiftReceived& x) { return x.date; },
                        [](const ReceiptIssued& x) { return x.issued_on; },
                        [](const ReceiptCancelled& x) { return x.date; },
                        [](const ParameterSet& x) { return x.valid_from; },
                        [](const DeclarationFiled& x) { return x.date; },
                    },
                    e);
}

const char* ToString(PartnerKind k) {
  switch (k) {
    case PartnerKind::kCompany: return "company";
    case PartnerKind::kIndividual: return "individual";
  }
  return "?";
}
const char* ToString(PaymentMethod m) {
  switch (m) {
    case PaymentMethod::kTransfer: return "transfer";
    case PaymentMethod::kCheque: return "cheque";
    case PaymentMethod::kCash: return "cash";
    case PaymentMethod::kCard: return "card";
    case PaymentMethod::kDebit: return "debit";
  }
  return "?";
}
const char* ToString(GiftNature n) {
  switch (n) {
    case GiftNature::kCash: return "cash";
    case GiftNature::kInKind: return "in-kind";
    case GiftNature::kSkills: return "skills";
  }
  return "?";
}
const char* ToString(GiftKind k) {
  switch (k) {
    case GiftKind::kPatronage: return "patronage";
    case GiftKind::kSponsorship: return "sponsorship";
  }
  return "?";
}
const char* ToString(ReceiptForm f) {
  switch (f) {
    case ReceiptForm::kCerfa11580: return "Cerfa 11580*05";
    case ReceiptForm::kCerfa16216: return "Cerfa 16216*02";
  }
  return "?";
}

}  // namespace fij::ledger
