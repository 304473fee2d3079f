#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "common/base/time.h"
#include "common/config/config.h"

namespace careloop::config {

/// A service's YAML subtree, read with the full dotted path of each key in errors
/// ("dispatch.quiet_hours.start: must be HH:MM, got '25:00'"). Every service's settings
/// parser (services/<name>/settings.cc) reads through one; a missing key keeps its default.
class Section final {
 public:
  Section(YAML::Node node, std::string path) : node_(std::move(node)), path_(std::move(path)) {}

  /// The nested section `key` (absent: all defaults).
  [[nodiscard]] Section Child(const std::string& key) const;
  /// The value of `key`, or `fallback` when absent; ConfigError naming the path on a wrong type.
  template <class T>
  [[nodiscard]] T Get(const std::string& key, const T& fallback) const {
    try {
      return config::Get<T>(node_, key, fallback);
    } catch (const ConfigError&) {
      throw ConfigError(PathOf(key), "has the wrong type");
    }
  }
  /// An integer in [min, max].
  [[nodiscard]] int GetInt(const std::string& key, int fallback, int min, int max) const;
  /// A local time of day written "HH:MM".
  [[nodiscard]] TimeOfDay GetTime(const std::string& key, TimeOfDay fallback) const;
  /// A non-empty string; ConfigError "is required" naming the path otherwise.
  [[nodiscard]] std::string Require(const std::string& key, const std::string& what) const;
  [[nodiscard]] bool Has(const std::string& key) const;
  /// "section.key".
  [[nodiscard]] std::string PathOf(const std::string& key) const { return path_ + "." + key; }
  [[nodiscard]] const YAML::Node& node() const { return node_; }

 private:
  YAML::Node node_;
  std::string path_;
};

}  // namespace careloop::config
