#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/base/time.h"
#include "common/config/config.h"

namespace careloop::config {

/// The dealer group's stores with their time zones resolved once at startup.
class StoreCatalog final {
 public:
  /// Throws ConfigError for an unknown time zone.
  explicit StoreCatalog(const std::vector<StoreSettings>& stores, const std::string& default_zone = "Asia/Shanghai");
  [[nodiscard]] const StoreSettings* Find(const std::string& store_id) const;
  [[nodiscard]] bool IsKnown(const std::string& store_id) const { return Find(store_id) != nullptr; }
  /// The store's zone, or the default zone for an unknown store.
  [[nodiscard]] const TimeZone& ZoneOf(const std::string& store_id) const;
  [[nodiscard]] const std::vector<StoreSettings>& all() const { return stores_; }

 private:
  std::vector<StoreSettings> stores_;
  std::map<std::string, std::unique_ptr<TimeZone>> zones_;
  std::unique_ptr<TimeZone> default_zone_;
};

}  // namespace careloop::config
