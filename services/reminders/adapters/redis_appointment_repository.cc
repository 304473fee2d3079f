#include "services/reminders/adapters/redis_appointment_repository.h"

#include "careloop/reminder/v1/events.pb.h"
#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/outbox/outbox.h"
#include "common/redis/optimistic.h"
#include "services/reminders/adapters/appointment_mapping.h"
#include "services/reminders/adapters/redis_care_keys.h"
#include "services/reminders/adapters/redis_care_reminders.h"
#include "services/reminders/adapters/redis_keys.h"

namespace careloop::reminders::adapters {
namespace {

namespace pb = careloop::reminder::v1;

constexpr const char* kSource = "/careloop/reminders";
constexpr int kMaxAttempts = 8;
constexpr size_t kListLimit = 500;

std::string Ms(Instant instant) {
  return std::to_string(instant.time_since_epoch().count());
}

redis::Command Publish(const google::protobuf::Message& payload, const domain::Appointment& appointment,
                       std::string_view what, Instant now) {
  return outbox::AppendCommand(keys::kOutbox, kafka::kReminderTopic,
                               events::MakeEvent(payload, kSource, appointment.customer_id,
                                                 DerivedId("evt-", {what, appointment.appointment_id}), now));
}

redis::Command Booked(const domain::Appointment& a, Instant now) {
  pb::AppointmentBooked event;
  event.set_appointment_id(a.appointment_id);
  event.set_customer_id(a.customer_id);
  event.set_vehicle_id(a.vehicle_id);
  event.set_store_id(a.store_id);
  *event.mutable_scheduled_at() = events::ToTimestamp(a.scheduled_at);
  *event.mutable_appointment_date() = events::ToProto(a.appointment_date);
  event.set_visit_type(static_cast<careloop::customer::v1::VisitType>(a.visit_type));
  event.set_advisor(a.advisor);
  event.set_answered_reminder_id(a.answered_reminder_id);
  *event.mutable_occurred_at() = events::ToTimestamp(now);
  return Publish(event, a, "appointment-booked", now);
}

// The event announcing `a`'s new status.
redis::Command Changed(const domain::Appointment& a, const std::string& reason, Instant now) {
  switch (a.status) {
    case domain::AppointmentStatus::kCancelled: {
      pb::AppointmentCancelled event;
      event.set_appointment_id(a.appointment_id);
      event.set_customer_id(a.customer_id);
      event.set_vehicle_id(a.vehicle_id);
      event.set_store_id(a.store_id);
      event.set_reason(a.cancel_reason.empty() ? reason : a.cancel_reason);
      *event.mutable_occurred_at() = events::ToTimestamp(now);
      return Publish(event, a, "appointment-cancelled", now);
    }
    case domain::AppointmentStatus::kFulfilled: {
      pb::AppointmentFulfilled event;
      event.set_appointment_id(a.appointment_id);
      event.set_customer_id(a.customer_id);
      event.set_vehicle_id(a.vehicle_id);
      event.set_store_id(a.store_id);
      *event.mutable_appointment_date() = events::ToProto(a.appointment_date);
      event.set_visit_id(a.fulfilled_by_visit_id);
      *event.mutable_occurred_at() = events::ToTimestamp(now);
      return Publish(event, a, "appointment-fulfilled", now);
    }
    default: {
      pb::AppointmentNoShow event;
      event.set_appointment_id(a.appointment_id);
      event.set_customer_id(a.customer_id);
      event.set_vehicle_id(a.vehicle_id);
      event.set_store_id(a.store_id);
      *event.mutable_appointment_date() = events::ToProto(a.appointment_date);
      event.set_advisor(a.advisor);
      *event.mutable_occurred_at() = events::ToTimestamp(now);
      return Publish(event, a, "appointment-no-show", now);
    }
  }
}

std::optional<domain::Appointment> Parse(std::string_view blob) {
  pb::Appointment record;
  if (!record.ParseFromArray(blob.data(), static_cast<int>(blob.size()))) {
    return std::nullopt;
  }
  return FromProto(record);
}

template <typename T>
T OrThrow(Result<T> result) {
  if (!result.ok()) {
    throw redis::RedisUnavailable(result.error().message);  // the caller's boundary retries
  }
  return std::move(result).value();
}

}  // namespace

RedisAppointmentRepository::RedisAppointmentRepository(redis::Pool& pool, const clock::Clock& clock)
    : pool_(pool), clock_(clock) {}

bool RedisAppointmentRepository::Book(const domain::Appointment& appointment,
                                      const std::vector<std::string>& suppressed) {
  auto connection = pool_.Acquire();
  const std::string record_key = keys::Appointment(appointment.appointment_id);
  const Instant now = clock_.Now();
  return OrThrow(redis::WatchedTransaction<bool>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<bool>> {
        c.Run({"WATCH", record_key});
        if (!c.Run({"GET", record_key}).IsNil()) {
          return redis::Commit<bool>{{}, false};
        }
        ReminderCloseWrites close = CloseRemindersWrites(c, suppressed, domain::ReminderStatus::kCancelled,
                                                         std::string(domain::kAppointmentBooked), now);
        const std::string start = Ms(appointment.scheduled_at);
        std::vector<redis::Command> writes{
            {"SET", record_key, ToProto(appointment).SerializeAsString()},
            {"ZADD", keys::AppointmentsOfCustomer(appointment.customer_id), start, appointment.appointment_id},
            {"ZADD", keys::AppointmentsOfStore(appointment.store_id), start, appointment.appointment_id},
            {"ZADD", keys::AppointmentsOfVehicle(appointment.vehicle_id), start, appointment.appointment_id},
            {"ZADD", keys::kBookedAppointments, Ms(appointment.day_ends_at), appointment.appointment_id},
            Booked(appointment, now),
        };
        for (auto& command : close.writes) {
          writes.push_back(std::move(command));
        }
        return redis::Commit<bool>{std::move(writes), true};
      },
      kMaxAttempts,
      Error{ErrorCode::kUnavailable, "", "too many concurrent changes to appointment " + appointment.appointment_id}));
}

