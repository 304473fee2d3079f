#include "services/surveys/adapters/csi_labels.h"

namespace careloop::surveys::adapters {

namespace pb = careloop::survey::v1;

std::string ItemLabel(pb::SurveyItem item) {
  switch (item) {
    case pb::SURVEY_ITEM_OVERALL: return "总体满意度";
    case pb::SURVEY_ITEM_SALES_SIGNAGE: return "标识清晰";
    case pb::SURVEY_ITEM_SALES_SHOWROOM_COMFORT: return "展厅整洁舒适";
    case pb::SURVEY_ITEM_SALES_VEHICLES_CLEAN: return "展车清洁";
    case pb::SURVEY_ITEM_SALES_MODELS_AND_DOCUMENTATION: return "车型与资料齐全";
    case pb::SURVEY_ITEM_SALES_CONSULTANT_APPEARANCE: return "顾问仪容仪表";
    case pb::SURVEY_ITEM_SALES_CONSULTANT_ATTITUDE: return "顾问服务态度";
    case pb::SURVEY_ITEM_SALES_CONSULTANT_EXPERTISE: return "顾问专业水平";
    case pb::SURVEY_ITEM_SALES_FAIR_PRICE: return "价格公道";
    case pb::SURVEY_ITEM_SALES_CLEAR_CHARGES: return "收费清楚";
    case pb::SURVEY_ITEM_SALES_CARD_PAYMENT: return "可刷卡付款";
    case pb::SURVEY_ITEM_SALES_DELIVERY_ON_TIME: return "按时交车";
    case pb::SURVEY_ITEM_SALES_DELIVERY_CAR_CLEAN: return "交车时车辆清洁";
    case pb::SURVEY_ITEM_SALES_CONTROLS_EXPLAINED: return "讲解操作";
    case pb::SURVEY_ITEM_SALES_MAINTENANCE_SCHEDULE_EXPLAINED: return "讲解保养计划";
    case pb::SURVEY_ITEM_SALES_CALLED_AFTER_DELIVERY: return "交车后回访";
    case pb::SURVEY_ITEM_SALES_PROACTIVE_HELP: return "主动帮助解决问题";
    case pb::SURVEY_ITEM_SERVICE_WORKSHOP_TIDY: return "车间整洁";
    case pb::SURVEY_ITEM_SERVICE_OPENING_HOURS: return "营业时间方便";
    case pb::SURVEY_ITEM_SERVICE_LOUNGE: return "休息室舒适";
    case pb::SURVEY_ITEM_SERVICE_ADVISOR_ATTITUDE: return "顾问态度";
    case pb::SURVEY_ITEM_SERVICE_GREETED_ON_ARRIVAL: return "到店接待";
    case pb::SURVEY_ITEM_SERVICE_ADVISOR_EXPERTISE: return "顾问专业水平";
    case pb::SURVEY_ITEM_SERVICE_APPOINTMENT_HONOURED: return "预约兑现";
    case pb::SURVEY_ITEM_SERVICE_WAITING_SERVICE: return "等候服务";
    case pb::SURVEY_ITEM_SERVICE_HANDOVER_AND_SETTLEMENT: return "交车与结算";
    case pb::SURVEY_ITEM_SERVICE_DIAGNOSIS_RIGHT: return "诊断准确";
    case pb::SURVEY_ITEM_SERVICE_FAULT_FIXED: return "一次修复";
    case pb::SURVEY_ITEM_SERVICE_TECHNICIAN_ATTITUDE: return "技师态度";
    case pb::SURVEY_ITEM_SERVICE_LABOUR_FAIR: return "工时费合理";
    case pb::SURVEY_ITEM_SERVICE_PARTS_FAIR: return "配件价格合理";
    case pb::SURVEY_ITEM_SERVICE_CHARGES_EXPLAINED: return "费用解释清楚";
    case pb::SURVEY_ITEM_SERVICE_WORK_STARTED_PROMPTLY: return "及时开工";
    case pb::SURVEY_ITEM_SERVICE_REPAIR_TIME_REASONABLE: return "维修时长合理";
    case pb::SURVEY_ITEM_SALES_SHOWROOM_MUSIC: return "展厅背景音乐";
    case pb::SURVEY_ITEM_SALES_STAFF_IN_UNIFORM: return "销售人员统一着装";
    case pb::SURVEY_ITEM_SALES_WARRANTY_EXPLAINED: return "说明保修期限与范围";
    case pb::SURVEY_ITEM_SERVICE_STAFF_IN_UNIFORM: return "服务人员统一着装";
    case pb::SURVEY_ITEM_SERVICE_WORK_EXPLAINED: return "说明维修项目与保修";
    default: break;
  }
  const std::string name = pb::SurveyItem_Name(item);
  return name.empty() ? "项目" + std::to_string(static_cast<int>(item))
                      : name.substr(name.find("SURVEY_ITEM_") == 0 ? 12 : 0);
}

std::string CategoryLabel(pb::SurveyCategory category) {
  switch (category) {
    case pb::SURVEY_CATEGORY_PURCHASE_ENVIRONMENT: return "购车环境";
    case pb::SURVEY_CATEGORY_VIEWING_PROCESS: return "看车过程";
    case pb::SURVEY_CATEGORY_PRICE_AND_PAYMENT: return "价格与付款";
    case pb::SURVEY_CATEGORY_DELIVERY: return "交车";
    case pb::SURVEY_CATEGORY_SALES_FOLLOW_UP: return "售后跟进";
    case pb::SURVEY_CATEGORY_WORKSHOP_ENVIRONMENT: return "维修环境";
    case pb::SURVEY_CATEGORY_SERVICE_PROCESS: return "服务流程";
    case pb::SURVEY_CATEGORY_REPAIR_QUALITY: return "维修质量";
    case pb::SURVEY_CATEGORY_CHARGES: return "收费";
    case pb::SURVEY_CATEGORY_TIMELINESS: return "及时性";
    case pb::SURVEY_CATEGORY_OVERALL: return "总体";
    default: return "-";
  }
}

}  // namespace careloop::surveys::adapters
