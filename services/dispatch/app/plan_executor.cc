#include "services/dispatch/app/plan_executor.h"

#include "common/log/log.h"
#include "services/dispatch/app/batch_run.h"

namespace careloop::dispatch::app {
namespace {

std::string StepMessageId(const domain::SendRequest& request, const domain::PlanStep& step) {
  return domain::MessageIdFor(request.cause_id, request.occurrence, domain::StepChannelWord(step.channel));
}

}  // namespace

PlanExecutor::PlanExecutor(ChannelPlansApp& plans, MessageLedger& ledger, FallbackTimers& timers,
                           const clock::Clock& clock, PlanExecutorOptions options)
    : plans_(plans), ledger_(ledger), timers_(timers), clock_(clock), options_(options) {}

Result<Outcome> PlanExecutor::OpenTask(const domain::SendRequest& request, const domain::PlanStep& step,
                                       const std::string& message_id, const std::string& reason,
                                       const std::string& plan_id, size_t index) {
  // The staff step has its ledger entry like a message step: the contact is on record, and the
  // walk sees the plan done.
  domain::Message entry = domain::Suppressed(request, message_id, domain::Suppression::kNoContact, clock_.Now());
  entry.channel = domain::StepChannelWord(step.channel);
  entry.channel_plan_id = plan_id;
  entry.plan_step = static_cast<int>(index);
  if (desk_ == nullptr) {
    log::Warn("channel plan reached a staff step but no task desk is wired; the plan ends",
              {{"message_id", message_id}});
    if (index == 0) {
      ledger_.Suppress(entry);  // a call-first plan: the cause still gets its ledger entry
    }
    return Outcome::kSuppressed;
  }
  TaskOrder order;
  order.message_id = message_id;
  order.request = request;
  order.channel = step.channel == domain::StepChannel::kFaceToFace ? TaskChannel::kFaceToFace : TaskChannel::kPhoneCall;
  // A plan that starts with the call: the desk words the reason for the kind; a later step says
  // why the messages before it did not do.
  order.reason = !reason.empty() ? reason : index == 0 ? "" : "按触达方案由专人联系";
  order.prefer = step.assignee;
  // order.due_at stays unset: the desk's own rule (end of the working day; a face-to-face task
  // at the next visit) decides.
  auto task = desk_->Open(order);
  if (!task.ok()) {
    return task.error();
  }
  if (ledger_.Claim(entry, request)) {
    entry.status = domain::MessageStatus::kSent;
    entry.suppression = domain::Suppression::kNone;
    entry.provider = "staff";
    entry.provider_message_id = task.value();  // the call task's id
    entry.sent_at = clock_.Now();
    entry.attempts = 1;
    ledger_.RecordSent(entry);
  }
  log::Info("channel plan step: staff task", {{"message_id", message_id}, {"task_id", task.value()}});
  return Outcome::kTaskOpened;
}

Result<Outcome> PlanExecutor::Run(const domain::SendRequest& request, DispatchApp& app, BatchRun* batch) {
  // In a batch pass the plan of a store and kind is looked up once.
  domain::ChannelPlan plan =
      batch == nullptr
          ? plans_.PlanFor(request)
          : batch->PlanFor(request.store_id + "\n" + domain::PlanKindOf(request.kind) + "\n" + request.channel_plan_id,
                           [&] { return plans_.PlanFor(request); });
  if (!app.HasWeChat()) {
    // A deployment without an official account: its plans run without their WeChat steps.
    std::erase_if(plan.steps, [](const auto& step) { return step.channel == domain::StepChannel::kWeChat; });
  }
  // Each round settles one step for good (sent, failed or suppressed) or returns, so a plan
  // of n steps takes at most n rounds.
  std::vector<bool> skipped(plan.steps.size(), false);  // steps SendStep skipped in this run
  for (size_t round = 0; round <= plan.steps.size(); ++round) {
    std::vector<std::optional<domain::StepState>> states;
    for (size_t i = 0; i < plan.steps.size(); ++i) {
      auto message = ledger_.Find(StepMessageId(request, plan.steps[i]));
      if (!message && skipped[i]) {
        states.push_back(domain::StepState{domain::MessageStatus::kSuppressed, domain::Suppression::kNoContact, {}});
        continue;
      }
      states.push_back(message
                           ? std::optional(domain::StepState{message->status, message->suppression, message->sent_at})
                           : std::nullopt);
    }
    const Instant now = clock_.Now();
    const domain::PlanPosition position = domain::WalkPlan(plan, states, now);
    if (position.verdict == domain::PlanVerdict::kDone || plan.steps.empty()) {
      return Outcome::kDuplicate;
    }
    if (position.verdict == domain::PlanVerdict::kWait) {
      // A replay re-arms the check (a no-op when it is armed), so a lost timer is never final.
      timers_.Schedule(StepMessageId(request, plan.steps[position.step + 1]), request, position.fallback_at);
      return Outcome::kDuplicate;
    }
    const domain::PlanStep& step = plan.steps[position.step];
    const std::string message_id = StepMessageId(request, step);
    if (domain::IsStaffStep(step.channel)) {
      return OpenTask(request, step, message_id, position.reason, plan.plan_id, position.step);
    }
    const bool has_next = position.step + 1 < plan.steps.size();
    if (has_next && step.fallback_after_minutes > 0) {
      // Armed before the send, so a crash right after the vendor accepted it still gets its
      // check; if the step waits instead (quiet hours), the check finds it waiting and the
      // step's own send re-arms it.
      timers_.Schedule(StepMessageId(request, plan.steps[position.step + 1]), request,
                       now + std::chrono::minutes{step.fallback_after_minutes});
    }
    const PlanStepContext context{
        plan.plan_id, static_cast<int>(position.step), step.channel, position.earlier_went_out, has_next, batch};
    auto outcome = app.SendStep(request, context);
    if (!outcome.ok()) {
      return outcome.error();
    }
    if (outcome.value() == Outcome::kSkipped) {
      skipped[position.step] = true;
      continue;
    }
    if (outcome.value() != Outcome::kFailed && outcome.value() != Outcome::kSuppressed) {
      return outcome;
    }
    if (!has_next) {
      return outcome;
    }
    // Failed or not reachable on this channel: the walk decides whether the next step runs.
  }
  return Outcome::kDuplicate;
}

int PlanExecutor::CheckFallbacks(DispatchApp& app, int batch_size) {
  int handled = 0;
  for (const auto& message_id : timers_.ClaimDue(clock_.Now(), options_.lease, batch_size)) {
    const auto cause = timers_.Cause(message_id);
    if (!cause) {
      timers_.Done(message_id);
      continue;
    }
    auto outcome = Run(*cause, app);
    if (!outcome.ok()) {
      continue;  // the lease expires and another pass tries again
    }
    timers_.Done(message_id);
    ++handled;
  }
  return handled;
}

}  // namespace careloop::dispatch::app
