// Enum values a client sends to the customers API: protobuf enums are open, so any int can
// arrive. A value outside the contract (or UNSPECIFIED where one is required) is INVALID_ARGUMENT
// naming the field, and nothing is stored.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "common/events/proto_event.h"
#include "services/customers/domain/validation.h"
#include "tests/integration/customers_fixture.h"

namespace careloop {
namespace {

namespace pb = careloop::customer::v1;
namespace common_pb = careloop::common::v1;
constexpr int kDb = 9;

// Values no version of the contract defines.
constexpr int kUnknown = 99;
constexpr int kNegative = -1;

// INVALID_ARGUMENT whose message starts with "<field>: " and names the value sent.
::testing::AssertionResult RejectedNaming(const grpc::Status& status, const std::string& field, int value) {
  if (status.error_code() != grpc::StatusCode::INVALID_ARGUMENT) {
    return ::testing::AssertionFailure() << "code " << status.error_code() << " (" << status.error_message()
                                         << "), want INVALID_ARGUMENT naming " << field;
  }
  if (status.error_message().rfind(field + ": ", 0) != 0 ||
      status.error_message().find(std::to_string(value)) == std::string::npos) {
    return ::testing::AssertionFailure() << "message '" << status.error_message() << "' does not start with '" << field
                                         << ": ' and name " << value;
  }
  return ::testing::AssertionSuccess();
}

class CustomersEnumInputTest : public testing::CustomersServerFixture {
 protected:
  CustomersEnumInputTest() : CustomersServerFixture(kDb) {}

  void SetUp() override {
    pb::CreateCustomerRequest create;
    create.set_store_id("S001");
    create.set_name("王小明");
    create.set_mobile("13912345678");
    create.set_gender(pb::GENDER_MALE);
    create.mutable_details()->set_purchase_purpose(pb::PURCHASE_PURPOSE_PRIVATE);
    pb::CreateCustomerResponse created;
    ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::CreateCustomer, create, &created).ok());
    customer_id_ = created.customer().customer_id();
    pb::AddVehicleRequest car;
    car.set_customer_id(customer_id_);
    std::string vin = "LVVDB11B0RD100001";
    vin[8] = customers::domain::VinCheckDigit(vin);
    car.set_vin(vin);
    car.set_plate("京A12345");
    car.set_model("星途瑶光");
    *car.mutable_delivery_date() = events::ToProto(Date{2026, 9, 3});
    pb::AddVehicleResponse added;
    ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::AddVehicle, car, &added).ok());
    vin_ = vin;
    vehicle_id_ = added.vehicle().vehicle_id();
    before_ = Snapshot();
  }

  // Every key of the service's database with its serialized value: "nothing changed" means equal.
  std::map<std::string, std::string> Snapshot() {
    std::map<std::string, std::string> out;
    auto connection = pool_->Acquire();
    redis::Reply keys = connection->Run({"KEYS", "*"});
    for (size_t i = 0; i < keys.Size(); ++i) {
      const std::string key(redis::ElementStr(keys.Element(i)));
      out[key] = std::string(connection->Run({"DUMP", key}).Str());
    }
    return out;
  }

  // The keys a rejected request added, removed or changed since SetUp: none.
  void ExpectNothingChanged() {
    const std::map<std::string, std::string> after = Snapshot();
    std::vector<std::string> changed;
    for (const auto& [key, value] : after) {
      if (!before_.contains(key) || before_.at(key) != value) {
        changed.push_back(key);
      }
    }
    for (const auto& [key, value] : before_) {
      if (!after.contains(key)) {
        changed.push_back(key);
      }
    }
    EXPECT_TRUE(changed.empty()) << "a rejected request changed " << ::testing::PrintToString(changed);
  }

  grpc::Status Search(const pb::CustomerFilter& filter) {
    pb::SearchCustomersRequest request;
    *request.mutable_filter() = filter;
    pb::SearchCustomersResponse response;
    return Call("admin", &pb::CustomersService::Stub::SearchCustomers, request, &response);
  }

  grpc::Status Update(const pb::Customer& values, const std::string& path) {
    pb::UpdateCustomerRequest request;
    *request.mutable_customer() = values;
    request.mutable_customer()->set_customer_id(customer_id_);
    request.mutable_update_mask()->add_paths(path);
    pb::UpdateCustomerResponse response;
    return Call("admin", &pb::CustomersService::Stub::UpdateCustomer, request, &response);
  }

  pb::RecordPackageRequest Package() const {
    pb::RecordPackageRequest request;
    request.set_customer_id(customer_id_);
    request.set_vehicle_id(vehicle_id_);
    request.set_kind(pb::PACKAGE_KIND_OIL);
    request.set_display_name("两年四次保养套餐");
    *request.mutable_purchase_date() = events::ToProto(Date{2026, 10, 1});
    *request.mutable_valid_until() = events::ToProto(Date{2028, 9, 30});
    request.set_services_total(4);
    return request;
  }

  pb::RecordComplaintRequest Complaint() const {
    pb::RecordComplaintRequest request;
    request.set_customer_id(customer_id_);
    request.set_vehicle_id(vehicle_id_);
    request.set_severity(common_pb::COMPLAINT_SEVERITY_MINOR);
    request.set_summary("等待时间过长");
    *request.mutable_opened_date() = events::ToProto(Date{2026, 11, 1});
    return request;
  }

  std::string customer_id_;
  std::string vehicle_id_;
  std::string vin_;
  std::map<std::string, std::string> before_;
};

