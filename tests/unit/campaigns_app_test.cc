// CampaignsApp over in-memory fakes of its ports (tests/fakes/reminders_campaign_fakes.h) and a
// manual clock: create, preview, launch on the business clock, progress, cancel, list, access.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/campaigns_app.h"
#include "services/reminders/app/reminders_app.h"
#include "services/reminders/app/replanner.h"
#include "tests/fakes/reminders_campaign_fakes.h"
#include "tests/fakes/reminders_rule_fakes.h"

namespace careloop::reminders::app {
namespace {

using careloop::testing::FakeCampaignRepository;
using careloop::testing::FakeCustomerDirectory;
using careloop::testing::FakeReminderRepository;
using careloop::testing::IdsOf;

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

class CampaignsAppTest : public ::testing::Test {
 protected:
  CampaignsAppTest()
      : clock_(At("2027-09-01T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"},
                 {"S002", "星途汽车乌鲁木齐店", "星途汽车乌鲁木齐店", "Asia/Urumqi", "0991-5556666"}}),
        campaign_repository_(reminder_repository_),
        replanner_(reminder_repository_, reminder_repository_, rules_, clock_, stores_),
        reminders_(reminder_repository_, reminder_repository_, rules_, replanner_, clock_, stores_),
        app_(campaign_repository_, directory_, reminder_repository_, clock_, stores_,
             CampaignLimits{.search_page = 2, .batch = 2, .launches_per_pass = 4}) {
    directory_.customers["S001"] = {"cus-1", "cus-2", "cus-3"};
    directory_.customers["S002"] = {"cus-9"};
  }

  static NewCampaign MidAutumn(std::string request_id = "") {
    NewCampaign request;
    request.draft.store_id = "S001";
    request.draft.kind = domain::CampaignKind::kHolidayGreeting;
    request.draft.holiday = domain::Holiday::kMidAutumn;
    request.draft.year = 2027;
    request.request_id = std::move(request_id);
    return request;
  }
  domain::Campaign Created(NewCampaign request) {
    auto campaign = app_.Create(manager_, std::move(request));
    EXPECT_TRUE(campaign.ok()) << campaign.error().ToString();
    return campaign.value();
  }
  domain::Campaign Stored(const std::string& id) { return app_.Get(admin_, id).value(); }
  std::vector<std::string> CampaignEvents(std::string_view type) { return IdsOf(campaign_repository_.published, type); }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  FakeReminderRepository reminder_repository_;
  FakeCampaignRepository campaign_repository_;
  FakeCustomerDirectory directory_;
  careloop::testing::FakeRuleBook rules_;
  Replanner replanner_;
  RemindersApp reminders_;
  CampaignsApp app_;
  const auth::Principal manager_ = {"mgr-1", auth::Role::kManager, {"S001"}, false};
  const auth::Principal advisor_ = {"sa-1", auth::Role::kAdvisor, {"S001"}, false};
  const auth::Principal other_store_ = {"mgr-2", auth::Role::kManager, {"S002"}, false};
  const auth::Principal admin_ = {"admin", auth::Role::kAdmin, {}, true};
};

TEST_F(CampaignsAppTest, CreateSchedulesTheCampaignAndAnnouncesIt) {
  const domain::Campaign campaign = Created(MidAutumn());
  EXPECT_EQ(campaign.status, domain::CampaignStatus::kScheduled);
  EXPECT_EQ(campaign.send_date, (Date{2027, 9, 15}));
  EXPECT_EQ(campaign.created_by, "mgr-1");
  EXPECT_EQ(CampaignEvents("CampaignCreated"), std::vector<std::string>{campaign.campaign_id});
  EXPECT_EQ(directory_.searches, 0);  // the audience waits for the launch
}

TEST_F(CampaignsAppTest, TheSameRequestAnswersTheSameCampaignOnce) {
  const domain::Campaign first = Created(MidAutumn("req-1"));
  const domain::Campaign again = Created(MidAutumn("req-1"));
  EXPECT_EQ(first.campaign_id, again.campaign_id);
  EXPECT_EQ(CampaignEvents("CampaignCreated").size(), 1U);
}

TEST_F(CampaignsAppTest, BadInputNamesTheFieldAndStoresNothing) {
  NewCampaign past = MidAutumn();
  past.draft.year = 2026;
  NewCampaign quiet = MidAutumn();
  quiet.draft.window_start = {6 * 60};
  NewCampaign other_store = MidAutumn();
  other_store.draft.segment.store_ids = {"S002"};
  NewCampaign unknown_store = MidAutumn();
  unknown_store.draft.store_id = "S404";
  for (const auto& [request, field] : std::vector<std::pair<NewCampaign, std::string>>{
           {past, "year"}, {quiet, "window_start"}, {other_store, "segment.store_ids"}, {unknown_store, "store_id"}}) {
    auto refused = app_.Create(manager_, request);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.error().field, field);
  }
  EXPECT_TRUE(campaign_repository_.published.empty());
  EXPECT_TRUE(app_.List(admin_, "S001", std::nullopt, 0, 50).value().campaigns.empty());
}

