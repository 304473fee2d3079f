#pragma once

#include <string>

#include "careloop/dispatch/v1/message.pb.h"

namespace careloop::ctl {

// How one ledger message reads in a terminal (`message get ID`); --json is ToJson(message).

/// The message as key/value lines, then one line per vendor attempt (when, channel, vendor,
/// outcome, the vendor's code and reason, its message id), oldest first.
[[nodiscard]] std::string MessageFields(const careloop::dispatch::v1::Message& message);

}  // namespace careloop::ctl
