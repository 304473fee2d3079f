#pragma once

#include <atomic>
#include <string>
#include <thread>

namespace httplib {
class Server;
}  // namespace httplib

namespace careloop::http {

/// Serves an httplib::Server (its routes registered by the owner) on a thread of its own: binds,
/// runs the accept loop, and stops and joins. Shared by the metrics endpoint, dispatch's receipt
/// endpoint and the fake gateway.
class HttpListener final {
 public:
  /// `server` must outlive the listener.
  explicit HttpListener(httplib::Server& server) : server_(server) {}
  /// Stops if still serving.
  ~HttpListener();
  HttpListener(const HttpListener&) = delete;
  HttpListener& operator=(const HttpListener&) = delete;

  /// Binds `host`:`port` (port 0 picks a free one) and serves; returns the bound port once the
  /// accept loop runs (so an early Stop cannot hang), or -1 when it cannot bind (nothing runs).
  [[nodiscard]] int Start(const std::string& host, int port);
  /// Stops accepting and joins the thread. Idempotent; not from a request handler.
  void Stop();
  /// Whether Start bound and Stop has not run yet.
  [[nodiscard]] bool started() const { return thread_.joinable(); }

 private:
  httplib::Server& server_;
  std::thread thread_;
  std::atomic<bool> listen_returned_{false};
};

}  // namespace careloop::http
