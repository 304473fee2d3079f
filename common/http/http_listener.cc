#include "common/http/http_listener.h"

#include <httplib.h>

namespace careloop::http {

HttpListener::~HttpListener() {
  Stop();
}

int HttpListener::Start(const std::string& host, int port) {
  const int bound = port == 0 ? server_.bind_to_any_port(host) : (server_.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    return -1;
  }
  listen_returned_ = false;
  thread_ = std::thread([this] {
    server_.listen_after_bind();
    listen_returned_ = true;
  });
  // httplib's stop() does nothing until the accept loop runs: wait for it, so that stopping right
  // after starting cannot hang. The socket already queues connections meanwhile.
  while (!server_.is_running() && !listen_returned_) {
    std::this_thread::yield();
  }
  return bound;
}

void HttpListener::Stop() {
  if (!thread_.joinable()) {
    return;
  }
  server_.stop();
  thread_.join();
}

}  // namespace careloop::http
