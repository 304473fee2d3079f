// CustomersApp over the shared in-memory fakes of its ports (tests/fakes/customers_fakes.h) and
// a manual clock: the access table, imports storing visits by the same rule as RecordVisit, and
// opt-out replies that are never lost.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "careloop/common/v1/types.pb.h"
#include "careloop/dispatch/v1/events.pb.h"
#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "common/events/proto_event.h"
#include "services/customers/adapters/dispatch_events.h"
#include "services/customers/adapters/proto_mapping.h"
#include "services/customers/app/customers_app.h"
#include "services/customers/domain/record_update.h"
#include "services/customers/domain/segments.h"
#include "tests/fakes/customers_fakes.h"

namespace careloop::customers::app {
namespace {

using auth::Principal;
using auth::Role;

constexpr const char* kVin = "LSVAM4186R2184847";

Principal Staff(Role role, const std::string& store = "S001") {
  return Principal{"staff-" + store, role, {store}, false};
}

class CustomersAppTest : public ::testing::Test {
 protected:
  CustomersAppTest()
      : clock_(*ParseRfc3339("2026-12-01T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"},
                 {"S002", "星途汽车天津河西店", "星途汽车河西店", "Asia/Shanghai", "022-85556666"}}),
        app_(store_.ports(), clock_, stores_) {
    store_.records.now = clock_.Now();
  }

  // A customer of S001 with one car delivered on 2026-01-10; returns the customer id.
  std::string CustomerWithCar() {
    auto customer = app_.CreateCustomer(Staff(Role::kAdvisor), {"S001", "王小明", "13912345678"}, "");
    EXPECT_TRUE(customer.ok());
    domain::NewVehicle car;
    car.vin = kVin;
    car.plate = "京A12345";
    car.model = "星途瑶光";
    car.delivery_date = {2026, 1, 10};
    auto vehicle = app_.AddVehicle(Staff(Role::kAdvisor), customer->customer_id, car);
    EXPECT_TRUE(vehicle.ok()) << (vehicle.ok() ? "" : vehicle.error().ToString());
    vehicle_id_ = vehicle.ok() ? vehicle->vehicle_id : "";
    return customer->customer_id;
  }

  domain::VisitRow VisitRowOn(Date date, int km) const {
    domain::VisitRow row;
    row.vin = kVin;
    row.visit.visit_date = date;
    row.visit.odometer_km = km;
    row.visit.visit_type = domain::VisitType::kRegularMaintenance;
    return row;
  }

