#include "ledger/rejection.h"

namespace fij::ledger {
namespace {
struct Info {
  Rejection code;
  const char* name;
  const char* rule;
};
constexpr Info kInfos[] = {
    {Rejection::kFundNotInitialized, "kFundNotInitialized",
     "the store has no fund yet; run `fij init` first"},
    {Rejection::kFundAlreadyInitialized, "kFundAlreadyInitialized",
     "a fund's identity is recorded once"},
    {Rejection::kUnknownPartner, "kUnknownPartner", "the partner must be registered first"},
    {Rejection::kUnknownPledge, "kUnknownPledge", "the pledge must be recorded first"},
    {Rejection::kUnknownGift, "kUnknownGift", "the gift must be recorded first"},
    {Rejection::kUnknownReceipt, "kUnknownReceipt", "no receipt has that number"},
    {Rejection::kUnknownFund, "kUnknownFund", "the fund must exist"},
    {Rejection::kOutsideAgrementPeriod, "kOutsideAgrementPeriod",
     "receipts are issued only for gifts made while the fund's art. 238 bis 4 agrément is valid "
     "(DOMAIN-LAW.md §1.1, §9 rule 4)"},
    {Rejection::kCounterpartsAboveQuarterOfGift, "kCounterpartsAboveQuarterOfGift",
     "counterparts may not exceed 25 % of the gift (DOMAIN-LAW.md §1, §2, §9 rule 4)"},
    {Rejection::kCounterpartsAboveCitizenYearlyCap, "kCounterpartsAboveCitizenYearlyCap",
     "a citizen's counterparts may not exceed the yearly cap per donor (73 EUR since 2021; "
     "DOMAIN-LAW.md §2, §9 rule 4)"},
    {Rejection::kInKindWithoutCompanyValuation, "kInKindWithoutCompanyValuation",
     "a company's gift in kind or of skills needs the company's own valuation before any "
     "receipt (DOMAIN-LAW.md §3.2, §9 rule 4)"},
    {Rejection::kSponsorshipNotPatronage, "kSponsorshipNotPatronage",
     "sponsorship (parrainage, account 7063) is a sale, not a gift, and gets no receipt "
     "(DOMAIN-LAW.md §6.1, §9 rule 4)"},
    {Rejection::kGiftNotReceived, "kGiftNotReceived",
     "a receipt needs the money received: a cheque handed over, a transfer, debit or card "
     "payment credited to the fund's account (DOMAIN-LAW.md §2, §9 rule 3)"},
    {Rejection::kAlreadyReceipted, "kAlreadyReceipted",
     "a gift appears on one valid receipt only (DOMAIN-LAW.md §9 rule 1)"},
    {Rejection::kDonorDataMissing, "kDonorDataMissing",
     "a receipt must identify the donor: full address for a citizen; name, legal form, SIREN "
     "and address for a company (DOMAIN-LAW.md §3.2, §9 rule 2)"},
    {Rejection::kReceiptAlreadyCancelled, "kReceiptAlreadyCancelled",
     "a receipt is cancelled once; its number is never reused (DOMAIN-LAW.md §3.3)"},
    {Rejection::kNothingToReceipt, "kNothingToReceipt",
     "a recap receipt needs at least one received, unreceipted gift in the period"},
    {Rejection::kAmountOverflow, "kAmountOverflow",
     "amounts and their sums must stay within exact 64-bit cents"},
    {Rejection::kInvalidPeriod, "kInvalidPeriod", "a period ends on or after it starts"},
    {Rejection::kPledgeOfAnotherPartner, "kPledgeOfAnotherPartner",
     "a gift fulfils only its own donor's pledge"},
    {Rejection::kGiftAlreadyReceived, "kGiftAlreadyReceived", "a gift is received once"},
    {Rejection::kReplacedReceiptNotCancelled, "kReplacedReceiptNotCancelled",
     "a corrected receipt replaces a cancelled receipt of the same donor (DOMAIN-LAW.md §3.3)"},
    {Rejection::kDeclarationAlreadyFiled, "kDeclarationAlreadyFiled",
     "the art. 222 bis declaration of a year is filed once (DOMAIN-LAW.md §4)"},
    {Rejection::kInvalidSiren, "kInvalidSiren",
     "a SIREN is 9 digits with a valid Luhn check digit"},
    {Rejection::kUnknownParameter, "kUnknownParameter", "only known parameters can be set"},
    {Rejection::kFundDataMissing, "kFundDataMissing",
     "a receipt must show the fund's name, address, object, SIREN/RNA, agrément reference and "
     "signer (DOMAIN-LAW.md §3.2)"},
    {Rejection::kInvalidAmount, "kInvalidAmount", "amounts are positive and within limits"},
    {Rejection::kReceiptBeforeGift, "kReceiptBeforeGift",
     "a receipt is issued on or after the date of the gifts it covers"},
    {Rejection::kPledgeOfAnotherFund, "kPledgeOfAnotherFund",
     "a gift fulfils a pledge made to the same fund"},
    {Rejection::kDuplicateId, "kDuplicateId", "an id names one thing only"},
};
}  // namespace

const char* RejectionName(Rejection r) {
  for (const auto& i : kInfos)
    if (i.code == r) return i.name;
  return "kUnknownRejection";
}
const char* RejectionRule(Rejection r) {
  for (const auto& i : kInfos)
    if (i.code == r) return i.rule;
  return "unknown rule";
}
const Rejection* AllRejections(size_t* count) {
  static Rejection all[std::size(kInfos)];
  static bool init = false;
  if (!init) {
    for (size_t i = 0; i < std::size(kInfos); ++i) all[i] = kInfos[i].code;
    init = true;
  }
  *count = std::size(kInfos);
  return all;
}

}  // namespace fij::ledger
