// ListMessages a page at a time against a real redis-server (database 31), served over gRPC in
// this process: more messages than one page holds (the old 500 cap), newest first, pages pinned
// to the listing's start (a message created meanwhile shifts nothing), a bad token refused
// naming the field, and careloopctl's `message list` reading every page.
#include <gtest/gtest.h>

#include <limits>
#include <set>
#include <string>

#include "careloop/dispatch/v1/dispatch_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/dispatch/adapters/grpc_api.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/dispatch/adapters/redis_message_pages.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/integration/careloopctl_run.h"
#include "tests/integration/customers_fixture.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/session.h"

namespace careloop {
namespace {

constexpr int kDb = 31;
constexpr int kMessages = 620;
namespace dv1 = careloop::dispatch::v1;

using testing::CtlRun;

class DispatchMessagePagesTest : public ::testing::Test {
 protected:
  DispatchMessagePagesTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(*ParseRfc3339("2026-11-01T09:00:00+08:00")),
        stores_({{"S001", "朝阳店", "星途汽车朝阳店", "Asia/Shanghai", ""}}),
        authenticator_({testing::Token("admin", "admin", {"*"})}),
        ledger_(*pool_, clock_),
        pages_(*pool_),
        app_(ledger_, directory_, causes_, sms_, clock_, stores_, dispatch::domain::DefaultTemplates(), {}),
        api_(app_, grpcx::HandlerContext{authenticator_, metrics_}),
        server_(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&api_}) {
    app_.UseMessagePages(pages_);
    // Three messages a second: a page boundary falls among messages created at the same time.
    for (int i = 0; i < kMessages; ++i) {
      Add("msg-" + std::to_string(10000 + i), clock_.Now() + Millis{int64_t{i / 3} * 1000});
    }
  }
  ~DispatchMessagePagesTest() override { server_.Shutdown(std::chrono::milliseconds(100)); }

  void Add(const std::string& id, Instant created_at) {
    dispatch::domain::Message message;
    message.message_id = id;
    message.customer_id = "cus-1";
    message.store_id = "S001";
    message.channel = "sms";
    message.status = dispatch::domain::MessageStatus::kSuppressed;
    message.suppression = dispatch::domain::Suppression::kNoConsent;
    message.created_at = created_at;
    ledger_.Suppress(message);
  }

  grpc::Status List(const std::string& token, int size, dv1::ListMessagesResponse& response) {
    auto stub = dv1::DispatchService::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(server_.port()), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    grpcx::AddBearer(context, "admin");
    dv1::ListMessagesRequest request;
    request.set_store_id("S001");
    request.mutable_page()->set_page_size(size);
    request.mutable_page()->set_page_token(token);
    return stub->ListMessages(&context, request, &response);
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  auth::TokenAuthenticator authenticator_;
  metrics::Registry metrics_;
  dispatch::adapters::RedisMessageLedger ledger_;
  dispatch::adapters::RedisMessagePages pages_;
  careloop::testing::FakeContactDirectory directory_;
  careloop::testing::FakeCauseCheck causes_;
  careloop::testing::FakeSmsSender sms_;
  dispatch::app::DispatchApp app_;
  dispatch::adapters::DispatchApi api_;
  grpcx::Server server_;
};

TEST_F(DispatchMessagePagesTest, PagesCoverEveryMessageOnceNewestFirstAndStayPinnedToTheirStart) {
  dv1::ListMessagesResponse first;
  ASSERT_TRUE(List("", 500, first).ok());
  EXPECT_EQ(first.messages_size(), 500);
  EXPECT_EQ(first.page().total_count(), kMessages);
  ASSERT_FALSE(first.page().next_page_token().empty());
  EXPECT_EQ(first.messages(0).message_id(), "msg-" + std::to_string(10000 + kMessages - 1));  // newest first

  clock_.Advance(Millis{3'600'000});
  Add("msg-later", clock_.Now());  // created while the client pages: not in this listing

  std::set<std::string> seen;
  std::int64_t previous = std::numeric_limits<std::int64_t>::max();
  dv1::ListMessagesResponse page = first;
  for (int pages = 1;; ++pages) {
    for (const auto& message : page.messages()) {
      EXPECT_TRUE(seen.insert(message.message_id()).second) << "twice: " << message.message_id();
      EXPECT_LE(message.created_at().seconds(), previous);
      previous = message.created_at().seconds();
    }
    if (page.page().next_page_token().empty()) {
      EXPECT_EQ(pages, 7);  // 500, then 6 pages of 21 (the last holds 15)
      break;
    }
    const std::string token = page.page().next_page_token();
    page.Clear();
    ASSERT_TRUE(List(token, 21, page).ok());
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kMessages));
  EXPECT_FALSE(seen.contains("msg-later"));

  dv1::ListMessagesResponse fresh;  // a new listing starts with it
  ASSERT_TRUE(List("", 0, fresh).ok());
  EXPECT_EQ(fresh.messages_size(), 50);  // the default page
  EXPECT_EQ(fresh.messages(0).message_id(), "msg-later");
  EXPECT_EQ(fresh.page().total_count(), kMessages + 1);
}

TEST_F(DispatchMessagePagesTest, ABadTokenOrPageSizeIsRefusedNamingTheField) {
  dv1::ListMessagesResponse response;
  const grpc::Status token = List("not-a-token", 10, response);
  EXPECT_EQ(token.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(token.error_message().find("page.page_token"), std::string::npos) << token.error_message();
  const grpc::Status size = List("", -1, response);
  EXPECT_EQ(size.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(size.error_message().find("page.page_size"), std::string::npos) << size.error_message();
}

TEST_F(DispatchMessagePagesTest, CareloopctlMessageListReadsEveryPage) {
  const CtlRun listed =
      testing::RunCtl([](CLI::App& app, ctl::Session& session) { ctl::AddListCommands(app, session); },
                      {"--dispatch-addr", "127.0.0.1:" + std::to_string(server_.port()), "--token", "admin", "message",
                       "list", "--store", "S001", "--json"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  EXPECT_EQ(listed.Json().size(), static_cast<size_t>(kMessages));
}

}  // namespace
}  // namespace careloop
