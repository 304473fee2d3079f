#include "tools/fake_gateway/gateway_server.h"

#include <httplib.h>

#include <cctype>
#include <stdexcept>
#include <string>
#include <utility>

namespace careloop::tools::fake_gateway {
namespace {

/// `body`: the request's body as read (POST handlers read it themselves, see below).
GatewayRequest ToGatewayRequest(const httplib::Request& request, std::string body) {
  GatewayRequest out;
  out.method = request.method;
  out.path = request.path;
  out.body = std::move(body);
  // httplib has decoded the query into params; a form body is decoded here (httplib would refuse
  // one over 8 KiB, and a 100-number SendBatchSms form is larger).
  httplib::Params params = request.params;
  if (request.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded")) {
    httplib::detail::parse_query_text(out.body, params);
  }
  for (const auto& [name, value] : params) {
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
  const auto answer = [this](const httplib::Request& request, std::string body, httplib::Response& response) {
    const GatewayResponse answered = gateway_.Handle(ToGatewayRequest(request, std::move(body)));
    response.status = answered.status;
    response.set_content(answered.body, answered.content_type.c_str());
  };
  server_->Get(".*", [answer](const httplib::Request& request, httplib::Response& response) {
    answer(request, request.body, response);
  });
  // POST bodies are read here rather than by httplib, which caps form bodies at 8 KiB.
  server_->Post(".*", [answer](const httplib::Request& request, httplib::Response& response,
                               const httplib::ContentReader& reader) {
    std::string body;
    reader([&body](const char* data, size_t length) {
      body.append(data, length);
      return true;
    });
    answer(request, std::move(body), response);
  });
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
