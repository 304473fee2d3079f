// plan list|set (DispatchService.ListChannelPlans/UpsertChannelPlan): which channels a store's
// care reaches customers by, in which order, and when it falls back.
#include <iostream>
#include <memory>

#include "careloop/dispatch/v1/dispatch_service.grpc.pb.h"
#include "services/reminders/adapters/enum_tables.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/plan_view.h"

namespace careloop::ctl {
namespace {

namespace dv1 = careloop::dispatch::v1;

void PrintPlans(Session& session, const std::vector<dv1::ChannelPlan>& plans) {
  if (session.json) {
    PrintJson(ToJsonArray(plans));
    return;
  }
  std::cout << PlansTable(plans) << "(" << plans.size()
            << " plans; steps: channel[:minutes to wait for a receipt][@assignee])\n";
}

}  // namespace

void AddPlanCommands(CLI::App& app, Session& session) {
  auto* plan = app.add_subcommand("plan", "channel plans with fallback, per store and kind (DispatchService)");
  plan->require_subcommand(1);

  auto store = std::make_shared<std::string>();
  auto* list = plan->add_subcommand("list", "the built-in, group and a store's plans (ListChannelPlans)");
  list->add_option("--store", *store, "store id (without: built-in and group plans only)");
  list->callback([&session, store] {
    session.action = [&session, store] {
      dv1::ListChannelPlansRequest request;
      request.set_store_id(*store);
      dv1::ListChannelPlansResponse response;
      Check(dv1::DispatchService::NewStub(session.Channel(kDispatchAddr))
                ->ListChannelPlans(session.NewContext().get(), request, &response));
      PrintPlans(session, {response.channel_plans().begin(), response.channel_plans().end()});
      return 0;
    };
  });

  struct SetArgs {
    std::string store, id, name, steps;
    std::vector<std::string> kinds;
  };
  auto args = std::make_shared<SetArgs>();
  const auto kinds = reminders::adapters::kReminderKinds.Words();
  auto* set = plan->add_subcommand("set", "create or replace a store's plan (UpsertChannelPlan)");
  set->add_option("--store", args->store, "store id (empty: a group-wide plan, admins only)")->required();
  set->add_option("--id", args->id, "plan id (default: derived from the store and name)");
  set->add_option("--name", args->name, "display name, e.g. 微信优先")->required();
  set->add_option("--steps", args->steps, "e.g. wechat:60,sms:1440,call@advisor")->required();
  set->add_option("--kinds", args->kinds, "the kinds it becomes the store's plan for (comma-separated)")
      ->delimiter(',')
      ->check(CLI::IsMember(kinds));
  set->callback([&session, args] {
    session.action = [&session, args] {
      dv1::UpsertChannelPlanRequest request;
      dv1::ChannelPlan& plan = *request.mutable_channel_plan();
      plan.set_channel_plan_id(args->id);
      plan.set_store_id(args->store);
      plan.set_display_name(args->name);
      for (auto& step : ParseStepsFlag(args->steps)) {
        *plan.add_steps() = std::move(step);
      }
      for (const auto& kind : args->kinds) {
        plan.add_default_for_kinds(ProtoOfWord(reminders::adapters::kReminderKinds, kind));
      }
      dv1::UpsertChannelPlanResponse response;
      Check(dv1::DispatchService::NewStub(session.Channel(kDispatchAddr))
                ->UpsertChannelPlan(session.NewContext().get(), request, &response));
      PrintPlans(session, {response.channel_plan()});
      return 0;
    };
  });
}

}  // namespace careloop::ctl
