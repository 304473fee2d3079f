#include <gtest/gtest.h>

#include <sstream>

#include "services/customers/domain/dms_import.h"

namespace careloop::customers::domain {
namespace {

const Date kToday{2026, 11, 22};

std::vector<Result<CsvRecord>> ReadAll(const std::string& text, TextEncoding encoding = TextEncoding::kUtf8,
                                       std::vector<int>* lines = nullptr) {
  std::istringstream in(text);
  CsvReader reader(in, encoding);
  std::vector<Result<CsvRecord>> out;
  while (auto record = reader.Next()) {
    out.push_back(std::move(*record));
    if (lines != nullptr) {
      lines->push_back(reader.record_line());
    }
  }
  return out;
}

TEST(CsvReader, HandlesBomQuotesDoubledQuotesCrlfAndLineBreaksInQuotes) {
  const auto records = ReadAll("\xEF\xBB\xBFname,note\r\n王小明,\"说 \"\"好\"\", 可以\"\r\n李娜,\"两\n行\"\r\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].value().fields, (std::vector<std::string>{"name", "note"}));
  EXPECT_EQ(records[1].value().fields[1], "说 \"好\", 可以");
  EXPECT_EQ(records[2].value().fields[1], "两\n行");
  EXPECT_EQ(records[2].value().line, 3);
}

TEST(CsvReader, UnbalancedQuoteIsAnErrorAndReadingGoesOnAtTheNextLine) {
  std::vector<int> lines;
  const auto records = ReadAll("a,b\n\"broken,row\nc,d\ne,f\n", TextEncoding::kUtf8, &lines);
  ASSERT_EQ(records.size(), 4u);
  ASSERT_FALSE(records[1].ok());
  EXPECT_EQ(lines[1], 2);
  EXPECT_NE(records[1].error().message.find("unbalanced quote"), std::string::npos) << records[1].error().message;
  EXPECT_EQ(records[2].value().fields, (std::vector<std::string>{"c", "d"}));
  EXPECT_EQ(records[2].value().line, 3);
  EXPECT_EQ(records[3].value().fields, (std::vector<std::string>{"e", "f"}));
}

TEST(CsvReader, GbkIsDetectedAndConverted) {
  const std::string gbk =
      "\xBF\xCD\xBB\xA7\xD0\xD5\xC3\xFB,\xB3\xB5\xD0\xCD\n\xCD\xF5\xD0\xA1\xC3\xF7,\xD0\xC7\xCD\xBE\xD1\xFE\xB9\xE2\n";
  EXPECT_EQ(DetectEncoding(gbk), TextEncoding::kGbk);
  EXPECT_EQ(DetectEncoding("客户姓名,车型\n"), TextEncoding::kUtf8);
  const auto records = ReadAll(gbk, TextEncoding::kGbk);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].value().fields, (std::vector<std::string>{"客户姓名", "车型"}));
  EXPECT_EQ(records[1].value().fields, (std::vector<std::string>{"王小明", "星途瑶光"}));
}

TEST(CsvReader, GbkBytesReadAsUtf8AreAnEncodingErrorWithTheLine) {
  std::vector<int> lines;
  const auto records = ReadAll("name\n\xCD\xF5\xD0\xA1\xC3\xF7\n", TextEncoding::kUtf8, &lines);
  ASSERT_EQ(records.size(), 2u);
  ASSERT_FALSE(records[1].ok());
  EXPECT_EQ(records[1].error().field, "encoding");
  EXPECT_EQ(lines[1], 2);
}

TEST(ImportHeader, ChineseAndEnglishHeadersAreRecognised) {
  auto columns = MapHeader(ImportKind::kDeliveries,
                           {"客户姓名", "联系电话", "车架号", "车牌号", "车型", "购车日期", "交车日期", "销售顾问"});
  ASSERT_TRUE(columns.ok()) << columns.error().ToString();
  EXPECT_EQ(columns->at(ImportField::kMobile), 1u);
  EXPECT_EQ(columns->at(ImportField::kDeliveryDate), 6u);
  EXPECT_TRUE(MapHeader(ImportKind::kVisits, {"VIN", "Visit Date", "odometer", "visit_type"}).ok());
}

TEST(ImportHeader, MissingColumnsAreNamedAndAMappingFileFillsThem) {
  const std::vector<std::string> header{"车主", "电话号", "车架号", "车牌号", "车型", "交车日期"};
  auto missing = MapHeader(ImportKind::kDeliveries, header);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("name, mobile"), std::string::npos) << missing.error().message;
  EXPECT_TRUE(MapHeader(ImportKind::kDeliveries, header, {{"车主", "name"}, {"电话号", "mobile"}}).ok());
  EXPECT_EQ(MapHeader(ImportKind::kDeliveries, header, {{"车主", "owner"}}).error().field, "mapping");
}

