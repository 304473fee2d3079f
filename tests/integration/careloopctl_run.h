#pragma once

// careloopctl run in-process by the integration tests, against servers the test started: the
// commands under test registered, stdout and stderr captured, the exit code as main would give it.

#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/session.h"

namespace careloop::testing {

/// What one careloopctl run printed and returned.
struct CtlRun final {
  int code = 0;
  std::string out;
  std::string err;
  [[nodiscard]] nlohmann::json Json() const { return nlohmann::json::parse(out); }
};

/// Runs careloopctl with `args` (after the program name) with the global options and the commands
/// `add_commands` registers; a parse error exits 2, as in main.
inline CtlRun RunCtl(const std::function<void(CLI::App&, ctl::Session&)>& add_commands,
                     const std::vector<std::string>& args) {
  CLI::App app{"careloopctl"};
  app.require_subcommand(1);
  app.fallthrough();
  ctl::Session session;
  ctl::AddGlobalOptions(app, session);
  add_commands(app, session);
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11's vector form
  std::ostringstream out;
  std::ostringstream err;
  auto* old_out = std::cout.rdbuf(out.rdbuf());
  auto* old_err = std::cerr.rdbuf(err.rdbuf());
  CtlRun run;
  try {
    app.parse(reversed);
    run.code = ctl::RunAction(session);
  } catch (const CLI::ParseError& e) {
    run.code = 2;
    err << e.what();
  }
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

}  // namespace careloop::testing
