#include "services/dispatch/domain/wechat_templates.h"

#include "services/dispatch/domain/contact_policy.h"

namespace careloop::dispatch::domain {
namespace {

constexpr size_t kThingLimit = 20;

// Characters of a UTF-8 string, as WeChat counts them.
std::vector<std::string_view> Characters(std::string_view text) {
  std::vector<std::string_view> characters;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    characters.push_back(text.substr(i, width));
    i += width;
  }
  return characters;
}

std::string Clamp(const std::string& key, const std::string& value) {
  if (!key.starts_with("thing")) {
    return value;
  }
  const auto characters = Characters(value);
  if (characters.size() <= kThingLimit) {
    return value;
  }
  std::string cut;
  for (size_t i = 0; i + 1 < kThingLimit; ++i) {
    cut += characters[i];
  }
  return cut + "…";
}

WeChatTemplate Care(std::string id, std::string title, std::string item) {
  return {std::move(id),
          std::move(title),
          {{"thing1", "${name}"},
           {"car_number2", "${plate}"},
           {"thing3", std::move(item)},
           {"time4", "${due_date}"},
           {"phone_number5", "${store_phone}"}}};
}

WeChatTemplate Overdue(std::string id, std::string title, std::string item) {
  return {std::move(id),
          std::move(title),
          {{"thing1", "${name}"},
           {"car_number2", "${plate}"},
           {"thing3", std::move(item)},
           {"phone_number4", "${store_phone}"}}};
}

WeChatTemplate Greeting(std::string id, std::string title, std::string wish) {
  return {std::move(id), std::move(title), {{"thing1", "${name}"}, {"thing2", std::move(wish)}}};
}

}  // namespace

