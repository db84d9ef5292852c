@0xe2b7a6f9c1d04e35;
using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("fij::ledger::schema");
using Json = import "/capnp/compat/json.capnp";
# The fund's events. Ordinals are never reused or renumbered; new events take new ordinals.
# Dates are YYYYMMDD (UInt32, 0 = none); amounts are Int64 euro cents.
#
# RecordedEvent has the wire layout of engine/envelope.capnp's Envelope with the payload typed,
# so `capnp decode --packed=false ledger/schema/events.capnp RecordedEvent` reads `fij export
# events` output.

enum PartnerKind { company @0; individual @1; }
enum PaymentMethod { transfer @0; cheque @1; cash @2; card @3; debit @4; }
enum GiftNature { cash @0; inKind @1; skills @2; }
enum GiftKind { patronage @0; sponsorship @1; }
enum ReceiptForm { cerfa11580 @0; cerfa16216 @1; }
enum ApplicationStatus { submitted @0; underReview @1; selected @2; rejected @3; withdrawn @4; running @5; closed @6; }
enum MemberRole { voting @0; participant @1; secretary @2; }
enum Choice { for @0; against @1; abstain @2; }
enum CostCategory { salary @0; material @1; support @2; fund @3; }
enum ActorRole { coordinator @0; secretary @1; member @2; auditor @3; }
enum FunderKind { public @0; private @1; }

struct FundInitialized {
  fundId @0 :Text;
  name @1 :Text;
  siren @2 :Text;
  address @3 :Text;
  object @4 :Text;
  category @5 :Text;
  signerName @6 :Text;
  signerCapacity @7 :Text;
  date @8 :UInt32;
}

struct AgrementRecorded {
  fundId @0 :Text;
  reference @1 :Text;
  validFrom @2 :UInt32;
  validTo @3 :UInt32;
  date @4 :UInt32;
}

struct PartnerRegistered {
  partnerId @0 :Text;
  kind @1 :PartnerKind;
  name @2 :Text;
  siren @3 :Text;
  legalForm @4 :Text;
  address @5 :Text;
  date @6 :UInt32;
}

struct PartnerCorrected {
  partnerId @0 :Text;
  name @1 :Text;
  siren @2 :Text;
  legalForm @3 :Text;
  address @4 :Text;
  date @5 :UInt32;
}

struct PledgeMade {
  pledgeId @0 :Text;
  partnerId @1 :Text;
  fundId @2 :Text;
  amountPerYearCents @3 :Int64;
  years @4 :UInt32;
  fromYear @5 :Int32;
  renewable @6 :Bool;
  date @7 :UInt32;
}

struct GiftRecorded {
  giftId @0 :Text;
  partnerId @1 :Text;
  fundId @2 :Text;
  amountCents @3 :Int64;
  date @4 :UInt32;
  announcedOn @5 :UInt32;
  method @6 :PaymentMethod;
  nature @7 :GiftNature;
  kind @8 :GiftKind;
  pledgeId @9 :Text;
  counterpartsCents @10 :Int64;
  counterpartsDescription @11 :Text;
  valuationRef @12 :Text;
  description @13 :Text;
}

struct GiftReceived {
  giftId @0 :Text;
  date @1 :UInt32;
}

struct ReceiptIssued {
  number @0 :Text;
  fundId @1 :Text;
  year @2 :Int32;
  sequence @3 :UInt32;
  issuedOn @4 :UInt32;
  form @5 :ReceiptForm;
  article @6 :Text;
  giftIds @7 :List(Text);
  periodFrom @8 :UInt32;
  periodTo @9 :UInt32;
  amountCents @10 :Int64;
  amountWords @11 :Text;
  fundName @12 :Text;
  fundAddress @13 :Text;
  fundObject @14 :Text;
  fundSiren @15 :Text;
  fundCategory @16 :Text;
  agrementRef @17 :Text;
  partnerId @18 :Text;
  donorKind @19 :PartnerKind;
  donorName @20 :Text;
  donorAddress @21 :Text;
  donorSiren @22 :Text;
  donorLegalForm @23 :Text;
  formeDuDon @24 :Text;
  natureDuDon @25 :Text;
  modeDeVersement @26 :Text;
  inKindDescription @27 :Text;
  signerName @28 :Text;
  signerCapacity @29 :Text;
  certification @30 :Text;
  replaces @31 :Text;
}

struct ReceiptCancelled {
  number @0 :Text;
  reason @1 :Text;
  date @2 :UInt32;
}

struct ParameterSet {
  name @0 :Text;
  value @1 :Int64;
  validFrom @2 :UInt32;
  note @3 :Text;
}

struct DeclarationFiled {
  fundId @0 :Text;
  year @1 :Int32;
  receiptsCount @2 :UInt32;
  totalCents @3 :Int64;
  date @4 :UInt32;
}

struct FundAdded {
  fundId @0 :Text;
  name @1 :Text;
  excludedCarrierForms @2 :List(Text);
  date @3 :UInt32;
}

