#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace careloop::ctl {

/// The full method name of the standard gRPC health check.
inline constexpr const char* kHealthCheckMethod = "/grpc.health.v1.Health/Check";

/// grpc.health.v1.HealthCheckResponse.ServingStatus values.
inline constexpr int kServingStatusServing = 1;

/// Decodes a serialized grpc.health.v1.HealthCheckResponse by hand (field 1, varint: the
/// serving status; other fields skipped). An empty body is status 0 (UNKNOWN). nullopt when
/// the bytes are not a valid message.
[[nodiscard]] std::optional<int> ParseHealthCheckResponse(std::string_view bytes);

/// "SERVING", "NOT_SERVING", "UNKNOWN", "SERVICE_UNKNOWN" or "STATUS_<n>".
[[nodiscard]] std::string ServingStatusName(int status);

/// One service to check.
struct HealthTarget final {
  std::string service;  ///< e.g. "customers"
  std::string address;  ///< host:port
};

/// The outcome of one check.
struct HealthResult final {
  std::string service;
  std::string address;
  bool serving = false;
  std::string status;  ///< "SERVING", "NOT_SERVING", or "UNAVAILABLE: <message>" for a failed call
};

/// Checks services with grpc.health.v1.Health/Check through a GenericStub (no generated
/// health proto needed). Channels are kept between rounds and reconnect quickly, so a
/// `--wait` loop sees a service as soon as it listens.
class HealthChecker final {
 public:
  /// `token` (may be empty) is sent as a bearer token.
  HealthChecker(std::vector<HealthTarget> targets, std::string token);
  /// Checks every target concurrently; each call has `timeout`.
  [[nodiscard]] std::vector<HealthResult> CheckAll(std::chrono::milliseconds timeout);

 private:
  std::vector<HealthTarget> targets_;
  std::string token_;
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
};

}  // namespace careloop::ctl
