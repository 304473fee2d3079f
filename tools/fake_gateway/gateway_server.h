#pragma once

#include <memory>
#include <string>
#include <utility>

#include "common/http/http_listener.h"
#include "tools/fake_gateway/gateway.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace careloop::tools::fake_gateway {

/// Serves a Gateway over HTTP on a background thread (httplib's thread pool answers requests).
/// Used by main.cc and, in-process, by integration tests.
class GatewayServer final {
 public:
  /// `gateway` must outlive this server.
  explicit GatewayServer(Gateway& gateway);
  /// Stops the server if it is still running.
  ~GatewayServer();

  GatewayServer(const GatewayServer&) = delete;
  GatewayServer& operator=(const GatewayServer&) = delete;

  /// Binds `host`:`port` (port 0 picks a free port), starts serving and returns once the server
  /// accepts requests. Returns the bound port. Throws std::runtime_error if binding fails or the
  /// server is already started.
  [[nodiscard]] int Start(const std::string& host, int port);

  /// Stops accepting, wakes requests sleeping in a slow fault (Gateway::Shutdown) and joins the
  /// server thread. Idempotent; safe to call from any thread except a request handler.
  void Stop();

  /// The bound port, 0 before Start.
  [[nodiscard]] int Port() const { return port_; }

 private:
  Gateway& gateway_;
  std::unique_ptr<httplib::Server> server_;
  http::HttpListener listener_;
  int port_ = 0;
};

/// Splits "host:port" (port may be 0). Throws std::invalid_argument when malformed.
[[nodiscard]] std::pair<std::string, int> ParseListenAddress(const std::string& address);

}  // namespace careloop::tools::fake_gateway