struct ProjectAdded {
  projectId @0 :Text;
  name @1 :Text;
  carrier @2 :Text;
  carrierForm @3 :Text;
  territory @4 :Text;
  description @5 :Text;
  date @6 :UInt32;
}

struct CallOpened {
  callId @0 :Text;
  fundId @1 :Text;
  opensOn @2 :UInt32;
  closesOn @3 :UInt32;
  date @4 :UInt32;
}

struct CallClosed {
  callId @0 :Text;
  date @1 :UInt32;
}

struct ApplicationSubmitted {
  callId @0 :Text;
  projectId @1 :Text;
  fundId @2 :Text;
  date @3 :UInt32;
}

struct ApplicationStatusChanged {
  projectId @0 :Text;
  fundId @1 :Text;
  status @2 :ApplicationStatus;
  reason @3 :Text;
  date @4 :UInt32;
}

struct AssessmentScored {
  projectId @0 :Text;
  assessor @1 :Text;
  criterion @2 :Text;
  scoreHundredths @3 :Int64;
  date @4 :UInt32;
}

struct MemberAdded {
  memberId @0 :Text;
  fundId @1 :Text;
  name @2 :Text;
  partnerId @3 :Text;
  role @4 :MemberRole;
  date @5 :UInt32;
}

struct MemberRemoved {
  memberId @0 :Text;
  date @1 :UInt32;
}

struct CommitteeRulesSet {
  fundId @0 :Text;
  quorumBp @1 :Int64;
  majorityBp @2 :Int64;
  date @3 :UInt32;
}

struct SessionOpened {
  sessionId @0 :Text;
  fundId @1 :Text;
  agenda @2 :List(Text);
  date @3 :UInt32;
}

struct AttendanceRecorded {
  sessionId @0 :Text;
  memberId @1 :Text;
  date @2 :UInt32;
}

struct SessionClosed {
  sessionId @0 :Text;
  date @1 :UInt32;
}

struct VoteCast {
  sessionId @0 :Text;
  projectId @1 :Text;
  memberId @2 :Text;
  choice @3 :Choice;
  date @4 :UInt32;
}

struct ConflictDeclared {
  memberId @0 :Text;
  projectId @1 :Text;
  date @2 :UInt32;
}

struct DecisionRecorded {
  decisionId @0 :Text;
  sessionId @1 :Text;
  projectId @2 :Text;
  fundId @3 :Text;
  rejected @4 :Bool;
  grantCents @5 :Int64;
  loanCents @6 :Int64;
  loanTermMonths @7 :UInt32;
  loanDeferralMonths @8 :UInt32;
  loanRateBp @9 :Int64;
  guaranteeCents @10 :Int64;
  guaranteeLender @11 :Text;
  guaranteeUntil @12 :UInt32;
  conditions @13 :Text;
  votesFor @14 :UInt32;
  votesAgainst @15 :UInt32;
  votesAbstain @16 :UInt32;
  votingPresent @17 :UInt32;
  votingMembers @18 :UInt32;
  grantEquivalentCents @19 :Int64;
  raisesDecision @20 :Text;
  date @21 :UInt32;
}

struct BudgetSet {
  projectId @0 :Text;
  category @1 :CostCategory;
  amountCents @2 :Int64;
  date @3 :UInt32;
}

struct ExpenseRecorded {
  expenseId @0 :Text;
  projectId @1 :Text;
  category @2 :CostCategory;
  amountCents @3 :Int64;
  description @4 :Text;
  date @5 :UInt32;
}

struct ExperimentClosed {
  projectId @0 :Text;
  outcome @1 :Text;
  date @2 :UInt32;
}

struct GrantDisbursed {
  disbursementId @0 :Text;
  decisionId @1 :Text;
  projectId @2 :Text;
  amountCents @3 :Int64;
  date @4 :UInt32;
}

struct LoanDisbursed {
  loanId @0 :Text;
  decisionId @1 :Text;
  projectId @2 :Text;
  principalCents @3 :Int64;
  termMonths @4 :UInt32;
  deferralMonths @5 :UInt32;
  rateBp @6 :Int64;
  dueDates @7 :List(UInt32);
  principalDue @8 :List(Int64);
  interestDue @9 :List(Int64);
  date @10 :UInt32;
}

struct LoanRepaid {
  repaymentId @0 :Text;
  loanId @1 :Text;
  amountCents @2 :Int64;
  lines @3 :List(UInt32);
  lineAmounts @4 :List(Int64);
  date @5 :UInt32;
}

struct LoanRescheduled {
  loanId @0 :Text;
  decisionId @1 :Text;
  termMonths @2 :UInt32;
  deferralMonths @3 :UInt32;
  dueDates @4 :List(UInt32);
  principalDue @5 :List(Int64);
  interestDue @6 :List(Int64);
  date @7 :UInt32;
}

struct LoanImpaired {
  loanId @0 :Text;
  amountCents @1 :Int64;
  date @2 :UInt32;
}

