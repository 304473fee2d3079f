#include "services/dispatch/domain/message.h"

#include <algorithm>
#include <array>

namespace careloop::dispatch::domain {

std::string_view CareKindName(CareKind kind) {
  switch (kind) {
    case CareKind::kFirstMaintenance: return "first_maintenance";
    case CareKind::kSecondMaintenance: return "second_maintenance";
    case CareKind::kRegularMaintenance: return "regular_maintenance";
    case CareKind::kSurveyInvitation: return "survey_invitation";
    case CareKind::kInsuranceRenewal: return "insurance_renewal";
    case CareKind::kWarrantyExpiry: return "warranty_expiry";
    case CareKind::kAnnualInspection: return "annual_inspection";
    case CareKind::kBirthday: return "birthday";
    case CareKind::kWinBack: return "win_back";
    case CareKind::kAppointmentConfirmation: return "appointment_confirmation";
    case CareKind::kAppointmentDayBefore: return "appointment_day_before";
    case CareKind::kAppointmentNoShow: return "appointment_no_show";
    case CareKind::kHolidayGreeting: return "holiday_greeting";
    case CareKind::kSeasonalCheck: return "seasonal_check";
    case CareKind::kCampaign: return "campaign";
    case CareKind::kCaseFollowUp: return "case_follow_up";
  }
  return "unknown";
}

std::optional<CareKind> ParseCareKind(std::string_view name) {
  for (CareKind kind :
       {CareKind::kFirstMaintenance, CareKind::kSecondMaintenance, CareKind::kRegularMaintenance,
        CareKind::kSurveyInvitation, CareKind::kInsuranceRenewal, CareKind::kBirthday, CareKind::kWinBack,
        CareKind::kAppointmentConfirmation, CareKind::kAppointmentDayBefore, CareKind::kAppointmentNoShow,
        CareKind::kWarrantyExpiry, CareKind::kAnnualInspection, CareKind::kHolidayGreeting, CareKind::kSeasonalCheck,
        CareKind::kCampaign, CareKind::kCaseFollowUp}) {
    if (CareKindName(kind) == name) {
      return kind;
    }
  }
  return std::nullopt;
}

bool IsMaintenance(CareKind kind) {
  return kind == CareKind::kFirstMaintenance || kind == CareKind::kSecondMaintenance ||
         kind == CareKind::kRegularMaintenance;
}

bool IsCampaignMessage(CareKind kind) {
  return kind == CareKind::kHolidayGreeting || kind == CareKind::kSeasonalCheck || kind == CareKind::kCampaign;
}

MessageClass ClassOf(CareKind kind) {
  switch (kind) {
    // A confirmation answers the customer's own booking: it goes at once, outside quiet hours,
    // and counts against no cap.
    case CareKind::kAppointmentConfirmation: return MessageClass::kServiceCritical;
    // Greetings, campaigns and win-back offers are marketing: their texts carry the opt-out line.
    case CareKind::kBirthday:
    case CareKind::kWinBack:
    case CareKind::kHolidayGreeting:
    case CareKind::kSeasonalCheck:
    case CareKind::kCampaign: return MessageClass::kMarketing;
    // Maintenance, renewal, appointment reminders and survey invitations are routine care: quiet
    // hours and caps apply, but they are not marketing (no opt-out line).
    default: return MessageClass::kCare;
  }
}

bool IsVariantOf(CareKind kind, std::string_view name) {
  static constexpr std::array<std::string_view, 2> kBirthdays = {"birthday", "birthday_lunar"};
  static constexpr std::array<std::string_view, 5> kWinBacks = {
      "win_back_at_risk", "win_back_lapsing", "win_back_lost_new", "win_back_lost_middle", "win_back_lost_old"};
  const auto among = [&](const auto& names) { return std::find(names.begin(), names.end(), name) != names.end(); };
  switch (kind) {
    case CareKind::kBirthday: return among(kBirthdays);
    case CareKind::kWinBack: return among(kWinBacks);
    default: return false;
  }
}

bool WentOut(MessageStatus status) {
  return status == MessageStatus::kSent || status == MessageStatus::kDelivered;
}

std::string_view StatusName(MessageStatus status) {
  switch (status) {
    case MessageStatus::kQueued: return "queued";
    case MessageStatus::kDeferred: return "deferred";
    case MessageStatus::kSent: return "sent";
    case MessageStatus::kFailed: return "failed";
    case MessageStatus::kSuppressed: return "suppressed";
    case MessageStatus::kDelivered: return "delivered";
  }
  return "unknown";
}

std::string_view SuppressionName(Suppression reason) {
  switch (reason) {
    case Suppression::kNone: return "none";
    case Suppression::kNoConsent: return "no_consent";
    case Suppression::kFrequencyCap: return "frequency_cap";
    case Suppression::kNoContact: return "no_contact";
    case Suppression::kCustomerUnknown: return "customer_unknown";
    case Suppression::kNoLongerWanted: return "no_longer_wanted";
    case Suppression::kMerged: return "merged";
    case Suppression::kComplaintOpen: return "complaint_open";
  }
  return "unknown";
}

Templates DefaultTemplates() {
  return {
      {"first_maintenance",
       {"SMS_CL_FIRST_MAINT",
        "${name}您好，您的爱车${plate}（${model}）即将到首次免费保养时间，建议于${due_date}前到店。"
        "我们将为您预留工位，预约电话${store_phone}。"}},
      {"first_maintenance_overdue",
       {"SMS_CL_FIRST_MAINT_DUE",
        "${name}您好，您的爱车${plate}（${model}）已到首次免费保养时间，请尽快预约到店，"
        "我们将为您预留工位，预约电话${store_phone}。"}},
      {"second_maintenance",
       {"SMS_CL_SECOND_MAINT",
        "${name}您好，您的爱车${plate}（${model}）即将到第二次免费保养时间，建议于${due_date}前到店，"
        "预约电话${store_phone}。"}},
      {"second_maintenance_overdue",
       {"SMS_CL_SECOND_MAINT_DUE",
        "${name}您好，您的爱车${plate}（${model}）已到第二次免费保养时间，请尽快预约到店，"
        "预约电话${store_phone}。"}},
      {"regular_maintenance",
       {"SMS_CL_REGULAR_MAINT",
        "${name}您好，您的爱车${plate}（${model}）预计于${due_date}前后需要定期保养，"
        "欢迎提前预约，预约电话${store_phone}。"}},
      {"regular_maintenance_overdue",
       {"SMS_CL_REGULAR_MAINT_DUE",
        "${name}您好，您的爱车${plate}（${model}）已到定期保养时间，欢迎尽快预约到店，"
        "预约电话${store_phone}。"}},
      {std::string(kSeveralCarsTemplate),
       {"SMS_CL_MAINT_CARS",
        "${name}您好，您的爱车${cars}近期都到了保养时间，欢迎一次预约、一并到店，预约电话${store_phone}。"}},
      {"insurance_renewal",
       {"SMS_CL_INSURANCE_RENEWAL",
        "${name}您好，您的爱车${plate}的车险将于${due_date}到期。为免脱保，欢迎提前办理续保，"
        "我店可为您比价、代办，咨询电话${store_phone}。"}},
      {"insurance_renewal_overdue",
       {"SMS_CL_INSURANCE_RENEWAL_DUE",
        "${name}您好，您的爱车${plate}的车险已到期，脱保期间出行没有保障，请尽快办理续保，"
        "咨询电话${store_phone}。"}},
      {"warranty_expiry",
       {"SMS_CL_WARRANTY",
        "${name}您好，您的爱车${plate}（${model}）的整车质保将于${due_date}到期。质保期内发现的问题可按质保处理，"
        "欢迎到期前到店做一次全面检测，预约电话${store_phone}。"}},
      {"warranty_expiry_overdue",
       {"SMS_CL_WARRANTY_DUE",
        "${name}您好，您的爱车${plate}（${model}）的整车质保已到期，欢迎到店做一次全面检测、了解延保服务，"
        "预约电话${store_phone}。"}},
      {"annual_inspection",
       {"SMS_CL_INSPECTION",
        "${name}您好，您的爱车${plate}的年检将于${due_date}到期，可在到期前3个月内办理。我店可为您代办年检，"
        "咨询电话${store_phone}。"}},
      {"annual_inspection_overdue",
       {"SMS_CL_INSPECTION_DUE",
        "${name}您好，您的爱车${plate}的年检已到期，逾期未检不能上路行驶，请尽快安排检验，我店可为您代办，"
        "咨询电话${store_phone}。"}},
      {std::string(kMaintenanceFollowUpTemplate),
       {"SMS_CL_MAINT_FOLLOW_UP",
        "${name}您好，前几天提醒过您爱车${plate}（${model}）的保养，不知是否已经安排？需要预约或有任何疑问，"
        "请致电${store_phone}，我们为您预留工位。"}},
      {"survey_invitation",
       {"SMS_CL_SURVEY",
        "${name}您好，感谢您近日光临。请回复1-10的数字为本次服务打分（10分为非常满意），"
        "您的意见是我们改进的动力。"}},
      {"survey_invitation_link",
       {"SMS_CL_SURVEY_LINK", "${name}您好，请点 ${survey_link} 为本次服务评价，或回复1-10打分。"}},
      {"birthday",
       {"SMS_CL_BIRTHDAY", "${name}您好，值此生日之际，我们全体员工祝您生日快乐、身体健康、用车平安！回T退订"}},
      {"birthday_lunar",
       {"SMS_CL_BIRTHDAY_LUNAR",
        "${name}您好，值此农历生日之际，我们全体员工祝您生日快乐、福寿安康、用车平安！回T退订"}},
      {"win_back_at_risk",
       {"SMS_CL_WINBACK_AT_RISK",
        "${name}您好，好久不见，您的爱车近来可好？欢迎回店免费检测车况，我们随时为您服务，"
        "预约电话${store_phone}。回T退订"}},
      {"win_back_lapsing",
       {"SMS_CL_WINBACK_LAPSING",
        "${name}您好，您的服务顾问一直惦记着您和爱车，近期会致电了解您的用车情况；"
        "您也可随时致电${store_phone}预约保养。回T退订"}},
      {"win_back_lost_new",
       {"SMS_CL_WINBACK_NEW",
        "${name}您好，新车按时保养关系到质保权益。我店提供原厂保养、事故理赔代办和24小时道路救援，"
        "欢迎回店，预约电话${store_phone}。回T退订"}},
      {"win_back_lost_middle",
       {"SMS_CL_WINBACK_MIDDLE",
        "${name}您好，我店近期推出定期保养优惠，并可为您检查质保到期前需要处理的项目，"
        "欢迎回店，预约电话${store_phone}。回T退订"}},
      {"win_back_lost_old",
       {"SMS_CL_WINBACK_OLD",
        "${name}您好，我店为老朋友准备了免费检测日、易损件优惠和年检/续保代办服务，"
        "欢迎回店，预约电话${store_phone}。回T退订"}},
      {"appointment_confirmation",
       {"SMS_CL_APPT_CONFIRM",
        "${name}您好，您已成功预约${due_date}到店为爱车${plate}服务，我们将提前做好准备。"
        "如需改约请致电${store_phone}。"}},
      {"appointment_day_before",
       {"SMS_CL_APPT_DAY_BEFORE",
        "${name}您好，温馨提醒：您预约了明天（${due_date}）到店为爱车${plate}服务，期待您的光临。"
        "如需改约请致电${store_phone}。"}},
      {"appointment_no_show",
       {"SMS_CL_APPT_NO_SHOW",
        "${name}您好，您预约的爱车${plate}服务未能如约到店，服务顾问将与您联系重新安排，"
        "您也可致电${store_phone}改约。"}},
      {"delivery_survey",
       {"SMS_CL_DELIVERY_SURVEY",
        "${name}您好，感谢您选择我们，恭喜您喜提爱车${plate}。请回复1-10的数字为本次购车和交车服务打分"
        "（10分为非常满意），用车中有任何问题请致电${store_phone}。"}},
      {"delivery_survey_link",
       {"SMS_CL_DELIVERY_SURVEY_LINK",
        "${name}您好，恭喜提车！请点 ${survey_link} 为购车交车服务评价，或回复1-10打分。"}},
      // The one reminder to a survey's non-responder (occurrence 2): a score reply, or the answer page.
      {"survey_reminder",
       {"SMS_CL_SURVEY_REMIND",
        "${name}您好，前几天邀请您评价本次服务，如您方便，请回复1-10的数字打分（10分为非常满意），谢谢您的支持！"}},
      {"survey_reminder_link",
       {"SMS_CL_SURVEY_REMIND_LINK",
        "${name}您好，前几天邀请您评价本次服务，如您方便，请点击 ${survey_link} 填写问卷，约需1分钟，谢谢您的支持！"}},
      {"delivery_survey_reminder",
       {"SMS_CL_DELIVERY_SURVEY_REMIND",
        "${name}您好，前几天邀请您评价购车和交车服务，如您方便，请回复1-10的数字打分（10分为非常满意），"
        "谢谢您的支持！"}},
      {"delivery_survey_reminder_link",
       {"SMS_CL_DELIVERY_SURVEY_REMIND_LINK",
        "${name}您好，前几天邀请您评价购车和交车服务，如您方便，请点击 ${survey_link} 填写问卷，约需1分钟，"
        "谢谢您的支持！"}},
      // Campaigns (marketing: every text ends with the opt-out line).
      {"holiday_greeting_new_year",
       {"SMS_CL_GREET_NEW_YEAR", "${name}您好，新年伊始，感谢您一年来的信任与支持，祝您新年快乐、出行平安！回T退订"}},
      {"holiday_greeting_spring_festival",
       {"SMS_CL_GREET_SPRING", "${name}您好，新春佳节，恭祝您阖家幸福、万事如意，新春出行一路平安！回T退订"}},
      {"holiday_greeting_lantern_festival",
       {"SMS_CL_GREET_LANTERN", "${name}您好，元宵佳节，祝您花好月圆、团团圆圆！回T退订"}},
      {"holiday_greeting_qingming",
       {"SMS_CL_GREET_QINGMING", "${name}您好，清明时节出行人多，请注意行车安全，祝您一路平安。回T退订"}},
      {"holiday_greeting_labour_day",
       {"SMS_CL_GREET_LABOUR",
        "${name}您好，五一劳动节快乐！假期出行前可到店免费检查车况，预约电话${store_phone}。回T退订"}},
      {"holiday_greeting_dragon_boat",
       {"SMS_CL_GREET_DRAGON_BOAT", "${name}您好，端午安康！祝您和家人节日愉快、出行平安。回T退订"}},
      {"holiday_greeting_qixi", {"SMS_CL_GREET_QIXI", "${name}您好，七夕快乐！愿您与爱人相伴，一路同行。回T退订"}},
      {"holiday_greeting_mid_autumn",
       {"SMS_CL_GREET_MID_AUTUMN", "${name}您好，值此中秋佳节，祝您和家人花好月圆、阖家团圆，出行平安！回T退订"}},
      {"holiday_greeting_double_ninth",
       {"SMS_CL_GREET_DOUBLE_NINTH", "${name}您好，重阳节到了，祝您和家中长辈健康长寿、幸福安康。回T退订"}},
      {"holiday_greeting_national_day",
       {"SMS_CL_GREET_NATIONAL_DAY",
        "${name}您好，国庆快乐！长假出行前欢迎到店免费检查车况，预约电话${store_phone}。回T退订"}},
      {"holiday_greeting",
       {"SMS_CL_GREET", "${name}您好，值此佳节，感谢您一直以来的信任，祝您节日快乐、出行平安！回T退订"}},
      {"seasonal_check",
       {"SMS_CL_SEASONAL_CHECK",
        "${name}您好，换季用车请留意空调、防冻液和轮胎状况，近期到店可享免费季节检测，预约电话${store_phone}"
        "。回T退订"}},
      {"pre_holiday_check",
       {"SMS_CL_PRE_HOLIDAY_CHECK",
        "${name}您好，节日长途出行前，欢迎到店免费做一次节前长途检查，让出行更安心，预约电话${store_phone}。回T退订"}},
      {"win_back_offer",
       {"SMS_CL_WIN_BACK",
        "${name}您好，好久不见，我们为您准备了回厂保养专属优惠，期待再次为您的爱车服务，咨询电话${store_phone}"
        "。回T退订"}},
      {"campaign",
       {"SMS_CL_CAMPAIGN", "${name}您好，我店近期推出车主关怀活动，详情欢迎致电${store_phone}咨询。回T退订"}},
      {std::string(kCustomCampaignTemplate), {"SMS_CL_CAMPAIGN_CUSTOM", "${name}您好，${message}回T退订"}},
  };
}

bool PastNotAfter(const SendRequest& request, Instant now) {
  return request.not_after != Instant{} && now >= request.not_after;
}

std::string TemplateNameFor(const SendRequest& request, Date today) {
  if (request.kind == CareKind::kSurveyInvitation && request.occurrence >= 2) {
    // The one reminder to a non-responder: the link when the survey has an answer page, else a score reply.
    const std::string name = request.about_delivery ? "delivery_survey_reminder" : "survey_reminder";
    return request.answer_url.empty() ? name : name + "_link";
  }
  if (request.kind == CareKind::kSurveyInvitation) {
    // With the answer page's link: the wording that carries ${survey_link}.
    const std::string name = request.about_delivery ? "delivery_survey" : "survey_invitation";
    return request.answer_url.empty() ? name : name + std::string(kSurveyLinkSuffix);
  }
  if (IsMaintenance(request.kind) && request.occurrence >= 2) {
    return std::string(kMaintenanceFollowUpTemplate);  // names no date: it follows one already sent
  }
  if (request.kind == CareKind::kHolidayGreeting) {
    return request.holiday.empty() ? "holiday_greeting" : "holiday_greeting_" + request.holiday;
  }
  if (IsCampaignMessage(request.kind)) {
    return request.template_id.empty() ? std::string(CareKindName(request.kind)) : request.template_id;
  }
  if (IsVariantOf(request.kind, request.template_id)) {
    return request.template_id;
  }
  if (request.kind == CareKind::kWinBack) {
    return "win_back_at_risk";  // the gentlest wording when the reminder names no stage
  }
  std::string name(CareKindName(request.kind));
  const bool has_overdue_wording = IsMaintenance(request.kind) || request.kind == CareKind::kInsuranceRenewal ||
                                   request.kind == CareKind::kWarrantyExpiry ||
                                   request.kind == CareKind::kAnnualInspection;
  if (has_overdue_wording && request.service_due_date.IsSet() && request.service_due_date < today) {
    name += "_overdue";  // the date has passed: the text asks to come soon instead of naming it
  }
  return name;
}

std::string ChineseDate(const Date& date) {
  return std::to_string(date.year) + "年" + std::to_string(date.month) + "月" + std::to_string(date.day) + "日";
}

std::string FamilyName(std::string_view name) {
  if (name.empty()) {
    return {};
  }
  const auto lead = static_cast<unsigned char>(name[0]);
  if (lead < 0x80) {
    const auto space = name.find(' ');
    return std::string(name.substr(0, space));
  }
  static constexpr std::array<std::string_view, 8> kCompound = {"欧阳", "司马", "诸葛", "上官",
                                                                "东方", "皇甫", "慕容", "令狐"};
  for (auto surname : kCompound) {
    if (name.starts_with(surname)) {
      return std::string(surname);
    }
  }
  const size_t width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  return std::string(name.substr(0, width));
}

std::map<std::string, std::string> TemplateValues(const SendRequest& request, const Contact& contact,
                                                  const StoreIdentity& store) {
  std::map<std::string, std::string> values{
      {"name", FamilyName(contact.name) + Honorific(contact.gender)},
      {"store_phone", store.phone},
  };
  if (auto plate = contact.plates.find(request.vehicle_id); plate != contact.plates.end()) {
    values["plate"] = plate->second;
  }
  if (auto model = contact.models.find(request.vehicle_id); model != contact.models.end()) {
    values["model"] = model->second;
  }
  if (request.service_due_date.IsSet()) {
    values["due_date"] = ChineseDate(request.service_due_date);
  }
  if (!request.answer_url.empty()) {
    values["survey_link"] = request.answer_url;
  }
  return values;
}

std::map<std::string, std::string> SeveralCarsValues(const std::vector<SendRequest>& requests, const Contact& contact,
                                                     const StoreIdentity& store) {
  std::map<std::string, std::string> values{
      {"name", FamilyName(contact.name) + Honorific(contact.gender)},
      {"store_phone", store.phone},
  };
  std::string cars;
  for (const auto& request : requests) {
    auto plate = contact.plates.find(request.vehicle_id);
    auto model = contact.models.find(request.vehicle_id);
    if (!cars.empty()) {
      cars += "、";
    }
    cars += plate != contact.plates.end() ? plate->second : "";
    if (model != contact.models.end() && !model->second.empty()) {
      cars += "（" + model->second + "）";
    }
  }
  values["cars"] = cars;
  return values;
}

Result<std::string> ComposeText(const Template& tmpl, const std::map<std::string, std::string>& values,
                                const StoreIdentity& store) {
  auto body = RenderTemplate(tmpl.text, values);
  if (!body.ok()) {
    return body.error();
  }
  return "【" + store.signature + "】" + body.value();
}

Message Suppressed(const SendRequest& request, std::string message_id, Suppression reason, Instant now) {
  Message message;
  message.message_id = std::move(message_id);
  message.customer_id = request.customer_id;
  message.store_id = request.store_id;
  message.status = MessageStatus::kSuppressed;
  message.suppression = reason;
  message.cause_id = request.cause_id;
  message.occurrence = request.occurrence;
  message.kind = request.kind;
  message.created_at = now;
  return message;
}

}  // namespace careloop::dispatch::domain
