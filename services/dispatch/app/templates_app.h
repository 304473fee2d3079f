#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/app/ports.h"
#include "services/dispatch/app/template_ports.h"

namespace careloop::dispatch::app {

/// A template rendered for one customer, nothing sent.
struct TemplatePreview final {
  std::string template_id;  ///< the store's template id, or the group default's name
  bool store_template = false;
  std::string provider_template_code;
  std::string text;                               ///< SMS: what the customer reads, signature included
  std::vector<domain::TemplateKeyword> keywords;  ///< WeChat: each keyword's rendered value
};

/// The template use cases: a store's own templates per kind and channel over the group
/// defaults (list, save with its placeholders checked, preview for a real customer), and the
/// TemplateBook Process writes with.
class TemplatesApp final : public TemplateBook {
 public:
  TemplatesApp(TemplateStore& templates, ContactDirectory& contacts, const clock::Clock& clock,
               const config::StoreCatalog& stores, domain::Templates defaults);

  /// The store's templates, then the group defaults it does not override (SMS), optionally only
  /// of `kind` / `channel`; "" lists the group defaults only.
  [[nodiscard]] Result<std::vector<domain::StoreTemplate>> List(const auth::Principal& caller,
                                                                const std::string& store_id,
                                                                std::optional<domain::CareKind> kind,
                                                                std::optional<domain::TemplateChannel> channel);

  /// Checks (domain::CheckTemplate) and saves a store's template; managers and admins of the store.
  [[nodiscard]] Result<domain::StoreTemplate> Upsert(const auth::Principal& caller, domain::StoreTemplate tmpl);

  /// Renders the template `name` (empty: the kind's own) of `kind` on `channel` as the store
  /// would send it to `customer_id` — the customer's first car, a date a week ahead for kinds
  /// that name one. Reads only: nothing is written or published.
  [[nodiscard]] Result<TemplatePreview> Preview(const auth::Principal& caller, const std::string& store_id,
                                                domain::CareKind kind, domain::TemplateChannel channel,
                                                const std::string& name, const std::string& customer_id);

  [[nodiscard]] std::optional<domain::Template> Find(const std::string& store_id, const std::string& name) override;
  [[nodiscard]] std::optional<domain::WeChatTemplate> FindWeChat(const std::string& store_id,
                                                                 const std::string& name) override;

 private:
  [[nodiscard]] Status RequireKnownStore(const auth::Principal& caller, const std::string& store_id,
                                         const std::string& field) const;

  TemplateStore& templates_;
  ContactDirectory& contacts_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
  domain::Templates defaults_;
};

}  // namespace careloop::dispatch::app
