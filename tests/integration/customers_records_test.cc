// The full customer record over gRPC against a real redis-server: history items, staff flags,
// national IDs encrypted at rest and masked, search by segment on simulated dates with cursor
// pages and totals, contradictory filters, the timeline, and contacts consumed from dispatch.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "careloop/dispatch/v1/events.pb.h"
#include "common/events/proto_event.h"
#include "services/customers/adapters/dispatch_events.h"
#include "services/customers/adapters/redis_customer_search.h"
#include "services/customers/adapters/redis_keys.h"
#include "services/customers/domain/history.h"
#include "services/customers/domain/reports.h"
#include "services/customers/domain/validation.h"
#include "tests/integration/customers_fixture.h"

namespace careloop {
namespace {

namespace pb = careloop::customer::v1;
namespace common_pb = careloop::common::v1;
constexpr int kDb = 6;
constexpr const char* kKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

using testing::Shanghai;

common_pb::Date D(int y, int m, int d) {
  return events::ToProto(Date{y, m, d});
}

class CustomersRecordsTest : public testing::CustomersServerFixture {
 protected:
  CustomersRecordsTest() : CustomersServerFixture(kDb, kKey) {}

  // A customer of S001 with one car delivered on `delivery`, and visits on `visits`; returns ids.
  std::pair<std::string, std::string> Owner(const std::string& mobile, Date delivery, std::vector<Date> visits = {},
                                            const std::string& store = "S001") {
    pb::CreateCustomerRequest create;
    create.set_store_id(store);
    create.set_name("客户" + mobile.substr(7));
    create.set_mobile(mobile);
    create.mutable_details()->mutable_address()->mutable_region()->set_province("浙江省");
    create.mutable_details()->mutable_address()->mutable_region()->set_city(mobile.back() % 2 ? "杭州市" : "宁波市");
    pb::CreateCustomerResponse created;
    EXPECT_TRUE(Call("admin", &pb::CustomersService::Stub::CreateCustomer, create, &created).ok());
    pb::AddVehicleRequest car;
    car.set_customer_id(created.customer().customer_id());
    static int serial = 0;
    std::string vin = "LVVDB11B" + std::string("0") + "RD" + std::to_string(100000 + ++serial);
    vin[8] = customers::domain::VinCheckDigit(vin);
    car.set_vin(vin);
    car.set_plate("浙A" + std::to_string(10000 + serial));
    car.set_model(serial % 2 ? "瑶光" : "揽月");
    *car.mutable_delivery_date() = events::ToProto(delivery);
    pb::AddVehicleResponse added;
    EXPECT_TRUE(Call("admin", &pb::CustomersService::Stub::AddVehicle, car, &added).ok());
    int odometer = 1000;
    for (const Date& day : visits) {
      pb::RecordServiceVisitRequest visit;
      visit.set_customer_id(created.customer().customer_id());
      visit.set_vehicle_id(added.vehicle().vehicle_id());
      *visit.mutable_visit_date() = events::ToProto(day);
      visit.set_odometer_km(odometer += 5000);
      visit.set_visit_type(pb::VISIT_TYPE_REGULAR_MAINTENANCE);
      pb::RecordServiceVisitResponse recorded;
      EXPECT_TRUE(Call("admin", &pb::CustomersService::Stub::RecordServiceVisit, visit, &recorded).ok());
    }
    return {created.customer().customer_id(), added.vehicle().vehicle_id()};
  }

