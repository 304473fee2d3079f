// CasesApp over the in-memory case repository (tests/fakes/surveys_case_fakes.h) and a manual
// clock: a dissatisfied answer opens one case, a complaint call opens one case, cases by hand with
// request ids, the store scope of every call, steps, resolving and escalation on the timer.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/surveys/app/cases_app.h"
#include "tests/fakes/surveys_case_fakes.h"

namespace careloop::surveys::app {
namespace {

using careloop::testing::FakeCaseRepository;
using careloop::testing::IdsOf;
using careloop::testing::PublishedEvent;

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

std::map<std::string, domain::CaseRules> Rules() {
  domain::CaseRules s001;
  s001.manager = "店总";
  s001.managers_of = {{"周顾问", "服务经理王"}};
  s001.required_steps = {domain::HandlingStep::kGetFacts, domain::HandlingStep::kFollowUp};
  domain::CaseRules s002;
  s002.manager = "河西店总";
  return {{"S001", s001}, {"S002", s002}};
}

DissatisfiedAnswer Answer(const std::string& survey_id) {
  DissatisfiedAnswer answer;
  answer.survey_id = survey_id;
  answer.customer_id = "cus-1";
  answer.store_id = "S001";
  answer.vehicle_id = "veh-1";
  answer.visit_id = "visit-1";
  answer.advisor = "周顾问";
  answer.low_items = {domain::SurveyItem::kOverall};
  answer.answered_at = At("2026-12-01T09:00:00+08:00");
  return answer;
}

class CasesAppTest : public ::testing::Test {
 protected:
  CasesAppTest()
      : clock_(At("2026-12-01T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"},
                 {"S002", "星途汽车天津河西店", "星途汽车河西店", "Asia/Shanghai", "022-85556666"}}),
        app_(repository_, clock_, stores_, Rules()) {}

  OpenCaseCommand ByPhone(const std::string& request_id = "req-1") const {
    OpenCaseCommand command;
    command.customer_id = "cus-1";
    command.store_id = "S001";
    command.source = domain::CaseSource::kPhone;
    command.summary = "客户来电投诉等待时间过长";
    command.request_id = request_id;
    return command;
  }

