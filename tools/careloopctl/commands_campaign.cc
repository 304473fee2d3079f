// campaign preview|create|get|list|cancel (RemindersService): a campaign to a segment described
// with the customers search's filters.
#include <iostream>
#include <memory>

#include "careloop/reminder/v1/reminders_service.grpc.pb.h"
#include "common/events/proto_event.h"
#include "services/customers/adapters/enum_tables.h"
#include "services/reminders/adapters/campaign_mapping.h"
#include "services/reminders/adapters/enum_tables.h"
#include "tools/careloopctl/campaign_view.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/customer_views.h"
#include "tools/careloopctl/endpoints.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace cv1 = careloop::customer::v1;
namespace rv1 = careloop::reminder::v1;
using customers::adapters::kChannels;
using customers::adapters::kChurnStages;
using customers::adapters::kConsentStates;
using customers::adapters::kLifecycleStages;
using customers::adapters::kValueTiers;
using reminders::adapters::kCampaignKinds;
using reminders::adapters::kCampaignStatuses;
using reminders::adapters::kHolidays;

/// The segment flags, as `customer search` takes them, plus vehicle age.
struct SegmentArgs final {
  std::vector<std::string> stores, models, series, tiers, churn, lifecycle, consents;
  std::string province, city, district, last_visit, delivered, advisor;
  int birthday_month = 0;
  int min_age = 0;
  int max_age = 0;
};

void AddSegmentOptions(CLI::App* command, SegmentArgs& args) {
  command->add_option("--segment-store", args.stores, "home store of the segment (default: the campaign's store)");
  command->add_option("--province", args.province, "region: province, e.g. 浙江省");
  command->add_option("--city", args.city, "region: city, e.g. 杭州市");
  command->add_option("--district", args.district, "region: district");
  command->add_option("--model", args.models, "vehicle model (repeatable: any of them)");
  command->add_option("--series", args.series, "vehicle series (repeatable)");
  command->add_option("--tier", args.tiers, "value tier: " + JoinWords(kValueTiers.Words(), " | "))
      ->check(CLI::IsMember(kValueTiers.Words()));
  command->add_option("--churn", args.churn, "churn stage (repeatable): " + JoinWords(kChurnStages.Words(), " "))
      ->check(CLI::IsMember(kChurnStages.Words()));
  command->add_option("--lifecycle", args.lifecycle, "lifecycle stage: " + JoinWords(kLifecycleStages.Words(), " "))
      ->check(CLI::IsMember(kLifecycleStages.Words()));
  command->add_option("--consent", args.consents, "CHANNEL=STATE, e.g. sms=granted (repeatable)");
  command->add_option("--last-visit", args.last_visit, "last service visit in FROM..TO");
  command->add_option("--delivered", args.delivered, "a vehicle delivered in FROM..TO");
  command->add_option("--birthday-month", args.birthday_month, "1-12");
  command->add_option("--advisor", args.advisor, "assigned service advisor (staff id)");
  command->add_option("--min-vehicle-age", args.min_age, "minimum vehicle age in months");
  command->add_option("--max-vehicle-age", args.max_age, "maximum vehicle age in months");
}

cv1::CustomerFilter FilterOf(const SegmentArgs& args) {
  cv1::CustomerFilter filter;
  for (const auto& store : args.stores) {
    filter.add_store_ids(store);
  }
  filter.mutable_region()->set_province(args.province);
  filter.mutable_region()->set_city(args.city);
  filter.mutable_region()->set_district(args.district);
  for (const auto& model : args.models) {
    filter.add_models(model);
  }
  for (const auto& series : args.series) {
    filter.add_series(series);
  }
  for (const auto& tier : args.tiers) {
    filter.add_value_tiers(ProtoOfWord(kValueTiers, tier));
  }
  for (const auto& stage : args.churn) {
    filter.add_churn_stages(ProtoOfWord(kChurnStages, stage));
  }
  for (const auto& stage : args.lifecycle) {
    filter.add_lifecycle_stages(ProtoOfWord(kLifecycleStages, stage));
  }
  for (const auto& consent : args.consents) {
    const auto eq = consent.find('=');
    const auto channel = kChannels.ProtoOfWord(consent.substr(0, eq));
    const auto state = kConsentStates.ProtoOfWord(eq == std::string::npos ? "" : consent.substr(eq + 1));
    if (!channel || !state) {
      throw UsageError("--consent is CHANNEL=STATE with CHANNEL " + JoinWords(kChannels.Words(), "|") + " and STATE " +
                       JoinWords(kConsentStates.Words(WithUnset::kYes), "|") + ", got: " + consent);
    }
    auto* c = filter.add_consents();
    c->set_channel(*channel);
    c->set_state(*state);
  }
  if (!args.last_visit.empty()) {
    *filter.mutable_last_visit() = RangeFlag(args.last_visit);
  }
  if (!args.delivered.empty()) {
    *filter.mutable_delivery() = RangeFlag(args.delivered);
  }
  filter.set_birthday_month(args.birthday_month);
  filter.set_assigned_advisor(args.advisor);
  filter.set_min_vehicle_age_months(args.min_age);
  filter.set_max_vehicle_age_months(args.max_age);
  return filter;
}

