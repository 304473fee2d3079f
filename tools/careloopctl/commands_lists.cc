// reminder list, message list, survey list: read-only listings over all pages.
#include <iostream>
#include <map>
#include <memory>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "careloop/dispatch/v1/dispatch_service.grpc.pb.h"
#include "careloop/reminder/v1/reminders_service.grpc.pb.h"
#include "careloop/survey/v1/surveys_service.grpc.pb.h"
#include "services/reminders/adapters/enum_tables.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/customer_views.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace cv1 = careloop::customer::v1;
namespace rv1 = careloop::reminder::v1;
namespace dv1 = careloop::dispatch::v1;
namespace sv1 = careloop::survey::v1;

constexpr int kPageSize = 500;
// A runaway server must not keep us paging forever: 200 pages of 500 is far beyond any store.
constexpr int kMaxPages = 200;
// Message texts are cut to this many columns in tables; --json shows them in full.
constexpr size_t kTextColumns = 60;

/// --customer ID | --store S, exactly one.
struct Scope final {
  std::string customer;
  std::string store;
};

void AddScopeOptions(CLI::App& command, Scope& scope) {
  auto* group = command.add_option_group("scope", "whose records: exactly one of");
  group->add_option("--customer", scope.customer, "customer id");
  group->add_option("--store", scope.store, "store id");
  group->require_option(1);
}

// Calls `list(page_token, items_out)` until the last page; returns the concatenation.
template <class Item, class ListPage>
std::vector<Item> AllPages(ListPage list) {
  std::vector<Item> items;
  std::string token;
  for (int page = 0; page < kMaxPages; ++page) {
    token = list(token, items);
    if (token.empty()) {
      break;
    }
  }
  return items;
}

std::string OrDash(const std::string& text) {
  return text.empty() ? "-" : text;
}

// An empty listing of a customer the customers service does not know is NOT_FOUND, not an
// empty table: asks the customers service (only when the listing is empty, so a listing with
// records costs no second call).
template <class Item>
void RequireKnownCustomer(Session& session, const Scope& scope, const std::vector<Item>& items) {
  if (scope.customer.empty() || !items.empty()) {
    return;
  }
  cv1::GetCustomerRequest request;
  request.set_customer_id(scope.customer);
  cv1::GetCustomerResponse response;
  Check(cv1::CustomersService::NewStub(session.Channel(kCustomersAddr))
            ->GetCustomer(session.NewContext().get(), request, &response));
}

// The table's headers, with a CUSTOMER column second when the listing spans a store.
std::vector<std::string> Headers(const Scope& scope, std::vector<std::string> headers) {
  if (!scope.store.empty()) {
    headers.insert(headers.begin() + 1, "CUSTOMER");
  }
  return headers;
}

// A row's cells, with the customer's id second when the listing spans a store.
std::vector<std::string> Row(const Scope& scope, const std::string& customer_id, std::vector<std::string> cells) {
  if (!scope.store.empty()) {
    cells.insert(cells.begin() + 1, customer_id);
  }
  return cells;
}

int ListReminders(Session& session, const Scope& scope, const std::string& status, const std::string& due) {
  auto stub = rv1::RemindersService::NewStub(session.Channel(kRemindersAddr));
  auto reminders = AllPages<rv1::Reminder>([&](const std::string& token, std::vector<rv1::Reminder>& out) {
    rv1::ListRemindersRequest request;
    request.set_customer_id(scope.customer);
    request.set_store_id(scope.store);
    if (!status.empty()) {
      request.set_status(*reminders::adapters::kReminderStatuses.ProtoOfWord(status));
    }
    if (!due.empty()) {
      *request.mutable_due() = RangeFlag(due);
    }
    request.mutable_page()->set_page_size(kPageSize);
    request.mutable_page()->set_page_token(token);
    rv1::ListRemindersResponse response;
    Check(stub->ListReminders(session.NewContext().get(), request, &response));
    out.insert(out.end(), response.reminders().begin(), response.reminders().end());
    return response.page().next_page_token();
  });
  RequireKnownCustomer(session, scope, reminders);
  if (session.json) {
    PrintJson(ToJsonArray(reminders));
    return 0;
  }
  Table table(Headers(scope, {"REMINDER", "KIND", "STATUS", "DUE AT", "SERVICE DUE", "REASON"}));
  for (const auto& r : reminders) {
    table.AddRow(Row(scope, r.customer_id(),
                     {r.reminder_id(), ShortEnumName(rv1::ReminderKind_Name(r.kind()), "REMINDER_KIND_"),
                      ShortEnumName(rv1::ReminderStatus_Name(r.status()), "REMINDER_STATUS_"),
                      FormatLocal(r.due_at(), r.has_due_at()), FormatDate(r.service_due_date()), OrDash(r.reason())}));
  }
  std::cout << table.Render() << "(" << reminders.size() << " reminders; times in " << kDisplayTimeZone << ")\n";
  return 0;
}

