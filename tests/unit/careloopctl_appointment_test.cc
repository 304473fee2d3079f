// `careloopctl appointment book|list`: the --at time, the --type words, and the table.
#include <gtest/gtest.h>

#include <algorithm>

#include "common/events/proto_event.h"
#include "tools/careloopctl/appointment_view.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {
namespace {

namespace rv1 = careloop::reminder::v1;

TEST(AppointmentTime, ALocalWallClockTimeOrRfc3339) {
  const TimeZone& zone = DisplayZone();
  EXPECT_EQ(ParseAppointmentTime("2027-01-05 10:00", zone), ParseRfc3339("2027-01-05T10:00:00+08:00"));
  EXPECT_EQ(ParseAppointmentTime("2027-01-05T10:00", zone), ParseRfc3339("2027-01-05T10:00:00+08:00"));
  EXPECT_EQ(ParseAppointmentTime("2027-01-05T02:00:00Z", zone), ParseRfc3339("2027-01-05T10:00:00+08:00"));
  EXPECT_FALSE(ParseAppointmentTime("2027-02-30 10:00", zone).has_value());
  EXPECT_FALSE(ParseAppointmentTime("2027-01-05 25:00", zone).has_value());
  EXPECT_FALSE(ParseAppointmentTime("tomorrow", zone).has_value());
  EXPECT_FALSE(ParseAppointmentTime("2027-01-05", zone).has_value());
}

TEST(AppointmentType, TheContractsVisitTypesWithoutPrefix) {
  const auto words = VisitTypeWords();
  EXPECT_NE(std::find(words.begin(), words.end(), "regular_maintenance"), words.end());
  EXPECT_NE(std::find(words.begin(), words.end(), "repair"), words.end());
  EXPECT_EQ(std::find(words.begin(), words.end(), "unspecified"), words.end());
  EXPECT_EQ(VisitTypeOfWord("regular_maintenance"), careloop::customer::v1::VISIT_TYPE_REGULAR_MAINTENANCE);
  EXPECT_FALSE(VisitTypeOfWord("oil_change").has_value());
}

TEST(AppointmentTable, ShowsLocalTimesTypeStatusAndWhyCancelled) {
  rv1::Appointment booked;
  booked.set_appointment_id("apt-1");
  booked.set_customer_id("cus-1");
  booked.set_vehicle_id("veh-1");
  booked.set_store_id("S001");
  *booked.mutable_scheduled_at() = events::ToTimestamp(*ParseRfc3339("2027-01-05T10:00:00+08:00"));
  booked.set_duration_minutes(60);
  booked.set_visit_type(careloop::customer::v1::VISIT_TYPE_REGULAR_MAINTENANCE);
  booked.set_status(rv1::APPOINTMENT_STATUS_BOOKED);
  rv1::Appointment cancelled = booked;
  cancelled.set_appointment_id("apt-2");
  cancelled.set_status(rv1::APPOINTMENT_STATUS_CANCELLED);
  cancelled.set_cancel_reason("customer travelling");
  const std::string table = AppointmentsTable({booked, cancelled});
  EXPECT_NE(table.find("2027-01-05 10:00"), std::string::npos);
  EXPECT_NE(table.find("regular_maintenance"), std::string::npos);
  EXPECT_NE(table.find("booked"), std::string::npos);
  EXPECT_NE(table.find("cancelled (customer travelling)"), std::string::npos);
  EXPECT_LT(table.find("apt-1"), table.find("apt-2"));
}

}  // namespace
}  // namespace careloop::ctl
