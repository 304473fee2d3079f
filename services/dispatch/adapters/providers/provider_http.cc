#include "services/dispatch/adapters/providers/provider_http.h"

#include <httplib.h>

#include <stdexcept>

namespace careloop::dispatch::adapters::detail {

std::string NormaliseEndpoint(std::string_view endpoint) {
  std::string out(endpoint);
  while (!out.empty() && out.back() == '/') {
    out.pop_back();
  }
  const auto scheme_end = out.find("://");
  const std::string_view scheme = std::string_view(out).substr(0, scheme_end);
  if (scheme_end == std::string::npos || (scheme != "http" && scheme != "https") || out.size() == scheme_end + 3 ||
      out.find('/', scheme_end + 3) != std::string::npos) {
    throw std::invalid_argument("provider endpoint must be http(s)://host[:port], got '" + std::string(endpoint) + "'");
  }
  return out;
}

std::string EndpointAuthority(std::string_view endpoint) {
  const auto scheme_end = endpoint.find("://");
  return std::string(scheme_end == std::string_view::npos ? endpoint : endpoint.substr(scheme_end + 3));
}

std::unique_ptr<httplib::Client> MakeClient(const HttpTarget& target) {
  auto client = std::make_unique<httplib::Client>(target.endpoint);
  client->set_connection_timeout(target.connect_timeout);
  client->set_read_timeout(target.read_timeout);
  client->set_write_timeout(target.read_timeout);
  // Our queries and bodies are already percent-encoded by the signer; re-encoding would break
  // the signature.
  client->set_url_encode(false);
  client->enable_server_certificate_verification(true);
  if (!target.ca_cert_path.empty()) {
    client->set_ca_cert_path(target.ca_cert_path);
  }
  return client;
}

bool NeverReachedVendor(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection:
    case httplib::Error::BindIPAddress:
    case httplib::Error::ConnectionTimeout:
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLLoadingCerts:
    case httplib::Error::SSLServerVerification: return true;
    default: return false;  // Read, Write, Canceled…: the request may have been taken
  }
}

app::SendOutcome TransportFailure(const httplib::Result& result) {
  app::SendOutcome outcome;
  outcome.retryable = true;
  outcome.fault = NeverReachedVendor(result.error()) ? domain::VendorFault::kTransient : domain::VendorFault::kUnknown;
  outcome.error_code = "transport";
  outcome.error_message = httplib::to_string(result.error());
  return outcome;
}

app::SendOutcome HttpStatusFailure(int status) {
  app::SendOutcome outcome;
  // 5xx and 429 are the vendor's trouble or throttling; other statuses will not change on retry.
  outcome.retryable = status >= 500 || status == 429;
  outcome.fault = status == 429   ? domain::VendorFault::kThrottled
                  : status >= 500 ? domain::VendorFault::kTransient
                                  : domain::VendorFault::kPermanent;
  outcome.error_code = "http_" + std::to_string(status);
  outcome.error_message = "unexpected HTTP status " + std::to_string(status);
  return outcome;
}

app::SendOutcome MalformedResponse(std::string_view what) {
  app::SendOutcome outcome;
  outcome.retryable = true;
  outcome.fault = domain::VendorFault::kUnknown;  // a 2xx we cannot read may be an acceptance
  outcome.error_code = "malformed_response";
  outcome.error_message = std::string(what);
  return outcome;
}

}  // namespace careloop::dispatch::adapters::detail
