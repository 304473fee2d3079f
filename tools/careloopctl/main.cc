// careloopctl: the command-line client for people. Wires the subcommands; each lives in a
// commands_*.cc file. Connection settings: flags, then environment, then
// deploy/local/.run/endpoints.env (see endpoints.h).
#include <CLI/CLI.hpp>

#include <iostream>

#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/commands_surveys.h"
#include "tools/careloopctl/session.h"
#include "tools/careloopctl/usage.h"

int main(int argc, char** argv) {
  CLI::App app{"careloopctl: command-line client for CareLoop"};
  app.require_subcommand(1);
  app.fallthrough();  // global options (--json, --timeout, ...) also after the subcommand
  careloop::ctl::Session session;
  careloop::ctl::AddGlobalOptions(app, session);
  careloop::ctl::AddCustomerCommands(app, session);
  careloop::ctl::AddListCommands(app, session);
  careloop::ctl::AddClockCommands(app, session);
  careloop::ctl::AddHealthCommand(app, session);
  careloop::ctl::AddEventsCommands(app, session);
  careloop::ctl::AddImportCommand(app, session);
  careloop::ctl::AddReportCommands(app, session);
  careloop::ctl::AddInboundCommands(app, session);
  careloop::ctl::AddCalendarCommands(app, session);
  careloop::ctl::AddRuleCommands(app, session);
  careloop::ctl::AddAppointmentCommands(app, session);
  careloop::ctl::AddCampaignCommands(app, session);
  careloop::ctl::AddTemplateCommands(app, session);
  careloop::ctl::AddPlanCommands(app, session);
  careloop::ctl::AddTaskCommands(app, session);
  careloop::ctl::AddSurveyCommands(*app.get_subcommand("survey"), session);
  careloop::ctl::AddActionCommands(app, session);
  careloop::ctl::AddCaseCommands(app, session);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // A missing or unknown command is named with the nearest one; CLI11 prints every other
    // message (or the help). Every usage error exits 2.
    if (const auto message = careloop::ctl::ExplainCommandError(app, e)) {
      std::cerr << *message;
      return 2;
    }
    return app.exit(e) == 0 ? 0 : 2;
  }
  return careloop::ctl::RunAction(session);
}
