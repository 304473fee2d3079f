#include "services/reminders/adapters/redis_campaign_repository.h"

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/outbox/outbox.h"
#include "common/redis/atomic_write.h"
#include "common/redis/optimistic.h"
#include "services/reminders/adapters/campaign_keys.h"
#include "services/reminders/adapters/campaign_mapping.h"
#include "services/reminders/adapters/proto_mapping.h"
#include "services/reminders/adapters/redis_keys.h"

namespace careloop::reminders::adapters {
namespace {

namespace ck = campaign_keys;

constexpr const char* kSource = "/careloop/reminders";
constexpr int kMaxAttempts = 8;

// Adds one to a progress field unless this occurrence was counted already (KEYS: counted set,
// progress hash; ARGV: member, field). Returns 1 when it counted.
constexpr const char* kCountOnce = R"lua(
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
  return 1
end
return 0
)lua";

std::string Ms(Instant instant) {
  return std::to_string(instant.time_since_epoch().count());
}

// Events keyed by `key`: the customer for reminder events, the store for campaign-level ones.
redis::Command Publish(const google::protobuf::Message& payload, const std::string& key, const std::string& event_id,
                       Instant time) {
  return outbox::AppendCommand(keys::kOutbox, kafka::kReminderTopic,
                               events::MakeEvent(payload, kSource, key, event_id, time));
}

std::string_view FieldOf(app::CampaignOutcome outcome) {
  switch (outcome) {
    case app::CampaignOutcome::kDue: return "due";
    case app::CampaignOutcome::kSent: return "sent";
    case app::CampaignOutcome::kSuppressed: return "suppressed";
    case app::CampaignOutcome::kFailed: return "failed";
  }
  return "due";
}

template <typename Event>
Event AboutReminder(const domain::Reminder& reminder, Instant now) {
  Event event;
  event.set_reminder_id(reminder.reminder_id);
  event.set_customer_id(reminder.customer_id);
  event.set_store_id(reminder.store_id);
  event.set_kind(ToProto(reminder.kind));
  event.set_vehicle_id(reminder.vehicle_id);
  *event.mutable_occurred_at() = events::ToTimestamp(now);
  return event;
}

// A new campaign reminder: record, indexes, its timer (unless recorded missed) and its event.
void AppendSchedule(const domain::Reminder& reminder, Instant now, std::vector<redis::Command>& writes) {
  const std::string due = Ms(reminder.due_at);
  writes.push_back({"SET", keys::Reminder(reminder.reminder_id), ToProto(reminder).SerializeAsString()});
  writes.push_back({"ZADD", keys::OfCustomer(reminder.customer_id), due, reminder.reminder_id});
  writes.push_back({"ZADD", keys::OfStore(reminder.store_id), due, reminder.reminder_id});
  if (reminder.status == domain::ReminderStatus::kMissed) {
    auto missed = AboutReminder<pb::ReminderMissed>(reminder, now);
    *missed.mutable_service_due_date() = events::ToProto(reminder.service_due_date);
    missed.set_reason(reminder.reason);
    writes.push_back(Publish(missed, reminder.customer_id, DerivedId("evt-", {"missed", reminder.reminder_id}), now));
    return;
  }
  auto scheduled = AboutReminder<pb::ReminderScheduled>(reminder, now);
  *scheduled.mutable_due_at() = events::ToTimestamp(reminder.due_at);
  *scheduled.mutable_service_due_date() = events::ToProto(reminder.service_due_date);
  scheduled.set_occurrence(reminder.occurrence);
  scheduled.set_campaign_id(reminder.campaign_id);
  if (reminder.holiday) {
    scheduled.set_holiday(ToProto(*reminder.holiday));
  }
  writes.push_back({"ZADD", keys::kTimers, due, reminder.reminder_id});
  writes.push_back(
      Publish(scheduled, reminder.customer_id, DerivedId("evt-", {"scheduled", reminder.reminder_id}), now));
}

std::optional<domain::Campaign> ParseCampaign(const redis::Reply& reply) {
  if (reply.IsNil()) {
    return std::nullopt;
  }
  pb::Campaign record;
  const std::string_view blob = reply.Str();
  if (!record.ParseFromArray(blob.data(), static_cast<int>(blob.size()))) {
    return std::nullopt;
  }
  return CampaignFromProto(record);
}

void ApplyProgress(const redis::Reply& hash, domain::CampaignProgress& progress) {
  for (size_t i = 0; i + 1 < hash.Size(); i += 2) {
    const std::string_view field = redis::ElementStr(hash.Element(i));
    const int64_t value = std::stoll(std::string(redis::ElementStr(hash.Element(i + 1))));
    if (field == "due") {
      progress.due = value;
    } else if (field == "sent") {
      progress.sent = value;
    } else if (field == "suppressed") {
      progress.suppressed = value;
    } else if (field == "failed") {
      progress.failed = value;
    } else if (field == "cancelled") {
      progress.cancelled = value;
    }
  }
}

template <typename T>
T OrUnavailable(Result<T> result) {
  if (!result.ok()) {
    throw redis::RedisUnavailable(result.error().message);  // the caller's boundary retries
  }
  return std::move(result).value();
}

// Reads, changes and stores one campaign record with the event `announce` makes of it, in one
// optimistic transaction. `change` answers false to leave it as it is.
template <typename Change, typename Announce>
bool UpdateCampaign(redis::Connection& connection, const std::string& campaign_id, Change change, Announce announce) {
  const std::string key = ck::Campaign(campaign_id);
  return OrUnavailable(redis::WatchedTransaction<bool>(
      connection,
      [&](redis::Connection& c) -> Result<redis::Commit<bool>> {
        c.Run({"WATCH", key});
        auto campaign = ParseCampaign(c.Run({"GET", key}));
        if (!campaign || !change(*campaign)) {
          return redis::Commit<bool>{{}, false};
        }
        std::vector<redis::Command> writes{
            {"SET", key, CampaignToProto(*campaign).SerializeAsString()},
            {"ZREM", ck::kLaunches, campaign_id},
            announce(*campaign),
        };
        return redis::Commit<bool>{std::move(writes), true};
      },
      kMaxAttempts, Error{ErrorCode::kUnavailable, "", "too many concurrent changes to campaign " + campaign_id}));
}

}  // namespace