std::unique_ptr<rv1::RemindersService::Stub> RemindersStub(Session& session) {
  return rv1::RemindersService::NewStub(session.Channel(kRemindersAddr));
}

int PrintCampaign(Session& session, const rv1::Campaign& campaign) {
  if (session.json) {
    PrintJson(CampaignJson(campaign));
  } else {
    std::cout << CampaignFields(campaign);
  }
  return 0;
}

void AddPreview(CLI::App* campaign, Session& session) {
  struct Args {
    std::string store;
    SegmentArgs segment;
    int sample = 5;
  };
  auto args = std::make_shared<Args>();
  auto* preview = campaign->add_subcommand("preview", "how many customers a segment reaches now (PreviewCampaign)");
  preview->add_option("--store", args->store, "store that would run the campaign")->required();
  preview->add_option("--sample", args->sample, "sample customer ids to show (max 50)");
  AddSegmentOptions(preview, args->segment);
  preview->callback([&session, args] {
    session.action = [&session, args] {
      rv1::PreviewCampaignRequest request;
      request.set_store_id(args->store);
      *request.mutable_segment() = FilterOf(args->segment);
      request.set_sample_size(args->sample);
      rv1::PreviewCampaignResponse response;
      Check(RemindersStub(session)->PreviewCampaign(session.NewContext().get(), request, &response));
      if (session.json) {
        Json out = Json::object();
        out["audience"] = response.audience_count();
        out["sample_customer_ids"] = Json(
            std::vector<std::string>(response.sample_customer_ids().begin(), response.sample_customer_ids().end()));
        PrintJson(out);
        return 0;
      }
      std::cout << "audience: " << response.audience_count() << " customers\n";
      for (const auto& id : response.sample_customer_ids()) {
        std::cout << "  " << id << "\n";
      }
      return 0;
    };
  });
}

