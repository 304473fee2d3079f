// The enum tables of the reminders, dispatch and surveys services: each round-trips, refuses
// ints it does not hold, and uses the same words as the domain's own names (template keys,
// ledger and log words), so a word is never written two ways.
#include <gtest/gtest.h>

#include <climits>

#include "common/events/enum_input.h"
#include "services/dispatch/adapters/call_task_mapping.h"
#include "services/dispatch/adapters/enum_tables.h"
#include "services/reminders/adapters/enum_tables.h"
#include "services/surveys/adapters/enum_tables.h"

namespace careloop {
namespace {

// Every row round-trips domain → proto → domain and word → domain, and no out-of-range int maps.
template <class Table>
void ExpectRoundTrips(const Table& table) {
  for (const auto& row : table.rows()) {
    ASSERT_TRUE(table.ToProto(row.domain).has_value());
    EXPECT_EQ(table.FromProto(static_cast<int>(*table.ToProto(row.domain))), row.domain);
    EXPECT_EQ(table.FromWord(row.word), row.domain);
  }
  for (int outside : {-1, 99, INT_MIN, INT_MAX}) {
    EXPECT_FALSE(table.FromProto(outside).has_value()) << outside;
  }
}

TEST(ServiceEnumTables, EveryTableRoundTrips) {
  ExpectRoundTrips(reminders::adapters::kReminderKinds);
  ExpectRoundTrips(reminders::adapters::kReminderStatuses);
  ExpectRoundTrips(dispatch::adapters::kCareKinds);
  ExpectRoundTrips(dispatch::adapters::kMessageStatuses);
  ExpectRoundTrips(dispatch::adapters::kSuppressions);
  ExpectRoundTrips(dispatch::adapters::kReplyKinds);
  ExpectRoundTrips(surveys::adapters::kSurveyKinds);
  ExpectRoundTrips(surveys::adapters::kSurveyStatuses);
  ExpectRoundTrips(surveys::adapters::kAnswerChannels);
  ExpectRoundTrips(surveys::adapters::kAnswerSources);
  ExpectRoundTrips(surveys::adapters::kAnswerTypes);
}

TEST(ServiceEnumTables, WordsAreTheDomainsOwnNames) {
  for (const auto& row : reminders::adapters::kReminderKinds.rows()) {
    EXPECT_EQ(row.word, reminders::domain::KindName(row.domain));
  }
  for (const auto& row : dispatch::adapters::kCareKinds.rows()) {
    EXPECT_EQ(row.word, dispatch::domain::CareKindName(row.domain));  // the dispatch.templates keys
    EXPECT_EQ(dispatch::domain::ParseCareKind(row.word), row.domain);
  }
  for (const auto& row : dispatch::adapters::kMessageStatuses.rows()) {
    EXPECT_EQ(row.word, dispatch::domain::StatusName(row.domain));
  }
  for (const auto& row : dispatch::adapters::kSuppressions.rows()) {
    EXPECT_EQ(row.word, dispatch::domain::SuppressionName(row.domain));
  }
}

TEST(ServiceEnumTables, ReminderStatusWordsAreTheCliFilter) {
  EXPECT_EQ(reminders::adapters::kReminderStatuses.Words(),
            (std::vector<std::string>{"scheduled", "due", "cancelled", "missed", "done"}));
  EXPECT_EQ(reminders::adapters::kReminderStatuses.ProtoOfWord("due"), careloop::reminder::v1::REMINDER_STATUS_DUE);
  EXPECT_FALSE(reminders::adapters::kReminderStatuses.ProtoOfWord("sent").has_value());
}

TEST(ServiceEnumTables, AListFilterFromAClientIsAnyOrAValueTheTableHolds) {
  const auto any = events::FilterFromClient(dispatch::adapters::kMessageStatuses, 0, "status");
  ASSERT_TRUE(any.ok());
  EXPECT_FALSE(any.value().has_value());
  const auto sent = events::FilterFromClient(dispatch::adapters::kMessageStatuses, 3, "status");
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent.value(), dispatch::domain::MessageStatus::kSent);
  const auto unknown = events::FilterFromClient(reminders::adapters::kReminderStatuses, 99, "status");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.error().ToString(),
            "status: unknown value 99 (expected SCHEDULED, DUE, CANCELLED, MISSED or DONE)");
}

TEST(ServiceEnumTables, CallTaskTablesRoundTripAndUseTheDomainsOutcomeWords) {
  ExpectRoundTrips(dispatch::adapters::kCallOutcomes);
  ExpectRoundTrips(dispatch::adapters::kTaskStatuses);
  for (const auto& row : dispatch::adapters::kCallOutcomes.rows()) {
    EXPECT_EQ(row.word, dispatch::domain::CallOutcomeName(row.domain));  // the CLI's --outcome words
  }
}

}  // namespace
}  // namespace careloop
