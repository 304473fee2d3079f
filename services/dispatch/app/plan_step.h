#pragma once

#include <string>

#include "services/dispatch/domain/channel_plan.h"

namespace careloop::dispatch::app {

class BatchRun;

/// The plan step a send belongs to (DispatchApp::SendStep). The default is the plan-less SMS.
struct PlanStepContext final {
  std::string plan_id;  ///< empty: no plan
  int index = 0;
  domain::StepChannel channel = domain::StepChannel::kSms;
  /// An earlier step of the same cause went out: this one is its fallback. The per-cause
  /// checks that step passed (merge window, same-day rule, spacing, frequency cap) are not
  /// applied again — a fallback SMS is not capped by the WeChat message it replaces.
  bool fallback = false;
  /// The plan has a step after this one (a permanent failure then falls back).
  bool has_next = false;
  /// A batch worker's pass (app/campaign_batches.h): the contact comes from its look-up, and a
  /// claimed SMS is handed to it instead of sent. Null: a single send.
  BatchRun* batch = nullptr;
};

}  // namespace careloop::dispatch::app
