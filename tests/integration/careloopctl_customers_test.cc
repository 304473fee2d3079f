// careloopctl's customer commands run in this process against the customers service over gRPC
// and a real redis-server: the record's name, mobile, gender and birthday, cars (add, transfer,
// update), odometer readings, complaints and single policies, an address written once for a
// municipality, and --json for scripts (one document, empty lists present, numbers as numbers),
// the import report listing created lines.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/integration/careloopctl_run.h"
#include "tests/integration/customers_fixture.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/session.h"

namespace careloop {
namespace {

namespace pb = careloop::customer::v1;
constexpr int kDb = 13;

using testing::CtlRun;

class CareloopctlCustomersTest : public testing::CustomersServerFixture {
 protected:
  CareloopctlCustomersTest() : CustomersServerFixture(kDb) {}

  // Runs careloopctl with `args` (after the program name) as the admin, or as `token`.
  CtlRun Ctl(std::vector<std::string> args, const std::string& token = "admin") {
    args.insert(args.begin(), {"--customers-addr", "127.0.0.1:" + std::to_string(server_.port()), "--token", token});
    return testing::RunCtl(
        [](CLI::App& app, ctl::Session& session) {
          ctl::AddCustomerCommands(app, session);
          ctl::AddImportCommand(app, session);
        },
        args);
  }

