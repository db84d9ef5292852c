// Fuzz target: the JSON Lines import parser (cli/import_line.h), fed a whole file as `fij
// import` reads it: lines split on '\n', blank and '#' lines skipped, lines over 64 KiB refused,
// every other line parsed alone with the file's actor. No store, no CLI11.
//
// Properties (abort on violation):
// - ParseImportLine returns or throws a std::exception, nothing else;
// - a parsed line has words, the first is not "import", and there are at least as many args as
//   the words of "cmd" (ImportWords);
// - an integer option's value is the JSON number as written (no silent wrap of large integers);
// - "as" sets the actor to exactly its string;
// - the same line re-serialised by the JSON library parses to the same args and actor;
// - ImportWords drops exactly the quotes and the unquoted spaces, and re-quoting its words
//   gives them back.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/import_line.h"
#include "engine/status.h"

namespace {

using fij::cli::ImportWords;
using fij::cli::IsImportLineSkipped;
using fij::cli::ParseImportLine;

std::string Quoted(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    if (w.empty() || w.find(' ') != std::string::npos) {
      out += '"' + w + '"';
    } else {
      out += w;
    }
  }
  return out;
}

void CheckWords(const std::string& cmd) {
  const std::vector<std::string> words = ImportWords(cmd);
  std::string kept;  // what the splitter must keep: no quotes, no space outside quotes
  bool quoted = false;
  for (char c : cmd) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c != ' ' || quoted) {
      kept += c;
    }
  }
  std::string joined;
  for (const std::string& w : words) {
    FIJ_CHECK(w.find('"') == std::string::npos) << "a word keeps a quote: " << w;
    joined += w;
  }
  FIJ_CHECK(joined == kept) << "words of [" << cmd << "] lose or add characters";
  FIJ_CHECK(ImportWords(Quoted(words)) == words) << "re-quoting the words of [" << cmd << "]";
}

// Parses one line; nullopt-like (false) when it is refused with a std::exception.
bool Parse(const std::string& line, std::string& actor, std::vector<std::string>& args) {
  try {
    args = ParseImportLine(line, actor);
    return true;
  } catch (const std::exception&) {
    return false;
  }
  // Any other exception escapes and crashes the fuzzer: the CLI only catches std::exception.
}

void CheckLine(const std::string& line) {
  const std::string file_actor = "coordinator";
  std::string actor = file_actor;
  std::vector<std::string> args;
  if (!Parse(line, actor, args)) return;

  const nlohmann::json j = nlohmann::json::parse(line);  // parsed once already: must not throw
  FIJ_CHECK(j.is_object() && j.contains("cmd") && j["cmd"].is_string()) << line;
  const std::string cmd = j["cmd"].get<std::string>();
  CheckWords(cmd);
  const std::vector<std::string> words = ImportWords(cmd);
  FIJ_CHECK(!args.empty() && args.size() >= words.size()) << line;
  FIJ_CHECK(args[0] != "import") << line;
  for (size_t i = 0; i < words.size(); ++i) FIJ_CHECK(args[i] == words[i]) << line;

  // Options: in the JSON object's order (sorted keys), each "--key" then its value if any.
  size_t at = words.size();
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "cmd") continue;
    if (it.key() == "as") {
      FIJ_CHECK(it->is_string() && actor == it->get<std::string>()) << line;
      continue;
    }
    auto check_one = [&](const nlohmann::json& v) {
      if (v.is_boolean() && !v.get<bool>()) return;
      FIJ_CHECK(at < args.size() && args[at] == "--" + it.key()) << line;
      ++at;
      if (v.is_boolean()) return;
      FIJ_CHECK(at < args.size()) << line;
      if (v.is_string()) {
        FIJ_CHECK(args[at] == v.get<std::string>()) << line;
      } else {
        FIJ_CHECK(v.is_number_integer()) << "accepted a value that is not an integer: " << line;
        FIJ_CHECK(args[at] == v.dump()) << "integer option --" << it.key() << " became "
                                        << args[at] << " for " << v.dump();
      }
      ++at;
    };
    if (it->is_array()) {
      for (const auto& v : *it) check_one(v);
    } else {
      check_one(*it);
    }
  }
  FIJ_CHECK(at == args.size()) << "extra args for " << line;
  if (!j.contains("as")) {
    FIJ_CHECK(actor == file_actor) << line;
  }

  // The same object written back by the JSON library is the same command.
  std::string again_actor = file_actor;
  std::vector<std::string> again;
  FIJ_CHECK(Parse(j.dump(), again_actor, again)) << "re-serialised line refused: " << j.dump();
  FIJ_CHECK(again == args && again_actor == actor) << "re-serialised line differs: " << line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view file(reinterpret_cast<const char*>(data), size);
  // As std::getline: '\n' ends a line; a last line without one still counts.
  size_t start = 0;
  while (start < file.size()) {
    size_t end = file.find('\n', start);
    if (end == std::string_view::npos) end = file.size();
    const std::string line(file.substr(start, end - start));
    start = end + 1;
    if (IsImportLineSkipped(line) || line.size() > fij::cli::kImportLineBytesMax) continue;
    CheckLine(line);
  }
  // The splitter on its own, on the raw bytes (quotes and spaces anywhere).
  CheckWords(std::string(file.substr(0, 4096)));
  return 0;
}
