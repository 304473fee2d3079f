#include "services/customers/domain/dms_import.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "common/base/text.h"
#include "services/customers/domain/validation.h"

namespace careloop::customers::domain {
namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Header spellings seen in DMS exports, normalised (trimmed, lower-case, no spaces/underscores).
const std::map<std::string, ImportField>& KnownHeaders() {
  static const std::map<std::string, ImportField> headers = {
      {"客户姓名", ImportField::kName},
      {"姓名", ImportField::kName},
      {"车主姓名", ImportField::kName},
      {"客户名称", ImportField::kName},
      {"name", ImportField::kName},
      {"customername", ImportField::kName},
      {"手机号码", ImportField::kMobile},
      {"联系电话", ImportField::kMobile},
      {"手机", ImportField::kMobile},
      {"移动电话", ImportField::kMobile},
      {"mobile", ImportField::kMobile},
      {"phone", ImportField::kMobile},
      {"车架号", ImportField::kVin},
      {"vin", ImportField::kVin},
      {"底盘号", ImportField::kVin},
      {"vin码", ImportField::kVin},
      {"车牌号", ImportField::kPlate},
      {"车牌", ImportField::kPlate},
      {"车牌号码", ImportField::kPlate},
      {"plate", ImportField::kPlate},
      {"车型", ImportField::kModel},
      {"model", ImportField::kModel},
      {"购车日期", ImportField::kPurchaseDate},
      {"purchasedate", ImportField::kPurchaseDate},
      {"交车日期", ImportField::kDeliveryDate},
      {"deliverydate", ImportField::kDeliveryDate},
      {"销售顾问", ImportField::kSalesConsultant},
      {"salesconsultant", ImportField::kSalesConsultant},
      {"服务顾问", ImportField::kAdvisor},
      {"advisor", ImportField::kAdvisor},
      {"serviceadvisor", ImportField::kAdvisor},
      {"进厂日期", ImportField::kVisitDate},
      {"进站日期", ImportField::kVisitDate},
      {"维修日期", ImportField::kVisitDate},
      {"visitdate", ImportField::kVisitDate},
      {"行驶里程", ImportField::kOdometer},
      {"里程", ImportField::kOdometer},
      {"进厂里程", ImportField::kOdometer},
      {"odometer", ImportField::kOdometer},
      {"维修类型", ImportField::kVisitType},
      {"进厂类型", ImportField::kVisitType},
      {"visittype", ImportField::kVisitType},
      {"结算金额", ImportField::kAmount},
      {"金额", ImportField::kAmount},
      {"amount", ImportField::kAmount},
      {"保险公司", ImportField::kInsurer},
      {"insurer", ImportField::kInsurer},
      {"保险起期", ImportField::kPolicyStart},
      {"保险开始日期", ImportField::kPolicyStart},
      {"policystart", ImportField::kPolicyStart},
      {"保险到期日", ImportField::kPolicyEnd},
      {"保险止期", ImportField::kPolicyEnd},
      {"保险到期日期", ImportField::kPolicyEnd},
      {"policyend", ImportField::kPolicyEnd},
      {"保单号", ImportField::kPolicyNumber},
      {"保单号码", ImportField::kPolicyNumber},
      {"policynumber", ImportField::kPolicyNumber},
      {"保费", ImportField::kPremium},
      {"保险费", ImportField::kPremium},
      {"premium", ImportField::kPremium},
      {"险种", ImportField::kPolicyType},
      {"保险类型", ImportField::kPolicyType},
      {"policytype", ImportField::kPolicyType},
      {"性别", ImportField::kGender},
      {"客户性别", ImportField::kGender},
      {"gender", ImportField::kGender},
      {"sex", ImportField::kGender},
      {"生日", ImportField::kBirthday},
      {"出生日期", ImportField::kBirthday},
      {"客户生日", ImportField::kBirthday},
      {"birthday", ImportField::kBirthday},
      {"农历生日", ImportField::kLunarBirthday},
      {"阴历生日", ImportField::kLunarBirthday},
      {"lunarbirthday", ImportField::kLunarBirthday},
      {"生日类型", ImportField::kBirthdayCalendar},
      {"历法", ImportField::kBirthdayCalendar},
      {"生日历法", ImportField::kBirthdayCalendar},
      {"birthdaycalendar", ImportField::kBirthdayCalendar},
      {"省份", ImportField::kProvince},
      {"省", ImportField::kProvince},
      {"所在省份", ImportField::kProvince},
      {"province", ImportField::kProvince},
      {"城市", ImportField::kCity},
      {"市", ImportField::kCity},
      {"所在城市", ImportField::kCity},
      {"city", ImportField::kCity},
      {"区县", ImportField::kDistrict},
      {"区/县", ImportField::kDistrict},
      {"县区", ImportField::kDistrict},
      {"district", ImportField::kDistrict},
      {"详细地址", ImportField::kStreet},
      {"地址", ImportField::kStreet},
      {"联系地址", ImportField::kStreet},
      {"街道地址", ImportField::kStreet},
      {"street", ImportField::kStreet},
      {"address", ImportField::kStreet},
      {"家庭电话", ImportField::kHomePhone},
      {"住宅电话", ImportField::kHomePhone},
      {"homephone", ImportField::kHomePhone},
      {"办公电话", ImportField::kOfficePhone},
      {"单位电话", ImportField::kOfficePhone},
      {"officephone", ImportField::kOfficePhone},
      {"身份证号", ImportField::kNationalId},
      {"身份证号码", ImportField::kNationalId},
      {"证件号码", ImportField::kNationalId},
      {"nationalid", ImportField::kNationalId},
      {"职业", ImportField::kOccupation},
      {"occupation", ImportField::kOccupation},
      {"购车用途", ImportField::kPurchasePurpose},
      {"车辆用途", ImportField::kPurchasePurpose},
      {"用途", ImportField::kPurchasePurpose},
      {"purchasepurpose", ImportField::kPurchasePurpose},
  };
  return headers;
}

std::string NormalizeHeader(std::string_view text) {
  std::string out;
  for (char c : Lower(TrimSpaces(text))) {
    if (c != ' ' && c != '_' && c != '-') {
      out.push_back(c);
    }
  }
  return out;
}

std::string Cell(const ColumnMap& columns, const CsvRecord& record, ImportField field) {
  const auto it = columns.find(field);
  if (it == columns.end() || it->second >= record.fields.size()) {
    return {};
  }
  return TrimSpaces(record.fields[it->second]);
}

Error At(ImportField field, std::string reason) {
  return InvalidArgument(std::string(ImportFieldName(field)), std::move(reason));
}

// A lunar cell (`lunar`) is read as written, day 30 of the second month included; the lunar
// calendar's own limits are checked afterwards (RequireBirthday).
Result<Date> DateCell(const ColumnMap& columns, const CsvRecord& record, ImportField field, bool required,
                      bool lunar = false) {
  const std::string text = Cell(columns, record, field);
  if (text.empty()) {
    if (required) {
      return At(field, "is required");
    }
    return Date{};
  }
  // Excel often appends a time: "2025/3/7 0:00:00".
  const std::string_view written = std::string_view(text).substr(0, text.find(' '));
  const auto date = lunar ? Date::ParseFields(written) : Date::Parse(written);
  if (!date) {
    return At(field, "'" + text + "' is not a date (2025-03-07, 2025/3/7 or 20250307)");
  }
  return *date;
}

Result<int> KmCell(const ColumnMap& columns, const CsvRecord& record, ImportField field) {
  std::string text = Cell(columns, record, field);
  text.erase(std::remove(text.begin(), text.end(), ','), text.end());
  if (text.empty()) {
    return 0;
  }
  double km = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), km);
  if (ec != std::errc{} || ptr != text.data() + text.size() || km < 0 || km > 2'000'000) {
    return At(field, "'" + text + "' is not a distance in km");
  }
  return static_cast<int>(std::lround(km));
}

}  // namespace