struct LoanWrittenOff {
  loanId @0 :Text;
  decisionId @1 :Text;
  amountCents @2 :Int64;
  impairmentReversedCents @3 :Int64;
  date @4 :UInt32;
}

struct GuaranteeGranted {
  guaranteeId @0 :Text;
  decisionId @1 :Text;
  projectId @2 :Text;
  amountCents @3 :Int64;
  lender @4 :Text;
  until @5 :UInt32;
  date @6 :UInt32;
}

struct GuaranteeProvisioned {
  guaranteeId @0 :Text;
  amountCents @1 :Int64;
  date @2 :UInt32;
}

struct GuaranteeCalled {
  guaranteeId @0 :Text;
  amountCents @1 :Int64;
  provisionReversedCents @2 :Int64;
  date @3 :UInt32;
}

struct GuaranteeReleased {
  guaranteeId @0 :Text;
  provisionReversedCents @1 :Int64;
  date @2 :UInt32;
}

struct SubsidyRecorded {
  subsidyId @0 :Text;
  funder @1 :Text;
  funderKind @2 :FunderKind;
  fundId @3 :Text;
  amountCents @4 :Int64;
  year @5 :Int32;
  projectId @6 :Text;
  date @7 :UInt32;
}

struct RoleGranted {
  actor @0 :Text;
  role @1 :ActorRole;
  date @2 :UInt32;
}

struct TiersConfigured {
  fundId @0 :Text;
  thresholdsCents @1 :List(Int64);
  labels @2 :List(Text);
  individualOnly @3 :List(Text);
  date @4 :UInt32;
}

struct BudgetPlanned {
  fundId @0 :Text;
  year @1 :Int32;
  lines @2 :List(Text);
  amountsCents @3 :List(Int64);
  date @4 :UInt32;
}

struct YearClosed {
  fundId @0 :Text;
  year @1 :Int32;
  dedicatedCents @2 :Int64;
  deferredCents @3 :Int64;
  date @4 :UInt32;
}

struct Event {
  union {
    fundInitialized @0 :FundInitialized;
    agrementRecorded @1 :AgrementRecorded;
    partnerRegistered @2 :PartnerRegistered;
    partnerCorrected @3 :PartnerCorrected;
    pledgeMade @4 :PledgeMade;
    giftRecorded @5 :GiftRecorded;
    giftReceived @6 :GiftReceived;
    receiptIssued @7 :ReceiptIssued;
    receiptCancelled @8 :ReceiptCancelled;
    parameterSet @9 :ParameterSet;
    declarationFiled @10 :DeclarationFiled;
    fundAdded @11 :FundAdded;
    projectAdded @12 :ProjectAdded;
    callOpened @13 :CallOpened;
    callClosed @14 :CallClosed;
    applicationSubmitted @15 :ApplicationSubmitted;
    applicationStatusChanged @16 :ApplicationStatusChanged;
    assessmentScored @17 :AssessmentScored;
    memberAdded @18 :MemberAdded;
    memberRemoved @19 :MemberRemoved;
    committeeRulesSet @20 :CommitteeRulesSet;
    sessionOpened @21 :SessionOpened;
    attendanceRecorded @22 :AttendanceRecorded;
    sessionClosed @23 :SessionClosed;
    voteCast @24 :VoteCast;
    conflictDeclared @25 :ConflictDeclared;
    decisionRecorded @26 :DecisionRecorded;
    budgetSet @27 :BudgetSet;
    expenseRecorded @28 :ExpenseRecorded;
    experimentClosed @29 :ExperimentClosed;
    grantDisbursed @30 :GrantDisbursed;
    loanDisbursed @31 :LoanDisbursed;
    loanRepaid @32 :LoanRepaid;
    loanRescheduled @33 :LoanRescheduled;
    loanImpaired @34 :LoanImpaired;
    loanWrittenOff @35 :LoanWrittenOff;
    guaranteeGranted @36 :GuaranteeGranted;
    guaranteeProvisioned @37 :GuaranteeProvisioned;
    guaranteeCalled @38 :GuaranteeCalled;
    guaranteeReleased @39 :GuaranteeReleased;
    subsidyRecorded @40 :SubsidyRecorded;
    roleGranted @41 :RoleGranted;
    tiersConfigured @42 :TiersConfigured;
    budgetPlanned @43 :BudgetPlanned;
    yearClosed @44 :YearClosed;
  }
}

# Same layout as engine/envelope.capnp Envelope.
struct RecordedEvent {
  position @0 :UInt64;
  streamId @1 :Text;
  streamVersion @2 :UInt64;
  eventType @3 :Text;
  recordedAtUs @4 :Int64;
  effectiveDate @5 :UInt32;
  actor @6 :Text;
  idempotencyKey @7 :Text;
  prevHash @8 :Data $Json.hex;
  hash @9 :Data $Json.hex;
  schemaVersion @10 :UInt16;
  payload @11 :Event;
}
