// template list|set|preview (DispatchService.ListTemplates/UpsertTemplate/PreviewTemplate) and
// contact-policy get|set (DispatchService.GetContactPolicy/UpdateContactPolicy).
#include <iostream>
#include <memory>

#include "careloop/dispatch/v1/dispatch_service.grpc.pb.h"
#include "services/reminders/adapters/enum_tables.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/template_view.h"

namespace careloop::ctl {
namespace {

namespace dv1 = careloop::dispatch::v1;

std::unique_ptr<dv1::DispatchService::Stub> DispatchStub(Session& session) {
  return dv1::DispatchService::NewStub(session.Channel(kDispatchAddr));
}

careloop::common::v1::Channel ChannelOf(const std::string& word) {
  if (word.empty()) {
    return careloop::common::v1::CHANNEL_UNSPECIFIED;
  }
  return word == "wechat" ? careloop::common::v1::CHANNEL_WECHAT : careloop::common::v1::CHANNEL_SMS;
}

void AddTemplateList(CLI::App& tmpl, Session& session) {
  struct Args {
    std::string store, kind, channel;
  };
  auto args = std::make_shared<Args>();
  auto* list = tmpl.add_subcommand("list", "a store's templates over the group defaults (ListTemplates)");
  const auto kinds = reminders::adapters::kReminderKinds.Words();
  list->add_option("--store", args->store, "store id (without: the group defaults only)");
  list->add_option("--kind", args->kind, JoinWords(kinds, "|"))->check(CLI::IsMember(kinds));
  list->add_option("--channel", args->channel, "sms | wechat")->check(CLI::IsMember({"sms", "wechat"}));
  list->callback([&session, args] {
    session.action = [&session, args] {
      dv1::ListTemplatesRequest request;
      request.set_store_id(args->store);
      if (!args->kind.empty()) {
        request.set_kind(ProtoOfWord(reminders::adapters::kReminderKinds, args->kind));
      }
      request.set_channel(ChannelOf(args->channel));
      dv1::ListTemplatesResponse response;
      Check(DispatchStub(session)->ListTemplates(session.NewContext().get(), request, &response));
      const std::vector<dv1::Template> templates(response.templates().begin(), response.templates().end());
      if (session.json) {
        PrintJson(ToJsonArray(templates));
      } else {
        std::cout << TemplatesTable(templates) << "(" << templates.size() << " templates)\n";
      }
      return 0;
    };
  });
}

void AddTemplateSet(CLI::App& tmpl, Session& session) {
  auto flags = std::make_shared<TemplateFlags>();
  auto* set = tmpl.add_subcommand("set", "save a store's template for a kind and channel (UpsertTemplate)");
  const auto kinds = reminders::adapters::kReminderKinds.Words();
  set->add_option("--store", flags->store, "store id")->required();
  set->add_option("--kind", flags->kind, JoinWords(kinds, "|"))->required()->check(CLI::IsMember(kinds));
  set->add_option("--channel", flags->channel, "sms | wechat")->check(CLI::IsMember({"sms", "wechat"}));
  set->add_option("--name", flags->name, "template name within the kind, e.g. first_maintenance_overdue");
  set->add_option("--body", flags->body, "the text with placeholders such as ${name} ${plate}")->required();
  set->add_option("--code", flags->code, "the vendor's template code / WeChat template id")->required();
  set->add_option("--sign", flags->sign, "SMS signature (default: the store's)");
  set->add_option("--display-name", flags->display_name, "name for staff");
  set->add_option("--keyword", flags->keywords, "WeChat keyword data KEY=TEXT, in order (repeatable)");
  set->add_flag("--disabled", flags->disabled, "save it switched off (the group default stays in use)");
  set->callback([&session, flags] {
    session.action = [&session, flags] {
      dv1::UpsertTemplateRequest request;
      *request.mutable_message_template() = TemplateToSend(*flags);
      dv1::UpsertTemplateResponse response;
      Check(DispatchStub(session)->UpsertTemplate(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.message_template()));
      } else {
        std::cout << TemplatesTable({response.message_template()});
      }
      return 0;
    };
  });
}

void AddTemplatePreview(CLI::App& tmpl, Session& session) {
  struct Args {
    std::string store, kind, channel = "sms", name, customer;
  };
  auto args = std::make_shared<Args>();
  auto* preview = tmpl.add_subcommand("preview", "render a template for a real customer; nothing is sent");
  const auto kinds = reminders::adapters::kReminderKinds.Words();
  preview->add_option("--store", args->store, "store id")->required();
  preview->add_option("--kind", args->kind, JoinWords(kinds, "|"))->required()->check(CLI::IsMember(kinds));
  preview->add_option("--channel", args->channel, "sms | wechat")->check(CLI::IsMember({"sms", "wechat"}));
  preview->add_option("--name", args->name, "template name within the kind (default: the kind's own)");
  preview->add_option("--customer", args->customer, "customer id")->required();
  preview->callback([&session, args] {
    session.action = [&session, args] {
      dv1::PreviewTemplateRequest request;
      request.set_store_id(args->store);
      request.set_kind(ProtoOfWord(reminders::adapters::kReminderKinds, args->kind));
      request.set_channel(ChannelOf(args->channel));
      request.set_name(args->name);
      request.set_customer_id(args->customer);
      dv1::PreviewTemplateResponse response;
      Check(DispatchStub(session)->PreviewTemplate(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response));
        return 0;
      }
      const auto& used = response.message_template();
      std::cout << "template: " << used.template_id() << " (" << (used.store_id().empty() ? "group" : used.store_id())
                << ", " << used.provider_template_code() << ")\n"
                << response.text() << '\n';
      for (const auto& keyword : response.keywords()) {
        std::cout << "  " << keyword.key() << ": " << keyword.value() << '\n';
      }
      return 0;
    };
  });
}

