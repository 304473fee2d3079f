// RemindersService's rule methods: ListRules, UpsertRule.
#include "common/events/enum_input.h"
#include "services/reminders/adapters/enum_tables.h"
#include "services/reminders/adapters/grpc_api.h"
#include "services/reminders/adapters/proto_mapping.h"
#include "services/reminders/adapters/rule_mapping.h"

namespace careloop::reminders::adapters {

grpc::ServerUnaryReactor* RemindersApi::ListRules(grpc::CallbackServerContext* context,
                                                  const pb::ListRulesRequest* request,
                                                  pb::ListRulesResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListRules", [&](const auth::Principal& caller) -> Status {
    auto part = Served(parts_.rules, "rules");
    if (!part.ok()) {
      return part.error();
    }
    const auto kind = events::FilterFromClient(kReminderKinds, request->kind(), "kind");
    if (!kind.ok()) {
      return kind.error();
    }
    auto rules = part.value()->List(caller, request->store_id(), kind.value());
    if (!rules.ok()) {
      return rules.error();
    }
    for (const auto& rule : rules.value()) {
      *response->add_rules() = ToProto(rule);
    }
    return Ok{};
  });
}

grpc::ServerUnaryReactor* RemindersApi::UpsertRule(grpc::CallbackServerContext* context,
                                                   const pb::UpsertRuleRequest* request,
                                                   pb::UpsertRuleResponse* response) {
  return grpcx::RunUnary(context, handler_, "UpsertRule", [&](const auth::Principal& caller) -> Status {
    auto part = Served(parts_.rules, "rules");
    if (!part.ok()) {
      return part.error();
    }
    auto rule = RuleFromProto(request->rule());
    if (!rule.ok()) {
      return rule.error();
    }
    auto stored = part.value()->Upsert(caller, std::move(rule).value());
    if (!stored.ok()) {
      return stored.error();
    }
    *response->mutable_rule() = ToProto(stored.value());
    return Ok{};
  });
}

}  // namespace careloop::reminders::adapters
