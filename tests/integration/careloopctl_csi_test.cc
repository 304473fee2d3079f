// `careloopctl report csi` run in this process against the surveys service's gRPC API (SurveysApi
// with the CSI read model wired as careloop-surveys wires it) over a real redis-server: the figures
// as a Chinese table, per advisor and per item, --json, --html, bad input and store scope; and the
// same page served over HTTP by CsiPageServer, with its token check and security headers.
// Redis database 47.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "services/surveys/adapters/csi_page_server.h"
#include "services/surveys/adapters/grpc_api.h"
#include "services/surveys/adapters/redis_csi_stats.h"
#include "services/surveys/adapters/redis_improvement_actions.h"
#include "services/surveys/adapters/redis_keys.h"
#include "services/surveys/adapters/redis_survey_repository.h"
#include "tests/integration/careloopctl_run.h"
#include "tests/integration/customers_fixture.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/commands_surveys.h"

namespace careloop::surveys {
namespace {

constexpr int kDb = 47;

using testing::CtlRun;

class CareloopctlCsiTest : public ::testing::Test {
 protected:
  CareloopctlCsiTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(testing::Shanghai().At(Date{2027, 2, 1}, TimeOfDay{9 * 60})),
        stores_({{"S001", "朝阳店", "星途汽车朝阳店", "Asia/Shanghai", ""},
                 {"S002", "浦东店", "星途汽车浦东店", "Asia/Shanghai", ""}}),
        authenticator_({testing::Token("admin", "admin", {"*"}), testing::Token("mgr2", "manager", {"S002"})}),
        repository_(*pool_, clock_),
        surveys_(repository_, clock_, stores_, {}),
        stats_(*pool_),
        csi_(stats_, clock_, stores_),
        action_store_(*pool_, clock_),
        actions_(action_store_, clock_, stores_),
        api_(surveys_, grpcx::HandlerContext{authenticator_, metrics_}),
        server_(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&api_}),
        page_(csi_, authenticator_, stores_) {
    api_.UseCsi(csi_);
    api_.UseActions(actions_);
    Seed();
  }

  ~CareloopctlCsiTest() override { server_.Shutdown(std::chrono::milliseconds(100)); }

  Instant In(Date date) { return testing::Shanghai().At(date, TimeOfDay{10 * 60}); }

  void Answer(const std::string& id, const std::string& advisor, int overall, int lounge, int recommend, Date on) {
    domain::CsiAnswer answer;
    answer.store_id = "S001";
    answer.source = domain::ScoreSource::kInternal;
    answer.advisor = advisor;
    answer.scores = {{domain::SurveyItem::kOverall, overall}, {domain::SurveyItem::kServiceLounge, lounge}};
    answer.average_score = (overall + lounge) / 2.0;
    answer.dissatisfied = std::min(overall, lounge) <= 6;
    answer.recommend_score = recommend;
    csi_.OnAnswered(id, answer, In(on));
  }

  // January: 4 issued, 3 answered (adv-1 twice, an advisor whose id is markup once), one case
  // resolved in 20 h within its deadline, one still open; December: one answer for the trend.
  void Seed() {
    for (const auto& [id, advisor] : std::vector<std::pair<std::string, std::string>>{
             {"s1", "adv-1"}, {"s2", "adv-1"}, {"s3", "<b>adv</b>"}, {"s4", "adv-1"}}) {
      csi_.OnIssued({id, "S001", domain::SurveyKind::kServiceVisit, domain::ScoreSource::kInternal, advisor,
                     In(Date{2027, 1, 5})});
    }
    Answer("s1", "adv-1", 10, 8, 10, Date{2027, 1, 6});
    Answer("s2", "adv-1", 8, 6, 9, Date{2027, 1, 7});
    Answer("s3", "<b>adv</b>", 4, 2, 3, Date{2027, 1, 8});
    Answer("s0", "adv-1", 7, 7, 8, Date{2026, 12, 8});
    app::CaseNote opened{"case-1", "S001", "<b>adv</b>", {}, In(Date{2027, 1, 8})};
    csi_.OnCase(opened);
    app::CaseNote resolved{"case-1", "S001"};
    resolved.opened_at = In(Date{2027, 1, 8});
    resolved.resolved_at = *resolved.opened_at + std::chrono::hours(20);
    resolved.within_deadline = true;
    resolved.customer_satisfied = true;
    csi_.OnCase(resolved);
    csi_.OnCase({"case-2", "S001", "adv-1", {}, In(Date{2027, 1, 20})});
  }

