// What `careloopctl case …` prints: the Chinese case list (severity, status with the customer's
// answer, an escalated owner) and one case with its handling steps.
#include <gtest/gtest.h>

#include "common/base/time.h"
#include "common/events/proto_event.h"
#include "tools/careloopctl/case_view.h"

namespace careloop::ctl {
namespace {

namespace sv1 = careloop::survey::v1;

sv1::ComplaintCase Case() {
  sv1::ComplaintCase complaint;
  complaint.set_case_id("case-1");
  complaint.set_store_id("S001");
  complaint.set_customer_id("cus-1");
  complaint.set_severity(careloop::common::v1::COMPLAINT_SEVERITY_MAJOR);
  complaint.set_status(sv1::CASE_STATUS_IN_PROGRESS);
  complaint.set_owner("王店总");
  complaint.set_escalated_from("服务经理王");
  complaint.set_source(sv1::CASE_SOURCE_SURVEY);
  complaint.add_items(sv1::SURVEY_ITEM_SERVICE_ADVISOR_ATTITUDE);
  *complaint.mutable_deadline_at() = events::ToTimestamp(*ParseRfc3339("2026-12-02T10:00:00+08:00"));
  *complaint.mutable_opened_at() = events::ToTimestamp(*ParseRfc3339("2026-12-01T10:00:00+08:00"));
  sv1::CaseStep* step = complaint.add_steps();
  step->set_step(sv1::HANDLING_STEP_GET_FACTS);
  step->set_staff_id("服务经理王");
  step->set_note("客户反映顾问态度差");
  *step->mutable_done_at() = events::ToTimestamp(*ParseRfc3339("2026-12-01T11:30:00+08:00"));
  return complaint;
}

TEST(CareloopctlCaseView, TheListShowsSeverityStatusAndTheEscalatedOwner) {
  const std::string table = CasesTable({Case()});
  EXPECT_NE(table.find("截止"), std::string::npos) << table;
  EXPECT_NE(table.find("2026-12-02 10:00"), std::string::npos) << table;
  EXPECT_NE(table.find("重大投诉"), std::string::npos) << table;
  EXPECT_NE(table.find("处理中"), std::string::npos) << table;
  EXPECT_NE(table.find("王店总←服务经理王 (已升级)"), std::string::npos) << table;
  EXPECT_NE(table.find("get_facts"), std::string::npos) << table;
}

TEST(CareloopctlCaseView, AResolvedCaseShowsTheCustomersAnswer) {
  sv1::ComplaintCase complaint = Case();
  complaint.set_status(sv1::CASE_STATUS_RESOLVED);
  complaint.set_resolution(sv1::CASE_RESOLUTION_CUSTOMER_UNSATISFIED);
  complaint.set_severity(careloop::common::v1::COMPLAINT_SEVERITY_MINOR);
  const std::string table = CasesTable({complaint});
  EXPECT_NE(table.find("已解决 (unsatisfied)"), std::string::npos) << table;
  EXPECT_NE(table.find("抱怨"), std::string::npos) << table;
}

TEST(CareloopctlCaseView, OneCaseListsItsStepsWithWhoWhenAndNote) {
  const std::string fields = CaseFields(Case());
  EXPECT_NE(fields.find("service_advisor_attitude"), std::string::npos) << fields;
  EXPECT_NE(fields.find("处理时限"), std::string::npos) << fields;
  EXPECT_NE(fields.find("2026-12-01 11:30"), std::string::npos) << fields;
  EXPECT_NE(fields.find("客户反映顾问态度差"), std::string::npos) << fields;
  EXPECT_NE(fields.find("处理人"), std::string::npos) << fields;
  EXPECT_NE(fields.find("了解事实 get_facts"), std::string::npos) << fields;  // in Chinese, with the CLI's word
}

}  // namespace
}  // namespace careloop::ctl
