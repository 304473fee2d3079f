#include "services/surveys/adapters/redis_case_repository.h"

#include <algorithm>

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/outbox/outbox.h"
#include "common/redis/atomic_write.h"
#include "common/redis/optimistic.h"
#include "services/surveys/adapters/case_mapping.h"
#include "services/surveys/adapters/redis_keys.h"

namespace careloop::surveys::adapters {

namespace {

constexpr const char* kSource = "/careloop/surveys";
/// How long an applied change request is remembered (a client retries within minutes).
constexpr Millis kRequestMemory = Days{7};

std::string DeadlineScore(const domain::ComplaintCase& complaint) {
  return std::to_string(complaint.deadline_at.time_since_epoch().count());
}

std::vector<redis::Command> IndexWrites(const domain::ComplaintCase& complaint) {
  return {
      {"ZADD", keys::CasesOfStore(complaint.store_id), DeadlineScore(complaint), complaint.case_id},
      {"ZADD", keys::CasesOfCustomer(complaint.customer_id), DeadlineScore(complaint), complaint.case_id},
  };
}

std::optional<domain::ComplaintCase> Parse(const redis::Reply& reply) {
  pb::ComplaintCase record;
  if (reply.IsNil() || !record.ParseFromArray(reply.Str().data(), static_cast<int>(reply.Str().size()))) {
    return std::nullopt;
  }
  return FromProto(record);
}

}  // namespace

bool RedisCaseRepository::Open(const domain::ComplaintCase& complaint) {
  std::vector<redis::Command> writes = IndexWrites(complaint);
  writes.push_back(
      outbox::AppendCommand(keys::kOutbox, kafka::kSurveyTopic,
                            events::MakeEvent(OpenedEvent(complaint), kSource, complaint.customer_id,
                                              DerivedId("evt-", {"case-opened", complaint.case_id}), clock_.Now())));
  auto connection = pool_.Acquire();
  return redis::ApplyOnce(*connection, keys::Case(complaint.case_id), ToProto(complaint).SerializeAsString(), writes);
}

std::optional<domain::ComplaintCase> RedisCaseRepository::Get(const std::string& case_id) {
  auto connection = pool_.Acquire();
  return Parse(connection->Run({"GET", keys::Case(case_id)}));
}

Result<domain::ComplaintCase> RedisCaseRepository::Change(const std::string& case_id, const std::string& request_id,
                                                          const app::CaseMutation& mutation) {
  auto connection = pool_.Acquire();
  const std::string case_key = keys::Case(case_id);
  const std::string request_key = request_id.empty() ? std::string() : keys::CaseRequest(case_id, request_id);
  const redis::Attempt<domain::ComplaintCase> attempt =
      [&](redis::Connection& watched) -> Result<redis::Commit<domain::ComplaintCase>> {
    watched.Run({"WATCH", case_key});
    auto current = Parse(watched.Run({"GET", case_key}));
    if (!current) {
      return Error{ErrorCode::kNotFound, "case_id", "no complaint case '" + case_id + "'"};
    }
    if (!request_key.empty()) {
      watched.Run({"WATCH", request_key});
      if (!watched.Run({"GET", request_key}).IsNil()) {
        return redis::Commit<domain::ComplaintCase>{{}, *current};  // a repeated request: as it is now
      }
    }
    domain::ComplaintCase changed = *current;
    auto change = mutation(changed);
    if (!change.ok()) {
      return change.error();
    }
    const bool resolved = change->kind == app::CaseChange::Kind::kResolved;
    const std::string event_id =
        DerivedId("evt-", {"case-change", case_id, request_id.empty() ? NewRandomId("") : request_id,
                           std::to_string(change->at.time_since_epoch().count())});
    std::vector<redis::Command> writes{{"SET", case_key, ToProto(changed).SerializeAsString()}};
    for (auto& index : IndexWrites(changed)) {
      writes.push_back(std::move(index));
    }
    writes.push_back(resolved ? outbox::AppendCommand(keys::kOutbox, kafka::kSurveyTopic,
                                                      events::MakeEvent(ResolvedEvent(changed), kSource,
                                                                        changed.customer_id, event_id, change->at))
                              : outbox::AppendCommand(keys::kOutbox, kafka::kSurveyTopic,
                                                      events::MakeEvent(UpdatedEvent(changed, *change), kSource,
                                                                        changed.customer_id, event_id, change->at)));
    if (!request_key.empty()) {
      writes.push_back({"SET", request_key, "1", "PX", std::to_string(kRequestMemory.count())});
    }
    return redis::Commit<domain::ComplaintCase>{std::move(writes), std::move(changed)};
  };
  return redis::WatchedTransaction(
      *connection, attempt, 8,
      Error{ErrorCode::kAborted, "case_id", "case '" + case_id + "' changed concurrently too often; try again"});
}

std::vector<domain::ComplaintCase> RedisCaseRepository::Load(redis::Connection& connection, const redis::Reply& ids) {
  std::vector<redis::Command> gets;
  for (size_t i = 0; i < ids.Size(); ++i) {
    gets.push_back({"GET", keys::Case(std::string(redis::ElementStr(ids.Element(i))))});
  }
  std::vector<domain::ComplaintCase> cases;
  if (gets.empty()) {
    return cases;
  }
  for (auto& reply : connection.Pipeline(gets)) {
    if (auto complaint = Parse(reply)) {
      cases.push_back(std::move(*complaint));
    }
  }
  return cases;
}

std::vector<domain::ComplaintCase> RedisCaseRepository::ListByStore(const std::string& store_id, size_t limit) {
  auto connection = pool_.Acquire();
  return Load(*connection, connection->Run({"ZRANGE", keys::CasesOfStore(store_id), "0",
                                            std::to_string(std::max<size_t>(limit, 1) - 1)}));
}

std::vector<domain::ComplaintCase> RedisCaseRepository::ListByCustomer(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  return Load(*connection, connection->Run({"ZRANGE", keys::CasesOfCustomer(customer_id), "0", "-1"}));
}

}  // namespace careloop::surveys::adapters
