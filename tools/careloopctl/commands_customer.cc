// customer create|get|find|update|flags|consent: a customer's record (CustomersService). The
// other customer commands are in commands_customer_search.cc, commands_vehicle.cc and
// commands_history.cc (customer_views.h); AddCustomerCommands adds them all.
#include <iostream>
#include <memory>
#include <optional>

#include "services/customers/adapters/enum_tables.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/customer_views.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace cv1 = careloop::customer::v1;
// The words every option below accepts, and the contract values they stand for.
using customers::adapters::kChannels;
using customers::adapters::kChurnReasons;
using customers::adapters::kConsentStates;
using customers::adapters::kGenders;
using customers::adapters::kPurchasePurposes;

void AddFindCustomer(CLI::App* customer, Session& session);
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
      auto stub = CustomersStub(session);
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
      auto stub = CustomersStub(session);
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
  AddCustomerSearchCommands(customer, session);
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
      auto stub = CustomersStub(session);
      Check(stub->FindCustomer(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response));  // {"customers": [...]}: one document however many match
        return 0;
      }
      for (const auto& found : response.customers()) {
        std::cout << CustomerFields(found) << '\n' << VehiclesTable(found.vehicles());
      }
      return 0;
    };
  });
}

// "2026-01-01..2026-06-30", "2026-01-01.." or "..2026-06-30".

void AddUpdate(CLI::App* customer, Session& session) {
  struct UpdateArgs {
    std::string customer, name, mobile, gender, birthday, home_phone, office_phone, province, city, district, street,
        postal_code, national_id, occupation, source, purpose, churn_reason, churn_note, owner, wechat_openid;
    std::vector<std::string> interests;
    std::optional<bool> lunar;
  };
  auto args = std::make_shared<UpdateArgs>();
  auto* update = customer->add_subcommand("update", "change fields of a customer's record (UpdateCustomer)");
  update->add_option("ID", args->customer, "customer id")->required();
  update->add_option("--name", args->name, "full name");
  update->add_option("--mobile", args->mobile, "mobile number (not another customer's)");
  update->add_option("--gender", args->gender, JoinWords(kGenders.Words(), " | "))
      ->check(CLI::IsMember(kGenders.Words()));
  update->add_option("--birthday", args->birthday, "YYYY-MM-DD")->check(DateValidator());
  update->add_option("--lunar", args->lunar, "true | false: the birthday is a date of the lunar calendar (农历)");
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
  update->add_option("--wechat-openid", args->wechat_openid, "the customer's openid of the store's official account");
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
      set(args->name, "name", [&](const std::string& v) { c->set_name(v); });
      set(args->mobile, "mobile", [&](const std::string& v) { c->set_mobile(v); });
      set(args->gender, "gender", [&](const std::string& v) { c->set_gender(ProtoOfWord(kGenders, v)); });
      set(args->birthday, "birthday", [&](const std::string& v) { *c->mutable_birthday() = DateFlag(v); });
      set(args->home_phone, "home_phone", [&](const std::string& v) { c->set_home_phone(v); });
      set(args->office_phone, "office_phone", [&](const std::string& v) { c->set_office_phone(v); });
      set(args->national_id, "national_id", [&](const std::string& v) { c->set_national_id(v); });
      set(args->occupation, "occupation", [&](const std::string& v) { c->set_occupation(v); });
      set(args->source, "information_source", [&](const std::string& v) { c->set_information_source(v); });
      set(args->owner, "owner_staff_id", [&](const std::string& v) { c->set_owner_staff_id(v); });
      set(args->wechat_openid, "wechat_openid", [&](const std::string& v) { c->set_wechat_openid(v); });
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
      if (args->lunar) {
        c->set_birthday_is_lunar(*args->lunar);
        mask->add_paths("birthday_is_lunar");
      }
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
      auto stub = CustomersStub(session);
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
      auto stub = CustomersStub(session);
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
      auto stub = CustomersStub(session);
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

}  // namespace

CLI::Validator DateValidator() {
  return CLI::Validator(
      [](std::string& text) { return ParseDateFlag(text) ? std::string() : "not a date (YYYY-MM-DD): " + text; },
      "YYYY-MM-DD");
}

void AddCustomerCommands(CLI::App& app, Session& session) {
  AddCustomer(app, session);
  AddVehicleCommands(app, session);
  AddHistoryCommands(app, session);
}

}  // namespace careloop::ctl
