// careloopctl's survey commands run in this process against the surveys service's API served over
// gRPC on a real redis-server (database 43), with AnswersApp wired to a test-local CaseIntake:
// template upsert/list, answer (a low score opens a case), get, and the refusals — a second
// answer, an unknown item, a score out of range, another store's caller.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <grpcpp/grpcpp.h>

#include "careloop/survey/v1/surveys_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/surveys/adapters/grpc_api.h"
#include "services/surveys/adapters/redis_answer_store.h"
#include "services/surveys/adapters/redis_survey_repository.h"
#include "services/surveys/adapters/redis_template_store.h"
#include "tests/integration/careloopctl_run.h"
#include "tests/integration/customers_fixture.h"

namespace careloop {
namespace {

constexpr int kDb = 43;
using testing::CtlRun;
namespace sapp = surveys::app;

/// CaseIntake as promised (one case per survey), recording every call.
class RecordingCaseIntake final : public sapp::CaseIntake {
 public:
  Result<std::string> OpenForAnswer(const sapp::DissatisfiedAnswer& answer) override {
    calls.push_back(answer);
    return cases_.emplace(answer.survey_id, "case-" + answer.survey_id).first->second;
  }
  std::vector<sapp::DissatisfiedAnswer> calls;

 private:
  std::map<std::string, std::string> cases_;
};

class CareloopctlSurveysTest : public ::testing::Test {
 protected:
  CareloopctlSurveysTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"},
                 {"S002", "星途汽车上海浦东店", "星途汽车浦东店", "Asia/Shanghai", "021-55556666"}}),
        authenticator_({testing::Token("admin", "admin", {"*"}), testing::Token("mgr1", "manager", {"S001"}),
                        testing::Token("mgr2", "manager", {"S002"})}),
        repository_(*pool_, clock_),
        surveys_(repository_, clock_, stores_, surveys::domain::SurveyPolicy{}),
        template_store_(*pool_),
        templates_(template_store_, clock_),
        answer_store_(*pool_, clock_),
        answers_(answer_store_, templates_.catalog(), cases_, clock_),
        api_(surveys_, grpcx::HandlerContext{authenticator_, metrics_}),
        server_(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&api_}),
        dir_(std::filesystem::temp_directory_path() / ("careloopctl-surveys-" + std::to_string(::getpid()))) {
    surveys_.UseTemplates(templates_.catalog());
    api_.UseTemplates(templates_);
    api_.UseAnswers(answers_);
    std::filesystem::create_directories(dir_);
  }
  ~CareloopctlSurveysTest() override {
    server_.Shutdown(std::chrono::milliseconds(100));
    std::filesystem::remove_all(dir_);
  }

  CtlRun Ctl(std::vector<std::string> args, const std::string& token = "mgr1") {
    args.insert(args.begin(), {"--surveys-addr", "127.0.0.1:" + std::to_string(server_.port()), "--token", token});
    return testing::RunCtl(
        [](CLI::App& app, ctl::Session& session) {
          auto* survey = app.add_subcommand("survey", "surveys");
          survey->require_subcommand(1);
          ctl::AddSurveyCommands(*survey, session);
        },
        args);
  }

  std::string Issue(const std::string& visit_id) {
    auto issued =
        surveys_.OnInvitationDue({"rem-" + visit_id, "cus-1", "S001", surveys::domain::SurveyKind::kServiceVisit,
                                  "veh-1", visit_id, "sa-zhang", clock_.Now()});
    EXPECT_TRUE(issued.has_value());
    return issued ? issued->survey_id : "";
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  auth::TokenAuthenticator authenticator_;
  metrics::Registry metrics_;
  surveys::adapters::RedisSurveyRepository repository_;
  sapp::SurveysApp surveys_;
  surveys::adapters::RedisTemplateStore template_store_;
  sapp::TemplatesApp templates_;
  surveys::adapters::RedisAnswerStore answer_store_;
  RecordingCaseIntake cases_;
  sapp::AnswersApp answers_;
  surveys::adapters::SurveysApi api_;
  grpcx::Server server_;
  std::filesystem::path dir_;
};

