// RedisReminderRepository's app::ReplanRepository side: moving, cancelling and following up
// one reminder, each with its event in one optimistic transaction on the reminder's record.
#include <functional>

#include "common/redis/optimistic.h"
#include "services/reminders/adapters/redis_reminder_commands.h"
#include "services/reminders/adapters/redis_reminder_repository.h"

namespace careloop::reminders::adapters {
using namespace store;  // NOLINT(google-build-using-namespace): this store's own helpers

namespace {

// One step on one reminder's record: `change` sees the stored reminder (nullopt when unknown)
// and returns the writes, or none to leave it as it is. Throws RedisUnavailable when other
// writers keep winning (the caller's boundary retries).
using Change = std::function<std::vector<redis::Command>(const std::optional<domain::Reminder>&)>;

bool ChangeReminder(redis::Connection& connection, const std::string& reminder_id, const Change& change) {
  const std::string record_key = keys::Reminder(reminder_id);
  auto changed = redis::WatchedTransaction<bool>(
      connection,
      [&](redis::Connection& c) -> Result<redis::Commit<bool>> {
        c.Run({"WATCH", record_key});
        redis::Reply stored = c.Run({"GET", record_key});
        std::vector<redis::Command> writes = change(stored.IsNil() ? std::nullopt : Parse(stored.Str()));
        const bool any = !writes.empty();
        return redis::Commit<bool>{std::move(writes), any};
      },
      kMaxAttempts, Error{ErrorCode::kUnavailable, "", "too many concurrent changes to reminder " + reminder_id});
  if (!changed.ok()) {
    throw redis::RedisUnavailable(changed.error().message);
  }
  return changed.value();
}

// The record and every index that orders it by due time, at its new due time.
std::vector<redis::Command> MoveCommands(const domain::Reminder& moved) {
  const std::string due = std::to_string(Ms(moved.due_at));
  return {
      {"SET", keys::Reminder(moved.reminder_id), ToProto(moved).SerializeAsString()},
      {"ZADD", keys::kTimers, due, moved.reminder_id},
      {"ZADD", keys::OfCustomer(moved.customer_id), due, moved.reminder_id},
      {"ZADD", keys::OfStore(moved.store_id), due, moved.reminder_id},
  };
}

redis::Command PublishRescheduled(const domain::Reminder& previous, const domain::Reminder& moved, Instant now) {
  auto event = About<pb::ReminderRescheduled>(moved, now);
  *event.mutable_previous_due_at() = events::ToTimestamp(previous.due_at);
  *event.mutable_due_at() = events::ToTimestamp(moved.due_at);
  *event.mutable_previous_service_due_date() = events::ToProto(previous.service_due_date);
  *event.mutable_service_due_date() = events::ToProto(moved.service_due_date);
  event.set_service_due_km(moved.service_due_km);
  event.set_occurrence(moved.occurrence);
  event.set_reason(moved.reason);
  // Derived from where it moved to: a replayed move publishes an event consumers dedupe.
  return Publish(event, moved.customer_id,
                 DerivedId("evt-", {"rescheduled", moved.reminder_id, std::to_string(moved.occurrence),
                                    std::to_string(Ms(moved.due_at)), moved.service_due_date.ToString()}),
                 now);
}

}  // namespace

std::vector<domain::Reminder> RedisReminderRepository::Scheduled(const std::string& store_id,
                                                                 domain::ReminderKind kind) {
  auto connection = pool_.Acquire();
  std::vector<domain::Reminder> scheduled;
  for (auto& reminder : Load(*connection, Ids(connection->Run({"ZRANGE", keys::OfStore(store_id), "0", "-1"})))) {
    if (reminder.status == domain::ReminderStatus::kScheduled && reminder.kind == kind) {
      scheduled.push_back(std::move(reminder));
    }
  }
  return scheduled;
}

std::vector<domain::Reminder> RedisReminderRepository::OpenOfVehicle(const std::string& vehicle_id) {
  auto connection = pool_.Acquire();
  std::vector<domain::Reminder> open;
  for (auto& reminder : Load(*connection, Ids(connection->Run({"SMEMBERS", keys::PendingOfVehicle(vehicle_id)})))) {
    if (domain::IsOpen(reminder.status)) {
      open.push_back(std::move(reminder));
    }
  }
  return open;
}

bool RedisReminderRepository::Reschedule(const domain::Reminder& previous, const domain::Reminder& moved) {
  auto connection = pool_.Acquire();
  const Instant now = clock_.Now();
  return ChangeReminder(
      *connection, previous.reminder_id,
      [&](const std::optional<domain::Reminder>& stored) -> std::vector<redis::Command> {
        if (!stored || stored->status != domain::ReminderStatus::kScheduled || stored->due_at != previous.due_at ||
            stored->service_due_date != previous.service_due_date || stored->occurrence != moved.occurrence) {
          return {};  // fired, closed or moved meanwhile: the caller's view is stale
        }
        domain::Reminder next = *stored;
        next.due_at = moved.due_at;
        next.service_due_date = moved.service_due_date;
        next.service_due_km = moved.service_due_km;
        next.lead_days = moved.lead_days;
        next.rule_id = moved.rule_id;
        next.template_id = moved.template_id;
        next.channel_plan_id = moved.channel_plan_id;
        next.reason = moved.reason;
        std::vector<redis::Command> writes = MoveCommands(next);
        writes.push_back(PublishRescheduled(*stored, next, now));
        return writes;
      });
}

std::optional<domain::Reminder> RedisReminderRepository::Cancel(const std::string& reminder_id,
                                                                const std::string& reason) {
  auto connection = pool_.Acquire();
  std::optional<domain::Reminder> cancelled;
  const Instant now = clock_.Now();
  const bool changed = ChangeReminder(
      *connection, reminder_id, [&](const std::optional<domain::Reminder>& stored) -> std::vector<redis::Command> {
        cancelled.reset();
        if (!stored || !domain::IsOpen(stored->status)) {
          return {};
        }
        cancelled = *stored;
        cancelled->status = domain::ReminderStatus::kCancelled;
        cancelled->reason = "cancelled: " + reason;
        return CancelCommands(*stored, reason, now);
      });
  return changed ? cancelled : std::nullopt;
}

bool RedisReminderRepository::FollowUp(const std::string& reminder_id, Instant at, const std::string& reason) {
  auto connection = pool_.Acquire();
  const Instant now = clock_.Now();
  return ChangeReminder(*connection, reminder_id,
                        [&](const std::optional<domain::Reminder>& stored) -> std::vector<redis::Command> {
                          if (!stored || stored->status != domain::ReminderStatus::kDue || stored->occurrence != 1) {
                            return {};  // answered, cancelled, or followed up already
                          }
                          domain::Reminder next = *stored;
                          next.status = domain::ReminderStatus::kScheduled;
                          next.occurrence = 2;
                          next.due_at = at;
                          next.fired_at = Instant{};
                          next.reason = reason;
                          std::vector<redis::Command> writes = MoveCommands(next);
                          writes.push_back(PublishRescheduled(*stored, next, now));
                          return writes;
                        });
}

void RedisReminderRepository::RecordVehicle(const domain::VehicleFacts& vehicle, Date delivery_date) {
  auto connection = pool_.Acquire();
  connection->Run({"HSET", keys::VehicleFacts(vehicle.vehicle_id), "customer_id", vehicle.customer_id, "store_id",
                   vehicle.store_id, "model", vehicle.model, "delivery", delivery_date.ToString()});
}

std::optional<domain::VehicleFacts> RedisReminderRepository::Vehicle(const std::string& vehicle_id) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"HMGET", keys::VehicleFacts(vehicle_id), "customer_id", "store_id", "model"});
  if (reply.Size() != 3 || reply.Element(0)->type == REDIS_REPLY_NIL) {
    return std::nullopt;
  }
  return domain::VehicleFacts{std::string(redis::ElementStr(reply.Element(0))), vehicle_id,
                              std::string(redis::ElementStr(reply.Element(1))),
                              std::string(redis::ElementStr(reply.Element(2)))};
}

std::optional<Date> RedisReminderRepository::DeliveryDate(const std::string& vehicle_id) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"HGET", keys::VehicleFacts(vehicle_id), "delivery"});
  return reply.IsNil() ? std::nullopt : Date::Parse(reply.Str());
}

}  // namespace careloop::reminders::adapters