void AddCreate(CLI::App* campaign, Session& session) {
  struct Args {
    std::string store, kind, holiday, name, send_date, window, message, launch, template_id, request_id;
    int year = 0;
    SegmentArgs segment;
  };
  auto args = std::make_shared<Args>();
  auto* create = campaign->add_subcommand("create", "create a campaign to a segment (CreateCampaign)");
  create->add_option("--store", args->store, "store running it")->required();
  create->add_option("--kind", args->kind, JoinWords(kCampaignKinds.Words(), " | "))
      ->required()
      ->check(CLI::IsMember(kCampaignKinds.Words()));
  create->add_option("--holiday", args->holiday, "holiday_greeting: " + JoinWords(kHolidays.Words(), " "))
      ->check(CLI::IsMember(kHolidays.Words()));
  create->add_option("--year", args->year, "holiday_greeting: the holiday's year (1901-2100)");
  create->add_option("--display-name", args->name, "name staff see, e.g. \"2027 中秋问候\"");
  create->add_option("--send-date", args->send_date, "store-local day to send (a greeting: its holiday's date)")
      ->check(DateValidator());
  create->add_option("--window", args->window, "send window, store time (default 09:00-20:00)");
  create->add_option("--message", args->message, "kind other: the text to send");
  create->add_option("--launch-at", args->launch, "when the audience is fixed (RFC 3339; default: now)");
  create->add_option("--template", args->template_id, "dispatch template id (default: the kind's)");
  create->add_option("--request-id", args->request_id, "idempotency key: the same key answers the same campaign");
  AddSegmentOptions(create, args->segment);
  create->callback([&session, args] {
    session.action = [&session, args] {
      rv1::CreateCampaignRequest request;
      request.set_store_id(args->store);
      request.set_kind(ProtoOfWord(kCampaignKinds, args->kind));
      if (!args->holiday.empty()) {
        request.set_holiday(ProtoOfWord(kHolidays, args->holiday));
      }
      request.set_year(args->year);
      request.set_display_name(args->name);
      if (!args->send_date.empty()) {
        *request.mutable_send_date() = DateFlag(args->send_date);
      }
      if (!args->window.empty()) {
        const auto [start, end] = WindowFlag(args->window);
        *request.mutable_window_start() = reminders::adapters::TimeToProto(start);
        *request.mutable_window_end() = reminders::adapters::TimeToProto(end);
      }
      request.set_message(args->message);
      if (!args->launch.empty()) {
        const auto launch = ParseRfc3339(args->launch);
        if (!launch) {
          throw UsageError("--launch-at is RFC 3339, e.g. 2027-09-14T12:00:00+08:00, got: " + args->launch);
        }
        *request.mutable_launch_at() = events::ToTimestamp(*launch);
      }
      request.set_template_id(args->template_id);
      request.set_request_id(args->request_id);
      *request.mutable_segment() = FilterOf(args->segment);
      rv1::CreateCampaignResponse response;
      Check(RemindersStub(session)->CreateCampaign(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(Json{{"campaign_id", response.campaign().campaign_id()}});
        return 0;
      }
      return PrintCampaign(session, response.campaign());
    };
  });
}

void AddGet(CLI::App* campaign, Session& session) {
  auto id = std::make_shared<std::string>();
  auto* get = campaign->add_subcommand("get", "a campaign with its progress (GetCampaign)");
  get->add_option("ID", *id, "campaign id")->required();
  get->callback([&session, id] {
    session.action = [&session, id] {
      rv1::GetCampaignRequest request;
      request.set_campaign_id(*id);
      rv1::GetCampaignResponse response;
      Check(RemindersStub(session)->GetCampaign(session.NewContext().get(), request, &response));
      return PrintCampaign(session, response.campaign());
    };
  });
}

void AddList(CLI::App* campaign, Session& session) {
  struct Args {
    std::string store, status;
  };
  auto args = std::make_shared<Args>();
  auto* list = campaign->add_subcommand("list", "a store's campaigns, newest first (ListCampaigns)");
  list->add_option("--store", args->store, "store")->required();
  list->add_option("--status", args->status, JoinWords(kCampaignStatuses.Words(), "|"))
      ->check(CLI::IsMember(kCampaignStatuses.Words()));
  list->callback([&session, args] {
    session.action = [&session, args] {
      auto stub = RemindersStub(session);
      Json all = Json::array();
      Table table({"CAMPAIGN", "NAME", "KIND", "STATUS", "SEND", "AUDIENCE", "SENT", "SUPPRESSED", "FAILED"});
      std::string token;
      int64_t total = 0;
      do {
        rv1::ListCampaignsRequest request;
        request.set_store_id(args->store);
        if (!args->status.empty()) {
          request.set_status(ProtoOfWord(kCampaignStatuses, args->status));
        }
        request.mutable_page()->set_page_size(500);
        request.mutable_page()->set_page_token(token);
        rv1::ListCampaignsResponse response;
        Check(stub->ListCampaigns(session.NewContext().get(), request, &response));
        for (const auto& c : response.campaigns()) {
          const Json view = CampaignJson(c);
          all.push_back(view);
          table.AddRow({c.campaign_id(), c.display_name(), view["kind"].get<std::string>(),
                        view["status"].get<std::string>(), FormatDate(c.send_date()),
                        std::to_string(c.audience_count()), std::to_string(c.sent_count()),
                        std::to_string(c.suppressed_count()), std::to_string(c.failed_count())});
        }
        total = response.page().total_count();
        token = response.page().next_page_token();
      } while (!token.empty());
      if (session.json) {
        PrintJson(all);
      } else {
        std::cout << table.Render() << "(" << total << " campaigns)\n";
      }
      return 0;
    };
  });
}

void AddCancel(CLI::App* campaign, Session& session) {
  struct Args {
    std::string id, reason;
  };
  auto args = std::make_shared<Args>();
  auto* cancel = campaign->add_subcommand("cancel", "stop what has not gone out (CancelCampaign)");
  cancel->add_option("ID", args->id, "campaign id")->required();
  cancel->add_option("--reason", args->reason, "why (shown on the campaign)");
  cancel->callback([&session, args] {
    session.action = [&session, args] {
      rv1::CancelCampaignRequest request;
      request.set_campaign_id(args->id);
      request.set_reason(args->reason);
      rv1::CancelCampaignResponse response;
      Check(RemindersStub(session)->CancelCampaign(session.NewContext().get(), request, &response));
      return PrintCampaign(session, response.campaign());
    };
  });
}

}  // namespace

void AddCampaignCommands(CLI::App& app, Session& session) {
  auto* campaign =
      app.add_subcommand("campaign", "campaigns to a segment: greetings, checks, offers (RemindersService)");
  campaign->require_subcommand(1);
  AddPreview(campaign, session);
  AddCreate(campaign, session);
  AddGet(campaign, session);
  AddList(campaign, session);
  AddCancel(campaign, session);
}

}  // namespace careloop::ctl
