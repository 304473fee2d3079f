#include "services/dispatch/adapters/redis_send_request.h"

namespace careloop::dispatch::adapters {

redis::Command WriteSendRequest(const std::string& key, const domain::SendRequest& cause) {
  return {"HSET",
          key,
          "cause_id",
          cause.cause_id,
          "occurrence",
          std::to_string(cause.occurrence),
          "kind",
          std::string(domain::CareKindName(cause.kind)),
          "customer_id",
          cause.customer_id,
          "store_id",
          cause.store_id,
          "vehicle_id",
          cause.vehicle_id,
          "service_due_date",
          cause.service_due_date.IsSet() ? cause.service_due_date.ToString() : "",
          "about_delivery",
          cause.about_delivery ? "1" : "0",
          "holiday",
          cause.holiday,
          "template_id",
          cause.template_id,
          "campaign_id",
          cause.campaign_id,
          "channel_plan_id",
          cause.channel_plan_id,
          "answer_url",
          cause.answer_url,
          "not_after",
          std::to_string(cause.not_after.time_since_epoch().count())};
}

domain::SendRequest ReadSendRequest(const redis::Reply& reply) {
  domain::SendRequest cause;
  for (size_t i = 0; i + 1 < reply.Size(); i += 2) {
    const auto name = redis::ElementStr(reply.Element(i));
    const std::string value(redis::ElementStr(reply.Element(i + 1)));
    if (name == "cause_id") {
      cause.cause_id = value;
    } else if (name == "occurrence") {
      cause.occurrence = std::stoi(value);
    } else if (name == "kind") {
      cause.kind = domain::ParseCareKind(value).value_or(domain::CareKind::kFirstMaintenance);
    } else if (name == "customer_id") {
      cause.customer_id = value;
    } else if (name == "store_id") {
      cause.store_id = value;
    } else if (name == "vehicle_id") {
      cause.vehicle_id = value;
    } else if (name == "service_due_date") {
      cause.service_due_date = Date::Parse(value).value_or(Date{});
    } else if (name == "about_delivery") {
      cause.about_delivery = value == "1";
    } else if (name == "holiday") {
      cause.holiday = value;
    } else if (name == "template_id") {
      cause.template_id = value;
    } else if (name == "campaign_id") {
      cause.campaign_id = value;
    } else if (name == "channel_plan_id") {
      cause.channel_plan_id = value;
    } else if (name == "answer_url") {
      cause.answer_url = value;
    } else if (name == "not_after" && !value.empty()) {
      cause.not_after = Instant{Millis{std::stoll(value)}};
    }
  }
  return cause;
}

}  // namespace careloop::dispatch::adapters
