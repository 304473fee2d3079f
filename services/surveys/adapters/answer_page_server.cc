#include "services/surveys/adapters/answer_page_server.h"

#include <httplib.h>

#include <stdexcept>

#include "common/log/log.h"
#include "services/surveys/adapters/answer_page.h"
#include "services/surveys/adapters/random_link_tokens.h"

namespace careloop::surveys::adapters {
namespace {

constexpr std::string_view kPrefix = "/s/";
constexpr size_t kMaxFormBytes = 16 * 1024;
constexpr const char* kAlreadyAnswered = "您已提交过本次评价，感谢您的反馈";

AnswerPageResponse Page(int status, std::string body) {
  AnswerPageResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

AnswerPageResponse Unknown() {
  return Page(404, RenderNotice("链接无效", "没有找到这份评价。请检查短信或微信中的链接是否完整。"));
}

AnswerPageResponse Unavailable() {
  AnswerPageResponse response = Page(503, RenderNotice("系统繁忙", "页面暂时无法打开，请稍后再试。"));
  response.headers["Retry-After"] = "30";
  return response;
}

/// The page of a link that takes no answers (or no longer does).
AnswerPageResponse Closed(const app::LinkPage& page, int answered_status) {
  switch (page.state) {
    case app::LinkState::kAnswered:
      return Page(answered_status, RenderNotice("已提交", kAlreadyAnswered, page.store_name));
    case app::LinkState::kExpired:
      return Page(410, RenderNotice("本次评价已结束", "本次评价已结束，感谢您的关注。", page.store_name));
    default: return Unknown();
  }
}

void SecurityHeaders(AnswerPageResponse& response) {
  response.headers["Content-Security-Policy"] = AnswerPageCsp();
  response.headers["X-Content-Type-Options"] = "nosniff";
  response.headers["X-Frame-Options"] = "DENY";
  response.headers["Referrer-Policy"] = "no-referrer";
  response.headers["Cache-Control"] = "no-store";
  response.headers["Cross-Origin-Resource-Policy"] = "same-origin";
}

}  // namespace

AnswerPageServer::AnswerPageServer(app::AnswerPageApp& page, const config::StoreCatalog& stores)
    : page_(page), stores_(stores), server_(std::make_unique<httplib::Server>()), listener_(*server_) {
  const auto handler = [this](const httplib::Request& request, httplib::Response& response) {
    const AnswerPageResponse answer = Handle(
        {request.method, request.path, request.get_header_value("Content-Type"), request.body, request.remote_addr});
    for (const auto& [name, value] : answer.headers) {
      response.set_header(name, value);
    }
    response.status = answer.status;
    response.set_content(answer.body, "text/html; charset=utf-8");
  };
  server_->Get(".*", handler);
  server_->Post(".*", handler);
  server_->set_payload_max_length(kMaxFormBytes);
  server_->set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
    log::Warn("answer page not served: store unavailable", {});
    AnswerPageResponse answer = Unavailable();
    SecurityHeaders(answer);
    for (const auto& [name, value] : answer.headers) {
      response.set_header(name, value);
    }
    response.status = answer.status;
    response.set_content(answer.body, "text/html; charset=utf-8");
  });
}

AnswerPageServer::~AnswerPageServer() {
  Stop();
}

AnswerPageResponse AnswerPageServer::Handle(const AnswerPageRequest& request) {
  AnswerPageResponse response = [&]() -> AnswerPageResponse {
    if (!request.path.starts_with(kPrefix)) {
      return Unknown();
    }
    const std::string token = request.path.substr(kPrefix.size());
    if (!LooksLikeLinkToken(token)) {
      return Unknown();
    }
    if (request.method == "GET" || request.method == "HEAD") {
      return Show(token);
    }
    if (request.method == "POST") {
      return Submit(token, request);
    }
    AnswerPageResponse refused = Page(405, RenderNotice("无法处理", "不支持这种请求。"));
    refused.headers["Allow"] = "GET, POST";
    return refused;
  }();
  SecurityHeaders(response);
  return response;
}

AnswerPageResponse AnswerPageServer::Show(const std::string& token) {
  auto page = page_.Open(token);
  if (!page.ok()) {
    log::Warn("answer page not shown", {{"error", page.error().ToString()}});
    return Unavailable();
  }
  if (page->state != app::LinkState::kOpen) {
    return Closed(page.value(), 200);
  }
  return Page(200, RenderAnswerForm(page.value(), stores_.ZoneOf(page->survey.store_id), {}, std::nullopt));
}

AnswerPageResponse AnswerPageServer::Submit(const std::string& token, const AnswerPageRequest& request) {
  if (!request.content_type.starts_with("application/x-www-form-urlencoded")) {
    return Page(415, RenderNotice("无法处理", "请通过评价页面提交。"));
  }
  const FormFields form = ParseFormBody(request.body);
  domain::SurveyAnswers answers = ParseAnswerForm(form);
  answers.channel = domain::AnswerChannel::kSms;  // the link came by SMS (or WeChat, recorded alike)
  auto submitted = page_.Submit(token, request.client, answers);
  if (!submitted.ok()) {
    log::Warn("answer page submit not taken", {{"error", submitted.error().ToString()}});
    return Unavailable();
  }
  const app::PageSubmit& result = submitted.value();
  switch (result.outcome) {
    case app::PageSubmit::Outcome::kThanks: return Page(200, RenderThanks(result.page));
    case app::PageSubmit::Outcome::kInvalid:
      return Page(422, RenderAnswerForm(result.page, stores_.ZoneOf(result.page.survey.store_id), form,
                                        PageErrorOf(result.page.asked, answers, result.error)));
    case app::PageSubmit::Outcome::kLimited: {
      AnswerPageResponse limited = Page(429, RenderNotice("提交过于频繁", "提交次数过多，请稍后再试。"));
      limited.headers["Retry-After"] = std::to_string((result.retry_after.count() + 999) / 1000);
      return limited;
    }
    case app::PageSubmit::Outcome::kRefused: return Closed(result.page, 409);
  }
  return Unavailable();
}

int AnswerPageServer::Start(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    throw std::runtime_error("answer page listen address must be host:port, got '" + listen + "'");
  }
  const int port = listener_.Start(listen.substr(0, colon), std::stoi(listen.substr(colon + 1)));
  if (port < 0) {
    throw std::runtime_error("cannot bind the answer page on " + listen);
  }
  return port;
}

void AnswerPageServer::Stop() {
  listener_.Stop();
}

}  // namespace careloop::surveys::adapters
