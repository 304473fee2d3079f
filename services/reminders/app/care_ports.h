#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/reminders/domain/appointment.h"
#include "services/reminders/domain/birthday.h"
#include "services/reminders/domain/reminder.h"
#include "services/reminders/domain/win_back.h"

// Ports of the care use cases (appointments, birthday greetings, win-back): what they read of
// the customers service, and the reminder and appointment steps they store.
namespace careloop::reminders::app {

/// A vehicle as the customers service describes it.
struct VehicleProfile final {
  std::string vehicle_id;
  std::string customer_id;
  std::string assigned_advisor;
  std::string model;
  Date delivery_date;
  Date purchase_date;
  bool retired = false;  ///< sold, scrapped or transferred
};

/// A customer as the customers service describes it (read with the service token).
struct CustomerProfile final {
  std::string customer_id;
  std::string store_id;
  std::optional<domain::Birthday> birthday;
  int64_t revision = 0;
  std::string merged_into_customer_id;
  domain::ChurnStage churn_stage = domain::ChurnStage::kUnknown;
  Date last_visit_date;
  std::vector<VehicleProfile> vehicles;
};

/// Port: the customers service's record of a customer. NOT_FOUND when there is none; UNAVAILABLE
/// (retryable) when the service cannot answer.
class CustomerProfiles {
 public:
  virtual ~CustomerProfiles() = default;
  [[nodiscard]] virtual Result<CustomerProfile> Get(const std::string& customer_id) = 0;
};

/// Port: the reminder steps the care use cases take. Each is one atomic step with its events.
class CareReminders {
 public:
  virtual ~CareReminders() = default;
  /// As ReminderRepository::Schedule: stores it unless its id exists; true if new.
  virtual bool Schedule(const domain::Reminder& reminder) = 0;
  [[nodiscard]] virtual std::optional<domain::Reminder> Find(const std::string& reminder_id) = 0;
  [[nodiscard]] virtual std::vector<domain::Reminder> ListByCustomer(const std::string& customer_id) = 0;
  /// Closes those of `reminder_ids` still open — `to` kCancelled (ReminderCancelled) or kDone
  /// (ReminderCompleted) — with `reason`, in one step; returns how many. A replay closes none.
  virtual int Close(const std::vector<std::string>& reminder_ids, domain::ReminderStatus to,
                    const std::string& reason) = 0;
  /// As ReminderRepository::RecordChurnStage: the planners of routine care read it.
  virtual void RecordChurnStage(const std::string& customer_id, std::string_view stage) = 0;
};

/// Port: appointments. Each change is one atomic step with its event and the reminders it
/// closes.
class AppointmentRepository {
 public:
  virtual ~AppointmentRepository() = default;
  /// Stores a new appointment with AppointmentBooked and, in the same step, cancels those of
  /// `suppressed` still open (reason "appointment booked"). False (nothing changed) when the
  /// appointment id exists already: a replayed booking.
  virtual bool Book(const domain::Appointment& appointment, const std::vector<std::string>& suppressed) = 0;
  /// Moves a booked appointment to `next.status` (cancelled, fulfilled or no-show) with its
  /// event (AppointmentCancelled / AppointmentFulfilled / AppointmentNoShow), cancelling those of
  /// `cancel` still open with `reason`, in one step. False when it is no longer booked.
  virtual bool Transition(const domain::Appointment& next, const std::vector<std::string>& cancel,
                          const std::string& reason) = 0;
  [[nodiscard]] virtual std::optional<domain::Appointment> Find(const std::string& appointment_id) = 0;
  /// Appointments of a customer / store / vehicle, soonest first.
  [[nodiscard]] virtual std::vector<domain::Appointment> ListByCustomer(const std::string& customer_id) = 0;
  [[nodiscard]] virtual std::vector<domain::Appointment> ListByStore(const std::string& store_id) = 0;
  [[nodiscard]] virtual std::vector<domain::Appointment> ListByVehicle(const std::string& vehicle_id) = 0;
  /// Booked appointments whose day ended (Appointment::day_ends_at) by `now`, oldest first, at
  /// most `limit`.
  [[nodiscard]] virtual std::vector<domain::Appointment> DayEndedBy(Instant now, int limit) = 0;
};

}  // namespace careloop::reminders::app
