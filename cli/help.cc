// fij help TOPIC: short guides beside --help.
#include <iostream>

#include "cli/common.h"

namespace fij::cli {
namespace {
struct Topic {
  const char* name;
  const char* text;
};
constexpr Topic kTopics[] = {
    {"receipts",
     "Receipts (reçus fiscaux)\n"
     "  fij receipt issue --gift ID [--date D]         one gift; prints the number YYYY-NNNN\n"
     "  fij receipt issue --partner P --year Y         a recap of P's gifts received in Y\n"
     "  fij receipt cancel N --reason R [--reissue]    N stays in the register, never reused\n"
     "  fij receipt issue --gift ID --replaces N       a corrected receipt after a cancellation\n"
     "  fij receipt list|show N|pdf N -o FILE          the register, one receipt, a PDF\n"
     "Companies get the Cerfa 16216 layout (art. 238 bis), citizens Cerfa 11580 (art. 200).\n"
     "Refused: outside the agrément, counterparts > 25 % (citizens: > 73 EUR a year), in kind\n"
     "without the company's valuation, sponsorship, gift not received, already receipted,\n"
     "donor data missing. Numbers are gap-free per fund and year of issue.\n"},
    {"committee",
     "The engagement committee\n"
     "  fij committee add-member M --fund F --name N --role voting|participant|secretary\n"
     "  fij session open S --fund F --date D --agenda P1,P2 ; session attend S --member M\n"
     "  fij vote --session S --project P --member M --choice for|against|abstain\n"
     "  fij decide D --session S --project P (--reject | --grant X --loan Y --term T ...)\n"
     "Quorum: voting members present > 50 %; approval: for > 50 % of for + against; a tie is not\n"
     "an approval (`fij committee rules` changes the shares). Only present, non-recused voting\n"
     "members vote, once, while the session is open.\n"},
    {"audit",
     "The auditor\n"
     "  fij verify [--json]       hash chain, decoding, every invariant, by replay\n"
     "  fij report tiers|budget|experiments|loans|balance|ledger|receipts\n"
     "      [--year Y] [--fund F] [--as-of DATE] [--at POSITION] [--json]\n"
     "  fij export fec --year Y | journal | events [--json]\n"
     "  fij replay                rebuild every projection from zero, events/s\n"
     "--at replays the log prefix up to a position; --as-of keeps dated business facts on or\n"
     "before a date. Every report prints the position and head hash it was computed at.\n"},
    {"import",
     "fij import FILE.jsonl: one JSON object a line, e.g.\n"
     "  {\"cmd\": \"gift record g3\", \"partner\": \"morteau\", \"amount\": \"10 000,00\",\n"
     "   \"date\": \"2023-03-15\", \"method\": \"transfer\", \"as\": \"coordinator\"}\n"
     "\"cmd\" holds the words typed after `fij`; other keys are options (true = a flag, an array\n"
     "repeats it); \"as\" is the actor. All or nothing: a bad line writes nothing and its number\n"
     "and rule are named. Re-running a file is a no-op.\n"},
    {"backup",
     "Backup and restore\n"
     "  fij backup DIR                  copy the store as of now into DIR (new), verify the\n"
     "                                  copy's hash chain; prints events, head position, hash\n"
     "  fij --store NEW restore DIR     restore backup DIR into NEW (missing or empty)\n"
     "A backup opens the store read-only: it works while another process writes. A restore\n"
     "never overwrites a store; it runs the checks of `fij verify` on the backup before\n"
     "writing anything (a backup that fails them is refused, exit 5) and on the result after,\n"
     "and prints the position and head hash. Not a fij store or a non-empty target: exit 3.\n"},
    {"exit-codes",
     "Exit codes: 0 ok; 2 usage (bad option, malformed amount or date); 3 rejected by a rule;\n"
     "4 conflict (an id reused with other details, a stale version, the store in use);\n"
     "5 storage error or corruption.\n"},
};
}  // namespace

void RegisterHelp(CLI::App& app) {
  auto* help = app.add_subcommand("help", "Guides: receipts, committee, audit, import, backup, exit-codes");
  auto topic = std::make_shared<std::string>();
  help->add_option("TOPIC", *topic);
  help->callback([topic] {
    for (const auto& t : kTopics)
      if (*topic == t.name) {
        std::cout << t.text;
        return;
      }
    std::string names;
    for (const auto& t : kTopics) names += std::string(names.empty() ? "" : ", ") + t.name;
    if (!topic->empty()) Fail(kExitUsage, "fij help: no topic '" + *topic + "'; topics: " + names);
    std::cout << "fij help TOPIC, with TOPIC one of: " << names << "\n";
  });
}

}  // namespace fij::cli
