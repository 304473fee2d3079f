#include "services/surveys/adapters/case_mapping.h"

#include "common/events/proto_event.h"

namespace careloop::surveys::adapters {

namespace {

template <class Table>
auto ProtoOf(const Table& table, typename Table::DomainType value) {
  return table.ToProto(value).value_or(typename Table::ProtoType{});
}

}  // namespace

pb::ComplaintCase ToProto(const domain::ComplaintCase& complaint) {
  pb::ComplaintCase out;
  out.set_case_id(complaint.case_id);
  out.set_customer_id(complaint.customer_id);
  out.set_store_id(complaint.store_id);
  out.set_vehicle_id(complaint.vehicle_id);
  out.set_survey_id(complaint.survey_id);
  out.set_visit_id(complaint.visit_id);
  out.set_severity(ProtoOf(kCaseSeverities, complaint.severity));
  out.set_status(ProtoOf(kCaseStatuses, complaint.status));
  out.set_owner(complaint.owner);
  *out.mutable_deadline_at() = events::ToTimestamp(complaint.deadline_at);
  *out.mutable_opened_at() = events::ToTimestamp(complaint.opened_at);
  if (complaint.resolved_at) {
    *out.mutable_resolved_at() = events::ToTimestamp(*complaint.resolved_at);
  }
  out.set_source(ProtoOf(kCaseSources, complaint.source));
  for (domain::SurveyItem item : complaint.items) {
    out.add_items(static_cast<pb::SurveyItem>(item));
  }
  out.set_summary(complaint.summary);
  for (const auto& step : complaint.steps) {
    pb::CaseStep* added = out.add_steps();
    added->set_step(ProtoOf(kHandlingSteps, step.step));
    added->set_note(step.note);
    added->set_staff_id(step.staff_id);
    *added->mutable_done_at() = events::ToTimestamp(step.done_at);
  }
  if (complaint.resolution) {
    out.set_resolution(ProtoOf(kCaseResolutions, *complaint.resolution));
  }
  out.set_resolution_note(complaint.resolution_note);
  out.set_advisor(complaint.advisor);
  if (complaint.escalated_at) {
    *out.mutable_escalated_at() = events::ToTimestamp(*complaint.escalated_at);
  }
  out.set_escalated_from(complaint.escalated_from);
  return out;
}

domain::ComplaintCase FromProto(const pb::ComplaintCase& complaint) {
  domain::ComplaintCase out;
  out.case_id = complaint.case_id();
  out.customer_id = complaint.customer_id();
  out.store_id = complaint.store_id();
  out.vehicle_id = complaint.vehicle_id();
  out.survey_id = complaint.survey_id();
  out.visit_id = complaint.visit_id();
  out.severity = kCaseSeverities.FromProto(complaint.severity()).value_or(domain::CaseSeverity::kMinor);
  out.status = kCaseStatuses.FromProto(complaint.status()).value_or(domain::CaseStatus::kOpen);
  out.owner = complaint.owner();
  out.deadline_at = events::FromTimestamp(complaint.deadline_at());
  out.opened_at = events::FromTimestamp(complaint.opened_at());
  if (complaint.has_resolved_at()) {
    out.resolved_at = events::FromTimestamp(complaint.resolved_at());
  }
  out.source = kCaseSources.FromProto(complaint.source()).value_or(domain::CaseSource::kPhone);
  for (int item : complaint.items()) {
    out.items.push_back(static_cast<domain::SurveyItem>(item));
  }
  out.summary = complaint.summary();
  for (const auto& step : complaint.steps()) {
    out.steps.push_back({kHandlingSteps.FromProto(step.step()).value_or(domain::HandlingStep::kGetFacts), step.note(),
                         step.staff_id(), events::FromTimestamp(step.done_at())});
  }
  out.resolution = kCaseResolutions.FromProto(complaint.resolution());
  out.resolution_note = complaint.resolution_note();
  out.advisor = complaint.advisor();
  if (complaint.has_escalated_at()) {
    out.escalated_at = events::FromTimestamp(complaint.escalated_at());
  }
  out.escalated_from = complaint.escalated_from();
  return out;
}

pb::ComplaintCaseOpened OpenedEvent(const domain::ComplaintCase& complaint) {
  pb::ComplaintCaseOpened opened;
  opened.set_case_id(complaint.case_id);
  opened.set_customer_id(complaint.customer_id);
  opened.set_store_id(complaint.store_id);
  opened.set_vehicle_id(complaint.vehicle_id);
  opened.set_survey_id(complaint.survey_id);
  opened.set_severity(ProtoOf(kCaseSeverities, complaint.severity));
  opened.set_owner(complaint.owner);
  *opened.mutable_deadline_at() = events::ToTimestamp(complaint.deadline_at);
  opened.set_source(ProtoOf(kCaseSources, complaint.source));
  for (domain::SurveyItem item : complaint.items) {
    opened.add_items(static_cast<pb::SurveyItem>(item));
  }
  opened.set_advisor(complaint.advisor);
  *opened.mutable_opened_at() = events::ToTimestamp(complaint.opened_at);
  return opened;
}

pb::ComplaintCaseUpdated UpdatedEvent(const domain::ComplaintCase& complaint, const app::CaseChange& change) {
  pb::ComplaintCaseUpdated updated;
  updated.set_case_id(complaint.case_id);
  updated.set_customer_id(complaint.customer_id);
  updated.set_store_id(complaint.store_id);
  if (change.step) {
    updated.set_step(ProtoOf(kHandlingSteps, *change.step));
  }
  updated.set_owner(complaint.owner);
  *updated.mutable_deadline_at() = events::ToTimestamp(complaint.deadline_at);
  updated.set_severity(ProtoOf(kCaseSeverities, complaint.severity));
  updated.set_status(ProtoOf(kCaseStatuses, complaint.status));
  updated.set_updated_by(change.by);
  *updated.mutable_occurred_at() = events::ToTimestamp(change.at);
  updated.set_escalated(change.escalated);
  return updated;
}

pb::ComplaintCaseResolved ResolvedEvent(const domain::ComplaintCase& complaint) {
  pb::ComplaintCaseResolved resolved;
  resolved.set_case_id(complaint.case_id);
  resolved.set_customer_id(complaint.customer_id);
  resolved.set_store_id(complaint.store_id);
  resolved.set_severity(ProtoOf(kCaseSeverities, complaint.severity));
  if (complaint.resolution) {
    resolved.set_resolution(ProtoOf(kCaseResolutions, *complaint.resolution));
  }
  resolved.set_owner(complaint.owner);
  *resolved.mutable_opened_at() = events::ToTimestamp(complaint.opened_at);
  if (complaint.resolved_at) {
    *resolved.mutable_resolved_at() = events::ToTimestamp(*complaint.resolved_at);
  }
  resolved.set_within_deadline(domain::ResolvedWithinDeadline(complaint));
  return resolved;
}

}  // namespace careloop::surveys::adapters
