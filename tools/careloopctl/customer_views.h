#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "careloop/common/v1/types.pb.h"
#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "tools/careloopctl/session.h"

namespace careloop::ctl {

// What the CustomersService commands share: reading their flags, and how a record, its cars
// and its history look in a terminal. The commands live in commands_customer.cc (customer
// create|get|find|update|flags|consent), commands_customer_search.cc (search, timeline,
// segments), commands_vehicle.cc (vehicle add|update, visit record, odometer record) and
// commands_history.cc (complaint record, policy record); AddCustomerCommands adds them all.

/// A stub of CustomersService on the session's channel.
[[nodiscard]] std::unique_ptr<customer::v1::CustomersService::Stub> CustomersStub(Session& session);

/// A date flag the DateValidator let through ("2026-11-01").
[[nodiscard]] common::v1::Date DateFlag(const std::string& text);
/// "2026-01-01..2026-06-30", "2026-01-01.." or "..2026-06-30".
[[nodiscard]] common::v1::DateRange RangeFlag(const std::string& text);
/// A CLI11 validator for amounts in yuan with at most two decimals ("680.50").
[[nodiscard]] CLI::Validator YuanValidator();

/// `text`, or "-" when empty.
[[nodiscard]] std::string OrDash(const std::string& text);
/// "680.50 yuan".
[[nodiscard]] std::string Yuan(int64_t fen);
/// The address as people write it, a municipality once (domain::FormatAddress); "-" when empty.
[[nodiscard]] std::string AddressText(const common::v1::Address& address);
/// "active", "sold", "transferred", "scrapped" (unspecified reads as active).
[[nodiscard]] std::string VehicleStatusWord(customer::v1::VehicleStatus status);

/// The record as key/value lines.
[[nodiscard]] std::string CustomerFields(const customer::v1::Customer& customer);
/// One line per car.
[[nodiscard]] std::string VehiclesTable(const google::protobuf::RepeatedPtrField<customer::v1::Vehicle>& vehicles);
/// One car as a table.
[[nodiscard]] std::string VehicleTable(const customer::v1::Vehicle& vehicle);
/// "high (opinion_leader, major_complaint)", "standard", or "-".
[[nodiscard]] std::string SegmentText(const customer::v1::Customer& customer);

/// Adds `search`, `timeline` and `segments` under `customer`.
void AddCustomerSearchCommands(CLI::App* customer, Session& session);
/// Adds `vehicle add|update`, `visit record` and `odometer record`.
void AddVehicleCommands(CLI::App& app, Session& session);
/// Adds `complaint record` and `policy record`.
void AddHistoryCommands(CLI::App& app, Session& session);

}  // namespace careloop::ctl
