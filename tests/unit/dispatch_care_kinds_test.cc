// Dispatch's templates and rules for the care kinds of appointments, birthday greetings and
// win-back: which template a reminder is written with, its message class, and the texts.
#include <gtest/gtest.h>

#include "services/dispatch/domain/contact_policy.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::domain {
namespace {

SendRequest Request(CareKind kind, Date date, std::string template_name = "") {
  SendRequest request{"rem-1", 1, kind, "cus-1", "S001", "veh-1", date};
  request.template_id = std::move(template_name);
  return request;
}

const Date kToday{2027, 1, 5};

TEST(CareKindTemplates, BirthdaysAreWordedSolarOrLunar) {
  EXPECT_EQ(TemplateNameFor(Request(CareKind::kBirthday, kToday, "birthday"), kToday), "birthday");
  EXPECT_EQ(TemplateNameFor(Request(CareKind::kBirthday, kToday, "birthday_lunar"), kToday), "birthday_lunar");
  EXPECT_EQ(TemplateNameFor(Request(CareKind::kBirthday, kToday), kToday), "birthday");
  // A greeting sent a day late is no "overdue" birthday: the text names no date anyway.
  EXPECT_EQ(TemplateNameFor(Request(CareKind::kBirthday, {2027, 1, 3}, "birthday_lunar"), kToday), "birthday_lunar");
}

TEST(CareKindTemplates, WinBackIsWordedPerStageAndTheOfferPerVehicleAge) {
  for (const char* name :
       {"win_back_at_risk", "win_back_lapsing", "win_back_lost_new", "win_back_lost_middle", "win_back_lost_old"}) {
    EXPECT_EQ(TemplateNameFor(Request(CareKind::kWinBack, kToday, name), kToday), name);
  }
  // A name that is no variant of the kind (or another kind's) is not trusted.
  EXPECT_EQ(TemplateNameFor(Request(CareKind::kWinBack, kToday, "insurance_renewal"), kToday), "win_back_at_risk");
  EXPECT_EQ(TemplateNameFor(Request(CareKind::kRegularMaintenance, {2027, 1, 1}, "win_back_lost_old"), kToday),
            "regular_maintenance_overdue");
}

TEST(CareKindTemplates, AppointmentsHaveOneTemplateEach) {
  EXPECT_EQ(TemplateNameFor(Request(CareKind::kAppointmentConfirmation, {2027, 1, 8}), kToday),
            "appointment_confirmation");
  EXPECT_EQ(TemplateNameFor(Request(CareKind::kAppointmentDayBefore, {2027, 1, 6}), kToday), "appointment_day_before");
  EXPECT_EQ(TemplateNameFor(Request(CareKind::kAppointmentNoShow, kToday), kToday), "appointment_no_show");
}

TEST(CareKindTemplates, EveryVariantHasATemplateThatRendersWithTheUsualValues) {
  const Templates templates = DefaultTemplates();
  const std::map<std::string, std::string> values{{"name", "王先生"},
                                                  {"plate", "京A12345"},
                                                  {"model", "星途瑶光"},
                                                  {"due_date", "2027年1月8日"},
                                                  {"store_phone", "010-85556666"}};
  for (const char* name : {"birthday", "birthday_lunar", "win_back_at_risk", "win_back_lapsing", "win_back_lost_new",
                           "win_back_lost_middle", "win_back_lost_old", "appointment_confirmation",
                           "appointment_day_before", "appointment_no_show"}) {
    ASSERT_TRUE(templates.contains(name)) << name;
    EXPECT_TRUE(RenderTemplate(templates.at(name).text, values).ok()) << name;
  }
  // Greetings and offers are marketing: they carry the opt-out line; a customer-level greeting
  // or a win-back to a customer without a car on record needs no plate.
  for (const char* name : {"birthday", "birthday_lunar", "win_back_at_risk", "win_back_lapsing", "win_back_lost_new",
                           "win_back_lost_middle", "win_back_lost_old"}) {
    EXPECT_NE(templates.at(name).text.find("回T退订"), std::string::npos) << name;
    EXPECT_TRUE(RenderTemplate(templates.at(name).text, {{"name", "王先生"}, {"store_phone", "010-85556666"}}).ok())
        << name;
  }
  // The no-show follow-up is about the day that passed: it names no date.
  EXPECT_EQ(templates.at("appointment_no_show").text.find("${due_date}"), std::string::npos);
  EXPECT_EQ(templates.at("birthday").text.find("${due_date}"), std::string::npos);
}

TEST(CareKindClasses, TheConfirmationIsServiceCriticalGreetingsAndOffersAreMarketing) {
  EXPECT_EQ(ClassOf(CareKind::kAppointmentConfirmation), MessageClass::kServiceCritical);
  EXPECT_EQ(ClassOf(CareKind::kAppointmentDayBefore), MessageClass::kCare);
  EXPECT_EQ(ClassOf(CareKind::kAppointmentNoShow), MessageClass::kCare);
  EXPECT_EQ(ClassOf(CareKind::kBirthday), MessageClass::kMarketing);
  EXPECT_EQ(ClassOf(CareKind::kWinBack), MessageClass::kMarketing);
  EXPECT_EQ(ClassOf(CareKind::kRegularMaintenance), MessageClass::kCare);
  EXPECT_TRUE(WithinCap(MessageClass::kServiceCritical, 99, FrequencyCap{}));
}

}  // namespace
}  // namespace careloop::dispatch::domain