  std::set<std::string> Search(const pb::CustomerFilter& filter, int page_size = 500) {
    std::set<std::string> ids;
    pb::SearchCustomersRequest request;
    *request.mutable_filter() = filter;
    request.mutable_page()->set_page_size(page_size);
    for (;;) {
      pb::SearchCustomersResponse page;
      grpc::Status status = Call("admin", &pb::CustomersService::Stub::SearchCustomers, request, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      for (const auto& c : page.customers()) {
        EXPECT_TRUE(ids.insert(c.customer_id()).second) << "a customer on two pages";
      }
      EXPECT_LE(page.customers_size(), page_size);
      if (page.page().next_page_token().empty() || !status.ok()) {
        EXPECT_EQ(page.page().total_count(), static_cast<int64_t>(ids.size()));
        return ids;
      }
      request.mutable_page()->set_page_token(page.page().next_page_token());
    }
  }

  void DrainReclassification() {
    while (app_.ReclassifyDue(100) > 0) {
    }
  }
};

TEST_F(CustomersRecordsTest, SearchByChurnStageAndTierMatchesTheRulesOnEverySimulatedDate) {
  // Last visits spread over three years, so every stage is populated on some day.
  std::map<std::string, Date> last_visit;
  const Date first_delivery{2023, 6, 1};
  for (int i = 0; i < 14; ++i) {
    const Date visit = Date{2026, 11, 20}.PlusDays(-67 * i);
    const auto [id, vehicle] = Owner("139000001" + std::to_string(10 + i), first_delivery, {visit});
    last_visit[id] = visit;
  }
  // One frequent visitor: high value while four visits stay within twelve months.
  const auto [frequent, frequent_car] =
      Owner("13900000200", first_delivery, {{2026, 1, 10}, {2026, 4, 10}, {2026, 7, 10}, {2026, 10, 10}});
  last_visit[frequent] = {2026, 10, 10};
  DrainReclassification();

  const customers::domain::ClassificationPolicy policy;
  for (const Date day :
       {Date{2026, 11, 22}, Date{2027, 1, 10}, Date{2027, 1, 11}, Date{2027, 6, 30}, Date{2028, 2, 29}}) {
    clock_.Set(Shanghai().At(day, TimeOfDay{9 * 60}));
    DrainReclassification();
    for (int stage = pb::CHURN_STAGE_ACTIVE; stage <= pb::CHURN_STAGE_LONG_LOST; ++stage) {
      std::set<std::string> expected;
      for (const auto& [id, visit] : last_visit) {
        if (static_cast<int>(customers::domain::ChurnStageAt(visit, day, policy)) + 1 == stage) {
          expected.insert(id);
        }
      }
      pb::CustomerFilter filter;
      filter.add_churn_stages(static_cast<pb::ChurnStage>(stage));
      EXPECT_EQ(Search(filter, 3), expected) << day.ToString() << " " << pb::ChurnStage_Name(stage);
    }
    pb::CustomerFilter high;
    high.add_value_tiers(pb::VALUE_TIER_HIGH);
    const std::set<std::string> frequent_only{frequent};
    const std::set<std::string> expected_high = day <= Date{2027, 1, 10} ? frequent_only : std::set<std::string>{};
    EXPECT_EQ(Search(high), expected_high) << day.ToString();
  }
}

// A whole store (the search's one-set path) and a filtered one, in pages smaller than the
// answer: every customer once, pages in id order, the cursor continuing after the last id.
TEST_F(CustomersRecordsTest, PagesComeInIdOrderWithOrWithoutFilters) {
  std::set<std::string> all;
  std::set<std::string> hangzhou;
  for (int i = 0; i < 13; ++i) {
    const std::string mobile = "139000004" + std::to_string(10 + i);
    const auto [id, car] = Owner(mobile, {2025, 1, 5});
    all.insert(id);
    if (mobile.back() % 2) {
      hangzhou.insert(id);
    }
  }
  pb::CustomerFilter store;
  store.add_store_ids("S001");
  pb::CustomerFilter in_hangzhou = store;
  in_hangzhou.mutable_region()->set_city("杭州市");
  // Page 2 of the city filter walks the store's id index; page 4 picks from the answer in one pass.
  for (const auto& [filter, expected, size] :
       {std::tuple{store, all, 4}, std::tuple{in_hangzhou, hangzhou, 4}, std::tuple{in_hangzhou, hangzhou, 2}}) {
    pb::SearchCustomersRequest request;
    *request.mutable_filter() = filter;
    request.mutable_page()->set_page_size(size);
    std::vector<std::string> seen;
    for (;;) {
      pb::SearchCustomersResponse page;
      ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::SearchCustomers, request, &page).ok());
      EXPECT_EQ(page.page().total_count(), static_cast<int64_t>(expected.size()));
      for (const auto& c : page.customers()) {
        seen.push_back(c.customer_id());
      }
      if (page.page().next_page_token().empty()) {
        break;
      }
      EXPECT_EQ(page.customers_size(), size);
      EXPECT_EQ(page.page().next_page_token(), seen.back());
      request.mutable_page()->set_page_token(page.page().next_page_token());
    }
    EXPECT_EQ(seen, std::vector<std::string>(expected.begin(), expected.end()));
  }
}

// The store's id index is written with the record. A store whose index predates nothing
// (data written before the index: no index, no fill progress) gets it filled in by its searches,
// a few ids a step, with the same answers from the first search on, and then it is complete.
TEST_F(CustomersRecordsTest, StoreIdIndexIsWrittenWithTheRecordAndFilledInForOlderData) {
  namespace keys = customers::adapters::keys;
  std::set<std::string> all;
  for (int i = 0; i < 130; ++i) {  // more than a small set kept as one listpack (SSCAN in one go)
    all.insert(Owner("1390000" + std::to_string(5100 + i), {2025, 1, 5}).first);
  }
  auto redis = pool_->Acquire();
  EXPECT_EQ(redis->Run({"ZCARD", keys::StoreIds("S001")}).Integer(), 130);
  for (const auto& id : all) {
    EXPECT_EQ(redis->Run({"ZSCORE", keys::StoreIds("S001"), id}).Str(), "0");
  }
  pb::CustomerFilter store;
  store.add_store_ids("S001");
  pb::CustomerFilter in_hangzhou = store;
  in_hangzhou.mutable_region()->set_city("杭州市");
  const std::set<std::string> hangzhou = Search(in_hangzhou);
  EXPECT_EQ(hangzhou.size(), 65u);
  EXPECT_EQ(redis->Run({"GET", keys::StoreIdsBackfill("S001")}).Str(), "done");
  // As before the index existed: no index, no progress; then one customer written by this code.
  redis->Run({"DEL", keys::StoreIds("S001"), keys::StoreIdsBackfill("S001")});
  all.insert(Owner("13900005298", {2025, 1, 5}).first);
  EXPECT_EQ(redis->Run({"ZCARD", keys::StoreIds("S001")}).Integer(), 1);
  customers::adapters::RedisCustomerSearch slow_fill(*pool_, {.steps_per_search = 1, .ids_per_step = 1});
  customers::app::CustomerSearch::SearchQuery whole{"S001", {}};
  int searches = 0;
  for (; searches < 200 && redis->Run({"GET", keys::StoreIdsBackfill("S001")}).Str() != "done"; ++searches) {
    std::vector<std::string> seen;
    for (std::string after;;) {
      const auto matches = slow_fill.Search({whole}, after, 7);
      ASSERT_EQ(matches.size(), 1u);
      EXPECT_EQ(matches[0].total, 131);
      seen.insert(seen.end(), matches[0].page.begin(), matches[0].page.end());
      if (matches[0].page.size() < 7) {
        break;
      }
      after = matches[0].page.back();
    }
    EXPECT_EQ(seen, std::vector<std::string>(all.begin(), all.end()));
  }
  EXPECT_GT(searches, 1);  // filled in over several searches, answering the same meanwhile
  EXPECT_EQ(redis->Run({"ZCARD", keys::StoreIds("S001")}).Integer(), 131);
  EXPECT_EQ(Search(store, 3), all);
  EXPECT_EQ(Search(in_hangzhou, 1), hangzhou);
}

// A customer moved to another store leaves the first store's id index and joins the second's,
// in the write that moves its facets; searches of both stores follow.
TEST_F(CustomersRecordsTest, AMoveBetweenStoresMovesTheCustomerInBothIdIndexes) {
  namespace keys = customers::adapters::keys;
  const std::string stays = Owner("13900000531", {2025, 1, 5}).first;
  const std::string moves = Owner("13900000532", {2025, 1, 5}).first;
  const std::string there = Owner("13900000533", {2025, 1, 5}, {}, "S002").first;
  auto moved = redis_store_.records.Update(moves, "move-1", [](customers::domain::Customer& record, const auto&) {
    record.store_id = "S002";
    return Result<customers::app::CustomerRepository::Change>(
        customers::app::CustomerRepository::Change{.record_changed = true});
  });
  ASSERT_TRUE(moved.ok());
  auto redis = pool_->Acquire();
  EXPECT_TRUE(redis->Run({"ZSCORE", keys::StoreIds("S001"), moves}).IsNil());
  EXPECT_EQ(redis->Run({"ZSCORE", keys::StoreIds("S002"), moves}).Str(), "0");
  pb::CustomerFilter s001;
  s001.add_store_ids("S001");
  pb::CustomerFilter s002;
  s002.add_store_ids("S002");
  EXPECT_EQ(Search(s001, 1), (std::set<std::string>{stays}));
  EXPECT_EQ(Search(s002, 1), (std::set<std::string>{moves, there}));
}

TEST_F(CustomersRecordsTest, FiltersCombineAndContradictionsAreRejected) {
  const auto [a, car_a] = Owner("13900000311", {2025, 1, 5}, {{2026, 10, 1}});  // 杭州, 瑶光 or 揽月
  const auto [b, car_b] = Owner("13900000312", {2024, 1, 5}, {{2025, 1, 1}});
  const auto [c, car_c] = Owner("13900000313", {2026, 10, 5}, {}, "S002");
  DrainReclassification();
  pb::CustomerFilter hangzhou;
  hangzhou.mutable_region()->set_city("杭州市");
  EXPECT_EQ(Search(hangzhou), (std::set<std::string>{a, c}));
  pb::CustomerFilter s001_hangzhou = hangzhou;
  s001_hangzhou.add_store_ids("S001");
  EXPECT_EQ(Search(s001_hangzhou), (std::set<std::string>{a}));
  pb::CustomerFilter delivered_2024;
  *delivered_2024.mutable_delivery()->mutable_start_date() = D(2024, 1, 1);
  *delivered_2024.mutable_delivery()->mutable_end_date() = D(2024, 12, 31);
  EXPECT_EQ(Search(delivered_2024), (std::set<std::string>{b}));
  pb::CustomerFilter lost;
  lost.add_churn_stages(pb::CHURN_STAGE_LOST);
  *lost.mutable_last_visit()->mutable_start_date() = D(2024, 6, 1);
  EXPECT_EQ(Search(lost), (std::set<std::string>{b}));

  // An advisor sees only their store; asking for another store is refused.
  pb::SearchCustomersRequest other;
  other.mutable_filter()->add_store_ids("S002");
  pb::SearchCustomersResponse response;
  EXPECT_EQ(Call("adv1", &pb::CustomersService::Stub::SearchCustomers, other, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pb::SearchCustomersRequest mine;
  ASSERT_TRUE(Call("adv1", &pb::CustomersService::Stub::SearchCustomers, mine, &response).ok());
  EXPECT_EQ(response.page().total_count(), 2);

  // Contradictions: clear errors naming the filter field, and nothing is written.
  const auto keys_before = pool_->Acquire()->Run({"DBSIZE"}).Integer();
  pb::SearchCustomersRequest contradictory;
  contradictory.mutable_filter()->add_churn_stages(pb::CHURN_STAGE_ACTIVE);
  *contradictory.mutable_filter()->mutable_last_visit()->mutable_end_date() = D(2024, 12, 31);
  grpc::Status status = Call("admin", &pb::CustomersService::Stub::SearchCustomers, contradictory, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("filter.churn_stages:", 0), 0u) << status.error_message();
  contradictory.Clear();
  contradictory.mutable_filter()->add_value_tiers(pb::VALUE_TIER_STANDARD);
  contradictory.mutable_filter()->add_value_criteria(pb::VALUE_CRITERION_FLEET);
  status = Call("admin", &pb::CustomersService::Stub::SearchCustomers, contradictory, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("filter.value_criteria:", 0), 0u) << status.error_message();
  EXPECT_EQ(pool_->Acquire()->Run({"DBSIZE"}).Integer(), keys_before);

  // Segment counts take the same filters.
  pb::CountSegmentsRequest count;
  *count.mutable_filter() = hangzhou;
  count.add_group_by(pb::SEGMENT_DIMENSION_STORE);
  pb::CountSegmentsResponse counted;
  ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::CountSegments, count, &counted).ok());
  EXPECT_EQ(counted.total_count(), 2);
  EXPECT_EQ(counted.counts_size(), 2);
}

TEST_F(CustomersRecordsTest, HistoryItemsFeedTheValueTierAndTheTimeline) {
  const auto [id, car] = Owner("13900000411", {2024, 3, 1}, {{2026, 3, 2}});
  const auto [friend_id, friend_car] = Owner("13900000412", {2026, 5, 1});

  pb::RecordInsurancePolicyRequest policy;
  policy.set_customer_id(id);
  policy.set_vehicle_id(car);
  policy.set_insurer("中国人保");
  policy.set_policy_number("PDAA202611");
  *policy.mutable_start_date() = D(2026, 3, 1);
  *policy.mutable_end_date() = D(2027, 2, 28);
  policy.set_bought_through_store(true);
  pb::RecordInsurancePolicyResponse recorded_policy;
  ASSERT_TRUE(Call("adv1", &pb::CustomersService::Stub::RecordInsurancePolicy, policy, &recorded_policy).ok());
  // The same policy again (next month's export) is the same record.
  ASSERT_TRUE(Call("adv1", &pb::CustomersService::Stub::RecordInsurancePolicy, policy, &recorded_policy).ok());
  *policy.mutable_end_date() = D(2026, 1, 1);
  grpc::Status bad = Call("adv1", &pb::CustomersService::Stub::RecordInsurancePolicy, policy, &recorded_policy);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad.error_message().rfind("end_date:", 0), 0u) << bad.error_message();

