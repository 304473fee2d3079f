#pragma once

#include <map>
#include <memory>
#include <string>

#include "common/config/stores.h"
#include "common/http/http_listener.h"
#include "services/surveys/app/answer_page_app.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace careloop::surveys::adapters {

/// One request to the answer page, as the routes see it.
struct AnswerPageRequest final {
  std::string method;
  std::string path;
  std::string content_type;
  std::string body;    ///< a POST's form (application/x-www-form-urlencoded)
  std::string client;  ///< the client's address (rate limits)
};

/// The answer: status, HTML body and headers (the security headers on every answer).
struct AnswerPageResponse final {
  int status = 200;
  std::string body;
  std::map<std::string, std::string> headers;
};

/// The customer's survey page over HTTP (docs/surveys.md "The answer page"): `GET /s/<token>`
/// shows the questionnaire of the token's survey, `POST /s/<token>` submits it. No login: the
/// unguessable token is the credential, bound to its one survey.
class AnswerPageServer final {
 public:
  AnswerPageServer(app::AnswerPageApp& page, const config::StoreCatalog& stores);
  ~AnswerPageServer();
  AnswerPageServer(const AnswerPageServer&) = delete;
  AnswerPageServer& operator=(const AnswerPageServer&) = delete;

  /// The routes, without HTTP (tests call this directly).
  [[nodiscard]] AnswerPageResponse Handle(const AnswerPageRequest& request);

  /// Binds "host:port" (port 0 picks a free one) and serves; returns the bound port. Throws
  /// std::runtime_error when it cannot bind.
  int Start(const std::string& listen);
  /// Stops and joins. Idempotent.
  void Stop();

 private:
  AnswerPageResponse Show(const std::string& token);
  AnswerPageResponse Submit(const std::string& token, const AnswerPageRequest& request);

  app::AnswerPageApp& page_;
  const config::StoreCatalog& stores_;
  std::unique_ptr<httplib::Server> server_;
  http::HttpListener listener_;
};

}  // namespace careloop::surveys::adapters
