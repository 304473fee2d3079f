#pragma once

#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace careloop::tools::fake_gateway {

/// Every message the gateway accepted, one JSON object per line (JSONL), flushed line by line so
/// a test reading the file never misses an acknowledged send. Thread-safe.
///
/// Line fields: provider (aliyun|tencent|wechat), received_at (RFC 3339 UTC), phone (as the
/// client sent it, in full: this is a test fixture), openid, sign_name, template_code, params
/// (object for Aliyun/WeChat, array for Tencent), correlation_id (OutId / SessionContext /
/// client_msg_id), provider_message_id, rendered_text. Fields that do not apply are null.
class Ledger final {
 public:
  /// Appends to `path` (created if missing) and starts from the lines already in it, so
  /// Entries() and the file agree across restarts. An empty path keeps the ledger in memory.
  /// Throws std::runtime_error when the file cannot be opened.
  explicit Ledger(const std::string& path);

  /// Records one accepted message.
  void Append(const nlohmann::json& entry);

  /// All recorded lines, oldest first.
  [[nodiscard]] nlohmann::json Entries() const;

 private:
  mutable std::mutex mutex_;
  std::ofstream file_;                 ///< guarded by mutex_; closed when in memory only
  std::vector<nlohmann::json> lines_;  ///< guarded by mutex_
};

}  // namespace careloop::tools::fake_gateway