std::string_view ImportFieldName(ImportField field) {
  switch (field) {
    case ImportField::kName: return "name";
    case ImportField::kMobile: return "mobile";
    case ImportField::kVin: return "vin";
    case ImportField::kPlate: return "plate";
    case ImportField::kModel: return "model";
    case ImportField::kPurchaseDate: return "purchase_date";
    case ImportField::kDeliveryDate: return "delivery_date";
    case ImportField::kSalesConsultant: return "sales_consultant";
    case ImportField::kAdvisor: return "advisor";
    case ImportField::kVisitDate: return "visit_date";
    case ImportField::kOdometer: return "odometer_km";
    case ImportField::kVisitType: return "visit_type";
    case ImportField::kAmount: return "amount";
    case ImportField::kInsurer: return "insurer";
    case ImportField::kPolicyStart: return "policy_start";
    case ImportField::kPolicyEnd: return "policy_end";
    case ImportField::kPolicyNumber: return "policy_number";
    case ImportField::kPremium: return "premium";
    case ImportField::kPolicyType: return "policy_type";
    case ImportField::kGender: return "gender";
    case ImportField::kBirthday: return "birthday";
    case ImportField::kLunarBirthday: return "lunar_birthday";
    case ImportField::kBirthdayCalendar: return "birthday_calendar";
    case ImportField::kProvince: return "province";
    case ImportField::kCity: return "city";
    case ImportField::kDistrict: return "district";
    case ImportField::kStreet: return "street";
    case ImportField::kHomePhone: return "home_phone";
    case ImportField::kOfficePhone: return "office_phone";
    case ImportField::kNationalId: return "national_id";
    case ImportField::kOccupation: return "occupation";
    case ImportField::kPurchasePurpose: return "purchase_purpose";
  }
  return "unknown";
}

