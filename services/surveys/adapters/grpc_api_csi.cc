// SurveysService.GetCsiReport: CSI, NPS, response rate and complaint figures from the read model.
#include "services/surveys/adapters/csi_report_call.h"
#include "services/surveys/adapters/grpc_api.h"

namespace careloop::surveys::adapters {

namespace pb = careloop::survey::v1;

grpc::ServerUnaryReactor* SurveysApi::GetCsiReport(grpc::CallbackServerContext* context,
                                                   const pb::GetCsiReportRequest* request,
                                                   pb::GetCsiReportResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetCsiReport", [&](const auth::Principal& caller) -> Status {
    if (csi_ == nullptr) {
      return Error{ErrorCode::kFailedPrecondition, "", "this surveys instance serves no CSI report"};
    }
    auto report = RunCsiReport(*csi_, caller, *request);
    if (!report.ok()) {
      return report.error();
    }
    *response = std::move(report).value();
    return Ok{};
  });
}

}  // namespace careloop::surveys::adapters
