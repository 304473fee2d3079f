// careloopctl's case commands run in this process against the surveys service's complaint case
// methods over gRPC, served here over a real redis-server: open by hand (a repeated request is one
// case), the Chinese list and --json, a step with its note, an update by someone of another store
// refused naming the store, a resolve refused naming the missing steps, then resolved.
#include <gtest/gtest.h>

#include "common/auth/auth.h"
#include "common/base/ids.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "common/grpc/server.h"
#include "common/metrics/metrics.h"
#include "services/surveys/adapters/grpc_api.h"
#include "services/surveys/adapters/redis_case_repository.h"
#include "services/surveys/adapters/redis_survey_repository.h"
#include "services/surveys/app/cases_app.h"
#include "services/surveys/app/surveys_app.h"
#include "tests/integration/careloopctl_run.h"
#include "tests/integration/test_env.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/session.h"

namespace careloop {
namespace {

constexpr int kDb = 45;
namespace sdomain = surveys::domain;

using testing::CtlRun;

// A bearer token `token` for `role` of `stores`; the caller's name is "<role>-<token>".
config::TokenSettings Token(const std::string& token, const std::string& role, std::vector<std::string> stores) {
  return {role + "-" + token, Sha256Hex(token), role, std::move(stores)};
}

std::map<std::string, sdomain::CaseRules> Rules() {
  sdomain::CaseRules rules;
  rules.manager = "王店总";
  rules.managers_of = {{"周顾问", "服务经理王"}};
  rules.required_steps = {sdomain::HandlingStep::kGetFacts, sdomain::HandlingStep::kFollowUp};
  return {{"S001", rules}};
}

class CareloopctlCasesTest : public ::testing::Test {
 protected:
  CareloopctlCasesTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(*ParseRfc3339("2026-12-01T10:00:00+08:00")),
        stores_({{"S001", "朝阳店", "星途汽车朝阳店", "Asia/Shanghai", ""},
                 {"S002", "浦东店", "星途汽车浦东店", "Asia/Shanghai", ""}}),
        authenticator_({Token("clerk1", "clerk", {"S001"}), Token("clerk2", "clerk", {"S002"})}),
        surveys_repository_(*pool_, clock_),
        surveys_(surveys_repository_, clock_, stores_, sdomain::SurveyPolicy{}),
        case_repository_(*pool_, clock_),
        cases_(case_repository_, clock_, stores_, Rules()),
        api_(surveys_, grpcx::HandlerContext{authenticator_, metrics_}),
        server_(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&api_}) {
    api_.UseCases(cases_);
  }

  ~CareloopctlCasesTest() override { server_.Shutdown(std::chrono::milliseconds(100)); }

  CtlRun Ctl(std::vector<std::string> args, const std::string& token = "clerk1") {
    args.insert(args.begin(), {"--surveys-addr", "127.0.0.1:" + std::to_string(server_.port()), "--token", token});
    return testing::RunCtl([](CLI::App& app, ctl::Session& session) { ctl::AddCaseCommands(app, session); }, args);
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  auth::TokenAuthenticator authenticator_;
  metrics::Registry metrics_;
  surveys::adapters::RedisSurveyRepository surveys_repository_;
  surveys::app::SurveysApp surveys_;
  surveys::adapters::RedisCaseRepository case_repository_;
  surveys::app::CasesApp cases_;
  surveys::adapters::SurveysApi api_;
  grpcx::Server server_;
};

TEST_F(CareloopctlCasesTest, OpenListStepRefusalsAndResolve) {
  const std::vector<std::string> open{
      "case",   "open",       "--store",      "S001",      "--customer", "cus-1",     "--source",
      "phone",  "--severity", "major",        "--advisor", "周顾问",     "--summary", "保养后异响未解决",
      "--item", "overall",    "--request-id", "call-01",   "--json"};
  const CtlRun opened = Ctl(open);
  ASSERT_EQ(opened.code, 0) << opened.err;
  const std::string id = opened.Json()["case_id"];
  EXPECT_EQ(opened.Json()["owner"], "服务经理王");
  EXPECT_EQ(opened.Json()["severity"], "COMPLAINT_SEVERITY_MAJOR");
  const CtlRun again = Ctl(open);
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.Json()["case_id"], id);

  const CtlRun table = Ctl({"case", "list", "--store", "S001"});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("截止"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("重大投诉"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("待处理"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("2026-12-02 10:00"), std::string::npos) << table.out;  // 24 hours for a major one
  EXPECT_NE(table.out.find("(1 of 1 cases"), std::string::npos) << table.out;
  EXPECT_EQ(Ctl({"case", "list", "--store", "S001", "--owner", "王店总", "--json"}).Json().size(), 0u);
  EXPECT_EQ(Ctl({"case", "list", "--store", "S001", "--overdue", "--json"}).Json().size(), 0u);

  const CtlRun step = Ctl({"case", "update", id, "--step", "get_facts", "--note", "客户反映保养后异响"});
  ASSERT_EQ(step.code, 0) << step.err;
  EXPECT_NE(step.out.find("处理中"), std::string::npos) << step.out;
  EXPECT_NE(step.out.find("客户反映保养后异响"), std::string::npos) << step.out;
  EXPECT_NE(step.out.find("clerk-clerk1"), std::string::npos) << step.out;  // who did it: the caller

  const CtlRun stranger = Ctl({"case", "update", id, "--step", "follow_up"}, "clerk2");
  EXPECT_NE(stranger.code, 0);
  EXPECT_NE(stranger.err.find("S001"), std::string::npos) << stranger.err;

  const CtlRun early = Ctl({"case", "resolve", id, "--resolution", "satisfied"});
  EXPECT_NE(early.code, 0);
  EXPECT_NE(early.err.find("follow_up"), std::string::npos) << early.err;

  ASSERT_EQ(Ctl({"case", "update", id, "--step", "follow_up", "--note", "回访确认"}).code, 0);
  const CtlRun resolved = Ctl({"case", "resolve", id, "--resolution", "satisfied", "--note", "更换衬套后客户确认满意"});
  ASSERT_EQ(resolved.code, 0) << resolved.err;
  EXPECT_NE(resolved.out.find("已解决 (satisfied)"), std::string::npos) << resolved.out;
  const CtlRun got = Ctl({"case", "get", id, "--json"});
  ASSERT_EQ(got.code, 0) << got.err;
  EXPECT_EQ(got.Json()["status"], "CASE_STATUS_RESOLVED");
  EXPECT_EQ(got.Json()["steps"].size(), 2u);
}

}  // namespace
}  // namespace careloop
