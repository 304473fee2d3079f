#include "common/config/section.h"

namespace careloop::config {

Section Section::Child(const std::string& key) const {
  if (!node_.IsDefined() || !node_.IsMap()) {
    return Section(YAML::Node(YAML::NodeType::Undefined), PathOf(key));
  }
  const YAML::Node child = node_[key];
  if (child.IsDefined() && !child.IsNull() && !child.IsMap()) {
    throw ConfigError(PathOf(key), "must be a section (a map of keys)");
  }
  return Section(child, PathOf(key));
}

bool Section::Has(const std::string& key) const {
  return node_.IsDefined() && node_.IsMap() && node_[key].IsDefined() && !node_[key].IsNull();
}

int Section::GetInt(const std::string& key, int fallback, int min, int max) const {
  const int value = Get<int>(key, fallback);
  if (value < min || value > max) {
    throw ConfigError(PathOf(key),
                      "must be " + std::to_string(min) + "–" + std::to_string(max) + ", got " + std::to_string(value));
  }
  return value;
}

TimeOfDay Section::GetTime(const std::string& key, TimeOfDay fallback) const {
  const std::string text = Get<std::string>(key, fallback.ToString());
  const auto parsed = TimeOfDay::Parse(text);
  if (!parsed) {
    throw ConfigError(PathOf(key), "must be HH:MM, got '" + text + "'");
  }
  return *parsed;
}

std::string Section::Require(const std::string& key, const std::string& what) const {
  std::string value = Get<std::string>(key, "");
  if (value.empty()) {
    throw ConfigError(PathOf(key), "is required (" + what + ")");
  }
  return value;
}

}  // namespace careloop::config
