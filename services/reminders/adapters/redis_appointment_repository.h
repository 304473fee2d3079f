#pragma once

#include "common/clock/clock.h"
#include "common/redis/client.h"
#include "services/reminders/app/care_ports.h"

namespace careloop::reminders::adapters {

/// AppointmentRepository on Redis: appointments as protobuf strings indexed by customer, store
/// and vehicle, booked ones queued by the end of their day for the no-show sweep; every change
/// with its event (outbox) and the reminders it closes in one MULTI/EXEC.
class RedisAppointmentRepository final : public app::AppointmentRepository {
 public:
  RedisAppointmentRepository(redis::Pool& pool, const clock::Clock& clock);

  bool Book(const domain::Appointment& appointment, const std::vector<std::string>& suppressed) override;
  bool Transition(const domain::Appointment& next, const std::vector<std::string>& cancel,
                  const std::string& reason) override;
  [[nodiscard]] std::optional<domain::Appointment> Find(const std::string& appointment_id) override;
  [[nodiscard]] std::vector<domain::Appointment> ListByCustomer(const std::string& customer_id) override;
  [[nodiscard]] std::vector<domain::Appointment> ListByStore(const std::string& store_id) override;
  [[nodiscard]] std::vector<domain::Appointment> ListByVehicle(const std::string& vehicle_id) override;
  [[nodiscard]] std::vector<domain::Appointment> DayEndedBy(Instant now, int limit) override;

 private:
  std::vector<domain::Appointment> Load(redis::Connection& connection, const redis::Reply& ids);

  redis::Pool& pool_;
  const clock::Clock& clock_;
};

}  // namespace careloop::reminders::adapters
