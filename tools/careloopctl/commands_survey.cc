// survey get|answer and survey template list|upsert (SurveysService). `survey list` is in
// commands_lists.cc.
#include <google/protobuf/util/json_util.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "careloop/survey/v1/surveys_service.grpc.pb.h"
#include "common/base/ids.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/survey_view.h"

namespace careloop::ctl {
namespace {

namespace sv1 = careloop::survey::v1;

std::unique_ptr<sv1::SurveysService::Stub> SurveysStub(Session& session) {
  return sv1::SurveysService::NewStub(session.Channel(kSurveysAddr));
}

void AddGet(CLI::App* survey, Session& session) {
  auto id = std::make_shared<std::string>();
  auto* get = survey->add_subcommand("get", "one survey with its answers and template version (GetSurvey)");
  get->add_option("ID", *id, "survey id")->required();
  get->callback([&session, id] {
    session.action = [&session, id] {
      sv1::GetSurveyRequest request;
      request.set_survey_id(*id);
      sv1::GetSurveyResponse response;
      Check(SurveysStub(session)->GetSurvey(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.survey()));
      } else {
        std::cout << SurveyDetail(response.survey());
      }
      return 0;
    };
  });
}

void AddAnswer(CLI::App* survey, Session& session) {
  struct AnswerArgs {
    std::string id, comment, channel = "phone_call", source = "internal", request_id;
    std::vector<std::string> scores, yes, no;
    int recommend = -1;
    bool angry = false;
  };
  auto args = std::make_shared<AnswerArgs>();
  auto* answer = survey->add_subcommand("answer", "enter a customer's answers from a follow-up call (SubmitResponse)");
  answer->add_option("ID", args->id, "survey id")->required();
  answer->add_option("--score", args->scores, "ITEM=SCORE (1-10), repeatable, e.g. overall=9")->required();
  answer->add_option("--yes", args->yes, "a yes/no execution item answered yes, e.g. sales_warranty_explained");
  answer->add_option("--no", args->no, "a yes/no execution item answered no");
  answer->add_option("--recommend", args->recommend, "would recommend us, 0-10 (NPS)");
  answer->add_option("--comment", args->comment, "the customer's own words");
  answer->add_flag("--angry", args->angry, "the customer was angry: open a complaint case whatever the scores");
  answer->add_option("--channel", args->channel, "phone_call|face_to_face|sms|wechat")
      ->check(CLI::IsMember({"phone_call", "face_to_face", "sms", "wechat"}));
  answer->add_option("--source", args->source, "internal (our follow-up) | external (manufacturer's survey)")
      ->check(CLI::IsMember({"internal", "external"}));
  answer->add_option("--request-id", args->request_id, "idempotency key (default: a new one)");
  answer->callback([&session, args] {
    session.action = [&session, args] {
      sv1::SubmitResponseRequest request;
      request.set_survey_id(args->id);
      for (const auto& flag : args->scores) {
        const auto [item, score] = ParseScoreFlag(flag);
        auto* out = request.add_scores();
        out->set_item(item);
        out->set_score(score);
      }
      for (const auto& word : args->yes) {
        auto* out = request.add_execution_answers();
        out->set_item(ParseItemWord(word));
        out->set_yes(true);
      }
      for (const auto& word : args->no) {
        auto* out = request.add_execution_answers();
        out->set_item(ParseItemWord(word));
        out->set_yes(false);
      }
      if (args->recommend >= 0) {
        request.set_recommend_score(args->recommend);
      }
      request.set_comment(args->comment);
      request.set_flagged_angry(args->angry);
      const std::map<std::string, common::v1::Channel> channels{{"phone_call", common::v1::CHANNEL_PHONE_CALL},
                                                                {"face_to_face", common::v1::CHANNEL_FACE_TO_FACE},
                                                                {"sms", common::v1::CHANNEL_SMS},
                                                                {"wechat", common::v1::CHANNEL_WECHAT}};
      request.set_response_channel(channels.at(args->channel));
      request.set_source(args->source == "external" ? sv1::SATISFACTION_SOURCE_EXTERNAL
                                                    : sv1::SATISFACTION_SOURCE_INTERNAL);
      request.set_request_id(args->request_id.empty() ? NewRandomId("ctl-") : args->request_id);
      sv1::SubmitResponseResponse response;
      Check(SurveysStub(session)->SubmitResponse(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response));
        return 0;
      }
      std::cout << SurveyDetail(response.survey());
      if (!response.complaint_case().case_id().empty()) {
        std::cout << "已开立投诉工单 " << response.complaint_case().case_id() << "\n";
      }
      return 0;
    };
  });
}