namespace {

// The fields each kind's row parser reads, in the order their names are listed to people.
std::vector<ImportField> ReadFields(ImportKind kind) {
  switch (kind) {
    case ImportKind::kDeliveries:
      return {ImportField::kName,         ImportField::kMobile,        ImportField::kGender,
              ImportField::kBirthday,     ImportField::kLunarBirthday, ImportField::kBirthdayCalendar,
              ImportField::kProvince,     ImportField::kCity,          ImportField::kDistrict,
              ImportField::kStreet,       ImportField::kHomePhone,     ImportField::kOfficePhone,
              ImportField::kNationalId,   ImportField::kOccupation,    ImportField::kPurchasePurpose,
              ImportField::kVin,          ImportField::kPlate,         ImportField::kModel,
              ImportField::kPurchaseDate, ImportField::kDeliveryDate,  ImportField::kSalesConsultant,
              ImportField::kAdvisor};
    case ImportKind::kVisits:
      return {ImportField::kVin,       ImportField::kPlate,  ImportField::kVisitDate, ImportField::kOdometer,
              ImportField::kVisitType, ImportField::kAmount, ImportField::kAdvisor};
    case ImportKind::kPolicies:
      return {ImportField::kVin,          ImportField::kInsurer, ImportField::kPolicyStart, ImportField::kPolicyEnd,
              ImportField::kPolicyNumber, ImportField::kPremium, ImportField::kPolicyType};
  }
  return {};
}

}  // namespace

const std::vector<ImportField>& AllImportFields() {
  static const std::vector<ImportField> fields = [] {
    std::vector<ImportField> all;
    for (ImportKind kind : {ImportKind::kDeliveries, ImportKind::kVisits, ImportKind::kPolicies}) {
      for (ImportField field : ReadFields(kind)) {
        if (std::find(all.begin(), all.end(), field) == all.end()) {
          all.push_back(field);
        }
      }
    }
    return all;
  }();
  return fields;
}

std::vector<std::string> IgnoredColumns(ImportKind kind, const std::vector<std::string>& header,
                                        const std::map<ImportField, size_t>& columns) {
  const std::vector<ImportField> read = ReadFields(kind);
  std::vector<std::string> ignored;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string text = TrimSpaces(header[i]);
    if (text.empty()) {
      continue;
    }
    const bool used = std::any_of(columns.begin(), columns.end(), [&](const auto& column) {
      return column.second == i && std::find(read.begin(), read.end(), column.first) != read.end();
    });
    if (!used) {
      ignored.push_back(text);
    }
  }
  return ignored;
}

