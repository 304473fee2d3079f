#pragma once

#include <string>

#include "common/clock/clock.h"
#include "common/redis/client.h"
#include "services/dispatch/app/call_task_ports.h"

namespace careloop::dispatch::adapters {

namespace task_keys {
// The call task keys (prefix `cl:disp:task`). Index scores are the due time in business ms; an
// undated face-to-face task scores kUndated, so it lists after every dated one.
inline std::string Task(const std::string& id) {
  return "cl:disp:task:" + id;
}
/// String guard, set by the completion (its request id): a task is completed once.
inline std::string Done(const std::string& id) {
  return "cl:disp:task-done:" + id;
}
inline std::string OfStore(const std::string& store_id) {
  return "cl:disp:tasks:store:" + store_id;
}
inline std::string OfCustomer(const std::string& customer_id) {
  return "cl:disp:tasks:cust:" + customer_id;
}
inline std::string OfAssignee(const std::string& staff_id) {
  return "cl:disp:tasks:assignee:" + staff_id;
}
/// Sorted set: open dated tasks not escalated yet, by due time (the escalation pass reads it).
inline constexpr const char* kOverdueWatch = "cl:disp:tasks:watch";
inline constexpr long long kUndated = 253402300799000;  // 9999-12-31
}  // namespace task_keys

/// CallTaskStore on Redis: every change writes the task, its indexes, its event in the
/// dispatch outbox and (open, complete) the ledger message, in one atomic step.
class RedisCallTaskStore final : public app::CallTaskStore {
 public:
  RedisCallTaskStore(redis::Pool& pool, const clock::Clock& clock);

  [[nodiscard]] std::optional<domain::CallTask> Find(const std::string& task_id) override;
  [[nodiscard]] bool Open(const domain::CallTask& task, const domain::Message& message) override;
  [[nodiscard]] bool Complete(const domain::CallTask& task, const domain::Message& message,
                              const std::string& request_id) override;
  [[nodiscard]] std::optional<std::string> CompletionRequest(const std::string& task_id) override;
  void Escalate(const domain::CallTask& task) override;
  void Reschedule(const domain::CallTask& task, const std::string& why) override;
  [[nodiscard]] std::vector<domain::CallTask> Overdue(Instant now, int limit) override;
  [[nodiscard]] std::vector<domain::CallTask> ListByStore(const std::string& store_id) override;
  [[nodiscard]] std::vector<domain::CallTask> ListByCustomer(const std::string& customer_id) override;

 private:
  std::vector<domain::CallTask> Load(const std::string& index_key, const std::string& max_score, int limit);

  redis::Pool& pool_;
  const clock::Clock& clock_;
};

}  // namespace careloop::dispatch::adapters
