// Printable tax receipts (reçus fiscaux): a frozen ReceiptIssued rendered as an A4 PDF laid out
// after the Cerfa model of its form (11580*05 for individuals, 16216*02 for companies), with
// every mandatory mention of DOMAIN-LAW.md §3.2 printed from the event as issued, never
// recomputed, so that a reprint years later shows exactly what the donor received.
#pragma once

#include <string>

#include "engine/status.h"
#include "ledger/events.h"

namespace fij::ledger {

// Renders `receipt` as an A4 PDF at `path`. `cancelled` (may be null) marks it "ANNULÉ" with the
// reason and date, as a cancelled receipt stays in the register and may be reprinted.
//
// One page; a long description or list of gifts flows onto further pages, each numbered
// "Page n/N" and, when cancelled, stamped. The output is deterministic: rendering the same
// receipt twice gives the same bytes (the PDF creation date is the issue date, or the
// cancellation date when cancelled).
//
// The file is written to a temporary sibling, synced and renamed over `path`, so a failed render
// never leaves a partial receipt behind.
//
// Returns:
//   InvalidArgument  a field is not UTF-8 or exceeds its limit, a date is not a calendar date,
//                    or `cancelled` names another receipt;
//   IOError          cairo or the file system failed (the message names `path`).
// Thread-safe: shares no state between calls (fontconfig and pango are thread-safe).
fij::Status RenderReceiptPdf(const ReceiptIssued& receipt, const ReceiptCancelled* cancelled,
                             const std::string& path);

}  // namespace fij::ledger
