#include "tools/fake_gateway/gateway_server.h"

#include <httplib.h>

#include <cctype>
#include <stdexcept>

namespace careloop::tools::fake_gateway {
namespace {

GatewayRequest ToGatewayRequest(const httplib::Request& request) {
  GatewayRequest out;
  out.method = request.method;
  out.path = request.path;
  out.body = request.body;
  // httplib has already decoded the query and any x-www-form-urlencoded body into params.
  for (const auto& [name, value] : request.params) {
    out.params.emplace(name, value);  // first value wins, as the vendors read them
  }
  for (const auto& [name, value] : request.headers) {
    std::string lower;
    for (const char c : name) {
      lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    out.headers.emplace(std::move(lower), value);
  }
  return out;
}

}  // namespace

GatewayServer::GatewayServer(Gateway& gateway)
    : gateway_(gateway), server_(std::make_unique<httplib::Server>()), listener_(*server_) {
  const auto handler = [this](const httplib::Request& request, httplib::Response& response) {
    const GatewayResponse answer = gateway_.Handle(ToGatewayRequest(request));
    response.status = answer.status;
    response.set_content(answer.body, answer.content_type.c_str());
  };
  server_->Get(".*", handler);
  server_->Post(".*", handler);
}

GatewayServer::~GatewayServer() {
  Stop();
}

int GatewayServer::Start(const std::string& host, int port) {
  if (listener_.started()) {
    throw std::runtime_error("gateway server already started");
  }
  const int bound = listener_.Start(host, port);
  if (bound < 0) {
    throw std::runtime_error(port == 0 ? "cannot bind " + host + " on any port"
                                       : "cannot bind " + host + ":" + std::to_string(port));
  }
  port_ = bound;
  return port_;
}

void GatewayServer::Stop() {
  if (!listener_.started()) {
    return;
  }
  gateway_.Shutdown();
  listener_.Stop();
}

std::pair<std::string, int> ParseListenAddress(const std::string& address) {
  const auto colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == address.size()) {
    throw std::invalid_argument("expected host:port, got '" + address + "'");
  }
  std::string host = address.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port_text = address.substr(colon + 1);
  for (const char c : port_text) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
      throw std::invalid_argument("bad port in '" + address + "'");
    }
  }
  const int port = std::stoi(port_text);
  if (port > 65535) {
    throw std::invalid_argument("bad port in '" + address + "'");
  }
  return {host, port};
}

}  // namespace careloop::tools::fake_gateway
