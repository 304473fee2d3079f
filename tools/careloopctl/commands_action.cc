// action create|list|update: improvement actions for the CSI items that fall short
// (SurveysService.CreateImprovementAction / ListImprovementActions / UpdateImprovementAction).
#include <cctype>
#include <cstdio>
#include <iostream>
#include <memory>

#include "careloop/survey/v1/surveys_service.grpc.pb.h"
#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "services/surveys/adapters/action_mapping.h"
#include "services/surveys/adapters/csi_labels.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/commands_surveys.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace sv1 = careloop::survey::v1;

struct ActionArgs final {
  std::string store;
  std::string item;
  std::string advisor;
  std::string owner;
  std::string due;
  std::string description;
  double baseline = 0;
  double target = 0;
  std::string request_id;
  // update
  std::string action_id;
  std::string status;
  std::string check_note;
  // list
  std::string owner_filter;
};

const char* StatusLabel(sv1::ImprovementStatus status) {
  switch (status) {
    case sv1::IMPROVEMENT_STATUS_OPEN: return "进行中";
    case sv1::IMPROVEMENT_STATUS_DONE: return "已完成待验证";
    case sv1::IMPROVEMENT_STATUS_VERIFIED: return "已验证有效";
    case sv1::IMPROVEMENT_STATUS_CANCELLED: return "已取消";
    default: return "-";
  }
}

sv1::SurveyItem ItemOfWord(const std::string& word) {
  std::string upper = "SURVEY_ITEM_";
  for (const char c : word) {
    upper += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  sv1::SurveyItem item = sv1::SURVEY_ITEM_UNSPECIFIED;
  if (!sv1::SurveyItem_Parse(upper, &item) || item == sv1::SURVEY_ITEM_UNSPECIFIED) {
    throw UsageError("--item: unknown item '" + word + "' (e.g. service_lounge, sales_fair_price, overall)");
  }
  return item;
}

std::string ActionsTable(const std::vector<sv1::ImprovementAction>& actions) {
  Table table({"措施", "项目", "顾问", "负责人", "截止日期", "状态", "基线", "目标", "内容", "验证结果"});
  for (const auto& action : actions) {
    char baseline[16];
    char target[16];
    std::snprintf(baseline, sizeof baseline, "%.1f", action.baseline_score());
    std::snprintf(target, sizeof target, "%.1f", action.target_score());
    table.AddRow({action.action_id(), surveys::adapters::ItemLabel(action.item()),
                  action.advisor().empty() ? "-" : action.advisor(), action.owner(),
                  action.has_due_date() ? events::FromProto(action.due_date()).ToString() : "-",
                  StatusLabel(action.status()), action.baseline_score() > 0 ? baseline : "-",
                  action.target_score() > 0 ? target : "-", action.description(),
                  action.check_note().empty() ? "-" : action.check_note()});
  }
  return table.Render();
}

}  // namespace

