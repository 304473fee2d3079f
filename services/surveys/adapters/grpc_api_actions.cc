// SurveysService improvement actions: CreateImprovementAction, UpdateImprovementAction (by field
// mask), ListImprovementActions.
#include "common/events/enum_input.h"
#include "common/events/proto_event.h"
#include "services/surveys/adapters/action_mapping.h"
#include "services/surveys/adapters/grpc_api.h"

namespace careloop::surveys::adapters {
namespace {

namespace pb = careloop::survey::v1;

Status Served(const app::ImprovementActionsApp* actions) {
  if (actions == nullptr) {
    return Error{ErrorCode::kFailedPrecondition, "", "this surveys instance serves no improvement actions"};
  }
  return Ok{};
}

}  // namespace

grpc::ServerUnaryReactor* SurveysApi::CreateImprovementAction(grpc::CallbackServerContext* context,
                                                              const pb::CreateImprovementActionRequest* request,
                                                              pb::CreateImprovementActionResponse* response) {
  return grpcx::RunUnary(context, handler_, "CreateImprovementAction", [&](const auth::Principal& caller) -> Status {
    if (Status served = Served(actions_); !served.ok()) {
      return served;
    }
    if (!request->has_action()) {
      return InvalidArgument("action", "is required");
    }
    auto created = actions_->Create(caller, FromProto(request->action()), request->request_id());
    if (!created.ok()) {
      return created.error();
    }
    *response->mutable_action() = ToProto(created.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* SurveysApi::UpdateImprovementAction(grpc::CallbackServerContext* context,
                                                              const pb::UpdateImprovementActionRequest* request,
                                                              pb::UpdateImprovementActionResponse* response) {
  return grpcx::RunUnary(context, handler_, "UpdateImprovementAction", [&](const auth::Principal& caller) -> Status {
    if (Status served = Served(actions_); !served.ok()) {
      return served;
    }
    const pb::ImprovementAction& action = request->action();
    app::ActionChanges changes;
    changes.action_id = action.action_id();
    if (request->update_mask().paths().empty()) {
      return InvalidArgument("update_mask",
                             "names the fields to change (status, check_note, owner, due_date, description)");
    }
    for (int i = 0; i < request->update_mask().paths_size(); ++i) {
      const std::string& path = request->update_mask().paths(i);
      if (path == "status") {
        auto status = events::FromClient(kActionStatuses, action.status(), "action.status");
        if (!status.ok()) {
          return status.error();
        }
        changes.status = status.value();
      } else if (path == "check_note") {
        changes.check_note = action.check_note();
      } else if (path == "owner") {
        changes.owner = action.owner();
      } else if (path == "due_date") {
        changes.due_date = events::FromProto(action.due_date());
      } else if (path == "description") {
        changes.description = action.description();
      } else {
        return InvalidArgument("update_mask.paths[" + std::to_string(i) + "]",
                               "'" + path + "' cannot be changed (status, check_note, owner, due_date, description)");
      }
    }
    auto updated = actions_->Update(caller, changes, request->request_id());
    if (!updated.ok()) {
      return updated.error();
    }
    *response->mutable_action() = ToProto(updated.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* SurveysApi::ListImprovementActions(grpc::CallbackServerContext* context,
                                                             const pb::ListImprovementActionsRequest* request,
                                                             pb::ListImprovementActionsResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListImprovementActions", [&](const auth::Principal& caller) -> Status {
    if (Status served = Served(actions_); !served.ok()) {
      return served;
    }
    auto status = events::FilterFromClient(kActionStatuses, request->status(), "status");
    if (!status.ok()) {
      return status.error();
    }
    auto listed = actions_->List(caller, request->store_id(), status.value(), request->owner());
    if (!listed.ok()) {
      return listed.error();
    }
    for (const auto& action : listed.value()) {
      *response->add_actions() = ToProto(action);
    }
    response->mutable_page()->set_total_count(response->actions_size());
    return Ok{};
  });
}

}  // namespace careloop::surveys::adapters
