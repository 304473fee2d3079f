#pragma once
// Shared by the settings tests (settings_test): a dispatch section parsed from a minimal base, and
// a config file loaded for one service — each with the ConfigError's text when refused.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "common/config/config.h"
#include "services/dispatch/settings.h"

namespace careloop::testing {

/// dispatch's settings from the least a dispatch section needs (its peers and one SMS vendor) plus `extra`.
inline dispatch::Settings DispatchSettingsWith(const std::string& extra) {
  config::ServiceSettings service;
  service.section = YAML::Load(
      "customers_address: 127.0.0.1:1\nreminders_address: 127.0.0.1:2\n"
      "aliyun: {access_key_id: id, access_key_secret: secret}\n" +
      extra);
  service.service_token = "token";
  return dispatch::ParseSettings(service);
}

/// The ConfigError's text when DispatchSettingsWith(extra) is refused; "" when it is accepted.
inline std::string DispatchSettingsError(const std::string& extra) {
  try {
    (void)DispatchSettingsWith(extra);
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  return "";
}

/// Loads a config file holding `yaml` for `service` (config::Load); the ConfigError's text if
/// refused, "" when loaded (into `loaded` when given).
inline std::string ConfigLoadError(const std::string& service, const std::string& yaml,
                                   config::ServiceSettings* loaded = nullptr) {
  // One file per process: ctest runs the tests of this binary side by side, each in its own process.
  const std::string path =
      ::testing::TempDir() + "/settings_fixture_" + service + "_" + std::to_string(::getpid()) + ".yaml";
  std::ofstream(path) << yaml;
  std::string error;
  try {
    config::ServiceSettings settings = config::Load(path, service, {});
    if (loaded != nullptr) {
      *loaded = std::move(settings);
    }
  } catch (const config::ConfigError& e) {
    error = e.what();
  }
  std::remove(path.c_str());
  return error;
}

}  // namespace careloop::testing
