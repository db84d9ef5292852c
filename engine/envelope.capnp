@0xc4a1d1e8f3b25a90;
# The engine's envelope around every event. Stored as the value of the `events` column family in
# Cap'n Proto canonical form (one segment, no segment table). The domain payload is an
# AnyPointer: ledger/schema/events.capnp declares `RecordedEvent`, whose layout is this one with
# the payload typed, so `capnp decode ledger/schema/events.capnp RecordedEvent` reads a log.
#
# hash := SHA-256(prevHash || canonical bytes of this envelope with `hash` set to 32 zero bytes)
# The genesis prevHash is 32 zero bytes.

struct Envelope {
  position @0 :UInt64;         # global, gap-free, starts at 1
  streamId @1 :Text;
  streamVersion @2 :UInt64;    # 1 for a stream's first event
  eventType @3 :Text;          # the payload's union member name, for humans and filters
  recordedAtUs @4 :Int64;      # microseconds since the Unix epoch; strictly increasing
  effectiveDate @5 :UInt32;    # business date YYYYMMDD (0 = none)
  actor @6 :Text;
  idempotencyKey @7 :Text;     # the command's key; shared by the events of one append
  prevHash @8 :Data;           # 32 bytes
  hash @9 :Data;               # 32 bytes
  schemaVersion @10 :UInt16;   # the payload schema's version when written
  payload @11 :AnyPointer;
}
