#include "common/events/proto_event.h"

namespace careloop::events {

kafka::CloudEvent MakeEvent(const google::protobuf::Message& payload, const std::string& source,
                            const std::string& customer_id, std::string event_id, Instant time) {
  kafka::CloudEvent event;
  event.id = std::move(event_id);
  event.source = source;
  event.type = payload.GetDescriptor()->full_name();
  event.subject = customer_id;
  event.key = customer_id;
  event.time = time;
  event.data = payload.SerializeAsString();
  return event;
}

bool Is(const kafka::CloudEvent& event, const google::protobuf::Message& prototype) {
  return event.type == prototype.GetDescriptor()->full_name();
}

bool Decode(const kafka::CloudEvent& event, google::protobuf::Message& out) {
  return out.ParseFromString(event.data);
}

careloop::common::v1::Date ToProto(const Date& date) {
  careloop::common::v1::Date out;
  out.set_year(date.year);
  out.set_month(date.month);
  out.set_day(date.day);
  return out;
}

Date FromProto(const careloop::common::v1::Date& date) {
  return Date{date.year(), date.month(), date.day()};
}

google::protobuf::Timestamp ToTimestamp(Instant instant) {
  const int64_t ms = instant.time_since_epoch().count();
  google::protobuf::Timestamp out;
  int64_t seconds = ms / 1000;
  int64_t millis = ms % 1000;
  if (millis < 0) {
    --seconds;
    millis += 1000;
  }
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(millis * 1'000'000));
  return out;
}

Instant FromTimestamp(const google::protobuf::Timestamp& timestamp) {
  return Instant{Millis{timestamp.seconds() * 1000 + timestamp.nanos() / 1'000'000}};
}

}  // namespace careloop::events