std::vector<ImportField> RequiredFields(ImportKind kind) {
  switch (kind) {
    case ImportKind::kDeliveries:
      return {ImportField::kName,  ImportField::kMobile, ImportField::kVin,
              ImportField::kPlate, ImportField::kModel,  ImportField::kDeliveryDate};
    case ImportKind::kVisits:
      return {ImportField::kVin, ImportField::kVisitDate, ImportField::kOdometer, ImportField::kVisitType};
    case ImportKind::kPolicies:
      return {ImportField::kVin, ImportField::kInsurer, ImportField::kPolicyNumber, ImportField::kPolicyEnd};
  }
  return {};
}

Result<ColumnMap> MapHeader(ImportKind kind, const std::vector<std::string>& header,
                            const std::map<std::string, std::string>& overrides) {
  std::map<std::string, ImportField> by_name;
  std::string names;
  for (ImportField field : AllImportFields()) {
    by_name[std::string(ImportFieldName(field))] = field;
    names += (names.empty() ? "" : ", ") + std::string(ImportFieldName(field));
  }
  std::map<std::string, ImportField> mapping = KnownHeaders();
  for (const auto& [text, field_name] : overrides) {
    const auto field = by_name.find(field_name);
    if (field == by_name.end()) {
      return InvalidArgument("mapping",
                             "'" + text + "' maps to unknown field '" + field_name + "' (fields: " + names + ")");
    }
    mapping[NormalizeHeader(text)] = field->second;
  }
  ColumnMap columns;
  for (size_t i = 0; i < header.size(); ++i) {
    const auto it = mapping.find(NormalizeHeader(header[i]));
    if (it != mapping.end() && !columns.contains(it->second)) {
      columns[it->second] = i;
    }
  }
  std::string missing;
  for (ImportField field : RequiredFields(kind)) {
    if (!columns.contains(field)) {
      missing += (missing.empty() ? "" : ", ") + std::string(ImportFieldName(field));
    }
  }
  if (!missing.empty()) {
    return InvalidArgument("header", "no column for " + missing + " (add them to a --mapping file)");
  }
  return columns;
}

namespace {

// 男/女 as DMS exports write them (and the English words); empty is unspecified.
Result<Gender> GenderCell(const ColumnMap& columns, const CsvRecord& record) {
  const std::string text = Lower(Cell(columns, record, ImportField::kGender));
  if (text.empty()) {
    return Gender::kUnspecified;
  }
  for (const char* male : {"男", "男性", "先生", "m", "male"}) {
    if (text == male) {
      return Gender::kMale;
    }
  }
  for (const char* female : {"女", "女性", "女士", "f", "female"}) {
    if (text == female) {
      return Gender::kFemale;
    }
  }
  return At(ImportField::kGender, "'" + text + "' is not 男 or 女");
}

// 家用/私用, 商用/公务, 车队 (and the English words); empty is unspecified.
Result<PurchasePurpose> PurposeCell(const ColumnMap& columns, const CsvRecord& record) {
  const std::string text = Lower(Cell(columns, record, ImportField::kPurchasePurpose));
  if (text.empty()) {
    return PurchasePurpose::kUnspecified;
  }
  const std::map<std::string, PurchasePurpose> words = {
      {"家用", PurchasePurpose::kPrivate},  {"私用", PurchasePurpose::kPrivate},
      {"个人", PurchasePurpose::kPrivate},  {"private", PurchasePurpose::kPrivate},
      {"商用", PurchasePurpose::kBusiness}, {"公务", PurchasePurpose::kBusiness},
      {"公司", PurchasePurpose::kBusiness}, {"business", PurchasePurpose::kBusiness},
      {"车队", PurchasePurpose::kFleet},    {"集团", PurchasePurpose::kFleet},
      {"fleet", PurchasePurpose::kFleet}};
  const auto it = words.find(text);
  if (it == words.end()) {
    return At(ImportField::kPurchasePurpose, "'" + text + "' is not 家用, 商用 or 车队");
  }
  return it->second;
}

// The birthday and whether it is a lunar date: a 农历生日 column is lunar; a 生日 column is solar
// unless a 生日类型 column says 农历 (or 阴历) on that row.
Status ReadBirthday(const ColumnMap& columns, const CsvRecord& record, Date today, NewCustomer& customer) {
  const bool lunar_column =
      columns.contains(ImportField::kLunarBirthday) && !Cell(columns, record, ImportField::kLunarBirthday).empty();
  const ImportField field = lunar_column ? ImportField::kLunarBirthday : ImportField::kBirthday;
  const std::string calendar = Lower(Cell(columns, record, ImportField::kBirthdayCalendar));
  const bool lunar_word = calendar == "农历" || calendar == "阴历" || calendar == "lunar";
  if (!lunar_word && !calendar.empty() && calendar != "公历" && calendar != "阳历" && calendar != "solar") {
    return At(ImportField::kBirthdayCalendar, "'" + calendar + "' is not 农历 or 公历");
  }
  auto birthday = DateCell(columns, record, field, false, lunar_column || lunar_word);
  if (!birthday.ok()) {
    return birthday.error();
  }
  if (!birthday->IsSet()) {
    return Ok{};
  }
  if (Status past = RequireBirthday(ImportFieldName(field), birthday.value(), lunar_column || lunar_word, today);
      !past.ok()) {
    return past;
  }
  customer.birthday = birthday.value();
  customer.profile.birthday_is_lunar = lunar_column || lunar_word;
  return Ok{};
}

}  // namespace

