#include "services/dispatch/adapters/redis_call_task_store.h"

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/outbox/outbox.h"
#include "common/redis/atomic_write.h"
#include "services/dispatch/adapters/call_task_mapping.h"
#include "services/dispatch/adapters/proto_mapping.h"
#include "services/dispatch/adapters/redis_keys.h"

namespace careloop::dispatch::adapters {
namespace {

constexpr const char* kSource = "/careloop/dispatch";

std::string Ms(Instant instant) {
  return std::to_string(instant.time_since_epoch().count());
}

std::string Score(const domain::CallTask& task) {
  return task.due_at == Instant{} ? std::to_string(task_keys::kUndated) : Ms(task.due_at);
}

// Event ids derive from the task and the change, so a re-run writes what consumers see as the same event.
redis::Command Publish(const google::protobuf::Message& payload, const domain::CallTask& task, std::string_view what,
                       Instant now) {
  return outbox::AppendCommand(keys::kOutbox, kafka::kDispatchTopic,
                               events::MakeEvent(payload, kSource, task.customer_id,
                                                 DerivedId("evt-", {what, task.task_id, Ms(task.due_at)}), now));
}

// The task and its indexes (scores follow the due time).
std::vector<redis::Command> TaskCommands(const domain::CallTask& task) {
  const std::string score = Score(task);
  return {
      {"SET", task_keys::Task(task.task_id), ToProto(task).SerializeAsString()},
      {"ZADD", task_keys::OfStore(task.store_id), score, task.task_id},
      {"ZADD", task_keys::OfCustomer(task.customer_id), score, task.task_id},
      {"ZADD", task_keys::OfAssignee(task.assignee), score, task.task_id},
  };
}

// The ledger message of the task's contact, as the message ledger keeps messages.
std::vector<redis::Command> MessageCommands(const domain::Message& message) {
  return {
      {"SET", keys::Message(message.message_id), ToProto(message).SerializeAsString()},
      {"ZADD", keys::OfCustomer(message.customer_id), "NX", Ms(message.created_at), message.message_id},
      {"ZADD", keys::OfStore(message.store_id), "NX", Ms(message.created_at), message.message_id},
  };
}

std::optional<domain::CallTask> Parse(const redis::Reply& stored) {
  pb::CallTask record;
  if (stored.IsNil() || !record.ParseFromArray(stored.Str().data(), static_cast<int>(stored.Str().size()))) {
    return std::nullopt;
  }
  return FromProto(record);
}

}  // namespace

RedisCallTaskStore::RedisCallTaskStore(redis::Pool& pool, const clock::Clock& clock) : pool_(pool), clock_(clock) {}

std::optional<domain::CallTask> RedisCallTaskStore::Find(const std::string& task_id) {
  auto connection = pool_.Acquire();
  return Parse(connection->Run({"GET", task_keys::Task(task_id)}));
}

bool RedisCallTaskStore::Open(const domain::CallTask& task, const domain::Message& message) {
  std::vector<redis::Command> writes = TaskCommands(task);
  // The guard wrote the task itself: the first SET is the guard's.
  writes.erase(writes.begin());
  for (auto& command : MessageCommands(message)) {
    writes.push_back(std::move(command));
  }
  // The ledger message's claim: the message id is settled (the step went to staff).
  writes.push_back({"SET", keys::Claim(message.message_id), "task"});
  if (task.due_at != Instant{}) {
    writes.push_back({"ZADD", task_keys::kOverdueWatch, Ms(task.due_at), task.task_id});
  }
  writes.push_back(Publish(CreatedEvent(task), task, "task-created", task.created_at));
  auto connection = pool_.Acquire();
  return redis::ApplyOnce(*connection, task_keys::Task(task.task_id), ToProto(task).SerializeAsString(), writes);
}

bool RedisCallTaskStore::Complete(const domain::CallTask& task, const domain::Message& message,
                                  const std::string& request_id) {
  std::vector<redis::Command> writes = TaskCommands(task);
  for (auto& command : MessageCommands(message)) {
    writes.push_back(std::move(command));
  }
  writes.push_back({"ZREM", task_keys::kOverdueWatch, task.task_id});
  writes.push_back(Publish(CompletedEvent(task), task, "task-completed", task.completed_at));
  auto connection = pool_.Acquire();
  return redis::ApplyOnce(*connection, task_keys::Done(task.task_id), request_id.empty() ? "-" : request_id, writes);
}

std::optional<std::string> RedisCallTaskStore::CompletionRequest(const std::string& task_id) {
  auto connection = pool_.Acquire();
  redis::Reply done = connection->Run({"GET", task_keys::Done(task_id)});
  if (done.IsNil()) {
    return std::nullopt;
  }
  return std::string(done.Str());
}

void RedisCallTaskStore::Escalate(const domain::CallTask& task) {
  // Guarded by the completion's key, which is released again: a task completed meanwhile stays as it is.
  std::vector<redis::Command> writes = TaskCommands(task);
  writes.push_back({"ZREM", task_keys::kOverdueWatch, task.task_id});
  writes.push_back(Publish(EscalatedEvent(task), task, "task-escalated", task.escalated_at));
  writes.push_back({"DEL", task_keys::Done(task.task_id)});
  auto connection = pool_.Acquire();
  if (!redis::ApplyOnce(*connection, task_keys::Done(task.task_id), "escalating", writes)) {
    connection->Run({"ZREM", task_keys::kOverdueWatch, task.task_id});  // done: nothing to watch
  }
}

void RedisCallTaskStore::Reschedule(const domain::CallTask& task, const std::string& why) {
  const Instant now = clock_.Now();
  std::vector<redis::Command> writes = TaskCommands(task);
  if (task.due_at != Instant{}) {
    writes.push_back({"ZADD", task_keys::kOverdueWatch, Ms(task.due_at), task.task_id});
  }
  writes.push_back(Publish(RescheduledEvent(task, why, now), task, "task-rescheduled", now));
  writes.push_back({"DEL", task_keys::Done(task.task_id)});
  auto connection = pool_.Acquire();
  (void)redis::ApplyOnce(*connection, task_keys::Done(task.task_id), "rescheduling", writes);
}

std::vector<domain::CallTask> RedisCallTaskStore::Load(const std::string& index_key, const std::string& max_score,
                                                       int limit) {
  auto connection = pool_.Acquire();
  redis::Reply ids =
      connection->Run({"ZRANGEBYSCORE", index_key, "-inf", max_score, "LIMIT", "0", std::to_string(limit)});
  std::vector<redis::Command> gets;
  for (size_t i = 0; i < ids.Size(); ++i) {
    gets.push_back({"GET", task_keys::Task(std::string(redis::ElementStr(ids.Element(i))))});
  }
  std::vector<domain::CallTask> tasks;
  if (gets.empty()) {
    return tasks;
  }
  for (auto& reply : connection->Pipeline(gets)) {
    if (auto task = Parse(reply)) {
      tasks.push_back(std::move(*task));
    }
  }
  return tasks;
}

std::vector<domain::CallTask> RedisCallTaskStore::Overdue(Instant now, int limit) {
  return Load(task_keys::kOverdueWatch, "(" + Ms(now), limit);
}

std::vector<domain::CallTask> RedisCallTaskStore::ListByStore(const std::string& store_id) {
  return Load(task_keys::OfStore(store_id), "+inf", 5000);
}

std::vector<domain::CallTask> RedisCallTaskStore::ListByCustomer(const std::string& customer_id) {
  return Load(task_keys::OfCustomer(customer_id), "+inf", 500);
}

}  // namespace careloop::dispatch::adapters
