#pragma once

#include <string>
#include <vector>

#include "common/clock/clock.h"
#include "common/redis/client.h"
#include "services/reminders/app/care_ports.h"
#include "services/reminders/app/ports.h"

namespace careloop::reminders::adapters {

/// Inside an optimistic transaction on `connection`: WATCHes the reminders of `ids`, and returns
/// the writes that close those still open — to `to` (kCancelled with ReminderCancelled, kDone
/// with ReminderCompleted) with `reason` — and the count, for the caller's MULTI/EXEC.
struct ReminderCloseWrites final {
  std::vector<redis::Command> writes;
  int count = 0;
};
[[nodiscard]] ReminderCloseWrites CloseRemindersWrites(redis::Connection& connection,
                                                       const std::vector<std::string>& ids, domain::ReminderStatus to,
                                                       const std::string& reason, Instant now);

/// CareReminders on Redis: scheduling, finding and listing through the reminders' repository
/// (the same records, timers and outbox), closing by id in one MULTI/EXEC with the events.
class RedisCareReminders final : public app::CareReminders {
 public:
  RedisCareReminders(app::ReminderRepository& repository, redis::Pool& pool, const clock::Clock& clock);

  bool Schedule(const domain::Reminder& reminder) override { return repository_.Schedule(reminder); }
  [[nodiscard]] std::optional<domain::Reminder> Find(const std::string& reminder_id) override {
    return repository_.Find(reminder_id);
  }
  [[nodiscard]] std::vector<domain::Reminder> ListByCustomer(const std::string& customer_id) override {
    return repository_.ListByCustomer(customer_id);
  }
  int Close(const std::vector<std::string>& reminder_ids, domain::ReminderStatus to,
            const std::string& reason) override;
  void RecordChurnStage(const std::string& customer_id, std::string_view stage) override {
    repository_.RecordChurnStage(customer_id, stage);
  }

 private:
  app::ReminderRepository& repository_;
  redis::Pool& pool_;
  const clock::Clock& clock_;
};

}  // namespace careloop::reminders::adapters
