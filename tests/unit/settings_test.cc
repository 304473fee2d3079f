// Each service's settings: defaults from an empty section, overrides read, bad values refused
// with the full key path and the reason.
#include <gtest/gtest.h>

#include <string>

#include "services/customers/settings.h"
#include "services/dispatch/domain/message.h"
#include "services/dispatch/settings.h"
#include "services/reminders/settings.h"
#include "services/surveys/settings.h"

namespace careloop {
namespace {

config::ServiceSettings ServiceWith(const std::string& yaml, std::string token = "") {
  config::ServiceSettings service;
  service.section = YAML::Load(yaml);
  service.service_token = std::move(token);
  return service;
}

// A reminders section with its one required key (the customers service's address) added.
config::ServiceSettings RemindersWith(const std::string& yaml) {
  config::ServiceSettings service = ServiceWith(yaml);
  if (!service.section["customers_address"]) {
    service.section["customers_address"] = "127.0.0.1:1";
  }
  return service;
}

// The ConfigError's text ("key: reason") thrown by `parse`, or "" when it parsed.
template <typename Parse>
std::string ErrorOf(Parse parse) {
  try {
    parse();
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(CustomersSettings, DefaultsFromAnEmptySection) {
  const customers::Settings settings = customers::ParseSettings(ServiceWith("{}"));
  EXPECT_EQ(settings.national_id_key, "");
  EXPECT_EQ(settings.reclassify_batch, 100);
  EXPECT_EQ(settings.reclassify_poll, Millis{200});
  EXPECT_EQ(settings.snapshot_poll, Millis{10'000});
}

TEST(CustomersSettings, ReadsTheKeyAndWorkerPacing) {
  const std::string key(64, 'a');
  const auto settings = customers::ParseSettings(
      ServiceWith("{national_id_key: " + key + ", reclassify_batch: 7, snapshot_poll_ms: 500}"));
  EXPECT_EQ(settings.national_id_key, key);
  EXPECT_EQ(settings.reclassify_batch, 7);
  EXPECT_EQ(settings.snapshot_poll, Millis{500});
}

TEST(CustomersSettings, RefusesAKeyThatIsNotSixtyFourHexCharacters) {
  EXPECT_EQ(ErrorOf([] {
              (void)customers::ParseSettings(ServiceWith("{national_id_key: abc}"));
            }).rfind("customers.national_id_key: must be 64 hex characters", 0),
            0u);
  EXPECT_NE(
      ErrorOf([] { (void)customers::ParseSettings(ServiceWith("{national_id_key: " + std::string(64, 'g') + "}")); }),
      "");
  EXPECT_EQ(ErrorOf([] { (void)customers::ParseSettings(ServiceWith("{reclassify_batch: 0}")); }),
            "customers.reclassify_batch: must be 1–10000, got 0");
}

TEST(CustomersSettings, ReadsTheLoyaltySettlingInPeriodPerStoreAndRefusesBadOnes) {
  EXPECT_EQ(customers::ParseSettings(ServiceWith("{}")).report_rules.SettlingMonthsOf("S001"), 12);
  config::ServiceSettings service =
      ServiceWith("{reports: {loyalty_settling_months: 18, loyalty_settling_months_by_store: {S002: 6}}}");
  service.stores = {{"S001"}, {"S002"}};
  const auto rules = customers::ParseSettings(service).report_rules;
  EXPECT_EQ(rules.SettlingMonthsOf("S001"), 18);
  EXPECT_EQ(rules.SettlingMonthsOf("S002"), 6);
  EXPECT_EQ(ErrorOf([] { (void)customers::ParseSettings(ServiceWith("{reports: {loyalty_settling_months: 0}}")); }),
            "customers.reports.loyalty_settling_months: must be 1–120, got 0");
  EXPECT_EQ(ErrorOf([] {
              (void)customers::ParseSettings(ServiceWith("{reports: {loyalty_settling_months_by_store: {S009: 6}}}"));
            }),
            "customers.reports.loyalty_settling_months_by_store.S009: is not one of the configured stores");
  EXPECT_EQ(ErrorOf([] { (void)customers::ParseSettings(ServiceWith("{reports: 12}")); }),
            "customers.reports: must be a section (a map of keys)");
}

TEST(RemindersSettings, DefaultsAreTheDomainPolicy) {
  const reminders::Settings settings = reminders::ParseSettings(RemindersWith("{}"));
  const reminders::domain::MaintenancePolicy defaults;
  EXPECT_EQ(settings.maintenance.first_months, defaults.first_months);
  EXPECT_EQ(settings.maintenance.lead_days, defaults.lead_days);
  EXPECT_EQ(settings.maintenance.send_at, defaults.send_at);
  EXPECT_EQ(settings.timer_batch, 100);
}

TEST(RemindersSettings, ReadsTheMaintenancePolicy) {
  const auto settings = reminders::ParseSettings(
      RemindersWith("{maintenance: {first_months: 2, first_km: 3000, lead_days: 10, send_at: '09:30'}}"));
  EXPECT_EQ(settings.maintenance.first_months, 2);
  EXPECT_EQ(settings.maintenance.first_km, 3000);
  EXPECT_EQ(settings.maintenance.lead_days, 10);
  EXPECT_EQ(settings.maintenance.send_at.ToString(), "09:30");
}

TEST(RemindersSettings, BadValuesNameTheirKey) {
  EXPECT_EQ(ErrorOf([] { (void)reminders::ParseSettings(RemindersWith("{maintenance: {send_at: '25:00'}}")); }),
            "reminders.maintenance.send_at: must be HH:MM, got '25:00'");
  EXPECT_EQ(ErrorOf([] { (void)reminders::ParseSettings(RemindersWith("{maintenance: {regular_months: 0}}")); }),
            "reminders.maintenance.regular_months: must be 1–60, got 0");
  EXPECT_EQ(ErrorOf([] { (void)reminders::ParseSettings(RemindersWith("{maintenance: 3}")); }),
            "reminders.maintenance: must be a section (a map of keys)");
  EXPECT_EQ(ErrorOf([] { (void)reminders::ParseSettings(RemindersWith("{maintenance: {lead_days: soon}}")); }),
            "reminders.maintenance.lead_days: has the wrong type");
}

TEST(RemindersSettings, SurveyInvitationLimits) {
  const auto defaults = reminders::ParseSettings(RemindersWith("{}")).survey_invitations;
  EXPECT_EQ(defaults.delivery_call_days, 3);
  EXPECT_EQ(defaults.max_visit_age_days, 7);
  EXPECT_EQ(defaults.max_delivery_age_days, 14);
  const auto set =
      reminders::ParseSettings(RemindersWith("{survey_invitations: {delivery_call_days: 2, max_visit_age_days: 5, "
                                             "max_delivery_age_days: 10}}"))
          .survey_invitations;
  EXPECT_EQ(set.delivery_call_days, 2);
  EXPECT_EQ(set.max_visit_age_days, 5);
  EXPECT_EQ(set.max_delivery_age_days, 10);
  EXPECT_EQ(ErrorOf([] {
              (void)reminders::ParseSettings(
                  RemindersWith("{survey_invitations: {delivery_call_days: 5, max_delivery_age_days: 4}}"));
            }),
            "reminders.survey_invitations.max_delivery_age_days: must be at least delivery_call_days, or no "
            "delivery is ever called");
}

TEST(RemindersSettings, CareTimesAndTheCustomersAddress) {
  const auto defaults = reminders::ParseSettings(RemindersWith("{}"));
  EXPECT_EQ(defaults.customers_address, "127.0.0.1:1");
  EXPECT_EQ(defaults.care.birthday_at.ToString(), "09:00");
  EXPECT_EQ(defaults.care.appointment_day_before_at.ToString(), "18:00");
  const auto settings = reminders::ParseSettings(
      RemindersWith("{care: {birthday_at: '08:30', win_back_at: '11:00', appointment_no_show_at: '09:15'}}"));
  EXPECT_EQ(settings.care.birthday_at.ToString(), "08:30");
  EXPECT_EQ(settings.care.win_back_at.ToString(), "11:00");
  EXPECT_EQ(settings.care.appointment_no_show_at.ToString(), "09:15");
  EXPECT_EQ(ErrorOf([] { (void)reminders::ParseSettings(ServiceWith("{}")); }),
            "reminders.customers_address: is required (host:port of careloop-customers)");
  EXPECT_EQ(ErrorOf([] { (void)reminders::ParseSettings(RemindersWith("{care: {birthday_at: '9am'}}")); }),
            "reminders.care.birthday_at: must be HH:MM, got '9am'");
}

TEST(RemindersSettings, InsuranceRenewalLeadTimes) {
  EXPECT_EQ(reminders::ParseSettings(RemindersWith("{}")).insurance.lead_days, (std::vector<int>{30, 15, 7}));
  const auto settings =
      reminders::ParseSettings(RemindersWith("{insurance: {lead_days: [45, 20, 3], send_at: '09:00'}}"));
  EXPECT_EQ(settings.insurance.lead_days, (std::vector<int>{45, 20, 3}));
  EXPECT_EQ(settings.insurance.send_at.ToString(), "09:00");
  EXPECT_EQ(ErrorOf([] { (void)reminders::ParseSettings(RemindersWith("{insurance: {lead_days: [30, -7]}}")); }),
            "reminders.insurance.lead_days: each must be 1–365 days, got -7");
  EXPECT_EQ(ErrorOf([] { (void)reminders::ParseSettings(RemindersWith("{insurance: {lead_days: [7, 30]}}")); }),
            "reminders.insurance.lead_days: must be in descending order without repeats");
}

TEST(RemindersSettings, RulesAreTheGroupPoliciesThenStoreAndModelOverrides) {
  config::ServiceSettings service = RemindersWith(
      "{maintenance: {first_months: 2}, insurance: {lead_days: [45, 7]}, rules: ["
      "{store: S001, kind: first_maintenance, models: [星途揽月], interval_months: 6, interval_km: 7500},"
      "{store: S001, kind: insurance_renewal, lead_days: [20], fire_time: '09:30', enabled: false}]}");
  service.stores = {{"S001"}, {"S002"}};
  const auto rules = reminders::ParseSettings(service).rules;
  const auto first = reminders::domain::Resolve(rules, "S002", reminders::domain::ReminderKind::kFirstMaintenance, "");
  EXPECT_EQ(first.interval_months, 2);  // the group rule, from reminders.maintenance
  EXPECT_EQ(first.interval_km, 5000);
  const auto model =
      reminders::domain::Resolve(rules, "S001", reminders::domain::ReminderKind::kFirstMaintenance, "星途揽月");
  EXPECT_EQ(model.interval_months, 6);
  EXPECT_EQ(model.lead_days, std::vector<int>{7});  // unset fields: the kind's default
  EXPECT_EQ(reminders::domain::Resolve(rules, "S002", reminders::domain::ReminderKind::kInsuranceRenewal, "").lead_days,
            (std::vector<int>{45, 7}));
  const auto store = reminders::domain::Resolve(rules, "S001", reminders::domain::ReminderKind::kInsuranceRenewal, "");
  EXPECT_FALSE(store.enabled);
  EXPECT_EQ(store.fire_time.ToString(), "09:30");
}

TEST(RemindersSettings, BadRulesNameTheirKey) {
  const auto error = [](const std::string& yaml) {
    config::ServiceSettings service = RemindersWith(yaml);
    service.stores = {{"S001"}};
    return ErrorOf([&] { (void)reminders::ParseSettings(service); });
  };
  EXPECT_EQ(error("{rules: [{kind: birthday, fire_time: '22:00'}]}"),
            "reminders.rules[0].fire_time: 22:00 is inside the store's quiet hours 21:00–08:00 (store S001; a group "
            "rule governs every store)");
  EXPECT_EQ(error("{rules: [{kind: first_maintenance}, {kind: insurance_renewal, lead_days: [0]}]}"),
            "reminders.rules[1].lead_days: each must be 1–365 days, got 0 (leave the list empty to fire on the day)");
  EXPECT_EQ(error("{rules: [{kind: oil_change}]}"), "reminders.rules[0].kind: unknown reminder kind 'oil_change'");
  EXPECT_EQ(error("{rules: [{store: S009, kind: birthday}]}"),
            "reminders.rules[0].store: is not one of the configured stores");
  EXPECT_EQ(error("{rules: {kind: birthday}}"), "reminders.rules: must be a list of rules");
  // The quiet hours are the stores' own (stores[].quiet_hours); a group rule must keep out of every store's.
  config::ServiceSettings late_store = RemindersWith("{rules: [{kind: birthday, fire_time: '20:30'}]}");
  late_store.stores = {{"S001"}, {"S002"}};
  late_store.stores[1].quiet_hours_start = TimeOfDay{20 * 60};
  EXPECT_EQ(ErrorOf([&] { (void)reminders::ParseSettings(late_store); }),
            "reminders.rules[0].fire_time: 20:30 is inside the store's quiet hours 20:00–08:00 (store S002; a group "
            "rule governs every store)");
  late_store.section =
      YAML::Load("{customers_address: 'x:1', rules: [{store: S001, kind: birthday, fire_time: '20:30'}]}");
  EXPECT_NO_THROW((void)reminders::ParseSettings(late_store));
}

TEST(SurveysSettings, DefaultsAndOverrides) {
  EXPECT_EQ(surveys::ParseSettings(ServiceWith("{}")).policy.answer_window, Days{7});
  const auto settings = surveys::ParseSettings(ServiceWith("{answer_window_days: 10}"));
  EXPECT_EQ(settings.policy.answer_window, Days{10});
  EXPECT_EQ(settings.report_page_listen, "");  // the CSI report page is not served unless asked
  EXPECT_EQ(surveys::ParseSettings(ServiceWith("{report_page: {listen: '127.0.0.1:8095'}}")).report_page_listen,
            "127.0.0.1:8095");
  EXPECT_EQ(ErrorOf([] { (void)surveys::ParseSettings(ServiceWith("{answer_window_days: 0}")); }),
            "surveys.answer_window_days: must be 1–365, got 0");
}

constexpr const char* kAliyun =
    "customers_address: 127.0.0.1:1\nreminders_address: 127.0.0.1:2\naliyun: {access_key_id: id, access_key_secret: "
    "secret}\n";

TEST(DispatchSettings, DefaultsWithTheRequiredKeys) {
  const dispatch::Settings settings = dispatch::ParseSettings(ServiceWith(kAliyun, "token"));
  EXPECT_EQ(settings.customers_address, "127.0.0.1:1");
  EXPECT_EQ(settings.sms_provider, dispatch::SmsProvider::kAliyun);
  EXPECT_EQ(settings.aliyun.access_key_id, "id");
  EXPECT_EQ(settings.policy.quiet_hours.start.ToString(), "21:00");
  EXPECT_EQ(settings.policy.frequency_cap.window, Days{7});
  EXPECT_EQ(settings.templates.size(), dispatch::domain::DefaultTemplates().size());
}

TEST(DispatchSettings, ReadsPolicyProviderAndTemplateOverrides) {
  const auto settings = dispatch::ParseSettings(
      ServiceWith("customers_address: c:1\nreminders_address: r:1\nsms_provider: tencent\n"
                  "tencent: {secret_id: a, secret_key: b, sdk_app_id: '1400'}\n"
                  "quiet_hours: {start: '22:00', end: '07:30'}\nfrequency_cap: {max_messages: 2, window_days: 3}\n"
                  "templates: {first_maintenance: {code: SMS_1}}\n",
                  "token"));
  EXPECT_EQ(settings.sms_provider, dispatch::SmsProvider::kTencent);
  EXPECT_EQ(settings.tencent.sdk_app_id, "1400");
  EXPECT_EQ(settings.policy.quiet_hours.end.ToString(), "07:30");
  EXPECT_EQ(settings.policy.frequency_cap.max_messages, 2);
  EXPECT_EQ(settings.policy.frequency_cap.window, Days{3});
  EXPECT_EQ(settings.templates.at("first_maintenance").code, "SMS_1");
  EXPECT_EQ(settings.templates.at("first_maintenance").text,
            dispatch::domain::DefaultTemplates().at("first_maintenance").text);
  EXPECT_EQ(settings.reminders_address, "r:1");
}

TEST(DispatchSettings, RequiredAndBadKeysAreNamed) {
  EXPECT_EQ(ErrorOf([] { (void)dispatch::ParseSettings(ServiceWith("{}", "token")); }),
            "dispatch.customers_address: is required (host:port of careloop-customers)");
  EXPECT_EQ(ErrorOf([] { (void)dispatch::ParseSettings(ServiceWith(kAliyun)); }),
            "auth.service_token: is required: dispatch calls customers and reminders with it");
  EXPECT_EQ(ErrorOf([] { (void)dispatch::ParseSettings(ServiceWith("customers_address: c:1\n", "token")); }),
            "dispatch.reminders_address: is required (host:port of careloop-reminders)");
  EXPECT_EQ(ErrorOf([] {
              (void)dispatch::ParseSettings(ServiceWith("customers_address: c:1\nreminders_address: r:1\n", "token"));
            }),
            "dispatch.aliyun.access_key_id: is required (the AccessKey of the Aliyun SMS account)");
  EXPECT_EQ(ErrorOf([] {
              (void)dispatch::ParseSettings(ServiceWith(std::string(kAliyun) + "sms_provider: twilio\n", "token"));
            }),
            "dispatch.sms_provider: must be 'aliyun' or 'tencent', got 'twilio'");
  // The names listed grow with every kind dispatch sends: the message names the key and lists them.
  const std::string unknown_template = ErrorOf([] {
    (void)dispatch::ParseSettings(ServiceWith(std::string(kAliyun) + "templates: {birthday_party: {}}\n", "token"));
  });
  EXPECT_TRUE(unknown_template.starts_with("dispatch.templates.birthday_party: is not a template name (one of "))
      << unknown_template;
  for (const char* name : {"first_maintenance", "survey_invitation", "holiday_greeting_mid_autumn"}) {
    EXPECT_NE(unknown_template.find(std::string(" ") + name + ","), std::string::npos) << name;
  }
  EXPECT_EQ(
      ErrorOf([] { (void)dispatch::ParseSettings(ServiceWith(std::string(kAliyun) + "max_attempts: 21\n", "token")); }),
      "dispatch.max_attempts: must be 1–20, got 21");
}

}  // namespace
}  // namespace careloop
