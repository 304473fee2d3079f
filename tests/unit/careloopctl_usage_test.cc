// careloopctl's answer to a missing or unknown command: the word, the nearest command, and
// the commands at that level (tools/careloopctl/usage.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "tools/careloopctl/usage.h"

namespace careloop::ctl {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(EditDistance("report", "report"), 0u);
  EXPECT_EQ(EditDistance("reprot", "report"), 2u);
  EXPECT_EQ(EditDistance("remindr", "reminder"), 1u);
  EXPECT_EQ(EditDistance("", "clock"), 5u);
  EXPECT_EQ(EditDistance("CLOCK", "clock"), 0u);
}

TEST(NearestWord, PrefersAPrefixThenTheSmallestDistance) {
  const std::vector<std::string> commands = {"customer", "vehicle", "reminder", "report", "clock"};
  EXPECT_EQ(NearestWord("rem", commands), "reminder");
  EXPECT_EQ(NearestWord("repotr", commands), "report");
  EXPECT_EQ(NearestWord("clcok", commands), "clock");
  EXPECT_EQ(NearestWord("anything", {}), "");
}

// The shape of careloopctl's main: commands required at each level, falling through.
class CommandErrors : public ::testing::Test {
 protected:
  CommandErrors() {
    app_.require_subcommand(1);
    app_.fallthrough();
    app_.add_option("--token", token_, "bearer token");
    app_.add_subcommand("customer", "customers")->alias("customers");
    auto* reminder = app_.add_subcommand("reminder", "reminders");
    reminder->require_subcommand(1);
    reminder->add_subcommand("list", "list reminders");
    app_.add_subcommand("report", "reports");
    app_.add_subcommand("clock", "the clock");
  }

  // Parses `args` (after the program name) and returns what ExplainCommandError says.
  std::optional<std::string> Explain(const std::vector<std::string>& args) {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11's vector form
    try {
      app_.parse(reversed);
    } catch (const CLI::ParseError& e) {
      return ExplainCommandError(app_, e);
    }
    ADD_FAILURE() << "parsed without an error";
    return std::nullopt;
  }

  CLI::App app_{"test", "careloopctl"};
  std::string token_;
};

TEST_F(CommandErrors, AnUnknownCommandIsNamedWithTheNearestOne) {
  const auto message = Explain({"--token", "bad", "reprot"});
  ASSERT_TRUE(message);
  EXPECT_NE(message->find("unknown command 'reprot' for careloopctl; did you mean 'report'?"), std::string::npos)
      << *message;
  EXPECT_NE(message->find("commands: customer, customers, reminder, report, clock"), std::string::npos) << *message;
}

TEST_F(CommandErrors, AnyUnknownWordGetsASuggestion) {
  const auto message = Explain({"frobnicate"});
  ASSERT_TRUE(message);
  EXPECT_NE(message->find("unknown command 'frobnicate'"), std::string::npos) << *message;
  EXPECT_NE(message->find("did you mean '"), std::string::npos) << *message;
}

TEST_F(CommandErrors, AnUnknownWordUnderACommandIsNamedThere) {
  const auto message = Explain({"reminder", "lst"});
  ASSERT_TRUE(message);
  EXPECT_NE(message->find("unknown command 'lst' for careloopctl reminder; did you mean 'list'?"), std::string::npos)
      << *message;
}

TEST_F(CommandErrors, AMissingCommandListsTheCommands) {
  const auto message = Explain({"reminder"});
  ASSERT_TRUE(message);
  EXPECT_NE(message->find("careloopctl reminder needs a command"), std::string::npos) << *message;
  EXPECT_NE(message->find("commands: list"), std::string::npos) << *message;
}

TEST_F(CommandErrors, OtherErrorsAreLeftToCli11) {
  EXPECT_EQ(Explain({"clock", "--nope"}), std::nullopt);
}

}  // namespace
}  // namespace careloop::ctl