  const domain::Vehicle& Car(const std::string& customer_id) {
    return *store_.records.records.at(customer_id).FindVehicle(vehicle_id_);
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  testing::FakeCustomerStore store_;
  CustomersApp app_;
  std::string vehicle_id_;
};

TEST_F(CustomersAppTest, ImportedVisitsMoveTheOdometerAndEstimateLikeRecordedVisits) {
  const std::string id = CustomerWithCar();
  const Principal clerk = Staff(Role::kClerk);
  ASSERT_EQ(app_.ImportVisit(clerk, VisitRowOn({2026, 6, 1}, 1000)).kind, ImportOutcome::Kind::kCreated);
  ASSERT_EQ(app_.ImportVisit(clerk, VisitRowOn({2026, 9, 9}, 6000)).kind, ImportOutcome::Kind::kCreated);
  EXPECT_EQ(Car(id).odometer_km, 6000);
  EXPECT_EQ(Car(id).odometer_date, (Date{2026, 9, 9}));
  EXPECT_DOUBLE_EQ(Car(id).estimated_km_per_day, 50.0);  // 5000 km in 100 days
  EXPECT_EQ(store_.records.records.at(id).last_visit_date, (Date{2026, 9, 9}));

  // A line whose odometer runs backwards is refused as RecordVisit refuses it, and changes nothing.
  const ImportOutcome backwards = app_.ImportVisit(clerk, VisitRowOn({2026, 3, 1}, 500));
  ASSERT_EQ(backwards.kind, ImportOutcome::Kind::kRejected);
  EXPECT_EQ(backwards.error->field, "odometer_km");
  EXPECT_EQ(Car(id).odometer_km, 6000);
  EXPECT_EQ(Car(id).odometer_date, (Date{2026, 9, 9}));
  EXPECT_EQ(store_.records.records.at(id).last_visit_date, (Date{2026, 9, 9}));

  // The same line again changes nothing.
  EXPECT_EQ(app_.ImportVisit(clerk, VisitRowOn({2026, 9, 9}, 6000)).kind, ImportOutcome::Kind::kUnchanged);
  EXPECT_EQ(store_.records.histories.at(id).visits.size(), 2u);
}

TEST_F(CustomersAppTest, TheSameVisitEnteredTwiceIsOneVisit) {
  const std::string id = CustomerWithCar();
  domain::NewVisit by_advisor;
  by_advisor.vehicle_id = vehicle_id_;
  by_advisor.visit_date = {2026, 11, 20};
  by_advisor.odometer_km = 6000;
  by_advisor.visit_type = domain::VisitType::kRegularMaintenance;
  by_advisor.advisor = "sa-li";
  auto recorded = app_.RecordVisit(Staff(Role::kAdvisor), id, by_advisor, "");
  ASSERT_TRUE(recorded.ok()) << recorded.error().ToString();

  // The DMS export of the same visit: same car, same day, same type, with the repair order.
  domain::VisitRow from_dms = VisitRowOn({2026, 11, 20}, 5990);
  from_dms.visit.repair_order_number = "RO-2026-1120-07";
  from_dms.visit.amount_fen = 68'000;
  EXPECT_EQ(app_.ImportVisit(Staff(Role::kClerk), from_dms).kind, ImportOutcome::Kind::kUnchanged);
  const auto& visits = store_.records.histories.at(id).visits;
  ASSERT_EQ(visits.size(), 1u);
  EXPECT_EQ(visits[0].visit_id, recorded->visit_id);
  EXPECT_EQ(visits[0].advisor, "sa-li");                        // the first record's values stand
  EXPECT_EQ(visits[0].odometer_km, 6000);                       // the higher reading of the day
  EXPECT_EQ(visits[0].repair_order_number, "RO-2026-1120-07");  // what the repeat adds is kept
  EXPECT_EQ(visits[0].amount_fen, 68'000);

  // Entered a third time with nothing new: nothing is written or announced.
  const size_t announced = store_.records.published.size();
  auto again = app_.RecordVisit(Staff(Role::kAdvisor), id, by_advisor, "");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->visit_id, recorded->visit_id);
  EXPECT_EQ(store_.records.published.size(), announced);

  // Another kind of work on the same day is another visit.
  by_advisor.visit_type = domain::VisitType::kRepair;
  ASSERT_TRUE(app_.RecordVisit(Staff(Role::kAdvisor), id, by_advisor, "").ok());
  EXPECT_EQ(store_.records.histories.at(id).visits.size(), 2u);
}

TEST_F(CustomersAppTest, AMaintenanceThatDoesNotSayWhichIsTheFreeMaintenanceNotYetDone) {
  const std::string id = CustomerWithCar();  // delivered 2026-01-10
  const Principal clerk = Staff(Role::kClerk);
  domain::VisitRow row = VisitRowOn({2026, 1, 15}, 980);  // "保养" five days after delivery
  row.visit.visit_type = domain::VisitType::kMaintenance;
  ASSERT_EQ(app_.ImportVisit(clerk, row).kind, ImportOutcome::Kind::kCreated);
  row.visit.visit_date = {2026, 7, 1};
  row.visit.odometer_km = 7000;
  ASSERT_EQ(app_.ImportVisit(clerk, row).kind, ImportOutcome::Kind::kCreated);
  row.visit.visit_date = {2026, 11, 20};
  row.visit.odometer_km = 12000;
  ASSERT_EQ(app_.ImportVisit(clerk, row).kind, ImportOutcome::Kind::kCreated);
  std::vector<domain::VisitType> types;
  for (const auto& visit : store_.records.histories.at(id).visits) {
    types.push_back(visit.visit_type);
  }
  EXPECT_EQ(types, (std::vector<domain::VisitType>{domain::VisitType::kFirstFreeMaintenance,
                                                   domain::VisitType::kSecondFreeMaintenance,
                                                   domain::VisitType::kRegularMaintenance}));
  // The same "保养" entered again is the same visit, not the next maintenance.
  row.visit.visit_date = {2026, 1, 15};
  row.visit.odometer_km = 980;
  row.visit.repair_order_number = "RO-1";
  EXPECT_EQ(app_.ImportVisit(clerk, row).kind, ImportOutcome::Kind::kUnchanged);
  EXPECT_EQ(store_.records.histories.at(id).visits.size(), 3u);
}

TEST_F(CustomersAppTest, AnImportedDeliveryKeepsTheCustomersProfileThroughTheWire) {
  domain::DeliveryRow row;
  row.customer = {"", "张伟", "13912345678", domain::Gender::kFemale, {1990, 8, 15}};
  row.customer.profile.birthday_is_lunar = true;
  row.customer.profile.address = {"浙江省", "杭州市", "西湖区", "文三路 90 号"};
  row.customer.profile.occupation = "教师";
  row.customer.profile.purchase_purpose = domain::PurchasePurpose::kBusiness;
  row.vehicle.vin = kVin;
  row.vehicle.plate = "浙A12345";
  row.vehicle.model = "星途瑶光";
  row.vehicle.delivery_date = {2026, 10, 1};
  // careloopctl encodes the parsed row, the API decodes it (services/customers/adapters/proto_mapping.h).
  auto decoded = adapters::DeliveryRowOf(adapters::ToProto(7, row));
  ASSERT_TRUE(decoded.ok()) << decoded.error().ToString();
  const ImportOutcome outcome = app_.ImportDelivery(Staff(Role::kClerk), "S001", decoded.value());
  ASSERT_EQ(outcome.kind, ImportOutcome::Kind::kCreated) << (outcome.error ? outcome.error->ToString() : "");
  const domain::Customer& record = store_.records.records.at(outcome.customer_id);
  EXPECT_EQ(record.gender, domain::Gender::kFemale);
  EXPECT_EQ(record.birthday, (Date{1990, 8, 15}));
  EXPECT_TRUE(record.profile.birthday_is_lunar);
  EXPECT_EQ(record.profile.address.city, "杭州市");
  EXPECT_EQ(record.profile.address.street, "文三路 90 号");
  EXPECT_EQ(record.profile.occupation, "教师");
  EXPECT_EQ(record.profile.purchase_purpose, domain::PurchasePurpose::kBusiness);
}

TEST_F(CustomersAppTest, OptOutReplyDeniesConsentOnItsChannel) {
  const std::string id = CustomerWithCar();
  const domain::ContactEntry reply{"in-1", domain::Channel::kSms, true, "replied: opt-out", clock_.Now()};
  ASSERT_TRUE(app_.OnContact(id, reply, true).ok());
  const auto& consents = store_.records.records.at(id).consents;
  const auto sms =
      std::find_if(consents.begin(), consents.end(), [](const auto& c) { return c.channel == domain::Channel::kSms; });
  ASSERT_NE(sms, consents.end());
  EXPECT_EQ(sms->state, domain::ConsentState::kDenied);
  EXPECT_EQ(sms->source, "reply:sms");
  EXPECT_EQ(store_.contacts.Contacts(id).size(), 1u);
}

TEST_F(CustomersAppTest, OptOutThatCannotBeStoredIsReportedNotDropped) {
  const std::string id = CustomerWithCar();
  store_.records.fail_next_consent_change = Error{ErrorCode::kUnavailable, "", "redis down"};
  const domain::ContactEntry reply{"in-1", domain::Channel::kSms, true, "replied: opt-out", clock_.Now()};
  const Status status = app_.OnContact(id, reply, true);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(status.error().IsRetryable());
  // The retry (the consumer redelivers the event) stores it; the contact is still kept once.
  ASSERT_TRUE(app_.OnContact(id, reply, true).ok());
  EXPECT_EQ(store_.records.consent_log.at(id).size(), 1u);
  EXPECT_EQ(store_.contacts.Contacts(id).size(), 1u);
}

TEST_F(CustomersAppTest, OptOutEventIsRetriedWhenConsentCannotBeChanged) {
  const std::string id = CustomerWithCar();
  const adapters::DispatchEventHandler handler(app_);
  careloop::dispatch::v1::InboundReplyReceived reply;
  reply.set_inbound_id("in-1");
  reply.set_customer_id(id);
  reply.set_channel(careloop::common::v1::CHANNEL_SMS);
  reply.set_classification(careloop::dispatch::v1::REPLY_CLASSIFICATION_OPT_OUT);
  *reply.mutable_received_at() = events::ToTimestamp(clock_.Now());
  const auto event = events::MakeEvent(reply, "/careloop/dispatch", id, "evt-1", clock_.Now());

  store_.records.fail_next_consent_change = Error{ErrorCode::kUnavailable, "", "redis down"};
  EXPECT_EQ(handler(event).outcome, kafka::HandlerResult::Outcome::kRetry);
  EXPECT_TRUE(store_.records.consent_log[id].empty());
  EXPECT_EQ(handler(event).outcome, kafka::HandlerResult::Outcome::kDone);
  EXPECT_EQ(store_.records.consent_log[id].size(), 1u);

  // A consent change that can never succeed is dead-lettered with its reason, not acknowledged.
  store_.records.fail_next_consent_change = Error{ErrorCode::kFailedPrecondition, "national_id", "no key"};
  const auto result = handler(events::MakeEvent(reply, "/careloop/dispatch", id, "evt-2", clock_.Now()));
  EXPECT_EQ(result.outcome, kafka::HandlerResult::Outcome::kPoison);
  EXPECT_EQ(result.reason, "national_id: no key");
}

TEST_F(CustomersAppTest, AccessTableDecidesWhoMayCallWhat) {
  const std::string id = CustomerWithCar();
  EXPECT_EQ(app_.SetStaffFlags(Staff(Role::kClerk), id, true, std::nullopt, "").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(app_.SetStaffFlags(Staff(Role::kAdvisor), id, true, std::nullopt, "").ok());
  EXPECT_EQ(app_.Figures(Staff(Role::kAdvisor), {}, std::nullopt).error().code, ErrorCode::kPermissionDenied);
  const Principal service{"dispatch", Role::kService, {}, true};
  EXPECT_TRUE(app_.GetCustomer(service, id).ok());  // the reminders service reads records
  EXPECT_TRUE(app_.GetContact(service, id).ok());
  EXPECT_TRUE(app_.FindCustomer(service, "13912345678", "", "").ok());
  EXPECT_EQ(app_.GetContact(Staff(Role::kAdvisor), id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(app_.CheckImport(Staff(Role::kAdvisor), "S001").error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(app_.CheckImport(Staff(Role::kClerk), "S001").ok());
  // Another store's record is out of reach whatever the role.
  EXPECT_EQ(app_.GetCustomer(Staff(Role::kManager, "S002"), id).error().code, ErrorCode::kPermissionDenied);
}

TEST_F(CustomersAppTest, CountSegmentsAddsUpEachGroupAcrossStores) {
  store_.search.totals = {{"S001", 3}, {"S002", 4}};
  const Principal admin{"admin", Role::kAdmin, {}, true};
  int64_t total = 0;
  auto counts = app_.CountSegments(admin, {}, {SegmentDimension::kValueTier}, &total);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(total, 7);
  ASSERT_EQ(counts->size(), 2u);  // high and standard, each summed over both stores
  EXPECT_EQ((*counts)[0].value_tier, "high");
  EXPECT_EQ((*counts)[0].customers, 7);
  EXPECT_EQ((*counts)[0].store_id, "");
  // 2 store totals + 2 tiers x 2 stores, in one search.
  EXPECT_EQ(store_.search.asked.size(), 6u);
}

TEST_F(CustomersAppTest, ReclassifyDueClassifiesAChangedCustomerOnce) {
  const std::string id = CustomerWithCar();
  EXPECT_EQ(app_.ReclassifyDue(100), 1);
  const auto& stored = store_.records.records.at(id).classification;
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->churn, domain::ChurnStage::kLapsing);  // delivered 2026-01-10, no visit since: 10 months
  EXPECT_EQ(testing::IdsOf(store_.records.published, "CustomerSegmentChanged"), std::vector<std::string>{id});
  EXPECT_TRUE(store_.records.leased.empty());
  // Nothing changed since: nothing to claim until the classification's own next change.
  EXPECT_EQ(app_.ReclassifyDue(100), 0);
  ASSERT_EQ(store_.records.reclassify.count(id), 1u);
  EXPECT_GT(store_.records.reclassify.at(id), clock_.Now());
}

TEST(SegmentGroups, AValueTheFilterRulesOutMakesNoGroup) {
  domain::CustomerFilter lost_only;
  lost_only.churn_stages = {domain::ChurnStage::kLost};
  const auto groups = domain::SegmentGroups(lost_only, {SegmentDimension::kChurnStage});
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].key.churn, domain::ChurnStage::kLost);
  EXPECT_EQ(domain::SegmentGroups({}, {SegmentDimension::kChurnStage, SegmentDimension::kLifecycleStage}).size(), 25u);
}

TEST(RecordUpdate, AFieldWithACommandOfItsOwnIsRefusedAndNothingChanges) {
  domain::Customer record;
  record.name = "王小明";
  domain::Customer values;
  values.name = "王大明";
  auto changed = domain::ApplyFieldUpdates(record, values, {"name", "consents"}, {2026, 12, 1});
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.error().field, "update_mask");
  EXPECT_EQ(record.name, "王小明");
  changed = domain::ApplyFieldUpdates(record, values, {"name", "name"}, {2026, 12, 1});
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed.value(), std::vector<std::string>{"name"});
  EXPECT_EQ(record.name, "王大明");
}

}  // namespace
}  // namespace careloop::customers::app
