#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "services/dispatch/app/batch_ports.h"
#include "services/dispatch/app/ports.h"

namespace careloop::testing {

/// In-memory dispatch::app::BatchQueue: requests in enqueue order, one entry per message id; a
/// claimed request is leased until Done, or until ExpireLeases() (a worker that died).
class FakeBatchQueue final : public dispatch::app::BatchQueue {
 public:
  void Enqueue(const std::string& message_id, const dispatch::domain::SendRequest& request, Instant /*at*/) override {
    if (requests.emplace(message_id, request).second) {
      order.push_back(message_id);
    }
  }

  [[nodiscard]] std::vector<std::pair<std::string, dispatch::domain::SendRequest>> Claim(Instant /*now*/,
                                                                                         Millis /*lease*/,
                                                                                         int limit) override {
    std::vector<std::pair<std::string, dispatch::domain::SendRequest>> claimed;
    for (const auto& id : order) {
      if (static_cast<int>(claimed.size()) >= limit) {
        break;
      }
      if (leased.insert(id).second) {
        claimed.emplace_back(id, requests.at(id));
      }
    }
    return claimed;
  }

  void Done(const std::vector<std::string>& message_ids) override {
    for (const auto& id : message_ids) {
      leased.erase(id);
      requests.erase(id);
      std::erase(order, id);
    }
  }

  /// The leases of claimed requests run out: the next Claim takes them again.
  void ExpireLeases() { leased.clear(); }

  std::map<std::string, dispatch::domain::SendRequest> requests;  ///< message id → queued request
  std::vector<std::string> order;                                 ///< queued message ids, oldest first
  std::set<std::string> leased;
};

/// In-memory dispatch::app::BatchRecords: (vendor, batch id, phone) → message id.
class FakeBatchRecords final : public dispatch::app::BatchRecords {
 public:
  void Record(std::string_view vendor, const std::string& batch_id,
              const std::vector<std::pair<std::string, std::string>>& phones_to_messages) override {
    for (const auto& [phone, message_id] : phones_to_messages) {
      numbers[{std::string(vendor), batch_id, phone}] = message_id;
    }
  }
  std::map<std::tuple<std::string, std::string, std::string>, std::string> numbers;
};

/// dispatch::app::SmsBatchSender that records every call. The next calls answer `whole_calls` (one
/// outcome for every number of the call) in order; a number in `per_phone` gets its outcome;
/// everything else is accepted ("bat-<call>" as the vendor's id, like Aliyun's one BizId a call).
class FakeSmsBatchSender final : public dispatch::app::SmsBatchSender {
 public:
  explicit FakeSmsBatchSender(std::string name = "aliyun", size_t max = 100)
      : provider(std::move(name)), max_batch(max) {}

  [[nodiscard]] std::string_view Provider() const override { return provider; }
  [[nodiscard]] size_t MaxBatch() const override { return max_batch; }

  [[nodiscard]] std::vector<dispatch::app::SendOutcome> SendBatch(const dispatch::app::SmsBatch& batch) override {
    calls.push_back(batch);
    if (!whole_calls.empty()) {
      const dispatch::app::SendOutcome all = whole_calls.front();
      whole_calls.erase(whole_calls.begin());
      return std::vector<dispatch::app::SendOutcome>(batch.messages.size(), all);
    }
    std::vector<dispatch::app::SendOutcome> outcomes;
    for (const auto& sms : batch.messages) {
      const auto scripted = per_phone.find(sms.phone);
      if (scripted != per_phone.end()) {
        outcomes.push_back(scripted->second);
        continue;
      }
      dispatch::app::SendOutcome accepted;
      accepted.accepted = true;
      accepted.provider_message_id = "bat-" + std::to_string(calls.size());
      outcomes.push_back(accepted);
    }
    return outcomes;
  }

  /// Every number sent, over all calls.
  [[nodiscard]] std::vector<std::string> Numbers() const {
    std::vector<std::string> numbers;
    for (const auto& call : calls) {
      for (const auto& sms : call.messages) {
        numbers.push_back(sms.phone);
      }
    }
    return numbers;
  }

  std::string provider;
  size_t max_batch;
  std::vector<dispatch::app::SmsBatch> calls;
  std::vector<dispatch::app::SendOutcome> whole_calls;
  std::map<std::string, dispatch::app::SendOutcome> per_phone;
};

/// A dispatch::app::ContactDirectory over another that counts single and batched look-ups;
/// LookupMany answers UNAVAILABLE while `many_unavailable` is set.
class CountingContactDirectory final : public dispatch::app::ContactDirectory {
 public:
  explicit CountingContactDirectory(dispatch::app::ContactDirectory& inner) : inner_(inner) {}

  [[nodiscard]] Result<dispatch::domain::Contact> Lookup(const std::string& customer_id) override {
    ++single_lookups;
    return inner_.Lookup(customer_id);
  }
  [[nodiscard]] Result<std::optional<dispatch::domain::Contact>> FindByMobile(const std::string& mobile) override {
    return inner_.FindByMobile(mobile);
  }
  [[nodiscard]] Result<dispatch::app::ContactBatch> LookupMany(const std::vector<std::string>& customer_ids) override {
    ++batched_lookups;
    if (many_unavailable) {
      return Error{ErrorCode::kUnavailable, "", "customers service down"};
    }
    return inner_.LookupMany(customer_ids);
  }

  int single_lookups = 0;
  int batched_lookups = 0;
  bool many_unavailable = false;

 private:
  dispatch::app::ContactDirectory& inner_;
};

}  // namespace careloop::testing