  // A new customer of S001 (id) and one car (vehicle id), through the CLI.
  std::pair<std::string, std::string> Owner(const std::string& mobile, const std::string& vin,
                                            const std::string& plate) {
    const CtlRun created =
        Ctl({"customer", "create", "--store", "S001", "--name", "王小明", "--mobile", mobile, "--json"});
    EXPECT_EQ(created.code, 0) << created.err;
    const std::string id = created.Json()["customer_id"];
    const CtlRun car = Ctl({"vehicle", "add", "--customer", id, "--vin", vin, "--plate", plate, "--model", "星途瑶光",
                            "--delivered", "2026-09-03", "--json"});
    EXPECT_EQ(car.code, 0) << car.err;
    return {id, car.code == 0 ? std::string(car.Json()["vehicle_id"]) : ""};
  }
};

TEST_F(CareloopctlCustomersTest, UpdateSetsNameMobileGenderAndBirthday) {
  const auto [id, car] = Owner("13912345678", "LSVAM4186R2184847", "京A12345");
  const CtlRun updated = Ctl({"customers", "update", id, "--name", "王大明", "--mobile", "+86 139-0000-2222",
                              "--gender", "male", "--birthday", "1985-03-07", "--lunar", "true", "--json"});
  ASSERT_EQ(updated.code, 0) << updated.err;
  const auto record = updated.Json();
  EXPECT_EQ(record["name"], "王大明");
  EXPECT_EQ(record["mobile"], "13900002222");
  EXPECT_EQ(record["gender"], "GENDER_MALE");
  EXPECT_EQ(record["birthday"], (nlohmann::json{{"year", 1985}, {"month", 3}, {"day", 7}}));
  EXPECT_EQ(record["birthday_is_lunar"], true);
  const CtlRun found = Ctl({"customer", "find", "--mobile", "13900002222", "--json"});
  ASSERT_EQ(found.code, 0) << found.err;
  ASSERT_EQ(found.Json()["customers"].size(), 1u);
  EXPECT_EQ(found.Json()["customers"][0]["customer_id"], id);

  // A bad value names its field.
  const CtlRun bad = Ctl({"customers", "update", id, "--mobile", "010-88886666"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("customer.mobile"), std::string::npos) << bad.err;
}

TEST_F(CareloopctlCustomersTest, APlateOnAnotherCarIsRefusedUnlessTransferredAndCarsChange) {
  const auto [seller, old_car] = Owner("13912345678", "LSVAM4186R2184847", "京A12345");
  const CtlRun buyer_created =
      Ctl({"customer", "create", "--store", "S001", "--name", "李娜", "--mobile", "13700001111", "--json"});
  const std::string buyer = buyer_created.Json()["customer_id"];
  std::vector<std::string> add = {"vehicle", "add",      "--customer", buyer,      "--vin",       "LSVAM4186R2184847",
                                  "--plate", "京A12345", "--model",    "星途瑶光", "--delivered", "2026-09-03"};
  const CtlRun refused = Ctl(add);
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.err.find("ALREADY_EXISTS"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find(old_car), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find(seller), std::string::npos) << refused.err;

  add.push_back("--transfer");
  add.push_back("--json");
  const CtlRun taken = Ctl(add);
  ASSERT_EQ(taken.code, 0) << taken.err;
  const std::string new_car = taken.Json()["vehicle_id"];
  const CtlRun old_owner = Ctl({"customer", "get", seller, "--json"});
  EXPECT_EQ(old_owner.Json()["vehicles"][0]["status"], "VEHICLE_STATUS_TRANSFERRED");
  const CtlRun table = Ctl({"customer", "get", seller});
  EXPECT_NE(table.out.find("transferred"), std::string::npos) << table.out;
  const CtlRun by_plate = Ctl({"customer", "find", "--plate", "京a·12345", "--json"});
  ASSERT_EQ(by_plate.code, 0) << by_plate.err;
  EXPECT_EQ(by_plate.Json()["customers"][0]["customer_id"], buyer);

  const CtlRun changed =
      Ctl({"vehicle", "update", new_car, "--customer", buyer, "--plate", "京A54321", "--advisor", "sa-li", "--json"});
  ASSERT_EQ(changed.code, 0) << changed.err;
  EXPECT_EQ(changed.Json()["plate"], "京A54321");
  EXPECT_EQ(changed.Json()["assigned_advisor"], "sa-li");
  const CtlRun sold = Ctl({"vehicle", "update", new_car, "--customer", buyer, "--status", "sold"});
  ASSERT_EQ(sold.code, 0) << sold.err;
  EXPECT_NE(sold.out.find("sold"), std::string::npos) << sold.out;
  EXPECT_EQ(Ctl({"customer", "find", "--plate", "京A54321"}).code, 1);  // a sold car's plate finds nobody
  EXPECT_EQ(Ctl({"vehicle", "update", new_car, "--customer", buyer}).code, 2);
  EXPECT_EQ(Ctl({"vehicle", "update", new_car, "--customer", buyer, "--status", "stolen"}).code, 2);
}

TEST_F(CareloopctlCustomersTest, OdometerComplaintAndPolicyAreRecordedOnTheTimeline) {
  const auto [id, car] = Owner("13912345678", "LSVAM4186R2184847", "京A12345");
  const CtlRun reading =
      Ctl({"odometer", "record", "--customer", id, "--vehicle", car, "--km", "3000", "--date", "2026-11-01", "--json"});
  ASSERT_EQ(reading.code, 0) << reading.err;
  EXPECT_EQ(reading.Json()["odometer_km"], 3000);
  const CtlRun complaint = Ctl({"complaint", "record", "--customer", id, "--severity", "major", "--summary",
                                "等待时间过长", "--opened", "2026-11-10", "--vehicle", car, "--json"});
  ASSERT_EQ(complaint.code, 0) << complaint.err;
  EXPECT_EQ(complaint.Json()["outcome"], "COMPLAINT_OUTCOME_OPEN");
  EXPECT_EQ(complaint.Json()["closed_date"], nullptr);  // unset dates are null
  const std::string complaint_id = complaint.Json()["complaint_id"];
  const CtlRun closed =
      Ctl({"complaint", "record", "--customer", id, "--complaint-id", complaint_id, "--severity", "major", "--summary",
           "等待时间过长", "--opened", "2026-11-10", "--outcome", "resolved_satisfied", "--closed", "2026-11-12"});
  ASSERT_EQ(closed.code, 0) << closed.err;
  EXPECT_NE(closed.out.find("resolved_satisfied"), std::string::npos) << closed.out;
  const CtlRun policy = Ctl({"policy", "record", "--customer", id, "--vehicle", car, "--insurer", "中国人保",
                             "--number", "PDAA2026110001", "--start", "2026-09-03", "--end", "2027-09-02",
                             "--premium-yuan", "950", "--compulsory", "--through-store", "--json"});
  ASSERT_EQ(policy.code, 0) << policy.err;
  EXPECT_EQ(policy.Json()["premium_fen"], 95000);  // a number, not "95000"
  EXPECT_EQ(policy.Json()["compulsory"], true);
  const CtlRun backwards = Ctl({"policy", "record", "--customer", id, "--vehicle", car, "--insurer", "中国人保",
                                "--number", "X1", "--start", "2026-09-03", "--end", "2026-09-01"});
  EXPECT_EQ(backwards.code, 1);
  EXPECT_NE(backwards.err.find("end_date"), std::string::npos) << backwards.err;

  const CtlRun timeline = Ctl({"customers", "timeline", id, "--json"});
  ASSERT_EQ(timeline.code, 0) << timeline.err;
  std::set<std::string> kinds;
  const auto entries = timeline.Json()["entries"];
  for (const auto& entry : entries) {
    kinds.insert(entry["kind"].get<std::string>());
  }
  for (const char* kind :
       {"TIMELINE_ENTRY_KIND_ODOMETER", "TIMELINE_ENTRY_KIND_COMPLAINT", "TIMELINE_ENTRY_KIND_INSURANCE_POLICY"}) {
    EXPECT_TRUE(kinds.contains(kind)) << kind << " missing from " << timeline.out;
  }
}

TEST_F(CareloopctlCustomersTest, AMunicipalityIsPrintedOnceAndAnEmptySearchIsAnEmptyList) {
  const auto [id, car] = Owner("13912345678", "LSVAM4186R2184847", "京A12345");
  ASSERT_EQ(Ctl({"customers", "update", id, "--province", "北京市", "--city", "北京市", "--district", "朝阳区",
                 "--street", "建国路 88 号"})
                .code,
            0);
  const CtlRun shown = Ctl({"customer", "get", id});
  EXPECT_NE(shown.out.find("北京市朝阳区建国路 88 号"), std::string::npos) << shown.out;
  EXPECT_EQ(shown.out.find("北京市北京市"), std::string::npos) << shown.out;

  const CtlRun none = Ctl({"customers", "search", "--city", "杭州市", "--json"});
  ASSERT_EQ(none.code, 0) << none.err;
  EXPECT_EQ(none.Json()["customers"], nlohmann::json::array());
  EXPECT_EQ(none.Json()["page"]["total_count"], 0);
  const CtlRun all = Ctl({"customers", "search", "--all", "--page-size", "1", "--json"});
  ASSERT_EQ(all.code, 0) << all.err;
  EXPECT_EQ(all.Json()["customers"].size(), 1u);  // one document, not one per page
}

TEST_F(CareloopctlCustomersTest, TheImportReportListsCreatedLines) {
  const auto file = std::filesystem::temp_directory_path() / ("careloopctl-import-" + NewRandomId("") + ".csv");
  {
    std::ofstream csv(file);
    csv << "客户姓名,联系电话,车架号,车牌号,车型,交车日期\n"
           "王小明,13912345678,LSVAM4186R2184847,京A12345,星途瑶光,2026-09-03\n"
           "赵六,12345,LSGGF53W2RH123456,京D22222,星途瑶光,2026-09-10\n";
  }
  const CtlRun report = Ctl({"import", "deliveries", file.string(), "--store", "S001", "--json"}, "clerk1");
  EXPECT_EQ(report.code, 3) << report.err;
  const auto json = report.Json();
  EXPECT_EQ(json["rows_created"], 1);
  EXPECT_EQ(json["rows_merged"], 0);
  ASSERT_EQ(json["lines"].size(), 2u);
  EXPECT_EQ(json["lines"][0]["line_number"], 2);
  EXPECT_EQ(json["lines"][0]["outcome"], "IMPORT_LINE_OUTCOME_CREATED");
  const std::string created = json["lines"][0]["customer_id"];
  EXPECT_FALSE(created.empty());
  EXPECT_EQ(json["ignored_columns"], nlohmann::json::array());

  // The summary lists every line too: the same line again, the bad one, a new one.
  std::ofstream(file, std::ios::app) << "李娜,13700001111,LFV2A21K9R3056721,京B66666,星途揽月,2026-09-05\n";
  const CtlRun again = Ctl({"import", "deliveries", file.string(), "--store", "S001"}, "clerk1");
  EXPECT_NE(again.out.find("line 2: unchanged — customer " + created), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("line 3: mobile: "), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("line 4: created — customer cus-"), std::string::npos) << again.out;
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace careloop
