// The pure parse step of `fij import` (cli/import_line.h); the whole command is in cli_test.
#include "cli/import_line.h"

#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace fij::cli {
namespace {

using Args = std::vector<std::string>;

TEST(ImportLineTest, SkipsBlankAndCommentLines) {
  EXPECT_TRUE(IsImportLineSkipped(""));
  EXPECT_TRUE(IsImportLineSkipped(" \t\r"));
  EXPECT_TRUE(IsImportLineSkipped("  # a comment"));
  EXPECT_FALSE(IsImportLineSkipped(" {\"cmd\": \"x\"}"));
}

TEST(ImportLineTest, WordsGroupQuotedSpaces) {
  EXPECT_EQ(ImportWords("gift  record g3"), (Args{"gift", "record", "g3"}));
  EXPECT_EQ(ImportWords("partner add \"la fruitiere\" \"\""),
            (Args{"partner", "add", "la fruitiere", ""}));
  EXPECT_EQ(ImportWords("   "), Args{});
}

TEST(ImportLineTest, KeysBecomeOptionsInKeyOrder) {
  std::string actor = "coordinator";
  Args args = ParseImportLine(
      R"({"cmd": "gift record g3", "amount": "10 000,00", "year": 2024, "flag": true,)"
      R"( "off": false, "line": ["a=1", 2], "as": "secretariat"})",
      actor);
  EXPECT_EQ(args, (Args{"gift", "record", "g3", "--amount", "10 000,00", "--flag", "--line", "a=1",
                        "--line", "2", "--year", "2024"}));
  EXPECT_EQ(actor, "secretariat");
}

TEST(ImportLineTest, RefusesWhatIsNotACommand) {
  std::string actor;
  for (const char* line : {R"(["cmd"])", R"({"as": "x"})", R"({"cmd": 3})", R"({"cmd": " "})",
                           R"({"cmd": "import f.jsonl"})", R"({"cmd": "x", "amount": 12.5})",
                           R"({"cmd": "x", "p": null})", R"({"cmd": "x", "as": 1})", "{"}) {
    EXPECT_THROW(ParseImportLine(line, actor), std::exception) << line;
  }
}

// Found by fuzz_import_line: an integer above INT64_MAX was read with get<int64_t>() and passed
// on wrapped, so "year": 18446744073709551615 became --year -1. It now passes as written, for
// the option's parser to refuse.
TEST(ImportLineTest, LargeIntegersPassAsWritten) {
  std::string actor;
  EXPECT_EQ(ParseImportLine(R"({"cmd": "x", "year": 18446744073709551615})", actor),
            (Args{"x", "--year", "18446744073709551615"}));
  EXPECT_EQ(ParseImportLine(R"({"cmd": "x", "n": -9223372036854775808})", actor),
            (Args{"x", "--n", "-9223372036854775808"}));
}

}  // namespace
}  // namespace fij::cli