void AddPolicyCommands(CLI::App& app, Session& session) {
  auto* policy = app.add_subcommand("contact-policy", "a store's contact policy (quiet hours, caps, same-day rule)");
  policy->require_subcommand(1);

  auto store = std::make_shared<std::string>();
  auto* get = policy->add_subcommand("get", "the policy in effect for a store (GetContactPolicy)");
  get->add_option("--store", *store, "store id (without: the group default)");
  get->callback([&session, store] {
    session.action = [&session, store] {
      dv1::GetContactPolicyRequest request;
      request.set_store_id(*store);
      dv1::GetContactPolicyResponse response;
      Check(DispatchStub(session)->GetContactPolicy(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.policy()));
      } else {
        std::cout << PolicyFields(response.policy()) << '\n';
      }
      return 0;
    };
  });

  auto flags = std::make_shared<PolicyFlags>();
  auto* set = policy->add_subcommand("set", "change the options given, keep the rest (UpdateContactPolicy)");
  set->add_option("--store", flags->store, "store id (without: the group default, admins only)");
  set->add_option("--marketing-quiet", flags->marketing_quiet, "quiet window of marketing, e.g. 21:00-08:00");
  set->add_option("--service-quiet", flags->service_quiet, "quiet window of routine care, e.g. 21:00-08:00");
  set->add_option("--critical-quiet", flags->critical_quiet,
                  "quiet window of appointment confirmations, or 'none' (they go at any hour)");
  set->add_option("--max-marketing-per-day", flags->max_marketing_per_day, "marketing messages per customer per day");
  set->add_option("--max-marketing-per-week", flags->max_marketing_per_week, "marketing messages per rolling 7 days");
  set->add_option("--max-care-per-day", flags->max_care_per_day, "care messages per customer per day");
  set->add_option("--max-care-per-week", flags->max_care_per_week, "care messages per rolling 7 days");
  set->add_option("--same-day", flags->same_day, "yields | defer | send_both")
      ->check(CLI::IsMember({"yields", "defer", "send_both"}));
  set->add_option("--priority", flags->priority, "kinds by descending priority, comma-separated");
  set->callback([&session, flags] {
    session.action = [&session, flags] {
      const dv1::UpdateContactPolicyRequest request = PolicyUpdate(*flags);
      dv1::UpdateContactPolicyResponse response;
      Check(DispatchStub(session)->UpdateContactPolicy(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.policy()));
      } else {
        std::cout << PolicyFields(response.policy()) << '\n';
      }
      return 0;
    };
  });
}

}  // namespace

void AddTemplateCommands(CLI::App& app, Session& session) {
  auto* tmpl = app.add_subcommand("template", "message templates per store, kind and channel");
  tmpl->require_subcommand(1);
  AddTemplateList(*tmpl, session);
  AddTemplateSet(*tmpl, session);
  AddTemplatePreview(*tmpl, session);
  AddPolicyCommands(app, session);
}

}  // namespace careloop::ctl
