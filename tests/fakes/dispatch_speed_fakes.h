#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "services/dispatch/app/campaign_texts.h"
#include "services/dispatch/app/channel_plan_ports.h"
#include "services/dispatch/app/contact_policy_app.h"
#include "services/dispatch/app/policy_ports.h"
#include "services/dispatch/app/ports.h"

namespace careloop::testing {

/// dispatch::app::CauseCheck that counts how it is asked: singly (StillWanted) or for a pass
/// (StillWantedMany, one call however many requests). A cause id in `unwanted` is no longer
/// wanted (its reminder was cancelled or answered); `unavailable` makes every question fail.
class CountingCauseCheck final : public dispatch::app::CauseCheck {
 public:
  [[nodiscard]] Result<bool> StillWanted(const dispatch::domain::SendRequest& request) override {
    ++single_checks;
    if (unavailable) {
      return Error{ErrorCode::kUnavailable, "", "reminders service down"};
    }
    return !unwanted.contains(request.cause_id);
  }
  [[nodiscard]] Result<std::vector<bool>> StillWantedMany(
      const std::vector<dispatch::domain::SendRequest>& requests) override {
    ++batched_checks;
    if (unavailable || many_unavailable) {
      return Error{ErrorCode::kUnavailable, "", "reminders service down"};
    }
    std::vector<bool> wanted;
    for (const auto& request : requests) {
      wanted.push_back(!unwanted.contains(request.cause_id));
    }
    return wanted;
  }

  std::set<std::string> unwanted;
  int single_checks = 0;
  int batched_checks = 0;
  bool unavailable = false;
  bool many_unavailable = false;  ///< only the batched question fails
};

/// dispatch::app::CampaignTexts over a map of campaign id → facts, counting every read.
class CountingCampaignTexts final : public dispatch::app::CampaignTexts {
 public:
  [[nodiscard]] Result<dispatch::app::CampaignFacts> FactsOf(const std::string& campaign_id) override {
    ++reads[campaign_id];
    if (unavailable) {
      return Error{ErrorCode::kUnavailable, "", "reminders service down"};
    }
    const auto found = campaigns.find(campaign_id);
    if (found == campaigns.end()) {
      return Error{ErrorCode::kNotFound, "campaign_id", "no campaign '" + campaign_id + "'"};
    }
    return found->second;
  }

  std::map<std::string, dispatch::app::CampaignFacts> campaigns;
  std::map<std::string, int> reads;  ///< campaign id → FactsOf calls
  bool unavailable = false;
};

/// dispatch::app::ChannelPlanBook over another, counting the stores' plan reads (List).
class CountingPlanBook final : public dispatch::app::ChannelPlanBook {
 public:
  explicit CountingPlanBook(dispatch::app::ChannelPlanBook& inner) : inner_(inner) {}
  [[nodiscard]] std::vector<dispatch::domain::ChannelPlan> List(const std::string& store_id) override {
    ++lists[store_id];
    return inner_.List(store_id);
  }
  void Save(const std::vector<dispatch::domain::ChannelPlan>& plans) override { inner_.Save(plans); }

  std::map<std::string, int> lists;  ///< store id ("" for the group) → List calls

 private:
  dispatch::app::ChannelPlanBook& inner_;
};

/// dispatch::app::ContactPolicies answering the group's policy for every store, counting reads.
class CountingContactPolicies final : public dispatch::app::ContactPolicies {
 public:
  [[nodiscard]] dispatch::domain::StorePolicy PolicyOf(const std::string& store_id) override {
    ++reads[store_id];
    dispatch::domain::StorePolicy policy = dispatch::app::GroupPolicy(dispatch::app::DispatchPolicy{});
    policy.store_id = store_id;
    return policy;
  }

  std::map<std::string, int> reads;  ///< store id → PolicyOf calls
};

}  // namespace careloop::testing