constexpr const char* kStoreTemplate = R"({
  "storeId": "S001",
  "kind": "SURVEY_KIND_SERVICE_VISIT",
  "displayName": "朝阳店售后回访",
  "items": [
    {"item": "SURVEY_ITEM_OVERALL", "questionText": "总体满意度？", "required": true},
    {"item": "SURVEY_ITEM_SERVICE_ADVISOR_ATTITUDE", "questionText": "服务顾问态度？", "required": true},
    {"item": "SURVEY_ITEM_SERVICE_WORK_EXPLAINED", "questionText": "是否说明了维修项目和保修范围？", "required": true}
  ],
  "dissatisfiedThreshold": 6,
  "recommendQuestionText": "您愿意向亲友推荐我们吗？"
})";

TEST_F(CareloopctlSurveysTest, TemplateUpsertMakesVersionsAndListShowsThem) {
  const std::string file = WriteFile("t.json", kStoreTemplate);
  const CtlRun first = Ctl({"survey", "template", "upsert", "--file", file});
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.out.find("csi-service-S001 第1版"), std::string::npos) << first.out;
  const CtlRun second = Ctl({"survey", "template", "upsert", "--file", file, "--json"});
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(second.Json()["version"], 2);
  EXPECT_EQ(second.Json()["enabled"], true);
  EXPECT_EQ(second.Json()["items"][2]["answer_type"], "ANSWER_TYPE_YES_NO");

  const CtlRun listed = Ctl({"survey", "template", "list", "--store", "S001", "--kind", "service"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  EXPECT_NE(listed.out.find("集团默认"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("服务顾问态度？"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("是/否"), std::string::npos) << listed.out;

  const CtlRun other = Ctl({"survey", "template", "upsert", "--file", file}, "mgr2");
  EXPECT_NE(other.code, 0);
  EXPECT_NE(other.err.find("PERMISSION_DENIED"), std::string::npos) << other.err;

  const std::string bad = WriteFile("bad.json", R"({"storeId": "S001", "kind": "SURVEY_KIND_SERVICE_VISIT",
    "displayName": "x", "items": [{"item": "SURVEY_ITEM_OVERALL", "questionText": "总体？"},
    {"item": "SURVEY_ITEM_OVERALL", "questionText": "又一遍？"}]})");
  const CtlRun duplicate = Ctl({"survey", "template", "upsert", "--file", bad});
  EXPECT_NE(duplicate.code, 0);
  EXPECT_NE(duplicate.err.find("survey_template.items[1].item"), std::string::npos) << duplicate.err;
  EXPECT_EQ(template_store_.Latest("csi-service-S001")->version, 2);
}

TEST_F(CareloopctlSurveysTest, AnswerALowScoreOpensACaseAndGetShowsIt) {
  ASSERT_EQ(Ctl({"survey", "template", "upsert", "--file", WriteFile("t.json", kStoreTemplate)}).code, 0);
  const std::string survey_id = Issue("visit-1");
  const CtlRun answered = Ctl({"survey", "answer", survey_id, "--score", "overall=8", "--score",
                               "service_advisor_attitude=4", "--yes", "service_work_explained", "--recommend", "7",
                               "--comment", "<script>alert(1)</script>\x1b[31m等太久", "--request-id", "r-1"});
  ASSERT_EQ(answered.code, 0) << answered.err;
  EXPECT_NE(answered.out.find("已开立投诉工单 case-" + survey_id), std::string::npos) << answered.out;
  EXPECT_EQ(answered.out.find("\x1b"), std::string::npos);  // no terminal escapes shown
  ASSERT_EQ(cases_.calls.size(), 1u);
  EXPECT_EQ(cases_.calls[0].low_items,
            std::vector<surveys::domain::SurveyItem>{surveys::domain::SurveyItem::kServiceAdvisorAttitude});

  const CtlRun replay = Ctl({"survey", "answer", survey_id, "--score", "overall=8", "--score",
                             "service_advisor_attitude=4", "--yes", "service_work_explained", "--request-id", "r-1"});
  EXPECT_EQ(replay.code, 0) << replay.err;
  const CtlRun second = Ctl({"survey", "answer", survey_id, "--score", "overall=10", "--score",
                             "service_advisor_attitude=10", "--yes", "service_work_explained"});
  EXPECT_NE(second.code, 0);
  EXPECT_NE(second.err.find("already been answered"), std::string::npos) << second.err;

  const CtlRun got = Ctl({"survey", "get", survey_id, "--json"});
  ASSERT_EQ(got.code, 0) << got.err;
  const auto survey = got.Json();
  EXPECT_EQ(survey["status"], "SURVEY_STATUS_ANSWERED");
  EXPECT_EQ(survey["template_id"], "csi-service-S001");
  EXPECT_EQ(survey["template_version"], 1);
  EXPECT_EQ(survey["case_id"], "case-" + survey_id);
  EXPECT_EQ(survey["recommend_score"], 7);
  EXPECT_EQ(survey["comment"], "<script>alert(1)</script>\x1b[31m等太久");  // stored as typed
  EXPECT_EQ(survey["execution_answers"][0]["yes"], true);
  const CtlRun shown = Ctl({"survey", "get", survey_id});
  EXPECT_NE(shown.out.find("第1版"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("服务顾问的服务态度如何？"), std::string::npos)
      << shown.out;  // the item's standard question
  EXPECT_NE(shown.out.find("投诉工单"), std::string::npos) << shown.out;
  EXPECT_NE(Ctl({"survey", "get", survey_id}, "mgr2").code, 0);
}

TEST_F(CareloopctlSurveysTest, BadAnswersAreRefusedNamingTheFieldAndStoreNothing) {
  const std::string survey_id = Issue("visit-2");
  const CtlRun unknown = Ctl({"survey", "answer", survey_id, "--score", "friendliness=9"});
  EXPECT_EQ(unknown.code, 2) << unknown.err;
  EXPECT_NE(unknown.err.find("unknown survey item"), std::string::npos) << unknown.err;
  const CtlRun range = Ctl({"survey", "answer", survey_id, "--score", "overall=11"});
  EXPECT_NE(range.code, 0);
  EXPECT_NE(range.err.find("scores[0].score"), std::string::npos) << range.err;
  const CtlRun other = Ctl({"survey", "answer", survey_id, "--score", "overall=9"}, "mgr2");
  EXPECT_NE(other.err.find("PERMISSION_DENIED"), std::string::npos) << other.err;
  EXPECT_EQ(answer_store_.Find(survey_id)->status, surveys::domain::SurveyStatus::kIssued);
}

TEST_F(CareloopctlSurveysTest, ListSurveysFiltersByStatusAndKindAndPages) {
  const std::string answered = Issue("visit-a");
  Issue("visit-b");
  Issue("visit-c");
  ASSERT_EQ(Ctl({"survey", "answer", answered, "--score", "overall=9"}).code, 0);
  auto stub = careloop::survey::v1::SurveysService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(server_.port()), grpc::InsecureChannelCredentials()));
  const auto list = [&](careloop::survey::v1::ListSurveysRequest request) {
    request.set_store_id("S001");
    grpc::ClientContext context;
    grpcx::AddBearer(context, "mgr1");
    careloop::survey::v1::ListSurveysResponse response;
    const grpc::Status status = stub->ListSurveys(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  };
  careloop::survey::v1::ListSurveysRequest only_answered;
  only_answered.set_status(careloop::survey::v1::SURVEY_STATUS_ANSWERED);
  const auto done = list(only_answered);
  ASSERT_EQ(done.surveys_size(), 1);
  EXPECT_EQ(done.surveys(0).survey_id(), answered);
  EXPECT_EQ(done.surveys(0).scores(0).score(), 9);

  careloop::survey::v1::ListSurveysRequest sales;
  sales.set_kind(careloop::survey::v1::SURVEY_KIND_SALES_DELIVERY);
  EXPECT_EQ(list(sales).surveys_size(), 0);

  careloop::survey::v1::ListSurveysRequest paged;
  paged.mutable_page()->set_page_size(2);
  const auto first = list(paged);
  EXPECT_EQ(first.surveys_size(), 2);
  EXPECT_EQ(first.page().total_count(), 3);
  ASSERT_FALSE(first.page().next_page_token().empty());
  paged.mutable_page()->set_page_token(first.page().next_page_token());
  const auto second = list(paged);
  EXPECT_EQ(second.surveys_size(), 1);
  EXPECT_TRUE(second.page().next_page_token().empty());
}

}  // namespace
}  // namespace careloop
