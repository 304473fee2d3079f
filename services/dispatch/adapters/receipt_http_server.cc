#include "services/dispatch/adapters/receipt_http_server.h"

#include <httplib.h>

#include <stdexcept>

#include "common/log/log.h"

namespace careloop::dispatch::adapters {

ReceiptHttpServer::ReceiptHttpServer(ReceiptRoutes& routes)
    : routes_(routes), server_(std::make_unique<httplib::Server>()), listener_(*server_) {
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
  const int port = listener_.Start(host, requested);
  if (port < 0) {
    throw std::runtime_error("cannot bind the receipts endpoint on " + listen);
  }
  return port;
}

void ReceiptHttpServer::Stop() {
  listener_.Stop();
}

}  // namespace careloop::dispatch::adapters
