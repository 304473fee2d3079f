#pragma once

#include <string>

#include "common/base/error.h"

namespace careloop::dispatch::app {

/// Port: the text a store wrote for a custom campaign (careloop.reminder.v1.Campaign.message).
class CampaignTexts {
 public:
  virtual ~CampaignTexts() = default;
  /// The campaign's own text; NotFound for an unknown campaign, Unavailable when the reminders
  /// service cannot answer (the message is tried again).
  [[nodiscard]] virtual Result<std::string> TextOf(const std::string& campaign_id) = 0;
};

}  // namespace careloop::dispatch::app