Result<DeliveryRow> ParseDeliveryRow(const ColumnMap& columns, const CsvRecord& record, Date today) {
  DeliveryRow row;
  auto name = NormalizeName("name", Cell(columns, record, ImportField::kName));
  if (!name.ok()) {
    return name.error();
  }
  auto mobile = NormalizeMobile("mobile", Cell(columns, record, ImportField::kMobile));
  if (!mobile.ok()) {
    return mobile.error();
  }
  auto vin = NormalizeVin("vin", Cell(columns, record, ImportField::kVin));
  if (!vin.ok()) {
    return vin.error();
  }
  auto plate = NormalizePlate("plate", Cell(columns, record, ImportField::kPlate));
  if (!plate.ok()) {
    return plate.error();
  }
  auto delivered = DateCell(columns, record, ImportField::kDeliveryDate, true);
  if (!delivered.ok()) {
    return delivered.error();
  }
  auto purchased = DateCell(columns, record, ImportField::kPurchaseDate, false);
  if (!purchased.ok()) {
    return purchased.error();
  }
  if (Status past = RequirePastDate("delivery_date", delivered.value(), today); !past.ok()) {
    return past.error();
  }
  if (purchased->IsSet() && purchased.value() > delivered.value()) {
    return At(ImportField::kDeliveryDate, "is before the purchase date " + purchased->ToString());
  }
  row.customer.name = std::move(name).value();
  row.customer.mobile = std::move(mobile).value();
  row.vehicle.vin = std::move(vin).value();
  row.vehicle.plate = std::move(plate).value();
  row.vehicle.model = Cell(columns, record, ImportField::kModel);
  if (row.vehicle.model.empty()) {
    return At(ImportField::kModel, "is required");
  }
  row.vehicle.delivery_date = delivered.value();
  row.vehicle.purchase_date = purchased.value();
  row.vehicle.sales_consultant = Cell(columns, record, ImportField::kSalesConsultant);
  row.vehicle.assigned_advisor = Cell(columns, record, ImportField::kAdvisor);

  // The customer's profile (checked again as a whole when the record is made).
  auto gender = GenderCell(columns, record);
  if (!gender.ok()) {
    return gender.error();
  }
  row.customer.gender = gender.value();
  if (Status birthday = ReadBirthday(columns, record, today, row.customer); !birthday.ok()) {
    return birthday.error();
  }
  auto purpose = PurposeCell(columns, record);
  if (!purpose.ok()) {
    return purpose.error();
  }
  Profile& profile = row.customer.profile;
  profile.purchase_purpose = purpose.value();
  profile.address.province = Cell(columns, record, ImportField::kProvince);
  profile.address.city = Cell(columns, record, ImportField::kCity);
  profile.address.district = Cell(columns, record, ImportField::kDistrict);
  profile.address.street = Cell(columns, record, ImportField::kStreet);
  profile.home_phone = Cell(columns, record, ImportField::kHomePhone);
  profile.office_phone = Cell(columns, record, ImportField::kOfficePhone);
  profile.national_id = Cell(columns, record, ImportField::kNationalId);
  profile.occupation = Cell(columns, record, ImportField::kOccupation);
  return row;
}

