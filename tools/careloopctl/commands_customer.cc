// customer create|get, vehicle add, visit record: CustomersService calls.
#include <iostream>
#include <memory>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "services/customers/adapters/enum_tables.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace cv1 = careloop::customer::v1;
// The words every option below accepts, and the contract values they stand for.
using customers::adapters::kChannels;
using customers::adapters::kChurnReasons;
using customers::adapters::kChurnStages;
using customers::adapters::kConsentStates;
using customers::adapters::kGenders;
using customers::adapters::kLifecycleStages;
using customers::adapters::kPurchasePurposes;
using customers::adapters::kSegmentDimensions;
using customers::adapters::kValueTiers;
using customers::adapters::kVisitTypes;

common::v1::Date DateFlag(const std::string& text) {
  auto date = ParseDateFlag(text);
  if (!date) {
    throw UsageError("not a date: " + text);  // DateValidator normally catches this first
  }
  return *date;
}

std::string OrDash(const std::string& text) {
  return text.empty() ? "-" : text;
}

// "high (opinion_leader, major_complaint)" or "standard".
std::string Segment(const cv1::Customer& customer) {
  if (customer.value_tier() == cv1::VALUE_TIER_UNSPECIFIED) {
    return "-";
  }
  std::string out = ShortEnumName(cv1::ValueTier_Name(customer.value_tier()), "VALUE_TIER_");
  std::string criteria;
  for (int criterion : customer.value_criteria()) {
    criteria += (criteria.empty() ? "" : ", ") + ShortEnumName(cv1::ValueCriterion_Name(criterion), "VALUE_CRITERION_");
  }
  return criteria.empty() ? out : out + " (" + criteria + ")";
}

std::string CustomerFields(const cv1::Customer& customer) {
  return RenderFields({
      {"id", customer.customer_id()},
      {"store", customer.store_id()},
      {"name", customer.name()},
      {"mobile", customer.mobile()},  // in full: staff call the customer
      {"gender", ShortEnumName(cv1::Gender_Name(customer.gender()), "GENDER_")},
      {"birthday", FormatDate(customer.birthday()) + (customer.birthday_is_lunar() ? " (lunar)" : "")},
      {"home phone", OrDash(customer.home_phone())},
      {"office phone", OrDash(customer.office_phone())},
      {"address", OrDash(customer.address().region().province() + customer.address().region().city() +
                         customer.address().region().district() + customer.address().street())},
      {"national id", OrDash(customer.national_id())},  // masked by the server except for admins
      {"occupation", OrDash(customer.occupation())},
      {"value tier", Segment(customer)},
      {"churn stage", customer.churn_stage() == cv1::CHURN_STAGE_UNSPECIFIED
                          ? "-"
                          : ShortEnumName(cv1::ChurnStage_Name(customer.churn_stage()), "CHURN_STAGE_")},
      {"lifecycle", customer.lifecycle_stage() == cv1::LIFECYCLE_STAGE_UNSPECIFIED
                        ? "-"
                        : ShortEnumName(cv1::LifecycleStage_Name(customer.lifecycle_stage()), "LIFECYCLE_STAGE_")},
      {"last visit", FormatDate(customer.last_visit_date())},
      {"flags",
       std::string(customer.opinion_leader() ? "opinion-leader " : "") + (customer.fleet_customer() ? "fleet" : "")},
      {"created", FormatLocal(customer.created_at(), customer.has_created_at())},
  });
}

std::string VehiclesTable(const google::protobuf::RepeatedPtrField<cv1::Vehicle>& vehicles) {
  Table table({"VEHICLE", "VIN", "PLATE", "MODEL", "SERIES", "DELIVERED", "ODOMETER", "ADVISOR", "STATUS"});
  for (const auto& v : vehicles) {
    table.AddRow({v.vehicle_id(), v.vin(), OrDash(v.plate()), OrDash(v.model()), OrDash(v.series()),
                  FormatDate(v.delivery_date()), std::to_string(v.odometer_km()) + " km", OrDash(v.assigned_advisor()),
                  // Unspecified reads as active (customer.proto).
                  v.status() == cv1::VEHICLE_STATUS_UNSPECIFIED
                      ? "active"
                      : ShortEnumName(cv1::VehicleStatus_Name(v.status()), "VEHICLE_STATUS_")});
  }
  return table.Render();
}

void AddFindCustomer(CLI::App* customer, Session& session);
void AddSearch(CLI::App* customer, Session& session);
void AddTimeline(CLI::App* customer, Session& session);
void AddSegments(CLI::App* customer, Session& session);
void AddConsent(CLI::App* customer, Session& session);
void AddUpdate(CLI::App* customer, Session& session);
void AddFlags(CLI::App* customer, Session& session);

