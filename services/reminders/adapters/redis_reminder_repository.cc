#include "services/reminders/adapters/redis_reminder_repository.h"

#include <algorithm>
#include <chrono>

#include "common/redis/atomic_write.h"
#include "common/redis/optimistic.h"
#include "common/redis/timer_queue.h"
#include "services/reminders/adapters/redis_reminder_commands.h"

namespace careloop::reminders::adapters {
using namespace store;  // NOLINT(google-build-using-namespace): this store's own helpers

RedisReminderRepository::RedisReminderRepository(redis::Pool& pool, const clock::Clock& clock)
    : pool_(pool), clock_(clock) {}

bool RedisReminderRepository::Schedule(const domain::Reminder& reminder) {
  auto connection = pool_.Acquire();
  // The record key is its own guard: a reminder id that exists (in any status) is never re-made.
  return redis::ApplyOnce(*connection, keys::Reminder(reminder.reminder_id), ToProto(reminder).SerializeAsString(),
                          ScheduleCommands(reminder, clock_.Now()));
}

bool RedisReminderRepository::ApplyVisit(const std::string& visit_id, const std::string& vehicle_id, bool complete_open,
                                         const std::vector<domain::Reminder>& plan, const std::string& reason) {
  auto connection = pool_.Acquire();
  const std::string guard = keys::AppliedVisit(visit_id);
  const std::string pending_key = keys::PendingOfVehicle(vehicle_id);
  const Instant now = clock_.Now();
  auto applied = redis::WatchedTransaction<bool>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<bool>> {
        c.Run({"WATCH", guard, pending_key});
        if (!c.Run({"GET", guard}).IsNil()) {
          return redis::Commit<bool>{{}, false};
        }
        const auto planned = [&](const std::string& id) {
          return std::any_of(plan.begin(), plan.end(), [&](const auto& r) { return r.reminder_id == id; });
        };
        std::vector<redis::Command> writes;
        if (complete_open) {
          for (auto& reminder : Load(c, Ids(c.Run({"SMEMBERS", pending_key})))) {
            if (!domain::IsOpen(reminder.status) || !domain::IsMaintenance(reminder.kind) ||
                planned(reminder.reminder_id)) {
              continue;
            }
            for (auto& command : CompleteCommands(std::move(reminder), visit_id, reason, now)) {
              writes.push_back(std::move(command));
            }
          }
        }
        for (const auto& next : plan) {
          if (c.Run({"EXISTS", keys::Reminder(next.reminder_id)}).Integer() != 0) {
            continue;
          }
          writes.push_back({"SET", keys::Reminder(next.reminder_id), ToProto(next).SerializeAsString()});
          for (auto& command : ScheduleCommands(next, now)) {
            writes.push_back(std::move(command));
          }
        }
        writes.push_back({"SET", guard, "1"});
        return redis::Commit<bool>{std::move(writes), true};
      },
      kMaxAttempts, Error{ErrorCode::kUnavailable, "", "too many concurrent changes to vehicle " + vehicle_id});
  if (!applied.ok()) {
    throw redis::RedisUnavailable(applied.error().message);  // the caller's boundary retries
  }
  return applied.value();
}

int RedisReminderRepository::CancelOpen(const std::string& vehicle_id, const std::string& reason,
                                        const std::string& policy_id) {
  auto connection = pool_.Acquire();
  const std::string open_key = keys::PendingOfVehicle(vehicle_id);
  const Instant now = clock_.Now();
  auto cancelled = redis::WatchedTransaction<int>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<int>> {
        c.Run({"WATCH", open_key});
        std::vector<redis::Command> writes;
        int count = 0;
        for (auto& reminder : Load(c, Ids(c.Run({"SMEMBERS", open_key})))) {
          if (!domain::IsOpen(reminder.status) || (!policy_id.empty() && reminder.policy_id != policy_id)) {
            continue;
          }
          c.Run({"WATCH", keys::Reminder(reminder.reminder_id)});
          for (auto& command : CancelCommands(std::move(reminder), reason, now)) {
            writes.push_back(std::move(command));
          }
          ++count;
        }
        return redis::Commit<int>{std::move(writes), count};
      },
      kMaxAttempts, Error{ErrorCode::kUnavailable, "", "too many concurrent changes to vehicle " + vehicle_id});
  if (!cancelled.ok()) {
    throw redis::RedisUnavailable(cancelled.error().message);  // the caller's boundary retries
  }
  return cancelled.value();
}