TEST_F(CampaignsAppTest, OnlyStaffOfTheStoreWhoRunCampaignsMayCreateOrCancel) {
  EXPECT_EQ(app_.Create(advisor_, MidAutumn()).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(app_.Create(other_store_, MidAutumn()).error().code, ErrorCode::kPermissionDenied);
  const domain::Campaign campaign = Created(MidAutumn());
  EXPECT_EQ(app_.Get(other_store_, campaign.campaign_id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(app_.Cancel(advisor_, campaign.campaign_id, "").error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(app_.Get(admin_, "cmp-none").error().code, ErrorCode::kNotFound);
}

TEST_F(CampaignsAppTest, PreviewCountsTheSegmentWithSamplesAndStoresNothing) {
  auto preview = app_.Preview(manager_, "S001", {}, 2);
  ASSERT_TRUE(preview.ok());
  EXPECT_EQ(preview->audience, 3);
  EXPECT_EQ(preview->sample_customer_ids, (std::vector<std::string>{"cus-1", "cus-2"}));
  domain::Segment contradictory;
  contradictory.min_vehicle_age_months = 24;
  contradictory.max_vehicle_age_months = 6;
  EXPECT_EQ(app_.Preview(manager_, "S001", contradictory, 0).error().field, "segment.min_vehicle_age_months");
  EXPECT_TRUE(campaign_repository_.published.empty());
}

TEST_F(CampaignsAppTest, LaunchAtItsMomentFixesTheAudienceAndPlansOneGreetingEach) {
  NewCampaign request = MidAutumn();
  request.draft.launch_at = At("2027-09-14T12:00:00+08:00");
  const domain::Campaign campaign = Created(request);

  EXPECT_EQ(app_.LaunchDue(), 0);  // not yet
  EXPECT_EQ(directory_.searches, 0);
  clock_.Set(At("2027-09-14T12:00:00+08:00"));
  EXPECT_EQ(app_.LaunchDue(), 1);
  EXPECT_EQ(directory_.searches, 2);  // three customers, pages of two

  const domain::Campaign launched = Stored(campaign.campaign_id);
  EXPECT_EQ(launched.status, domain::CampaignStatus::kLaunched);
  EXPECT_EQ(launched.progress.audience, 3);
  EXPECT_EQ(CampaignEvents("CampaignLaunched"), std::vector<std::string>{campaign.campaign_id});
  const auto greetings = reminder_repository_.ListByStore("S001", 100);
  ASSERT_EQ(greetings.size(), 3U);
  for (const auto& greeting : greetings) {
    EXPECT_EQ(greeting.kind, domain::ReminderKind::kHolidayGreeting);
    EXPECT_EQ(greeting.campaign_id, campaign.campaign_id);
    EXPECT_EQ(greeting.due_at, At("2027-09-15T09:00:00+08:00"));
  }
  EXPECT_TRUE(reminder_repository_.ListByStore("S002", 100).empty());

  // Fixed: a customer who joins the segment later gets nothing; running again plans nothing.
  directory_.customers["S001"].push_back("cus-4");
  EXPECT_EQ(app_.LaunchDue(), 0);
  EXPECT_EQ(reminder_repository_.ListByStore("S001", 100).size(), 3U);
  EXPECT_EQ(IdsOf(reminder_repository_.published, "ReminderScheduled").size(), 3U);
}

TEST_F(CampaignsAppTest, ALaunchTheCustomersServiceCannotServeWaitsAndRunsAgainWithoutDoubles) {
  const domain::Campaign campaign = Created(MidAutumn());
  directory_.available = false;
  EXPECT_EQ(app_.LaunchDue(), 0);
  EXPECT_EQ(Stored(campaign.campaign_id).status, domain::CampaignStatus::kScheduled);
  EXPECT_TRUE(reminder_repository_.ListByStore("S001", 100).empty());
  directory_.available = true;
  EXPECT_EQ(app_.LaunchDue(), 1);
  EXPECT_EQ(reminder_repository_.ListByStore("S001", 100).size(), 3U);
}

TEST_F(CampaignsAppTest, ALaunchTheCustomersServiceRefusesFailsOnceAndIsNotTriedAgain) {
  const domain::Campaign campaign = Created(MidAutumn());
  directory_.refusal = InvalidArgument("filter.region_codes", "unknown region '999999'");
  EXPECT_EQ(app_.LaunchDue(), 0);
  const domain::Campaign failed = Stored(campaign.campaign_id);
  EXPECT_EQ(failed.status, domain::CampaignStatus::kFailed);
  EXPECT_EQ(failed.failure_reason, "filter.region_codes: unknown region '999999'");
  EXPECT_EQ(CampaignEvents("CampaignFailed").size(), 1U);
  EXPECT_TRUE(reminder_repository_.ListByStore("S001", 100).empty());

  const int searches = directory_.searches;
  EXPECT_EQ(app_.LaunchDue(), 0);
  EXPECT_EQ(directory_.searches, searches);  // not tried again
  EXPECT_EQ(CampaignEvents("CampaignFailed").size(), 1U);
}

TEST_F(CampaignsAppTest, ALaunchRefusedForATokenAnOperatorMustFixIsTriedAgain) {
  const domain::Campaign campaign = Created(MidAutumn());
  directory_.refusal = Error{ErrorCode::kPermissionDenied, "", "service token not accepted"};
  EXPECT_EQ(app_.LaunchDue(), 0);
  EXPECT_EQ(Stored(campaign.campaign_id).status, domain::CampaignStatus::kScheduled);
  directory_.refusal.reset();
  EXPECT_EQ(app_.LaunchDue(), 1);
}

TEST_F(CampaignsAppTest, GreetingsFireOnTheDayAndProgressCountsEachOutcomeOnce) {
  const domain::Campaign campaign = Created(MidAutumn());
  ASSERT_EQ(app_.LaunchDue(), 1);
  clock_.Set(At("2027-09-15T08:59:00+08:00"));
  EXPECT_EQ(reminders_.FireDue(), 0);
  clock_.Set(At("2027-09-15T09:00:00+08:00"));
  EXPECT_EQ(reminders_.FireDue(), 3);

  const auto due = IdsOf(reminder_repository_.published, "ReminderDue");
  for (const auto& id : due) {
    ASSERT_TRUE(app_.OnReminderDue(campaign.campaign_id, id).ok());
    ASSERT_TRUE(app_.OnReminderDue(campaign.campaign_id, id).ok());  // at-least-once delivery
  }
  // Dispatch's events: one carries the campaign, the others only their reminder.
  ASSERT_TRUE(app_.OnMessageOutcome(CampaignOutcome::kSent, "msg-1", campaign.campaign_id, due[0]).ok());
  ASSERT_TRUE(app_.OnMessageOutcome(CampaignOutcome::kSent, "msg-1", campaign.campaign_id, due[0]).ok());
  ASSERT_TRUE(app_.OnMessageOutcome(CampaignOutcome::kSuppressed, "msg-2", "", due[1]).ok());
  ASSERT_TRUE(app_.OnMessageOutcome(CampaignOutcome::kFailed, "msg-3", "", due[2]).ok());
  // Not a campaign's message: ignored.
  ASSERT_TRUE(app_.OnMessageOutcome(CampaignOutcome::kSent, "msg-4", "", "rem-maintenance").ok());

  const domain::CampaignProgress progress = Stored(campaign.campaign_id).progress;
  EXPECT_EQ(progress.audience, 3);
  EXPECT_EQ(progress.due, 3);
  EXPECT_EQ(progress.sent, 1);
  EXPECT_EQ(progress.suppressed, 1);
  EXPECT_EQ(progress.failed, 1);
  EXPECT_EQ(progress.cancelled, 0);
}

TEST_F(CampaignsAppTest, CancelStopsWhatHasNotGoneOutAndTwiceIsANoOp) {
  const domain::Campaign campaign = Created(MidAutumn());
  ASSERT_EQ(app_.LaunchDue(), 1);
  auto cancelled = app_.Cancel(manager_, campaign.campaign_id, "台风停业");
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, domain::CampaignStatus::kCancelled);
  EXPECT_EQ(cancelled->cancel_reason, "台风停业");
  EXPECT_EQ(cancelled->progress.cancelled, 3);
  EXPECT_EQ(IdsOf(reminder_repository_.published, "ReminderCancelled").size(), 3U);

  auto again = app_.Cancel(manager_, campaign.campaign_id, "again");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->cancel_reason, "台风停业");
  EXPECT_EQ(again->progress.cancelled, 3);
  EXPECT_EQ(CampaignEvents("CampaignCancelled").size(), 1U);

  clock_.Set(At("2027-09-15T09:00:00+08:00"));
  EXPECT_EQ(reminders_.FireDue(), 0);  // nothing goes out
}

TEST_F(CampaignsAppTest, CancelBeforeLaunchMeansItNeverLaunches) {
  NewCampaign request = MidAutumn();
  request.draft.launch_at = At("2027-09-10T10:00:00+08:00");
  const domain::Campaign campaign = Created(request);
  ASSERT_TRUE(app_.Cancel(manager_, campaign.campaign_id, "").ok());
  clock_.Set(At("2027-09-10T10:00:00+08:00"));
  EXPECT_EQ(app_.LaunchDue(), 0);
  EXPECT_EQ(directory_.searches, 0);
  EXPECT_EQ(Stored(campaign.campaign_id).cancel_reason, "cancelled by mgr-1");
}

TEST_F(CampaignsAppTest, ListsAStoresCampaignsNewestFirstByStatusInPages) {
  const domain::Campaign first = Created(MidAutumn());
  clock_.Advance(Millis{60'000});
  NewCampaign national = MidAutumn();
  national.draft.holiday = domain::Holiday::kNationalDay;
  const domain::Campaign second = Created(national);
  clock_.Advance(Millis{60'000});
  NewCampaign double_ninth = MidAutumn();
  double_ninth.draft.holiday = domain::Holiday::kDoubleNinth;
  const domain::Campaign third = Created(double_ninth);
  ASSERT_TRUE(app_.Cancel(manager_, second.campaign_id, "").ok());

  auto page = app_.List(manager_, "S001", std::nullopt, 0, 2).value();
  ASSERT_EQ(page.campaigns.size(), 2U);
  EXPECT_EQ(page.campaigns[0].campaign_id, third.campaign_id);
  EXPECT_EQ(page.campaigns[1].campaign_id, second.campaign_id);
  EXPECT_EQ(page.total, 3);
  EXPECT_EQ(page.next_offset, 2U);
  auto rest = app_.List(manager_, "S001", std::nullopt, page.next_offset, 2).value();
  ASSERT_EQ(rest.campaigns.size(), 1U);
  EXPECT_EQ(rest.campaigns[0].campaign_id, first.campaign_id);
  EXPECT_EQ(rest.next_offset, 0U);

  auto scheduled = app_.List(manager_, "S001", domain::CampaignStatus::kScheduled, 0, 50).value();
  EXPECT_EQ(scheduled.total, 2);
  EXPECT_EQ(app_.List(other_store_, "S001", std::nullopt, 0, 50).error().code, ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace careloop::reminders::app
