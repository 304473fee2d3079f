// customer search|timeline|segments: finding customers by their facets, a customer's history,
// and counts per segment (CustomersService).
#include <iostream>
#include <memory>

#include "services/customers/adapters/enum_tables.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/customer_views.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace cv1 = careloop::customer::v1;
using customers::adapters::kChannels;
using customers::adapters::kChurnStages;
using customers::adapters::kConsentStates;
using customers::adapters::kLifecycleStages;
using customers::adapters::kSegmentDimensions;
using customers::adapters::kValueTiers;

void AddSearch(CLI::App* customer, Session& session) {
  struct SearchArgs {
    std::vector<std::string> stores, models, series, tiers, churn, lifecycle, consents;
    std::string province, city, district, last_visit, delivered, advisor, page_token;
    int birthday_month = 0;
    int page_size = 50;
    bool all = false;
  };
  auto args = std::make_shared<SearchArgs>();
  auto* search = customer->add_subcommand(
      "search", "customers matching filters, with a total (SearchCustomers); churn stages are as of today");
  search->add_option("--store", args->stores, "home store (repeatable; default: every store you may see)");
  search->add_option("--province", args->province, "region: province, e.g. 浙江省");
  search->add_option("--city", args->city, "region: city, e.g. 杭州市");
  search->add_option("--district", args->district, "region: district, e.g. 西湖区");
  search->add_option("--model", args->models, "vehicle model (repeatable: any of them)");
  search->add_option("--series", args->series, "vehicle series (repeatable)");
  search->add_option("--tier", args->tiers, "value tier: " + JoinWords(kValueTiers.Words(), " | "))
      ->check(CLI::IsMember(kValueTiers.Words()));
  search->add_option("--churn", args->churn, "churn stage (repeatable): " + JoinWords(kChurnStages.Words(), " "))
      ->check(CLI::IsMember(kChurnStages.Words()));
  search->add_option("--lifecycle", args->lifecycle, "lifecycle stage: " + JoinWords(kLifecycleStages.Words(), " "))
      ->check(CLI::IsMember(kLifecycleStages.Words()));
  search->add_option("--consent", args->consents, "CHANNEL=STATE, e.g. sms=granted, wechat=unspecified (repeatable)");
  search->add_option("--last-visit", args->last_visit, "last service visit in FROM..TO (dates; a side may be empty)");
  search->add_option("--delivered", args->delivered, "a vehicle delivered in FROM..TO");
  search->add_option("--birthday-month", args->birthday_month, "1-12");
  search->add_option("--advisor", args->advisor, "assigned service advisor (staff id)");
  search->add_option("--page-size", args->page_size, "customers per page (max 500)");
  search->add_option("--page-token", args->page_token, "continue after this token (printed under a page)");
  search->add_flag("--all", args->all, "fetch every page");
  search->callback([&session, args] {
    session.action = [&session, args] {
      cv1::SearchCustomersRequest request;
      auto* filter = request.mutable_filter();
      for (const auto& store : args->stores) {
        filter->add_store_ids(store);
      }
      filter->mutable_region()->set_province(args->province);
      filter->mutable_region()->set_city(args->city);
      filter->mutable_region()->set_district(args->district);
      for (const auto& model : args->models) {
        filter->add_models(model);
      }
      for (const auto& series : args->series) {
        filter->add_series(series);
      }
      for (const auto& tier : args->tiers) {
        filter->add_value_tiers(ProtoOfWord(kValueTiers, tier));
      }
      for (const auto& stage : args->churn) {
        filter->add_churn_stages(ProtoOfWord(kChurnStages, stage));
      }
      for (const auto& stage : args->lifecycle) {
        filter->add_lifecycle_stages(ProtoOfWord(kLifecycleStages, stage));
      }
      for (const auto& consent : args->consents) {
        const auto eq = consent.find('=');
        const std::string channel = consent.substr(0, eq);
        const std::string state = eq == std::string::npos ? "" : consent.substr(eq + 1);
        const auto channel_value = kChannels.ProtoOfWord(channel);
        const auto state_value = kConsentStates.ProtoOfWord(state);
        if (!channel_value || !state_value) {
          throw UsageError("--consent is CHANNEL=STATE with CHANNEL " + JoinWords(kChannels.Words(), "|") +
                           " and STATE " + JoinWords(kConsentStates.Words(WithUnset::kYes), "|") + ", got: " + consent);
        }
        auto* c = filter->add_consents();
        c->set_channel(*channel_value);
        c->set_state(*state_value);
      }
      if (!args->last_visit.empty()) {
        *filter->mutable_last_visit() = RangeFlag(args->last_visit);
      }
      if (!args->delivered.empty()) {
        *filter->mutable_delivery() = RangeFlag(args->delivered);
      }
      filter->set_birthday_month(args->birthday_month);
      filter->set_assigned_advisor(args->advisor);
      request.mutable_page()->set_page_size(args->page_size);
      request.mutable_page()->set_page_token(args->page_token);
      auto stub = CustomersStub(session);
      Table table({"CUSTOMER", "STORE", "NAME", "MOBILE", "CITY", "TIER", "CHURN", "LAST VISIT", "VEHICLES"});
      cv1::SearchCustomersResponse response;
      // --json prints one document: the page, or with --all every page's customers in one list.
      google::protobuf::RepeatedPtrField<cv1::Customer> every;
      for (;;) {
        response.Clear();
        Check(stub->SearchCustomers(session.NewContext().get(), request, &response));
        every.MergeFrom(response.customers());
        for (const auto& c : response.customers()) {
          std::string cars;
          for (const auto& v : c.vehicles()) {
            cars += (cars.empty() ? "" : ", ") + v.model() + " " + v.plate();
          }
          table.AddRow({c.customer_id(), c.store_id(), c.name(), c.mobile(), OrDash(c.address().region().city()),
                        SegmentText(c),
                        c.churn_stage() == cv1::CHURN_STAGE_UNSPECIFIED
                            ? "-"
                            : ShortEnumName(cv1::ChurnStage_Name(c.churn_stage()), "CHURN_STAGE_"),
                        FormatDate(c.last_visit_date()), OrDash(cars)});
        }
        if (!args->all || response.page().next_page_token().empty()) {
          break;
        }
        request.mutable_page()->set_page_token(response.page().next_page_token());
      }
      if (session.json) {
        *response.mutable_customers() = std::move(every);
        PrintJson(ToJson(response));
      } else {
        std::cout << table.Render() << "(" << response.page().total_count() << " customers match";
        if (!response.page().next_page_token().empty()) {
          std::cout << "; next page: --page-token " << response.page().next_page_token();
        }
        std::cout << ")\n";
      }
      return 0;
    };
  });
}

