// Complaint-case rules: owner choice (the manager of the advisor concerned), SLA deadlines per
// severity or template, the GREAT-FUN steps and status transitions, resolving, overdue, escalation.
#include <gtest/gtest.h>

#include <string_view>

#include "services/surveys/domain/complaint_case.h"

namespace careloop::surveys::domain {
namespace {

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

CaseRules Rules() {
  CaseRules rules;
  rules.manager = "店总";
  rules.managers_of = {{"周顾问", "服务经理王"}, {"李销售", "销售经理赵"}, {"服务经理王", "店总"}};
  return rules;
}

ComplaintCase OpenCase() {
  ComplaintCase complaint;
  complaint.case_id = "case-1";
  complaint.customer_id = "cus-1";
  complaint.store_id = "S001";
  complaint.owner = "服务经理王";
  complaint.opened_at = At("2026-12-01T10:00:00+08:00");
  complaint.deadline_at = At("2026-12-04T10:00:00+08:00");
  return complaint;
}

void DoSteps(ComplaintCase& complaint, std::initializer_list<HandlingStep> steps) {
  for (HandlingStep step : steps) {
    ASSERT_TRUE(RecordStep(complaint, {step, "", "服务经理王", At("2026-12-01T11:00:00+08:00")}).ok());
  }
}

TEST(ComplaintOwner, IsTheManagerOfTheAdvisorConcerned) {
  EXPECT_EQ(ChooseOwner(Rules(), "周顾问"), "服务经理王");
  EXPECT_EQ(ChooseOwner(Rules(), "李销售"), "销售经理赵");
}

TEST(ComplaintOwner, StaffOutsideTheDirectoryReportToTheStoreManager) {
  EXPECT_EQ(ChooseOwner(Rules(), "新顾问"), "店总");
}

TEST(ComplaintOwner, WithoutAnAdvisorIsTheStoresComplaintOwnerElseTheManager) {
  CaseRules rules = Rules();
  EXPECT_EQ(ChooseOwner(rules, ""), "店总");
  rules.complaint_owner = "客户关系经理";
  EXPECT_EQ(ChooseOwner(rules, ""), "客户关系经理");
}

TEST(ComplaintDeadline, FollowsTheStoresHoursPerSeverity) {
  const Instant opened = At("2026-12-01T10:00:00+08:00");
  EXPECT_EQ(DeadlineOf(Rules(), CaseSeverity::kMinor, opened), At("2026-12-04T10:00:00+08:00"));
  EXPECT_EQ(DeadlineOf(Rules(), CaseSeverity::kMajor, opened), At("2026-12-02T10:00:00+08:00"));
}

TEST(ComplaintDeadline, ATemplatesOwnHoursWin) {
  EXPECT_EQ(DeadlineOf(Rules(), CaseSeverity::kMajor, At("2026-12-01T10:00:00+08:00"), 8),
            At("2026-12-01T18:00:00+08:00"));
}

TEST(ComplaintCaseCheck, RefusesADeadlineNotAfterTheOpening) {
  ComplaintCase complaint = OpenCase();
  complaint.deadline_at = complaint.opened_at;
  const Status checked = CheckNewCase(complaint);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().field, "deadline_at");
  complaint = OpenCase();
  complaint.customer_id.clear();
  EXPECT_EQ(CheckNewCase(complaint).error().field, "customer_id");
}

TEST(ComplaintSteps, TheFirstStepPutsTheCaseInProgress) {
  ComplaintCase complaint = OpenCase();
  EXPECT_EQ(complaint.status, CaseStatus::kOpen);
  DoSteps(complaint, {HandlingStep::kGetFacts});
  EXPECT_EQ(complaint.status, CaseStatus::kInProgress);
  ASSERT_EQ(complaint.steps.size(), 1u);
  EXPECT_EQ(complaint.steps[0].staff_id, "服务经理王");
  EXPECT_EQ(complaint.steps[0].done_at, At("2026-12-01T11:00:00+08:00"));
}

TEST(ComplaintSteps, AStepNeedsWhoDidIt) {
  ComplaintCase complaint = OpenCase();
  const Status recorded = RecordStep(complaint, {HandlingStep::kGetFacts, "", "", At("2026-12-01T11:00:00+08:00")});
  ASSERT_FALSE(recorded.ok());
  EXPECT_EQ(recorded.error().field, "step.staff_id");
  EXPECT_TRUE(complaint.steps.empty());
  EXPECT_EQ(complaint.status, CaseStatus::kOpen);
}

TEST(ComplaintResolve, IsRefusedNamingTheMissingSteps) {
  ComplaintCase complaint = OpenCase();
  DoSteps(complaint, {HandlingStep::kGetFacts, HandlingStep::kEmpathise, HandlingStep::kAgreeSolution});
  const Status resolved =
      Resolve(complaint, Rules(), CaseResolution::kCustomerSatisfied, "", At("2026-12-02T10:00:00+08:00"));
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(resolved.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(resolved.error().field, "steps");
  EXPECT_NE(resolved.error().message.find("take_responsibility, thank_customer, follow_up"), std::string::npos)
      << resolved.error().message;
  EXPECT_EQ(complaint.status, CaseStatus::kInProgress);
  EXPECT_FALSE(complaint.resolved_at.has_value());
}

TEST(ComplaintResolve, NeedsOnlyTheStepsTheStoreRequires) {
  CaseRules rules = Rules();
  rules.required_steps = {HandlingStep::kGetFacts, HandlingStep::kFollowUp};
  ComplaintCase complaint = OpenCase();
  DoSteps(complaint, {HandlingStep::kGetFacts, HandlingStep::kFollowUp});
  ASSERT_TRUE(
      Resolve(complaint, rules, CaseResolution::kCustomerSatisfied, "换件后客户满意", At("2026-12-02T10:00:00+08:00"))
          .ok());
  EXPECT_EQ(complaint.status, CaseStatus::kResolved);
  EXPECT_EQ(complaint.resolution, CaseResolution::kCustomerSatisfied);
  EXPECT_EQ(complaint.resolution_note, "换件后客户满意");
  EXPECT_TRUE(ResolvedWithinDeadline(complaint));
}

TEST(ComplaintResolve, AWithdrawnComplaintNeedsNoSteps) {
  ComplaintCase complaint = OpenCase();
  ASSERT_TRUE(Resolve(complaint, Rules(), CaseResolution::kWithdrawn, "", At("2026-12-05T10:00:00+08:00")).ok());
  EXPECT_FALSE(ResolvedWithinDeadline(complaint));  // a day after the deadline
}

TEST(ComplaintResolve, AResolvedCaseTakesNoMoreChanges) {
  ComplaintCase complaint = OpenCase();
  ASSERT_TRUE(Resolve(complaint, Rules(), CaseResolution::kWithdrawn, "", At("2026-12-02T10:00:00+08:00")).ok());
  EXPECT_EQ(Resolve(complaint, Rules(), CaseResolution::kWithdrawn, "", At("2026-12-02T11:00:00+08:00")).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(RecordStep(complaint, {HandlingStep::kGetFacts, "", "x", At("2026-12-02T11:00:00+08:00")}).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ChangeFields(complaint, std::string("someone"), std::nullopt, std::nullopt).error().code,
            ErrorCode::kFailedPrecondition);
}

TEST(ComplaintFields, ADeadlineBeforeTheOpeningIsRefusedAndNothingChanges) {
  ComplaintCase complaint = OpenCase();
  const Status changed =
      ChangeFields(complaint, std::string("店总"), At("2026-11-30T10:00:00+08:00"), CaseSeverity::kMajor);
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.error().field, "deadline_at");
  EXPECT_EQ(complaint.owner, "服务经理王");
  EXPECT_EQ(complaint.severity, CaseSeverity::kMinor);
}

TEST(ComplaintOverdue, OnlyAnUnresolvedCasePastItsDeadline) {
  ComplaintCase complaint = OpenCase();
  EXPECT_FALSE(IsOverdue(complaint, At("2026-12-04T10:00:00+08:00")));
  EXPECT_TRUE(IsOverdue(complaint, At("2026-12-04T10:00:01+08:00")));
  ASSERT_TRUE(Resolve(complaint, Rules(), CaseResolution::kWithdrawn, "", At("2026-12-05T10:00:00+08:00")).ok());
  EXPECT_FALSE(IsOverdue(complaint, At("2026-12-06T10:00:00+08:00")));
}

TEST(ComplaintEscalation, ALateCaseGoesToTheOwnersManagerOnce) {
  ComplaintCase complaint = OpenCase();
  EXPECT_FALSE(Escalate(complaint, Rules(), At("2026-12-03T10:00:00+08:00")));  // not yet late
  EXPECT_EQ(complaint.owner, "服务经理王");
  ASSERT_TRUE(Escalate(complaint, Rules(), At("2026-12-04T10:00:00+08:00")));
  EXPECT_EQ(complaint.owner, "店总");
  EXPECT_EQ(complaint.escalated_from, "服务经理王");
  EXPECT_EQ(complaint.escalated_at, At("2026-12-04T10:00:00+08:00"));
  EXPECT_FALSE(Escalate(complaint, Rules(), At("2026-12-05T10:00:00+08:00")));
  EXPECT_EQ(complaint.owner, "店总");
}

TEST(ComplaintSteps, WordsRoundTrip) {
  for (HandlingStep step : AllHandlingSteps()) {
    EXPECT_EQ(StepFromWord(StepWord(step)), step);
  }
  EXPECT_FALSE(StepFromWord("apologise").has_value());
}

}  // namespace
}  // namespace careloop::surveys::domain
