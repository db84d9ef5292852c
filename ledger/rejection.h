// Domain rejections: a command refused by a rule. Numbers are stable and never reused; each has
// a message that names the rule (DOMAIN-LAW.md §9 where it applies) and says how to fix it.
#pragma once

#include <cstdint>
#include <string>

namespace fij::ledger {

enum class Rejection : uint32_t {
  kFundNotInitialized = 1,
  kFundAlreadyInitialized = 2,
  kUnknownPartner = 3,
  kUnknownPledge = 4,
  kUnknownGift = 5,
  kUnknownReceipt = 6,
  kUnknownFund = 7,
  kOutsideAgrementPeriod = 10,
  kCounterpartsAboveQuarterOfGift = 11,
  kCounterpartsAboveCitizenYearlyCap = 12,
  kInKindWithoutCompanyValuation = 13,
  kSponsorshipNotPatronage = 14,
  kGiftNotReceived = 15,
  kAlreadyReceipted = 16,
  kDonorDataMissing = 17,
  kReceiptAlreadyCancelled = 18,
  kNothingToReceipt = 19,
  kAmountOverflow = 20,
  kInvalidPeriod = 21,
  kPledgeOfAnotherPartner = 22,
  kGiftAlreadyReceived = 23,
  kReplacedReceiptNotCancelled = 24,
  kDeclarationAlreadyFiled = 25,
  kInvalidSiren = 26,
  kUnknownParameter = 27,
  kFundDataMissing = 28,
  kInvalidAmount = 29,
  kReceiptBeforeGift = 30,
  kPledgeOfAnotherFund = 31,
  kDuplicateId = 32,
  // The committee (issue 3).
  kUnknownProject = 40,
  kUnknownCall = 41,
  kOutsideCallPeriod = 42,
  kUnknownMember = 43,
  kUnknownSession = 44,
  kSessionClosed = 45,
  kVoterNotVoting = 46,
  kVoterAbsent = 47,
  kVotedTwice = 48,
  kVoterRecused = 49,
  kNotOnAgenda = 50,
  kNoQuorum = 51,
  kNoMajority = 52,
  kCarrierNotEligible = 53,
  kUnknownDecision = 54,
  kGrantAboveDecision = 55,
  kLoanAlreadyDisbursed = 56,
  kUnknownLoan = 57,
  kRepaymentAboveOutstanding = 58,
  kExpenseAboveBudget = 59,
  kBudgetAbovePackage = 60,
  kExperimentClosed = 61,
  kDeMinimisExceeded = 62,
  kActorNotAuthorised = 63,
  kInvalidLoanTerms = 64,
  kDecisionIsARejection = 65,
  kUnknownGuarantee = 66,
  kGuaranteeNotActive = 67,
  kMemberOfAnotherFund = 68,
  kNotApplied = 69,
  kInvalidScore = 70,
  kDecisionOfAnotherProject = 71,
  kLoanWrittenOff = 72,
  kDecisionAgainstTheVote = 73,
  kNothingToDisburse = 74,
  kYearClosed = 75,
};

inline constexpr uint32_t kRejectionMax = 75;

struct Rejected {
  Rejection code;
  std::string message;  // full sentence: the rule, the facts, how to fix
};

// "kCounterpartsAboveQuarterOfGift": the enum name, for error output and tests.
const char* RejectionName(Rejection r);
// The rule's short statement, e.g. "counterparts may not exceed 25 % of the gift
// (DOMAIN-LAW.md §1, §9 rule 4)".
const char* RejectionRule(Rejection r);
// Every rejection value, in order (for the table-driven test).
const Rejection* AllRejections(size_t* count);

inline Rejected Reject(Rejection code, std::string detail) {
  return Rejected{code, std::string("rejected [R") + std::to_string(static_cast<uint32_t>(code)) +
                            " " + RejectionName(code) + "]: " + RejectionRule(code) + ". " +
                            detail};
}

}  // namespace fij::ledger
