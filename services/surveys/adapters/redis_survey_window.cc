#include "services/surveys/adapters/redis_survey_window.h"

#include "careloop/survey/v1/events.pb.h"
#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/kafka/cloud_event.h"
#include "common/outbox/outbox.h"
#include "common/redis/optimistic.h"
#include "services/surveys/adapters/proto_mapping.h"
#include "services/surveys/adapters/redis_keys.h"

namespace careloop::surveys::adapters {
namespace {

constexpr int kMaxAttempts = 16;

std::optional<pb::Survey> ReadRecord(redis::Connection& connection, const std::string& survey_id) {
  redis::Reply reply = connection.Run({"GET", keys::Survey(survey_id)});
  pb::Survey record;
  if (reply.IsNil() || !record.ParseFromArray(reply.Str().data(), static_cast<int>(reply.Str().size()))) {
    return std::nullopt;
  }
  return record;
}

pb::SurveyReminded RemindedEvent(const domain::Survey& survey, const std::string& reminder_id, Instant now) {
  pb::SurveyReminded event;
  event.set_survey_id(survey.survey_id);
  event.set_customer_id(survey.customer_id);
  event.set_store_id(survey.store_id);
  event.set_kind(ToProto(survey.kind));
  event.set_visit_id(survey.visit_id);
  event.set_vehicle_id(survey.vehicle_id);
  event.set_answer_url(survey.answer_url);
  *event.mutable_expires_at() = events::ToTimestamp(survey.expires_at);
  *event.mutable_reminded_at() = events::ToTimestamp(now);
  event.set_reminder_id(reminder_id);
  return event;
}

pb::SurveyExpired ExpiredEvent(const domain::Survey& survey, Instant now) {
  pb::SurveyExpired event;
  event.set_survey_id(survey.survey_id);
  event.set_customer_id(survey.customer_id);
  event.set_store_id(survey.store_id);
  event.set_kind(ToProto(survey.kind));
  *event.mutable_expired_at() = events::ToTimestamp(now);
  event.set_advisor(survey.advisor);
  event.set_vehicle_id(survey.vehicle_id);
  event.set_visit_id(survey.visit_id);
  *event.mutable_issued_at() = events::ToTimestamp(survey.issued_at);
  return event;
}

// Conflicts kept winning: the step is retried with the event that asked for it.
app::WindowWrite Settled(const Result<app::WindowWrite>& written, const std::string& survey_id) {
  if (!written.ok()) {
    throw redis::RedisUnavailable("survey " + survey_id + ": " + written.error().message);
  }
  return written.value();
}

}  // namespace

std::optional<domain::Survey> RedisSurveyWindow::Find(const std::string& survey_id) {
  auto connection = pool_.Acquire();
  auto record = ReadRecord(*connection, survey_id);
  if (!record) {
    return std::nullopt;
  }
  return FromProto(*record);
}

app::WindowWrite RedisSurveyWindow::RecordReminded(const domain::Survey& survey, const std::string& reminder_id,
                                                   Instant now) {
  auto connection = pool_.Acquire();
  const std::string survey_key = keys::Survey(survey.survey_id);
  const std::string guard_key = keys::SurveyReminded(survey.survey_id);
  auto written = redis::WatchedTransaction<app::WindowWrite>(
      *connection,
      [&](redis::Connection& watched) -> Result<redis::Commit<app::WindowWrite>> {
        watched.Run({"WATCH", survey_key, guard_key});
        auto stored = ReadRecord(watched, survey.survey_id);
        if (!stored || stored->status() != pb::SURVEY_STATUS_ISSUED || !watched.Run({"GET", guard_key}).IsNil()) {
          return redis::Commit<app::WindowWrite>{{}, app::WindowWrite::kUnchanged};
        }
        return redis::Commit<app::WindowWrite>{
            {{"SET", guard_key, reminder_id},
             outbox::AppendCommand(
                 keys::kOutbox, kafka::kSurveyTopic,
                 events::MakeEvent(RemindedEvent(survey, reminder_id, now), "/careloop/surveys", survey.customer_id,
                                   DerivedId("evt-", {"reminded", survey.survey_id}), now))},
            app::WindowWrite::kWritten};
      },
      kMaxAttempts, Error{ErrorCode::kAborted, "survey_id", "changed concurrently"});
  return Settled(written, survey.survey_id);
}

app::WindowWrite RedisSurveyWindow::Expire(const domain::Survey& expired, Instant now) {
  auto connection = pool_.Acquire();
  const std::string survey_key = keys::Survey(expired.survey_id);
  auto written = redis::WatchedTransaction<app::WindowWrite>(
      *connection,
      [&](redis::Connection& watched) -> Result<redis::Commit<app::WindowWrite>> {
        watched.Run({"WATCH", survey_key});
        auto stored = ReadRecord(watched, expired.survey_id);
        if (!stored || stored->status() != pb::SURVEY_STATUS_ISSUED) {
          return redis::Commit<app::WindowWrite>{{}, app::WindowWrite::kUnchanged};
        }
        // The stored record changes only in its status: whatever else it holds stays.
        stored->set_status(pb::SURVEY_STATUS_EXPIRED);
        return redis::Commit<app::WindowWrite>{
            {{"SET", survey_key, stored->SerializeAsString()},
             outbox::AppendCommand(
                 keys::kOutbox, kafka::kSurveyTopic,
                 events::MakeEvent(ExpiredEvent(expired, now), "/careloop/surveys", expired.customer_id,
                                   DerivedId("evt-", {"expired", expired.survey_id}), now))},
            app::WindowWrite::kWritten};
      },
      kMaxAttempts, Error{ErrorCode::kAborted, "survey_id", "changed concurrently"});
  return Settled(written, expired.survey_id);
}

}  // namespace careloop::surveys::adapters