  pb::RecordOdometerReadingRequest reading;
  reading.set_customer_id(id);
  reading.set_vehicle_id(car);
  reading.set_odometer_km(9000);
  *reading.mutable_reading_date() = D(2026, 9, 2);
  pb::RecordOdometerReadingResponse read;
  ASSERT_TRUE(Call("adv1", &pb::CustomersService::Stub::RecordOdometerReading, reading, &read).ok());
  EXPECT_EQ(read.vehicle().odometer_km(), 9000);
  EXPECT_NEAR(read.vehicle().estimated_km_per_day(), (9000.0 - 6000) / 184, 1e-9);  // since the visit of 2 March
  reading.set_odometer_km(5000);  // below the visit's 6,000 km of 2 March
  bad = Call("adv1", &pb::CustomersService::Stub::RecordOdometerReading, reading, &read);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad.error_message().rfind("odometer_km:", 0), 0u) << bad.error_message();

  pb::RecordReferralRequest referral;
  referral.set_customer_id(id);
  referral.set_referred_customer_id(friend_id);
  *referral.mutable_referral_date() = D(2026, 4, 20);
  referral.set_purchased(true);
  *referral.mutable_purchase_date() = D(2026, 5, 1);
  pb::RecordReferralResponse recorded_referral;
  ASSERT_TRUE(Call("adv1", &pb::CustomersService::Stub::RecordReferral, referral, &recorded_referral).ok());

  pb::RecordComplaintRequest complaint;
  complaint.set_customer_id(id);
  complaint.set_severity(common_pb::COMPLAINT_SEVERITY_MAJOR);
  complaint.set_summary("保养等待三小时");
  *complaint.mutable_opened_date() = D(2026, 11, 2);
  pb::RecordComplaintResponse recorded_complaint;
  ASSERT_TRUE(Call("adv1", &pb::CustomersService::Stub::RecordComplaint, complaint, &recorded_complaint).ok());

  pb::SetStaffFlagsRequest flags;
  flags.set_customer_id(id);
  flags.set_opinion_leader(true);
  pb::SetStaffFlagsResponse flagged;
  ASSERT_TRUE(Call("adv1", &pb::CustomersService::Stub::SetStaffFlags, flags, &flagged).ok());
  EXPECT_TRUE(flagged.customer().opinion_leader());

  DrainReclassification();
  pb::GetCustomerRequest get;
  get.set_customer_id(id);
  pb::GetCustomerResponse got;
  ASSERT_TRUE(Call("adv1", &pb::CustomersService::Stub::GetCustomer, get, &got).ok());
  EXPECT_EQ(got.customer().value_tier(), pb::VALUE_TIER_HIGH);
  const std::set<int> criteria(got.customer().value_criteria().begin(), got.customer().value_criteria().end());
  EXPECT_EQ(criteria, (std::set<int>{pb::VALUE_CRITERION_RECENT_REFERRAL, pb::VALUE_CRITERION_OPINION_LEADER,
                                     pb::VALUE_CRITERION_MAJOR_COMPLAINT}));
  EXPECT_EQ(got.customer().lifecycle_stage(), pb::LIFECYCLE_STAGE_CHAMPION);

  // Dispatch's events become contacts; an opt-out reply denies SMS consent.
  customers::adapters::DispatchEventHandler handler(app_);
  careloop::dispatch::v1::MessageSent sent;
  sent.set_message_id("msg-1");
  sent.set_customer_id(id);
  sent.set_channel(common_pb::CHANNEL_SMS);
  sent.set_provider("aliyun");
  *sent.mutable_sent_at() = events::ToTimestamp(clock_.Now());
  const auto sent_event = events::MakeEvent(sent, "/careloop/dispatch", id, "evt-sent", clock_.Now());
  EXPECT_EQ(handler(sent_event).outcome, kafka::HandlerResult::Outcome::kDone);
  EXPECT_EQ(handler(sent_event).outcome, kafka::HandlerResult::Outcome::kDone);  // redelivered: kept once
  careloop::dispatch::v1::InboundReplyReceived reply;
  reply.set_inbound_id("in-1");
  reply.set_customer_id(id);
  reply.set_channel(common_pb::CHANNEL_SMS);
  reply.set_classification(careloop::dispatch::v1::REPLY_CLASSIFICATION_OPT_OUT);
  *reply.mutable_received_at() = events::ToTimestamp(clock_.Now());
  EXPECT_EQ(handler(events::MakeEvent(reply, "/careloop/dispatch", id, "evt-reply", clock_.Now())).outcome,
            kafka::HandlerResult::Outcome::kDone);
  careloop::dispatch::v1::MessageSent nobody;
  EXPECT_EQ(handler(events::MakeEvent(nobody, "/careloop/dispatch", "", "evt-bad", clock_.Now())).outcome,
            kafka::HandlerResult::Outcome::kPoison);

  pb::GetTimelineRequest timeline_request;
  timeline_request.set_customer_id(id);
  pb::GetTimelineResponse timeline;
  ASSERT_TRUE(Call("adv1", &pb::CustomersService::Stub::GetTimeline, timeline_request, &timeline).ok());
  std::multiset<int> kinds;
  for (const auto& entry : timeline.entries()) {
    kinds.insert(entry.kind());
  }
  EXPECT_EQ(kinds.count(pb::TIMELINE_ENTRY_KIND_INSURANCE_POLICY), 1u);
  EXPECT_EQ(kinds.count(pb::TIMELINE_ENTRY_KIND_REFERRAL), 1u);
  EXPECT_EQ(kinds.count(pb::TIMELINE_ENTRY_KIND_COMPLAINT), 1u);
  EXPECT_EQ(kinds.count(pb::TIMELINE_ENTRY_KIND_SERVICE_VISIT), 1u);
  EXPECT_EQ(kinds.count(pb::TIMELINE_ENTRY_KIND_ODOMETER), 1u);
  EXPECT_EQ(kinds.count(pb::TIMELINE_ENTRY_KIND_CONTACT), 2u);  // sent once, the reply once
  EXPECT_EQ(kinds.count(pb::TIMELINE_ENTRY_KIND_CONSENT), 1u);  // the opt-out
  EXPECT_GE(kinds.count(pb::TIMELINE_ENTRY_KIND_SEGMENT), 1u);
  for (int i = 1; i < timeline.entries_size(); ++i) {
    EXPECT_GE(events::FromTimestamp(timeline.entries(i - 1).occurred_at()),
              events::FromTimestamp(timeline.entries(i).occurred_at()))
        << "newest first";
  }
  ASSERT_TRUE(Call("adv1", &pb::CustomersService::Stub::GetCustomer, get, &got).ok());
  bool sms_denied = false;
  for (const auto& consent : got.customer().consents()) {
    sms_denied |= consent.channel() == common_pb::CHANNEL_SMS && consent.state() == pb::CONSENT_STATE_DENIED &&
                  consent.source() == "reply:sms";
  }
  EXPECT_TRUE(sms_denied);
  // Another store's advisor sees none of it.
  EXPECT_EQ(Call("adv2", &pb::CustomersService::Stub::GetTimeline, timeline_request, &timeline).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(CustomersRecordsTest, NationalIdIsEncryptedAtRestAndMaskedForAllButAdmins) {
  pb::CreateCustomerRequest create;
  create.set_store_id("S001");
  create.set_name("张伟");
  create.set_mobile("13900000511");
  create.mutable_details()->set_national_id("11010519491231002X");
  create.mutable_details()->set_home_phone("010-85556666");
  pb::CreateCustomerResponse created;
  ASSERT_TRUE(Call("adv1", &pb::CustomersService::Stub::CreateCustomer, create, &created).ok());
  EXPECT_EQ(created.customer().national_id(), "110105********002X");
  const std::string id = created.customer().customer_id();

  const std::string stored(pool_->Acquire()->Run({"GET", customers::adapters::keys::Customer(id)}).Str());
  EXPECT_EQ(stored.find("11010519491231002X"), std::string::npos) << "the ID is stored in clear";
  EXPECT_NE(stored.find("enc1:"), std::string::npos);

  pb::GetCustomerRequest get;
  get.set_customer_id(id);
  pb::GetCustomerResponse got;
  ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::GetCustomer, get, &got).ok());
  EXPECT_EQ(got.customer().national_id(), "11010519491231002X");
  ASSERT_TRUE(Call("adv1", &pb::CustomersService::Stub::GetCustomer, get, &got).ok());
  EXPECT_EQ(got.customer().national_id(), "110105********002X");

  // A wrong check digit is refused with the field named, and nothing is stored.
  create.set_mobile("13900000512");
  create.mutable_details()->set_national_id("110105194912310021");
  grpc::Status bad = Call("adv1", &pb::CustomersService::Stub::CreateCustomer, create, &created);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad.error_message().rfind("national_id:", 0), 0u) << bad.error_message();

  // Updating named fields: the address moves the customer between region facets.
  pb::UpdateCustomerRequest update;
  update.mutable_customer()->set_customer_id(id);
  update.mutable_customer()->mutable_address()->mutable_region()->set_province("上海市");
  update.mutable_customer()->mutable_address()->mutable_region()->set_city("上海市");
  update.mutable_update_mask()->add_paths("address");
  update.set_expected_revision(got.customer().revision());
  pb::UpdateCustomerResponse updated;
  ASSERT_TRUE(Call("adv1", &pb::CustomersService::Stub::UpdateCustomer, update, &updated).ok());
  EXPECT_EQ(updated.customer().address().region().city(), "上海市");
  EXPECT_EQ(updated.customer().national_id(), "110105********002X");  // untouched, still masked
  // The same expected revision again is stale now.
  EXPECT_EQ(Call("adv1", &pb::CustomersService::Stub::UpdateCustomer, update, &updated).error_code(),
            grpc::StatusCode::ABORTED);
  pb::CustomerFilter shanghai;
  shanghai.mutable_region()->set_city("上海市");
  EXPECT_EQ(Search(shanghai), (std::set<std::string>{id}));
}

