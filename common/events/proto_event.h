#pragma once

#include <google/protobuf/message.h>
#include <google/protobuf/timestamp.pb.h>

#include <string>

#include "careloop/common/v1/types.pb.h"
#include "common/base/time.h"
#include "common/kafka/cloud_event.h"

namespace careloop::events {

/// Wraps a protobuf event as a CloudEvent: ce_type is the message's full name, the key and
/// ce_subject are the customer id (so one customer's events stay in order).
[[nodiscard]] kafka::CloudEvent MakeEvent(const google::protobuf::Message& payload, const std::string& source,
                                          const std::string& customer_id, std::string event_id, Instant time);

/// Decodes `event.data` into `out` when `event.type` names `out`'s message type.
/// Returns false on a type mismatch; throws nothing. `decoded` tells a parse failure apart.
[[nodiscard]] bool Is(const kafka::CloudEvent& event, const google::protobuf::Message& prototype);

/// Parses the payload; false if it is not a valid encoding of `out`'s type.
[[nodiscard]] bool Decode(const kafka::CloudEvent& event, google::protobuf::Message& out);

[[nodiscard]] careloop::common::v1::Date ToProto(const Date& date);
[[nodiscard]] Date FromProto(const careloop::common::v1::Date& date);
[[nodiscard]] google::protobuf::Timestamp ToTimestamp(Instant instant);
[[nodiscard]] Instant FromTimestamp(const google::protobuf::Timestamp& timestamp);

}  // namespace careloop::events