RedisCampaignRepository::RedisCampaignRepository(redis::Pool& pool, const clock::Clock& clock)
    : pool_(pool), clock_(clock), count_once_(kCountOnce) {}

bool RedisCampaignRepository::Create(const domain::Campaign& campaign) {
  auto connection = pool_.Acquire();
  const Instant now = clock_.Now();
  pb::CampaignCreated created;
  created.set_campaign_id(campaign.campaign_id);
  created.set_store_id(campaign.store_id);
  created.set_kind(kCampaignKinds.ToProto(campaign.kind).value_or(pb::CAMPAIGN_KIND_UNSPECIFIED));
  *created.mutable_launch_at() = events::ToTimestamp(campaign.launch_at);
  created.set_template_id(campaign.template_id);
  created.set_channel_plan_id(campaign.channel_plan_id);
  created.set_created_by(campaign.created_by);
  *created.mutable_occurred_at() = events::ToTimestamp(now);
  if (campaign.holiday) {
    created.set_holiday(ToProto(*campaign.holiday));
  }
  *created.mutable_send_date() = events::ToProto(campaign.send_date);
  return redis::ApplyOnce(
      *connection, ck::Campaign(campaign.campaign_id), CampaignToProto(campaign).SerializeAsString(),
      {
          {"ZADD", ck::kLaunches, Ms(campaign.launch_at), campaign.campaign_id},
          {"ZADD", ck::OfStore(campaign.store_id), Ms(campaign.created_at), campaign.campaign_id},
          Publish(created, campaign.store_id, DerivedId("evt-", {"campaign-created", campaign.campaign_id}), now),
      });
}

std::optional<domain::Campaign> RedisCampaignRepository::Find(const std::string& campaign_id) {
  auto connection = pool_.Acquire();
  auto replies = connection->Pipeline({{"GET", ck::Campaign(campaign_id)}, {"HGETALL", ck::Progress(campaign_id)}});
  auto campaign = ParseCampaign(replies[0]);
  if (campaign) {
    ApplyProgress(replies[1], campaign->progress);
  }
  return campaign;
}

std::vector<domain::Campaign> RedisCampaignRepository::ListByStore(const std::string& store_id) {
  auto connection = pool_.Acquire();
  redis::Reply ids = connection->Run({"ZREVRANGE", ck::OfStore(store_id), "0", "-1"});
  std::vector<redis::Command> reads;
  for (size_t i = 0; i < ids.Size(); ++i) {
    const std::string id(redis::ElementStr(ids.Element(i)));
    reads.push_back({"GET", ck::Campaign(id)});
    reads.push_back({"HGETALL", ck::Progress(id)});
  }
  std::vector<domain::Campaign> campaigns;
  if (reads.empty()) {
    return campaigns;
  }
  auto replies = connection->Pipeline(reads);
  for (size_t i = 0; i + 1 < replies.size(); i += 2) {
    if (auto campaign = ParseCampaign(replies[i])) {
      ApplyProgress(replies[i + 1], campaign->progress);
      campaigns.push_back(std::move(*campaign));
    }
  }
  return campaigns;
}

