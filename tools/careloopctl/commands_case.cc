// case open|list|get|update|resolve: complaint cases (SurveysService).
#include <cctype>
#include <iostream>
#include <memory>

#include "careloop/survey/v1/surveys_service.grpc.pb.h"
#include "common/events/proto_event.h"
#include "services/surveys/adapters/case_mapping.h"
#include "tools/careloopctl/appointment_view.h"
#include "tools/careloopctl/case_view.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {
namespace {

namespace sv1 = careloop::survey::v1;
namespace sa = surveys::adapters;

std::unique_ptr<sv1::SurveysService::Stub> SurveysStub(Session& session) {
  return sv1::SurveysService::NewStub(session.Channel(kSurveysAddr));
}

google::protobuf::Timestamp TimeFlag(const std::string& flag, const std::string& text) {
  const auto at = ParseAppointmentTime(text, DisplayZone());
  if (!at) {
    throw UsageError(flag + ": not a time, expected \"2027-01-05 18:00\" or RFC 3339: " + text);
  }
  return events::ToTimestamp(*at);
}

sv1::SurveyItem ItemFlag(const std::string& word) {
  sv1::SurveyItem item = sv1::SURVEY_ITEM_UNSPECIFIED;
  std::string upper = "SURVEY_ITEM_";
  for (char c : word) {
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (!sv1::SurveyItem_Parse(upper, &item) || item == sv1::SURVEY_ITEM_UNSPECIFIED) {
    throw UsageError("--item: unknown survey item '" + word + "' (e.g. overall, service_advisor_attitude)");
  }
  return item;
}

void PrintCase(Session& session, const sv1::ComplaintCase& complaint) {
  if (session.json) {
    PrintJson(ToJson(complaint));
  } else {
    std::cout << CaseFields(complaint);
  }
}

void AddOpen(CLI::App* parent, Session& session) {
  struct OpenArgs {
    std::string store, customer, vehicle, visit, severity, source, owner, deadline, summary, advisor, request_id;
    std::vector<std::string> items;
  };
  auto args = std::make_shared<OpenArgs>();
  auto* open = parent->add_subcommand("open", "open a complaint case by hand (OpenCase)");
  open->add_option("--store", args->store, "store id")->required();
  open->add_option("--customer", args->customer, "customer id")->required();
  const auto sources = sa::kCaseSources.Words();
  open->add_option("--source", args->source, JoinWords(sources, "|"))->required()->check(CLI::IsMember(sources));
  const auto severities = sa::kCaseSeverities.Words();
  open->add_option("--severity", args->severity, JoinWords(severities, "|") + " (default minor)")
      ->check(CLI::IsMember(severities));
  open->add_option("--vehicle", args->vehicle, "vehicle id");
  open->add_option("--visit", args->visit, "service visit id");
  open->add_option("--advisor", args->advisor, "staff id the complaint is about (its manager owns the case)");
  open->add_option("--owner", args->owner, "owner staff id (default: by the store's rules)");
  open->add_option("--deadline", args->deadline, "\"2027-01-05 18:00\" or RFC 3339 (default: the store's SLA)");
  open->add_option("--item", args->items, "survey item complained about (repeatable), e.g. overall");
  open->add_option("--summary", args->summary, "what the customer complains about");
  open->add_option("--request-id", args->request_id, "idempotency key");
  open->callback([&session, args] {
    session.action = [&session, args] {
      sv1::OpenCaseRequest request;
      request.set_store_id(args->store);
      request.set_customer_id(args->customer);
      request.set_source(ProtoOfWord(sa::kCaseSources, args->source));
      if (!args->severity.empty()) {
        request.set_severity(ProtoOfWord(sa::kCaseSeverities, args->severity));
      }
      request.set_vehicle_id(args->vehicle);
      request.set_visit_id(args->visit);
      request.set_advisor(args->advisor);
      request.set_owner(args->owner);
      if (!args->deadline.empty()) {
        *request.mutable_deadline_at() = TimeFlag("--deadline", args->deadline);
      }
      for (const auto& item : args->items) {
        request.add_items(ItemFlag(item));
      }
      request.set_summary(args->summary);
      request.set_request_id(args->request_id);
      sv1::OpenCaseResponse response;
      Check(SurveysStub(session)->OpenCase(session.NewContext().get(), request, &response));
      PrintCase(session, response.complaint_case());
      return 0;
    };
  });
}

void AddList(CLI::App* parent, Session& session) {
  struct ListArgs {
    std::string store, customer, owner, status;
    bool overdue = false;
    int limit = 200;
  };
  auto args = std::make_shared<ListArgs>();
  auto* list = parent->add_subcommand("list", "a store's complaint cases, earliest deadline first");
  list->add_option("--store", args->store, "store id");
  list->add_option("--customer", args->customer, "customer id");
  list->add_option("--owner", args->owner, "owner staff id");
  const auto statuses = sa::kCaseStatuses.Words();
  list->add_option("--status", args->status, JoinWords(statuses, "|"))->check(CLI::IsMember(statuses));
  list->add_flag("--overdue", args->overdue, "only unresolved cases past their deadline");
  list->add_option("--limit", args->limit, "at most this many (default 200, max 500)");
  list->callback([&session, args] {
    session.action = [&session, args] {
      if (args->store.empty() && args->customer.empty()) {
        throw UsageError("case list: give --store or --customer");
      }
      sv1::ListCasesRequest request;
      request.set_store_id(args->store);
      request.set_customer_id(args->customer);
      request.set_owner(args->owner);
      if (!args->status.empty()) {
        request.set_status(ProtoOfWord(sa::kCaseStatuses, args->status));
      }
      request.set_overdue_only(args->overdue);
      request.mutable_page()->set_page_size(args->limit);
      sv1::ListCasesResponse response;
      Check(SurveysStub(session)->ListCases(session.NewContext().get(), request, &response));
      const std::vector<sv1::ComplaintCase> cases(response.cases().begin(), response.cases().end());
      if (session.json) {
        PrintJson(ToJsonArray(cases));
        return 0;
      }
      std::cout << CasesTable(cases) << "(" << cases.size() << " of " << response.page().total_count()
                << " cases; times in " << kDisplayTimeZone << ")\n";
      return 0;
    };
  });
}

void AddGet(CLI::App* parent, Session& session) {
  auto id = std::make_shared<std::string>();
  auto* get = parent->add_subcommand("get", "one complaint case with its handling steps");
  get->add_option("ID", *id, "case id")->required();
  get->callback([&session, id] {
    session.action = [&session, id] {
      sv1::GetCaseRequest request;
      request.set_case_id(*id);
      sv1::GetCaseResponse response;
      Check(SurveysStub(session)->GetCase(session.NewContext().get(), request, &response));
      PrintCase(session, response.complaint_case());
      return 0;
    };
  });
}

void AddUpdate(CLI::App* parent, Session& session) {
  struct UpdateArgs {
    std::string id, step, note, staff, done_at, owner, deadline, severity, request_id;
  };
  auto args = std::make_shared<UpdateArgs>();
  auto* update = parent->add_subcommand("update", "record a handling step, or change owner/deadline/severity");
  update->add_option("ID", args->id, "case id")->required();
  const auto steps = sa::kHandlingSteps.Words();
  update->add_option("--step", args->step, JoinWords(steps, "|"))->check(CLI::IsMember(steps));
  update->add_option("--note", args->note, "what was done (internal)");
  update->add_option("--staff", args->staff, "who did the step (default: you)");
  update->add_option("--done-at", args->done_at, "when the step was done (default: now)");
  update->add_option("--owner", args->owner, "new owner staff id");
  update->add_option("--deadline", args->deadline, "new deadline, \"2027-01-05 18:00\" or RFC 3339");
  const auto severities = sa::kCaseSeverities.Words();
  update->add_option("--severity", args->severity, JoinWords(severities, "|"))->check(CLI::IsMember(severities));
  update->add_option("--request-id", args->request_id, "idempotency key");
  update->callback([&session, args] {
    session.action = [&session, args] {
      sv1::UpdateCaseRequest request;
      request.set_case_id(args->id);
      if (!args->step.empty()) {
        sv1::CaseStep* step = request.mutable_step();
        step->set_step(ProtoOfWord(sa::kHandlingSteps, args->step));
        step->set_note(args->note);
        step->set_staff_id(args->staff);
        if (!args->done_at.empty()) {
          *step->mutable_done_at() = TimeFlag("--done-at", args->done_at);
        }
      } else if (!args->note.empty()) {
        throw UsageError("case update: --note goes with --step");
      }
      request.set_owner(args->owner);
      if (!args->deadline.empty()) {
        *request.mutable_deadline_at() = TimeFlag("--deadline", args->deadline);
      }
      if (!args->severity.empty()) {
        request.set_severity(ProtoOfWord(sa::kCaseSeverities, args->severity));
      }
      request.set_request_id(args->request_id);
      sv1::UpdateCaseResponse response;
      Check(SurveysStub(session)->UpdateCase(session.NewContext().get(), request, &response));
      PrintCase(session, response.complaint_case());
      return 0;
    };
  });
}

void AddResolve(CLI::App* parent, Session& session) {
  struct ResolveArgs {
    std::string id, resolution, note, request_id;
  };
  auto args = std::make_shared<ResolveArgs>();
  auto* resolve = parent->add_subcommand(
      "resolve", "resolve a case with the customer's answer: satisfied with the fix, unsatisfied, or withdrawn");
  resolve->add_option("ID", args->id, "case id")->required();
  const auto resolutions = sa::kCaseResolutions.Words();
  resolve->add_option("--resolution", args->resolution, JoinWords(resolutions, "|"))
      ->required()
      ->check(CLI::IsMember(resolutions));
  resolve->add_option("--note", args->note, "how it was resolved (internal)");
  resolve->add_option("--request-id", args->request_id, "idempotency key");
  resolve->callback([&session, args] {
    session.action = [&session, args] {
      sv1::ResolveCaseRequest request;
      request.set_case_id(args->id);
      request.set_resolution(ProtoOfWord(sa::kCaseResolutions, args->resolution));
      request.set_resolution_note(args->note);
      request.set_request_id(args->request_id);
      sv1::ResolveCaseResponse response;
      Check(SurveysStub(session)->ResolveCase(session.NewContext().get(), request, &response));
      PrintCase(session, response.complaint_case());
      return 0;
    };
  });
}

}  // namespace

void AddCaseCommands(CLI::App& app, Session& session) {
  auto* parent = app.add_subcommand("case", "complaint cases (open, list, get, update, resolve)");
  parent->require_subcommand(1);
  AddOpen(parent, session);
  AddList(parent, session);
  AddGet(parent, session);
  AddUpdate(parent, session);
  AddResolve(parent, session);
}

}  // namespace careloop::ctl