TEST_F(CustomersRecordsTest, ReportsCountLoyaltyAndChurnLiveAndFromMonthEndSnapshots) {
  const auto [loyal_high, car_a] = Owner("13900000611", {2025, 1, 5}, {{2026, 10, 20}});
  const auto [lost, car_b] = Owner("13900000612", {2024, 1, 5}, {{2025, 6, 1}});
  const auto [active, car_c] = Owner("13900000613", {2026, 8, 1});
  pb::SetStaffFlagsRequest flags;
  flags.set_customer_id(loyal_high);
  flags.set_opinion_leader(true);
  pb::SetStaffFlagsResponse flagged;
  ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::SetStaffFlags, flags, &flagged).ok());
  pb::UpdateCustomerRequest reason;
  reason.mutable_customer()->set_customer_id(lost);
  reason.mutable_customer()->set_churn_reason(pb::CHURN_REASON_PRICE);
  reason.mutable_update_mask()->add_paths("churn_reason");
  pb::UpdateCustomerResponse updated;
  ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::UpdateCustomer, reason, &updated).ok());
  pb::CreateCustomerRequest prospect;  // no car: not counted among the store's customers
  prospect.set_store_id("S001");
  prospect.set_name("潜在客户");
  prospect.set_mobile("13900000614");
  pb::CreateCustomerResponse created;
  ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::CreateCustomer, prospect, &created).ok());
  DrainReclassification();

  auto loyalty = [&](const std::string& token, int first_month, int last_month, pb::GetLoyaltyReportResponse* out) {
    pb::GetLoyaltyReportRequest request;
    request.add_store_ids("S001");
    if (first_month != 0) {
      const auto first = customers::domain::Month{first_month / 100, first_month % 100};
      const auto last = customers::domain::Month{last_month / 100, last_month % 100};
      *request.mutable_period()->mutable_start_date() = events::ToProto(first.FirstDay());
      *request.mutable_period()->mutable_end_date() = events::ToProto(last.LastDay());
    }
    return Call(token, &pb::CustomersService::Stub::GetLoyaltyReport, request, out);
  };
  pb::GetLoyaltyReportResponse live;
  const grpc::Status live_status = loyalty("mgr1", 0, 0, &live);
  ASSERT_TRUE(live_status.ok()) << live_status.error_message();
  ASSERT_EQ(live.rows_size(), 1);
  EXPECT_EQ(live.rows(0).month(), "2026-11");
  EXPECT_EQ(live.rows(0).customer_count(), 3);
  EXPECT_EQ(live.rows(0).high_value_count(), 1);
  EXPECT_EQ(live.rows(0).active_count(), 2);
  EXPECT_EQ(live.rows(0).source(), pb::FIGURE_SOURCE_LIVE);
  // The share's base: customers held 12 months or more since delivery (August's car is not yet).
  EXPECT_EQ(live.rows(0).loyalty_base_count(), 2);
  EXPECT_EQ(live.rows(0).settling_months(), 12);
  EXPECT_EQ(live.rows(0).loyal_count(), 1);  // the active opinion leader, counted once; not the lost customer
  EXPECT_NEAR(live.rows(0).loyal_share_of_base(), 0.5, 1e-9);

  // No snapshot of October yet: rebuilt from the records; then the month-end job takes one per
  // store, once.
  pb::GetLoyaltyReportResponse october;
  const grpc::Status rebuilt = loyalty("mgr1", 202610, 202610, &october);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.error_message();
  EXPECT_EQ(october.rows(0).source(), pb::FIGURE_SOURCE_RECONSTRUCTED);
  EXPECT_EQ(october.rows(0).customer_count(), 3);
  EXPECT_EQ(app_.SnapshotDue(), 2);
  EXPECT_EQ(app_.SnapshotDue(), 0);
  ASSERT_TRUE(loyalty("mgr1", 202610, 202610, &october).ok());
  EXPECT_EQ(october.rows(0).source(), pb::FIGURE_SOURCE_SNAPSHOT);
  EXPECT_EQ(october.rows(0).customer_count(), 3);

  // December: the month-end job snapshots November (stages as of 30 Nov) as the month turns, before
  // anything new happens; then the lost customer comes back.
  clock_.Set(Shanghai().At(Date{2026, 12, 5}, TimeOfDay{10 * 60}));
  EXPECT_EQ(app_.SnapshotDue(), 2);
  pb::RecordServiceVisitRequest visit;
  visit.set_customer_id(lost);
  visit.set_vehicle_id(car_b);
  *visit.mutable_visit_date() = D(2026, 12, 5);
  visit.set_odometer_km(60000);
  visit.set_visit_type(pb::VISIT_TYPE_REPAIR);
  pb::RecordServiceVisitResponse recorded;
  ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::RecordServiceVisit, visit, &recorded).ok());
  DrainReclassification();
  EXPECT_EQ(app_.SnapshotDue(), 0);

  pb::GetChurnReportRequest churn_request;
  churn_request.add_store_ids("S001");
  *churn_request.mutable_period()->mutable_start_date() = D(2026, 11, 1);
  *churn_request.mutable_period()->mutable_end_date() = D(2026, 12, 31);
  pb::GetChurnReportResponse churn;
  ASSERT_TRUE(Call("mgr1", &pb::CustomersService::Stub::GetChurnReport, churn_request, &churn).ok());
  std::map<std::pair<std::string, int>, pb::ChurnReportRow> rows;
  for (const auto& row : churn.rows()) {
    rows[{row.month(), row.churn_stage()}] = row;
  }
  // 30 November (snapshot): one lost customer, with the price as recorded reason.
  EXPECT_EQ((rows[{"2026-11", pb::CHURN_STAGE_LOST}].customer_count()), 1);
  ASSERT_EQ((rows[{"2026-11", pb::CHURN_STAGE_LOST}].reasons_size()), 1);
  EXPECT_EQ((rows[{"2026-11", pb::CHURN_STAGE_LOST}].reasons(0).reason()), pb::CHURN_REASON_PRICE);
  EXPECT_EQ((rows[{"2026-11", pb::CHURN_STAGE_ACTIVE}].customer_count()), 2);
  // December (live): all three active; the comeback is counted as entered active and won back from lost.
  EXPECT_EQ((rows[{"2026-12", pb::CHURN_STAGE_ACTIVE}].customer_count()), 3);
  EXPECT_EQ((rows[{"2026-12", pb::CHURN_STAGE_ACTIVE}].entered_count()), 1);
  EXPECT_EQ((rows[{"2026-12", pb::CHURN_STAGE_LOST}].won_back_count()), 1);
  EXPECT_EQ((rows[{"2026-12", pb::CHURN_STAGE_LOST}].customer_count()), 0);

  // Managers read their own stores' reports; advisors and other stores' managers do not.
  pb::GetLoyaltyReportResponse denied;
  EXPECT_EQ(loyalty("adv1", 0, 0, &denied).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(loyalty("mgr2", 0, 0, &denied).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(loyalty("mgr1", 202701, 202701, &denied).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(CustomersRecordsTest, NoRoleOfOneStoreReadsOrChangesAnotherStoresRecords) {
  const auto [foreign, foreign_car] = Owner("13900000711", {2026, 1, 5}, {}, "S002");
  DrainReclassification();
  const std::string before =
      std::string(pool_->Acquire()->Run({"GET", customers::adapters::keys::Customer(foreign)}).Str());
  const std::string history_before =
      std::string(pool_->Acquire()->Run({"GET", customers::adapters::keys::History(foreign)}).Str());
  using Code = grpc::StatusCode;
  for (const std::string token : {"adv1", "mgr1", "clerk1"}) {
    SCOPED_TRACE(token);
    pb::UpdateCustomerRequest update;
    update.mutable_customer()->set_customer_id(foreign);
    update.mutable_customer()->set_occupation("教师");
    update.mutable_update_mask()->add_paths("occupation");
    pb::UpdateCustomerResponse updated;
    EXPECT_EQ(Call(token, &pb::CustomersService::Stub::UpdateCustomer, update, &updated).error_code(),
              Code::PERMISSION_DENIED);
    pb::RecordInsurancePolicyRequest policy;
    policy.set_customer_id(foreign);
    policy.set_vehicle_id(foreign_car);
    policy.set_insurer("中国人保");
    policy.set_policy_number("X1");
    *policy.mutable_start_date() = D(2026, 1, 5);
    *policy.mutable_end_date() = D(2027, 1, 4);
    pb::RecordInsurancePolicyResponse recorded;
    EXPECT_EQ(Call(token, &pb::CustomersService::Stub::RecordInsurancePolicy, policy, &recorded).error_code(),
              Code::PERMISSION_DENIED);
    pb::RecordComplaintRequest complaint;
    complaint.set_customer_id(foreign);
    complaint.set_severity(common_pb::COMPLAINT_SEVERITY_MAJOR);
    complaint.set_summary("x");
    *complaint.mutable_opened_date() = D(2026, 11, 1);
    pb::RecordComplaintResponse complained;
    EXPECT_EQ(Call(token, &pb::CustomersService::Stub::RecordComplaint, complaint, &complained).error_code(),
              Code::PERMISSION_DENIED);
    pb::SetStaffFlagsRequest flags;
    flags.set_customer_id(foreign);
    flags.set_fleet_customer(true);
    pb::SetStaffFlagsResponse flagged;
    EXPECT_EQ(Call(token, &pb::CustomersService::Stub::SetStaffFlags, flags, &flagged).error_code(),
              Code::PERMISSION_DENIED);
    pb::GetTimelineRequest timeline;
    timeline.set_customer_id(foreign);
    pb::GetTimelineResponse entries;
    EXPECT_EQ(Call(token, &pb::CustomersService::Stub::GetTimeline, timeline, &entries).error_code(),
              Code::PERMISSION_DENIED);
    pb::SearchCustomersRequest search;
    search.mutable_filter()->add_store_ids("S002");
    pb::SearchCustomersResponse found;
    EXPECT_EQ(Call(token, &pb::CustomersService::Stub::SearchCustomers, search, &found).error_code(),
              Code::PERMISSION_DENIED);
    // Searching without naming stores covers only the caller's own: the foreign customer never shows.
    search.clear_filter();
    if (Call(token, &pb::CustomersService::Stub::SearchCustomers, search, &found).ok()) {
      for (const auto& c : found.customers()) {
        EXPECT_NE(c.customer_id(), foreign);
      }
    }
    pb::GetChurnReportRequest report;
    report.add_store_ids("S002");
    pb::GetChurnReportResponse churn;
    EXPECT_EQ(Call(token, &pb::CustomersService::Stub::GetChurnReport, report, &churn).error_code(),
              Code::PERMISSION_DENIED);
  }
  EXPECT_EQ(std::string(pool_->Acquire()->Run({"GET", customers::adapters::keys::Customer(foreign)}).Str()), before);
  EXPECT_EQ(std::string(pool_->Acquire()->Run({"GET", customers::adapters::keys::History(foreign)}).Str()),
            history_before);
  // The store's own manager reads its report; an admin reads everything.
  pb::GetChurnReportRequest report;
  report.add_store_ids("S002");
  pb::GetChurnReportResponse churn;
  EXPECT_TRUE(Call("mgr2", &pb::CustomersService::Stub::GetChurnReport, report, &churn).ok());
  EXPECT_TRUE(Call("admin", &pb::CustomersService::Stub::GetChurnReport, report, &churn).ok());
}

}  // namespace
}  // namespace careloop

namespace careloop {
namespace {

class CustomersVisitMergeTest : public testing::CustomersServerFixture {
 protected:
  CustomersVisitMergeTest() : CustomersServerFixture(kDb, kKey) {}
};

// A visit the advisor recorded and the DMS export of it (same car, same day, same type) are one
// visit on Redis too: the repeat completes it once, and the same entry again writes nothing —
// no second ServiceVisitRecorded, so no second survey.
TEST_F(CustomersVisitMergeTest, TheSameVisitTwiceIsOneVisitAndOneEvent) {
  pb::CreateCustomerRequest create;
  create.set_store_id("S001");
  create.set_name("王小明");
  create.set_mobile("13912340001");
  pb::CreateCustomerResponse created;
  ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::CreateCustomer, create, &created).ok());
  pb::AddVehicleRequest car;
  car.set_customer_id(created.customer().customer_id());
  car.set_vin("LSVAM4186R2184847");
  car.set_plate("京A12345");
  car.set_model("瑶光");
  *car.mutable_delivery_date() = D(2026, 5, 1);
  pb::AddVehicleResponse added;
  ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::AddVehicle, car, &added).ok());

  pb::RecordServiceVisitRequest visit;
  visit.set_customer_id(created.customer().customer_id());
  visit.set_vehicle_id(added.vehicle().vehicle_id());
  *visit.mutable_visit_date() = D(2026, 11, 20);
  visit.set_odometer_km(6000);
  visit.set_visit_type(pb::VISIT_TYPE_REGULAR_MAINTENANCE);
  auto outbox_length = [&] { return pool_->Acquire()->Run({"XLEN", customers::adapters::keys::kOutbox}).Integer(); };
  pb::RecordServiceVisitResponse first;
  ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::RecordServiceVisit, visit, &first).ok());
  visit.set_repair_order_number("RO-07");
  pb::RecordServiceVisitResponse completed;
  ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::RecordServiceVisit, visit, &completed).ok());
  EXPECT_EQ(completed.visit().visit_id(), first.visit().visit_id());
  EXPECT_EQ(completed.visit().repair_order_number(), "RO-07");
  const auto before_repeat = outbox_length();
  pb::RecordServiceVisitResponse repeated;
  ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::RecordServiceVisit, visit, &repeated).ok());
  EXPECT_EQ(repeated.visit().visit_id(), first.visit().visit_id());
  EXPECT_EQ(outbox_length(), before_repeat);  // nothing written, nothing announced

  pb::GetTimelineRequest timeline_request;
  timeline_request.set_customer_id(created.customer().customer_id());
  pb::GetTimelineResponse timeline;
  ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::GetTimeline, timeline_request, &timeline).ok());
  int visits = 0;
  for (const auto& entry : timeline.entries()) {
    visits += entry.has_visit() ? 1 : 0;
  }
  EXPECT_EQ(visits, 1);
}

}  // namespace
}  // namespace careloop
