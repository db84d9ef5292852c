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
    {Rejection::kUnknownProject, "kUnknownProject", "the project must be added first"},
    {Rejection::kUnknownCall, "kUnknownCall", "the call for projects must be opened first"},
    {Rejection::kOutsideCallPeriod, "kOutsideCallPeriod",
     "applications are received while the call is open, between its dates"},
    {Rejection::kUnknownMember, "kUnknownMember", "the committee member must be added first"},
    {Rejection::kUnknownSession, "kUnknownSession", "the session must be opened first"},
    {Rejection::kSessionClosed, "kSessionClosed", "a closed session takes no attendance or vote"},
    {Rejection::kVoterNotVoting, "kVoterNotVoting",
     "only patrons who are voting members vote; sociétaires and staff take part without voting"},
    {Rejection::kVoterAbsent, "kVoterAbsent", "a member votes only if recorded present"},
    {Rejection::kVotedTwice, "kVotedTwice", "a member votes once per item"},
    {Rejection::kVoterRecused, "kVoterRecused",
     "a member who declared a conflict of interest on a project does not vote on it"},
    {Rejection::kNotOnAgenda, "kNotOnAgenda", "votes and decisions are on the session's agenda"},
    {Rejection::kNoQuorum, "kNoQuorum",
     "a decision needs the committee's quorum (default: a majority of its voting members "
     "present)"},
    {Rejection::kNoMajority, "kNoMajority",
     "an approval needs the committee's majority (default: more votes for than against; a tie "
     "is not an approval)"},
    {Rejection::kCarrierNotEligible, "kCarrierNotEligible",
     "the fund's eligibility rules exclude this carrier (e.g. a local branch of a national "
     "organisation for the Fonds de confiance)"},
    {Rejection::kUnknownDecision, "kUnknownDecision", "the decision must be recorded first"},
    {Rejection::kGrantAboveDecision, "kGrantAboveDecision",
     "grant disbursements never exceed the amount the decision approved"},
    {Rejection::kLoanAlreadyDisbursed, "kLoanAlreadyDisbursed",
     "a decision's loan is disbursed once"},
    {Rejection::kUnknownLoan, "kUnknownLoan", "the loan must be disbursed first"},
    {Rejection::kRepaymentAboveOutstanding, "kRepaymentAboveOutstanding",
     "a repayment cannot exceed what the borrower still owes"},
    {Rejection::kExpenseAboveBudget, "kExpenseAboveBudget",
     "spending beyond the experiment's budget for a category needs a new decision and budget"},
    {Rejection::kBudgetAbovePackage, "kBudgetAbovePackage",
     "an experiment's budget stays within the aid package approved for it"},
    {Rejection::kExperimentClosed, "kExperimentClosed", "a closed experiment takes no spending"},
    {Rejection::kDeMinimisExceeded, "kDeMinimisExceeded",
     "aid to one undertaking stays under the de minimis ceiling over 3 rolling years "
     "(300 000 EUR since 2024; DOMAIN-LAW.md §1.1)"},
    {Rejection::kActorNotAuthorised, "kActorNotAuthorised",
     "each command needs a role: coordinator, secretary or voting member; auditors only read"},
    {Rejection::kInvalidLoanTerms, "kInvalidLoanTerms",
     "a loan has a positive principal, a term of 1 to 360 months, a deferral shorter than the "
     "term, and a rate of 0 to 20 %"},
    {Rejection::kDecisionIsARejection, "kDecisionIsARejection",
     "money moves only under an approving decision"},
    {Rejection::kUnknownGuarantee, "kUnknownGuarantee", "the guarantee must be granted first"},
    {Rejection::kGuaranteeNotActive, "kGuaranteeNotActive",
     "a released or fully called guarantee takes no further call or provision"},
    {Rejection::kMemberOfAnotherFund, "kMemberOfAnotherFund",
     "a session is attended by members of that fund's committee"},
    {Rejection::kNotApplied, "kNotApplied",
     "a committee decides on projects that applied to one of its fund's calls"},
    {Rejection::kInvalidScore, "kInvalidScore",
     "an ECT pillar is scored 0 to 2; a field criterion 0 to 20"},
    {Rejection::kDecisionOfAnotherProject, "kDecisionOfAnotherProject",
     "a loan is rescheduled or written off under a decision on the same project"},
    {Rejection::kLoanWrittenOff, "kLoanWrittenOff", "a written-off loan takes no further movement"},
    {Rejection::kDecisionAgainstTheVote, "kDecisionAgainstTheVote",
     "a rejection cannot be recorded when the vote approved the project"},
    {Rejection::kYearClosed, "kYearClosed",
     "a closed exercice takes no new event; corrections go to the next year (DOMAIN-LAW.md §9 "
     "rule 7)"},
    {Rejection::kNothingToDisburse, "kNothingToDisburse",
     "the decision approved no amount of that kind of aid"},
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