void AddCustomer(CLI::App& app, Session& session) {
  auto* customer = app.add_subcommand("customer", "customer records");
  customer->alias("customers");
  customer->require_subcommand(1);

  struct CreateArgs {
    std::string store, name, mobile, gender, birthday, request_id;
  };
  auto create_args = std::make_shared<CreateArgs>();
  auto* create = customer->add_subcommand("create", "create a customer (CreateCustomer)");
  create->add_option("--store", create_args->store, "home store id, e.g. S001")->required();
  create->add_option("--name", create_args->name, "full name")->required();
  create->add_option("--mobile", create_args->mobile, "mobile phone number")->required();
  create->add_option("--gender", create_args->gender, JoinWords(kGenders.Words(), "|"))
      ->check(CLI::IsMember(kGenders.Words()));
  create->add_option("--birthday", create_args->birthday, "YYYY-MM-DD")->check(DateValidator());
  create->add_option("--request-id", create_args->request_id, "idempotency key");
  create->callback([&session, create_args] {
    session.action = [&session, create_args] {
      cv1::CreateCustomerRequest request;
      request.set_store_id(create_args->store);
      request.set_name(create_args->name);
      request.set_mobile(create_args->mobile);
      if (!create_args->gender.empty()) {
        request.set_gender(ProtoOfWord(kGenders, create_args->gender));
      }
      if (!create_args->birthday.empty()) {
        *request.mutable_birthday() = DateFlag(create_args->birthday);
      }
      request.set_request_id(create_args->request_id);
      cv1::CreateCustomerResponse response;
      auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
      Check(stub->CreateCustomer(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.customer()));
      } else {
        std::cout << CustomerFields(response.customer());
      }
      return 0;
    };
  });

  auto customer_id = std::make_shared<std::string>();
  auto* get = customer->add_subcommand("get", "show a customer and their vehicles (GetCustomer)");
  get->add_option("ID", *customer_id, "customer id")->required();
  get->callback([&session, customer_id] {
    session.action = [&session, customer_id] {
      cv1::GetCustomerRequest request;
      request.set_customer_id(*customer_id);
      cv1::GetCustomerResponse response;
      auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
      Check(stub->GetCustomer(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.customer()));
      } else {
        std::cout << CustomerFields(response.customer()) << '\n';
        if (response.customer().vehicles().empty()) {
          std::cout << "(no vehicles)\n";
        } else {
          std::cout << VehiclesTable(response.customer().vehicles());
        }
      }
      return 0;
    };
  });
  AddFindCustomer(customer, session);
  AddSearch(customer, session);
  AddTimeline(customer, session);
  AddSegments(customer, session);
  AddConsent(customer, session);
  AddUpdate(customer, session);
  AddFlags(customer, session);
}

void AddFindCustomer(CLI::App* customer, Session& session) {
  struct FindArgs {
    std::string mobile, plate, vin;
  };
  auto args = std::make_shared<FindArgs>();
  auto* find = customer->add_subcommand("find", "find a customer by mobile, plate or VIN (FindCustomer)");
  auto* mobile = find->add_option("--mobile", args->mobile, "mobile number, any common spelling");
  auto* plate = find->add_option("--plate", args->plate, "licence plate");
  auto* vin = find->add_option("--vin", args->vin, "VIN");
  mobile->excludes(plate)->excludes(vin);
  plate->excludes(vin);
  find->callback([&session, args] {
    session.action = [&session, args] {
      cv1::FindCustomerRequest request;
      if (!args->mobile.empty()) {
        request.set_mobile(args->mobile);
      } else if (!args->plate.empty()) {
        request.set_plate(args->plate);
      } else if (!args->vin.empty()) {
        request.set_vin(args->vin);
      } else {
        throw UsageError("give one of --mobile, --plate or --vin");
      }
      cv1::FindCustomerResponse response;
      auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
      Check(stub->FindCustomer(session.NewContext().get(), request, &response));
      for (const auto& found : response.customers()) {
        if (session.json) {
          PrintJson(ToJson(found));
        } else {
          std::cout << CustomerFields(found) << '\n' << VehiclesTable(found.vehicles());
        }
      }
      return 0;
    };
  });
}

