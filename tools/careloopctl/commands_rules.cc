// rule list|set (RemindersService.ListRules/UpsertRule) and reminder get|cancel.
#include <iostream>
#include <memory>

#include "careloop/reminder/v1/reminders_service.grpc.pb.h"
#include "services/reminders/adapters/enum_tables.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/rule_view.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace rv1 = careloop::reminder::v1;

std::unique_ptr<rv1::RemindersService::Stub> RemindersStub(Session& session) {
  return rv1::RemindersService::NewStub(session.Channel(kRemindersAddr));
}

std::vector<rv1::ReminderRule> ListRules(Session& session, const std::string& store, const std::string& kind) {
  rv1::ListRulesRequest request;
  request.set_store_id(store);
  if (!kind.empty()) {
    request.set_kind(ProtoOfWord(reminders::adapters::kReminderKinds, kind));
  }
  rv1::ListRulesResponse response;
  Check(RemindersStub(session)->ListRules(session.NewContext().get(), request, &response));
  return {response.rules().begin(), response.rules().end()};
}

void PrintRules(Session& session, const std::vector<rv1::ReminderRule>& rules) {
  if (session.json) {
    PrintJson(ToJsonArray(rules));
    return;
  }
  std::cout << RulesTable(rules) << "(" << rules.size() << " rules; fire times are store-local)\n";
}

std::string ReminderFields(const rv1::Reminder& r) {
  return RenderFields({
      {"reminder", r.reminder_id()},
      {"kind", ShortEnumName(rv1::ReminderKind_Name(r.kind()), "REMINDER_KIND_")},
      {"status", ShortEnumName(rv1::ReminderStatus_Name(r.status()), "REMINDER_STATUS_")},
      {"customer", r.customer_id()},
      {"vehicle", r.vehicle_id().empty() ? "-" : r.vehicle_id()},
      {"store", r.store_id()},
      {"due at", FormatLocal(r.due_at(), r.has_due_at()) + " (" + std::string(kDisplayTimeZone) + ")"},
      {"service due", FormatDate(r.service_due_date())},
      {"occurrence", std::to_string(r.occurrence())},
      {"lead days", std::to_string(r.lead_days())},
      {"rule", r.rule_id().empty() ? "-" : r.rule_id()},
      {"reason", r.reason().empty() ? "-" : r.reason()},
  });
}

void PrintReminder(Session& session, const rv1::Reminder& reminder) {
  if (session.json) {
    PrintJson(ToJson(reminder));
  } else {
    std::cout << ReminderFields(reminder) << '\n';
  }
}

void AddRuleList(CLI::App& rule, Session& session) {
  struct Args {
    std::string store;
    std::string kind;
  };
  auto args = std::make_shared<Args>();
  auto* list = rule.add_subcommand("list", "the group rules and a store's own, per kind (ListRules)");
  const auto kinds = reminders::adapters::kReminderKinds.Words();
  list->add_option("--store", args->store, "store id (without: the group rules only)");
  list->add_option("--kind", args->kind, JoinWords(kinds, "|"))->check(CLI::IsMember(kinds));
  list->callback([&session, args] {
    session.action = [&session, args] {
      PrintRules(session, ListRules(session, args->store, args->kind));
      return 0;
    };
  });
}

void AddRuleSet(CLI::App& rule, Session& session) {
  auto flags = std::make_shared<RuleFlags>();
  auto* set = rule.add_subcommand(
      "set", "change a store's rule of a kind (per model with --models); unset options keep their value (UpsertRule)");
  const auto kinds = reminders::adapters::kReminderKinds.Words();
  set->add_option("--store", flags->store, "store id")->required();
  set->add_option("--kind", flags->kind, JoinWords(kinds, "|"))->required()->check(CLI::IsMember(kinds));
  set->add_option("--models", flags->models, "the rule applies to these models only (comma-separated)")->delimiter(',');
  set->add_option("--interval-months", flags->interval_months, "months from the anchor to the due date");
  set->add_option("--interval-days", flags->interval_days, "days added to the months");
  set->add_option("--interval-km", flags->interval_km, "km from the anchor (whichever comes first)");
  set->add_option("--lead-days", flags->lead_days, "days before the due date, e.g. 30,15,7 (none: on the day)");
  set->add_option("--fire-time", flags->fire_time, "store-local HH:MM, outside quiet hours");
  set->add_option("--enabled", flags->enabled, "true | false (false cancels what is scheduled)");
  set->add_option("--follow-up-days", flags->follow_up_days,
                  "follow an ignored maintenance reminder up once (0: never)");
  set->add_option("--template", flags->template_id, "dispatch template id (empty: the kind's default)");
  set->add_option("--channel-plan", flags->channel_plan_id, "dispatch channel plan id (empty: the store's default)");
  set->callback([&session, flags] {
    session.action = [&session, flags] {
      const auto base = BaseRule(ListRules(session, flags->store, flags->kind), *flags);
      rv1::UpsertRuleRequest request;
      *request.mutable_rule() = RuleToSend(base.value_or(rv1::ReminderRule{}), *flags);
      if (!base && !flags->enabled) {
        request.mutable_rule()->set_enabled(true);  // a new rule is on unless told otherwise
      }
      rv1::UpsertRuleResponse response;
      Check(RemindersStub(session)->UpsertRule(session.NewContext().get(), request, &response));
      PrintRules(session, {response.rule()});
      return 0;
    };
  });
}

}  // namespace

void AddRuleCommands(CLI::App& app, Session& session) {
  auto* rule = app.add_subcommand("rule", "store rules of every reminder kind (RemindersService)");
  rule->require_subcommand(1);
  AddRuleList(*rule, session);
  AddRuleSet(*rule, session);
}

void AddReminderCommands(CLI::App& reminder, Session& session) {
  auto id = std::make_shared<std::string>();
  auto* get = reminder.add_subcommand("get", "one reminder (GetReminder)");
  get->add_option("ID", *id, "reminder id")->required();
  get->callback([&session, id] {
    session.action = [&session, id] {
      rv1::GetReminderRequest request;
      request.set_reminder_id(*id);
      rv1::GetReminderResponse response;
      Check(RemindersStub(session)->GetReminder(session.NewContext().get(), request, &response));
      PrintReminder(session, response.reminder());
      return 0;
    };
  });
  struct CancelArgs {
    std::string id;
    std::string reason;
  };
  auto args = std::make_shared<CancelArgs>();
  auto* cancel = reminder.add_subcommand("cancel", "cancel one open reminder; the reason is recorded with your name");
  cancel->add_option("ID", args->id, "reminder id")->required();
  cancel->add_option("--reason", args->reason, "why (recorded as staff:<you>: <reason>)")->required();
  cancel->callback([&session, args] {
    session.action = [&session, args] {
      rv1::CancelReminderRequest request;
      request.set_reminder_id(args->id);
      request.set_reason(args->reason);
      rv1::CancelReminderResponse response;
      Check(RemindersStub(session)->CancelReminder(session.NewContext().get(), request, &response));
      PrintReminder(session, response.reminder());
      return 0;
    };
  });
}

}  // namespace careloop::ctl
