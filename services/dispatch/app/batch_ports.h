#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/base/time.h"
#include "services/dispatch/app/provider_ports.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::app {

/// Our batch ids start so (a receipt naming one is looked up in BatchRecords).
inline constexpr std::string_view kBatchIdPrefix = "smsb-";

/// One call of a vendor's batch API: SMS of one store, template and signature to many numbers.
struct SmsBatch final {
  /// Our correlation id for the call (Aliyun `OutId`, Tencent `SessionContext`): a vendor's batch
  /// answer and its receipts name the call, not our message ids (BatchRecords maps them back).
  std::string batch_id;
  std::vector<OutboundSms> messages;
};

/// Port: a vendor's batch send API (Aliyun SendBatchSms, Tencent SendSms with many numbers).
/// Implementations must be safe to call from several threads.
class SmsBatchSender {
 public:
  virtual ~SmsBatchSender() = default;
  /// Provider name as recorded in the ledger and events: "aliyun" or "tencent".
  [[nodiscard]] virtual std::string_view Provider() const = 0;
  /// The most numbers one call takes (Aliyun 100, Tencent 200).
  [[nodiscard]] virtual size_t MaxBatch() const = 0;
  /// One outcome per message of `batch`, in its order. A fault of the whole call (throttled,
  /// timeout, 5xx, the request refused) is every message's outcome; a vendor answering per number
  /// (Tencent) gives each its own.
  [[nodiscard]] virtual std::vector<SendOutcome> SendBatch(const SmsBatch& batch) = 0;
};

/// Port: campaign sends waiting for the batch worker, by their SMS step's message id. Kept in
/// Redis (a queued request survives a restart); a claimed request is leased, so a worker that
/// dies leaves it to the next pass.
class BatchQueue {
 public:
  virtual ~BatchQueue() = default;
  /// Queues `request` under `message_id`; a no-op when that id is queued already.
  virtual void Enqueue(const std::string& message_id, const domain::SendRequest& request, Instant at) = 0;
  /// Claims up to `limit` queued requests, oldest first (atomic across instances, leased).
  [[nodiscard]] virtual std::vector<std::pair<std::string, domain::SendRequest>> Claim(Instant now, Millis lease,
                                                                                       int limit) = 0;
  /// Forgets handled requests (their effects are in the ledger).
  virtual void Done(const std::vector<std::string>& message_ids) = 0;
};

/// Port: which message each number of a vendor batch was. Written before the vendor is called,
/// so a receipt (which names the batch and the number) or a later look at the vendor finds it.
class BatchRecords {
 public:
  virtual ~BatchRecords() = default;
  /// `phones_to_messages`: (phone as sent, our message id) of every message of the batch.
  virtual void Record(std::string_view vendor, const std::string& batch_id,
                      const std::vector<std::pair<std::string, std::string>>& phones_to_messages) = 0;
};

}  // namespace careloop::dispatch::app
