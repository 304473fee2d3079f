#include "services/dispatch/adapters/redis_policy_store.h"

#include <algorithm>

#include "services/dispatch/adapters/proto_mapping_policy.h"
#include "services/dispatch/adapters/redis_policy_keys.h"

namespace careloop::dispatch::adapters {
namespace {

template <typename Proto>
bool Parse(const redis::Reply& stored, Proto& record) {
  return !stored.IsNil() && record.ParseFromArray(stored.Str().data(), static_cast<int>(stored.Str().size()));
}

}  // namespace

std::optional<domain::StorePolicy> RedisContactPolicyStore::Find(const std::string& store_id) {
  auto connection = pool_.Acquire();
  pb::ContactPolicy record;
  if (!Parse(connection->Run({"GET", keys::Policy(store_id)}), record)) {
    return std::nullopt;
  }
  auto policy = FromProto(record);
  return policy.ok() ? std::optional(std::move(policy).value()) : std::nullopt;
}

void RedisContactPolicyStore::Save(const domain::StorePolicy& policy) {
  auto connection = pool_.Acquire();
  connection->Run({"SET", keys::Policy(policy.store_id), ToProto(policy).SerializeAsString()});
}

bool RedisPausedCustomers::IsPaused(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  return connection->Run({"SCARD", keys::OpenCases(customer_id)}).Integer() > 0;
}

void RedisPausedCustomers::Pause(const std::string& customer_id, const std::string& case_id) {
  auto connection = pool_.Acquire();
  connection->Run({"SADD", keys::OpenCases(customer_id), case_id});
}

void RedisPausedCustomers::Resume(const std::string& customer_id, const std::string& case_id) {
  auto connection = pool_.Acquire();
  connection->Run({"SREM", keys::OpenCases(customer_id), case_id});
}

std::optional<domain::StoreTemplate> RedisTemplateStore::Find(const std::string& template_id) {
  auto connection = pool_.Acquire();
  pb::Template record;
  if (!Parse(connection->Run({"GET", keys::StoreTemplate(template_id)}), record)) {
    return std::nullopt;
  }
  auto tmpl = FromProto(record);
  return tmpl.ok() ? std::optional(std::move(tmpl).value()) : std::nullopt;
}

std::vector<domain::StoreTemplate> RedisTemplateStore::ListByStore(const std::string& store_id) {
  auto connection = pool_.Acquire();
  const redis::Reply ids = connection->Run({"SMEMBERS", keys::TemplatesOf(store_id)});
  std::vector<std::string> sorted;
  for (size_t i = 0; i < ids.Size(); ++i) {
    sorted.emplace_back(redis::ElementStr(ids.Element(i)));
  }
  std::sort(sorted.begin(), sorted.end());
  std::vector<domain::StoreTemplate> found;
  for (const auto& id : sorted) {
    pb::Template record;
    if (!Parse(connection->Run({"GET", keys::StoreTemplate(id)}), record)) {
      continue;
    }
    if (auto tmpl = FromProto(record); tmpl.ok()) {
      found.push_back(std::move(tmpl).value());
    }
  }
  return found;
}

void RedisTemplateStore::Save(const domain::StoreTemplate& tmpl) {
  auto connection = pool_.Acquire();
  connection->Transaction({{"SET", keys::StoreTemplate(tmpl.template_id), ToProto(tmpl).SerializeAsString()},
                           {"SADD", keys::TemplatesOf(tmpl.store_id), tmpl.template_id}});
}

}  // namespace careloop::dispatch::adapters
