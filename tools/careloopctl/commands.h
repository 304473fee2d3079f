#pragma once

#include <CLI/CLI.hpp>

#include "tools/careloopctl/session.h"

namespace careloop::ctl {

/// Adds the global options (--endpoints, address/token overrides, --timeout, --json).
void AddGlobalOptions(CLI::App& app, Session& session);
/// Adds `customer create|get`, `vehicle add` and `visit record` (CustomersService).
void AddCustomerCommands(CLI::App& app, Session& session);
/// Adds `reminder list`, `message list` and `survey list`.
void AddListCommands(CLI::App& app, Session& session);
/// Adds `clock show|set|advance` (the shared simulated clock in Redis).
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

/// A CLI11 validator for store-local dates ("2026-11-01").
[[nodiscard]] CLI::Validator DateValidator();

}  // namespace careloop::ctl
