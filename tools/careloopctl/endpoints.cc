#include "tools/careloopctl/endpoints.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tools/careloopctl/errors.h"

namespace careloop::ctl {
namespace {

constexpr const char* kAllKeys[] = {kCustomersAddr, kRemindersAddr, kDispatchAddr, kSurveysAddr, kKafkaBrokers, kToken};

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// "--customers-addr" for "CUSTOMERS_ADDR", "--token" for CARELOOP_TOKEN.
std::string FlagName(const std::string& key) {
  if (key == kToken) {
    return "--token";
  }
  std::string flag = "--";
  for (char c : key) {
    flag.push_back(c == '_' ? '-' : static_cast<char>(c - 'A' + 'a'));
  }
  return flag;
}

std::optional<std::string> GetEnv(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr || *value == '\0') {
    return std::nullopt;
  }
  return std::string(value);
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    throw UsageError("cannot read endpoints file " + path.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::map<std::string, std::string> ParseEnvFile(std::string_view text) {
  std::map<std::string, std::string> values;
  size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    std::string_view line = Trim(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line.front() == '#') {
      continue;
    }
    if (line.starts_with("export ")) {
      line = Trim(line.substr(7));
    }
    const auto equals = line.find('=');
    if (equals == std::string_view::npos || equals == 0) {
      continue;
    }
    const std::string_view key = Trim(line.substr(0, equals));
    std::string_view value = Trim(line.substr(equals + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    values[std::string(key)] = std::string(value);
  }
  return values;
}

std::optional<std::filesystem::path> FindEndpointsFile(const std::filesystem::path& start) {
  std::error_code error;
  for (std::filesystem::path dir = start; !dir.empty(); dir = dir.parent_path()) {
    const auto candidate = dir / kDefaultEndpointsFile;
    if (std::filesystem::is_regular_file(candidate, error)) {
      return candidate;
    }
    if (dir == dir.parent_path()) {
      break;
    }
  }
  return std::nullopt;
}

Endpoints::Endpoints(const std::map<std::string, std::string>& flags, const EnvLookup& env,
                     const std::map<std::string, std::string>& file_values, std::string file)
    : file_(std::move(file)) {
  for (const std::string key : kAllKeys) {
    if (auto flag = flags.find(key); flag != flags.end() && !flag->second.empty()) {
      values_[key] = flag->second;
    } else if (auto from_env = env(key)) {
      values_[key] = *from_env;
    } else if (auto from_file = file_values.find(key); from_file != file_values.end() && !from_file->second.empty()) {
      values_[key] = from_file->second;
    }
  }
}

std::string Endpoints::Get(const std::string& key) const {
  const auto it = values_.find(key);
  return it == values_.end() ? std::string() : it->second;
}

std::string Endpoints::Require(const std::string& key) const {
  std::string value = Get(key);
  if (value.empty()) {
    throw UsageError(key + " is not set: pass " + FlagName(key) + ", set the environment variable " + key +
                     ", or point --endpoints at an endpoints file" +
                     (file_.empty() ? std::string(" (none found)") : " (read " + file_ + ")"));
  }
  return value;
}

Endpoints LoadEndpoints(const EndpointFlags& flags) {
  std::optional<std::filesystem::path> file;
  if (!flags.endpoints_file.empty()) {
    file = flags.endpoints_file;
  } else if (auto from_env = GetEnv(kEndpointsFileEnv)) {
    file = *from_env;
  } else {
    std::error_code error;
    const auto cwd = std::filesystem::current_path(error);
    if (!error) {
      file = FindEndpointsFile(cwd);
    }
  }
  std::map<std::string, std::string> file_values;
  if (file) {
    file_values = ParseEnvFile(ReadFile(*file));
  }
  return Endpoints(flags.values, &GetEnv, file_values, file ? file->string() : std::string());
}

}  // namespace careloop::ctl
