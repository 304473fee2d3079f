#include "services/dispatch/app/case_follow_ups.h"

#include <algorithm>

#include "common/base/ids.h"
#include "common/log/log.h"

namespace careloop::dispatch::app {

CaseFollowUpsApp::CaseFollowUpsApp(CaseRoster& roster, TaskDesk& desk) : roster_(roster), desk_(desk) {}

Status CaseFollowUpsApp::OnOpened(const CaseFacts& facts) {
  if (auto known = roster_.Find(facts.case_id); known && !known->owner.empty()) {
    return Ok{};  // a replay, or the case changed since: what is on record is newer
  }
  roster_.Record(facts);
  return Ok{};
}

Status CaseFollowUpsApp::OnUpdated(const CaseChange& change) {
  auto known = roster_.Find(change.case_id);
  if (!known) {
    return Ok{};  // opened before dispatch listened, or resolved already
  }
  const bool new_owner = !change.owner.empty() && change.owner != known->owner;
  if (!change.owner.empty()) {
    known->owner = change.owner;
  }
  if (change.deadline_at != Instant{}) {
    known->deadline_at = change.deadline_at;
  }
  roster_.Record(*known);
  if (change.escalated && new_owner) {
    return OpenCall(*known, "", DerivedId("case-escalated-", {change.case_id, change.owner}),
                    "投诉已超过处理时限仍未解决，已升级由您跟进");
  }
  return Ok{};
}

Status CaseFollowUpsApp::OnResolved(const std::string& case_id) {
  roster_.Forget(case_id);
  return Ok{};
}

Status CaseFollowUpsApp::OnFollowUpDue(const CaseFollowUpFiring& firing) {
  auto known = roster_.Find(firing.case_id);
  if (!known) {
    log::Info("case follow-up for a case not open here; no call task", {{"case_id", firing.case_id}});
    return Ok{};
  }
  if (known->deadline_at != Instant{} && firing.due_at >= known->deadline_at) {
    return Ok{};  // the deadline's firing: the surveys service escalates, and the escalation is the call
  }
  return OpenCall(*known, firing.reminder_id,
                  domain::MessageIdFor(firing.reminder_id, std::max(1, firing.occurrence),
                                       domain::TaskChannelWord(domain::TaskChannel::kPhoneCall)),
                  "投诉处理时限已过半，请联系客户跟进处理进展");
}

Status CaseFollowUpsApp::OpenCall(const CaseFacts& facts, const std::string& reminder_id, const std::string& message_id,
                                  const std::string& reason) {
  TaskOrder order;
  order.message_id = message_id;
  order.request.cause_id = reminder_id;
  order.request.kind = domain::CareKind::kCaseFollowUp;
  order.request.customer_id = facts.customer_id;
  order.request.store_id = facts.store_id;
  order.request.vehicle_id = facts.vehicle_id;
  order.reason = reason;
  order.prefer = domain::StepAssignee::kCaseOwner;
  order.assignee = facts.owner;
  order.case_id = facts.case_id;
  auto task = desk_.Open(order);
  if (!task.ok()) {
    if (task.error().code == ErrorCode::kNotFound) {
      log::Warn("case follow-up: the customer is not on record; no call task", {{"case_id", facts.case_id}});
      return Ok{};
    }
    return task.error();
  }
  return Ok{};
}

}  // namespace careloop::dispatch::app
