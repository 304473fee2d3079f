#include "services/surveys/adapters/redis_template_store.h"

#include <algorithm>
#include <charconv>

#include "common/redis/optimistic.h"
#include "services/surveys/adapters/redis_keys.h"
#include "services/surveys/adapters/template_mapping.h"

namespace careloop::surveys::adapters {
namespace {

constexpr int kMaxAttempts = 16;

int ParseVersion(std::string_view text) {
  int value = 0;
  (void)std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::optional<domain::SurveyTemplate> Read(redis::Connection& connection, const std::string& key) {
  redis::Reply reply = connection.Run({"GET", key});
  pb::SurveyTemplate record;
  if (reply.IsNil() || !record.ParseFromArray(reply.Str().data(), static_cast<int>(reply.Str().size()))) {
    return std::nullopt;
  }
  auto parsed = TemplateFromProto(record);
  if (!parsed.ok()) {
    return std::nullopt;
  }
  return std::move(parsed).value();
}

}  // namespace

Result<domain::SurveyTemplate> RedisTemplateStore::SaveNewVersion(const domain::SurveyTemplate& survey_template) {
  auto connection = pool_.Acquire();
  const std::string counter = keys::TemplateVersionCounter(survey_template.template_id);
  return redis::WatchedTransaction<domain::SurveyTemplate>(
      *connection,
      [&](redis::Connection& watched) -> Result<redis::Commit<domain::SurveyTemplate>> {
        watched.Run({"WATCH", counter});
        domain::SurveyTemplate next = survey_template;
        next.version = ParseVersion(watched.Run({"GET", counter}).Str()) + 1;
        std::vector<redis::Command> writes{
            {"SET", counter, std::to_string(next.version)},
            {"SET", keys::TemplateVersion(next.template_id, next.version), ToProto(next).SerializeAsString()},
            {"SADD", keys::TemplatesOfStore(next.store_id), next.template_id},
        };
        return redis::Commit<domain::SurveyTemplate>{std::move(writes), std::move(next)};
      },
      kMaxAttempts, Error{ErrorCode::kAborted, "survey_template", "saved concurrently; try again"});
}

std::optional<domain::SurveyTemplate> RedisTemplateStore::Latest(const std::string& template_id) {
  auto connection = pool_.Acquire();
  const int version = ParseVersion(connection->Run({"GET", keys::TemplateVersionCounter(template_id)}).Str());
  if (version == 0) {
    return std::nullopt;
  }
  return Read(*connection, keys::TemplateVersion(template_id, version));
}

std::optional<domain::SurveyTemplate> RedisTemplateStore::Version(const std::string& template_id, int version) {
  auto connection = pool_.Acquire();
  return Read(*connection, keys::TemplateVersion(template_id, version));
}

std::vector<domain::SurveyTemplate> RedisTemplateStore::ListLatest(const std::string& store_id) {
  std::vector<std::string> ids;
  {
    auto connection = pool_.Acquire();
    redis::Reply members = connection->Run({"SMEMBERS", keys::TemplatesOfStore(store_id)});
    for (size_t i = 0; i < members.Size(); ++i) {
      ids.emplace_back(redis::ElementStr(members.Element(i)));
    }
  }
  std::sort(ids.begin(), ids.end());
  std::vector<domain::SurveyTemplate> out;
  for (const auto& id : ids) {
    if (auto latest = Latest(id)) {
      out.push_back(std::move(*latest));
    }
  }
  return out;
}

}  // namespace careloop::surveys::adapters
