#pragma once

#include "common/events/router.h"
#include "services/surveys/app/csi_app.h"

namespace careloop::surveys::adapters {

/// Routes the survey topic's own events into the CSI read model: SurveyIssued, SurveyAnswered,
/// SurveyExpired and ComplaintCaseOpened/Updated/Resolved. An event that names no survey (or
/// case) or store is poison.
void RouteCsi(events::Router& router, app::CsiApp& csi);

/// The read model's consumer (group `careloop-surveys-csi`, topic careloop.survey.v1).
class CsiEventHandler final {
 public:
  explicit CsiEventHandler(app::CsiApp& csi) { RouteCsi(routes_, csi); }
  kafka::HandlerResult operator()(const kafka::CloudEvent& event) const { return routes_(event); }

 private:
  events::Router routes_;
};

}  // namespace careloop::surveys::adapters
