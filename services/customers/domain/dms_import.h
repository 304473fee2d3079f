#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/base/encoding.h"
#include "common/base/error.h"
#include "common/base/time.h"
#include "services/customers/domain/csv_reader.h"
#include "services/customers/domain/customer.h"

namespace careloop::customers::domain {

/// What a DMS export file holds.
enum class ImportKind { kDeliveries, kVisits, kPolicies };

/// The fields an import understands. Each may be required for a kind (see RequiredFields).
enum class ImportField {
  kName,
  kMobile,
  kVin,
  kPlate,
  kModel,
  kPurchaseDate,
  kDeliveryDate,
  kSalesConsultant,
  kAdvisor,
  kVisitDate,
  kOdometer,
  kVisitType,
  kAmount,
  kInsurer,
  kPolicyStart,
  kPolicyEnd,
  kPolicyNumber,
  kPremium,
  kPolicyType,  ///< 险种: 交强险 (compulsory) or 商业险 (commercial)
  // The customer's profile, as delivery exports commonly carry it.
  kGender,            ///< 性别: 男/女
  kBirthday,          ///< 生日 (solar unless the export says otherwise)
  kLunarBirthday,     ///< 农历生日: a birthday of the lunisolar calendar
  kBirthdayCalendar,  ///< 生日类型/历法: 农历 or 公历 (阳历), for the 生日 column
  kProvince,
  kCity,
  kDistrict,
  kStreet,  ///< 详细地址
  kHomePhone,
  kOfficePhone,
  kNationalId,  ///< 身份证号
  kOccupation,
  kPurchasePurpose,  ///< 购车用途: 家用/私用, 商用/公务, 车队
};

/// Every import field, in the order their names are listed to people.
[[nodiscard]] const std::vector<ImportField>& AllImportFields();

[[nodiscard]] std::string_view ImportFieldName(ImportField field);
[[nodiscard]] std::vector<ImportField> RequiredFields(ImportKind kind);

/// The header texts of the columns a `kind` import does not read: unknown to it, mapped to a
/// field another kind reads, or a second column for a field already taken. Empty headers are
/// left out. An import reports them ("ignored columns: …") so nothing is dropped without a word.
[[nodiscard]] std::vector<std::string> IgnoredColumns(ImportKind kind, const std::vector<std::string>& header,
                                                      const std::map<ImportField, size_t>& columns);

/// Which column holds which field.
using ColumnMap = std::map<ImportField, size_t>;

/// Recognises a header row: the usual Chinese and English DMS column names (客户姓名, 手机号码/
/// 联系电话, 车架号/VIN, 车牌号, 车型, 购车日期, 交车日期, 销售顾问, 服务顾问, 进厂日期, 行驶里程,
/// 维修类型, 保险公司, 保险到期日 …), plus `overrides` from a mapping file (header text → field
/// name such as "mobile"). Error naming every required field that no column provides, or an
/// override naming an unknown field.
[[nodiscard]] Result<ColumnMap> MapHeader(ImportKind kind, const std::vector<std::string>& header,
                                          const std::map<std::string, std::string>& overrides = {});

/// A problem with one row: which line, which field, why.
struct RowError final {
  int line = 0;
  std::string field;
  std::string reason;
};

/// A delivery row: a person and the car they took home.
struct DeliveryRow final {
  NewCustomer customer;  ///< store_id is filled in by the caller
  NewVehicle vehicle;
};

/// A workshop visit, matched to a car on record by VIN (or plate when the VIN is blank).
struct VisitRow final {
  std::string vin;
  std::string plate;
  NewVisit visit;  ///< vehicle_id is filled in by the caller after matching
};

/// An insurance policy bought through the store for a car on record (the store's own DMS
/// insurance export, so "bought here").
struct PolicyRow final {
  std::string vin;
  std::string plate;
  std::string insurer;
  std::string policy_number;
  bool compulsory = false;
  Date start;  ///< a year before the end when the export leaves it blank
  Date end;
  int64_t premium_fen = 0;
};

/// Turns a record into a typed row, normalising dates (2025-03-07, 2025/3/7, 20250307), phones
/// (+86, spaces, dashes), VINs and plates. The first problem is returned with line and field.
[[nodiscard]] Result<DeliveryRow> ParseDeliveryRow(const ColumnMap& columns, const CsvRecord& record, Date today);
[[nodiscard]] Result<VisitRow> ParseVisitRow(const ColumnMap& columns, const CsvRecord& record, Date today);
[[nodiscard]] Result<PolicyRow> ParsePolicyRow(const ColumnMap& columns, const CsvRecord& record);

/// A RowError from a row parser's error (its field and message) at `line`.
[[nodiscard]] RowError ToRowError(int line, const Error& error);

/// Splits a batch of import rows into `lanes` groups that can run side by side: rows that share
/// any key (the same person's mobile, the same car's VIN) land in the same lane, so they run in
/// line order there, as if the file were read one row at a time. `keys[i]` are row i's keys
/// (empty strings are ignored). Returns each row's lane; whole groups go to the least-loaded lane.
[[nodiscard]] std::vector<int> AssignLanes(const std::vector<std::vector<std::string>>& keys, int lanes);

/// 首保, 二保, 定保/保养, 维修, 保修/索赔, 事故/理赔, 钣喷/美容 (and English names) → visit type.
[[nodiscard]] std::optional<VisitType> ParseVisitType(std::string_view text);

}  // namespace careloop::customers::domain
