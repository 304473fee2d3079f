#include "services/reminders/adapters/redis_care_stats.h"

#include "services/reminders/adapters/care_tables.h"
#include "services/reminders/adapters/enum_tables.h"
#include "services/reminders/adapters/proto_mapping.h"
#include "services/reminders/adapters/redis_keys.h"

namespace careloop::reminders::adapters {
namespace {

// KEYS: the reminder's care hash, the fired set of this firing's month.
// ARGV: store, customer, vehicle, kind word, fired_on, reminder id.
// The first firing decides the month: a re-fire (or a replay) adds nothing to another month.
const redis::Script& FiredScript() {
  static const redis::Script script(R"lua(
redis.call('HSET', KEYS[1], 'store', ARGV[1], 'customer', ARGV[2], 'vehicle', ARGV[3], 'kind', ARGV[4])
redis.call('HSETNX', KEYS[1], 'fired_on', ARGV[5])
if redis.call('HGET', KEYS[1], 'fired_on') == ARGV[5] then
  redis.call('SADD', KEYS[2], ARGV[6])
end
return 1
)lua");
  return script;
}

std::string OutcomeWord(domain::MessageOutcome outcome) {
  switch (outcome) {
    case domain::MessageOutcome::kSent: return "sent";
    case domain::MessageOutcome::kSuppressed: return "suppressed";
    case domain::MessageOutcome::kFailed: return "failed";
  }
  return "failed";
}

std::optional<domain::MessageOutcome> OutcomeOfWord(std::string_view word) {
  for (const auto outcome :
       {domain::MessageOutcome::kSent, domain::MessageOutcome::kSuppressed, domain::MessageOutcome::kFailed}) {
    if (OutcomeWord(outcome) == word) {
      return outcome;
    }
  }
  return std::nullopt;
}

void Check(const redis::Reply& reply, std::string_view what) {
  if (reply.IsError() || reply.IsNil()) {
    throw redis::RedisUnavailable(std::string(what) + " failed: " + std::string(reply.Str()));
  }
}

// "o:<channel|->:<outcome>" into the facts; other fields are ignored.
void AddOutcome(std::string_view field, domain::ReminderCareFacts& facts) {
  if (field.substr(0, 2) != "o:") {
    return;
  }
  const std::string_view rest = field.substr(2);
  const size_t colon = rest.find(':');
  if (colon == std::string_view::npos) {
    return;
  }
  const std::string_view channel_word = rest.substr(0, colon);
  const auto outcome = OutcomeOfWord(rest.substr(colon + 1));
  const auto channel = kCareChannels.FromWord(channel_word);
  if (!outcome || (channel_word != "-" && !channel)) {
    return;
  }
  facts.outcomes.insert({channel, *outcome});
}

std::vector<Date> DatesOf(const redis::Reply& with_scores) {
  std::vector<Date> dates;
  for (size_t i = 1; i < with_scores.Size(); i += 2) {
    dates.push_back(Date::FromDaysSinceEpoch(std::stoll(std::string(redis::ElementStr(with_scores.Element(i))))));
  }
  return dates;
}

}  // namespace

void RedisCareStats::RecordFired(const domain::FiredReminder& fired) {
  auto connection = pool_.Acquire();
  const auto kind = kReminderKinds.ToWord(fired.kind);
  Check(FiredScript().Run(*connection,
                          {keys::CareReminder(fired.reminder_id),
                           keys::CareFired(fired.store_id, domain::CareMonth::Of(fired.fired_on).ToString())},
                          {fired.store_id, fired.customer_id, fired.vehicle_id, std::string(kind.value_or("")),
                           fired.fired_on.ToString(), fired.reminder_id}),
        "recording a fired reminder");
}

void RedisCareStats::RecordMissed(const std::string& store_id, const domain::MissedReminder& missed) {
  auto connection = pool_.Acquire();
  Check(connection->Run({"HSET", keys::CareMissed(store_id, domain::CareMonth::Of(missed.missed_on).ToString()),
                         missed.reminder_id, std::string(kReminderKinds.ToWord(missed.kind).value_or(""))}),
        "recording a missed reminder");
}

void RedisCareStats::RecordOutcome(const std::string& reminder_id, std::optional<domain::CareChannel> channel,
                                   domain::MessageOutcome outcome) {
  auto connection = pool_.Acquire();
  const std::string channel_word = channel ? std::string(kCareChannels.ToWord(*channel).value_or("-")) : "-";
  Check(
      connection->Run({"HSET", keys::CareReminder(reminder_id), "o:" + channel_word + ":" + OutcomeWord(outcome), "1"}),
      "recording a message outcome");
}

void RedisCareStats::RecordVisit(const std::string& visit_id, const std::string& customer_id,
                                 const std::string& vehicle_id, Date date) {
  auto connection = pool_.Acquire();
  const std::string day = std::to_string(date.DaysSinceEpoch());
  std::vector<redis::Command> writes{{"ZADD", keys::CareVisitsOfCustomer(customer_id), day, visit_id}};
  if (!vehicle_id.empty()) {
    writes.push_back({"ZADD", keys::CareVisitsOfVehicle(vehicle_id), day, visit_id});
  }
  Check(connection->Transaction(writes), "recording a visit");
}

void RedisCareStats::RecordBooking(const std::string& appointment_id, const std::string& customer_id,
                                   const std::string& vehicle_id, Date booked_on,
                                   const std::string& answered_reminder_id) {
  auto connection = pool_.Acquire();
  const std::string day = std::to_string(booked_on.DaysSinceEpoch());
  std::vector<redis::Command> writes{{"ZADD", keys::CareBookingsOfCustomer(customer_id), day, appointment_id}};
  if (!vehicle_id.empty()) {
    writes.push_back({"ZADD", keys::CareBookingsOfVehicle(vehicle_id), day, appointment_id});
  }
  if (!answered_reminder_id.empty()) {
    writes.push_back({"HSET", keys::CareReminder(answered_reminder_id), "booked", "1"});
  }
  Check(connection->Transaction(writes), "recording a booking");
}

domain::CareMonthFacts RedisCareStats::MonthFacts(const std::string& store_id, domain::CareMonth month,
                                                  int window_days) {
  auto connection = pool_.Acquire();
  domain::CareMonthFacts facts;
  const redis::Reply ids = connection->Run({"SMEMBERS", keys::CareFired(store_id, month.ToString())});
  std::vector<redis::Command> reads;
  for (size_t i = 0; i < ids.Size(); ++i) {
    reads.push_back({"HGETALL", keys::CareReminder(std::string(redis::ElementStr(ids.Element(i))))});
  }
  // Each reminder, then (second round trip) the visits and bookings in its window.
  std::vector<redis::Command> windows;
  for (size_t i = 0; const auto& reply : connection->Pipeline(reads)) {
    domain::ReminderCareFacts one;
    one.reminder.reminder_id = std::string(redis::ElementStr(ids.Element(i++)));
    for (size_t f = 0; f + 1 < reply.Size(); f += 2) {
      const std::string_view field = redis::ElementStr(reply.Element(f));
      const std::string value(redis::ElementStr(reply.Element(f + 1)));
      if (field == "store") {
        one.reminder.store_id = value;
      } else if (field == "customer") {
        one.reminder.customer_id = value;
      } else if (field == "vehicle") {
        one.reminder.vehicle_id = value;
      } else if (field == "kind") {
        one.reminder.kind = kReminderKinds.FromWord(value).value_or(domain::ReminderKind::kFirstMaintenance);
      } else if (field == "fired_on") {
        one.reminder.fired_on = Date::Parse(value).value_or(Date{});
      } else if (field == "booked") {
        one.answered_by_booking = true;
      } else {
        AddOutcome(field, one);
      }
    }
    if (!one.reminder.fired_on.IsSet()) {
      continue;
    }
    const bool by_vehicle = !one.reminder.vehicle_id.empty();
    const std::string first = std::to_string(one.reminder.fired_on.DaysSinceEpoch());
    const std::string last = std::to_string(one.reminder.fired_on.DaysSinceEpoch() + window_days);
    windows.push_back({"ZRANGEBYSCORE",
                       by_vehicle ? keys::CareVisitsOfVehicle(one.reminder.vehicle_id)
                                  : keys::CareVisitsOfCustomer(one.reminder.customer_id),
                       first, last, "WITHSCORES"});
    windows.push_back({"ZRANGEBYSCORE",
                       by_vehicle ? keys::CareBookingsOfVehicle(one.reminder.vehicle_id)
                                  : keys::CareBookingsOfCustomer(one.reminder.customer_id),
                       first, last, "WITHSCORES"});
    facts.fired.push_back(std::move(one));
  }
  const auto dated = connection->Pipeline(windows);
  for (size_t i = 0; i < facts.fired.size(); ++i) {
    facts.fired[i].visits = DatesOf(dated[2 * i]);
    facts.fired[i].bookings = DatesOf(dated[2 * i + 1]);
  }
  const redis::Reply missed = connection->Run({"HGETALL", keys::CareMissed(store_id, month.ToString())});
  for (size_t f = 0; f + 1 < missed.Size(); f += 2) {
    if (const auto kind = kReminderKinds.FromWord(redis::ElementStr(missed.Element(f + 1)))) {
      facts.missed.push_back({std::string(redis::ElementStr(missed.Element(f))), *kind, month.FirstDay()});
    }
  }
  return facts;
}

std::vector<domain::Reminder> RedisReminderCalendar::DueBetween(const std::string& store_id, Instant from, Instant to,
                                                                size_t limit) {
  auto connection = pool_.Acquire();
  const redis::Reply ids =
      connection->Run({"ZRANGEBYSCORE", keys::OfStore(store_id), std::to_string(from.time_since_epoch().count()),
                       "(" + std::to_string(to.time_since_epoch().count()), "LIMIT", "0", std::to_string(limit)});
  std::vector<redis::Command> gets;
  for (size_t i = 0; i < ids.Size(); ++i) {
    gets.push_back({"GET", keys::Reminder(std::string(redis::ElementStr(ids.Element(i))))});
  }
  std::vector<domain::Reminder> reminders;
  for (const auto& reply : connection->Pipeline(gets)) {
    pb::Reminder record;
    if (!reply.IsNil() && record.ParseFromArray(reply.Str().data(), static_cast<int>(reply.Str().size()))) {
      reminders.push_back(FromProto(record));
    }
  }
  return reminders;
}

}  // namespace careloop::reminders::adapters
