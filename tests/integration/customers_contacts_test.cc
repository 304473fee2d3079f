// GetContacts: many customers' contact details in one call, served by the customers service over
// the real Redis repository (database 29), as dispatch's GrpcContactDirectory::LookupMany asks
// for them: the found ones in order, the unknown ids listed; store-scoped service tokens see only
// their stores' customers; too many ids or an empty id is INVALID_ARGUMENT naming the field.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/dispatch/adapters/grpc_contact_directory.h"
#include "tests/integration/customers_fixture.h"

namespace careloop {
namespace {

namespace pb = careloop::customer::v1;

constexpr int kDb = 29;

class CustomersContactsTest : public testing::CustomersServerFixture {
 protected:
  CustomersContactsTest() : CustomersServerFixture(kDb) {}

  std::string Create(const std::string& token, const std::string& store, const std::string& mobile) {
    grpc::ClientContext context;
    grpcx::AddBearer(context, token);
    pb::CreateCustomerRequest request;
    request.set_store_id(store);
    request.set_name("王小明");
    request.set_mobile(mobile);
    request.set_gender(pb::GENDER_MALE);
    pb::CreateCustomerResponse response;
    const grpc::Status status = stub_->CreateCustomer(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.customer().customer_id();
  }

  grpc::Status Contacts(const std::string& token, const std::vector<std::string>& ids, pb::GetContactsResponse* out) {
    pb::GetContactsRequest request;
    for (const auto& id : ids) {
      request.add_customer_ids(id);
    }
    return Call(token, &pb::CustomersService::Stub::GetContacts, request, out);
  }
};

TEST_F(CustomersContactsTest, AServiceGetsTheContactsInOrderAndTheIdsNobodyHas) {
  const std::string a = Create("adv1", "S001", "13900000001");
  const std::string b = Create("adv2", "S002", "13900000002");
  const std::string c = Create("adv1", "S001", "13900000003");
  pb::GetContactsResponse response;
  const grpc::Status status = Contacts("svc", {c, "cus-missing", a, b, a}, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.contacts_size(), 3);
  EXPECT_EQ(response.contacts(0).customer_id(), c);
  EXPECT_EQ(response.contacts(0).mobile(), "13900000003");
  EXPECT_EQ(response.contacts(1).customer_id(), a);
  EXPECT_EQ(response.contacts(2).customer_id(), b);
  EXPECT_EQ(response.contacts(2).store_id(), "S002");
  ASSERT_EQ(response.not_found_customer_ids_size(), 1);
  EXPECT_EQ(response.not_found_customer_ids(0), "cus-missing");
}

TEST_F(CustomersContactsTest, AStoreScopedServiceSeesOnlyItsStoresAndStaffNone) {
  const std::string mine = Create("adv1", "S001", "13900000001");
  const std::string theirs = Create("adv2", "S002", "13900000002");
  pb::GetContactsResponse response;
  EXPECT_TRUE(Contacts("svc1", {mine}, &response).ok());
  const grpc::Status foreign = Contacts("svc1", {mine, theirs}, &response);
  EXPECT_EQ(foreign.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(foreign.error_message().find(theirs), std::string::npos);
  EXPECT_EQ(Contacts("adv1", {mine}, &response).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Contacts("", {mine}, &response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(CustomersContactsTest, TooManyIdsOrAnEmptyOneIsRefusedNamingTheField) {
  pb::GetContactsResponse response;
  const grpc::Status none = Contacts("svc", {}, &response);
  EXPECT_EQ(none.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(none.error_message().find("customer_ids"), std::string::npos);
  const grpc::Status too_many = Contacts("svc", std::vector<std::string>(501, "cus-x"), &response);
  EXPECT_EQ(too_many.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(too_many.error_message().find("customer_ids"), std::string::npos);
  EXPECT_NE(too_many.error_message().find("500"), std::string::npos);
  const grpc::Status empty = Contacts("svc", {"cus-a", ""}, &response);
  EXPECT_EQ(empty.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(empty.error_message().find("customer_ids[1]"), std::string::npos);
  EXPECT_TRUE(Contacts("svc", std::vector<std::string>(500, "cus-x"), &response).ok());
}

TEST_F(CustomersContactsTest, DispatchsDirectoryLooksManyUpInCallsOfFiveHundred) {
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(Create("adv1", "S001", "1390000000" + std::to_string(i)));
  }
  for (int i = 0; i < 600; ++i) {
    ids.push_back("cus-none-" + std::to_string(i));  // more than one call's worth
  }
  dispatch::adapters::GrpcContactDirectory directory("127.0.0.1:" + std::to_string(server_.port()), "svc");
  auto batch = directory.LookupMany(ids);
  ASSERT_TRUE(batch.ok()) << batch.error().ToString();
  ASSERT_EQ(batch->found.size(), 3U);
  EXPECT_EQ(batch->found[1].customer_id, ids[1]);
  EXPECT_EQ(batch->found[1].mobile, "13900000001");
  EXPECT_EQ(batch->found[1].store_id, "S001");
  EXPECT_EQ(batch->not_found.size(), 600U);
  dispatch::adapters::GrpcContactDirectory staff("127.0.0.1:" + std::to_string(server_.port()), "adv1");
  EXPECT_EQ(staff.LookupMany({ids[0]}).error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace careloop