CsvRecord Record(std::vector<std::string> fields) {
  return CsvRecord{7, std::move(fields)};
}

TEST(DeliveryRows, NormaliseDatesPhonesAndVins) {
  const auto columns =
      MapHeader(ImportKind::kDeliveries, {"客户姓名", "手机号码", "车架号", "车牌号", "车型", "购车日期", "交车日期"})
          .value();
  auto row = ParseDeliveryRow(
      columns,
      Record({" 王小明 ", "+86 139-1234-5678", "lsvam4186r2184847", "京A12345", "星途瑶光", "2026/9/1", "20260903"}),
      kToday);
  ASSERT_TRUE(row.ok()) << row.error().ToString();
  EXPECT_EQ(row->customer.mobile, "13912345678");
  EXPECT_EQ(row->vehicle.vin, "LSVAM4186R2184847");
  EXPECT_EQ(row->vehicle.purchase_date, (Date{2026, 9, 1}));
  EXPECT_EQ(row->vehicle.delivery_date, (Date{2026, 9, 3}));
}

TEST(DeliveryRows, EachBadFieldIsNamed) {
  const auto columns =
      MapHeader(ImportKind::kDeliveries, {"客户姓名", "手机号码", "车架号", "车牌号", "车型", "交车日期"}).value();
  const std::vector<std::string> good{"王小明",   "13912345678", "LSVAM4186R2184847",
                                      "京A12345", "星途瑶光",    "2026-09-03"};
  const std::vector<std::pair<size_t, std::string>> cases = {
      {1, "mobile"}, {2, "vin"}, {3, "plate"}, {5, "delivery_date"}};
  for (const auto& [column, field] : cases) {
    auto fields = good;
    fields[column] = column == 5 ? "2027-01-01" : "bad";
    auto row = ParseDeliveryRow(columns, Record(fields), kToday);
    ASSERT_FALSE(row.ok()) << field;
    EXPECT_EQ(row.error().field, field);
    EXPECT_EQ(ToRowError(7, row.error()).line, 7);
  }
}

TEST(VisitRows, VisitTypesAmountsAndOdometers) {
  const auto columns =
      MapHeader(ImportKind::kVisits, {"车架号", "进厂日期", "行驶里程", "维修类型", "结算金额", "服务顾问"}).value();
  auto row = ParseVisitRow(columns, Record({"LSVAM4186R2184847", "2026/11/1 0:00:00", "4,980", "首保", "0", "李顾问"}),
                           kToday);
  ASSERT_TRUE(row.ok()) << row.error().ToString();
  EXPECT_EQ(row->visit.visit_type, VisitType::kFirstFreeMaintenance);
  EXPECT_EQ(row->visit.odometer_km, 4980);
  EXPECT_EQ(row->visit.visit_date, (Date{2026, 11, 1}));
  auto unknown = ParseVisitRow(columns, Record({"LSVAM4186R2184847", "2026-11-01", "5000", "洗车", "0", ""}), kToday);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "visit_type");
  EXPECT_EQ(ParseVisitType("理赔"), VisitType::kAccidentClaim);
}

TEST(PolicyRows, EndMustFollowStart) {
  const auto columns =
      MapHeader(ImportKind::kPolicies, {"车架号", "保险公司", "保单号", "保险起期", "保险到期日"}).value();
  EXPECT_TRUE(ParsePolicyRow(columns, Record({"LSVAM4186R2184847", "人保", "P1", "2026-09-03", "2027-09-02"})).ok());
  EXPECT_EQ(
      ParsePolicyRow(columns, Record({"LSVAM4186R2184847", "人保", "P1", "2026-09-03", "2026-09-01"})).error().field,
      "policy_end");
}

TEST(PolicyRows, ReadTypePremiumAndDefaultTheStartToAYearBeforeTheEnd) {
  const auto columns =
      MapHeader(ImportKind::kPolicies, {"VIN", "保险公司", "保单号", "险种", "保险到期日", "保费"}).value();
  auto row = ParsePolicyRow(columns, Record({"LSVAM4186R2184847", "中国人保", "PDAA1", "交强险", "2027/9/2", "950.5"}));
  ASSERT_TRUE(row.ok()) << row.error().message;
  EXPECT_TRUE(row->compulsory);
  EXPECT_EQ(row->premium_fen, 95050);
  EXPECT_EQ(row->start, (Date{2026, 9, 3}));
  EXPECT_EQ(
      ParsePolicyRow(columns, Record({"LSVAM4186R2184847", "中国人保", "", "商业险", "2027/9/2", ""})).error().field,
      "policy_number");
  EXPECT_EQ(ParsePolicyRow(columns, Record({"LSVAM4186R2184847", "中国人保", "P2", "商业险", "2027/9/2", "abc"}))
                .error()
                .field,
            "premium");
  // A header without a policy number column cannot be imported at all.
  EXPECT_EQ(MapHeader(ImportKind::kPolicies, {"VIN", "保险公司", "保险到期日"}).error().field, "header");
}

