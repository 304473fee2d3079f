#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/base/error.h"
#include "common/config/config.h"
#include "common/log/log.h"
#include "common/metrics/metrics.h"
#include "common/redis/client.h"

namespace careloop::grpcx {

/// Maps our error to a gRPC status: the one place where domain errors meet the wire.
/// INVALID_ARGUMENT messages read "field: reason".
[[nodiscard]] grpc::Status ToGrpcStatus(const Error& error);

/// A started gRPC server with the standard grpc.health.v1 service and server reflection.
/// TLS when both certificate files are configured.
class Server final {
 public:
  /// Builds and starts. Throws std::runtime_error when it cannot listen.
  Server(const config::GrpcSettings& settings, const std::vector<grpc::Service*>& services);
  [[nodiscard]] int port() const { return port_; }
  /// Health: SERVING or NOT_SERVING for every service name.
  void SetServing(bool serving);
  /// Stops taking calls, lets running calls finish for up to `grace`, then cancels the rest.
  void Shutdown(std::chrono::milliseconds grace);

 private:
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

/// The caller, from the request's `authorization` metadata.
[[nodiscard]] Result<auth::Principal> Authenticate(const grpc::CallbackServerContext& context,
                                                   const auth::TokenAuthenticator& authenticator);

/// The status a call ends with when its handler threw — the one mapping of exceptions at the
/// gRPC boundary: UNAVAILABLE for Redis out of reach (worth trying again), INTERNAL for anything
/// else (logged with `method`; the client learns nothing of the inside).
[[nodiscard]] grpc::Status StatusOfException(std::exception_ptr error, std::string_view method);

/// Everything a unary handler needs besides the request.
struct HandlerContext final {
  const auth::TokenAuthenticator& authenticator;
  metrics::Registry& metrics;
};

/// Runs one unary call: authenticates (UNAUTHENTICATED on failure — the reason every call goes
/// through here: gRPC 1.51's server interceptors cannot reject a call with a status), runs
/// `body(principal)`, maps its Status, and records count and latency per method.
///
/// The body runs on the gRPC callback thread and may block on Redis. That is deliberate: Redis
/// answers in well under a millisecond on the same network, a hand-off to another pool would
/// cost more than it saves, and every Redis call has a timeout (redis.timeout_ms).
template <class Body>
grpc::ServerUnaryReactor* RunUnary(grpc::CallbackServerContext* context, HandlerContext& handler, const char* method,
                                   Body&& body) {
  auto* reactor = context->DefaultReactor();
  const auto started = std::chrono::steady_clock::now();
  grpc::Status status;
  auto principal = Authenticate(*context, handler.authenticator);
  if (!principal.ok()) {
    status = ToGrpcStatus(principal.error());
  } else {
    try {
      Status result = body(principal.value());
      status = result.ok() ? grpc::Status::OK : ToGrpcStatus(result.error());
    } catch (...) {
      status = StatusOfException(std::current_exception(), method);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  handler.metrics.GetHistogram("careloop_rpc_duration_seconds", "gRPC handling time", {{"method", method}})
      .Observe(seconds);
  handler.metrics
      .GetCounter("careloop_rpc_total", "gRPC calls by method and status",
                  {{"method", method}, {"code", std::to_string(static_cast<int>(status.error_code()))}})
      .Increment();
  reactor->Finish(status);
  return reactor;
}

/// Adds "authorization: Bearer <token>" to an outgoing call.
void AddBearer(grpc::ClientContext& context, const std::string& token);

}  // namespace careloop::grpcx
