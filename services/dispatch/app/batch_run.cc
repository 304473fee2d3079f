#include "services/dispatch/app/batch_run.h"

namespace careloop::dispatch::app {
namespace {

std::string WantedKey(const domain::SendRequest& request) {
  return request.cause_id + "#" + std::to_string(request.occurrence);
}

}  // namespace

BatchRun::BatchRun(ContactBatch contacts) : not_found_(contacts.not_found.begin(), contacts.not_found.end()) {
  for (auto& contact : contacts.found) {
    std::string id = contact.customer_id;
    found_.emplace(std::move(id), std::move(contact));
  }
}

Result<domain::Contact> BatchRun::ContactOf(const std::string& customer_id, ContactDirectory& directory) const {
  if (const auto found = found_.find(customer_id); found != found_.end()) {
    return found->second;
  }
  if (not_found_.contains(customer_id)) {
    return Error{ErrorCode::kNotFound, "customer_id", "customer '" + customer_id + "' not found"};
  }
  return directory.Lookup(customer_id);
}

void BatchRun::KnowWanted(const std::vector<domain::SendRequest>& requests, const std::vector<bool>& wanted) {
  const std::lock_guard lock(mutex_);
  for (size_t i = 0; i < requests.size() && i < wanted.size(); ++i) {
    wanted_[WantedKey(requests[i])] = wanted[i];
  }
}

Result<bool> BatchRun::StillWanted(const domain::SendRequest& request, CauseCheck& causes) const {
  {
    const std::lock_guard lock(mutex_);
    if (const auto known = wanted_.find(WantedKey(request)); known != wanted_.end()) {
      return known->second;
    }
  }
  return causes.StillWanted(request);
}

// Each fact is read outside the lock (two lanes may read the same one at once; the first answer is kept).
Result<CampaignFacts> BatchRun::CampaignOf(const std::string& campaign_id, CampaignTexts& texts) {
  {
    const std::lock_guard lock(mutex_);
    if (const auto known = campaigns_.find(campaign_id); known != campaigns_.end()) {
      return known->second;
    }
  }
  auto facts = texts.FactsOf(campaign_id);
  if (facts.ok() || !facts.error().IsRetryable()) {
    const std::lock_guard lock(mutex_);
    return campaigns_.emplace(campaign_id, facts).first->second;
  }
  return facts;
}

domain::StorePolicy BatchRun::PolicyOf(const std::string& store_id, const std::function<domain::StorePolicy()>& read) {
  {
    const std::lock_guard lock(mutex_);
    if (const auto known = policies_.find(store_id); known != policies_.end()) {
      return known->second;
    }
  }
  domain::StorePolicy policy = read();
  const std::lock_guard lock(mutex_);
  return policies_.emplace(store_id, std::move(policy)).first->second;
}

std::optional<domain::Template> BatchRun::TemplateOf(const std::string& store_id, const std::string& name,
                                                     const std::function<std::optional<domain::Template>()>& read) {
  const auto key = std::make_pair(store_id, name);
  {
    const std::lock_guard lock(mutex_);
    if (const auto known = templates_.find(key); known != templates_.end()) {
      return known->second;
    }
  }
  std::optional<domain::Template> found = read();
  const std::lock_guard lock(mutex_);
  return templates_.emplace(key, std::move(found)).first->second;
}

domain::ChannelPlan BatchRun::PlanFor(const std::string& key, const std::function<domain::ChannelPlan()>& read) {
  {
    const std::lock_guard lock(mutex_);
    if (const auto known = plans_.find(key); known != plans_.end()) {
      return known->second;
    }
  }
  domain::ChannelPlan plan = read();
  const std::lock_guard lock(mutex_);
  return plans_.emplace(key, std::move(plan)).first->second;
}

}  // namespace careloop::dispatch::app