bool RedisAppointmentRepository::Transition(const domain::Appointment& next, const std::vector<std::string>& cancel,
                                            const std::string& reason) {
  auto connection = pool_.Acquire();
  const std::string record_key = keys::Appointment(next.appointment_id);
  const Instant now = clock_.Now();
  return OrThrow(redis::WatchedTransaction<bool>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<bool>> {
        c.Run({"WATCH", record_key});
        redis::Reply stored = c.Run({"GET", record_key});
        auto current = stored.IsNil() ? std::nullopt : Parse(stored.Str());
        if (!current || current->status != domain::AppointmentStatus::kBooked) {
          return redis::Commit<bool>{{}, false};
        }
        ReminderCloseWrites close = CloseRemindersWrites(c, cancel, domain::ReminderStatus::kCancelled, reason, now);
        std::vector<redis::Command> writes{
            {"SET", record_key, ToProto(next).SerializeAsString()},
            {"ZREM", keys::kBookedAppointments, next.appointment_id},
            Changed(next, reason, now),
        };
        for (auto& command : close.writes) {
          writes.push_back(std::move(command));
        }
        return redis::Commit<bool>{std::move(writes), true};
      },
      kMaxAttempts,
      Error{ErrorCode::kUnavailable, "", "too many concurrent changes to appointment " + next.appointment_id}));
}

std::optional<domain::Appointment> RedisAppointmentRepository::Find(const std::string& appointment_id) {
  auto connection = pool_.Acquire();
  redis::Reply stored = connection->Run({"GET", keys::Appointment(appointment_id)});
  return stored.IsNil() ? std::nullopt : Parse(stored.Str());
}

std::vector<domain::Appointment> RedisAppointmentRepository::Load(redis::Connection& connection,
                                                                  const redis::Reply& ids) {
  std::vector<redis::Command> gets;
  for (size_t i = 0; i < ids.Size(); ++i) {
    gets.push_back({"GET", keys::Appointment(std::string(redis::ElementStr(ids.Element(i))))});
  }
  std::vector<domain::Appointment> found;
  for (auto& reply : connection.Pipeline(gets)) {
    if (!reply.IsNil()) {
      if (auto appointment = Parse(reply.Str())) {
        found.push_back(std::move(*appointment));
      }
    }
  }
  return found;
}

std::vector<domain::Appointment> RedisAppointmentRepository::ListByCustomer(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  return Load(*connection, connection->Run({"ZRANGE", keys::AppointmentsOfCustomer(customer_id), "0",
                                            std::to_string(kListLimit - 1)}));
}

std::vector<domain::Appointment> RedisAppointmentRepository::ListByStore(const std::string& store_id) {
  auto connection = pool_.Acquire();
  // The latest kListLimit: a store's history grows, the upcoming ones matter.
  return Load(*connection, connection->Run({"ZRANGE", keys::AppointmentsOfStore(store_id),
                                            std::to_string(-static_cast<int64_t>(kListLimit)), "-1"}));
}

std::vector<domain::Appointment> RedisAppointmentRepository::ListByVehicle(const std::string& vehicle_id) {
  auto connection = pool_.Acquire();
  return Load(*connection, connection->Run({"ZRANGE", keys::AppointmentsOfVehicle(vehicle_id), "0", "-1"}));
}

std::vector<domain::Appointment> RedisAppointmentRepository::DayEndedBy(Instant now, int limit) {
  auto connection = pool_.Acquire();
  std::vector<domain::Appointment> booked;
  for (auto& appointment : Load(*connection, connection->Run({"ZRANGEBYSCORE", keys::kBookedAppointments, "-inf",
                                                              Ms(now), "LIMIT", "0", std::to_string(limit)}))) {
    if (appointment.status == domain::AppointmentStatus::kBooked) {
      booked.push_back(std::move(appointment));
    }
  }
  return booked;
}

}  // namespace careloop::reminders::adapters
