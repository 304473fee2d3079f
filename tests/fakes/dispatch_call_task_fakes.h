#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "services/dispatch/app/call_task_ports.h"
#include "services/dispatch/domain/call_task.h"
#include "tests/fakes/published_events.h"

namespace careloop::testing {

/// In-memory dispatch::app::CallTaskStore keeping the port's promises: a task is opened once
/// (with its ledger message) and completed once (the request id kept), an escalation or a new
/// due time never overwrites a completed task, and every change comes with its event (see
/// `published`). Fields are public for assertions.
class FakeCallTaskStore final : public dispatch::app::CallTaskStore {
 public:
  [[nodiscard]] std::optional<dispatch::domain::CallTask> Find(const std::string& task_id) override {
    auto it = tasks.find(task_id);
    return it == tasks.end() ? std::nullopt : std::optional(it->second);
  }

  [[nodiscard]] bool Open(const dispatch::domain::CallTask& task, const dispatch::domain::Message& message) override {
    if (!tasks.emplace(task.task_id, task).second) {
      return false;
    }
    messages[message.message_id] = message;
    published.push_back({"CallTaskCreated", task.task_id});
    return true;
  }

  [[nodiscard]] bool Complete(const dispatch::domain::CallTask& task, const dispatch::domain::Message& message,
                              const std::string& request_id) override {
    if (!done.emplace(task.task_id, request_id.empty() ? "-" : request_id).second) {
      return false;
    }
    tasks[task.task_id] = task;
    messages[message.message_id] = message;
    published.push_back({"CallTaskCompleted", task.task_id});
    return true;
  }

  [[nodiscard]] std::optional<std::string> CompletionRequest(const std::string& task_id) override {
    auto it = done.find(task_id);
    return it == done.end() ? std::nullopt : std::optional(it->second);
  }

  void Escalate(const dispatch::domain::CallTask& task) override {
    if (done.contains(task.task_id)) {
      return;
    }
    tasks[task.task_id] = task;
    published.push_back({"CallTaskEscalated", task.task_id});
  }

  void Reschedule(const dispatch::domain::CallTask& task, const std::string& /*why*/) override {
    if (done.contains(task.task_id)) {
      return;
    }
    tasks[task.task_id] = task;
    published.push_back({"CallTaskRescheduled", task.task_id});
  }

  [[nodiscard]] std::vector<dispatch::domain::CallTask> Overdue(Instant now, int limit) override {
    auto found = Select([&](const auto& task) {
      return task.status == dispatch::domain::TaskStatus::kOpen && task.due_at != Instant{} && task.due_at < now &&
             task.escalated_to.empty();
    });
    found.resize(std::min(found.size(), static_cast<size_t>(limit)));
    return found;
  }

  [[nodiscard]] std::vector<dispatch::domain::CallTask> ListByStore(const std::string& store_id) override {
    return Select([&](const auto& task) { return task.store_id == store_id; });
  }

  [[nodiscard]] std::vector<dispatch::domain::CallTask> ListByCustomer(const std::string& customer_id) override {
    return Select([&](const auto& task) { return task.customer_id == customer_id; });
  }

  std::map<std::string, dispatch::domain::CallTask> tasks;    ///< task id → latest record
  std::map<std::string, dispatch::domain::Message> messages;  ///< ledger messages of the tasks
  std::map<std::string, std::string> done;                    ///< task id → the request that completed it
  std::vector<PublishedEvent> published;

 private:
  // Earliest due first, undated last (as the Redis indexes order them).
  template <class Predicate>
  std::vector<dispatch::domain::CallTask> Select(Predicate matches) const {
    std::vector<dispatch::domain::CallTask> found;
    for (const auto& [id, task] : tasks) {
      if (matches(task)) {
        found.push_back(task);
      }
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      const auto key = [](const auto& task) { return task.due_at == Instant{} ? Instant::max() : task.due_at; };
      return key(a) < key(b);
    });
    return found;
  }
};

/// dispatch::app::AppointmentBooker recording every order; answers "apt-<n>", or `refusal` when set.
class FakeAppointmentBooker final : public dispatch::app::AppointmentBooker {
 public:
  [[nodiscard]] Result<std::string> Book(const dispatch::app::AppointmentOrder& order) override {
    if (refusal) {
      return *refusal;
    }
    booked.push_back(order);
    return "apt-" + std::to_string(booked.size());
  }

  std::vector<dispatch::app::AppointmentOrder> booked;
  std::optional<Error> refusal;
};

}  // namespace careloop::testing