bool RedisReminderRepository::Miss(const domain::Reminder& missed) {
  auto connection = pool_.Acquire();
  const std::string record_key = keys::Reminder(missed.reminder_id);
  const Instant now = clock_.Now();
  auto marked = redis::WatchedTransaction<bool>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<bool>> {
        c.Run({"WATCH", record_key});
        redis::Reply stored = c.Run({"GET", record_key});
        auto current = stored.IsNil() ? std::nullopt : Parse(stored.Str());
        if (!current || current->status != domain::ReminderStatus::kScheduled) {
          return redis::Commit<bool>{{{"ZREM", keys::kLeases, missed.reminder_id}}, false};
        }
        return redis::Commit<bool>{CloseCommands(missed, PublishMissed(missed, now)), true};
      },
      kMaxAttempts,
      Error{ErrorCode::kUnavailable, "", "too many concurrent changes to reminder " + missed.reminder_id});
  if (!marked.ok()) {
    throw redis::RedisUnavailable(marked.error().message);  // the caller's boundary retries
  }
  return marked.value();
}

std::string RedisReminderRepository::ChurnStageOf(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  redis::Reply stage = connection->Run({"HGET", keys::kChurnStages, customer_id});
  return stage.IsNil() ? "" : std::string(stage.Str());
}

void RedisReminderRepository::RecordChurnStage(const std::string& customer_id, std::string_view stage) {
  auto connection = pool_.Acquire();
  connection->Run({"HSET", keys::kChurnStages, customer_id, std::string(stage)});
}

void RedisReminderRepository::RecordOdometer(const std::string& vehicle_id, const domain::OdometerReading& reading) {
  auto connection = pool_.Acquire();
  connection->Run({"HSET", keys::Odometer(vehicle_id), reading.date.ToString(), std::to_string(reading.km)});
}

std::vector<domain::OdometerReading> RedisReminderRepository::Odometer(const std::string& vehicle_id) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"HGETALL", keys::Odometer(vehicle_id)});
  std::vector<domain::OdometerReading> readings;
  for (size_t i = 0; i + 1 < reply.Size(); i += 2) {
    if (auto date = Date::Parse(redis::ElementStr(reply.Element(i)))) {
      readings.push_back({*date, std::stoi(std::string(redis::ElementStr(reply.Element(i + 1))))});
    }
  }
  return readings;
}

void RedisReminderRepository::RecordPolicy(const domain::PolicyFacts& policy) {
  auto connection = pool_.Acquire();
  connection->Run({"HSET", keys::Policies(policy.vehicle.vehicle_id), policy.policy_id,
                   std::string(policy.compulsory ? "c" : "m") + " " + policy.start_date.ToString() + " " +
                       policy.end_date.ToString()});
}

std::vector<domain::PolicyFacts> RedisReminderRepository::Policies(const domain::VehicleFacts& vehicle) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"HGETALL", keys::Policies(vehicle.vehicle_id)});
  std::vector<domain::PolicyFacts> policies;
  for (size_t i = 0; i + 1 < reply.Size(); i += 2) {
    const std::string value(redis::ElementStr(reply.Element(i + 1)));
    auto start = value.size() >= 23 ? Date::Parse(value.substr(2, 10)) : std::nullopt;
    auto end = value.size() >= 23 ? Date::Parse(value.substr(13, 10)) : std::nullopt;
    if (start && end) {
      policies.push_back({vehicle, std::string(redis::ElementStr(reply.Element(i))), value[0] == 'c', *start, *end});
    }
  }
  return policies;
}

std::vector<std::string> RedisReminderRepository::ClaimDue(Instant now, Millis lease, int limit) {
  auto connection = pool_.Acquire();
  return redis::ClaimDueTimers(*connection, {keys::kTimers, keys::kLeases}, now, lease, limit);
}