std::vector<std::string> RedisCampaignRepository::DueLaunches(Instant now, int limit) {
  auto connection = pool_.Acquire();
  redis::Reply reply =
      connection->Run({"ZRANGEBYSCORE", ck::kLaunches, "-inf", Ms(now), "LIMIT", "0", std::to_string(limit)});
  std::vector<std::string> ids;
  for (size_t i = 0; i < reply.Size(); ++i) {
    ids.emplace_back(redis::ElementStr(reply.Element(i)));
  }
  return ids;
}

bool RedisCampaignRepository::AudienceFixed(const std::string& campaign_id) {
  auto connection = pool_.Acquire();
  return connection->Run({"EXISTS", ck::AudienceFixed(campaign_id)}).Integer() != 0;
}

void RedisCampaignRepository::ResetAudience(const std::string& campaign_id) {
  auto connection = pool_.Acquire();
  connection->Run({"DEL", ck::Audience(campaign_id)});
}

void RedisCampaignRepository::AddToAudience(const std::string& campaign_id,
                                            const std::vector<std::string>& customer_ids) {
  if (customer_ids.empty()) {
    return;
  }
  redis::Command add{"SADD", ck::Audience(campaign_id)};
  add.insert(add.end(), customer_ids.begin(), customer_ids.end());
  auto connection = pool_.Acquire();
  connection->Run(add);
}

int64_t RedisCampaignRepository::FixAudience(const std::string& campaign_id) {
  auto connection = pool_.Acquire();
  const std::string fixed = ck::AudienceFixed(campaign_id);
  const std::string size = std::to_string(connection->Run({"SCARD", ck::Audience(campaign_id)}).Integer());
  auto replies = connection->Pipeline({{"SET", fixed, size, "NX"}, {"GET", fixed}});
  return std::stoll(std::string(replies[1].Str()));
}

app::AudienceChunk RedisCampaignRepository::ReadAudience(const std::string& campaign_id, const std::string& cursor,
                                                         int count) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run(
      {"SSCAN", ck::Audience(campaign_id), cursor.empty() ? "0" : cursor, "COUNT", std::to_string(count)});
  app::AudienceChunk chunk;
  if (reply.Size() < 2) {
    return chunk;
  }
  const std::string next(redis::ElementStr(reply.Element(0)));
  chunk.next_cursor = next == "0" ? "" : next;
  const redisReply* members = reply.Element(1);
  for (size_t i = 0; i < members->elements; ++i) {
    chunk.customer_ids.emplace_back(redis::ElementStr(members->element[i]));
  }
  return chunk;
}

int RedisCampaignRepository::ScheduleReminders(const std::vector<domain::Reminder>& reminders) {
  if (reminders.empty()) {
    return 0;
  }
  auto connection = pool_.Acquire();
  const Instant now = clock_.Now();
  redis::Command watch{"WATCH"};
  std::vector<redis::Command> exists;
  for (const auto& reminder : reminders) {
    watch.push_back(keys::Reminder(reminder.reminder_id));
    exists.push_back({"EXISTS", keys::Reminder(reminder.reminder_id)});
  }
  return OrUnavailable(redis::WatchedTransaction<int>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<int>> {
        c.Run(watch);
        auto found = c.Pipeline(exists);
        std::vector<redis::Command> writes;
        int added = 0;
        for (size_t i = 0; i < reminders.size(); ++i) {
          if (found[i].Integer() == 0) {
            AppendSchedule(reminders[i], now, writes);
            ++added;
          }
        }
        return redis::Commit<int>{std::move(writes), added};
      },
      kMaxAttempts, Error{ErrorCode::kUnavailable, "", "too many concurrent changes to campaign reminders"}));
}

