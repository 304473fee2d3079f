// The surveys service's complaint-case rules (`surveys.complaints`): defaults, group-wide values,
// per-store overrides with the store's manager, and the errors naming the key.
#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

#include "services/surveys/settings.h"

namespace careloop {
namespace {

config::ServiceSettings SurveysWith(const std::string& yaml) {
  config::ServiceSettings service;
  service.section = YAML::Load(yaml);
  config::StoreSettings s001;
  s001.id = "S001";
  s001.manager = "王店总";
  config::StoreSettings s002;
  s002.id = "S002";
  service.stores = {s001, s002};
  return service;
}

std::string ErrorOf(const std::string& yaml) {
  try {
    (void)surveys::ParseSettings(SurveysWith(yaml));
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(SurveysCaseSettings, DefaultsAreTheSixStepsAndTheStoreManager) {
  const auto settings = surveys::ParseSettings(SurveysWith("{}"));
  ASSERT_EQ(settings.case_rules.size(), 2u);
  const auto& s001 = settings.case_rules.at("S001");
  EXPECT_EQ(s001.minor_deadline_hours, 72);
  EXPECT_EQ(s001.major_deadline_hours, 24);
  EXPECT_EQ(s001.manager, "王店总");
  EXPECT_EQ(s001.required_steps.size(), 6u);
  EXPECT_EQ(settings.case_rules.at("S002").manager, "store_manager");
}

TEST(SurveysCaseSettings, AStoreOverridesTheGroupValues) {
  const auto settings = surveys::ParseSettings(SurveysWith(R"(
complaints:
  minor_deadline_hours: 48
  required_steps: [get_facts, follow_up]
  stores:
    S001:
      owner: 客户关系经理
      major_deadline_hours: 12
      staff_managers: {周顾问: 服务经理王}
)"));
  const auto& s001 = settings.case_rules.at("S001");
  EXPECT_EQ(s001.minor_deadline_hours, 48);
  EXPECT_EQ(s001.major_deadline_hours, 12);
  EXPECT_EQ(s001.complaint_owner, "客户关系经理");
  EXPECT_EQ(s001.managers_of.at("周顾问"), "服务经理王");
  EXPECT_EQ(s001.required_steps,
            (std::vector<surveys::domain::HandlingStep>{surveys::domain::HandlingStep::kGetFacts,
                                                        surveys::domain::HandlingStep::kFollowUp}));
  const auto& s002 = settings.case_rules.at("S002");
  EXPECT_EQ(s002.major_deadline_hours, 24);
  EXPECT_TRUE(s002.complaint_owner.empty());
}

TEST(SurveysCaseSettings, BadValuesNameTheKey) {
  EXPECT_NE(ErrorOf("{complaints: {required_steps: [get_facts, apologise]}}")
                .find("surveys.complaints.required_steps: unknown step 'apologise'"),
            std::string::npos);
  EXPECT_NE(ErrorOf("{complaints: {stores: {S009: {owner: x}}}}").find("surveys.complaints.stores.S009"),
            std::string::npos);
  EXPECT_NE(ErrorOf("{complaints: {minor_deadline_hours: 0}}").find("surveys.complaints.minor_deadline_hours"),
            std::string::npos);
}

}  // namespace
}  // namespace careloop
