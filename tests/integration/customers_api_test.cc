// The customers gRPC API end to end inside one process: real gRPC server and channel, real
// redis-server; bad input, authentication and store scoping.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "careloop/customer/v1/events.pb.h"
#include "common/events/proto_event.h"
#include "services/customers/adapters/redis_keys.h"
#include "tests/integration/customers_fixture.h"

namespace careloop {
namespace {

namespace pb = careloop::customer::v1;
constexpr int kDb = 3;

using testing::Shanghai;

class CustomersApiTest : public testing::CustomersServerFixture {
 protected:
  CustomersApiTest() : CustomersServerFixture(kDb) {}

  grpc::Status Create(const std::string& token, const std::string& store, const std::string& mobile,
                      pb::CreateCustomerResponse* response) {
    grpc::ClientContext context;
    if (!token.empty()) {
      grpcx::AddBearer(context, token);
    }
    pb::CreateCustomerRequest request;
    request.set_store_id(store);
    request.set_name("王小明");
    request.set_mobile(mobile);
    request.set_gender(pb::GENDER_MALE);
    return stub_->CreateCustomer(&context, request, response);
  }

  long long KeyCount() { return pool_->Acquire()->Run({"DBSIZE"}).Integer(); }

  grpc::Status AddCar(const std::string& token, const std::string& customer_id, const std::string& vin,
                      const std::string& plate, pb::AddVehicleResponse* response) {
    grpc::ClientContext context;
    grpcx::AddBearer(context, token);
    pb::AddVehicleRequest request;
    request.set_customer_id(customer_id);
    request.set_vin(vin);
    request.set_plate(plate);
    request.set_model("星途瑶光");
    *request.mutable_delivery_date() = events::ToProto(Date{2026, 9, 3});
    return stub_->AddVehicle(&context, request, response);
  }
};

TEST_F(CustomersApiTest, CreateStoresRecordIndexesAndOneOutboxEvent) {
  pb::CreateCustomerResponse created;
  ASSERT_TRUE(Create("adv1", "S001", "+86 139-1234-5678", &created).ok());
  EXPECT_EQ(created.customer().mobile(), "13912345678");
  auto connection = pool_->Acquire();
  EXPECT_EQ(connection->Run({"GET", customers::adapters::keys::ByMobile("13912345678")}).Str(),
            created.customer().customer_id());
  EXPECT_EQ(connection->Run({"XLEN", customers::adapters::keys::kOutbox}).Integer(), 1);
}

TEST_F(CustomersApiTest, MissingOrUnknownTokenIsUnauthenticated) {
  pb::CreateCustomerResponse created;
  EXPECT_EQ(Create("", "S001", "13912345678", &created).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Create("not-a-token", "S001", "13912345678", &created).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(KeyCount(), 0);
}

TEST_F(CustomersApiTest, InvalidPhoneAndUnknownStoreAreInvalidArgumentNamingTheFieldAndStoreNothing) {
  pb::CreateCustomerResponse created;
  grpc::Status bad_phone = Create("admin", "S001", "010-88886666", &created);
  EXPECT_EQ(bad_phone.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad_phone.error_message().rfind("mobile:", 0), 0u) << bad_phone.error_message();
  grpc::Status bad_store = Create("admin", "S404", "13912345678", &created);
  EXPECT_EQ(bad_store.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad_store.error_message().rfind("store_id:", 0), 0u) << bad_store.error_message();
  EXPECT_EQ(KeyCount(), 0);
}

TEST_F(CustomersApiTest, AdvisorCannotCreateOrReadAnotherStoresCustomers) {
  pb::CreateCustomerResponse created;
  EXPECT_EQ(Create("adv2", "S001", "13912345678", &created).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Create("adv1", "S001", "13912345678", &created).ok());
  grpc::ClientContext context;
  grpcx::AddBearer(context, "adv2");
  pb::GetCustomerRequest request;
  request.set_customer_id(created.customer().customer_id());
  pb::GetCustomerResponse response;
  EXPECT_EQ(stub_->GetCustomer(&context, request, &response).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_FALSE(response.has_customer());
}

TEST_F(CustomersApiTest, DuplicateMobileIsAlreadyExistsButARepeatedRequestIdIsIdempotent) {
  pb::CreateCustomerResponse first;
  ASSERT_TRUE(Create("admin", "S001", "13912345678", &first).ok());
  pb::CreateCustomerResponse second;
  EXPECT_EQ(Create("admin", "S001", "13912345678", &second).error_code(), grpc::StatusCode::ALREADY_EXISTS);

  pb::CreateCustomerRequest request;
  request.set_store_id("S001");
  request.set_name("李娜");
  request.set_mobile("13700001111");
  request.set_request_id("import-line-7");
  pb::CreateCustomerResponse a;
  pb::CreateCustomerResponse b;
  grpc::ClientContext c1;
  grpcx::AddBearer(c1, "admin");
  ASSERT_TRUE(stub_->CreateCustomer(&c1, request, &a).ok());
  grpc::ClientContext c2;
  grpcx::AddBearer(c2, "admin");
  ASSERT_TRUE(stub_->CreateCustomer(&c2, request, &b).ok());
  EXPECT_EQ(a.customer().customer_id(), b.customer().customer_id());
  EXPECT_EQ(pool_->Acquire()->Run({"XLEN", customers::adapters::keys::kOutbox}).Integer(), 2);
}

TEST_F(CustomersApiTest, InvalidVinIsRejectedAndTheRecordIsUnchanged) {
  pb::CreateCustomerResponse created;
  ASSERT_TRUE(Create("adv1", "S001", "13912345678", &created).ok());
  const std::string before = std::string(
      pool_->Acquire()->Run({"GET", customers::adapters::keys::Customer(created.customer().customer_id())}).Str());
  grpc::ClientContext context;
  grpcx::AddBearer(context, "adv1");
  pb::AddVehicleRequest request;
  request.set_customer_id(created.customer().customer_id());
  request.set_vin("LSVAM4187R2184847");  // wrong check digit
  request.set_plate("京A12345");
  request.set_model("星途瑶光");
  *request.mutable_delivery_date() = events::ToProto(Date{2026, 9, 3});
  pb::AddVehicleResponse response;
  grpc::Status status = stub_->AddVehicle(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("vin:", 0), 0u) << status.error_message();
  EXPECT_EQ(pool_->Acquire()->Run({"GET", customers::adapters::keys::Customer(created.customer().customer_id())}).Str(),
            before);
  EXPECT_EQ(pool_->Acquire()->Run({"XLEN", customers::adapters::keys::kOutbox}).Integer(), 1);
}

TEST_F(CustomersApiTest, VehicleDeliveredEventCarriesNoPersonalData) {
  pb::CreateCustomerResponse created;
  ASSERT_TRUE(Create("adv1", "S001", "13912345678", &created).ok());
  pb::AddVehicleResponse response;
  ASSERT_TRUE(AddCar("adv1", created.customer().customer_id(), "LSVAM4186R2184847", "京A12345", &response).ok());
  redis::Reply entries = pool_->Acquire()->Run({"XRANGE", customers::adapters::keys::kOutbox, "-", "+"});
  ASSERT_EQ(entries.Size(), 2u);
  const redisReply* fields = entries.Element(1)->element[1];
  std::string data;
  for (size_t i = 0; i + 1 < fields->elements; i += 2) {
    if (redis::ElementStr(fields->element[i]) == "data") {
      data = redis::ElementStr(fields->element[i + 1]);
    }
  }
  pb::VehicleDelivered delivered;
  ASSERT_TRUE(delivered.ParseFromString(data));
  EXPECT_EQ(delivered.vin(), "LSVAM4186R2184847");
  EXPECT_EQ(data.find("13912345678"), std::string::npos);
  EXPECT_EQ(data.find("王小明"), std::string::npos);
}

TEST_F(CustomersApiTest, GetContactIsForServiceIdentitiesOnly) {
  pb::CreateCustomerResponse created;
  ASSERT_TRUE(Create("adv1", "S001", "13912345678", &created).ok());
  pb::GetContactRequest request;
  request.set_customer_id(created.customer().customer_id());
  pb::GetContactResponse response;
  grpc::ClientContext as_advisor;
  grpcx::AddBearer(as_advisor, "adv1");
  EXPECT_EQ(stub_->GetContact(&as_advisor, request, &response).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  grpc::ClientContext as_service;
  grpcx::AddBearer(as_service, "svc");
  ASSERT_TRUE(stub_->GetContact(&as_service, request, &response).ok());
  EXPECT_EQ(response.mobile(), "13912345678");
}

TEST_F(CustomersApiTest, FindByMobilePlateOrVinAsPeopleTypeThem) {
  pb::CreateCustomerResponse created;
  ASSERT_TRUE(Create("adv1", "S001", "13912345678", &created).ok());
  pb::AddVehicleResponse added;
  ASSERT_TRUE(AddCar("adv1", created.customer().customer_id(), "LSVAM4186R2184847", "粤BD12345", &added).ok());

  auto find = [&](const std::string& token, auto set_key) {
    grpc::ClientContext context;
    grpcx::AddBearer(context, token);
    pb::FindCustomerRequest request;
    set_key(request);
    pb::FindCustomerResponse response;
    grpc::Status status = stub_->FindCustomer(&context, request, &response);
    return std::make_pair(status, response);
  };
  auto [by_mobile, r1] = find("adv1", [](auto& r) { r.set_mobile("+86 139-1234-5678"); });
  ASSERT_TRUE(by_mobile.ok()) << by_mobile.error_message();
  EXPECT_EQ(r1.customers(0).customer_id(), created.customer().customer_id());
  auto [by_plate, r2] = find("adv1", [](auto& r) { r.set_plate("粤b·d12345"); });
  EXPECT_TRUE(by_plate.ok()) << by_plate.error_message();
  auto [by_vin, r3] = find("adv1", [](auto& r) { r.set_vin("lsvam4186r2184847"); });
  EXPECT_TRUE(by_vin.ok()) << by_vin.error_message();
  // Another store's advisor learns nothing, not even that the customer exists.
  auto [other_store, r4] = find("adv2", [](auto& r) { r.set_mobile("13912345678"); });
  EXPECT_EQ(other_store.error_code(), grpc::StatusCode::NOT_FOUND);
  auto [bad, r5] = find("adv1", [](auto& r) { r.set_vin("NOT-A-VIN"); });
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad.error_message().rfind("vin:", 0), 0u);
}

pb::ImportRow Delivery(int line, const std::string& name, const std::string& mobile, const std::string& vin,
                       const std::string& plate, Date delivered) {
  pb::ImportRow row;
  row.set_line_number(line);
  row.set_name(name);
  row.set_mobile(mobile);
  row.set_vin(vin);
  row.set_plate(plate);
  row.set_model("星途瑶光");
  *row.mutable_delivery_date() = events::ToProto(delivered);
  return row;
}

TEST_F(CustomersApiTest, ImportMergesByVinOrMobileAndAReimportChangesNothing) {
  const std::vector<pb::ImportRow> rows = {
      Delivery(2, "王小明", "13912345678", "LSVAM4186R2184847", "京A12345", {2026, 9, 3}),
      Delivery(3, "王小明", "+86 139 1234 5678", "LGBH52E04RY012345", "京C11111", {2026, 10, 1}),  // same person
      Delivery(4, "王小明", "13912345678", "lsvam4186r2184847", "京A12345", {2026, 9, 3}),         // same line again
      Delivery(5, "赵六", "12345", "LSGGF53W2RH123456", "京D22222", {2026, 9, 10}),                // bad mobile
      Delivery(6, "孙八", "13800003333", "1M8GDM9AXKP042788", "京F44444", {2027, 1, 1}),           // in the future
  };
  auto run = [&](const std::string& token, pb::ImportRowsResponse* response) {
    grpc::ClientContext context;
    grpcx::AddBearer(context, token);
    auto writer = stub_->ImportRows(&context, response);
    pb::ImportRowsRequest request;
    request.mutable_header()->set_store_id("S001");
    request.mutable_header()->set_kind(pb::IMPORT_KIND_SALES);
    writer->Write(request);
    for (const auto& row : rows) {
      *request.mutable_row() = row;
      writer->Write(request);
    }
    writer->WritesDone();
    return writer->Finish();
  };
  pb::ImportRowsResponse first;
  ASSERT_TRUE(run("admin", &first).ok());
  EXPECT_EQ(first.rows_total(), 5);
  EXPECT_EQ(first.rows_created(), 1);
  EXPECT_EQ(first.rows_merged(), 1);
  EXPECT_EQ(first.rows_unchanged(), 1);
  EXPECT_EQ(first.rows_rejected(), 2);
  ASSERT_EQ(first.lines_size(), 5);  // every line, the created one with what it made
  EXPECT_EQ(first.lines(0).line_number(), 2);
  EXPECT_EQ(first.lines(0).outcome(), pb::IMPORT_LINE_OUTCOME_CREATED);
  EXPECT_FALSE(first.lines(0).customer_id().empty());
  EXPECT_FALSE(first.lines(0).vehicle_id().empty());
  EXPECT_EQ(first.lines(1).customer_id(), first.lines(0).customer_id());  // merged into the same person
  EXPECT_EQ(first.lines(3).line_number(), 5);
  EXPECT_EQ(first.lines(3).violations(0).field(), "mobile");
  EXPECT_EQ(first.lines(4).violations(0).field(), "delivery_date");
  const long long outbox_after_first = pool_->Acquire()->Run({"XLEN", customers::adapters::keys::kOutbox}).Integer();
  EXPECT_EQ(outbox_after_first, 3);  // CustomerCreated + two VehicleDelivered

  pb::ImportRowsResponse second;
  ASSERT_TRUE(run("admin", &second).ok());
  EXPECT_EQ(second.rows_created(), 0);
  EXPECT_EQ(second.rows_merged(), 0);
  EXPECT_EQ(second.rows_unchanged(), 3);
  EXPECT_EQ(second.rows_rejected(), 2);
  EXPECT_EQ(pool_->Acquire()->Run({"XLEN", customers::adapters::keys::kOutbox}).Integer(), outbox_after_first);

  pb::ImportRowsResponse as_advisor;
  EXPECT_EQ(run("adv1", &as_advisor).error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(CustomersApiTest, ClassificationFollowsChangesAndTimeAndPublishesOnlyOnChange) {
  pb::CreateCustomerResponse created;
  ASSERT_TRUE(Create("adv1", "S001", "13912345678", &created).ok());
  const std::string id = created.customer().customer_id();
  pb::AddVehicleResponse added;
  ASSERT_TRUE(AddCar("adv1", id, "LSVAM4186R2184847", "京A12345", &added).ok());

  auto outbox_types = [&] {
    std::vector<std::string> types;
    redis::Reply entries = pool_->Acquire()->Run({"XRANGE", customers::adapters::keys::kOutbox, "-", "+"});
    for (size_t i = 0; i < entries.Size(); ++i) {
      const redisReply* fields = entries.Element(i)->element[1];
      for (size_t f = 0; f + 1 < fields->elements; f += 2) {
        if (redis::ElementStr(fields->element[f]) == "type") {
          types.emplace_back(redis::ElementStr(fields->element[f + 1]));
        }
      }
    }
    return std::count(types.begin(), types.end(), "careloop.customer.v1.CustomerSegmentChanged");
  };
  auto churn_of = [&] {
    auto customer = redis_store_.records.Find(id);
    return customer && customer->classification
               ? std::string(customers::domain::ChurnStageName(customer->classification->churn))
               : std::string("none");
  };

  EXPECT_EQ(app_.ReclassifyDue(), 1);  // queued by the changes themselves
  EXPECT_EQ(churn_of(), "active");
  EXPECT_EQ(outbox_types(), 1);
  EXPECT_EQ(app_.ReclassifyDue(), 0);  // nothing due until time moves it
  EXPECT_EQ(
      pool_->Acquire()->Run({"SISMEMBER", customers::adapters::keys::Facet("S001", "tier", "standard"), id}).Integer(),
      1);

  // Six months after delivery (no visit since) the customer is at risk: one event, indexes moved.
  clock_.Set(Shanghai().StartOfDay(Date{2027, 3, 3}));
  EXPECT_EQ(app_.ReclassifyDue(), 1);
  EXPECT_EQ(churn_of(), "at_risk");
  EXPECT_EQ(outbox_types(), 2);
  {
    grpc::ClientContext count_context;
    grpcx::AddBearer(count_context, "adv1");
    pb::CountSegmentsRequest request;
    request.add_group_by(pb::SEGMENT_DIMENSION_CHURN_STAGE);
    request.add_group_by(pb::SEGMENT_DIMENSION_VALUE_TIER);
    pb::CountSegmentsResponse counted;
    ASSERT_TRUE(stub_->CountSegments(&count_context, request, &counted).ok());
    EXPECT_EQ(counted.total_count(), 1);
    ASSERT_EQ(counted.counts_size(), 1);
    EXPECT_EQ(counted.counts(0).churn_stage(), pb::CHURN_STAGE_AT_RISK);
    EXPECT_EQ(counted.counts(0).value_tier(), pb::VALUE_TIER_STANDARD);
    EXPECT_EQ(counted.counts(0).customer_count(), 1);
    grpc::ClientContext other_context;
    grpcx::AddBearer(other_context, "adv2");
    request.mutable_filter()->add_store_ids("S001");
    EXPECT_EQ(stub_->CountSegments(&other_context, request, &counted).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  for (auto [stage, expected] : {std::pair{pb::CHURN_STAGE_ACTIVE, 0}, std::pair{pb::CHURN_STAGE_AT_RISK, 1}}) {
    grpc::ClientContext search_context;
    grpcx::AddBearer(search_context, "adv1");
    pb::SearchCustomersRequest search;
    search.mutable_filter()->add_churn_stages(stage);
    pb::SearchCustomersResponse found;
    ASSERT_TRUE(stub_->SearchCustomers(&search_context, search, &found).ok());
    EXPECT_EQ(found.page().total_count(), expected) << pb::ChurnStage_Name(stage);
  }

  // A visit makes the customer active again; a reclassification that finds nothing new publishes nothing.
  grpc::ClientContext visit_context;
  grpcx::AddBearer(visit_context, "adv1");
  pb::RecordServiceVisitRequest visit;
  visit.set_customer_id(id);
  visit.set_vehicle_id(added.vehicle().vehicle_id());
  *visit.mutable_visit_date() = events::ToProto(Date{2027, 3, 3});
  visit.set_odometer_km(6000);
  visit.set_visit_type(pb::VISIT_TYPE_REGULAR_MAINTENANCE);
  pb::RecordServiceVisitResponse recorded;
  ASSERT_TRUE(stub_->RecordServiceVisit(&visit_context, visit, &recorded).ok());
  EXPECT_EQ(app_.ReclassifyDue(), 1);
  EXPECT_EQ(churn_of(), "active");
  EXPECT_EQ(outbox_types(), 3);
}

// Every role of store S001 against a customer of store S002, and each role's own rights: no
// role reads or changes another store's data, and service identities read contacts only.
TEST_F(CustomersApiTest, AccessMatrixNoRoleCrossesStores) {
  pb::CreateCustomerResponse other;
  ASSERT_TRUE(Create("admin", "S002", "13700009999", &other).ok());
  const std::string foreign = other.customer().customer_id();
  using Code = grpc::StatusCode;
  struct Case {
    std::string token;
    Code get, add_vehicle, find, contact, import_s002, count_s002;
  };
  const std::vector<Case> cases = {
      {"admin", Code::OK, Code::OK, Code::OK, Code::OK, Code::OK, Code::OK},
      {"mgr1", Code::PERMISSION_DENIED, Code::PERMISSION_DENIED, Code::NOT_FOUND, Code::PERMISSION_DENIED,
       Code::PERMISSION_DENIED, Code::PERMISSION_DENIED},
      {"adv1", Code::PERMISSION_DENIED, Code::PERMISSION_DENIED, Code::NOT_FOUND, Code::PERMISSION_DENIED,
       Code::PERMISSION_DENIED, Code::PERMISSION_DENIED},
      {"clerk1", Code::PERMISSION_DENIED, Code::PERMISSION_DENIED, Code::NOT_FOUND, Code::PERMISSION_DENIED,
       Code::PERMISSION_DENIED, Code::PERMISSION_DENIED},
      // Service identities read records (reminders) and contacts, and match a reply's sender by
      // mobile (dispatch), nothing else.
      {"svc", Code::OK, Code::PERMISSION_DENIED, Code::OK, Code::OK, Code::PERMISSION_DENIED, Code::PERMISSION_DENIED},
  };
  int vin_serial = 0;
  const std::vector<std::string> vins = {"LSVAM4186R2184847", "LFV2A21K9R3056721"};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.token);
    auto context = [&] {
      auto ctx = std::make_unique<grpc::ClientContext>();
      grpcx::AddBearer(*ctx, c.token);
      return ctx;
    };
    pb::GetCustomerRequest get;
    get.set_customer_id(foreign);
    pb::GetCustomerResponse got;
    EXPECT_EQ(stub_->GetCustomer(context().get(), get, &got).error_code(), c.get);

    pb::AddVehicleRequest add;
    add.set_customer_id(foreign);
    add.set_vin(c.add_vehicle == Code::OK ? vins[vin_serial++] : vins.back());
    add.set_plate("沪A88888");
    add.set_model("星途追风");
    *add.mutable_delivery_date() = events::ToProto(Date{2026, 9, 3});
    pb::AddVehicleResponse added;
    EXPECT_EQ(stub_->AddVehicle(context().get(), add, &added).error_code(), c.add_vehicle);

    pb::FindCustomerRequest find;
    find.set_mobile("13700009999");
    pb::FindCustomerResponse found;
    EXPECT_EQ(stub_->FindCustomer(context().get(), find, &found).error_code(), c.find);

    pb::GetContactRequest contact;
    contact.set_customer_id(foreign);
    pb::GetContactResponse contacted;
    EXPECT_EQ(stub_->GetContact(context().get(), contact, &contacted).error_code(), c.contact);

    pb::ImportRowsResponse imported;
    auto ctx = context();
    auto writer = stub_->ImportRows(ctx.get(), &imported);
    pb::ImportRowsRequest header;
    header.mutable_header()->set_store_id("S002");
    header.mutable_header()->set_kind(pb::IMPORT_KIND_SALES);
    writer->Write(header);
    writer->WritesDone();
    EXPECT_EQ(writer->Finish().error_code(), c.import_s002);

    pb::CountSegmentsRequest count;
    count.mutable_filter()->add_store_ids("S002");
    pb::CountSegmentsResponse counted;
    EXPECT_EQ(stub_->CountSegments(context().get(), count, &counted).error_code(), c.count_s002);
  }
  // Within its own store each staff role works; the clerk imports, the advisor may not.
  pb::CreateCustomerResponse mine;
  EXPECT_TRUE(Create("clerk1", "S001", "13600001111", &mine).ok());
  pb::GetCustomerRequest get_mine;
  get_mine.set_customer_id(mine.customer().customer_id());
  pb::GetCustomerResponse got_mine;
  for (const char* token : {"mgr1", "adv1", "clerk1"}) {
    grpc::ClientContext ctx;
    grpcx::AddBearer(ctx, token);
    EXPECT_TRUE(stub_->GetCustomer(&ctx, get_mine, &got_mine).ok()) << token;
  }
  for (const auto& [token, expected] : std::vector<std::pair<std::string, Code>>{
           {"clerk1", Code::OK}, {"mgr1", Code::OK}, {"adv1", Code::PERMISSION_DENIED}}) {
    grpc::ClientContext ctx;
    grpcx::AddBearer(ctx, token);
    pb::ImportRowsResponse imported;
    auto writer = stub_->ImportRows(&ctx, &imported);
    pb::ImportRowsRequest header;
    header.mutable_header()->set_store_id("S001");
    header.mutable_header()->set_kind(pb::IMPORT_KIND_SALES);
    writer->Write(header);
    writer->WritesDone();
    EXPECT_EQ(writer->Finish().error_code(), expected) << token;
  }
}

TEST_F(CustomersApiTest, ConsentChangeIsRecordedPublishedOnceAndSeenByDispatch) {
  pb::CreateCustomerResponse created;
  ASSERT_TRUE(Create("adv1", "S001", "13912345678", &created).ok());
  const std::string id = created.customer().customer_id();
  auto set = [&](pb::ConsentState state, pb::SetConsentResponse* response) {
    grpc::ClientContext context;
    grpcx::AddBearer(context, "adv1");
    pb::SetConsentRequest request;
    request.set_customer_id(id);
    request.set_channel(careloop::common::v1::CHANNEL_SMS);
    request.set_state(state);
    request.set_source("paper-form");
    return stub_->SetConsent(&context, request, response);
  };
  auto outbox_length = [&] { return pool_->Acquire()->Run({"XLEN", customers::adapters::keys::kOutbox}).Integer(); };
  const long long before = outbox_length();
  pb::SetConsentResponse response;
  ASSERT_TRUE(set(pb::CONSENT_STATE_DENIED, &response).ok());
  EXPECT_EQ(response.consent().state(), pb::CONSENT_STATE_DENIED);
  EXPECT_EQ(response.consent().source(), "paper-form");
  EXPECT_EQ(outbox_length(), before + 1);
  ASSERT_TRUE(set(pb::CONSENT_STATE_DENIED, &response).ok());  // the same again: nothing new
  EXPECT_EQ(outbox_length(), before + 1);
  EXPECT_EQ(pool_->Acquire()->Run({"LLEN", customers::adapters::keys::ConsentLog(id)}).Integer(), 1);
  EXPECT_EQ(set(pb::CONSENT_STATE_UNSPECIFIED, &response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  grpc::ClientContext as_service;
  grpcx::AddBearer(as_service, "svc");
  pb::GetContactRequest contact_request;
  contact_request.set_customer_id(id);
  pb::GetContactResponse contact;
  ASSERT_TRUE(stub_->GetContact(&as_service, contact_request, &contact).ok());
  bool sms_denied = false;
  for (const auto& consent : contact.consents()) {
    sms_denied |= consent.channel() == careloop::common::v1::CHANNEL_SMS && consent.state() == pb::CONSENT_STATE_DENIED;
  }
  EXPECT_TRUE(sms_denied);
}

}  // namespace
}  // namespace careloop
