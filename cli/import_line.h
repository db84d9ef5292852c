// The pure parse step of `fij import` (cli/import.cc): one JSON Lines line to the argv of the
// command it stands for. No store, no CLI11, no global state, so that the fuzzer
// (tests/fuzz/fuzz_import_line.cc) calls exactly what the CLI calls.
//
// line := JSON object: {"cmd": "gift record g3", "partner": "morteau", "amount": "10 000,00",
//         "date": "2023-03-15", "method": "transfer", "as": "coordinator"}
// "cmd" holds the command words and positionals, as typed after `fij`; every other key is an
// option (--key), a string or number is its value, true is a bare flag, false omits it, an array
// repeats it; "as" is the line's actor. Blank lines and lines starting with '#' are skipped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fij::cli {

inline constexpr size_t kImportLineBytesMax = 64 * 1024;

// Blank (spaces, tabs, CR only) or a comment (first other character '#'): not a command.
bool IsImportLineSkipped(std::string_view line);

// Splits "gift record g3" into words; double quotes group words with spaces.
std::vector<std::string> ImportWords(const std::string& cmd);

// The argv (without program name) of one line that is not skipped; sets `actor` when the line
// has "as" (possibly before throwing on a later key). Throws std::exception (the JSON parser's,
// or std::runtime_error naming the rule) when the line is not a valid command line.
std::vector<std::string> ParseImportLine(const std::string& line, std::string& actor);

}  // namespace fij::cli
