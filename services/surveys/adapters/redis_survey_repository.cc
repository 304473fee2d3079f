#include "services/surveys/adapters/redis_survey_repository.h"

#include <algorithm>

#include "careloop/survey/v1/events.pb.h"
#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/outbox/outbox.h"
#include "common/redis/atomic_write.h"
#include "services/surveys/adapters/proto_mapping.h"
#include "services/surveys/adapters/redis_keys.h"

namespace careloop::surveys::adapters {
namespace {

/// How long an answer link's token record outlives its survey's expiry.
constexpr Millis kLinkGrace = Days{30};

}  // namespace

bool RedisSurveyRepository::Issue(const domain::Survey& survey) {
  pb::SurveyIssued issued;
  issued.set_survey_id(survey.survey_id);
  issued.set_customer_id(survey.customer_id);
  issued.set_store_id(survey.store_id);
  issued.set_kind(ToProto(survey.kind));
  issued.set_visit_id(survey.visit_id);
  issued.set_vehicle_id(survey.vehicle_id);
  issued.set_template_id(survey.template_id);
  *issued.mutable_issued_at() = events::ToTimestamp(survey.issued_at);
  *issued.mutable_expires_at() = events::ToTimestamp(survey.expires_at);
  issued.set_advisor(survey.advisor);
  issued.set_template_version(survey.template_version);
  issued.set_reminder_id(survey.reminder_id);
  issued.set_answer_url(survey.answer_url);
  std::vector<redis::Command> writes{
      {"ZADD", keys::OfCustomer(survey.customer_id), std::to_string(survey.issued_at.time_since_epoch().count()),
       survey.survey_id},
      {"ZADD", keys::OfStore(survey.store_id), std::to_string(survey.issued_at.time_since_epoch().count()),
       survey.survey_id},
      outbox::AppendCommand(keys::kOutbox, kafka::kSurveyTopic,
                            events::MakeEvent(issued, "/careloop/surveys", survey.customer_id,
                                              DerivedId("evt-", {"issued", survey.survey_id}), clock_.Now())),
  };
  if (!survey.link_token.empty()) {
    // Kept past the survey's expiry so a late visitor reads "expired", not "unknown".
    const Millis keep = std::max<Millis>(survey.expires_at - clock_.Now(), Millis{0}) + kLinkGrace;
    writes.push_back({"SET", keys::Link(survey.link_token), survey.survey_id, "PX", std::to_string(keep.count())});
  }
  auto connection = pool_.Acquire();
  return redis::ApplyOnce(*connection, keys::Survey(survey.survey_id), ToProto(survey).SerializeAsString(), writes);
}

std::vector<domain::Survey> RedisSurveyRepository::Load(redis::Connection& connection, const redis::Reply& ids) {
  std::vector<redis::Command> gets;
  for (size_t i = 0; i < ids.Size(); ++i) {
    gets.push_back({"GET", keys::Survey(std::string(redis::ElementStr(ids.Element(i))))});
  }
  std::vector<domain::Survey> surveys;
  for (auto& reply : connection.Pipeline(gets)) {
    pb::Survey record;
    if (!reply.IsNil() && record.ParseFromArray(reply.Str().data(), static_cast<int>(reply.Str().size()))) {
      surveys.push_back(FromProto(record));
    }
  }
  return surveys;
}

std::vector<domain::Survey> RedisSurveyRepository::ListByCustomer(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  return Load(*connection, connection->Run({"ZRANGE", keys::OfCustomer(customer_id), "0", "-1"}));
}

std::vector<domain::Survey> RedisSurveyRepository::ListByStore(const std::string& store_id, size_t limit) {
  auto connection = pool_.Acquire();
  return Load(*connection, connection->Run({"ZREVRANGE", keys::OfStore(store_id), "0",
                                            std::to_string(std::max<size_t>(limit, 1) - 1)}));
}

}  // namespace careloop::surveys::adapters
