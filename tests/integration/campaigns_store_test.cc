// Campaigns on a real redis-server: CampaignsApp over RedisCampaignRepository and
// RedisReminderRepository (a fake only for the customers service's search). Launch fixes the
// audience, a replayed launch schedules nothing twice, cancel stops the rest, and progress counts
// from dispatch's and the reminders' events, decoded by the service's own routes, once per message.
#include <gtest/gtest.h>
#include <optional>

#include "careloop/dispatch/v1/events.pb.h"
#include "careloop/reminder/v1/events.pb.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "common/events/proto_event.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/reminders/adapters/campaign_events.h"
#include "services/reminders/adapters/campaign_keys.h"
#include "services/reminders/adapters/redis_campaign_repository.h"
#include "services/reminders/adapters/redis_keys.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "services/reminders/adapters/redis_rule_store.h"
#include "services/reminders/app/campaigns_app.h"
#include "services/reminders/app/reminders_app.h"
#include "services/reminders/app/rules_app.h"
#include "tests/integration/test_env.h"

namespace careloop {
namespace {

constexpr int kDb = 17;

namespace rapp = reminders::app;
namespace rdomain = reminders::domain;

/// The customers service's search over a fixed list, in pages (offset tokens).
class ListDirectory final : public rapp::CustomerDirectory {
 public:
  Result<rapp::AudiencePage> Search(const rdomain::Segment& /*segment*/, const std::string& page_token,
                                    int page_size) override {
    if (refusal) {
      return *refusal;
    }
    const size_t offset = page_token.empty() ? 0 : std::stoul(page_token);
    rapp::AudiencePage page;
    page.total = static_cast<int64_t>(customers.size());
    for (size_t i = offset; i < customers.size() && page.customer_ids.size() < size_t(page_size); ++i) {
      page.customer_ids.push_back(customers[i]);
    }
    const size_t end = offset + page.customer_ids.size();
    page.next_page_token = end < customers.size() ? std::to_string(end) : "";
    return page;
  }
  std::vector<std::string> customers;
  std::optional<Error> refusal;
};

class CampaignsStoreTest : public ::testing::Test {
 protected:
  CampaignsStoreTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(*ParseRfc3339("2027-09-01T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}}),
        reminder_repository_(*pool_, clock_),
        campaign_repository_(*pool_, clock_),
        rule_store_(*pool_),
        book_(rule_store_),
        replanner_(reminder_repository_, reminder_repository_, book_, clock_, stores_),
        reminders_(reminder_repository_, reminder_repository_, book_, replanner_, clock_, stores_),
        campaigns_(campaign_repository_, directory_, reminder_repository_, clock_, stores_,
                   rapp::CampaignLimits{.search_page = 7, .batch = 10, .launches_per_pass = 4}) {
    for (int i = 0; i < 45; ++i) {
      directory_.customers.push_back("cus-" + std::to_string(i));
    }
    reminders::adapters::RouteCampaignProgress(progress_, campaigns_);
  }

  rdomain::Campaign MidAutumn() {
    rapp::NewCampaign request;
    request.draft.store_id = "S001";
    request.draft.kind = rdomain::CampaignKind::kHolidayGreeting;
    request.draft.holiday = rdomain::Holiday::kMidAutumn;
    request.draft.year = 2027;
    auto created = campaigns_.Create(manager_, request);
    EXPECT_TRUE(created.ok()) << created.error().ToString();
    return created.value();
  }
  long long Outbox() { return pool_->Acquire()->Run({"XLEN", reminders::adapters::keys::kOutbox}).Integer(); }
  long long Timers() { return pool_->Acquire()->Run({"ZCARD", reminders::adapters::keys::kTimers}).Integer(); }
  rdomain::Campaign Stored(const std::string& id) { return campaigns_.Get(manager_, id).value(); }
  void Deliver(const google::protobuf::Message& event, const std::string& id) {
    ASSERT_EQ(progress_(events::MakeEvent(event, "/test", "cus-0", id, clock_.Now())).outcome,
              kafka::HandlerResult::Outcome::kDone);
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  reminders::adapters::RedisReminderRepository reminder_repository_;
  reminders::adapters::RedisCampaignRepository campaign_repository_;
  ListDirectory directory_;
  reminders::adapters::RedisRuleStore rule_store_;
  rapp::StoredRuleBook book_;
  rapp::Replanner replanner_;
  rapp::RemindersApp reminders_;
  rapp::CampaignsApp campaigns_;
  events::Router progress_;
  const auth::Principal manager_ = {"mgr-1", auth::Role::kManager, {"S001"}, false};
};

TEST_F(CampaignsStoreTest, LaunchFixesTheAudienceAndAReplayedLaunchSchedulesNothingTwice) {
  const rdomain::Campaign campaign = MidAutumn();
  EXPECT_EQ(Outbox(), 1);  // CampaignCreated
  ASSERT_EQ(campaigns_.LaunchDue(), 1);
  const rdomain::Campaign launched = Stored(campaign.campaign_id);
  EXPECT_EQ(launched.status, rdomain::CampaignStatus::kLaunched);
  EXPECT_EQ(launched.progress.audience, 45);
  EXPECT_EQ(Timers(), 45);
  EXPECT_EQ(Outbox(), 1 + 45 + 1);  // created, one ReminderScheduled each, launched
  const auto greetings = reminder_repository_.ListByCustomer("cus-7");
  ASSERT_EQ(greetings.size(), 1U);
  EXPECT_EQ(greetings[0].kind, rdomain::ReminderKind::kHolidayGreeting);
  EXPECT_EQ(greetings[0].campaign_id, campaign.campaign_id);
  EXPECT_EQ(greetings[0].due_at, *ParseRfc3339("2027-09-15T09:00:00+08:00"));

  // A launch that died after scheduling and before its mark runs again: same reminders, no more.
  directory_.customers.push_back("cus-late");
  EXPECT_EQ(campaign_repository_.ScheduleReminders(
                {rdomain::CampaignReminder(launched, "cus-7", stores_.ZoneOf("S001"), clock_.Now())}),
            0);
  EXPECT_EQ(campaign_repository_.FixAudience(campaign.campaign_id), 45);  // fixed once
  EXPECT_EQ(campaigns_.LaunchDue(), 0);
  EXPECT_EQ(Timers(), 45);
  EXPECT_TRUE(reminder_repository_.ListByCustomer("cus-late").empty());
}

TEST_F(CampaignsStoreTest, GreetingsFireOnTheDayAndProgressCountsOncePerMessage) {
  const rdomain::Campaign campaign = MidAutumn();
  ASSERT_EQ(campaigns_.LaunchDue(), 1);
  clock_.Set(*ParseRfc3339("2027-09-15T09:00:00+08:00"));
  int fired = 0;
  while (const int batch = reminders_.FireDue(20)) {
    fired += batch;
  }
  EXPECT_EQ(fired, 45);

  const std::string reminder_id = reminder_repository_.ListByCustomer("cus-1")[0].reminder_id;
  careloop::reminder::v1::ReminderDue due;
  due.set_reminder_id(reminder_id);
  due.set_campaign_id(campaign.campaign_id);
  Deliver(due, "evt-due-1");
  Deliver(due, "evt-due-1");  // redelivered
  careloop::dispatch::v1::MessageSent sent;
  sent.set_message_id("msg-1");
  sent.set_reminder_id(reminder_id);
  Deliver(sent, "evt-sent-1");
  Deliver(sent, "evt-sent-1");
  careloop::dispatch::v1::MessageSuppressed suppressed;
  suppressed.set_message_id("msg-2");
  suppressed.set_reminder_id(reminder_repository_.ListByCustomer("cus-2")[0].reminder_id);
  Deliver(suppressed, "evt-supp-2");
  careloop::dispatch::v1::MessageFailed retrying;
  retrying.set_message_id("msg-3");
  retrying.set_reminder_id(reminder_repository_.ListByCustomer("cus-3")[0].reminder_id);
  retrying.set_retryable(true);
  Deliver(retrying, "evt-fail-3a");
  careloop::dispatch::v1::MessageFailed failed = retrying;
  failed.set_retryable(false);
  Deliver(failed, "evt-fail-3b");

  const rdomain::CampaignProgress progress = Stored(campaign.campaign_id).progress;
  EXPECT_EQ(progress.audience, 45);
  EXPECT_EQ(progress.due, 1);
  EXPECT_EQ(progress.sent, 1);
  EXPECT_EQ(progress.suppressed, 1);
  EXPECT_EQ(progress.failed, 1);
}

TEST_F(CampaignsStoreTest, CancelStopsTheRestAndTwiceChangesNothing) {
  const rdomain::Campaign campaign = MidAutumn();
  ASSERT_EQ(campaigns_.LaunchDue(), 1);
  const long long before = Outbox();
  auto cancelled = campaigns_.Cancel(manager_, campaign.campaign_id, "门店装修");
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, rdomain::CampaignStatus::kCancelled);
  EXPECT_EQ(cancelled->progress.cancelled, 45);
  EXPECT_EQ(Timers(), 0);
  EXPECT_EQ(Outbox(), before + 1 + 45);  // CampaignCancelled, one ReminderCancelled each
  EXPECT_EQ(reminder_repository_.ListByCustomer("cus-9")[0].status, rdomain::ReminderStatus::kCancelled);

  auto again = campaigns_.Cancel(manager_, campaign.campaign_id, "again");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->cancel_reason, "门店装修");
  EXPECT_EQ(Outbox(), before + 1 + 45);
  clock_.Set(*ParseRfc3339("2027-09-15T09:00:00+08:00"));
  EXPECT_EQ(reminders_.FireDue(100), 0);
}

TEST_F(CampaignsStoreTest, ARefusedLaunchIsStoredFailedWithItsEventOnce) {
  const rdomain::Campaign campaign = MidAutumn();
  directory_.refusal = InvalidArgument("filter.tiers", "unknown tier");
  const long long before = Outbox();
  EXPECT_EQ(campaigns_.LaunchDue(), 0);
  const rdomain::Campaign failed = Stored(campaign.campaign_id);
  EXPECT_EQ(failed.status, rdomain::CampaignStatus::kFailed);
  EXPECT_EQ(failed.failure_reason, "filter.tiers: unknown tier");
  EXPECT_EQ(Outbox(), before + 1);  // CampaignFailed
  EXPECT_EQ(campaigns_.LaunchDue(), 0);
  EXPECT_EQ(Outbox(), before + 1);  // off the launch queue: not tried again
  auto cancelled = campaigns_.Cancel(manager_, campaign.campaign_id, "清理");
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, rdomain::CampaignStatus::kFailed);  // nothing to stop
  EXPECT_EQ(Outbox(), before + 1);
}

TEST_F(CampaignsStoreTest, ListsNewestFirst) {
  const rdomain::Campaign first = MidAutumn();
  clock_.Advance(Millis{1000});
  const rdomain::Campaign second = MidAutumn();
  const auto page = campaigns_.List(manager_, "S001", std::nullopt, 0, 10).value();
  ASSERT_EQ(page.campaigns.size(), 2U);
  EXPECT_EQ(page.campaigns[0].campaign_id, second.campaign_id);
  EXPECT_EQ(page.campaigns[1].campaign_id, first.campaign_id);
  EXPECT_EQ(page.campaigns[0].send_date, (Date{2027, 9, 15}));
  EXPECT_EQ(page.campaigns[0].holiday, rdomain::Holiday::kMidAutumn);
}

// A greeting or campaign message deferred (quiet hours, spacing, the same-day rule's wait) keeps
// what chooses its template: the holiday and the campaign's template.
TEST_F(CampaignsStoreTest, ADeferredCampaignMessageKeepsItsHolidayAndTemplate) {
  dispatch::adapters::RedisMessageLedger ledger(*pool_, clock_);
  dispatch::domain::SendRequest greeting{
      "rem-g", 1, dispatch::domain::CareKind::kHolidayGreeting, "cus-1", "S001", "", {2027, 9, 15}};
  greeting.holiday = "mid_autumn";
  greeting.template_id = "holiday_greeting_mid_autumn";
  dispatch::domain::Message message;
  message.message_id = "msg-g";
  message.customer_id = "cus-1";
  message.store_id = "S001";
  message.cause_id = "rem-g";
  message.kind = greeting.kind;
  message.status = dispatch::domain::MessageStatus::kDeferred;
  message.created_at = clock_.Now();
  message.not_before = clock_.Now() + Millis{180'000};
  ledger.Defer(message, greeting);
  const auto cause = ledger.Cause("msg-g");
  ASSERT_TRUE(cause.has_value());
  EXPECT_EQ(cause->kind, dispatch::domain::CareKind::kHolidayGreeting);
  EXPECT_EQ(cause->holiday, "mid_autumn");
  EXPECT_EQ(cause->template_id, "holiday_greeting_mid_autumn");
  EXPECT_EQ(cause->service_due_date, (Date{2027, 9, 15}));
}

}  // namespace
}  // namespace careloop
