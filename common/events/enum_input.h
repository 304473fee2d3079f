#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/generated_enum_reflection.h>

#include <optional>
#include <string>
#include <vector>

#include "common/base/enum_table.h"
#include "common/base/error.h"

namespace careloop::events {

// Enum values as they arrive from clients, read through a service's EnumTable
// (common/base/enum_table.h): the one way an int from the wire becomes a domain enum.

/// The contract's names of the values `table` accepts, without the enum's prefix, for messages:
/// "OIL, ANNUAL_MAINTENANCE or OTHER".
template <class Table>
[[nodiscard]] std::string AcceptedNames(const Table& table) {
  const google::protobuf::EnumDescriptor* descriptor = google::protobuf::GetEnumDescriptor<typename Table::ProtoType>();
  const google::protobuf::EnumValueDescriptor* unset = descriptor->FindValueByNumber(0);
  std::string prefix = unset == nullptr ? std::string() : unset->name();
  prefix = prefix.ends_with("UNSPECIFIED") ? prefix.substr(0, prefix.size() - 11) : std::string();
  std::vector<std::string> names;
  for (const auto& row : table.rows()) {
    const google::protobuf::EnumValueDescriptor* value = descriptor->FindValueByNumber(row.proto);
    if (row.proto != 0 && value != nullptr) {
      names.push_back(value->name().starts_with(prefix) ? value->name().substr(prefix.size()) : value->name());
    }
  }
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  }
  return out;
}

/// Reads an enum value a client sent. INVALID_ARGUMENT naming `field` when the value is outside
/// the contract ("unknown value 99 (expected OIL, ANNUAL_MAINTENANCE or OTHER)"), is a contract
/// value this field does not take, or is UNSPECIFIED and the table has no row for it (the field
/// is required). Callers that give UNSPECIFIED a meaning of their own check for it first.
template <class Table>
[[nodiscard]] Result<typename Table::DomainType> FromClient(const Table& table, int value, const std::string& field) {
  if (const auto domain = table.FromProto(value)) {
    return *domain;
  }
  const std::string accepted = AcceptedNames(table);
  if (value == 0) {
    return InvalidArgument(field, "is required (" + accepted + ")");
  }
  const google::protobuf::EnumValueDescriptor* known =
      google::protobuf::GetEnumDescriptor<typename Table::ProtoType>()->FindValueByNumber(value);
  if (known != nullptr) {
    return InvalidArgument(
        field, known->name() + " (" + std::to_string(value) + ") is not accepted here (expected " + accepted + ")");
  }
  return InvalidArgument(field, "unknown value " + std::to_string(value) + " (expected " + accepted + ")");
}

/// An optional filter a client sent (list by status …): UNSPECIFIED means "any" (nullopt);
/// any other value is read as FromClient reads it.
template <class Table>
[[nodiscard]] Result<std::optional<typename Table::DomainType>> FilterFromClient(const Table& table, int value,
                                                                                 const std::string& field) {
  if (value == 0) {
    return std::optional<typename Table::DomainType>();
  }
  auto wanted = FromClient(table, value, field);
  if (!wanted.ok()) {
    return wanted.error();
  }
  return std::optional(wanted.value());
}

}  // namespace careloop::events
