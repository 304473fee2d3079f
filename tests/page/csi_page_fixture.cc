// Serves the CSI report page (adapters/csi_page_server.h) on a free loopback port for
// csi_page_check.mjs: the survey topic's events of a store's January and the 11 months before it
// are fed through the CSI routes (adapters/csi_events.cc) into an in-memory read model, and the
// page server is started with one store-scoped bearer token. Prints one JSON line — the page's
// URL, the token and what the page must show — then serves until stdin closes.
//
//   csi_page_fixture   (spawned by csi_page_check.mjs)
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "careloop/survey/v1/events.pb.h"
#include "common/base/ids.h"
#include "common/clock/clock.h"
#include "common/events/proto_event.h"
#include "services/surveys/adapters/csi_events.h"
#include "services/surveys/adapters/csi_page_server.h"
#include "tests/fakes/surveys_csi_fakes.h"

namespace {

namespace pb = careloop::survey::v1;
using careloop::Date;
using careloop::Instant;

const careloop::TimeZone& Shanghai() {
  static const careloop::TimeZone zone("Asia/Shanghai");
  return zone;
}

Instant On(Date date, int hour = 10) {
  return Shanghai().At(date, careloop::TimeOfDay{hour * 60});
}

class Feed {
 public:
  explicit Feed(careloop::events::Router& routes) : routes_(routes) {}

  void Send(const google::protobuf::Message& payload) {
    const auto event = careloop::events::MakeEvent(payload, "/careloop/surveys", "cus",
                                                   "evt-" + std::to_string(++sequence_), On({2027, 2, 1}));
    if (const auto result = routes_(event); result.outcome != careloop::kafka::HandlerResult::Outcome::kDone) {
      throw std::runtime_error("the fixture's event was not handled: " + result.reason);
    }
  }

  void Survey(const std::string& id, const std::string& advisor, Date on,
              std::vector<std::pair<pb::SurveyItem, int>> scores, int recommend) {
    pb::SurveyIssued issued;
    issued.set_survey_id(id);
    issued.set_store_id("S001");
    issued.set_kind(pb::SURVEY_KIND_SERVICE_VISIT);
    issued.set_advisor(advisor);
    issued.set_source(pb::SATISFACTION_SOURCE_INTERNAL);
    *issued.mutable_issued_at() = careloop::events::ToTimestamp(On(on));
    Send(issued);
    if (scores.empty()) {
      return;
    }
    pb::SurveyAnswered answered;
    answered.set_survey_id(id);
    answered.set_store_id("S001");
    answered.set_kind(pb::SURVEY_KIND_SERVICE_VISIT);
    answered.set_advisor(advisor);
    answered.set_source(pb::SATISFACTION_SOURCE_INTERNAL);
    double sum = 0;
    int lowest = 10;
    for (const auto& [item, score] : scores) {
      auto* given = answered.add_scores();
      given->set_item(item);
      given->set_score(score);
      sum += score;
      lowest = std::min(lowest, score);
    }
    answered.set_average_score(sum / static_cast<double>(scores.size()));
    answered.set_dissatisfied(lowest <= 6);
    answered.set_recommend_score(recommend);
    *answered.mutable_answered_at() = careloop::events::ToTimestamp(On(on.PlusDays(1)));
    Send(answered);
  }

 private:
  careloop::events::Router& routes_;
  int sequence_ = 0;
};

}  // namespace

