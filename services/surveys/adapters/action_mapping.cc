#include "services/surveys/adapters/action_mapping.h"

#include "common/events/proto_event.h"

namespace careloop::surveys::adapters {

namespace pb = careloop::survey::v1;

pb::ImprovementAction ToProto(const domain::ImprovementAction& action) {
  pb::ImprovementAction out;
  out.set_action_id(action.action_id);
  out.set_store_id(action.store_id);
  out.set_item(static_cast<pb::SurveyItem>(action.item));
  out.set_advisor(action.advisor);
  out.set_description(action.description);
  out.set_owner(action.owner);
  if (action.due_date.IsSet()) {
    *out.mutable_due_date() = events::ToProto(action.due_date);
  }
  out.set_status(kActionStatuses.ToProto(action.status).value_or(pb::IMPROVEMENT_STATUS_OPEN));
  out.set_check_note(action.check_note);
  if (action.period_from.IsSet()) {
    *out.mutable_period()->mutable_start_date() = events::ToProto(action.period_from);
    *out.mutable_period()->mutable_end_date() = events::ToProto(action.period_to);
  }
  out.set_baseline_score(action.baseline_score);
  out.set_target_score(action.target_score);
  *out.mutable_created_at() = events::ToTimestamp(action.created_at);
  if (action.done_at) {
    *out.mutable_done_at() = events::ToTimestamp(*action.done_at);
  }
  if (action.verified_at) {
    *out.mutable_verified_at() = events::ToTimestamp(*action.verified_at);
  }
  return out;
}

domain::ImprovementAction FromProto(const pb::ImprovementAction& action) {
  domain::ImprovementAction out;
  out.action_id = action.action_id();
  out.store_id = action.store_id();
  out.item = static_cast<domain::SurveyItem>(action.item());
  out.advisor = action.advisor();
  out.description = action.description();
  out.owner = action.owner();
  if (action.has_due_date()) {
    out.due_date = events::FromProto(action.due_date());
  }
  out.status = kActionStatuses.FromProto(action.status()).value_or(domain::ActionStatus::kOpen);
  out.check_note = action.check_note();
  if (action.period().has_start_date()) {
    out.period_from = events::FromProto(action.period().start_date());
  }
  if (action.period().has_end_date()) {
    out.period_to = events::FromProto(action.period().end_date());
  }
  out.baseline_score = action.baseline_score();
  out.target_score = action.target_score();
  out.created_at = events::FromTimestamp(action.created_at());
  if (action.has_done_at()) {
    out.done_at = events::FromTimestamp(action.done_at());
  }
  if (action.has_verified_at()) {
    out.verified_at = events::FromTimestamp(action.verified_at());
  }
  return out;
}

}  // namespace careloop::surveys::adapters
