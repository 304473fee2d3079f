#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "services/dispatch/app/campaign_texts.h"
#include "services/dispatch/app/ports.h"
#include "services/dispatch/app/provider_ports.h"
#include "services/dispatch/domain/channel_plan.h"
#include "services/dispatch/domain/message.h"
#include "services/dispatch/domain/store_policy.h"

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
/// the causes' answers (is each reminder still wanted), asked together, each campaign's facts,
/// read once per pass, and the SMS that are ready (claimed) instead of sent one by one (app/batch_run.cc).
/// Safe for the lanes of one pass (a mutex guards what it keeps).
class BatchRun final {
 public:
  explicit BatchRun(ContactBatch contacts);

  /// The contact looked up for this pass (NOT_FOUND when the customers service has none); a
  /// customer the pass did not ask about is looked up in `directory`.
  [[nodiscard]] Result<domain::Contact> ContactOf(const std::string& customer_id, ContactDirectory& directory) const;

  /// The causes' answers for this pass: `wanted[i]` for `requests[i]` (CauseCheck::StillWantedMany).
  void KnowWanted(const std::vector<domain::SendRequest>& requests, const std::vector<bool>& wanted);
  /// Whether `request`'s cause still wants it: the pass's answer, else asked of `causes` singly.
  [[nodiscard]] Result<bool> StillWanted(const domain::SendRequest& request, CauseCheck& causes) const;
  /// The campaign's facts, read of `texts` at the first message of the campaign in this pass and
  /// kept for the pass (a retryable error is not kept: the next message asks again).
  [[nodiscard]] Result<CampaignFacts> CampaignOf(const std::string& campaign_id, CampaignTexts& texts);

  /// A store's facts, read with `read` at the first message of the store in this pass and kept
  /// for the pass (staff edits are seen by the next pass): its contact policy, a template by
  /// name, the channel plan for a kind (`key`: store, kind and the plan the request names).
  [[nodiscard]] domain::StorePolicy PolicyOf(const std::string& store_id,
                                             const std::function<domain::StorePolicy()>& read);
  [[nodiscard]] std::optional<domain::Template> TemplateOf(
      const std::string& store_id, const std::string& name,
      const std::function<std::optional<domain::Template>()>& read);
  [[nodiscard]] domain::ChannelPlan PlanFor(const std::string& key, const std::function<domain::ChannelPlan()>& read);

  void Add(ReadySms ready) {
    const std::lock_guard lock(mutex_);
    ready_.push_back(std::move(ready));
  }
  /// The collected SMS; read once the pass's lanes are done.
  [[nodiscard]] std::vector<ReadySms>& Ready() { return ready_; }

 private:
  std::map<std::string, domain::Contact> found_;
  std::set<std::string> not_found_;
  mutable std::mutex mutex_;
  std::map<std::string, bool> wanted_;  ///< by WantedKey (cause id and occurrence)
  std::map<std::string, Result<CampaignFacts>> campaigns_;
  std::map<std::string, domain::StorePolicy> policies_;
  std::map<std::pair<std::string, std::string>, std::optional<domain::Template>> templates_;
  std::map<std::string, domain::ChannelPlan> plans_;
  std::vector<ReadySms> ready_;
};

}  // namespace careloop::dispatch::app
