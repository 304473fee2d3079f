// complaint record, policy record: history items staff enter one at a time (CustomersService).
// Policies of a whole DMS export go through `import policies`.
#include <iostream>
#include <memory>

#include "services/customers/adapters/enum_tables.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/customer_views.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace cv1 = careloop::customer::v1;
using customers::adapters::kComplaintOutcomes;
using customers::adapters::kComplaintSeverities;

void AddComplaint(CLI::App& app, Session& session) {
  auto* complaint = app.add_subcommand("complaint", "customers' complaints (投诉/抱怨)");
  complaint->require_subcommand(1);
  struct RecordArgs {
    std::string customer, vehicle, severity, summary, outcome, opened, closed, complaint_id, case_id, request_id;
  };
  auto args = std::make_shared<RecordArgs>();
  auto* record = complaint->add_subcommand(
      "record", "record a complaint, or with --complaint-id change its outcome (RecordComplaint)");
  record->add_option("--customer", args->customer, "customer id")->required();
  record->add_option("--severity", args->severity, JoinWords(kComplaintSeverities.Words(), " | "))
      ->required()
      ->check(CLI::IsMember(kComplaintSeverities.Words()));
  record->add_option("--summary", args->summary, "what it is about (kept in the record, never published)")->required();
  record->add_option("--opened", args->opened, "date it was made YYYY-MM-DD")->required()->check(DateValidator());
  record->add_option("--vehicle", args->vehicle, "vehicle id, when it is about one car");
  record->add_option("--outcome", args->outcome, JoinWords(kComplaintOutcomes.Words(), " | ") + " (default: open)")
      ->check(CLI::IsMember(kComplaintOutcomes.Words()));
  record->add_option("--closed", args->closed, "date it was closed YYYY-MM-DD (with a final outcome)")
      ->check(DateValidator());
  record->add_option("--complaint-id", args->complaint_id, "the complaint to update (default: a new one)");
  record->add_option("--case-id", args->case_id, "the complaint case in the surveys service, if any");
  record->add_option("--request-id", args->request_id, "idempotency key");
  record->callback([&session, args] {
    session.action = [&session, args] {
      cv1::RecordComplaintRequest request;
      request.set_customer_id(args->customer);
      request.set_vehicle_id(args->vehicle);
      request.set_severity(ProtoOfWord(kComplaintSeverities, args->severity));
      request.set_summary(args->summary);
      request.set_case_id(args->case_id);
      if (!args->outcome.empty()) {
        request.set_outcome(ProtoOfWord(kComplaintOutcomes, args->outcome));
      }
      *request.mutable_opened_date() = DateFlag(args->opened);
      if (!args->closed.empty()) {
        *request.mutable_closed_date() = DateFlag(args->closed);
      }
      request.set_complaint_id(args->complaint_id);
      request.set_request_id(args->request_id);
      cv1::RecordComplaintResponse response;
      Check(CustomersStub(session)->RecordComplaint(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.complaint()));
        return 0;
      }
      const auto& c = response.complaint();
      std::cout << RenderFields({
          {"complaint", c.complaint_id()},
          {"customer", c.customer_id()},
          {"vehicle", OrDash(c.vehicle_id())},
          {"severity", ShortEnumName(common::v1::ComplaintSeverity_Name(c.severity()), "COMPLAINT_SEVERITY_")},
          {"summary", c.summary()},
          {"outcome", ShortEnumName(cv1::ComplaintOutcome_Name(c.outcome()), "COMPLAINT_OUTCOME_")},
          {"opened", FormatDate(c.opened_date())},
          {"closed", FormatDate(c.closed_date())},
      });
      return 0;
    };
  });
}

void AddPolicy(CLI::App& app, Session& session) {
  auto* policy = app.add_subcommand("policy", "insurance policies of customers' cars (续保)");
  policy->require_subcommand(1);
  struct RecordArgs {
    std::string customer, vehicle, insurer, number, start, end, premium_yuan, request_id;
    bool compulsory = false, through_store = false;
  };
  auto args = std::make_shared<RecordArgs>();
  auto* record = policy->add_subcommand(
      "record", "record one insurance policy; the same insurer and number again updates it (RecordInsurancePolicy)");
  record->add_option("--customer", args->customer, "customer id")->required();
  record->add_option("--vehicle", args->vehicle, "vehicle id of the insured car")->required();
  record->add_option("--insurer", args->insurer, "insurer, e.g. 中国人保")->required();
  record->add_option("--number", args->number, "the insurer's policy number")->required();
  record->add_option("--start", args->start, "first day of cover YYYY-MM-DD")->required()->check(DateValidator());
  record->add_option("--end", args->end, "last day of cover YYYY-MM-DD")->required()->check(DateValidator());
  record->add_option("--premium-yuan", args->premium_yuan, "premium in yuan, e.g. 3215.50")->check(YuanValidator());
  record->add_flag("--compulsory", args->compulsory, "compulsory insurance (交强险); default commercial (商业险)");
  record->add_flag("--through-store", args->through_store, "bought through the store");
  record->add_option("--request-id", args->request_id, "idempotency key");
  record->callback([&session, args] {
    session.action = [&session, args] {
      cv1::RecordInsurancePolicyRequest request;
      request.set_customer_id(args->customer);
      request.set_vehicle_id(args->vehicle);
      request.set_insurer(args->insurer);
      request.set_policy_number(args->number);
      *request.mutable_start_date() = DateFlag(args->start);
      *request.mutable_end_date() = DateFlag(args->end);
      if (!args->premium_yuan.empty()) {
        request.set_premium_fen(ParseYuanToFen(args->premium_yuan).value_or(0));
      }
      request.set_compulsory(args->compulsory);
      request.set_bought_through_store(args->through_store);
      request.set_request_id(args->request_id);
      cv1::RecordInsurancePolicyResponse response;
      Check(CustomersStub(session)->RecordInsurancePolicy(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.policy()));
        return 0;
      }
      const auto& p = response.policy();
      std::cout << RenderFields({
          {"policy", p.policy_id()},
          {"customer", p.customer_id()},
          {"vehicle", p.vehicle_id()},
          {"insurer", p.insurer()},
          {"number", p.policy_number()},
          {"cover", std::string(p.compulsory() ? "compulsory (交强险)" : "commercial (商业险)")},
          {"period", FormatDate(p.start_date()) + " .. " + FormatDate(p.end_date())},
          {"premium", Yuan(p.premium_fen())},
          {"through store", p.bought_through_store() ? "yes" : "no"},
      });
      return 0;
    };
  });
}

}  // namespace

void AddHistoryCommands(CLI::App& app, Session& session) {
  AddComplaint(app, session);
  AddPolicy(app, session);
}

}  // namespace careloop::ctl