bool RedisReminderRepository::Fire(const std::string& reminder_id, Instant fired_at) {
  auto connection = pool_.Acquire();
  const std::string record_key = keys::Reminder(reminder_id);
  const Error not_scheduled{ErrorCode::kFailedPrecondition, "reminder_id", "is no longer scheduled"};
  auto fired = redis::WatchedTransaction<bool>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<bool>> {
        c.Run({"WATCH", record_key});
        redis::Reply stored = c.Run({"GET", record_key});
        auto reminder = stored.IsNil() ? std::nullopt : Parse(stored.Str());
        if (!reminder || reminder->status != domain::ReminderStatus::kScheduled) {
          return not_scheduled;
        }
        return redis::Commit<bool>{DueCommands(*reminder, fired_at), true};
      },
      kMaxAttempts, Error{ErrorCode::kUnavailable, "", "too many concurrent changes to reminder " + reminder_id});
  if (fired.ok()) {
    return true;
  }
  if (fired.error().code != ErrorCode::kFailedPrecondition) {
    throw redis::RedisUnavailable(fired.error().message);  // the caller's boundary retries
  }
  // Cancelled (or gone) meanwhile: it only loses its lease.
  connection->Run({"ZREM", keys::kLeases, reminder_id});
  return false;
}

std::vector<std::string> RedisReminderRepository::FireMany(const std::vector<std::string>& reminder_ids,
                                                           Instant fired_at) {
  if (reminder_ids.empty()) {
    return {};
  }
  auto connection = pool_.Acquire();
  // One WATCH, one pipelined read and one MULTI/EXEC for the whole batch (Fire takes three round
  // trips per reminder). A change to any of them meanwhile (a cancel) re-runs the batch.
  auto fired = redis::WatchedTransaction<std::vector<std::string>>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<std::vector<std::string>>> {
        redis::Command watch{"WATCH"};
        for (const auto& id : reminder_ids) {
          watch.push_back(keys::Reminder(id));
        }
        c.Run(watch);
        std::vector<redis::Command> writes;
        std::vector<std::string> firing;
        for (auto& reminder : Load(c, reminder_ids)) {
          if (reminder.status != domain::ReminderStatus::kScheduled) {
            continue;
          }
          firing.push_back(reminder.reminder_id);
          for (auto& command : DueCommands(std::move(reminder), fired_at)) {
            writes.push_back(std::move(command));
          }
        }
        // Cancelled (or gone) meanwhile: it only loses its lease.
        for (const auto& id : reminder_ids) {
          if (std::find(firing.begin(), firing.end(), id) == firing.end()) {
            writes.push_back({"ZREM", keys::kLeases, id});
          }
        }
        return redis::Commit<std::vector<std::string>>{std::move(writes), std::move(firing)};
      },
      kMaxAttempts, Error{ErrorCode::kUnavailable, "", "too many concurrent changes to a batch of due reminders"});
  if (!fired.ok()) {
    throw redis::RedisUnavailable(fired.error().message);  // the caller's boundary retries
  }
  return fired.value();
}

std::vector<domain::Reminder> RedisReminderRepository::FindMany(const std::vector<std::string>& reminder_ids) {
  auto connection = pool_.Acquire();
  return Load(*connection, reminder_ids);
}

std::optional<domain::Reminder> RedisReminderRepository::Find(const std::string& reminder_id) {
  auto connection = pool_.Acquire();
  redis::Reply stored = connection->Run({"GET", keys::Reminder(reminder_id)});
  return stored.IsNil() ? std::nullopt : Parse(stored.Str());
}

std::vector<domain::Reminder> RedisReminderRepository::Load(redis::Connection& connection,
                                                            const std::vector<std::string>& ids) {
  std::vector<redis::Command> gets;
  gets.reserve(ids.size());
  for (const auto& id : ids) {
    gets.push_back({"GET", keys::Reminder(id)});
  }
  std::vector<domain::Reminder> reminders;
  for (auto& reply : connection.Pipeline(gets)) {
    if (!reply.IsNil()) {
      if (auto reminder = Parse(reply.Str())) {
        reminders.push_back(std::move(*reminder));
      }
    }
  }
  return reminders;
}

std::vector<domain::Reminder> RedisReminderRepository::ListByCustomer(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  return Load(*connection, Ids(connection->Run({"ZRANGE", keys::OfCustomer(customer_id), "0", "-1"})));
}

std::vector<domain::Reminder> RedisReminderRepository::ListByStore(const std::string& store_id, size_t limit) {
  auto connection = pool_.Acquire();
  return Load(*connection, Ids(connection->Run({"ZRANGE", keys::OfStore(store_id), "0", std::to_string(limit - 1)})));
}

}  // namespace careloop::reminders::adapters
