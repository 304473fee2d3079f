#include "services/surveys/domain/survey_template.h"

#include <algorithm>
#include <array>
#include <set>

namespace careloop::surveys::domain {
namespace {

using C = SurveyCategory;
using I = SurveyItem;
constexpr AnswerType kScore = AnswerType::kScore;
constexpr AnswerType kYesNo = AnswerType::kYesNo;

// The items of /work/shared/domain.md ("Follow-up calls and surveys"), in the order asked.
constexpr std::array kItems{
    ItemInfo{I::kOverall, C::kOverall, kScore, "overall", "总体来说，您对本次体验的满意程度如何？", true, true},
    ItemInfo{I::kSalesSignage, C::kPurchaseEnvironment, kScore, "sales_signage", "展厅的指引标识是否清晰？", true,
             false},
    ItemInfo{I::kSalesShowroomComfort, C::kPurchaseEnvironment, kScore, "sales_showroom_comfort", "展厅是否整洁舒适？",
             true, false},
    ItemInfo{I::kSalesVehiclesClean, C::kPurchaseEnvironment, kScore, "sales_vehicles_clean", "展车是否干净整洁？",
             true, false},
    ItemInfo{I::kSalesModelsAndDocumentation, C::kPurchaseEnvironment, kScore, "sales_models_and_documentation",
             "展示车型和资料是否充足？", true, false},
    ItemInfo{I::kSalesConsultantAppearance, C::kViewingProcess, kScore, "sales_consultant_appearance",
             "销售顾问的仪容仪表如何？", true, false},
    ItemInfo{I::kSalesConsultantAttitude, C::kViewingProcess, kScore, "sales_consultant_attitude",
             "销售顾问的服务态度如何？", true, false},
    ItemInfo{I::kSalesConsultantExpertise, C::kViewingProcess, kScore, "sales_consultant_expertise",
             "销售顾问的专业水平如何？", true, false},
    ItemInfo{I::kSalesFairPrice, C::kPriceAndPayment, kScore, "sales_fair_price", "车辆价格是否公道？", true, false},
    ItemInfo{I::kSalesClearCharges, C::kPriceAndPayment, kScore, "sales_clear_charges", "各项费用是否清楚明白？", true,
             false},
    ItemInfo{I::kSalesCardPayment, C::kPriceAndPayment, kScore, "sales_card_payment", "刷卡付款是否方便？", true,
             false},
    ItemInfo{I::kSalesDeliveryOnTime, C::kDelivery, kScore, "sales_delivery_on_time", "是否按约定时间交车？", true,
             false},
    ItemInfo{I::kSalesDeliveryCarClean, C::kDelivery, kScore, "sales_delivery_car_clean", "交车时车辆是否干净？", true,
             false},
    ItemInfo{I::kSalesControlsExplained, C::kDelivery, kScore, "sales_controls_explained",
             "是否为您讲解了车辆的操作功能？", true, false},
    ItemInfo{I::kSalesMaintenanceScheduleExplained, C::kDelivery, kScore, "sales_maintenance_schedule_explained",
             "是否为您说明了保养周期？", true, false},
    ItemInfo{I::kSalesCalledAfterDelivery, C::kSalesFollowUp, kScore, "sales_called_after_delivery",
             "交车后是否及时回访了您？", true, false},
    ItemInfo{I::kSalesProactiveHelp, C::kSalesFollowUp, kScore, "sales_proactive_help", "遇到问题时是否主动帮您解决？",
             true, false},
    ItemInfo{I::kServiceWorkshopTidy, C::kWorkshopEnvironment, kScore, "service_workshop_tidy", "维修车间是否整洁？",
             false, true},
    ItemInfo{I::kServiceOpeningHours, C::kWorkshopEnvironment, kScore, "service_opening_hours", "营业时间是否方便您？",
             false, true},
    ItemInfo{I::kServiceLounge, C::kWorkshopEnvironment, kScore, "service_lounge", "客户休息区是否舒适？", false, true},
    ItemInfo{I::kServiceAdvisorAttitude, C::kServiceProcess, kScore, "service_advisor_attitude",
             "服务顾问的服务态度如何？", false, true},
    ItemInfo{I::kServiceGreetedOnArrival, C::kServiceProcess, kScore, "service_greeted_on_arrival",
             "到店时是否有人及时接待？", false, true},
    ItemInfo{I::kServiceAdvisorExpertise, C::kServiceProcess, kScore, "service_advisor_expertise",
             "服务顾问的专业水平如何？", false, true},
    ItemInfo{I::kServiceAppointmentHonoured, C::kServiceProcess, kScore, "service_appointment_honoured",
             "预约是否按时兑现？", false, true},
    ItemInfo{I::kServiceWaitingService, C::kServiceProcess, kScore, "service_waiting_service",
             "等候期间的服务是否周到？", false, true},
    ItemInfo{I::kServiceHandoverAndSettlement, C::kServiceProcess, kScore, "service_handover_and_settlement",
             "交车和结算是否顺畅？", false, true},
    ItemInfo{I::kServiceDiagnosisRight, C::kRepairQuality, kScore, "service_diagnosis_right", "故障诊断是否准确？",
             false, true},
    ItemInfo{I::kServiceFaultFixed, C::kRepairQuality, kScore, "service_fault_fixed", "故障是否一次修好？", false,
             true},
    ItemInfo{I::kServiceTechnicianAttitude, C::kRepairQuality, kScore, "service_technician_attitude",
             "维修技师的工作态度如何？", false, true},
    ItemInfo{I::kServiceLabourFair, C::kCharges, kScore, "service_labour_fair", "工时费是否合理？", false, true},
    ItemInfo{I::kServicePartsFair, C::kCharges, kScore, "service_parts_fair", "配件价格是否合理？", false, true},
    ItemInfo{I::kServiceChargesExplained, C::kCharges, kScore, "service_charges_explained", "是否向您解释了各项费用？",
             false, true},
    ItemInfo{I::kServiceWorkStartedPromptly, C::kTimeliness, kScore, "service_work_started_promptly",
             "车辆是否及时开始维修？", false, true},
    ItemInfo{I::kServiceRepairTimeReasonable, C::kTimeliness, kScore, "service_repair_time_reasonable",
             "维修时长是否合理？", false, true},
    ItemInfo{I::kSalesShowroomMusic, C::kExecution, kYesNo, "sales_showroom_music", "展厅内是否播放背景音乐？", true,
             false},
    ItemInfo{I::kSalesStaffInUniform, C::kExecution, kYesNo, "sales_staff_in_uniform", "销售人员是否统一着装？", true,
             false},
    ItemInfo{I::kSalesWarrantyExplained, C::kExecution, kYesNo, "sales_warranty_explained",
             "交车时是否向您说明了保修期限和保修范围？", true, false},
    ItemInfo{I::kServiceStaffInUniform, C::kExecution, kYesNo, "service_staff_in_uniform", "服务人员是否统一着装？",
             false, true},
    ItemInfo{I::kServiceWorkExplained, C::kExecution, kYesNo, "service_work_explained",
             "交车时是否向您说明了维修项目和保修范围？", false, true},
};

bool AskedIn(const ItemInfo& info, SurveyKind kind) {
  return kind == SurveyKind::kSalesDelivery ? info.sales : info.service;
}

std::string ItemField(size_t index, std::string_view field) {
  return "survey_template.items[" + std::to_string(index) + "]." + std::string(field);
}

bool Blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

std::span<const ItemInfo> AllItems() {
  return kItems;
}

std::optional<ItemInfo> InfoOf(SurveyItem item) {
  for (const auto& info : kItems) {
    if (info.item == item) {
      return info;
    }
  }
  return std::nullopt;
}

std::optional<SurveyItem> ItemOfWord(std::string_view word) {
  for (const auto& info : kItems) {
    if (info.word == word) {
      return info.item;
    }
  }
  return std::nullopt;
}

std::optional<SurveyItem> ItemOfNumber(int value) {
  for (const auto& info : kItems) {
    if (static_cast<int>(info.item) == value) {
      return info.item;
    }
  }
  return std::nullopt;
}

const TemplateItem* SurveyTemplate::Find(SurveyItem item) const {
  auto it = std::find_if(items.begin(), items.end(), [item](const TemplateItem& entry) { return entry.item == item; });
  return it == items.end() ? nullptr : &*it;
}

std::string TemplateIdFor(const std::string& store_id, SurveyKind kind) {
  const std::string kind_word = kind == SurveyKind::kSalesDelivery ? "sales" : "service";
  return store_id.empty() ? "csi-" + kind_word : "csi-" + kind_word + "-" + store_id;
}

SurveyTemplate DefaultTemplate(SurveyKind kind) {
  SurveyTemplate out;
  out.template_id = TemplateIdFor("", kind);
  out.kind = kind;
  out.display_name =
      kind == SurveyKind::kSalesDelivery ? "新车交付满意度回访（集团默认）" : "售后服务满意度回访（集团默认）";
  for (const auto& info : kItems) {
    if (AskedIn(info, kind)) {
      // Only the overall item is required: a short call or a busy customer may skip the rest.
      out.items.push_back(
          {info.item, info.category, std::string(info.question), info.item == SurveyItem::kOverall, info.answer_type});
    }
  }
  out.version = 1;
  out.recommend_question = "您有多大可能向亲友推荐我们？（0-10分）";
  out.comment_question = "您还有什么意见或建议？";
  return out;
}

Status ValidateTemplate(SurveyTemplate& survey_template) {
  if (Blank(survey_template.display_name)) {
    return InvalidArgument("survey_template.display_name", "must not be empty");
  }
  if (survey_template.items.empty()) {
    return InvalidArgument("survey_template.items", "must ask at least the overall item");
  }
  std::set<SurveyItem> seen;
  for (size_t i = 0; i < survey_template.items.size(); ++i) {
    TemplateItem& entry = survey_template.items[i];
    const auto info = InfoOf(entry.item);
    if (!info) {
      return InvalidArgument(ItemField(i, "item"), "unknown item");
    }
    if (!AskedIn(*info, survey_template.kind)) {
      return InvalidArgument(ItemField(i, "item"), std::string(info->word) + " is not asked in a survey of this kind");
    }
    if (!seen.insert(entry.item).second) {
      return InvalidArgument(ItemField(i, "item"), std::string(info->word) + " is asked twice");
    }
    if (Blank(entry.question_text)) {
      return InvalidArgument(ItemField(i, "question_text"), "must not be empty");
    }
    entry.category = info->category;
    entry.answer_type = info->answer_type;
  }
  if (!seen.contains(SurveyItem::kOverall)) {
    return InvalidArgument("survey_template.items", "must ask the overall item (an SMS score reply answers it)");
  }
  const int dissatisfied = survey_template.dissatisfied_threshold;
  if (dissatisfied < kMinScore || dissatisfied >= kMaxScore) {
    return InvalidArgument("survey_template.dissatisfied_threshold", "must be 1 to 9");
  }
  if (survey_template.major_threshold < kMinScore || survey_template.major_threshold > dissatisfied) {
    return InvalidArgument("survey_template.major_threshold", "must be 1 to the dissatisfied threshold");
  }
  if (survey_template.validity_days < 1 || survey_template.validity_days > 90) {
    return InvalidArgument("survey_template.validity_days", "must be 1 to 90");
  }
  if (survey_template.case_deadline_hours < 0 || survey_template.case_deadline_hours > 720) {
    return InvalidArgument("survey_template.case_deadline_hours", "must be 0 (the store's rule) to 720");
  }
  return Ok{};
}

SurveyTemplate EffectiveTemplate(const std::optional<SurveyTemplate>& store_template,
                                 const std::optional<SurveyTemplate>& group_template, SurveyKind kind) {
  if (store_template && store_template->enabled) {
    return *store_template;
  }
  if (group_template && group_template->enabled) {
    return *group_template;
  }
  return DefaultTemplate(kind);
}

}  // namespace careloop::surveys::domain