int main() {
  careloop::clock::ManualClock clock(On({2027, 2, 1}));
  careloop::config::StoreCatalog stores({{"S001", "朝阳店", "星途汽车朝阳店", "Asia/Shanghai", ""},
                                         {"S002", "浦东店", "星途汽车浦东店", "Asia/Shanghai", ""}});
  careloop::auth::TokenAuthenticator authenticator(
      {{"manager-S001", careloop::Sha256Hex("page-token-s001"), "manager", {"S001"}},
       {"manager-S002", careloop::Sha256Hex("page-token-s002"), "manager", {"S002"}}});
  careloop::testing::FakeCsiStats stats;
  careloop::surveys::app::CsiApp csi(stats, clock, stores);
  careloop::events::Router routes;
  careloop::surveys::adapters::RouteCsi(routes, csi);
  Feed feed(routes);

  // The trend: one answer a month from February 2026 to December 2026, overall 6, 7, 8, 6, …
  nlohmann::json trend = nlohmann::json::object();
  for (int i = 0; i < 11; ++i) {
    const Date day = Date{2026, 2, 10}.PlusMonths(i);
    const int score = 6 + i % 3;
    feed.Survey("trend-" + std::to_string(i), "adv-1", day, {{pb::SURVEY_ITEM_OVERALL, score}}, 8);
    char month[8];
    std::snprintf(month, sizeof month, "%04d-%02d", day.year, day.month);
    trend[month] = std::to_string(score) + ".0";
  }
  // January 2027: five issued, four answered by three advisors (one named with markup).
  feed.Survey("jan-1", "adv-1", {2027, 1, 5},
              {{pb::SURVEY_ITEM_OVERALL, 10},
               {pb::SURVEY_ITEM_SERVICE_ADVISOR_ATTITUDE, 10},
               {pb::SURVEY_ITEM_SERVICE_LOUNGE, 8}},
              10);
  feed.Survey("jan-2", "adv-1", {2027, 1, 6},
              {{pb::SURVEY_ITEM_OVERALL, 8},
               {pb::SURVEY_ITEM_SERVICE_ADVISOR_ATTITUDE, 9},
               {pb::SURVEY_ITEM_SERVICE_LOUNGE, 7}},
              9);
  feed.Survey("jan-3", "adv-2", {2027, 1, 7},
              {{pb::SURVEY_ITEM_OVERALL, 4},
               {pb::SURVEY_ITEM_SERVICE_ADVISOR_ATTITUDE, 5},
               {pb::SURVEY_ITEM_SERVICE_FAULT_FIXED, 3}},
              2);
  feed.Survey("jan-4", "<i>adv-3</i>", {2027, 1, 8},
              {{pb::SURVEY_ITEM_OVERALL, 9}, {pb::SURVEY_ITEM_SERVICE_FAULT_FIXED, 9}}, 7);
  feed.Survey("jan-5", "adv-2", {2027, 1, 9}, {}, 0);
  // Complaints opened in January: three; two with a step done, one resolved in time with the
  // customer satisfied (after 20 h), one resolved late (after 50 h).
  const auto open_case = [&](const std::string& id, const std::string& advisor, Date on) {
    pb::ComplaintCaseOpened opened;
    opened.set_case_id(id);
    opened.set_store_id("S001");
    opened.set_advisor(advisor);
    *opened.mutable_opened_at() = careloop::events::ToTimestamp(On(on));
    feed.Send(opened);
    return opened.opened_at();
  };
  const auto resolve = [&](const std::string& id, const google::protobuf::Timestamp& opened_at, int hours, bool in_time,
                           bool satisfied) {
    pb::ComplaintCaseResolved resolved;
    resolved.set_case_id(id);
    resolved.set_store_id("S001");
    *resolved.mutable_opened_at() = opened_at;
    *resolved.mutable_resolved_at() =
        careloop::events::ToTimestamp(careloop::events::FromTimestamp(opened_at) + std::chrono::hours(hours));
    resolved.set_within_deadline(in_time);
    resolved.set_resolution(satisfied ? pb::CASE_RESOLUTION_CUSTOMER_SATISFIED
                                      : pb::CASE_RESOLUTION_CUSTOMER_UNSATISFIED);
    feed.Send(resolved);
  };
  resolve("case-1", open_case("case-1", "adv-2", {2027, 1, 8}), 20, true, true);
  resolve("case-2", open_case("case-2", "adv-2", {2027, 1, 12}), 50, false, false);
  open_case("case-3", "adv-1", {2027, 1, 20});

  careloop::surveys::adapters::CsiPageServer server(csi, authenticator, stores);
  const int port = server.Start("127.0.0.1:0");
  const nlohmann::json ready{
      {"url", "http://127.0.0.1:" + std::to_string(port) + "/csi?store=S001&month=2027-01"},
      {"other_store_url", "http://127.0.0.1:" + std::to_string(port) + "/csi?store=S002&month=2027-01"},
      {"token", "page-token-s001"},
      {"other_token", "page-token-s002"},
      {"expected",
       {{"csi", "7.6"},  // (28/3 + 8 + 4 + 9) / 4
        {"responses", "4"},
        {"response_rate", "80.0%"},
        {"nps", "25.0"},  // promoters 10, 9; detractor 2; passive 7: (2 - 1) / 4
        {"cases", "3"},
        {"median_hours", "35.0 小时"},
        {"p90_hours", "50.0 小时"},
        {"within_sla", "50.0%"},
        {"trend", trend},
        {"january_csi", "7.6"},
        {"funnel", {{"opened", 3}, {"in_progress", 2}, {"within_sla", 1}, {"satisfied", 1}}},
        {"heat",
         {{{"advisor", "adv-1"}, {"item", pb::SURVEY_ITEM_SERVICE_LOUNGE}, {"score", "7.5"}},
          {{"advisor", "adv-2"}, {"item", pb::SURVEY_ITEM_SERVICE_FAULT_FIXED}, {"score", "3.0"}},
          {{"advisor", "<i>adv-3</i>"}, {"item", pb::SURVEY_ITEM_SERVICE_FAULT_FIXED}, {"score", "9.0"}}}},
        {"lowest_first", "一次修复"}}}};
  std::cout << ready.dump() << std::endl;
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  server.Stop();
  return 0;
}
