#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "tools/careloopctl/endpoints.h"

namespace careloop::ctl {

/// The global options of one careloopctl run and what they resolve to. Commands read the
/// settings they need lazily, so `events tail` works with only KAFKA_BROKERS known.
class Session final {
 public:
  /// Flags given on the command line (filled by CLI11 while parsing).
  EndpointFlags flags;
  /// Deadline of every gRPC call, in seconds.
  double timeout_seconds = 10.0;
  /// Print JSON instead of tables.
  bool json = false;
  /// The command chosen on the command line; returns the process exit code. Set by the
  /// subcommand's callback, run by main after parsing.
  std::function<int()> action;

  /// The resolved connection settings (read once).
  [[nodiscard]] const Endpoints& endpoints();
  /// A plaintext channel to the address under `key` (e.g. kCustomersAddr).
  [[nodiscard]] std::shared_ptr<grpc::Channel> Channel(const std::string& key);
  /// A client context with "authorization: Bearer <token>" and the deadline set. Throws
  /// UsageError when no token is configured.
  [[nodiscard]] std::unique_ptr<grpc::ClientContext> NewContext();
  /// The deadline of one call.
  [[nodiscard]] std::chrono::milliseconds timeout() const;

 private:
  std::optional<Endpoints> endpoints_;
};

/// Throws RpcError when `status` is not OK.
void Check(const grpc::Status& status);

/// Runs `session.action`, turning exceptions into "error: …" on stderr and an exit code: 1 for
/// failed calls and I/O, 2 for usage errors.
[[nodiscard]] int RunAction(Session& session);

}  // namespace careloop::ctl
