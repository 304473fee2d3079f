#pragma once

#include <string_view>

#include "services/dispatch/adapters/providers/aliyun_sms_sender.h"
#include "services/dispatch/app/reconcile_ports.h"

namespace careloop::dispatch::adapters {

/// SendStatusQuery over Aliyun `QuerySendDetails` (RPC API 2017-05-25, the same HMAC-SHA1
/// signature as SendSms): the sends to one number on one day (yyyyMMdd, China time), 50 a page,
/// matched to our message id by `OutId`. SendStatus 1 (waiting for the carrier) is accepted,
/// 2 failed (ErrCode), 3 delivered (ReceiveDate). Every day the query window touches is asked.
/// Thread-safe: every call is independent.
class AliyunStatusQuery final : public app::SendStatusQuery {
 public:
  /// Throws std::invalid_argument when the endpoint is not http(s)://host[:port].
  explicit AliyunStatusQuery(AliyunSmsSettings settings);

  /// "aliyun".
  [[nodiscard]] std::string_view Provider() const override;
  /// UNAVAILABLE for a transport failure, an HTTP error, a Code other than OK or an answer we
  /// cannot read.
  [[nodiscard]] Result<domain::VendorFinding> Find(const app::StatusQuery& query) override;

 private:
  AliyunSmsSettings settings_;
};

}  // namespace careloop::dispatch::adapters