TEST_F(CustomersEnumInputTest, UnknownValuesInASearchFilterAreRejectedNamingTheList) {
  for (int value : {kUnknown, kNegative}) {
    pb::CustomerFilter churn;
    churn.add_churn_stages(pb::CHURN_STAGE_ACTIVE);
    churn.add_churn_stages(static_cast<pb::ChurnStage>(value));
    EXPECT_TRUE(RejectedNaming(Search(churn), "filter.churn_stages", value));

    pb::CustomerFilter lifecycle;
    lifecycle.add_lifecycle_stages(static_cast<pb::LifecycleStage>(value));
    EXPECT_TRUE(RejectedNaming(Search(lifecycle), "filter.lifecycle_stages", value));

    pb::CustomerFilter criteria;
    criteria.add_value_criteria(static_cast<pb::ValueCriterion>(value));
    EXPECT_TRUE(RejectedNaming(Search(criteria), "filter.value_criteria", value));

    pb::CustomerFilter purposes;
    purposes.add_purchase_purposes(static_cast<pb::PurchasePurpose>(value));
    EXPECT_TRUE(RejectedNaming(Search(purposes), "filter.purchase_purposes", value));

    pb::CustomerFilter tiers;
    tiers.add_value_tiers(static_cast<pb::ValueTier>(value));
    EXPECT_TRUE(RejectedNaming(Search(tiers), "filter.value_tiers", value));

    pb::CustomerFilter consents;
    auto* consent = consents.add_consents();
    consent->set_channel(common_pb::CHANNEL_SMS);
    consent->set_state(static_cast<pb::ConsentState>(value));
    EXPECT_TRUE(RejectedNaming(Search(consents), "filter.consents.state", value));

    pb::CountSegmentsRequest count;
    count.mutable_filter()->add_churn_stages(static_cast<pb::ChurnStage>(value));
    pb::CountSegmentsResponse counted;
    EXPECT_TRUE(RejectedNaming(Call("admin", &pb::CustomersService::Stub::CountSegments, count, &counted),
                               "filter.churn_stages", value));
  }
}

TEST_F(CustomersEnumInputTest, UnknownTimelineKindIsRejected) {
  pb::GetTimelineRequest request;
  request.set_customer_id(customer_id_);
  request.add_kinds(pb::TIMELINE_ENTRY_KIND_VEHICLE);
  request.add_kinds(static_cast<pb::TimelineEntryKind>(kUnknown));
  pb::GetTimelineResponse response;
  EXPECT_TRUE(
      RejectedNaming(Call("admin", &pb::CustomersService::Stub::GetTimeline, request, &response), "kinds", kUnknown));
  EXPECT_EQ(response.entries_size(), 0);
}