int RedisCampaignRepository::CancelReminders(const std::string& campaign_id,
                                             const std::vector<std::string>& reminder_ids, const std::string& reason) {
  if (reminder_ids.empty()) {
    return 0;
  }
  auto connection = pool_.Acquire();
  const Instant now = clock_.Now();
  redis::Command watch{"WATCH"};
  std::vector<redis::Command> gets;
  for (const auto& id : reminder_ids) {
    watch.push_back(keys::Reminder(id));
    gets.push_back({"GET", keys::Reminder(id)});
  }
  return OrUnavailable(redis::WatchedTransaction<int>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<int>> {
        c.Run(watch);
        auto stored = c.Pipeline(gets);
        std::vector<redis::Command> writes;
        int cancelled = 0;
        for (const auto& reply : stored) {
          pb::Reminder record;
          if (reply.IsNil() || !record.ParseFromArray(reply.Str().data(), static_cast<int>(reply.Str().size()))) {
            continue;
          }
          domain::Reminder reminder = FromProto(record);
          if (reminder.status != domain::ReminderStatus::kScheduled || reminder.campaign_id != campaign_id) {
            continue;  // fired (it went out) or closed already
          }
          reminder.status = domain::ReminderStatus::kCancelled;
          reminder.reason = "cancelled: " + reason;
          auto event = AboutReminder<pb::ReminderCancelled>(reminder, now);
          event.set_occurrence(reminder.occurrence);
          event.set_reason(reason);
          writes.push_back({"SET", keys::Reminder(reminder.reminder_id), ToProto(reminder).SerializeAsString()});
          writes.push_back({"ZREM", keys::kTimers, reminder.reminder_id});
          writes.push_back({"ZREM", keys::kLeases, reminder.reminder_id});
          writes.push_back(
              Publish(event, reminder.customer_id, DerivedId("evt-", {"cancelled", reminder.reminder_id}), now));
          ++cancelled;
        }
        if (cancelled > 0) {
          writes.push_back({"HINCRBY", ck::Progress(campaign_id), "cancelled", std::to_string(cancelled)});
        }
        return redis::Commit<int>{std::move(writes), cancelled};
      },
      kMaxAttempts, Error{ErrorCode::kUnavailable, "", "too many concurrent changes to campaign " + campaign_id}));
}

bool RedisCampaignRepository::MarkLaunched(const std::string& campaign_id, int64_t audience, Instant at) {
  auto connection = pool_.Acquire();
  return UpdateCampaign(
      *connection, campaign_id,
      [&](domain::Campaign& campaign) {
        if (campaign.status != domain::CampaignStatus::kScheduled) {
          return false;
        }
        campaign.status = domain::CampaignStatus::kLaunched;
        campaign.progress.audience = audience;
        campaign.launched_at = at;
        return true;
      },
      [&](const domain::Campaign& campaign) {
        pb::CampaignLaunched launched;
        launched.set_campaign_id(campaign_id);
        launched.set_store_id(campaign.store_id);
        launched.set_kind(kCampaignKinds.ToProto(campaign.kind).value_or(pb::CAMPAIGN_KIND_UNSPECIFIED));
        launched.set_target_count(audience);
        *launched.mutable_occurred_at() = events::ToTimestamp(at);
        return Publish(launched, campaign.store_id, DerivedId("evt-", {"campaign-launched", campaign_id}), at);
      });
}

bool RedisCampaignRepository::MarkCancelled(const std::string& campaign_id, const std::string& reason, Instant at) {
  auto connection = pool_.Acquire();
  return UpdateCampaign(
      *connection, campaign_id,
      [&](domain::Campaign& campaign) {
        if (campaign.status == domain::CampaignStatus::kCancelled ||
            campaign.status == domain::CampaignStatus::kFailed) {
          return false;  // nothing left to stop
        }
        campaign.status = domain::CampaignStatus::kCancelled;
        campaign.cancel_reason = reason;
        campaign.cancelled_at = at;
        return true;
      },
      [&](const domain::Campaign& campaign) {
        pb::CampaignCancelled cancelled;
        cancelled.set_campaign_id(campaign_id);
        cancelled.set_store_id(campaign.store_id);
        cancelled.set_reason(reason);
        *cancelled.mutable_occurred_at() = events::ToTimestamp(at);
        return Publish(cancelled, campaign.store_id, DerivedId("evt-", {"campaign-cancelled", campaign_id}), at);
      });
}

bool RedisCampaignRepository::MarkFailed(const std::string& campaign_id, const std::string& reason, Instant at) {
  auto connection = pool_.Acquire();
  return UpdateCampaign(
      *connection, campaign_id,
      [&](domain::Campaign& campaign) {
        if (campaign.status != domain::CampaignStatus::kScheduled) {
          return false;
        }
        campaign.status = domain::CampaignStatus::kFailed;
        campaign.failure_reason = reason;
        campaign.failed_at = at;
        return true;
      },
      [&](const domain::Campaign& campaign) {
        pb::CampaignFailed failed;
        failed.set_campaign_id(campaign_id);
        failed.set_store_id(campaign.store_id);
        failed.set_reason(reason);
        *failed.mutable_occurred_at() = events::ToTimestamp(at);
        return Publish(failed, campaign.store_id, DerivedId("evt-", {"campaign-failed", campaign_id}), at);
      });
}

bool RedisCampaignRepository::CountOutcome(const std::string& campaign_id, app::CampaignOutcome outcome,
                                           const std::string& occurrence_id) {
  auto connection = pool_.Acquire();
  const std::string field(FieldOf(outcome));
  return count_once_
             .Run(*connection, {ck::Counted(campaign_id), ck::Progress(campaign_id)},
                  {field + ":" + occurrence_id, field})
             .Integer() == 1;
}

}  // namespace careloop::reminders::adapters