/// Reads a SurveyTemplate from a JSON file (proto JSON: "storeId" or "store_id", items as
/// {"item": "SURVEY_ITEM_OVERALL", "questionText": "…", "required": true}). "enabled" defaults to true.
sv1::SurveyTemplate ReadTemplateFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw UsageError("--file: cannot read " + path);
  }
  std::stringstream text;
  text << in.rdbuf();
  sv1::SurveyTemplate parsed;
  const auto status = google::protobuf::util::JsonStringToMessage(text.str(), &parsed);
  if (!status.ok()) {
    throw UsageError("--file: not a survey template (" + std::string(status.message()) + "): " + path);
  }
  const auto json = nlohmann::json::parse(text.str(), nullptr, false);
  if (json.is_object() && !json.contains("enabled")) {
    parsed.set_enabled(true);
  }
  return parsed;
}

void AddTemplate(CLI::App* survey, Session& session) {
  auto* tpl = survey->add_subcommand("template", "survey templates per store and kind (list, upsert)");
  tpl->require_subcommand(1);

  struct ListArgs {
    std::string store, kind;
  };
  auto list_args = std::make_shared<ListArgs>();
  auto* list = tpl->add_subcommand("list", "the group defaults and a store's own templates, latest versions");
  list->add_option("--store", list_args->store, "store id (empty: group defaults only)");
  list->add_option("--kind", list_args->kind, "sales|service")->check(CLI::IsMember({"sales", "service"}));
  list->callback([&session, list_args] {
    session.action = [&session, list_args] {
      sv1::ListSurveyTemplatesRequest request;
      request.set_store_id(list_args->store);
      if (!list_args->kind.empty()) {
        request.set_kind(list_args->kind == "sales" ? sv1::SURVEY_KIND_SALES_DELIVERY : sv1::SURVEY_KIND_SERVICE_VISIT);
      }
      sv1::ListSurveyTemplatesResponse response;
      Check(SurveysStub(session)->ListSurveyTemplates(session.NewContext().get(), request, &response));
      const std::vector<sv1::SurveyTemplate> templates(response.templates().begin(), response.templates().end());
      if (session.json) {
        PrintJson(ToJsonArray(templates));
        return 0;
      }
      std::cout << TemplatesTable(templates);
      for (const auto& each : templates) {
        std::cout << "\n"
                  << each.template_id() << " 第" << each.version() << "版 " << each.display_name() << "\n"
                  << TemplateItemsTable(each);
      }
      return 0;
    };
  });

  auto file = std::make_shared<std::string>();
  auto* upsert = tpl->add_subcommand("upsert", "save a new version of a store's template (UpsertSurveyTemplate)");
  upsert->add_option("--file", *file, "the template as JSON (see docs/surveys.md)")->required();
  upsert->callback([&session, file] {
    session.action = [&session, file] {
      sv1::UpsertSurveyTemplateRequest request;
      *request.mutable_survey_template() = ReadTemplateFile(*file);
      sv1::UpsertSurveyTemplateResponse response;
      Check(SurveysStub(session)->UpsertSurveyTemplate(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.survey_template()));
        return 0;
      }
      std::cout << "已保存 " << response.survey_template().template_id() << " 第"
                << response.survey_template().version() << "版\n"
                << TemplateItemsTable(response.survey_template());
      return 0;
    };
  });
}

}  // namespace

void AddSurveyCommands(CLI::App& survey, Session& session) {
  AddGet(&survey, session);
  AddAnswer(&survey, session);
  AddTemplate(&survey, session);
}

}  // namespace careloop::ctl