Result<VisitRow> ParseVisitRow(const ColumnMap& columns, const CsvRecord& record, Date today) {
  VisitRow row;
  const std::string vin_text = Cell(columns, record, ImportField::kVin);
  const std::string plate_text = Cell(columns, record, ImportField::kPlate);
  if (vin_text.empty() && plate_text.empty()) {
    return At(ImportField::kVin, "is required (or a plate)");
  }
  if (!vin_text.empty()) {
    auto vin = NormalizeVin("vin", vin_text);
    if (!vin.ok()) {
      return vin.error();
    }
    row.vin = std::move(vin).value();
  } else {
    auto plate = NormalizePlate("plate", plate_text);
    if (!plate.ok()) {
      return plate.error();
    }
    row.plate = std::move(plate).value();
  }
  auto visited = DateCell(columns, record, ImportField::kVisitDate, true);
  if (!visited.ok()) {
    return visited.error();
  }
  if (Status past = RequirePastDate("visit_date", visited.value(), today); !past.ok()) {
    return past.error();
  }
  auto km = KmCell(columns, record, ImportField::kOdometer);
  if (!km.ok()) {
    return km.error();
  }
  const std::string type_text = Cell(columns, record, ImportField::kVisitType);
  const auto type = ParseVisitType(type_text);
  if (!type) {
    return At(ImportField::kVisitType, "'" + type_text + "' is not a known visit type (首保, 二保, 定保, 维修 …)");
  }
  std::string amount = Cell(columns, record, ImportField::kAmount);
  amount.erase(std::remove(amount.begin(), amount.end(), ','), amount.end());
  double yuan = 0;
  if (!amount.empty()) {
    auto [ptr, ec] = std::from_chars(amount.data(), amount.data() + amount.size(), yuan);
    if (ec != std::errc{} || ptr != amount.data() + amount.size() || yuan < 0) {
      return At(ImportField::kAmount, "'" + amount + "' is not an amount in yuan");
    }
  }
  row.visit.visit_date = visited.value();
  row.visit.odometer_km = km.value();
  row.visit.visit_type = *type;
  row.visit.advisor = Cell(columns, record, ImportField::kAdvisor);
  row.visit.amount_fen = std::llround(yuan * 100);
  return row;
}

Result<PolicyRow> ParsePolicyRow(const ColumnMap& columns, const CsvRecord& record) {
  PolicyRow row;
  auto vin = NormalizeVin("vin", Cell(columns, record, ImportField::kVin));
  if (!vin.ok()) {
    return vin.error();
  }
  row.vin = std::move(vin).value();
  row.insurer = Cell(columns, record, ImportField::kInsurer);
  if (row.insurer.empty()) {
    return At(ImportField::kInsurer, "is required");
  }
  auto start = DateCell(columns, record, ImportField::kPolicyStart, false);
  if (!start.ok()) {
    return start.error();
  }
  auto end = DateCell(columns, record, ImportField::kPolicyEnd, true);
  if (!end.ok()) {
    return end.error();
  }
  if (start->IsSet() && end.value() <= start.value()) {
    return At(ImportField::kPolicyEnd, "is not after the start " + start->ToString());
  }
  row.start = start->IsSet() ? start.value() : end->PlusMonths(-12).PlusDays(1);
  row.end = end.value();
  row.policy_number = Cell(columns, record, ImportField::kPolicyNumber);
  if (row.policy_number.empty()) {
    return At(ImportField::kPolicyNumber, "is required");
  }
  const std::string type = Cell(columns, record, ImportField::kPolicyType);
  row.compulsory = type.find("交强") != std::string::npos || type == "compulsory";
  std::string premium = Cell(columns, record, ImportField::kPremium);
  std::erase(premium, ',');  // Excel's thousands separator: "3,215.50"
  if (!premium.empty()) {
    char* end_of_number = nullptr;
    const double yuan = std::strtod(premium.c_str(), &end_of_number);
    if (end_of_number == premium.c_str() || *end_of_number != '\0' || yuan < 0) {
      return At(ImportField::kPremium, "is not an amount in yuan: '" + premium + "'");
    }
    row.premium_fen = std::llround(yuan * 100);
  }
  return row;
}