  CtlRun Ctl(std::vector<std::string> args, const std::string& token = "admin") {
    args.insert(args.begin(), {"--surveys-addr", "127.0.0.1:" + std::to_string(server_.port()), "--token", token});
    return testing::RunCtl(
        [](CLI::App& app, ctl::Session& session) {
          ctl::AddReportCommands(app, session);
          ctl::AddActionCommands(app, session);
        },
        args);
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  auth::TokenAuthenticator authenticator_;
  metrics::Registry metrics_;
  adapters::RedisSurveyRepository repository_;
  app::SurveysApp surveys_;
  adapters::RedisCsiStats stats_;
  app::CsiApp csi_;
  adapters::RedisImprovementActions action_store_;
  app::ImprovementActionsApp actions_;
  adapters::SurveysApi api_;
  grpcx::Server server_;
  adapters::CsiPageServer page_;
};

TEST_F(CareloopctlCsiTest, ReportCsiShowsTheMonthPerAdvisorAndPerItem) {
  const CtlRun json = Ctl({"report", "csi", "--store", "S001", "--month", "2027-01", "--json"});
  ASSERT_EQ(json.code, 0) << json.err;
  const auto report = json.Json();
  EXPECT_EQ(report["issued_count"], 4);
  ASSERT_EQ(report["rows"].size(), 1u);
  const auto& total = report["rows"][0];
  EXPECT_EQ(total["response_count"], 3);
  EXPECT_DOUBLE_EQ(total["response_rate"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(total["average_score"].get<double>(), (9.0 + 7.0 + 3.0) / 3);
  EXPECT_DOUBLE_EQ(total["nps"].get<double>(), 100.0 * (2 - 1) / 3);
  EXPECT_EQ(total["case_count"], 2);
  EXPECT_EQ(total["case_resolved_count"], 1);
  EXPECT_DOUBLE_EQ(total["median_hours_to_resolve"].get<double>(), 20);
  EXPECT_DOUBLE_EQ(total["resolved_within_sla_share"].get<double>(), 1);
  ASSERT_EQ(report["lowest_items"].size(), 1u);
  EXPECT_EQ(report["lowest_items"][0]["item"], "SURVEY_ITEM_SERVICE_LOUNGE");

  const CtlRun table = Ctl({"report", "csi", "--store", "S001", "--month", "2027-01"});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("回复率"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("75.0%"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("休息室舒适"), std::string::npos) << table.out;

  const CtlRun advisors = Ctl({"report", "csi", "--store", "S001", "--month", "2027-01", "--by", "advisor"});
  ASSERT_EQ(advisors.code, 0) << advisors.err;
  EXPECT_NE(advisors.out.find("adv-1"), std::string::npos) << advisors.out;
  EXPECT_NE(advisors.out.find("66.7%"), std::string::npos) << advisors.out;  // adv-1: 2 of 3

  const CtlRun items = Ctl({"report", "csi", "--store", "S001", "--month", "2027-01", "--by", "item", "--json"});
  ASSERT_EQ(items.code, 0) << items.err;
  ASSERT_EQ(items.Json()["rows"].size(), 2u);
  EXPECT_DOUBLE_EQ(items.Json()["rows"][1]["average_score"].get<double>(), (8.0 + 6.0 + 2.0) / 3);
}

TEST_F(CareloopctlCsiTest, ReportCsiRejectsABadMonthAndAnotherStoresCaller) {
  const CtlRun bad = Ctl({"report", "csi", "--store", "S001", "--month", "2027-1"});
  EXPECT_NE(bad.code, 0);
  EXPECT_NE(bad.err.find("--month"), std::string::npos) << bad.err;
  const CtlRun other = Ctl({"report", "csi", "--store", "S001", "--month", "2027-01"}, "mgr2");
  EXPECT_NE(other.code, 0);
  EXPECT_NE(other.err.find("S001"), std::string::npos) << other.err;
  const CtlRun own = Ctl({"report", "csi", "--store", "S002", "--month", "2027-01", "--json"}, "mgr2");
  ASSERT_EQ(own.code, 0) << own.err;
  EXPECT_TRUE(own.Json()["rows"].empty());
}

TEST_F(CareloopctlCsiTest, TheHtmlPageIsWrittenByTheCliAndServedOverHttpAlike) {
  const auto file = std::filesystem::temp_directory_path() / ("csi-page-" + std::to_string(::getpid()) + ".html");
  const CtlRun run = Ctl({"report", "csi", "--store", "S001", "--month", "2027-01", "--html", file.string()});
  ASSERT_EQ(run.code, 0) << run.err;
  std::ifstream in(file);
  const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(file);
  EXPECT_NE(written.find("data-month=\"2027-01\" data-csi=\"6.3\""), std::string::npos);
  EXPECT_NE(written.find("data-month=\"2026-12\" data-csi=\"7.0\""), std::string::npos);
  EXPECT_NE(written.find("data-stage=\"within_sla\" data-count=\"1\""), std::string::npos);
  EXPECT_NE(written.find("&lt;b&gt;adv&lt;/b&gt;"), std::string::npos);  // escaped, never markup
  EXPECT_EQ(written.find("<b>adv"), std::string::npos);
  EXPECT_EQ(written.find("<script"), std::string::npos);

  const int port = page_.Start("127.0.0.1:0");
  httplib::Client client("127.0.0.1", port);
  const auto served = client.Get("/csi?store=S001&month=2027-01", {{"Authorization", "Bearer admin"}});
  ASSERT_TRUE(served);
  EXPECT_EQ(served->status, 200);
  EXPECT_NE(served->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(served->get_header_value("X-Content-Type-Options"), "nosniff");
  // The same page as the CLI's, but for the store's name the service knows.
  EXPECT_NE(served->body.find("data-month=\"2027-01\" data-csi=\"6.3\""), std::string::npos);
  EXPECT_NE(served->body.find("朝阳店（S001）"), std::string::npos);

  EXPECT_EQ(client.Get("/csi?store=S001&month=2027-01")->status, 401);
  EXPECT_EQ(client.Get("/csi?store=S001&month=2027-01", {{"Authorization", "Bearer nope"}})->status, 401);
  EXPECT_EQ(client.Get("/csi?store=S001&month=2027-01", {{"Authorization", "Bearer mgr2"}})->status, 403);
  const auto bad_month = client.Get("/csi?store=S001&month=<x>", {{"Authorization", "Bearer admin"}});
  EXPECT_EQ(bad_month->status, 400);
  EXPECT_EQ(bad_month->body.find("<x>"), std::string::npos);
  EXPECT_EQ(client.Get("/other", {{"Authorization", "Bearer admin"}})->status, 404);
  page_.Stop();
}

TEST_F(CareloopctlCsiTest, ActionsAreCreatedOnceMovedForwardAndListed) {
  const auto outbox_length = [&] { return pool_->Acquire()->Run({"XLEN", adapters::keys::kOutbox}).Integer(); };
  const std::vector<std::string> create{
      "action",   "create", "--store",      "S001",          "--item",         "service_lounge", "--owner",
      "mgr-1",    "--due",  "2027-03-31",   "--description", "休息室增加饮品", "--baseline",     "5.3",
      "--target", "8",      "--request-id", "req-1",         "--json"};
  const CtlRun created = Ctl(create);
  ASSERT_EQ(created.code, 0) << created.err;
  const std::string id = created.Json()["action_id"];
  EXPECT_EQ(created.Json()["status"], "IMPROVEMENT_STATUS_OPEN");
  EXPECT_EQ(outbox_length(), 1);  // ImprovementActionCreated, with the action
  const CtlRun replayed = Ctl(create);
  ASSERT_EQ(replayed.code, 0) << replayed.err;
  EXPECT_EQ(replayed.Json()["action_id"], id);
  EXPECT_EQ(outbox_length(), 1);

  const CtlRun past = Ctl({"action", "create", "--store", "S001", "--item", "service_lounge", "--owner", "mgr-1",
                           "--due", "2027-01-31", "--description", "x"});
  EXPECT_NE(past.code, 0);
  EXPECT_NE(past.err.find("due_date"), std::string::npos) << past.err;
  const CtlRun unknown = Ctl({"action", "create", "--store", "S001", "--item", "coffee", "--owner", "mgr-1", "--due",
                              "2027-03-31", "--description", "x"});
  EXPECT_NE(unknown.code, 0);
  EXPECT_NE(unknown.err.find("--item"), std::string::npos) << unknown.err;
  const CtlRun other = Ctl({"action", "list", "--store", "S001"}, "mgr2");
  EXPECT_NE(other.code, 0);

  const CtlRun done = Ctl({"action", "update", id, "--status", "done"});
  ASSERT_EQ(done.code, 0) << done.err;
  EXPECT_NE(done.out.find("已完成待验证"), std::string::npos) << done.out;
  const CtlRun back = Ctl({"action", "update", id, "--status", "open"});
  EXPECT_NE(back.code, 0);
  EXPECT_NE(back.err.find("cannot go from done to open"), std::string::npos) << back.err;
  const CtlRun verified = Ctl({"action", "update", id, "--status", "verified", "--check-note", "二月复查 8.4 分"});
  ASSERT_EQ(verified.code, 0) << verified.err;

  const CtlRun listed = Ctl({"action", "list", "--store", "S001"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  EXPECT_NE(listed.out.find("休息室舒适"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("已验证有效"), std::string::npos) << listed.out;
  const CtlRun open_only = Ctl({"action", "list", "--store", "S001", "--status", "open", "--json"});
  ASSERT_EQ(open_only.code, 0) << open_only.err;
  EXPECT_TRUE(open_only.Json().empty());
}

}  // namespace
}  // namespace careloop::surveys
