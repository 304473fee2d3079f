#pragma once

#include <map>
#include <memory>
#include <string>

#include "common/auth/auth.h"
#include "common/config/stores.h"
#include "common/http/http_listener.h"
#include "services/surveys/app/csi_app.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace careloop::surveys::adapters {

/// One request to the report page, as the routes see it.
struct PageRequest final {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::string authorization;  ///< the Authorization header
};

/// The answer: status, body and the headers every answer carries (security headers included).
struct PageAnswer final {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::map<std::string, std::string> headers;
};

/// The CSI report page over HTTP: `GET /csi?store=S&month=YYYY-MM` with a store-scoped bearer
/// token (the same tokens as the gRPC API: a caller outside the store is refused). The page is
/// the one careloopctl writes (csi_page.h), from the same report (csi_report_call.h).
class CsiPageServer final {
 public:
  CsiPageServer(app::CsiApp& csi, const auth::TokenAuthenticator& authenticator, const config::StoreCatalog& stores);
  ~CsiPageServer();
  CsiPageServer(const CsiPageServer&) = delete;
  CsiPageServer& operator=(const CsiPageServer&) = delete;

  /// The routes, without HTTP (tests call this directly).
  [[nodiscard]] PageAnswer Handle(const PageRequest& request) const;

  /// Binds "host:port" (port 0 picks a free one) and serves; returns the bound port. Throws
  /// std::runtime_error when it cannot bind.
  int Start(const std::string& listen);
  /// Stops and joins. Idempotent.
  void Stop();

 private:
  app::CsiApp& csi_;
  const auth::TokenAuthenticator& authenticator_;
  const config::StoreCatalog& stores_;
  std::unique_ptr<httplib::Server> server_;
  http::HttpListener listener_;
};

}  // namespace careloop::surveys::adapters
