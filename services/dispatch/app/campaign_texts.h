#pragma once

#include <string>

#include "common/base/error.h"

namespace careloop::dispatch::app {

/// What dispatch needs of a campaign when it sends one of its messages.
struct CampaignFacts final {
  std::string message;     ///< the store's own text (a custom campaign); empty otherwise
  bool cancelled = false;  ///< cancelled: a message of it not yet out is not sent
};

/// Port: a campaign as the reminders service keeps it (careloop.reminder.v1.Campaign).
class CampaignTexts {
 public:
  virtual ~CampaignTexts() = default;
  /// The campaign's facts; NotFound for an unknown campaign, Unavailable when the reminders
  /// service cannot answer (the message is tried again).
  [[nodiscard]] virtual Result<CampaignFacts> FactsOf(const std::string& campaign_id) = 0;
};

}  // namespace careloop::dispatch::app
