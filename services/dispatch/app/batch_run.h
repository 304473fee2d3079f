#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "services/dispatch/app/ports.h"
#include "services/dispatch/app/provider_ports.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::app {

/// An SMS that passed every check of DispatchApp::SendStep and was claimed, waiting to go out in
/// a vendor batch (DispatchApp::SettleBatched records what the vendor said).
struct ReadySms final {
  domain::Message message;
  domain::SendRequest request;
  OutboundSms sms;
  Instant checked_at{};  ///< when SendStep checked it (retry windows count from here)
};

/// One pass of the batch worker as SendStep sees it: the customers' contacts, looked up together,
/// and the SMS that are ready (claimed) instead of sent one by one. Not thread-safe: one pass,
/// one thread.
class BatchRun final {
 public:
  explicit BatchRun(ContactBatch contacts);

  /// The contact looked up for this pass (NOT_FOUND when the customers service has none); a
  /// customer the pass did not ask about is looked up in `directory`.
  [[nodiscard]] Result<domain::Contact> ContactOf(const std::string& customer_id, ContactDirectory& directory) const;

  void Add(ReadySms ready) { ready_.push_back(std::move(ready)); }
  [[nodiscard]] std::vector<ReadySms>& Ready() { return ready_; }

 private:
  std::map<std::string, domain::Contact> found_;
  std::set<std::string> not_found_;
  std::vector<ReadySms> ready_;
};

}  // namespace careloop::dispatch::app
