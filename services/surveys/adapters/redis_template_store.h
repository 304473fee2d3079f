#pragma once

#include "common/redis/client.h"
#include "services/surveys/app/template_ports.h"

namespace careloop::surveys::adapters {

/// TemplateStore on Redis: every version its own immutable record; the version counter, the
/// record and the store's index are written in one optimistic transaction.
class RedisTemplateStore final : public app::TemplateStore {
 public:
  explicit RedisTemplateStore(redis::Pool& pool) : pool_(pool) {}
  [[nodiscard]] Result<domain::SurveyTemplate> SaveNewVersion(const domain::SurveyTemplate& survey_template) override;
  [[nodiscard]] std::optional<domain::SurveyTemplate> Latest(const std::string& template_id) override;
  [[nodiscard]] std::optional<domain::SurveyTemplate> Version(const std::string& template_id, int version) override;
  [[nodiscard]] std::vector<domain::SurveyTemplate> ListLatest(const std::string& store_id) override;

 private:
  redis::Pool& pool_;
};

}  // namespace careloop::surveys::adapters