TEST(AssignLanes, RowsSharingAMobileOrVinShareALane) {
  // Rows 0, 2 and 4 are one person (mobile), row 4 also shares row 5's car: all one lane.
  const std::vector<std::vector<std::string>> keys = {
      {"m:139", "v:A"}, {"m:137", "v:B"}, {"m:139", "v:C"}, {"m:150", "v:D"},
      {"m:139", "v:E"}, {"m:188", "v:E"}, {"", ""},
  };
  const std::vector<int> lanes = AssignLanes(keys, 3);
  ASSERT_EQ(lanes.size(), keys.size());
  EXPECT_EQ(lanes[0], lanes[2]);
  EXPECT_EQ(lanes[0], lanes[4]);
  EXPECT_EQ(lanes[4], lanes[5]);
  // Unrelated rows spread over the other lanes.
  EXPECT_NE(lanes[1], lanes[0]);
  EXPECT_NE(lanes[3], lanes[0]);
  EXPECT_NE(lanes[1], lanes[3]);
  for (int lane : lanes) {
    EXPECT_GE(lane, 0);
    EXPECT_LT(lane, 3);
  }
  EXPECT_EQ(AssignLanes(keys, 1), std::vector<int>(keys.size(), 0));
}

}  // namespace
}  // namespace careloop::customers::domain

