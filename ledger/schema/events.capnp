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