TEST_F(CustomersEnumInputTest, PackageOfUnknownKindIsRejectedAndNothingIsStored) {
  for (int value : {kUnknown, kNegative}) {
    pb::RecordPackageRequest request = Package();
    request.set_kind(static_cast<pb::PackageKind>(value));
    pb::RecordPackageResponse response;
    EXPECT_TRUE(
        RejectedNaming(Call("admin", &pb::CustomersService::Stub::RecordPackage, request, &response), "kind", value));
    EXPECT_FALSE(response.has_prepaid_package());
  }
  ExpectNothingChanged();
  pb::RecordPackageResponse accepted;
  EXPECT_TRUE(Call("admin", &pb::CustomersService::Stub::RecordPackage, Package(), &accepted).ok());
  EXPECT_EQ(accepted.prepaid_package().kind(), pb::PACKAGE_KIND_OIL);
}

TEST_F(CustomersEnumInputTest, ComplaintWithUnknownOutcomeOrSeverityIsRejectedAndNothingIsStored) {
  pb::RecordComplaintRequest outcome = Complaint();
  outcome.set_outcome(static_cast<pb::ComplaintOutcome>(kUnknown));
  *outcome.mutable_closed_date() = events::ToProto(Date{2026, 11, 10});
  pb::RecordComplaintResponse response;
  EXPECT_TRUE(RejectedNaming(Call("admin", &pb::CustomersService::Stub::RecordComplaint, outcome, &response), "outcome",
                             kUnknown));
  pb::RecordComplaintRequest severity = Complaint();
  severity.set_severity(static_cast<common_pb::ComplaintSeverity>(kUnknown));
  EXPECT_TRUE(RejectedNaming(Call("admin", &pb::CustomersService::Stub::RecordComplaint, severity, &response),
                             "severity", kUnknown));
  ExpectNothingChanged();
  // An unset outcome still means "open".
  EXPECT_TRUE(Call("admin", &pb::CustomersService::Stub::RecordComplaint, Complaint(), &response).ok());
  EXPECT_EQ(response.complaint().outcome(), pb::COMPLAINT_OUTCOME_OPEN);
}

TEST_F(CustomersEnumInputTest, PurchaseOfUnknownKindIsRejected) {
  pb::RecordPurchaseRequest request;
  request.set_customer_id(customer_id_);
  request.set_vehicle_id(vehicle_id_);
  request.set_kind(static_cast<pb::PurchaseKind>(kUnknown));
  pb::RecordPurchaseResponse response;
  EXPECT_TRUE(
      RejectedNaming(Call("admin", &pb::CustomersService::Stub::RecordPurchase, request, &response), "kind", kUnknown));
  ExpectNothingChanged();
}

TEST_F(CustomersEnumInputTest, UpdateWithUnknownGenderPurposeOrChurnReasonIsRejectedAndTheRecordIsUnchanged) {
  pb::Customer gender;
  gender.set_gender(static_cast<pb::Gender>(kUnknown));
  EXPECT_TRUE(RejectedNaming(Update(gender, "gender"), "customer.gender", kUnknown));
  pb::Customer purpose;
  purpose.set_purchase_purpose(static_cast<pb::PurchasePurpose>(kUnknown));
  EXPECT_TRUE(RejectedNaming(Update(purpose, "purchase_purpose"), "customer.purchase_purpose", kUnknown));
  pb::Customer reason;
  reason.set_churn_reason(static_cast<pb::ChurnReason>(kNegative));
  EXPECT_TRUE(RejectedNaming(Update(reason, "churn_reason"), "customer.churn_reason", kNegative));
  ExpectNothingChanged();

  pb::Customer valid;
  valid.set_churn_reason(pb::CHURN_REASON_MOVED_AWAY);
  ASSERT_TRUE(Update(valid, "churn_reason").ok());
  pb::GetCustomerRequest get;
  get.set_customer_id(customer_id_);
  pb::GetCustomerResponse got;
  ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::GetCustomer, get, &got).ok());
  EXPECT_EQ(got.customer().churn_reason(), pb::CHURN_REASON_MOVED_AWAY);
  EXPECT_EQ(got.customer().purchase_purpose(), pb::PURCHASE_PURPOSE_PRIVATE);
  EXPECT_EQ(got.customer().gender(), pb::GENDER_MALE);
}

