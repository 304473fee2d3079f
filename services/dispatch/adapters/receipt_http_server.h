#pragma once

#include <memory>
#include <string>

#include "common/http/http_listener.h"
#include "services/dispatch/adapters/receipt_routes.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace careloop::dispatch::adapters {

/// Serves ReceiptRoutes over HTTP on its own thread (the vendors push receipts here).
class ReceiptHttpServer final {
 public:
  explicit ReceiptHttpServer(ReceiptRoutes& routes);
  ~ReceiptHttpServer();
  ReceiptHttpServer(const ReceiptHttpServer&) = delete;
  ReceiptHttpServer& operator=(const ReceiptHttpServer&) = delete;

  /// Binds "host:port" (port 0 picks a free one) and serves; returns the bound port once the
  /// server accepts requests. Throws std::runtime_error when it cannot bind.
  int Start(const std::string& listen);
  /// Stops and joins. Idempotent.
  void Stop();

 private:
  ReceiptRoutes& routes_;
  std::unique_ptr<httplib::Server> server_;
  http::HttpListener listener_;
};

}  // namespace careloop::dispatch::adapters
