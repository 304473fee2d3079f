#pragma once

#include "common/redis/client.h"
#include "services/dispatch/app/batch_ports.h"

namespace careloop::dispatch::adapters {

/// The campaign batch queue on Redis: a leased queue (`cl:disp:batchq` by enqueue time,
/// `cl:disp:batchq-leases`), each request in `cl:disp:batchq-cause:<message id>`. A request stays
/// until Done, so it survives a restart; a worker that dies leaves its lease to expire.
class RedisBatchQueue final : public app::BatchQueue {
 public:
  explicit RedisBatchQueue(redis::Pool& pool) : pool_(pool) {}

  void Enqueue(const std::string& message_id, const domain::SendRequest& request, Instant at) override;
  [[nodiscard]] std::vector<std::pair<std::string, domain::SendRequest>> Claim(Instant now, Millis lease,
                                                                               int limit) override;
  void Done(const std::vector<std::string>& message_ids) override;

 private:
  redis::Pool& pool_;
};

/// Which message each number of a vendor batch was (`cl:disp:batch:<vendor>:<batch id>`, a hash
/// of phone → message id, kept 30 days: receipts come within days). Phones are kept digits only,
/// without the mainland "86" prefix, so the forms vendors echo match (BatchPhoneKey).
class RedisBatchRecords final : public app::BatchRecords {
 public:
  explicit RedisBatchRecords(redis::Pool& pool) : pool_(pool) {}

  void Record(std::string_view vendor, const std::string& batch_id,
              const std::vector<std::pair<std::string, std::string>>& phones_to_messages) override;

 private:
  redis::Pool& pool_;
};

/// A phone number as batch records key it: digits only, a mainland mobile without "86".
[[nodiscard]] std::string BatchPhoneKey(std::string_view phone);

}  // namespace careloop::dispatch::adapters