void AddTimeline(CLI::App* customer, Session& session) {
  struct TimelineArgs {
    std::string customer, vehicle;
    int limit = 50;
  };
  auto args = std::make_shared<TimelineArgs>();
  auto* timeline = customer->add_subcommand("timeline", "a customer's history, newest first (GetTimeline)");
  timeline->add_option("ID", args->customer, "customer id")->required();
  timeline->add_option("--vehicle", args->vehicle, "only entries about this vehicle id");
  timeline->add_option("--limit", args->limit, "entries to show (max 500)");
  timeline->callback([&session, args] {
    session.action = [&session, args] {
      cv1::GetTimelineRequest request;
      request.set_customer_id(args->customer);
      request.set_vehicle_id(args->vehicle);
      request.mutable_page()->set_page_size(args->limit);
      cv1::GetTimelineResponse response;
      auto stub = CustomersStub(session);
      Check(stub->GetTimeline(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response));
        return 0;
      }
      Table table({"DATE", "KIND", "VEHICLE", "WHAT"});
      for (const auto& entry : response.entries()) {
        table.AddRow({FormatDate(entry.date()),
                      ShortEnumName(cv1::TimelineEntryKind_Name(entry.kind()), "TIMELINE_ENTRY_KIND_"),
                      OrDash(entry.vehicle_id()), entry.summary()});
      }
      std::cout << table.Render() << "(" << response.entries_size() << " of " << response.page().total_count()
                << " entries)\n";
      return 0;
    };
  });
}

void AddSegments(CLI::App* customer, Session& session) {
  struct SegmentArgs {
    std::vector<std::string> stores;
    std::vector<std::string> by{"churn", "tier"};
  };
  auto args = std::make_shared<SegmentArgs>();
  auto* segments =
      customer->add_subcommand("segments", "count customers by churn stage, value tier, lifecycle (CountSegments)");
  segments->add_option("--store", args->stores, "store (repeatable; default: every store you may see)");
  segments
      ->add_option("--by", args->by,
                   "group by: " + JoinWords(kSegmentDimensions.Words(), ", ") + " (default: churn tier)")
      ->delimiter(',')
      ->check(CLI::IsMember(kSegmentDimensions.Words()));
  segments->callback([&session, args] {
    session.action = [&session, args] {
      cv1::CountSegmentsRequest request;
      for (const auto& store : args->stores) {
        request.mutable_filter()->add_store_ids(store);
      }
      for (const auto& dimension : args->by) {
        request.add_group_by(ProtoOfWord(kSegmentDimensions, dimension));
      }
      cv1::CountSegmentsResponse response;
      auto stub = CustomersStub(session);
      Check(stub->CountSegments(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response));
        return 0;
      }
      Table table({"STORE", "VALUE TIER", "CHURN STAGE", "LIFECYCLE", "CUSTOMERS"});
      for (const auto& count : response.counts()) {
        table.AddRow({count.store_id().empty() ? "-" : count.store_id(),
                      count.value_tier() == cv1::VALUE_TIER_UNSPECIFIED
                          ? "-"
                          : ShortEnumName(cv1::ValueTier_Name(count.value_tier()), "VALUE_TIER_"),
                      count.churn_stage() == cv1::CHURN_STAGE_UNSPECIFIED
                          ? "-"
                          : ShortEnumName(cv1::ChurnStage_Name(count.churn_stage()), "CHURN_STAGE_"),
                      count.lifecycle_stage() == cv1::LIFECYCLE_STAGE_UNSPECIFIED
                          ? "-"
                          : ShortEnumName(cv1::LifecycleStage_Name(count.lifecycle_stage()), "LIFECYCLE_STAGE_"),
                      std::to_string(count.customer_count())});
      }
      std::cout << table.Render() << "(" << response.total_count() << " customers in all)\n";
      return 0;
    };
  });
}

}  // namespace

void AddCustomerSearchCommands(CLI::App* customer, Session& session) {
  AddSearch(customer, session);
  AddTimeline(customer, session);
  AddSegments(customer, session);
}

}  // namespace careloop::ctl
