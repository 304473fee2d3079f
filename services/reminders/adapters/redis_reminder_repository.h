#pragma once

#include "common/clock/clock.h"
#include "common/redis/client.h"
#include "services/reminders/app/ports.h"
#include "services/reminders/app/rules_ports.h"

namespace careloop::reminders::adapters {

/// ReminderRepository on Redis: reminders as protobuf strings, timers as a sorted set scored
/// by due time, claims by a Lua script that moves ids from the timer set to a lease set in
/// one step (so two instances never claim the same timer), and every change with its outbox
/// entry in one atomic write. Re-planning (ReplanRepository) lives in redis_reminder_replan.cc.
class RedisReminderRepository final : public app::ReminderRepository, public app::ReplanRepository {
 public:
  RedisReminderRepository(redis::Pool& pool, const clock::Clock& clock);

  bool Schedule(const domain::Reminder& reminder) override;
  bool ApplyVisit(const std::string& visit_id, const std::string& vehicle_id, bool complete_open,
                  const std::vector<domain::Reminder>& plan, const std::string& reason) override;
  bool Miss(const domain::Reminder& missed) override;
  int CancelOpen(const std::string& vehicle_id, const std::string& reason, const std::string& policy_id) override;
  void RecordPolicy(const domain::PolicyFacts& policy) override;
  [[nodiscard]] std::vector<domain::PolicyFacts> Policies(const domain::VehicleFacts& vehicle) override;
  [[nodiscard]] std::string ChurnStageOf(const std::string& customer_id) override;
  void RecordChurnStage(const std::string& customer_id, std::string_view stage) override;
  void RecordOdometer(const std::string& vehicle_id, const domain::OdometerReading& reading) override;
  [[nodiscard]] std::vector<domain::OdometerReading> Odometer(const std::string& vehicle_id) override;
  [[nodiscard]] std::vector<std::string> ClaimDue(Instant now, Millis lease, int limit) override;
  bool Fire(const std::string& reminder_id, Instant fired_at) override;
  [[nodiscard]] std::vector<std::string> FireMany(const std::vector<std::string>& reminder_ids,
                                                  Instant fired_at) override;
  [[nodiscard]] std::vector<domain::Reminder> FindMany(const std::vector<std::string>& reminder_ids) override;
  [[nodiscard]] std::optional<domain::Reminder> Find(const std::string& reminder_id) override;
  [[nodiscard]] std::vector<domain::Reminder> ListByCustomer(const std::string& customer_id) override;
  [[nodiscard]] std::vector<domain::Reminder> ListByStore(const std::string& store_id, size_t limit) override;

  [[nodiscard]] std::vector<domain::Reminder> Scheduled(const std::string& store_id,
                                                        domain::ReminderKind kind) override;
  [[nodiscard]] std::vector<domain::Reminder> OpenOfVehicle(const std::string& vehicle_id) override;
  bool Reschedule(const domain::Reminder& previous, const domain::Reminder& moved) override;
  std::optional<domain::Reminder> Cancel(const std::string& reminder_id, const std::string& reason) override;
  bool FollowUp(const std::string& reminder_id, Instant at, const std::string& reason) override;
  void RecordVehicle(const domain::VehicleFacts& vehicle, Date delivery_date) override;
  [[nodiscard]] std::optional<domain::VehicleFacts> Vehicle(const std::string& vehicle_id) override;
  [[nodiscard]] std::optional<Date> DeliveryDate(const std::string& vehicle_id) override;

 private:
  std::vector<domain::Reminder> Load(redis::Connection& connection, const std::vector<std::string>& ids);

  redis::Pool& pool_;
  const clock::Clock& clock_;
};

}  // namespace careloop::reminders::adapters
