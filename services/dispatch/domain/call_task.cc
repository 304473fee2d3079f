#include "services/dispatch/domain/call_task.h"

#include <algorithm>
#include <array>
#include <utility>

namespace careloop::dispatch::domain {
namespace {

constexpr std::array<std::pair<CallOutcome, std::string_view>, 7> kOutcomeNames{{
    {CallOutcome::kReached, "reached"},
    {CallOutcome::kAppointmentBooked, "appointment_booked"},
    {CallOutcome::kNoAnswer, "no_answer"},
    {CallOutcome::kCallbackRequested, "callback"},
    {CallOutcome::kWrongNumber, "wrong_number"},
    {CallOutcome::kDeclined, "declined"},
    {CallOutcome::kComplaint, "complaint"},
}};

bool IsSetInstant(Instant instant) {
  return instant.time_since_epoch().count() != 0;
}

// What the caller says about the car, after "您的爱车…".
std::string AboutCar(const std::string& car) {
  return car.empty() ? "您的爱车" : "您的爱车" + car;
}

}  // namespace

std::string_view TaskChannelWord(TaskChannel channel) {
  return channel == TaskChannel::kFaceToFace ? "face" : "call";
}

std::string_view CallOutcomeName(CallOutcome outcome) {
  for (const auto& [value, name] : kOutcomeNames) {
    if (value == outcome) {
      return name;
    }
  }
  return "unknown";
}

std::optional<CallOutcome> ParseCallOutcome(std::string_view name) {
  for (const auto& [value, word] : kOutcomeNames) {
    if (word == name) {
      return value;
    }
  }
  return std::nullopt;
}

bool Reached(CallOutcome outcome) {
  return outcome != CallOutcome::kNoAnswer && outcome != CallOutcome::kWrongNumber;
}

std::string CallTaskIdFor(const std::string& message_id) {
  return "ct-" + message_id;
}

std::string ChooseAssignee(const Contact& contact, const std::string& vehicle_id, const std::string& care_desk) {
  if (auto advisor = contact.advisors.find(vehicle_id); advisor != contact.advisors.end() && !advisor->second.empty()) {
    return advisor->second;
  }
  if (!contact.owner_staff_id.empty()) {
    return contact.owner_staff_id;
  }
  return care_desk;
}

std::string ChooseAssignee(const Contact& contact, const std::string& vehicle_id, const std::string& care_desk,
                           StepAssignee prefer, const std::string& named) {
  if (!named.empty()) {
    return named;
  }
  switch (prefer) {
    case StepAssignee::kCareCentre: return care_desk;
    case StepAssignee::kSalesConsultant:
      return contact.owner_staff_id.empty() ? ChooseAssignee(contact, vehicle_id, care_desk) : contact.owner_staff_id;
    case StepAssignee::kAssignedAdvisor:
    case StepAssignee::kCaseOwner: break;
  }
  return ChooseAssignee(contact, vehicle_id, care_desk);
}

Instant CallDueAt(Instant created, const TimeZone& zone, TimeOfDay workday_end) {
  const Date today = zone.DateAt(created);
  const Instant end_today = zone.At(today, workday_end);
  if (created + kMinCallLead <= end_today) {
    return end_today;
  }
  return zone.At(today.PlusDays(1), workday_end);
}

Instant VisitDueAt(Date visit_date, const TimeZone& zone, TimeOfDay workday_end) {
  return zone.At(visit_date, workday_end);
}

bool IsOverdue(const CallTask& task, Instant now) {
  return task.status == TaskStatus::kOpen && IsSetInstant(task.due_at) && now > task.due_at;
}

bool Escalate(CallTask& task, const std::string& manager, Instant now) {
  if (!IsOverdue(task, now) || !task.escalated_to.empty()) {
    return false;
  }
  task.late = true;
  task.escalated_to = manager;
  task.escalated_at = now;
  return true;
}

std::string CarLabel(const Contact& contact, const std::string& vehicle_id) {
  const auto plate = contact.plates.find(vehicle_id);
  const auto model = contact.models.find(vehicle_id);
  const std::string plate_text = plate == contact.plates.end() ? "" : plate->second;
  const std::string model_text = model == contact.models.end() ? "" : model->second;
  if (!plate_text.empty() && !model_text.empty()) {
    return plate_text + "（" + model_text + "）";
  }
  return plate_text.empty() ? model_text : plate_text;
}

std::string DefaultReason(CareKind kind) {
  switch (kind) {
    case CareKind::kWinBack: return "车辆较长时间未回店保养（准流失）";
    case CareKind::kAppointmentNoShow: return "预约未到店";
    case CareKind::kFirstMaintenance:
    case CareKind::kSecondMaintenance:
    case CareKind::kRegularMaintenance: return "保养到期";
    case CareKind::kInsuranceRenewal: return "保险即将到期";
    case CareKind::kWarrantyExpiry: return "质保即将到期";
    case CareKind::kAnnualInspection: return "年检即将到期";
    case CareKind::kSurveyInvitation: return "服务满意度回访";
    case CareKind::kAppointmentConfirmation:
    case CareKind::kAppointmentDayBefore: return "预约确认";
    case CareKind::kBirthday: return "生日关怀";
    case CareKind::kHolidayGreeting: return "节日问候";
    case CareKind::kSeasonalCheck: return "季节检测邀约";
    case CareKind::kCampaign: return "活动邀约";
    case CareKind::kCaseFollowUp: return "投诉跟进";
  }
  return "客户关怀";
}

std::string TaskReason(const SendRequest& request) {
  if (request.kind == CareKind::kSurveyInvitation && request.about_delivery) {
    return "新车交付三日回访（购车与交车满意度）";
  }
  return DefaultReason(request.kind);
}

std::string CallScript(CareKind kind, TaskChannel channel, const Contact& contact, const std::string& vehicle_id,
                       const std::string& store_name, const std::string& reason) {
  const std::string name = FamilyName(contact.name) + Honorific(contact.gender);
  const std::string car = CarLabel(contact, vehicle_id);
  // A complaint's follow-up is made by its owner (a manager), not an advisor.
  const std::string role = kind == CareKind::kCaseFollowUp ? "客户服务负责人" : "服务顾问";
  std::string script = channel == TaskChannel::kFaceToFace
                           ? name + "您好，我是" + store_name + "的" + role + "。"
                           : "您好，我是" + store_name + "的" + role + "，请问是" + name + "吗？";
  switch (kind) {
    case CareKind::kWinBack:
      script += AboutCar(car) + "已经有一段时间没有回店保养了，想了解一下您最近的用车情况，" +
                "也想听听我们哪里做得不够好。店里为老客户准备了保养优惠，方便的话帮您预约一个时间？";
      break;
    case CareKind::kAppointmentNoShow:
      script += "您之前预约了" + AboutCar(car) + "的到店服务，今天没有看到您，想确认一下是否遇到了什么情况，" +
                "需要帮您重新约一个方便的时间吗？";
      break;
    case CareKind::kFirstMaintenance:
    case CareKind::kSecondMaintenance:
    case CareKind::kRegularMaintenance:
      script += AboutCar(car) + "到了保养的时间，方便的话帮您预约一个到店时间？";
      break;
    case CareKind::kSurveyInvitation: script += "想占用您几分钟，了解一下您对我们这次服务的评价。"; break;
    case CareKind::kCaseFollowUp:
      script += "关于您之前反映的问题，想跟您确认一下目前的处理进展，看看还有哪些需要我们继续跟进的。";
      break;
    default: script += "这次联系您是因为：" + reason + "。"; break;
  }
  return script;
}

Status ValidateCompletion(const CallTask& task, const Completion& completion, Instant now) {
  if (task.status != TaskStatus::kOpen) {
    return Error{ErrorCode::kFailedPrecondition, "call_task_id",
                 "task '" + task.task_id + "' is not open (already completed or cancelled)"};
  }
  if (!completion.outcome) {
    return InvalidArgument("outcome", "is required");
  }
  if (*completion.outcome == CallOutcome::kAppointmentBooked) {
    if (!IsSetInstant(completion.appointment_at)) {
      return InvalidArgument("appointment_at", "is required when the outcome is appointment_booked");
    }
    if (completion.appointment_at <= now) {
      return InvalidArgument("appointment_at",
                             "must be in the future, got " + FormatRfc3339(completion.appointment_at));
    }
  } else if (IsSetInstant(completion.appointment_at)) {
    return InvalidArgument("appointment_at", "is only for the outcome appointment_booked");
  }
  if (IsSetInstant(completion.callback_at)) {
    if (*completion.outcome != CallOutcome::kCallbackRequested) {
      return InvalidArgument("callback_at", "is only for the outcome callback");
    }
    if (completion.callback_at <= now) {
      return InvalidArgument("callback_at", "must be in the future, got " + FormatRfc3339(completion.callback_at));
    }
  }
  if (*completion.outcome == CallOutcome::kComplaint && completion.notes.empty()) {
    return InvalidArgument("notes", "must say what the complaint is about");
  }
  return Ok{};
}

void Complete(CallTask& task, const Completion& completion, Instant now) {
  task.status = TaskStatus::kCompleted;
  task.outcome = completion.outcome;
  task.notes = completion.notes;
  task.callback_at = completion.callback_at;
  task.completed_by = completion.completed_by;
  task.completed_at = now;
  if (IsSetInstant(task.due_at) && now > task.due_at) {
    task.late = true;
  }
}

Message TaskMessage(const CallTask& task) {
  Message message;
  message.message_id = task.message_id;
  message.customer_id = task.customer_id;
  message.store_id = task.store_id;
  message.channel = std::string(TaskChannelWord(task.channel));
  message.provider = "staff";
  message.cause_id = task.cause_id;
  message.occurrence = task.occurrence;
  message.kind = task.kind;
  message.created_at = task.created_at;
  message.call_task_id = task.task_id;
  switch (task.status) {
    case TaskStatus::kOpen:  // handed to the staff member: settled for the ledger, not waiting to be sent
      message.status = MessageStatus::kSent;
      message.sent_at = task.created_at;
      break;
    case TaskStatus::kCancelled:
      message.status = MessageStatus::kSuppressed;
      message.suppression = Suppression::kNoLongerWanted;
      break;
    case TaskStatus::kCompleted:
      if (task.outcome && Reached(*task.outcome)) {
        message.status = MessageStatus::kDelivered;
        message.sent_at = task.completed_at;
        message.delivered_at = task.completed_at;
      } else {
        message.status = MessageStatus::kFailed;
        message.failure_reason =
            std::string(task.outcome ? CallOutcomeName(*task.outcome) : "unknown") + ": the customer was not reached";
      }
      break;
  }
  return message;
}

Result<Date> ParseMonth(std::string_view month) {
  if (month.size() != 7 || month[4] != '-') {
    return InvalidArgument("month", "must be YYYY-MM, got '" + std::string(month) + "'");
  }
  auto first = Date::Parse(std::string(month) + "-01");
  if (!first) {
    return InvalidArgument("month", "must be YYYY-MM, got '" + std::string(month) + "'");
  }
  return *first;
}

FollowUpReport BuildFollowUpReport(const std::string& store_id, Date month_start, const std::vector<CallTask>& tasks,
                                   const TimeZone& zone, Instant now) {
  FollowUpReport report;
  report.store_id = store_id;
  report.month = month_start.ToString().substr(0, 7);
  const Date next_month = month_start.PlusMonths(1);
  std::map<std::string, FollowUpLine> lines;
  for (const auto& task : tasks) {
    if (task.store_id != store_id || task.status == TaskStatus::kCancelled) {
      continue;
    }
    const Date day = zone.DateAt(IsSetInstant(task.due_at) ? task.due_at : task.created_at);
    if (day < month_start || day >= next_month) {
      continue;
    }
    FollowUpLine& line = lines[task.assignee];
    line.staff_id = task.assignee;
    ++line.tasks;
    const bool late = task.late || IsOverdue(task, now);
    if (task.status == TaskStatus::kCompleted && !late) {
      ++line.done_on_time;
    }
    if (late) {
      ++line.late;
    }
    if (task.status == TaskStatus::kOpen) {
      ++line.open;
    }
  }
  for (auto& [staff, line] : lines) {
    report.total.tasks += line.tasks;
    report.total.done_on_time += line.done_on_time;
    report.total.late += line.late;
    report.total.open += line.open;
    report.lines.push_back(std::move(line));
  }
  return report;
}

}  // namespace careloop::dispatch::domain