  domain::ComplaintCase Opened() {
    auto opened = app_.Open(clerk_, ByPhone());
    EXPECT_TRUE(opened.ok()) << opened.error().ToString();
    return *opened;
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  FakeCaseRepository repository_;
  CasesApp app_;
  const auth::Principal clerk_ = {"李客服", auth::Role::kClerk, {"S001"}, false};
  const auth::Principal outsider_ = {"河西客服", auth::Role::kClerk, {"S002"}, false};
};

// --- intake from a dissatisfied answer ---

TEST_F(CasesAppTest, ADissatisfiedAnswerOpensACaseForTheAdvisorsManager) {
  const auto case_id = app_.OpenForAnswer(Answer("srv-1"));
  ASSERT_TRUE(case_id.ok()) << case_id.error().ToString();
  const auto complaint = repository_.Get(*case_id);
  ASSERT_TRUE(complaint.has_value());
  EXPECT_EQ(complaint->owner, "服务经理王");
  EXPECT_EQ(complaint->source, domain::CaseSource::kSurvey);
  EXPECT_EQ(complaint->survey_id, "srv-1");
  EXPECT_EQ(complaint->severity, domain::CaseSeverity::kMinor);
  EXPECT_EQ(complaint->deadline_at, At("2026-12-04T10:00:00+08:00"));  // the store's 72 hours
  EXPECT_EQ(complaint->items, std::vector<domain::SurveyItem>{domain::SurveyItem::kOverall});
  EXPECT_EQ(repository_.published, (std::vector<PublishedEvent>{{"ComplaintCaseOpened", *case_id}}));
}

TEST_F(CasesAppTest, TheSameSurveyOpensOneCase) {
  const auto first = app_.OpenForAnswer(Answer("srv-1"));
  clock_.Advance(Millis{60'000});
  const auto again = app_.OpenForAnswer(Answer("srv-1"));
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*first, *again);
  EXPECT_EQ(IdsOf(repository_.published, "ComplaintCaseOpened").size(), 1u);
  EXPECT_NE(*app_.OpenForAnswer(Answer("srv-2")), *first);
}

TEST_F(CasesAppTest, AMajorAnswerUsesTheTemplatesHours) {
  DissatisfiedAnswer answer = Answer("srv-1");
  answer.major = true;
  answer.deadline_hours = 12;
  const auto complaint = repository_.Get(*app_.OpenForAnswer(answer));
  EXPECT_EQ(complaint->severity, domain::CaseSeverity::kMajor);
  EXPECT_EQ(complaint->deadline_at, At("2026-12-01T22:00:00+08:00"));
}

// --- a complaint call ---

TEST_F(CasesAppTest, AComplaintCallOpensOneCasePerCallTask) {
  const CallComplaint call{"task-1", "cus-1", "S001", "veh-1", "", "李客服"};
  ASSERT_TRUE(app_.OnCallComplaint(call).ok());
  ASSERT_TRUE(app_.OnCallComplaint(call).ok());
  const auto opened = IdsOf(repository_.published, "ComplaintCaseOpened");
  ASSERT_EQ(opened.size(), 1u);
  const auto complaint = repository_.Get(opened[0]);
  EXPECT_EQ(complaint->source, domain::CaseSource::kPhone);
  EXPECT_EQ(complaint->summary, "电话回访中客户投诉");
  EXPECT_EQ(complaint->owner, "店总");
  EXPECT_EQ(complaint->vehicle_id, "veh-1");
}

// --- by hand ---

TEST_F(CasesAppTest, ARepeatedOpenRequestReturnsTheSameCase) {
  const auto first = Opened();
  clock_.Advance(Millis{1000});
  const auto again = app_.Open(clerk_, ByPhone());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->case_id, first.case_id);
  EXPECT_EQ(again->opened_at, first.opened_at);
  EXPECT_EQ(IdsOf(repository_.published, "ComplaintCaseOpened").size(), 1u);
}

TEST_F(CasesAppTest, OpeningForAnotherStoreIsRefusedNamingIt) {
  const auto refused = app_.Open(outsider_, ByPhone());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(refused.error().ToString().find("S001"), std::string::npos);
  EXPECT_TRUE(repository_.published.empty());
}

TEST_F(CasesAppTest, BadInputNamesTheFieldAndStoresNothing) {
  OpenCaseCommand command = ByPhone();
  command.source.reset();
  EXPECT_EQ(app_.Open(clerk_, command).error().field, "source");
  command = ByPhone();
  command.deadline_at = At("2026-11-30T10:00:00+08:00");
  EXPECT_EQ(app_.Open(clerk_, command).error().field, "deadline_at");
  command = ByPhone();
  command.store_id = "S999";
  EXPECT_EQ(app_.Open(clerk_, command).error().field, "store_id");
  EXPECT_TRUE(repository_.published.empty());
}

// --- updates and resolving ---

TEST_F(CasesAppTest, AStepIsRecordedWithWhoAndWhen) {
  const auto complaint = Opened();
  clock_.Advance(Millis{3'600'000});
  UpdateCaseCommand update{complaint.case_id, domain::CaseStep{domain::HandlingStep::kGetFacts, "已了解情况", "", {}}};
  const auto updated = app_.Update(clerk_, update);
  ASSERT_TRUE(updated.ok()) << updated.error().ToString();
  EXPECT_EQ(updated->status, domain::CaseStatus::kInProgress);
  ASSERT_EQ(updated->steps.size(), 1u);
  EXPECT_EQ(updated->steps[0].staff_id, "李客服");
  EXPECT_EQ(updated->steps[0].done_at, At("2026-12-01T11:00:00+08:00"));
  ASSERT_EQ(repository_.changes.size(), 1u);
  EXPECT_EQ(repository_.changes[0].step, domain::HandlingStep::kGetFacts);
  EXPECT_EQ(repository_.changes[0].by, "李客服");
}

TEST_F(CasesAppTest, SomeoneOutsideTheStoreCannotUpdateOrResolve) {
  const auto complaint = Opened();
  UpdateCaseCommand update{complaint.case_id, std::nullopt, std::string("河西客服")};
  const auto refused = app_.Update(outsider_, update);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(refused.error().ToString().find("S001"), std::string::npos);
  EXPECT_EQ(app_.Resolve(outsider_, complaint.case_id, domain::CaseResolution::kWithdrawn, "", "").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(app_.Get(outsider_, complaint.case_id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(repository_.changes.empty());
}

TEST_F(CasesAppTest, AReplayedUpdateRequestRecordsTheStepOnce) {
  const auto complaint = Opened();
  UpdateCaseCommand update{complaint.case_id, domain::CaseStep{domain::HandlingStep::kGetFacts, "", "", {}}};
  update.request_id = "upd-1";
  ASSERT_TRUE(app_.Update(clerk_, update).ok());
  const auto again = app_.Update(clerk_, update);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->steps.size(), 1u);
  EXPECT_EQ(IdsOf(repository_.published, "ComplaintCaseUpdated").size(), 1u);
}

TEST_F(CasesAppTest, ResolvingNeedsTheStoresStepsAndTheCustomersAnswer) {
  const auto complaint = Opened();
  const auto no_answer = app_.Resolve(clerk_, complaint.case_id, std::nullopt, "", "");
  EXPECT_EQ(no_answer.error().field, "resolution");
  ASSERT_TRUE(
      app_.Update(clerk_, {complaint.case_id, domain::CaseStep{domain::HandlingStep::kGetFacts, "", "", {}}}).ok());
  const auto missing = app_.Resolve(clerk_, complaint.case_id, domain::CaseResolution::kCustomerSatisfied, "", "r1");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(missing.error().message.find("follow_up"), std::string::npos);
  EXPECT_TRUE(IdsOf(repository_.published, "ComplaintCaseResolved").empty());

  ASSERT_TRUE(
      app_.Update(clerk_, {complaint.case_id, domain::CaseStep{domain::HandlingStep::kFollowUp, "", "", {}}}).ok());
  const auto resolved =
      app_.Resolve(clerk_, complaint.case_id, domain::CaseResolution::kCustomerSatisfied, "已退还工时费", "r1");
  ASSERT_TRUE(resolved.ok()) << resolved.error().ToString();
  EXPECT_EQ(resolved->status, domain::CaseStatus::kResolved);
  EXPECT_EQ(resolved->resolution, domain::CaseResolution::kCustomerSatisfied);
  EXPECT_TRUE(app_.Resolve(clerk_, complaint.case_id, domain::CaseResolution::kCustomerSatisfied, "", "r1").ok());
  EXPECT_EQ(IdsOf(repository_.published, "ComplaintCaseResolved").size(), 1u);
}

// --- listing ---

TEST_F(CasesAppTest, ListFiltersByOwnerStatusAndOverdue) {
  const auto phone = Opened();                                                // owner 店总, deadline +72h
  const auto survey = repository_.Get(*app_.OpenForAnswer(Answer("srv-1")));  // owner 服务经理王
  OpenCaseCommand urgent = ByPhone("req-2");
  urgent.severity = domain::CaseSeverity::kMajor;  // deadline +24h
  const auto major = *app_.Open(clerk_, urgent);

  auto all = app_.List(clerk_, {"S001"});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].case_id, major.case_id);  // earliest deadline first

  auto owned = app_.List(clerk_, {"S001", "", "服务经理王"});
  ASSERT_EQ(owned->size(), 1u);
  EXPECT_EQ((*owned)[0].case_id, survey->case_id);

  clock_.Set(At("2026-12-02T12:00:00+08:00"));
  CaseFilter overdue{"S001"};
  overdue.overdue_only = true;
  auto late = app_.List(clerk_, overdue);
  ASSERT_EQ(late->size(), 1u);
  EXPECT_EQ((*late)[0].case_id, major.case_id);

  ASSERT_TRUE(app_.Update(clerk_, {phone.case_id, domain::CaseStep{domain::HandlingStep::kGetFacts, "", "", {}}}).ok());
  CaseFilter in_progress{"S001"};
  in_progress.status = domain::CaseStatus::kInProgress;
  auto progressing = app_.List(clerk_, in_progress);
  ASSERT_EQ(progressing->size(), 1u);
  EXPECT_EQ((*progressing)[0].case_id, phone.case_id);

  EXPECT_EQ(app_.List(outsider_, {"S001"}).error().code, ErrorCode::kPermissionDenied);
}

// --- the follow-up timer ---

TEST_F(CasesAppTest, TheTimerBeforeTheDeadlineChangesNothing) {
  const auto case_id = *app_.OpenForAnswer(Answer("srv-1"));
  clock_.Set(At("2026-12-02T22:00:00+08:00"));  // half the SLA
  ASSERT_TRUE(app_.OnFollowUpDue(case_id).ok());
  EXPECT_EQ(repository_.Get(case_id)->owner, "服务经理王");
  EXPECT_TRUE(repository_.changes.empty());
}

TEST_F(CasesAppTest, TheTimerAtTheDeadlineEscalatesToTheOwnersManagerOnce) {
  const auto case_id = *app_.OpenForAnswer(Answer("srv-1"));
  clock_.Set(At("2026-12-04T10:00:00+08:00"));
  ASSERT_TRUE(app_.OnFollowUpDue(case_id).ok());
  ASSERT_TRUE(app_.OnFollowUpDue(case_id).ok());  // a replayed firing
  const auto escalated = repository_.Get(case_id);
  EXPECT_EQ(escalated->owner, "店总");
  EXPECT_EQ(escalated->escalated_from, "服务经理王");
  ASSERT_EQ(repository_.changes.size(), 1u);
  EXPECT_TRUE(repository_.changes[0].escalated);
  EXPECT_EQ(IdsOf(repository_.published, "ComplaintCaseUpdated").size(), 1u);
}

TEST_F(CasesAppTest, AResolvedCaseIsNotEscalated) {
  const auto complaint = Opened();
  ASSERT_TRUE(app_.Resolve(clerk_, complaint.case_id, domain::CaseResolution::kWithdrawn, "", "").ok());
  clock_.Set(At("2026-12-10T10:00:00+08:00"));
  ASSERT_TRUE(app_.OnFollowUpDue(complaint.case_id).ok());
  EXPECT_EQ(repository_.Get(complaint.case_id)->owner, "店总");
  EXPECT_EQ(IdsOf(repository_.published, "ComplaintCaseUpdated").size(), 0u);
  EXPECT_TRUE(app_.OnFollowUpDue("case-unknown").ok());
}

}  // namespace
}  // namespace careloop::surveys::app
