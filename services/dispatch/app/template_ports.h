#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/dispatch/domain/store_templates.h"
#include "services/dispatch/domain/wechat_templates.h"

namespace careloop::dispatch::app {

/// Port: the stores' own templates as saved (Redis).
class TemplateStore {
 public:
  virtual ~TemplateStore() = default;
  [[nodiscard]] virtual std::optional<domain::StoreTemplate> Find(const std::string& template_id) = 0;
  /// The store's templates, by template id.
  [[nodiscard]] virtual std::vector<domain::StoreTemplate> ListByStore(const std::string& store_id) = 0;
  /// Creates or replaces the template (by template_id).
  virtual void Save(const domain::StoreTemplate& tmpl) = 0;
};

/// Port: the SMS template Process writes a message with — the store's own (enabled) one of that
/// name, else the group default; nullopt when neither exists.
class TemplateBook {
 public:
  virtual ~TemplateBook() = default;
  [[nodiscard]] virtual std::optional<domain::Template> Find(const std::string& store_id, const std::string& name) = 0;
  /// The store's own (enabled) WeChat template of that name; nullopt: the store has none, and the
  /// group's WeChat templates (settings, over the built-in ones) apply.
  [[nodiscard]] virtual std::optional<domain::WeChatTemplate> FindWeChat(const std::string& store_id,
                                                                         const std::string& name) = 0;
};

}  // namespace careloop::dispatch::app
