#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "services/dispatch/app/provider_ports.h"

namespace httplib {
class Client;
class Result;
enum class Error;
}  // namespace httplib

/// Internal to the provider adapters: HTTP plumbing they share. Not part of the adapters' API.
namespace careloop::dispatch::adapters::detail {

/// Where and how to reach a vendor.
struct HttpTarget final {
  std::string endpoint;  ///< scheme://host[:port], no trailing slash
  std::chrono::milliseconds connect_timeout{};
  std::chrono::milliseconds read_timeout{};
  std::string ca_cert_path;  ///< empty: the system trust store
};

/// Validates and normalises a base URL ("http://127.0.0.1:18080/" → "http://127.0.0.1:18080").
/// Throws std::invalid_argument for anything but http(s)://host[:port][/]: a misconfigured
/// endpoint is a startup error.
[[nodiscard]] std::string NormaliseEndpoint(std::string_view endpoint);

/// The authority part of a normalised endpoint ("host[:port]"), i.e. the Host header value.
[[nodiscard]] std::string EndpointAuthority(std::string_view endpoint);

/// A fresh client for one call. One per call rather than one shared: httplib::Client serialises
/// requests on a shared instance, and sends must run in parallel.
[[nodiscard]] std::unique_ptr<httplib::Client> MakeClient(const HttpTarget& target);

/// Whether a transport error happened before the request could reach the vendor (refused,
/// connect timeout, TLS handshake): then a resend is safe. A read/write error or timeout after
/// the connection stood may have delivered the request: accepted-or-not is unknown.
[[nodiscard]] bool NeverReachedVendor(httplib::Error error);

/// The outcome of a call that produced no HTTP response: transient when the vendor never saw
/// it (NeverReachedVendor), else unknown (kUnknown: the send is reconciled, not resent).
[[nodiscard]] app::SendOutcome TransportFailure(const httplib::Result& result);

/// The outcome of an HTTP status the vendor's JSON did not explain.
[[nodiscard]] app::SendOutcome HttpStatusFailure(int status);

/// A 2xx response whose body we could not read: the vendor may have accepted it, so the outcome
/// is unknown (kUnknown) and the send is reconciled rather than resent.
[[nodiscard]] app::SendOutcome MalformedResponse(std::string_view what);

}  // namespace careloop::dispatch::adapters::detail