WeChatTemplates DefaultWeChatTemplates() {
  return {
      {"first_maintenance", Care("CL_WX_MAINTENANCE", "保养到期提醒", "首次免费保养，请于到期前到店")},
      {"first_maintenance_overdue", Overdue("CL_WX_MAINTENANCE_DUE", "保养到期提醒", "首次免费保养已到期，请尽快预约")},
      {"second_maintenance", Care("CL_WX_MAINTENANCE", "保养到期提醒", "第二次免费保养，请于到期前到店")},
      {"second_maintenance_overdue",
       Overdue("CL_WX_MAINTENANCE_DUE", "保养到期提醒", "第二次免费保养已到期，请尽快预约")},
      {"regular_maintenance", Care("CL_WX_MAINTENANCE", "保养到期提醒", "定期保养，欢迎提前预约")},
      {"regular_maintenance_overdue", Overdue("CL_WX_MAINTENANCE_DUE", "保养到期提醒", "定期保养已到期，请尽快预约")},
      {std::string(kSeveralCarsTemplate),
       {"CL_WX_MAINTENANCE_CARS",
        "保养到期提醒",
        {{"thing1", "${name}"}, {"thing2", "${cars}"}, {"phone_number3", "${store_phone}"}}}},
      {std::string(kMaintenanceFollowUpTemplate),
       Overdue("CL_WX_MAINTENANCE_DUE", "保养到期提醒", "保养是否已安排？我们为您预留工位")},
      {"insurance_renewal", Care("CL_WX_RENEWAL", "车险到期提醒", "车险即将到期，欢迎提前续保")},
      {"insurance_renewal_overdue", Overdue("CL_WX_RENEWAL_DUE", "车险到期提醒", "车险已到期，请尽快续保")},
      {"warranty_expiry", Care("CL_WX_WARRANTY", "质保到期提醒", "整车质保即将到期，欢迎到店检测")},
      {"warranty_expiry_overdue", Overdue("CL_WX_WARRANTY_DUE", "质保到期提醒", "整车质保已到期，欢迎了解延保")},
      {"annual_inspection", Care("CL_WX_INSPECTION", "年检到期提醒", "年检即将到期，可为您代办")},
      {"annual_inspection_overdue", Overdue("CL_WX_INSPECTION_DUE", "年检到期提醒", "年检已到期，请尽快检验")},
      {"survey_invitation",
       {"CL_WX_SURVEY", "服务评价邀请", {{"thing1", "${name}"}, {"thing2", "请回复1-10分为本次服务评价"}}}},
      {"delivery_survey",
       {"CL_WX_SURVEY", "服务评价邀请", {{"thing1", "${name}"}, {"thing2", "请回复1-10分为购车交车服务评价"}}}},
      // With the answer page's link: sent as the message's url (WeChat's "详情").
      {"survey_invitation_link",
       {"CL_WX_SURVEY", "服务评价邀请", {{"thing1", "${name}"}, {"thing2", "请点击详情为本次服务评价"}}}},
      {"delivery_survey_link",
       {"CL_WX_SURVEY", "服务评价邀请", {{"thing1", "${name}"}, {"thing2", "请点击详情为购车交车服务评价"}}}},
      {"survey_reminder",
       {"CL_WX_SURVEY", "服务评价提醒", {{"thing1", "${name}"}, {"thing2", "如您方便，请回复1-10分评价本次服务"}}}},
      {"delivery_survey_reminder",
       {"CL_WX_SURVEY", "服务评价提醒", {{"thing1", "${name}"}, {"thing2", "如您方便，请回复1-10分评价购车交车服务"}}}},
      {"survey_reminder_link",
       {"CL_WX_SURVEY", "服务评价提醒", {{"thing1", "${name}"}, {"thing2", "如您方便，请点击详情评价本次服务"}}}},
      {"delivery_survey_reminder_link",
       {"CL_WX_SURVEY", "服务评价提醒", {{"thing1", "${name}"}, {"thing2", "如您方便，请点击详情评价购车交车服务"}}}},
      {"birthday", Greeting("CL_WX_GREETING", "生日祝福", "祝您生日快乐、用车平安")},
      {"holiday_greeting", Greeting("CL_WX_GREETING", "节日问候", "祝您节日快乐、出行平安")},
      {"win_back",
       {"CL_WX_WIN_BACK",
        "回店关怀",
        {{"thing1", "${name}"}, {"thing2", "欢迎回店免费检测车况"}, {"phone_number3", "${store_phone}"}}}},
      {"appointment_confirmation",
       {"CL_WX_APPOINTMENT",
        "预约成功通知",
        {{"thing1", "${name}"},
         {"car_number2", "${plate}"},
         {"time3", "${due_date}"},
         {"phone_number4", "${store_phone}"}}}},
      {"appointment_day_before",
       {"CL_WX_APPOINTMENT_REMIND",
        "预约到店提醒",
        {{"thing1", "${name}"},
         {"car_number2", "${plate}"},
         {"time3", "${due_date}"},
         {"phone_number4", "${store_phone}"}}}},
      {"appointment_no_show",
       {"CL_WX_NO_SHOW",
        "预约未到店提醒",
        {{"thing1", "${name}"}, {"car_number2", "${plate}"}, {"phone_number3", "${store_phone}"}}}},
      {"seasonal_check",
       {"CL_WX_CAMPAIGN",
        "车主关怀活动",
        {{"thing1", "${name}"}, {"thing2", "换季免费检测，欢迎预约"}, {"phone_number3", "${store_phone}"}}}},
      {"campaign",
       {"CL_WX_CAMPAIGN",
        "车主关怀活动",
        {{"thing1", "${name}"}, {"thing2", "车主关怀活动进行中"}, {"phone_number3", "${store_phone}"}}}},
  };
}

const WeChatTemplate* WeChatTemplateFor(const WeChatTemplates& templates, const SendRequest& request, Date today) {
  if (auto found = templates.find(TemplateNameFor(request, today)); found != templates.end()) {
    return &found->second;
  }
  if (auto found = templates.find(CareKindName(request.kind)); found != templates.end()) {
    return &found->second;
  }
  return nullptr;
}

Result<std::map<std::string, std::string>> RenderWeChatData(const WeChatTemplate& tmpl,
                                                            const std::map<std::string, std::string>& values) {
  std::map<std::string, std::string> data;
  for (const auto& [key, text] : tmpl.keywords) {
    auto value = RenderTemplate(text, values);
    if (!value.ok()) {
      return value.error();
    }
    data[key] = Clamp(key, value.value());
  }
  return data;
}

std::string WeChatLedgerText(const WeChatTemplate& tmpl, const std::map<std::string, std::string>& data) {
  std::string text = tmpl.title + "｜";
  bool first = true;
  for (const auto& [key, unused] : tmpl.keywords) {
    text += (first ? "" : "；") + data.at(key);
    first = false;
  }
  return text;
}

}  // namespace careloop::dispatch::domain
