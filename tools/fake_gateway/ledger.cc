#include "tools/fake_gateway/ledger.h"

#include <stdexcept>

namespace careloop::tools::fake_gateway {

Ledger::Ledger(const std::string& path) {
  if (path.empty()) {
    return;
  }
  if (std::ifstream existing(path); existing) {
    std::string line;
    while (std::getline(existing, line)) {
      auto parsed = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      // A torn last line (a crash mid-write) is skipped rather than fatal.
      if (!parsed.is_discarded()) {
        lines_.push_back(std::move(parsed));
      }
    }
  }
  file_.open(path, std::ios::out | std::ios::app);
  if (!file_) {
    throw std::runtime_error("cannot open ledger " + path);
  }
}

void Ledger::Append(const nlohmann::json& entry) {
  const std::lock_guard lock(mutex_);
  if (file_.is_open()) {
    file_ << entry.dump() << '\n' << std::flush;
  }
  lines_.push_back(entry);
}

nlohmann::json Ledger::Entries() const {
  const std::lock_guard lock(mutex_);
  return nlohmann::json(lines_);
}

}  // namespace careloop::tools::fake_gateway
