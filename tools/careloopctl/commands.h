#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/session.h"

namespace careloop::ctl {

/// Adds the global options (--endpoints, address/token overrides, --timeout, --json).
void AddGlobalOptions(CLI::App& app, Session& session);
/// Adds `customer create|get`, `vehicle add` and `visit record` (CustomersService).
void AddCustomerCommands(CLI::App& app, Session& session);
/// Adds `reminder list`, `message list` and `survey list`.
void AddListCommands(CLI::App& app, Session& session);
/// Adds `clock show|set|advance` (careloop.admin.v1.ClockService of the customers service).
void AddClockCommands(CLI::App& app, Session& session);
/// Adds `health [--wait SECONDS]`.
void AddHealthCommand(CLI::App& app, Session& session);
/// Adds `import deliveries|visits FILE --store S` (CustomersService.ImportRows). Exit code 3
/// when some lines were rejected (the report says which and why).
void AddImportCommand(CLI::App& app, Session& session);
/// Adds `report loyalty|churn --store S --month YYYY-MM [--months N]`.
void AddReportCommands(CLI::App& app, Session& session);
/// Adds `inbound reply --from MOBILE --text TD` (DispatchService.ReceiveInbound).
void AddInboundCommands(CLI::App& app, Session& session);
/// Adds `events tail`.
void AddEventsCommands(CLI::App& app, Session& session);
/// Adds `calendar holidays --year YYYY` (local, no service call) and `calendar upcoming`.
void AddCalendarCommands(CLI::App& app, Session& session);
/// Adds `report care --store S --month YYYY-MM [--kind K] [--channel C]` under `report`
/// (RemindersService.GetCareReport). Defined in commands_care.cc.
void AddCareReportCommand(CLI::App& report, Session& session);
/// Adds `calendar upcoming --store S [--days N] [--from DATE] [--html FILE]` under `calendar`
/// (RemindersService.ListReminders over a due date range). Defined in commands_care.cc.
void AddCalendarUpcomingCommand(CLI::App& calendar, Session& session);

/// Adds `rule list [--store S] [--kind K]` and `rule set --store S --kind K [options]`.
void AddRuleCommands(CLI::App& app, Session& session);
/// Adds `get ID` and `cancel ID --reason R` under the `reminder` command.
void AddReminderCommands(CLI::App& reminder, Session& session);
/// Adds `appointment book|cancel|list` (RemindersService).
void AddAppointmentCommands(CLI::App& app, Session& session);
/// Adds `get ID` under the `message` command (DispatchService.GetMessage). Defined in commands_message.cc.
void AddMessageGetCommand(CLI::App& message, Session& session);
/// Adds `campaign preview|create|get|list|cancel` (RemindersService).
void AddCampaignCommands(CLI::App& app, Session& session);
/// Adds `template list|set|preview` and `contact-policy get|set` (DispatchService). (`policy` is
/// the insurance policies' command.)
void AddTemplateCommands(CLI::App& app, Session& session);
/// Adds `plan list [--store S]` and `plan set --store S --name N --steps … [--kinds …]` (DispatchService).
void AddPlanCommands(CLI::App& app, Session& session);
/// Adds `task list|complete` (DispatchService call tasks). Defined in commands_task.cc.
void AddTaskCommands(CLI::App& app, Session& session);
/// Adds `report follow-up --store S --month YYYY-MM` under `report` (DispatchService.GetFollowUpReport).
/// Defined in commands_task.cc.
void AddFollowUpReportCommand(CLI::App& report, Session& session);
/// Adds `case open|list|get|update|resolve` (SurveysService complaint cases). Defined in commands_case.cc.
void AddCaseCommands(CLI::App& app, Session& session);

/// Adds `get ID`, `answer ID --score ITEM=N …` and `template list|upsert` under the `survey`
/// command (SurveysService). Defined in commands_survey.cc.
void AddSurveyCommands(CLI::App& survey, Session& session);

/// A CLI11 validator for store-local dates ("2026-11-01").
[[nodiscard]] CLI::Validator DateValidator();

/// The contract value an option's word names in `table` (an EnumTable, common/base/enum_table.h,
/// e.g. customers::adapters::kChurnStages). The option's IsMember(table.Words()) check rejects
/// other words first; a word that still gets through is a UsageError.
template <class Table>
[[nodiscard]] typename Table::ProtoType ProtoOfWord(const Table& table, const std::string& word) {
  if (const auto proto = table.ProtoOfWord(word)) {
    return *proto;
  }
  throw UsageError("not one of the accepted values: " + word);
}

}  // namespace careloop::ctl
