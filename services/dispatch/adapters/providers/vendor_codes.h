#pragma once

#include <string>
#include <string_view>

#include "services/dispatch/app/provider_ports.h"

/// The vendors' error codes and what they mean to us (throttled, transient, permanent), one table
/// per vendor. Sources and the reasoning per code: docs/dispatch.md "Vendor codes".
namespace careloop::dispatch::adapters {

/// A classification: the fault, and for a throttle the vendor's window (zero: none named).
struct VendorVerdict final {
  domain::VendorFault fault = domain::VendorFault::kPermanent;
  Millis window{0};
};

/// Aliyun Dysmsapi `Code` (with its `Message`, which names the throttle's window: 分钟级 / 小时级 /
/// 天级流控).
[[nodiscard]] VendorVerdict ClassifyAliyun(std::string_view code, std::string_view message);
/// Tencent Cloud SMS `Error.Code` or a SendStatus `Code`.
[[nodiscard]] VendorVerdict ClassifyTencent(std::string_view code);
/// WeChat `errcode` of the template-message API.
[[nodiscard]] VendorVerdict ClassifyWeChat(int errcode);

/// A rejection outcome carrying the vendor's code and text and the verdict (`retryable` set for
/// throttled and transient, for callers that only look at that).
[[nodiscard]] app::SendOutcome Rejected(const VendorVerdict& verdict, std::string code, std::string message);

}  // namespace careloop::dispatch::adapters