void AddActionCommands(CLI::App& app, Session& session) {
  auto* action = app.add_subcommand("action", "improvement actions (整改措施) for CSI items that fall short");
  action->require_subcommand(1);

  auto create_args = std::make_shared<ActionArgs>();
  auto* create = action->add_subcommand("create", "create an improvement action (publishes ImprovementActionCreated)");
  create->add_option("--store", create_args->store, "store id")->required();
  create->add_option("--item", create_args->item, "the item that fell short, e.g. service_lounge")->required();
  create->add_option("--owner", create_args->owner, "staff id of the owner")->required();
  create->add_option("--due", create_args->due, "due date, YYYY-MM-DD (today or later)")
      ->required()
      ->check(DateValidator());
  create->add_option("--description", create_args->description, "what will be done")->required();
  create->add_option("--advisor", create_args->advisor, "staff id of the advisor/consultant concerned, if personal");
  create->add_option("--baseline", create_args->baseline, "the item's average that revealed it (0-10)");
  create->add_option("--target", create_args->target, "the average aimed at (0-10)");
  create->add_option("--request-id", create_args->request_id,
                     "idempotency key: the same key creates the action once (default: a new one)");
  create->callback([&session, create_args] {
    session.action = [&session, create_args] {
      sv1::CreateImprovementActionRequest request;
      sv1::ImprovementAction* draft = request.mutable_action();
      draft->set_store_id(create_args->store);
      draft->set_item(ItemOfWord(create_args->item));
      draft->set_owner(create_args->owner);
      *draft->mutable_due_date() = *ParseDateFlag(create_args->due);
      draft->set_description(create_args->description);
      draft->set_advisor(create_args->advisor);
      draft->set_baseline_score(create_args->baseline);
      draft->set_target_score(create_args->target);
      request.set_request_id(create_args->request_id.empty() ? NewRandomId("ctl-") : create_args->request_id);
      sv1::CreateImprovementActionResponse response;
      Check(sv1::SurveysService::NewStub(session.Channel(kSurveysAddr))
                ->CreateImprovementAction(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.action()));
      } else {
        std::cout << ActionsTable({response.action()});
      }
      return 0;
    };
  });

  auto list_args = std::make_shared<ActionArgs>();
  auto* list = action->add_subcommand("list", "a store's improvement actions, earliest due first");
  list->add_option("--store", list_args->store, "store id")->required();
  list->add_option("--status", list_args->status, "only this status")
      ->check(CLI::IsMember(surveys::adapters::kActionStatuses.Words()));
  list->add_option("--owner", list_args->owner_filter, "only actions of this owner");
  list->callback([&session, list_args] {
    session.action = [&session, list_args] {
      sv1::ListImprovementActionsRequest request;
      request.set_store_id(list_args->store);
      request.set_owner(list_args->owner_filter);
      if (!list_args->status.empty()) {
        request.set_status(ProtoOfWord(surveys::adapters::kActionStatuses, list_args->status));
      }
      sv1::ListImprovementActionsResponse response;
      Check(sv1::SurveysService::NewStub(session.Channel(kSurveysAddr))
                ->ListImprovementActions(session.NewContext().get(), request, &response));
      const std::vector<sv1::ImprovementAction> actions(response.actions().begin(), response.actions().end());
      if (session.json) {
        PrintJson(ToJsonArray(actions));
      } else if (actions.empty()) {
        std::cout << "(没有改进措施)\n";
      } else {
        std::cout << ActionsTable(actions);
      }
      return 0;
    };
  });

  auto update_args = std::make_shared<ActionArgs>();
  auto* update = action->add_subcommand("update", "move an action forward (open → done → verified, or cancelled)");
  update->add_option("action_id", update_args->action_id, "the action's id")->required();
  update->add_option("--status", update_args->status, "the new status")
      ->check(CLI::IsMember(surveys::adapters::kActionStatuses.Words()));
  update->add_option("--check-note", update_args->check_note, "how the effect was checked, and the result");
  update->add_option("--owner", update_args->owner, "new owner");
  update->add_option("--due", update_args->due, "new due date, YYYY-MM-DD")->check(DateValidator());
  update->add_option("--description", update_args->description, "new description");
  update->add_option("--request-id", update_args->request_id, "idempotency key (default: a new one)");
  update->callback([&session, update_args] {
    session.action = [&session, update_args] {
      sv1::UpdateImprovementActionRequest request;
      sv1::ImprovementAction* changes = request.mutable_action();
      changes->set_action_id(update_args->action_id);
      if (!update_args->status.empty()) {
        changes->set_status(ProtoOfWord(surveys::adapters::kActionStatuses, update_args->status));
        request.mutable_update_mask()->add_paths("status");
      }
      if (!update_args->check_note.empty()) {
        changes->set_check_note(update_args->check_note);
        request.mutable_update_mask()->add_paths("check_note");
      }
      if (!update_args->owner.empty()) {
        changes->set_owner(update_args->owner);
        request.mutable_update_mask()->add_paths("owner");
      }
      if (!update_args->due.empty()) {
        *changes->mutable_due_date() = *ParseDateFlag(update_args->due);
        request.mutable_update_mask()->add_paths("due_date");
      }
      if (!update_args->description.empty()) {
        changes->set_description(update_args->description);
        request.mutable_update_mask()->add_paths("description");
      }
      if (request.update_mask().paths().empty()) {
        throw UsageError("nothing to change: give --status, --check-note, --owner, --due or --description");
      }
      request.set_request_id(update_args->request_id.empty() ? NewRandomId("ctl-") : update_args->request_id);
      sv1::UpdateImprovementActionResponse response;
      Check(sv1::SurveysService::NewStub(session.Channel(kSurveysAddr))
                ->UpdateImprovementAction(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.action()));
      } else {
        std::cout << ActionsTable({response.action()});
      }
      return 0;
    };
  });
}

}  // namespace careloop::ctl
