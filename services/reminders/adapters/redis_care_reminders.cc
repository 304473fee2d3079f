#include "services/reminders/adapters/redis_care_reminders.h"

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/outbox/outbox.h"
#include "common/redis/optimistic.h"
#include "services/reminders/adapters/proto_mapping.h"
#include "services/reminders/adapters/redis_keys.h"

namespace careloop::reminders::adapters {
namespace {

constexpr const char* kSource = "/careloop/reminders";
constexpr int kMaxAttempts = 8;

// The event closing `reminder` (already in its closed status), with an id derived from what
// happened, so a re-run publishes an event consumers dedupe.
redis::Command Announce(const domain::Reminder& reminder, const std::string& reason, Instant now) {
  const auto publish = [&](const google::protobuf::Message& payload, std::string_view what) {
    return outbox::AppendCommand(keys::kOutbox, kafka::kReminderTopic,
                                 events::MakeEvent(payload, kSource, reminder.customer_id,
                                                   DerivedId("evt-", {what, reminder.reminder_id}), now));
  };
  if (reminder.status == domain::ReminderStatus::kDone) {
    pb::ReminderCompleted completed;
    completed.set_reminder_id(reminder.reminder_id);
    completed.set_customer_id(reminder.customer_id);
    completed.set_store_id(reminder.store_id);
    completed.set_vehicle_id(reminder.vehicle_id);
    completed.set_kind(ToProto(reminder.kind));
    *completed.mutable_occurred_at() = events::ToTimestamp(now);
    return publish(completed, "completed");
  }
  pb::ReminderCancelled cancelled;
  cancelled.set_reminder_id(reminder.reminder_id);
  cancelled.set_customer_id(reminder.customer_id);
  cancelled.set_store_id(reminder.store_id);
  cancelled.set_vehicle_id(reminder.vehicle_id);
  cancelled.set_kind(ToProto(reminder.kind));
  cancelled.set_reason(reason);
  cancelled.set_occurrence(reminder.occurrence);
  *cancelled.mutable_occurred_at() = events::ToTimestamp(now);
  return publish(cancelled, "cancelled");
}

}  // namespace

ReminderCloseWrites CloseRemindersWrites(redis::Connection& connection, const std::vector<std::string>& ids,
                                         domain::ReminderStatus to, const std::string& reason, Instant now) {
  ReminderCloseWrites result;
  for (const auto& id : ids) {
    const std::string record_key = keys::Reminder(id);
    connection.Run({"WATCH", record_key});
    redis::Reply stored = connection.Run({"GET", record_key});
    if (stored.IsNil()) {
      continue;
    }
    pb::Reminder record;
    const std::string_view blob = stored.Str();
    if (!record.ParseFromArray(blob.data(), static_cast<int>(blob.size()))) {
      continue;
    }
    domain::Reminder reminder = FromProto(record);
    if (!domain::IsOpen(reminder.status)) {
      continue;
    }
    reminder.status = to;
    reminder.reason = (to == domain::ReminderStatus::kDone ? "done: " : "cancelled: ") + reason;
    result.writes.push_back({"SET", record_key, ToProto(reminder).SerializeAsString()});
    result.writes.push_back({"ZREM", keys::kTimers, id});
    result.writes.push_back({"ZREM", keys::kLeases, id});
    if (!reminder.vehicle_id.empty()) {
      result.writes.push_back({"SREM", keys::PendingOfVehicle(reminder.vehicle_id), id});
    }
    result.writes.push_back(Announce(reminder, reason, now));
    ++result.count;
  }
  return result;
}

RedisCareReminders::RedisCareReminders(app::ReminderRepository& repository, redis::Pool& pool,
                                       const clock::Clock& clock)
    : repository_(repository), pool_(pool), clock_(clock) {}

int RedisCareReminders::Close(const std::vector<std::string>& reminder_ids, domain::ReminderStatus to,
                              const std::string& reason) {
  auto connection = pool_.Acquire();
  const Instant now = clock_.Now();
  auto closed = redis::WatchedTransaction<int>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<int>> {
        ReminderCloseWrites close = CloseRemindersWrites(c, reminder_ids, to, reason, now);
        return redis::Commit<int>{std::move(close.writes), close.count};
      },
      kMaxAttempts, Error{ErrorCode::kUnavailable, "", "too many concurrent changes to reminders being closed"});
  if (!closed.ok()) {
    throw redis::RedisUnavailable(closed.error().message);  // the caller's boundary retries
  }
  return closed.value();
}

}  // namespace careloop::reminders::adapters