int ListMessages(Session& session, const Scope& scope) {
  auto stub = dv1::DispatchService::NewStub(session.Channel(kDispatchAddr));
  auto messages = AllPages<dv1::Message>([&](const std::string& token, std::vector<dv1::Message>& out) {
    dv1::ListMessagesRequest request;
    request.set_customer_id(scope.customer);
    request.set_store_id(scope.store);
    request.mutable_page()->set_page_size(kPageSize);
    request.mutable_page()->set_page_token(token);
    dv1::ListMessagesResponse response;
    Check(stub->ListMessages(session.NewContext().get(), request, &response));
    out.insert(out.end(), response.messages().begin(), response.messages().end());
    return response.page().next_page_token();
  });
  RequireKnownCustomer(session, scope, messages);
  if (session.json) {
    PrintJson(ToJsonArray(messages));
    return 0;
  }
  Table table(Headers(scope, {"MESSAGE", "STATUS", "KIND", "TO", "SENT / NOT BEFORE", "TEXT"}));
  for (const auto& m : messages) {
    std::string when = "-";
    if (IsSet(m.sent_at(), m.has_sent_at())) {
      when = FormatLocal(m.sent_at(), true);
    } else if (IsSet(m.not_before(), m.has_not_before())) {
      when = "≥ " + FormatLocal(m.not_before(), true);
    }
    std::string status = ShortEnumName(dv1::MessageStatus_Name(m.status()), "MESSAGE_STATUS_");
    if (m.suppression_reason() != dv1::SUPPRESSION_REASON_UNSPECIFIED) {
      status += " (" + ShortEnumName(dv1::SuppressionReason_Name(m.suppression_reason()), "SUPPRESSION_REASON_") + ")";
    }
    table.AddRow(
        Row(scope, m.customer_id(),
            {m.message_id(), status, ShortEnumName(rv1::ReminderKind_Name(m.reminder_kind()), "REMINDER_KIND_"),
             OrDash(m.masked_recipient()), when, TruncateToWidth(OrDash(m.rendered_text()), kTextColumns)}));
  }
  std::cout << table.Render() << "(" << messages.size() << " messages; times in " << kDisplayTimeZone << ")\n";
  return 0;
}

int ListSurveys(Session& session, const Scope& scope) {
  auto stub = sv1::SurveysService::NewStub(session.Channel(kSurveysAddr));
  auto surveys = AllPages<sv1::Survey>([&](const std::string& token, std::vector<sv1::Survey>& out) {
    sv1::ListSurveysRequest request;
    request.set_customer_id(scope.customer);
    request.set_store_id(scope.store);
    request.mutable_page()->set_page_size(kPageSize);
    request.mutable_page()->set_page_token(token);
    sv1::ListSurveysResponse response;
    Check(stub->ListSurveys(session.NewContext().get(), request, &response));
    out.insert(out.end(), response.surveys().begin(), response.surveys().end());
    return response.page().next_page_token();
  });
  RequireKnownCustomer(session, scope, surveys);
  if (session.json) {
    PrintJson(ToJsonArray(surveys));
    return 0;
  }
  Table table(
      Headers(scope, {"SURVEY", "KIND", "STATUS", "ISSUED", "EXPIRES", "ANSWERED", "SCORE", "ADVISOR", "CASE"}));
  for (const auto& s : surveys) {
    char score[16] = "-";
    if (s.status() == sv1::SURVEY_STATUS_ANSWERED) {
      std::snprintf(score, sizeof score, "%.1f", s.average_score());
    }
    table.AddRow(
        Row(scope, s.customer_id(),
            {s.survey_id(), ShortEnumName(sv1::SurveyKind_Name(s.kind()), "SURVEY_KIND_"),
             ShortEnumName(sv1::SurveyStatus_Name(s.status()), "SURVEY_STATUS_"),
             FormatLocal(s.issued_at(), s.has_issued_at()), FormatLocal(s.expires_at(), s.has_expires_at()),
             FormatLocal(s.answered_at(), s.has_answered_at()), score, OrDash(s.advisor()), OrDash(s.case_id())}));
  }
  std::cout << table.Render() << "(" << surveys.size() << " surveys; times in " << kDisplayTimeZone << ")\n";
  return 0;
}

}  // namespace

void AddListCommands(CLI::App& app, Session& session) {
  {
    auto* reminder = app.add_subcommand("reminder", "reminders (RemindersService)");
    reminder->require_subcommand(1);
    auto scope = std::make_shared<Scope>();
    auto status = std::make_shared<std::string>();
    auto* list = reminder->add_subcommand("list", "list reminders of a customer or store, soonest due first");
    AddScopeOptions(*list, *scope);
    const auto statuses = reminders::adapters::kReminderStatuses.Words();
    list->add_option("--status", *status, JoinWords(statuses, "|"))->check(CLI::IsMember(statuses));
    auto due = std::make_shared<std::string>();
    list->add_option("--due", *due, "with --store: reminders due on these store-local days, FROM..TO");
    list->callback([&session, scope, status, due] {
      session.action = [&session, scope, status, due] { return ListReminders(session, *scope, *status, *due); };
    });
    AddReminderCommands(*reminder, session);
  }
  {
    auto* message = app.add_subcommand("message", "the message ledger (DispatchService)");
    message->require_subcommand(1);
    auto scope = std::make_shared<Scope>();
    auto* list = message->add_subcommand("list", "list messages of a customer or store, newest first");
    AddScopeOptions(*list, *scope);
    list->callback([&session, scope] { session.action = [&session, scope] { return ListMessages(session, *scope); }; });
    AddMessageGetCommand(*message, session);
  }
  {
    auto* survey = app.add_subcommand("survey", "satisfaction surveys (SurveysService)");
    survey->require_subcommand(1);
    auto scope = std::make_shared<Scope>();
    auto* list = survey->add_subcommand("list", "list surveys of a customer or store, newest first");
    AddScopeOptions(*list, *scope);
    list->callback([&session, scope] { session.action = [&session, scope] { return ListSurveys(session, *scope); }; });
  }
}

}  // namespace careloop::ctl
