#include "services/surveys/adapters/redis_improvement_actions.h"

#include "careloop/survey/v1/events.pb.h"
#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/kafka/cloud_event.h"
#include "common/outbox/outbox.h"
#include "common/redis/atomic_write.h"
#include "services/surveys/adapters/action_mapping.h"
#include "services/surveys/adapters/redis_csi_keys.h"
#include "services/surveys/adapters/redis_keys.h"

namespace careloop::surveys::adapters {
namespace {

namespace pb = careloop::survey::v1;

constexpr Millis kRequestGuardTtl = std::chrono::hours(24 * 7);

std::string DueScore(const domain::ImprovementAction& action) {
  return std::to_string(action.due_date.DaysSinceEpoch());
}

}  // namespace

bool RedisImprovementActions::Create(const domain::ImprovementAction& action) {
  pb::ImprovementActionCreated created;
  created.set_action_id(action.action_id);
  created.set_store_id(action.store_id);
  created.set_item(static_cast<pb::SurveyItem>(action.item));
  created.set_advisor(action.advisor);
  created.set_owner(action.owner);
  *created.mutable_due_date() = events::ToProto(action.due_date);
  created.set_baseline_score(action.baseline_score);
  created.set_target_score(action.target_score);
  *created.mutable_occurred_at() = events::ToTimestamp(action.created_at);
  const std::vector<redis::Command> writes{
      {"ZADD", keys::ActionsOf(action.store_id), DueScore(action), action.action_id},
      outbox::AppendCommand(keys::kOutbox, kafka::kSurveyTopic,
                            events::MakeEvent(created, "/careloop/surveys", action.store_id,
                                              DerivedId("evt-", {"action-created", action.action_id}), clock_.Now())),
  };
  auto connection = pool_.Acquire();
  return redis::ApplyOnce(*connection, keys::Action(action.action_id), ToProto(action).SerializeAsString(), writes);
}

bool RedisImprovementActions::Update(const domain::ImprovementAction& action, const std::string& request_id) {
  const std::vector<redis::Command> writes{
      {"SET", keys::Action(action.action_id), ToProto(action).SerializeAsString()},
      {"ZADD", keys::ActionsOf(action.store_id), DueScore(action), action.action_id},
  };
  auto connection = pool_.Acquire();
  if (request_id.empty()) {
    redis::Apply(*connection, writes);
    return true;
  }
  return redis::ApplyOnce(*connection, keys::ActionRequest(action.action_id, request_id), "1", writes,
                          kRequestGuardTtl);
}

std::optional<domain::ImprovementAction> RedisImprovementActions::Get(const std::string& action_id) {
  auto connection = pool_.Acquire();
  const redis::Reply reply = connection->Run({"GET", keys::Action(action_id)});
  pb::ImprovementAction record;
  if (reply.IsNil() || !record.ParseFromArray(reply.Str().data(), static_cast<int>(reply.Str().size()))) {
    return std::nullopt;
  }
  return FromProto(record);
}

std::vector<domain::ImprovementAction> RedisImprovementActions::ListByStore(const std::string& store_id) {
  auto connection = pool_.Acquire();
  const redis::Reply ids = connection->Run({"ZRANGE", keys::ActionsOf(store_id), "0", "-1"});
  std::vector<redis::Command> gets;
  for (size_t i = 0; i < ids.Size(); ++i) {
    gets.push_back({"GET", keys::Action(std::string(redis::ElementStr(ids.Element(i))))});
  }
  std::vector<domain::ImprovementAction> actions;
  for (auto& reply : connection->Pipeline(gets)) {
    pb::ImprovementAction record;
    if (!reply.IsNil() && record.ParseFromArray(reply.Str().data(), static_cast<int>(reply.Str().size()))) {
      actions.push_back(FromProto(record));
    }
  }
  return actions;
}

}  // namespace careloop::surveys::adapters
