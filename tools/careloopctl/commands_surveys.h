#pragma once

#include <CLI/CLI.hpp>

#include "tools/careloopctl/session.h"

namespace careloop::ctl {

/// Adds `report csi --store S --month YYYY-MM [--by advisor|item] [--kind K] [--html FILE]` under
/// `report` (SurveysService.GetCsiReport). Defined in commands_csi.cc.
void AddCsiReportCommand(CLI::App& report, Session& session);
/// Adds `action create|list|update` (SurveysService improvement actions). Defined in commands_action.cc.
void AddActionCommands(CLI::App& app, Session& session);

}  // namespace careloop::ctl
