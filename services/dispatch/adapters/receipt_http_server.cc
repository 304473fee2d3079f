#include "services/dispatch/adapters/receipt_http_server.h"

#include <httplib.h>

#include <chrono>
#include <stdexcept>

#include "common/log/log.h"

namespace careloop::dispatch::adapters {

ReceiptHttpServer::ReceiptHttpServer(ReceiptRoutes& routes)
    : routes_(routes), server_(std::make_unique<httplib::Server>()) {
  const auto handler = [this](const httplib::Request& request, httplib::Response& response) {
    ReceiptRequest parsed{request.method, request.path, {}, request.body};
    for (const auto& [name, value] : request.params) {
      parsed.query.emplace(name, value);
    }
    const ReceiptAnswer answer = routes_.Handle(parsed);
    response.status = answer.status;
    response.set_content(answer.body, answer.content_type);
  };
  server_->Get(".*", handler);
  server_->Post(".*", handler);
  // Redis down (or any failure) is the vendor's cue to push the receipt again later.
  server_->set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
    log::Warn("receipt not recorded: store unavailable", {});
    response.status = 503;
    response.set_content(R"({"error":"unavailable, retry later"})", "application/json");
  });
}

ReceiptHttpServer::~ReceiptHttpServer() {
  Stop();
}

int ReceiptHttpServer::Start(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    throw std::runtime_error("receipts listen address must be host:port, got '" + listen + "'");
  }
  const std::string host = listen.substr(0, colon);
  const int requested = std::stoi(listen.substr(colon + 1));
  int port = requested;
  if (requested == 0) {
    port = server_->bind_to_any_port(host);
  } else if (!server_->bind_to_port(host, requested)) {
    port = -1;
  }
  if (port < 0) {
    throw std::runtime_error("cannot bind the receipts endpoint on " + listen);
  }
  listen_returned_ = false;
  thread_ = std::thread([this] {
    server_->listen_after_bind();
    listen_returned_ = true;
  });
  while (!server_->is_running() && !listen_returned_) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));  // stop() is a no-op before the loop runs
  }
  return port;
}

void ReceiptHttpServer::Stop() {
  if (!thread_.joinable()) {
    return;
  }
  server_->stop();
  thread_.join();
}

}  // namespace careloop::dispatch::adapters
