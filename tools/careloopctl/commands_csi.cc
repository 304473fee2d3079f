// report csi: CSI, response rate, NPS and complaint figures of a store's month
// (SurveysService.GetCsiReport), as a Chinese table, --json, or --html FILE (the report page the
// surveys service also serves).
#include <fstream>
#include <iostream>
#include <memory>

#include "careloop/survey/v1/surveys_service.grpc.pb.h"
#include "services/surveys/adapters/csi_page.h"
#include "services/surveys/adapters/enum_tables.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/commands_surveys.h"
#include "tools/careloopctl/csi_view.h"
#include "tools/careloopctl/errors.h"

namespace careloop::ctl {
namespace {

namespace sv1 = careloop::survey::v1;

struct CsiArgs final {
  std::string store;
  std::string month;
  std::string by;
  std::string kind;
  std::string html;
};

sv1::GetCsiReportResponse Fetch(Session& session, const sv1::GetCsiReportRequest& request) {
  sv1::GetCsiReportResponse response;
  Check(sv1::SurveysService::NewStub(session.Channel(kSurveysAddr))
            ->GetCsiReport(session.NewContext().get(), request, &response));
  return response;
}

void WritePage(Session& session, const CsiArgs& args) {
  const auto month = surveys::domain::CsiMonth::Parse(args.month);
  if (!month) {
    throw UsageError("--month is YYYY-MM, e.g. 2027-01; got " + args.month);
  }
  const auto requests = surveys::adapters::CsiPageRequestsFor(args.store, *month);
  surveys::adapters::CsiPageData data;
  data.store_id = args.store;
  data.month = *month;
  data.totals = Fetch(session, requests.month);
  data.trend = Fetch(session, requests.trend);
  data.advisors = Fetch(session, requests.advisors);
  data.heat = Fetch(session, requests.heat);
  std::ofstream file(args.html, std::ios::binary | std::ios::trunc);
  file << surveys::adapters::RenderCsiPage(data);
  if (!file.flush()) {
    throw UsageError("--html: cannot write " + args.html);
  }
}

}  // namespace

void AddCsiReportCommand(CLI::App& report, Session& session) {
  auto args = std::make_shared<CsiArgs>();
  auto* csi = report.add_subcommand("csi", "customer satisfaction (CSI), response rate, NPS and complaints of a month");
  csi->add_option("--store", args->store, "store id")->required();
  csi->add_option("--month", args->month, "YYYY-MM, the month of the answers")->required();
  csi->add_option("--by", args->by, "advisor: one row per advisor/consultant; item: one row per item")
      ->check(CLI::IsMember({"advisor", "item"}));
  csi->add_option("--kind", args->kind, "only surveys of this kind")
      ->check(CLI::IsMember(surveys::adapters::kSurveyKinds.Words()));
  csi->add_option("--html", args->html, "also write the report page (HTML, charts, no network needed) to this file");
  csi->callback([&session, args] {
    session.action = [&session, args] {
      const CsiBy by = args->by == "advisor" ? CsiBy::kAdvisor : args->by == "item" ? CsiBy::kItem : CsiBy::kTotal;
      const auto response = Fetch(session, CsiReportRequest(args->store, args->month, by, args->kind));
      if (!args->html.empty()) {
        WritePage(session, *args);
      }
      if (session.json) {
        PrintJson(CsiReportJson(response));
      } else {
        std::cout << RenderCsiReport(response, by);
        if (!args->html.empty()) {
          std::cout << "wrote " << args->html << "\n";
        }
      }
      return 0;
    };
  });
}

}  // namespace careloop::ctl
