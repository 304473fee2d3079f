#include "services/dispatch/app/campaign_batches.h"

#include <algorithm>
#include <functional>
#include <future>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include "common/base/ids.h"
#include "common/log/log.h"

namespace careloop::dispatch::app {

CampaignBatches::CampaignBatches(DispatchApp& app, BatchQueue& queue, ContactDirectory& contacts, BatchRecords& records,
                                 std::vector<SmsBatchSender*> vendors, const clock::Clock& clock, BatchOptions options)
    : app_(app),
      queue_(queue),
      contacts_(contacts),
      records_(records),
      vendors_(std::move(vendors)),
      clock_(clock),
      options_(options) {
  if (vendors_.empty() || vendors_.front() == nullptr) {
    throw std::invalid_argument("CampaignBatches needs at least one batch sender");
  }
}

void CampaignBatches::InLanes(size_t count, const std::function<const std::string&(size_t)>& customer_of,
                              const std::function<void(size_t)>& each) const {
  if (count == 0) {
    return;
  }
  const size_t lanes = std::clamp<size_t>(static_cast<size_t>(std::max(1, options_.lanes)), 1, count);
  std::vector<std::vector<size_t>> members(lanes);
  for (size_t i = 0; i < count; ++i) {
    members[std::hash<std::string>{}(customer_of(i)) % lanes].push_back(i);
  }
  const auto run_lane = [&each](const std::vector<size_t>& lane) {
    for (const size_t i : lane) {
      each(i);
    }
  };
  std::vector<std::future<void>> others;
  for (size_t lane = 1; lane < lanes; ++lane) {
    others.push_back(std::async(std::launch::async, run_lane, std::cref(members[lane])));
  }
  run_lane(members[0]);
  for (auto& other : others) {
    other.get();  // a lane's RedisUnavailable surfaces here, as from a single lane
  }
}

SmsBatchSender& CampaignBatches::VendorFor(const ReadySms& ready) const {
  if (vendors_.size() > 1 && vendors_.front()->Provider() == ready.sms.avoid_provider) {
    return *vendors_[1];  // it failed transiently there: the other vendor's batch takes it
  }
  return *vendors_.front();
}

BatchPass CampaignBatches::RunOnce() {
  BatchPass pass;
  const auto queued = queue_.Claim(clock_.Now(), options_.lease, options_.size);
  if (queued.empty()) {
    return pass;
  }
  pass.requests = static_cast<int>(queued.size());
  std::vector<std::string> customer_ids;
  std::set<std::string> asked;
  for (const auto& [message_id, request] : queued) {
    if (asked.insert(request.customer_id).second) {
      customer_ids.push_back(request.customer_id);
    }
  }
  auto contacts = contacts_.LookupMany(customer_ids);
  if (!contacts.ok()) {
    log::Warn("campaign batch: contacts could not be looked up; the requests wait for their lease",
              {{"requests", std::to_string(queued.size())}, {"error", contacts.error().ToString()}});
    pass.retry_later = pass.requests;
    return pass;
  }
  BatchRun run(std::move(contacts).value());
  if (causes_ != nullptr) {  // every cause of the pass in one question, not one call each
    std::vector<domain::SendRequest> requests;
    requests.reserve(queued.size());
    for (const auto& entry : queued) {
      requests.push_back(entry.second);
    }
    auto wanted = causes_->StillWantedMany(requests);
    if (wanted.ok()) {
      run.KnowWanted(requests, wanted.value());
    } else {
      log::Warn("campaign batch: causes could not be checked together; each is asked singly",
                {{"requests", std::to_string(queued.size())}, {"error", wanted.error().ToString()}});
    }
  }
  // The plans run in lanes (each request waits on round trips to Redis, the vendors and WeChat);
  // a customer's requests share a lane.
  std::vector<char> done(queued.size(), 0);
  InLanes(
      queued.size(), [&](size_t i) -> const std::string& { return queued[i].second.customer_id; },
      [&](size_t i) { done[i] = app_.Process(queued[i].second, &run).ok() ? 1 : 0; });  // not ok: a peer was not asked
  std::vector<std::string> handled;
  std::map<std::string, size_t> position;  // queue order, so a pass makes the same vendor calls however its lanes ran
  for (size_t i = 0; i < queued.size(); ++i) {
    position.emplace(queued[i].first, i);
    if (done[i] != 0) {
      handled.push_back(queued[i].first);
    } else {
      ++pass.retry_later;  // the lease brings it back
    }
  }
  std::stable_sort(run.Ready().begin(), run.Ready().end(), [&](const ReadySms& a, const ReadySms& b) {
    const auto at = [&](const ReadySms& ready) {
      const auto found = position.find(ready.message.message_id);
      return found == position.end() ? position.size() : found->second;
    };
    return at(a) < at(b);
  });

  // Grouped by what one vendor call may share: the store, template, signature and vendor.
  using GroupKey = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<GroupKey, std::vector<ReadySms*>> groups;
  for (auto& ready : run.Ready()) {
    SmsBatchSender& vendor = VendorFor(ready);
    groups[{ready.message.store_id, ready.sms.template_code, ready.sms.sign_name, std::string(vendor.Provider())}]
        .push_back(&ready);
  }
  for (auto& [key, members] : groups) {
    SmsBatchSender& vendor = VendorFor(*members.front());
    const size_t max = std::max<size_t>(1, vendor.MaxBatch());
    for (size_t from = 0; from < members.size(); from += max) {
      std::vector<ReadySms*> chunk(members.begin() + static_cast<std::ptrdiff_t>(from),
                                   members.begin() + static_cast<std::ptrdiff_t>(std::min(members.size(), from + max)));
      pass.sent += SendGroup(vendor, chunk);
      ++pass.vendor_calls;
    }
  }
  queue_.Done(handled);
  return pass;
}

int CampaignBatches::SendGroup(SmsBatchSender& vendor, std::vector<ReadySms*>& group) {
  SmsBatch batch;
  std::vector<std::pair<std::string, std::string>> numbers;
  std::string ids;
  for (const ReadySms* ready : group) {
    batch.messages.push_back(ready->sms);
    numbers.emplace_back(ready->sms.phone, ready->message.message_id);
    ids += ready->message.message_id + "#" + std::to_string(ready->message.attempts) + ",";
  }
  // The same messages at the same attempt make the same batch id: a pass repeated after a crash
  // records the same numbers under it.
  batch.batch_id = DerivedId(kBatchIdPrefix, {vendor.Provider(), ids});
  records_.Record(vendor.Provider(), batch.batch_id, numbers);
  if (in_flight_ != nullptr) {
    for (const ReadySms* ready : group) {
      in_flight_->NoteFiledAs(ready->message.message_id, batch.batch_id);
    }
  }
  std::vector<SendOutcome> outcomes = vendor.SendBatch(batch);
  outcomes.resize(group.size(), [] {  // a vendor answer missing a number: not known to be sent, so retried
    SendOutcome missing;
    missing.retryable = true;
    missing.fault = domain::VendorFault::kTransient;
    missing.error_code = "batch_answer_incomplete";
    missing.error_message = "the vendor's batch answer did not name this number";
    return missing;
  }());
  // Each message is settled on its own (one atomic ledger step each), in the lanes.
  std::vector<char> sent(group.size(), 0);
  InLanes(
      group.size(), [&](size_t i) -> const std::string& { return group[i]->message.customer_id; },
      [&](size_t i) {
        outcomes[i].provider = std::string(vendor.Provider());
        sent[i] = app_.SettleBatched(*group[i], outcomes[i]) == Outcome::kSent ? 1 : 0;
      });
  const int accepted = static_cast<int>(std::count(sent.begin(), sent.end(), 1));
  log::Info("campaign batch sent", {{"batch_id", batch.batch_id},
                                    {"vendor", std::string(vendor.Provider())},
                                    {"messages", std::to_string(group.size())},
                                    {"accepted", std::to_string(accepted)}});
  return accepted;
}

}  // namespace careloop::dispatch::app