// "2026-01-01..2026-06-30", "2026-01-01.." or "..2026-06-30".
common::v1::DateRange RangeFlag(const std::string& text) {
  common::v1::DateRange range;
  const auto dots = text.find("..");
  if (dots == std::string::npos) {
    throw UsageError("a date range is FROM..TO (either side may be empty), got: " + text);
  }
  if (dots > 0) {
    *range.mutable_start_date() = DateFlag(text.substr(0, dots));
  }
  if (dots + 2 < text.size()) {
    *range.mutable_end_date() = DateFlag(text.substr(dots + 2));
  }
  return range;
}

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
      auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
      Table table({"CUSTOMER", "STORE", "NAME", "MOBILE", "CITY", "TIER", "CHURN", "LAST VISIT", "VEHICLES"});
      cv1::SearchCustomersResponse response;
      for (;;) {
        response.Clear();
        Check(stub->SearchCustomers(session.NewContext().get(), request, &response));
        if (session.json) {
          PrintJson(ToJson(response));
        }
        for (const auto& c : response.customers()) {
          std::string cars;
          for (const auto& v : c.vehicles()) {
            cars += (cars.empty() ? "" : ", ") + v.model() + " " + v.plate();
          }
          table.AddRow({c.customer_id(), c.store_id(), c.name(), c.mobile(), OrDash(c.address().region().city()),
                        Segment(c),
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
      if (!session.json) {
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
      auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
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
      auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
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

void AddUpdate(CLI::App* customer, Session& session) {
  struct UpdateArgs {
    std::string customer, home_phone, office_phone, province, city, district, street, postal_code, national_id,
        occupation, source, purpose, churn_reason, churn_note, owner;
    std::vector<std::string> interests;
  };
  auto args = std::make_shared<UpdateArgs>();
  auto* update = customer->add_subcommand("update", "change fields of a customer's record (UpdateCustomer)");
  update->add_option("ID", args->customer, "customer id")->required();
  update->add_option("--home-phone", args->home_phone, "home phone");
  update->add_option("--office-phone", args->office_phone, "office phone");
  auto* province = update->add_option("--province", args->province, "address: province, e.g. 浙江省");
  update->add_option("--city", args->city, "address: city")->needs(province);
  update->add_option("--district", args->district, "address: district")->needs(province);
  update->add_option("--street", args->street, "address: street, building, room")->needs(province);
  update->add_option("--postal-code", args->postal_code, "address: six-digit postal code")->needs(province);
  update->add_option("--national-id", args->national_id, "resident ID number (stored encrypted, shown masked)");
  update->add_option("--occupation", args->occupation, "occupation");
  update->add_option("--source", args->source, "how the customer came to us, e.g. referral");
  update->add_option("--purpose", args->purpose, "purchase purpose: " + JoinWords(kPurchasePurposes.Words(), " | "))
      ->check(CLI::IsMember(kPurchasePurposes.Words()));
  update->add_option("--interest", args->interests, "interests (repeatable; replaces the list)");
  update->add_option("--owner", args->owner, "staff id of the record's owner");
  update
      ->add_option("--churn-reason", args->churn_reason,
                   "why they drifted away: " + JoinWords(kChurnReasons.Words(), " "))
      ->check(CLI::IsMember(kChurnReasons.Words()));
  update->add_option("--churn-note", args->churn_note, "staff note on the churn reason");
  update->callback([&session, args] {
    session.action = [&session, args] {
      cv1::UpdateCustomerRequest request;
      auto* c = request.mutable_customer();
      c->set_customer_id(args->customer);
      auto* mask = request.mutable_update_mask();
      auto set = [&](const std::string& value, const char* field, auto setter) {
        if (!value.empty()) {
          setter(value);
          mask->add_paths(field);
        }
      };
      set(args->home_phone, "home_phone", [&](const std::string& v) { c->set_home_phone(v); });
      set(args->office_phone, "office_phone", [&](const std::string& v) { c->set_office_phone(v); });
      set(args->national_id, "national_id", [&](const std::string& v) { c->set_national_id(v); });
      set(args->occupation, "occupation", [&](const std::string& v) { c->set_occupation(v); });
      set(args->source, "information_source", [&](const std::string& v) { c->set_information_source(v); });
      set(args->owner, "owner_staff_id", [&](const std::string& v) { c->set_owner_staff_id(v); });
      set(args->churn_note, "churn_note", [&](const std::string& v) { c->set_churn_note(v); });
      set(args->purpose, "purchase_purpose",
          [&](const std::string& v) { c->set_purchase_purpose(ProtoOfWord(kPurchasePurposes, v)); });
      set(args->churn_reason, "churn_reason",
          [&](const std::string& v) { c->set_churn_reason(ProtoOfWord(kChurnReasons, v)); });
      set(args->province, "address", [&](const std::string&) {
        auto* address = c->mutable_address();
        address->mutable_region()->set_province(args->province);
        address->mutable_region()->set_city(args->city);
        address->mutable_region()->set_district(args->district);
        address->set_street(args->street);
        address->set_postal_code(args->postal_code);
      });
      if (!args->interests.empty()) {
        for (const auto& interest : args->interests) {
          c->add_interests(interest);
        }
        mask->add_paths("interests");
      }
      if (mask->paths().empty()) {
        throw UsageError("give at least one field to change (see --help)");
      }
      cv1::UpdateCustomerResponse response;
      auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
      Check(stub->UpdateCustomer(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.customer()));
      } else {
        std::cout << CustomerFields(response.customer()) << '\n';
      }
      return 0;
    };
  });
}

void AddFlags(CLI::App* customer, Session& session) {
  struct FlagArgs {
    std::string customer;
    std::optional<bool> opinion_leader, fleet;
  };
  auto args = std::make_shared<FlagArgs>();
  auto* flags =
      customer->add_subcommand("flags", "staff flags: opinion leader (意见领袖), fleet (集团车) (SetStaffFlags)");
  flags->add_option("ID", args->customer, "customer id")->required();
  flags->add_option("--opinion-leader", args->opinion_leader, "true | false");
  flags->add_option("--fleet", args->fleet, "true | false");
  flags->callback([&session, args] {
    session.action = [&session, args] {
      if (!args->opinion_leader && !args->fleet) {
        throw UsageError("give --opinion-leader and/or --fleet");
      }
      cv1::SetStaffFlagsRequest request;
      request.set_customer_id(args->customer);
      if (args->opinion_leader) {
        request.set_opinion_leader(*args->opinion_leader);
      }
      if (args->fleet) {
        request.set_fleet_customer(*args->fleet);
      }
      cv1::SetStaffFlagsResponse response;
      auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
      Check(stub->SetStaffFlags(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.customer()));
      } else {
        std::cout << CustomerFields(response.customer()) << '\n';
      }
      return 0;
    };
  });
}

void AddConsent(CLI::App* customer, Session& session) {
  struct ConsentArgs {
    std::string customer, channel, state, source;
  };
  auto args = std::make_shared<ConsentArgs>();
  auto* consent = customer->add_subcommand("consent", "record a customer's consent for a channel (SetConsent)");
  consent->add_option("ID", args->customer, "customer id")->required();
  consent->add_option("--channel", args->channel, JoinWords(kChannels.Words(), " | "))
      ->required()
      ->check(CLI::IsMember(kChannels.Words()));
  consent->add_option("--state", args->state, JoinWords(kConsentStates.Words(), " | "))
      ->required()
      ->check(CLI::IsMember(kConsentStates.Words()));
  consent->add_option("--source", args->source, "how it was given, e.g. paper-form (default: you)");
  consent->callback([&session, args] {
    session.action = [&session, args] {
      cv1::SetConsentRequest request;
      request.set_customer_id(args->customer);
      request.set_channel(ProtoOfWord(kChannels, args->channel));
      request.set_state(ProtoOfWord(kConsentStates, args->state));
      request.set_source(args->source);
      cv1::SetConsentResponse response;
      auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
      Check(stub->SetConsent(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.consent()));
      } else {
        std::cout << args->channel << " consent: " << args->state << " (source: " << response.consent().source()
                  << ")\n";
      }
      return 0;
    };
  });
}

void AddVehicle(CLI::App& app, Session& session) {
  auto* vehicle = app.add_subcommand("vehicle", "vehicles of a customer");
  vehicle->require_subcommand(1);
  struct AddArgs {
    std::string customer, vin, plate, model, series, delivered, purchased, advisor, consultant, request_id;
    int odometer_km = 0;
  };
  auto args = std::make_shared<AddArgs>();
  auto* add = vehicle->add_subcommand("add", "add a vehicle to a customer (AddVehicle)");
  add->add_option("--customer", args->customer, "customer id")->required();
  add->add_option("--vin", args->vin, "VIN, 17 characters")->required();
  add->add_option("--plate", args->plate, "licence plate, e.g. 京A12345")->required();
  add->add_option("--model", args->model, "model name")->required();
  add->add_option("--series", args->series, "series (车系)");
  add->add_option("--delivered", args->delivered, "delivery date YYYY-MM-DD")->required()->check(DateValidator());
  add->add_option("--purchased", args->purchased, "purchase date YYYY-MM-DD")->check(DateValidator());
  add->add_option("--odometer", args->odometer_km, "odometer in km")->check(CLI::NonNegativeNumber);
  add->add_option("--advisor", args->advisor, "staff id of the assigned service advisor");
  add->add_option("--consultant", args->consultant, "staff id of the sales consultant");
  add->add_option("--request-id", args->request_id, "idempotency key");
  add->callback([&session, args] {
    session.action = [&session, args] {
      cv1::AddVehicleRequest request;
      request.set_customer_id(args->customer);
      request.set_vin(args->vin);
      request.set_plate(args->plate);
      request.set_model(args->model);
      request.set_series(args->series);
      *request.mutable_delivery_date() = DateFlag(args->delivered);
      if (!args->purchased.empty()) {
        *request.mutable_purchase_date() = DateFlag(args->purchased);
      }
      request.set_odometer_km(args->odometer_km);
      request.set_assigned_advisor(args->advisor);
      request.set_sales_consultant(args->consultant);
      request.set_request_id(args->request_id);
      cv1::AddVehicleResponse response;
      auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
      Check(stub->AddVehicle(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.vehicle()));
      } else {
        google::protobuf::RepeatedPtrField<cv1::Vehicle> one;
        *one.Add() = response.vehicle();
        std::cout << VehiclesTable(one);
      }
      return 0;
    };
  });
}

void AddVisit(CLI::App& app, Session& session) {
  auto* visit = app.add_subcommand("visit", "service visits");
  visit->require_subcommand(1);
  struct RecordArgs {
    std::string customer, vehicle, date, type, advisor, amount_yuan, request_id;
    int odometer_km = 0;
  };
  auto args = std::make_shared<RecordArgs>();
  auto* record = visit->add_subcommand("record", "record a service visit (RecordServiceVisit)");
  record->add_option("--customer", args->customer, "customer id")->required();
  record->add_option("--vehicle", args->vehicle, "vehicle id")->required();
  record->add_option("--date", args->date, "visit date YYYY-MM-DD")->required()->check(DateValidator());
  record->add_option("--odometer", args->odometer_km, "odometer in km")->required()->check(CLI::NonNegativeNumber);
  record->add_option("--type", args->type, JoinWords(kVisitTypes.Words(), "|"))
      ->required()
      ->check(CLI::IsMember(kVisitTypes.Words()));
  record->add_option("--advisor", args->advisor, "staff id of the service advisor");
  record->add_option("--amount-yuan", args->amount_yuan, "amount charged in yuan, e.g. 680.50")
      ->check(CLI::Validator(
          [](std::string& text) {
            return ParseYuanToFen(text) ? std::string() : "not an amount in yuan with at most 2 decimals: " + text;
          },
          "YUAN"));
  record->add_option("--request-id", args->request_id, "idempotency key");
  record->callback([&session, args] {
    session.action = [&session, args] {
      cv1::RecordServiceVisitRequest request;
      request.set_customer_id(args->customer);
      request.set_vehicle_id(args->vehicle);
      *request.mutable_visit_date() = DateFlag(args->date);
      request.set_odometer_km(args->odometer_km);
      request.set_visit_type(ProtoOfWord(kVisitTypes, args->type));
      request.set_advisor(args->advisor);
      if (!args->amount_yuan.empty()) {
        request.set_amount_fen(ParseYuanToFen(args->amount_yuan).value_or(0));
      }
      request.set_request_id(args->request_id);
      cv1::RecordServiceVisitResponse response;
      auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
      Check(stub->RecordServiceVisit(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.visit()));
      } else {
        const auto& v = response.visit();
        char amount[32];
        std::snprintf(amount, sizeof amount, "%lld.%02lld", static_cast<long long>(v.amount_fen() / 100),
                      static_cast<long long>(v.amount_fen() % 100));
        std::cout << RenderFields({
            {"visit", v.visit_id()},
            {"customer", v.customer_id()},
            {"vehicle", v.vehicle_id()},
            {"store", v.store_id()},
            {"date", FormatDate(v.visit_date())},
            {"odometer", std::to_string(v.odometer_km()) + " km"},
            {"type", ShortEnumName(cv1::VisitType_Name(v.visit_type()), "VISIT_TYPE_")},
            {"advisor", OrDash(v.advisor())},
            {"amount", std::string(amount) + " yuan"},
        });
      }
      return 0;
    };
  });
}

}  // namespace

CLI::Validator DateValidator() {
  return CLI::Validator(
      [](std::string& text) { return ParseDateFlag(text) ? std::string() : "not a date (YYYY-MM-DD): " + text; },
      "YYYY-MM-DD");
}

void AddCustomerCommands(CLI::App& app, Session& session) {
  AddCustomer(app, session);
  AddVehicle(app, session);
  AddVisit(app, session);
}

}  // namespace careloop::ctl
