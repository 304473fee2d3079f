#include "common/config/stores.h"

namespace careloop::config {

StoreCatalog::StoreCatalog(const std::vector<StoreSettings>& stores, const std::string& default_zone)
    : stores_(stores) {
  try {
    default_zone_ = std::make_unique<TimeZone>(default_zone);
    for (const auto& store : stores_) {
      zones_[store.id] = std::make_unique<TimeZone>(store.timezone);
    }
  } catch (const std::runtime_error& e) {
    throw ConfigError("stores.timezone", e.what());
  }
}

const StoreSettings* StoreCatalog::Find(const std::string& store_id) const {
  for (const auto& store : stores_) {
    if (store.id == store_id) {
      return &store;
    }
  }
  return nullptr;
}

const TimeZone& StoreCatalog::ZoneOf(const std::string& store_id) const {
  const auto it = zones_.find(store_id);
  return it == zones_.end() ? *default_zone_ : *it->second;
}

}  // namespace careloop::config