namespace careloop::customers::domain {
namespace {

// A delivery export with the customer's profile columns, one data row.
Result<DeliveryRow> ParseDeliveryWith(const std::string& extra_header, const std::string& extra_cells) {
  const auto records = ReadAll("客户姓名,手机号码,车架号,车牌号,车型,交车日期" + extra_header + "\n" +
                               "张伟,13912345678,LSVAM4186R2184847,京A12345,星途瑶光,2026-10-01" + extra_cells + "\n");
  auto columns = MapHeader(ImportKind::kDeliveries, records[0].value().fields, {});
  EXPECT_TRUE(columns.ok());
  return ParseDeliveryRow(columns.value(), records[1].value(), kToday);
}

TEST(DmsVisitTypes, BodyworkAndGenericMaintenanceAreRead) {
  EXPECT_EQ(ParseVisitType("钣金"), VisitType::kBodywork);
  EXPECT_EQ(ParseVisitType("喷漆"), VisitType::kBodywork);
  EXPECT_EQ(ParseVisitType("保养"), VisitType::kMaintenance);  // which one is decided against the car's history
  EXPECT_EQ(ParseVisitType(" 定保 "), VisitType::kRegularMaintenance);
  EXPECT_EQ(ParseVisitType("首保"), VisitType::kFirstFreeMaintenance);
  EXPECT_FALSE(ParseVisitType("洗衣").has_value());
}

TEST(DeliveryImport, TheCustomersProfileColumnsLandInTheRecord) {
  const auto row = ParseDeliveryWith(",性别,生日,省份,城市,区县,详细地址,家庭电话,办公电话,身份证号,职业,购车用途",
                                     ",女,1985-03-07,浙江省,杭州市,西湖区,文三路 90 号,0571-88886666,0571-87776666,"
                                     "330106198001011235,教师,家用");
  ASSERT_TRUE(row.ok()) << row.error().ToString();
  EXPECT_EQ(row->customer.gender, Gender::kFemale);
  EXPECT_EQ(row->customer.birthday, (Date{1985, 3, 7}));
  EXPECT_FALSE(row->customer.profile.birthday_is_lunar);
  const Profile& profile = row->customer.profile;
  EXPECT_EQ(profile.address.province, "浙江省");
  EXPECT_EQ(profile.address.city, "杭州市");
  EXPECT_EQ(profile.address.district, "西湖区");
  EXPECT_EQ(profile.address.street, "文三路 90 号");
  EXPECT_EQ(profile.home_phone, "0571-88886666");
  EXPECT_EQ(profile.office_phone, "0571-87776666");
  EXPECT_EQ(profile.national_id, "330106198001011235");
  EXPECT_EQ(profile.occupation, "教师");
  EXPECT_EQ(profile.purchase_purpose, PurchasePurpose::kPrivate);
}

TEST(DeliveryImport, ALunarBirthdayIsKeptAsLunar) {
  const auto lunar_column = ParseDeliveryWith(",农历生日", ",1990-08-15");
  ASSERT_TRUE(lunar_column.ok()) << lunar_column.error().ToString();
  EXPECT_EQ(lunar_column->customer.birthday, (Date{1990, 8, 15}));
  EXPECT_TRUE(lunar_column->customer.profile.birthday_is_lunar);
  const auto calendar_column = ParseDeliveryWith(",生日,生日类型", ",1990-08-15,农历");
  ASSERT_TRUE(calendar_column.ok());
  EXPECT_TRUE(calendar_column->customer.profile.birthday_is_lunar);
  const auto solar = ParseDeliveryWith(",生日,生日类型", ",1990-08-15,公历");
  ASSERT_TRUE(solar.ok());
  EXPECT_FALSE(solar->customer.profile.birthday_is_lunar);
}

TEST(DeliveryImport, ALunarBirthdayOnTheSecondMonthsThirtiethDayIsReadAsWritten) {
  // 二月三十 is no solar date, but a lunar one: the cell is read as written, not as 1 March.
  const auto lunar_column = ParseDeliveryWith(",农历生日", ",1985/2/30");
  ASSERT_TRUE(lunar_column.ok()) << lunar_column.error().ToString();
  EXPECT_EQ(lunar_column->customer.birthday, (Date{1985, 2, 30}));
  const auto calendar_column = ParseDeliveryWith(",生日,生日类型", ",1985-02-29,农历");
  ASSERT_TRUE(calendar_column.ok()) << calendar_column.error().ToString();
  EXPECT_EQ(calendar_column->customer.birthday, (Date{1985, 2, 29}));
  // The same cell as a solar birthday, and a lunar day 31, are refused naming the column.
  const auto solar = ParseDeliveryWith(",生日", ",1985-02-30");
  ASSERT_FALSE(solar.ok());
  EXPECT_EQ(solar.error().field, "birthday");
  const auto day31 = ParseDeliveryWith(",农历生日", ",1985-03-31");
  ASSERT_FALSE(day31.ok());
  EXPECT_EQ(day31.error().field, "lunar_birthday");
}

TEST(DeliveryImport, BadProfileCellsNameTheirField) {
  const auto gender = ParseDeliveryWith(",性别", ",未知");
  ASSERT_FALSE(gender.ok());
  EXPECT_EQ(gender.error().field, "gender");
  const auto purpose = ParseDeliveryWith(",购车用途", ",赛车");
  ASSERT_FALSE(purpose.ok());
  EXPECT_EQ(purpose.error().field, "purchase_purpose");
  const auto future = ParseDeliveryWith(",生日", ",2030-01-01");
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().field, "birthday");
  // Empty cells are simply unknown.
  const auto empty = ParseDeliveryWith(",性别,生日,购车用途", ",,,");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->customer.gender, Gender::kUnspecified);
  EXPECT_FALSE(empty->customer.birthday.IsSet());
}

TEST(DeliveryImport, ColumnsTheImportDoesNotReadAreNamed) {
  const std::vector<std::string> header = {"客户姓名", "手机号码", "车架号",   "车牌号", "车型", "交车日期",
                                           "性别",     "备注",     "行驶里程", "",       "车牌"};
  auto columns = MapHeader(ImportKind::kDeliveries, header, {});
  ASSERT_TRUE(columns.ok());
  // 备注 is unknown, 行驶里程 belongs to visit exports, the second plate column is not read.
  EXPECT_EQ(IgnoredColumns(ImportKind::kDeliveries, header, columns.value()),
            (std::vector<std::string>{"备注", "行驶里程", "车牌"}));
}

TEST(DeliveryImport, AMappingToAnUnknownFieldListsTheValidOnes) {
  const auto columns =
      MapHeader(ImportKind::kDeliveries, {"客户姓名", "手机号码", "车架号", "车牌号", "车型", "交车日期", "sex2"},
                {{"sex2", "sex"}});
  ASSERT_FALSE(columns.ok());
  EXPECT_EQ(columns.error().field, "mapping");
  EXPECT_NE(columns.error().message.find("unknown field 'sex'"), std::string::npos);
  EXPECT_NE(columns.error().message.find("(fields: name, mobile, gender, birthday,"), std::string::npos)
      << columns.error().message;
  // The names it lists are the ones it takes.
  EXPECT_TRUE(MapHeader(ImportKind::kDeliveries,
                        {"客户姓名", "手机号码", "车架号", "车牌号", "车型", "交车日期", "sex2"}, {{"sex2", "gender"}})
                  .ok());
}

}  // namespace
}  // namespace careloop::customers::domain
