// vehicle add|update, visit record, odometer record: a customer's cars and what happens to them
// (CustomersService).
#include <cstdio>
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
using customers::adapters::kVehicleStatuses;
using customers::adapters::kVisitTypes;

// The car a command answered: JSON, or a one-line table.
void PrintVehicle(const Session& session, const cv1::Vehicle& vehicle) {
  if (session.json) {
    PrintJson(ToJson(vehicle));
  } else {
    std::cout << VehicleTable(vehicle);
  }
}

void AddVehicleAdd(CLI::App* vehicle, Session& session) {
  struct AddArgs {
    std::string customer, vin, plate, model, series, delivered, purchased, advisor, consultant, request_id;
    int odometer_km = 0;
    bool transfer = false;
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
  add->add_flag("--transfer", args->transfer,
                "the car changed owner: another customer's active car with this plate or VIN becomes transferred "
                "(without it such a car refuses the request)");
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
      request.set_transfer(args->transfer);
      request.set_request_id(args->request_id);
      cv1::AddVehicleResponse response;
      Check(CustomersStub(session)->AddVehicle(session.NewContext().get(), request, &response));
      PrintVehicle(session, response.vehicle());
      return 0;
    };
  });
}

void AddVehicleUpdate(CLI::App* vehicle, Session& session) {
  struct UpdateArgs {
    std::string customer, vehicle, status, request_id;
    std::optional<std::string> plate, advisor;
  };
  auto args = std::make_shared<UpdateArgs>();
  auto* update =
      vehicle->add_subcommand("update", "change a vehicle's plate, service advisor or status (UpdateVehicle)");
  update->add_option("VEHICLE", args->vehicle, "vehicle id")->required();
  update->add_option("--customer", args->customer, "id of the customer who owns it")->required();
  update->add_option("--plate", args->plate, "new licence plate (not on another active car)");
  update->add_option("--advisor", args->advisor, "staff id of the assigned service advisor (\"\" clears it)");
  update
      ->add_option("--status", args->status,
                   JoinWords(kVehicleStatuses.Words(), " | ") + " (sold, transferred, scrapped: no more reminders)")
      ->check(CLI::IsMember(kVehicleStatuses.Words()));
  update->add_option("--request-id", args->request_id, "idempotency key");
  update->callback([&session, args] {
    session.action = [&session, args] {
      if (!args->plate && !args->advisor && args->status.empty()) {
        throw UsageError("give --plate, --advisor and/or --status");
      }
      cv1::UpdateVehicleRequest request;
      request.set_customer_id(args->customer);
      request.set_vehicle_id(args->vehicle);
      if (args->plate) {
        request.set_plate(*args->plate);
      }
      if (args->advisor) {
        request.set_assigned_advisor(*args->advisor);
      }
      if (!args->status.empty()) {
        request.set_status(ProtoOfWord(kVehicleStatuses, args->status));
      }
      request.set_request_id(args->request_id);
      cv1::UpdateVehicleResponse response;
      Check(CustomersStub(session)->UpdateVehicle(session.NewContext().get(), request, &response));
      PrintVehicle(session, response.vehicle());
      return 0;
    };
  });
}

void AddVisit(CLI::App& app, Session& session) {
  auto* visit = app.add_subcommand("visit", "service visits");
  visit->require_subcommand(1);
  struct RecordArgs {
    std::string customer, vehicle, date, type, advisor, amount_yuan, repair_order, request_id;
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
  record->add_option("--amount-yuan", args->amount_yuan, "amount charged in yuan, e.g. 680.50")->check(YuanValidator());
  record->add_option("--repair-order", args->repair_order, "repair order number (工单号) in the DMS");
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
      request.set_repair_order_number(args->repair_order);
      request.set_request_id(args->request_id);
      cv1::RecordServiceVisitResponse response;
      Check(CustomersStub(session)->RecordServiceVisit(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.visit()));
        return 0;
      }
      const auto& v = response.visit();
      std::cout << RenderFields({
          {"visit", v.visit_id()},
          {"customer", v.customer_id()},
          {"vehicle", v.vehicle_id()},
          {"store", v.store_id()},
          {"date", FormatDate(v.visit_date())},
          {"odometer", std::to_string(v.odometer_km()) + " km"},
          {"type", ShortEnumName(cv1::VisitType_Name(v.visit_type()), "VISIT_TYPE_")},
          {"advisor", OrDash(v.advisor())},
          {"amount", Yuan(v.amount_fen())},
      });
      return 0;
    };
  });
}

void AddOdometer(CLI::App& app, Session& session) {
  auto* odometer = app.add_subcommand("odometer", "odometer readings outside a visit");
  odometer->require_subcommand(1);
  struct RecordArgs {
    std::string customer, vehicle, date, source, request_id;
    int km = 0;
  };
  auto args = std::make_shared<RecordArgs>();
  auto* record = odometer->add_subcommand(
      "record", "record an odometer reading, e.g. from a call or a photo (RecordOdometerReading)");
  record->add_option("--customer", args->customer, "customer id")->required();
  record->add_option("--vehicle", args->vehicle, "vehicle id")->required();
  record->add_option("--km", args->km, "odometer in km")->required()->check(CLI::NonNegativeNumber);
  record->add_option("--date", args->date, "date of the reading YYYY-MM-DD")->required()->check(DateValidator());
  record->add_option("--source", args->source, "where it came from, e.g. phone-call (default: you)");
  record->add_option("--request-id", args->request_id, "idempotency key");
  record->callback([&session, args] {
    session.action = [&session, args] {
      cv1::RecordOdometerReadingRequest request;
      request.set_customer_id(args->customer);
      request.set_vehicle_id(args->vehicle);
      request.set_odometer_km(args->km);
      *request.mutable_reading_date() = DateFlag(args->date);
      request.set_source(args->source);
      request.set_request_id(args->request_id);
      cv1::RecordOdometerReadingResponse response;
      Check(CustomersStub(session)->RecordOdometerReading(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.vehicle()));
        return 0;
      }
      const auto& v = response.vehicle();
      char per_day[32] = "- (not enough readings)";
      if (v.estimated_km_per_day() > 0) {
        std::snprintf(per_day, sizeof per_day, "%.1f km", v.estimated_km_per_day());
      }
      std::cout << RenderFields({
          {"vehicle", v.vehicle_id()},
          {"odometer", std::to_string(v.odometer_km()) + " km on " + FormatDate(v.odometer_date())},
          {"per day", per_day},
      });
      return 0;
    };
  });
}

}  // namespace

void AddVehicleCommands(CLI::App& app, Session& session) {
  auto* vehicle = app.add_subcommand("vehicle", "vehicles of a customer");
  vehicle->require_subcommand(1);
  AddVehicleAdd(vehicle, session);
  AddVehicleUpdate(vehicle, session);
  AddVisit(app, session);
  AddOdometer(app, session);
}

}  // namespace careloop::ctl
