#include "services/customers/adapters/redis_report_store.h"

#include "services/customers/adapters/redis_keys.h"
#include "services/customers/domain/reports.h"

namespace careloop::customers::adapters {

std::optional<std::string> RedisReportStore::LastSnapshotMonth(const std::string& store_id) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"GET", keys::LastSnapshot(store_id)});
  return reply.IsNil() ? std::nullopt : std::optional<std::string>(reply.Str());
}

void RedisReportStore::SaveSnapshot(const std::string& store_id, const std::string& month,
                                    const std::map<std::string, int64_t>& counts) {
  redis::Command hset{"HSET", keys::Snapshot(store_id, month)};
  for (const auto& [name, count] : counts) {
    hset.push_back(name);
    hset.push_back(std::to_string(count));
  }
  auto connection = pool_.Acquire();
  connection->Transaction({hset, {"SET", keys::LastSnapshot(store_id), month}});
}

std::optional<std::map<std::string, int64_t>> RedisReportStore::LoadSnapshot(const std::string& store_id,
                                                                             const std::string& month) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"HGETALL", keys::Snapshot(store_id, month)});
  if (reply.Size() == 0) {
    return std::nullopt;
  }
  std::map<std::string, int64_t> out;
  for (size_t i = 0; i + 1 < reply.Size(); i += 2) {
    out[std::string(redis::ElementStr(reply.Element(i)))] =
        std::stoll(std::string(redis::ElementStr(reply.Element(i + 1))));
  }
  return out;
}

std::map<std::string, int64_t> RedisReportStore::Movements(const std::string& store_id, const std::string& month) {
  auto connection = pool_.Acquire();
  auto replies = connection->Pipeline(
      {{"HGETALL", keys::Movements(store_id, month)}, {"SCARD", keys::ReferralPurchases(store_id, month)}});
  std::map<std::string, int64_t> out;
  for (size_t i = 0; i + 1 < replies[0].Size(); i += 2) {
    out[std::string(redis::ElementStr(replies[0].Element(i)))] =
        std::stoll(std::string(redis::ElementStr(replies[0].Element(i + 1))));
  }
  out[domain::kReferralPurchasesCounter] = replies[1].Integer();
  return out;
}

}  // namespace careloop::customers::adapters
