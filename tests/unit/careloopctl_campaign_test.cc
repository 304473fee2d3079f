// careloopctl campaign: the --window flag and the campaign's --json and table views.
#include <gtest/gtest.h>

#include "tools/careloopctl/campaign_view.h"
#include "tools/careloopctl/errors.h"

namespace careloop::ctl {
namespace {

namespace rv1 = careloop::reminder::v1;

TEST(CampaignWindowFlag, ReadsStartAndEndAndRefusesTheRest) {
  const auto [start, end] = WindowFlag("09:00-20:00");
  EXPECT_EQ(start.ToString(), "09:00");
  EXPECT_EQ(end.ToString(), "20:00");
  EXPECT_THROW((void)WindowFlag("20:00-09:00"), UsageError);
  EXPECT_THROW((void)WindowFlag("09:00"), UsageError);
  EXPECT_THROW((void)WindowFlag("9-20"), UsageError);
}

TEST(CampaignJson, ShowsStatusAudienceAndOutcomesInTheCliWords) {
  rv1::Campaign campaign;
  campaign.set_campaign_id("cmp-1");
  campaign.set_store_id("S001");
  campaign.set_kind(rv1::CAMPAIGN_KIND_HOLIDAY_GREETING);
  campaign.set_status(rv1::CAMPAIGN_STATUS_LAUNCHED);
  campaign.set_holiday(rv1::HOLIDAY_MID_AUTUMN);
  campaign.set_year(2027);
  campaign.mutable_send_date()->set_year(2027);
  campaign.mutable_send_date()->set_month(9);
  campaign.mutable_send_date()->set_day(15);
  campaign.mutable_window_start()->set_hours(9);
  campaign.mutable_window_end()->set_hours(20);
  campaign.set_audience_count(120);
  campaign.set_due_count(120);
  campaign.set_sent_count(110);
  campaign.set_suppressed_count(8);
  campaign.set_failed_count(2);
  const Json json = CampaignJson(campaign);
  EXPECT_EQ(json["campaign_id"], "cmp-1");
  EXPECT_EQ(json["kind"], "holiday_greeting");
  EXPECT_EQ(json["status"], "launched");
  EXPECT_EQ(json["holiday"], "mid_autumn");
  EXPECT_EQ(json["send_date"], "2027-09-15");
  EXPECT_EQ(json["window"], "09:00-20:00");
  EXPECT_EQ(json["audience"], 120);
  EXPECT_EQ(json["sent"], 110);
  EXPECT_EQ(json["suppressed"], 8);
  EXPECT_EQ(json["failed"], 2);
  const std::string fields = CampaignFields(campaign);
  EXPECT_NE(fields.find("mid_autumn 2027"), std::string::npos);
  EXPECT_NE(fields.find("suppressed:  8"), std::string::npos);
}

}  // namespace
}  // namespace careloop::ctl
