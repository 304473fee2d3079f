#pragma once

#include <string>
#include <string_view>

#include "services/dispatch/adapters/providers/tencent_sms_sender.h"
#include "services/dispatch/app/reconcile_ports.h"

namespace careloop::dispatch::adapters {

/// SendStatusQuery over Tencent Cloud SMS `PullSmsSendStatusByPhoneNumber` (API 2021-01-11, the
/// same TC3-HMAC-SHA256 signature as SendSms): the status reports of one number since BeginTime,
/// 100 a page, matched to our message id by `SessionContext`. ReportStatus SUCCESS is delivered,
/// FAIL failed (Description). Tencent lists a send once its status report is in; reports come
/// within seconds to minutes, which is why the reconciler waits `reconcile.after_ms` first.
/// Thread-safe: every call is independent.
class TencentStatusQuery final : public app::SendStatusQuery {
 public:
  /// Throws std::invalid_argument when the endpoint is not http(s)://host[:port].
  explicit TencentStatusQuery(TencentSmsSettings settings);

  /// "tencent".
  [[nodiscard]] std::string_view Provider() const override;
  /// UNAVAILABLE for a transport failure, an HTTP error, an Error answer or one we cannot read.
  [[nodiscard]] Result<domain::VendorFinding> Find(const app::StatusQuery& query) override;

 private:
  TencentSmsSettings settings_;
  std::string host_;
};

}  // namespace careloop::dispatch::adapters
