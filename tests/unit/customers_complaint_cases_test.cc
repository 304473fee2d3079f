// The customers' complaint-case routes (adapters/survey_events.h) over the in-memory fakes
// (tests/fakes/customers_fakes.h): ComplaintCaseOpened records one complaint per case on the
// customer, ComplaintCaseResolved closes it with the outcome, replays and late openings change
// nothing, and a major complaint makes the customer high-value.
#include <gtest/gtest.h>

#include <string>

#include "careloop/survey/v1/events.pb.h"
#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "common/events/proto_event.h"
#include "services/customers/adapters/survey_events.h"
#include "services/customers/app/customers_app.h"
#include "tests/fakes/customers_fakes.h"

namespace careloop::customers::app {
namespace {

namespace survey_pb = careloop::survey::v1;

class ComplaintCasesTest : public ::testing::Test {
 protected:
  ComplaintCasesTest()
      : clock_(*ParseRfc3339("2026-12-01T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}}),
        app_(store_.ports(), clock_, stores_) {
    store_.records.now = clock_.Now();
    adapters::RouteComplaintCases(routes_, app_);
    auto customer = app_.CreateCustomer(auth::Principal{"staff", auth::Role::kAdvisor, {"S001"}, false},
                                        {"S001", "王小明", "13912345678"}, "");
    EXPECT_TRUE(customer.ok());
    customer_id_ = customer->customer_id;
  }

  kafka::HandlerResult::Outcome Deliver(const google::protobuf::Message& payload, const std::string& id) {
    return routes_(events::MakeEvent(payload, "/careloop/surveys", customer_id_, id, clock_.Now())).outcome;
  }

  survey_pb::ComplaintCaseOpened Opened(careloop::common::v1::ComplaintSeverity severity) const {
    survey_pb::ComplaintCaseOpened opened;
    opened.set_case_id("case-1");
    opened.set_customer_id(customer_id_);
    opened.set_store_id("S001");
    opened.set_vehicle_id("veh-not-on-record");
    opened.set_severity(severity);
    *opened.mutable_opened_at() = events::ToTimestamp(clock_.Now());
    return opened;
  }

  survey_pb::ComplaintCaseResolved Resolved() const {
    survey_pb::ComplaintCaseResolved resolved;
    resolved.set_case_id("case-1");
    resolved.set_customer_id(customer_id_);
    resolved.set_store_id("S001");
    resolved.set_severity(careloop::common::v1::COMPLAINT_SEVERITY_MAJOR);
    resolved.set_resolution(survey_pb::CASE_RESOLUTION_CUSTOMER_SATISFIED);
    *resolved.mutable_opened_at() = events::ToTimestamp(*ParseRfc3339("2026-12-01T10:00:00+08:00"));
    *resolved.mutable_resolved_at() = events::ToTimestamp(*ParseRfc3339("2026-12-02T15:00:00+08:00"));
    return resolved;
  }

  const std::vector<domain::Complaint>& Complaints() { return store_.records.histories[customer_id_].complaints; }

  size_t Recorded() const { return testing::IdsOf(store_.records.published, "HistoryItemRecorded").size(); }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  testing::FakeCustomerStore store_;
  CustomersApp app_;
  events::Router routes_;
  std::string customer_id_;
};

TEST_F(ComplaintCasesTest, AnOpenedCaseIsRecordedOnceOnTheCustomer) {
  const auto opened = Opened(careloop::common::v1::COMPLAINT_SEVERITY_MINOR);
  ASSERT_EQ(Deliver(opened, "evt-1"), kafka::HandlerResult::Outcome::kDone);
  ASSERT_EQ(Deliver(opened, "evt-1"), kafka::HandlerResult::Outcome::kDone);
  ASSERT_EQ(Complaints().size(), 1u);
  EXPECT_EQ(Recorded(), 1u);
  const auto& complaint = Complaints()[0];
  EXPECT_EQ(complaint.case_id, "case-1");
  EXPECT_EQ(complaint.outcome, domain::ComplaintOutcome::kOpen);
  EXPECT_EQ(complaint.severity, domain::ComplaintSeverity::kMinor);
  EXPECT_EQ(complaint.opened_date, (Date{2026, 12, 1}));
  EXPECT_TRUE(complaint.vehicle_id.empty());  // a car not on record is not pinned on the complaint
}

TEST_F(ComplaintCasesTest, TheResolutionClosesItAndALateOpeningChangesNothing) {
  ASSERT_EQ(Deliver(Opened(careloop::common::v1::COMPLAINT_SEVERITY_MAJOR), "evt-1"),
            kafka::HandlerResult::Outcome::kDone);
  clock_.Set(*ParseRfc3339("2026-12-02T16:00:00+08:00"));
  store_.records.now = clock_.Now();
  ASSERT_EQ(Deliver(Resolved(), "evt-2"), kafka::HandlerResult::Outcome::kDone);
  ASSERT_EQ(Complaints().size(), 1u);
  EXPECT_EQ(Complaints()[0].outcome, domain::ComplaintOutcome::kResolvedSatisfied);
  EXPECT_EQ(Complaints()[0].closed_date, (Date{2026, 12, 2}));
  const size_t recorded = Recorded();
  ASSERT_EQ(Deliver(Opened(careloop::common::v1::COMPLAINT_SEVERITY_MAJOR), "evt-1"),
            kafka::HandlerResult::Outcome::kDone);
  ASSERT_EQ(Deliver(Resolved(), "evt-2"), kafka::HandlerResult::Outcome::kDone);
  EXPECT_EQ(Complaints()[0].outcome, domain::ComplaintOutcome::kResolvedSatisfied);
  EXPECT_EQ(Recorded(), recorded);
}

TEST_F(ComplaintCasesTest, AResolutionWithoutTheOpeningStillRecordsTheClosedComplaint) {
  ASSERT_EQ(Deliver(Resolved(), "evt-2"), kafka::HandlerResult::Outcome::kDone);
  ASSERT_EQ(Complaints().size(), 1u);
  EXPECT_EQ(Complaints()[0].outcome, domain::ComplaintOutcome::kResolvedSatisfied);
  EXPECT_EQ(Complaints()[0].severity, domain::ComplaintSeverity::kMajor);
}

TEST_F(ComplaintCasesTest, AMajorComplaintMakesTheCustomerHighValue) {
  ASSERT_EQ(Deliver(Opened(careloop::common::v1::COMPLAINT_SEVERITY_MAJOR), "evt-1"),
            kafka::HandlerResult::Outcome::kDone);
  EXPECT_GE(app_.ReclassifyDue(100), 1);
  const auto& classification = store_.records.records.at(customer_id_).classification;
  ASSERT_TRUE(classification.has_value());
  EXPECT_TRUE(classification->value_criteria.contains(domain::ValueCriterion::kMajorComplaint));
}

TEST_F(ComplaintCasesTest, AnEventNamingNoCustomerIsPoisonAndAnUnknownCustomerIsSkipped) {
  auto opened = Opened(careloop::common::v1::COMPLAINT_SEVERITY_MINOR);
  opened.clear_customer_id();
  EXPECT_EQ(Deliver(opened, "evt-3"), kafka::HandlerResult::Outcome::kPoison);
  opened.set_customer_id("cus-unknown");
  EXPECT_EQ(Deliver(opened, "evt-4"), kafka::HandlerResult::Outcome::kDone);
  EXPECT_TRUE(Complaints().empty());
}

}  // namespace
}  // namespace careloop::customers::app
