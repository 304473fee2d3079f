#include "services/dispatch/adapters/providers/vendor_codes.h"

#include <array>
#include <utility>

namespace careloop::dispatch::adapters {
namespace {

using domain::VendorFault;

constexpr Millis kSecond{1'000};
constexpr Millis kMinute{60'000};
constexpr Millis kHour{3'600'000};
constexpr Millis kDay{86'400'000};

struct Entry final {
  std::string_view code;
  VendorFault fault;
  Millis window;
};

template <size_t N>
const Entry* Find(const std::array<Entry, N>& table, std::string_view code) {
  for (const auto& entry : table) {
    if (entry.code == code) {
      return &entry;
    }
  }
  return nullptr;
}

// Aliyun Dysmsapi SendSms codes (help.aliyun.com/document_detail/101346.html).
constexpr std::array<Entry, 12> kAliyun{{
    // Our own account cannot send at this vendor right now: the other vendor can.
    {"isv.AMOUNT_NOT_ENOUGH", VendorFault::kTransient, Millis{0}},
    {"isv.OUT_OF_SERVICE", VendorFault::kTransient, Millis{0}},
    {"isp.SYSTEM_ERROR", VendorFault::kTransient, Millis{0}},
    {"isp.RAM_PERMISSION_DENY_TEMPORARILY", VendorFault::kTransient, Millis{0}},
    {"ServiceUnavailable", VendorFault::kTransient, Millis{0}},
    {"InternalError", VendorFault::kTransient, Millis{0}},
    // Rate limits: wait their window.
    {"isv.DAY_LIMIT_CONTROL", VendorFault::kThrottled, kDay},
    {"isv.MONTH_LIMIT_CONTROL", VendorFault::kThrottled, kDay},
    // Permanent for this message: the number or the text will not change on a retry.
    {"isv.MOBILE_NUMBER_ILLEGAL", VendorFault::kPermanent, Millis{0}},
    {"isv.BLACK_KEY_CONTROL_LIMIT", VendorFault::kPermanent, Millis{0}},
    {"isv.SMS_TEMPLATE_ILLEGAL", VendorFault::kPermanent, Millis{0}},
    {"isv.SMS_SIGNATURE_ILLEGAL", VendorFault::kPermanent, Millis{0}},
}};

// Tencent Cloud SMS 2021-01-11 codes (cloud.tencent.com/document/api/382/55981 and 382/59177).
constexpr std::array<Entry, 14> kTencent{{
    {"LimitExceeded.PhoneNumberThirtySecondLimit", VendorFault::kThrottled, 30 * kSecond},
    {"LimitExceeded.PhoneNumberOneHourLimit", VendorFault::kThrottled, kHour},
    {"LimitExceeded.PhoneNumberDailyLimit", VendorFault::kThrottled, kDay},
    {"LimitExceeded.PhoneNumberSameContentDailyLimit", VendorFault::kThrottled, kDay},
    {"LimitExceeded.AppDailyLimit", VendorFault::kThrottled, kDay},
    {"LimitExceeded.DailyLimit", VendorFault::kThrottled, kDay},
    {"LimitExceeded.DeliveryFrequencyLimit", VendorFault::kThrottled, Millis{0}},
    // A request with too many numbers is our mistake, not a rate.
    {"LimitExceeded.PhoneNumberCountLimit", VendorFault::kPermanent, Millis{0}},
    {"FailedOperation.InsufficientBalanceInSmsPackage", VendorFault::kTransient, Millis{0}},
    {"ServiceUnavailable", VendorFault::kTransient, Millis{0}},
    {"InvalidParameterValue.IncorrectPhoneNumber", VendorFault::kPermanent, Millis{0}},
    {"FailedOperation.PhoneNumberInBlacklist", VendorFault::kPermanent, Millis{0}},
    {"FailedOperation.TemplateIncorrectOrUnapproved", VendorFault::kPermanent, Millis{0}},
    {"FailedOperation.SignatureIncorrectOrUnapproved", VendorFault::kPermanent, Millis{0}},
}};

}  // namespace

VendorVerdict ClassifyAliyun(std::string_view code, std::string_view message) {
  if (const Entry* entry = Find(kAliyun, code)) {
    return {entry->fault, entry->window};
  }
  if (code == "isv.BUSINESS_LIMIT_CONTROL") {
    // "触发分钟级流控Permits:1" / "触发小时级流控Permits:5" / "触发天级流控Permits:10"
    if (message.find("小时") != std::string_view::npos) {
      return {VendorFault::kThrottled, kHour};
    }
    if (message.find("天") != std::string_view::npos) {
      return {VendorFault::kThrottled, kDay};
    }
    return {VendorFault::kThrottled, kMinute};
  }
  if (code.starts_with("Throttling")) {
    return {VendorFault::kThrottled, kSecond};  // the API's own QPS limit
  }
  return {VendorFault::kPermanent, Millis{0}};
}

VendorVerdict ClassifyTencent(std::string_view code) {
  if (const Entry* entry = Find(kTencent, code)) {
    return {entry->fault, entry->window};
  }
  if (code.starts_with("RequestLimitExceeded")) {
    return {VendorFault::kThrottled, kSecond};  // the API's own QPS limit
  }
  if (code.starts_with("LimitExceeded")) {
    return {VendorFault::kThrottled, Millis{0}};
  }
  if (code.starts_with("InternalError")) {
    return {VendorFault::kTransient, Millis{0}};  // InternalError.Timeout, .OtherError, …
  }
  return {VendorFault::kPermanent, Millis{0}};
}

VendorVerdict ClassifyWeChat(int errcode) {
  switch (errcode) {
    case -1: return {VendorFault::kTransient, Millis{0}};     // system busy
    case 45009: return {VendorFault::kThrottled, kDay};       // the API's daily quota
    case 45011: return {VendorFault::kThrottled, kMinute};    // the API's minute quota
    case 45047: return {VendorFault::kThrottled, Millis{0}};  // out of response count limit
    case 40001:                                               // token rejected twice (refreshed elsewhere)
    case 40014:
    case 42001: return {VendorFault::kTransient, Millis{0}};
    default: return {VendorFault::kPermanent, Millis{0}};  // 43004 require subscribe, 40003 invalid openid, …
  }
}

app::SendOutcome Rejected(const VendorVerdict& verdict, std::string code, std::string message) {
  app::SendOutcome outcome;
  outcome.fault = verdict.fault;
  outcome.retryable = verdict.fault == VendorFault::kThrottled || verdict.fault == VendorFault::kTransient;
  outcome.retry_after = verdict.window;
  outcome.error_code = std::move(code);
  outcome.error_message = std::move(message);
  return outcome;
}

}  // namespace careloop::dispatch::adapters