TEST_F(CustomersEnumInputTest, CreateWithUnknownGenderOrPurposeIsRejectedAndNothingIsStored) {
  pb::CreateCustomerRequest create;
  create.set_store_id("S001");
  create.set_name("李娜");
  create.set_mobile("13700001111");
  create.set_gender(static_cast<pb::Gender>(kUnknown));
  pb::CreateCustomerResponse created;
  EXPECT_TRUE(
      RejectedNaming(Call("admin", &pb::CustomersService::Stub::CreateCustomer, create, &created), "gender", kUnknown));
  create.set_gender(pb::GENDER_FEMALE);
  create.mutable_details()->set_purchase_purpose(static_cast<pb::PurchasePurpose>(kNegative));
  EXPECT_TRUE(RejectedNaming(Call("admin", &pb::CustomersService::Stub::CreateCustomer, create, &created),
                             "details.purchase_purpose", kNegative));
  ExpectNothingChanged();
}

TEST_F(CustomersEnumInputTest, VisitOfUnknownTypeAndConsentOfUnknownStateAreRejected) {
  pb::RecordServiceVisitRequest visit;
  visit.set_customer_id(customer_id_);
  visit.set_vehicle_id(vehicle_id_);
  *visit.mutable_visit_date() = events::ToProto(Date{2026, 11, 20});
  visit.set_odometer_km(5000);
  visit.set_visit_type(static_cast<pb::VisitType>(kUnknown));
  pb::RecordServiceVisitResponse recorded;
  EXPECT_TRUE(RejectedNaming(Call("admin", &pb::CustomersService::Stub::RecordServiceVisit, visit, &recorded),
                             "visit_type", kUnknown));

  pb::SetConsentRequest consent;
  consent.set_customer_id(customer_id_);
  consent.set_channel(common_pb::CHANNEL_SMS);
  consent.set_state(static_cast<pb::ConsentState>(kUnknown));
  pb::SetConsentResponse set;
  EXPECT_TRUE(RejectedNaming(Call("admin", &pb::CustomersService::Stub::SetConsent, consent, &set), "state", kUnknown));
  ExpectNothingChanged();
}

TEST_F(CustomersEnumInputTest, ImportLineOfUnknownVisitTypeIsRejectedNamingTheField) {
  grpc::ClientContext context;
  grpcx::AddBearer(context, "admin");
  pb::ImportRowsResponse response;
  auto writer = stub_->ImportRows(&context, &response);
  pb::ImportRowsRequest header;
  header.mutable_header()->set_store_id("S001");
  header.mutable_header()->set_kind(pb::IMPORT_KIND_AFTER_SALES);
  ASSERT_TRUE(writer->Write(header));
  pb::ImportRowsRequest line;
  auto* row = line.mutable_row();
  row->set_line_number(2);
  row->set_vin(vin_);
  *row->mutable_visit_date() = events::ToProto(Date{2026, 11, 20});
  row->set_odometer_km(5000);
  row->set_visit_type(static_cast<pb::VisitType>(kUnknown));
  ASSERT_TRUE(writer->Write(line));
  ASSERT_TRUE(writer->WritesDone());
  const grpc::Status status = writer->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.rows_rejected(), 1);
  ASSERT_EQ(response.lines_size(), 1);
  EXPECT_EQ(response.lines(0).outcome(), pb::IMPORT_LINE_OUTCOME_REJECTED);
  ASSERT_EQ(response.lines(0).violations_size(), 1);
  EXPECT_EQ(response.lines(0).violations(0).field(), "visit_type");
  EXPECT_NE(response.lines(0).violations(0).reason().find(std::to_string(kUnknown)), std::string::npos)
      << response.lines(0).violations(0).reason();
  ExpectNothingChanged();
}

}  // namespace
}  // namespace careloop
