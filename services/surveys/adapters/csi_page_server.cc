#include "services/surveys/adapters/csi_page_server.h"

#include <httplib.h>

#include <stdexcept>

#include "common/base/text.h"
#include "common/log/log.h"
#include "services/surveys/adapters/csi_page.h"
#include "services/surveys/adapters/csi_report_call.h"

namespace careloop::surveys::adapters {
namespace {

PageAnswer Answer(int status, const std::string& body) {
  PageAnswer answer;
  answer.status = status;
  answer.body = body;
  return answer;
}

// A short Chinese error page (no data echoed unescaped).
PageAnswer ErrorPage(int status, const std::string& message) {
  return Answer(status,
                "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>无法显示报告</title>"
                "</head><body><h1>无法显示报告</h1><p>" +
                    HtmlEscape(message) + "</p></body></html>\n");
}

int StatusOf(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kUnavailable: return 503;
    default: return 500;
  }
}

}  // namespace

CsiPageServer::CsiPageServer(app::CsiApp& csi, const auth::TokenAuthenticator& authenticator,
                             const config::StoreCatalog& stores)
    : csi_(csi),
      authenticator_(authenticator),
      stores_(stores),
      server_(std::make_unique<httplib::Server>()),
      listener_(*server_) {
  const auto handler = [this](const httplib::Request& request, httplib::Response& response) {
    PageRequest parsed{request.method, request.path, {}, request.get_header_value("Authorization")};
    for (const auto& [name, value] : request.params) {
      parsed.query.emplace(name, value);
    }
    const PageAnswer answer = Handle(parsed);
    for (const auto& [name, value] : answer.headers) {
      response.set_header(name, value);
    }
    response.status = answer.status;
    response.set_content(answer.body, answer.content_type);
  };
  server_->Get(".*", handler);
  server_->Post(".*", handler);
  server_->set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
    log::Warn("report page not served: store unavailable", {});
    response.status = 503;
    response.set_header("Cache-Control", "no-store");
    response.set_content("报告暂时无法生成，请稍后再试。", "text/plain; charset=utf-8");
  });
}

CsiPageServer::~CsiPageServer() {
  Stop();
}

PageAnswer CsiPageServer::Handle(const PageRequest& request) const {
  PageAnswer answer = [&]() -> PageAnswer {
    if (request.path != "/csi") {
      return ErrorPage(404, "没有这个页面。");
    }
    if (request.method != "GET") {
      return ErrorPage(405, "只支持 GET。");
    }
    auto caller = authenticator_.Authenticate(request.authorization);
    if (!caller.ok()) {
      PageAnswer refused = ErrorPage(401, "需要门店的访问令牌（Authorization: Bearer …）。");
      refused.headers["WWW-Authenticate"] = "Bearer";
      return refused;
    }
    const auto store = request.query.find("store");
    if (store == request.query.end() || store->second.empty()) {
      return ErrorPage(400, "store: 缺少门店参数");
    }
    const auto month_text = request.query.find("month");
    const auto month = month_text == request.query.end() ? std::nullopt : domain::CsiMonth::Parse(month_text->second);
    if (!month) {
      return ErrorPage(400, "month: 月份格式为 YYYY-MM，例如 2027-01");
    }
    const CsiPageRequests requests = CsiPageRequestsFor(store->second, *month);
    CsiPageData data;
    data.store_id = store->second;
    data.month = *month;
    for (auto [request_of, response_of] :
         {std::pair{&requests.month, &data.totals}, std::pair{&requests.trend, &data.trend},
          std::pair{&requests.advisors, &data.advisors}, std::pair{&requests.heat, &data.heat}}) {
      auto report = RunCsiReport(csi_, caller.value(), *request_of);
      if (!report.ok()) {
        return ErrorPage(StatusOf(report.error()), report.error().ToString());
      }
      *response_of = std::move(report).value();
    }
    if (const auto* settings = stores_.Find(data.store_id)) {
      data.store_name = settings->name;
    }
    return Answer(200, RenderCsiPage(data));
  }();
  answer.headers["Content-Security-Policy"] = kCsiPageCsp;
  answer.headers["X-Content-Type-Options"] = "nosniff";
  answer.headers["X-Frame-Options"] = "DENY";
  answer.headers["Referrer-Policy"] = "no-referrer";
  answer.headers["Cache-Control"] = "no-store";
  answer.headers["Cross-Origin-Resource-Policy"] = "same-origin";
  return answer;
}

int CsiPageServer::Start(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    throw std::runtime_error("report page listen address must be host:port, got '" + listen + "'");
  }
  const int port = listener_.Start(listen.substr(0, colon), std::stoi(listen.substr(colon + 1)));
  if (port < 0) {
    throw std::runtime_error("cannot bind the report page on " + listen);
  }
  return port;
}

void CsiPageServer::Stop() {
  listener_.Stop();
}

}  // namespace careloop::surveys::adapters