RowError ToRowError(int line, const Error& error) {
  return RowError{line, error.field, error.message};
}

std::optional<VisitType> ParseVisitType(std::string_view text) {
  static const std::map<std::string, VisitType> types = {
      {"首保", VisitType::kFirstFreeMaintenance},
      {"首次保养", VisitType::kFirstFreeMaintenance},
      {"first", VisitType::kFirstFreeMaintenance},
      {"二保", VisitType::kSecondFreeMaintenance},
      {"second", VisitType::kSecondFreeMaintenance},
      {"定保", VisitType::kRegularMaintenance},
      {"保养", VisitType::kMaintenance},
      {"常规保养", VisitType::kMaintenance},
      {"小保养", VisitType::kMaintenance},
      {"大保养", VisitType::kMaintenance},
      {"maintenance", VisitType::kMaintenance},
      {"定期保养", VisitType::kRegularMaintenance},
      {"regular", VisitType::kRegularMaintenance},
      {"维修", VisitType::kRepair},
      {"一般维修", VisitType::kRepair},
      {"机修", VisitType::kRepair},
      {"repair", VisitType::kRepair},
      {"保修", VisitType::kWarranty},
      {"索赔", VisitType::kWarranty},
      {"warranty", VisitType::kWarranty},
      {"事故", VisitType::kAccidentClaim},
      {"理赔", VisitType::kAccidentClaim},
      {"事故车", VisitType::kAccidentClaim},
      {"claim", VisitType::kAccidentClaim},
      {"钣喷", VisitType::kBodywork},
      {"美容", VisitType::kBodywork},
      {"钣金喷漆", VisitType::kBodywork},
      {"钣金", VisitType::kBodywork},
      {"喷漆", VisitType::kBodywork},
      {"钣喷维修", VisitType::kBodywork},
      {"bodywork", VisitType::kBodywork},
  };
  const auto it = types.find(Lower(TrimSpaces(text)));
  return it == types.end() ? std::nullopt : std::optional(it->second);
}

std::vector<int> AssignLanes(const std::vector<std::vector<std::string>>& keys, int lanes) {
  // Union-find over rows: two rows are joined when they share a key.
  std::vector<size_t> parent(keys.size());
  for (size_t i = 0; i < parent.size(); ++i) {
    parent[i] = i;
  }
  auto root = [&](size_t i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  std::map<std::string, size_t> first_with_key;
  for (size_t i = 0; i < keys.size(); ++i) {
    for (const auto& key : keys[i]) {
      if (key.empty()) {
        continue;
      }
      auto [it, inserted] = first_with_key.emplace(key, i);
      if (!inserted) {
        parent[root(i)] = root(it->second);
      }
    }
  }
  std::vector<int> lane_of(keys.size(), 0);
  std::map<size_t, int> lane_of_group;
  std::vector<size_t> load(static_cast<size_t>(std::max(lanes, 1)), 0);
  for (size_t i = 0; i < keys.size(); ++i) {
    const size_t group = root(i);
    auto it = lane_of_group.find(group);
    if (it == lane_of_group.end()) {
      const auto lightest = std::min_element(load.begin(), load.end()) - load.begin();
      it = lane_of_group.emplace(group, static_cast<int>(lightest)).first;
    }
    lane_of[i] = it->second;
    ++load[static_cast<size_t>(it->second)];
  }
  return lane_of;
}

}  // namespace careloop::customers::domain
