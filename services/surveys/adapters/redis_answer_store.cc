#include "services/surveys/adapters/redis_answer_store.h"

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/kafka/cloud_event.h"
#include "common/outbox/outbox.h"
#include "common/redis/optimistic.h"
#include "services/surveys/adapters/answer_mapping.h"
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

}  // namespace

std::optional<domain::Survey> RedisAnswerStore::Find(const std::string& survey_id) {
  auto connection = pool_.Acquire();
  auto record = ReadRecord(*connection, survey_id);
  if (!record) {
    return std::nullopt;
  }
  return FromProto(*record);
}

std::optional<std::string> RedisAnswerStore::SurveyOfRequest(const std::string& request_id) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"GET", keys::AnswerRequest(request_id)});
  if (reply.IsNil()) {
    return std::nullopt;
  }
  return std::string(reply.Str());
}

app::AnswerWrite RedisAnswerStore::StoreAnswer(const domain::Survey& answered, const std::string& request_id) {
  auto connection = pool_.Acquire();
  const std::string survey_key = keys::Survey(answered.survey_id);
  auto written = redis::WatchedTransaction<app::AnswerWrite>(
      *connection,
      [&](redis::Connection& watched) -> Result<redis::Commit<app::AnswerWrite>> {
        watched.Run({"WATCH", survey_key});
        if (!request_id.empty()) {
          watched.Run({"WATCH", keys::AnswerRequest(request_id)});
          if (!watched.Run({"GET", keys::AnswerRequest(request_id)}).IsNil()) {
            return redis::Commit<app::AnswerWrite>{{}, app::AnswerWrite::kRequestUsed};
          }
        }
        auto stored = ReadRecord(watched, answered.survey_id);
        if (!stored || stored->status() != pb::SURVEY_STATUS_ISSUED) {
          return redis::Commit<app::AnswerWrite>{{}, app::AnswerWrite::kNotIssued};
        }
        std::vector<redis::Command> writes{
            {"SET", survey_key, ToProto(answered).SerializeAsString()},
            outbox::AppendCommand(keys::kOutbox, kafka::kSurveyTopic,
                                  events::MakeEvent(AnsweredEvent(answered), "/careloop/surveys", answered.customer_id,
                                                    DerivedId("evt-", {"answered", answered.survey_id}), clock_.Now())),
        };
        if (!request_id.empty()) {
          writes.push_back({"SET", keys::AnswerRequest(request_id), answered.survey_id});
        }
        return redis::Commit<app::AnswerWrite>{std::move(writes), app::AnswerWrite::kStored};
      },
      kMaxAttempts, Error{ErrorCode::kAborted, "survey_id", "answered concurrently"});
  // Only conflicts end in an error here: whoever won changed the survey, which the caller reads again.
  return written.ok() ? written.value() : app::AnswerWrite::kNotIssued;
}

void RedisAnswerStore::RecordCase(const std::string& survey_id, const std::string& case_id) {
  auto connection = pool_.Acquire();
  const std::string survey_key = keys::Survey(survey_id);
  auto recorded = redis::WatchedTransaction<bool>(
      *connection,
      [&](redis::Connection& watched) -> Result<redis::Commit<bool>> {
        watched.Run({"WATCH", survey_key});
        auto stored = ReadRecord(watched, survey_id);
        if (!stored || stored->case_id() == case_id) {
          return redis::Commit<bool>{{}, false};
        }
        stored->set_case_id(case_id);
        return redis::Commit<bool>{{{"SET", survey_key, stored->SerializeAsString()}}, true};
      },
      kMaxAttempts, Error{ErrorCode::kAborted, "survey_id", "changed concurrently"});
  if (!recorded.ok()) {
    throw redis::RedisUnavailable("survey " + survey_id + ": case id not recorded (" + recorded.error().message + ")");
  }
}

}  // namespace careloop::surveys::adapters
