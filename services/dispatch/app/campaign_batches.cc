#include "services/dispatch/app/campaign_batches.h"

#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include "common/base/ids.h"
#include "common/log/log.h"

namespace careloop::dispatch::app {

BatchRun::BatchRun(ContactBatch contacts) : not_found_(contacts.not_found.begin(), contacts.not_found.end()) {
  for (auto& contact : contacts.found) {
    std::string id = contact.customer_id;
    found_.emplace(std::move(id), std::move(contact));
  }
}

Result<domain::Contact> BatchRun::ContactOf(const std::string& customer_id, ContactDirectory& directory) const {
  if (const auto found = found_.find(customer_id); found != found_.end()) {
    return found->second;
  }
  if (not_found_.contains(customer_id)) {
    return Error{ErrorCode::kNotFound, "customer_id", "customer '" + customer_id + "' not found"};
  }
  return directory.Lookup(customer_id);
}

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
  std::vector<std::string> handled;
  for (const auto& [message_id, request] : queued) {
    auto outcome = app_.Process(request, &run);
    if (!outcome.ok()) {
      ++pass.retry_later;  // a peer could not be asked: the lease brings it back
      continue;
    }
    handled.push_back(message_id);
  }

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
  int accepted = 0;
  for (size_t i = 0; i < group.size(); ++i) {
    SendOutcome outcome;
    if (i < outcomes.size()) {
      outcome = std::move(outcomes[i]);
    } else {  // a vendor answer missing this number: not known to be sent, so retried
      outcome.retryable = true;
      outcome.fault = domain::VendorFault::kTransient;
      outcome.error_code = "batch_answer_incomplete";
      outcome.error_message = "the vendor's batch answer did not name this number";
    }
    outcome.provider = std::string(vendor.Provider());
    if (app_.SettleBatched(*group[i], outcome) == Outcome::kSent) {
      ++accepted;
    }
  }
  log::Info("campaign batch sent", {{"batch_id", batch.batch_id},
                                    {"vendor", std::string(vendor.Provider())},
                                    {"messages", std::to_string(group.size())},
                                    {"accepted", std::to_string(accepted)}});
  return accepted;
}

}  // namespace careloop::dispatch::app
