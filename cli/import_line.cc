#include "cli/import_line.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace fij::cli {
namespace {

// The argv (without program name) of one import line, and its actor.
std::vector<std::string> LineArgs(const nlohmann::json& j, std::string& actor) {
  if (!j.is_object()) throw std::runtime_error("a line is a JSON object");
  auto cmd = j.find("cmd");
  if (cmd == j.end() || !cmd->is_string())
    throw std::runtime_error("a line needs \"cmd\": the command words, e.g. \"gift record g3\"");
  std::vector<std::string> args = ImportWords(cmd->get<std::string>());
  if (args.empty()) throw std::runtime_error("\"cmd\" is empty");
  if (args[0] == "import") throw std::runtime_error("an import file cannot import");
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    if (key == "cmd") continue;
    if (key == "as") {
      if (!it->is_string()) throw std::runtime_error("\"as\" is a string");
      actor = it->get<std::string>();
      continue;
    }
    auto add = [&](const nlohmann::json& v) {
      if (v.is_string()) {
        args.push_back("--" + key);
        args.push_back(v.get<std::string>());
      } else if (v.is_number_integer()) {
        args.push_back("--" + key);
        // As written: get<int64_t>() would wrap an integer above INT64_MAX to a negative one
        // (18446744073709551615 became -1); the option's own parser refuses it instead.
        args.push_back(v.dump());
      } else if (v.is_boolean()) {
        if (v.get<bool>()) args.push_back("--" + key);
      } else {
        throw std::runtime_error("\"" + key + "\" must be a string, an integer, a boolean or an "
                                 "array of them (amounts are strings: \"1234,56\")");
      }
    };
    if (it->is_array()) {
      for (const auto& v : *it) add(v);
    } else {
      add(*it);
    }
  }
  return args;
}

}  // namespace

bool IsImportLineSkipped(std::string_view line) {
  size_t first = line.find_first_not_of(" \t\r");
  return first == std::string_view::npos || line[first] == '#';
}

std::vector<std::string> ImportWords(const std::string& cmd) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false, any = false;
  for (char c : cmd) {
    if (c == '"') {
      quoted = !quoted;
      any = true;
    } else if (c == ' ' && !quoted) {
      if (any) out.push_back(cur);
      cur.clear();
      any = false;
    } else {
      cur += c;
      any = true;
    }
  }
  if (any) out.push_back(cur);
  return out;
}

std::vector<std::string> ParseImportLine(const std::string& line, std::string& actor) {
  return LineArgs(nlohmann::json::parse(line), actor);
}

}  // namespace fij::cli
