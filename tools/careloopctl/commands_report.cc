// report loyalty|churn: the after-sales programme's figures per store and month, as tables with
// bars so a trend reads at a glance (CustomersService.GetLoyaltyReport / GetChurnReport).
#include <cmath>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "common/events/proto_event.h"
#include "services/customers/domain/reports.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace cv1 = careloop::customer::v1;

struct ReportArgs {
  std::vector<std::string> stores;
  std::string month;
  int months = 1;
};

// A bar of `width` cells for a share 0..1, in eighths of a cell.
std::string Bar(double share, int width = 20) {
  static const char* kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  const int eighths = static_cast<int>(std::lround(std::clamp(share, 0.0, 1.0) * width * 8));
  std::string bar;
  for (int i = 0; i < eighths / 8; ++i) {
    bar += "█";
  }
  return bar + kEighths[eighths % 8];
}

std::string Percent(double share) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << share * 100 << "%";
  return out.str();
}

template <typename Request>
void SetPeriod(Request& request, const ReportArgs& args) {
  for (const auto& store : args.stores) {
    request.add_store_ids(store);
  }
  if (args.month.empty()) {
    return;  // the current month
  }
  const auto last = customers::domain::Month::Parse(args.month);
  if (!last) {
    throw UsageError("--month is YYYY-MM, e.g. 2026-10; got " + args.month);
  }
  if (args.months < 1 || args.months > 36) {
    throw UsageError("--months is 1 to 36");
  }
  customers::domain::Month first = *last;
  for (int i = 1; i < args.months; ++i) {
    first = first.Previous();
  }
  *request.mutable_period()->mutable_start_date() = events::ToProto(first.FirstDay());
  *request.mutable_period()->mutable_end_date() = events::ToProto(last->LastDay());
}

void AddOptions(CLI::App* command, ReportArgs& args) {
  command->add_option("--store", args.stores, "store (repeatable; default: every store you may see)");
  command->add_option("--month", args.month, "YYYY-MM (default: this month, counted live)");
  command->add_option("--months", args.months, "show this many months up to --month (a trend; default 1)");
}

}  // namespace

void AddReportCommands(CLI::App& app, Session& session) {
  auto* report = app.add_subcommand("report", "managers' reports (loyal-customer share, churn)");
  report->require_subcommand(1);

  auto loyalty_args = std::make_shared<ReportArgs>();
  auto* loyalty = report->add_subcommand("loyalty", "loyal-customer share (忠诚客户占比) and value tiers per store");
  AddOptions(loyalty, *loyalty_args);
  loyalty->callback([&session, loyalty_args] {
    session.action = [&session, loyalty_args] {
      cv1::GetLoyaltyReportRequest request;
      SetPeriod(request, *loyalty_args);
      cv1::GetLoyaltyReportResponse response;
      auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
      Check(stub->GetLoyaltyReport(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response));
        return 0;
      }
      Table table({"STORE", "MONTH", "CUSTOMERS", "HIGH VALUE", "ACTIVE", "LOYAL", "LOYAL SHARE", "", "REFERRAL BUYS"});
      for (const auto& row : response.rows()) {
        table.AddRow({row.store_id(), row.month(), std::to_string(row.customer_count()),
                      std::to_string(row.high_value_count()), std::to_string(row.active_count()),
                      std::to_string(row.loyal_count()), Percent(row.loyal_share()), Bar(row.loyal_share()),
                      std::to_string(row.referral_purchase_count())});
      }
      std::cout << table.Render();
      if (response.rows().empty()) {
        return 0;
      }
      // The criteria of the latest month per store: which marks make customers high value.
      Table criteria({"STORE", "MONTH", "HIGH-VALUE CRITERION", "CUSTOMERS"});
      for (const auto& row : response.rows()) {
        if (row.month() != response.rows(response.rows_size() - 1).month()) {
          continue;
        }
        for (const auto& c : row.criteria()) {
          if (c.customer_count() > 0) {
            criteria.AddRow({row.store_id(), row.month(),
                             ShortEnumName(cv1::ValueCriterion_Name(c.criterion()), "VALUE_CRITERION_"),
                             std::to_string(c.customer_count())});
          }
        }
      }
      if (criteria.empty()) {
        std::cout << "\n(no high-value customers in " << response.rows(response.rows_size() - 1).month() << ")\n";
      } else {
        std::cout << '\n' << criteria.Render();
      }
      return 0;
    };
  });

  auto churn_args = std::make_shared<ReportArgs>();
  auto* churn = report->add_subcommand("churn", "customers per churn stage, movements and churn reasons per store");
  AddOptions(churn, *churn_args);
  churn->callback([&session, churn_args] {
    session.action = [&session, churn_args] {
      cv1::GetChurnReportRequest request;
      SetPeriod(request, *churn_args);
      cv1::GetChurnReportResponse response;
      auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
      Check(stub->GetChurnReport(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response));
        return 0;
      }
      // Shares are of the store's customers in that month.
      std::map<std::pair<std::string, std::string>, int64_t> totals;
      for (const auto& row : response.rows()) {
        totals[{row.store_id(), row.month()}] += row.customer_count();
      }
      Table table({"STORE", "MONTH", "CHURN STAGE", "CUSTOMERS", "SHARE", "", "ENTERED", "WON BACK", "REASONS"});
      for (const auto& row : response.rows()) {
        const int64_t total = totals[{row.store_id(), row.month()}];
        const double share = total == 0 ? 0.0 : static_cast<double>(row.customer_count()) / total;
        std::string reasons;
        for (const auto& r : row.reasons()) {
          reasons += (reasons.empty() ? "" : ", ") + ShortEnumName(cv1::ChurnReason_Name(r.reason()), "CHURN_REASON_") +
                     " " + std::to_string(r.customer_count());
        }
        table.AddRow(
            {row.store_id(), row.month(), ShortEnumName(cv1::ChurnStage_Name(row.churn_stage()), "CHURN_STAGE_"),
             std::to_string(row.customer_count()), Percent(share), Bar(share), std::to_string(row.entered_count()),
             std::to_string(row.won_back_count()), reasons.empty() ? "-" : reasons});
      }
      std::cout << table.Render();
      return 0;
    };
  });
}

}  // namespace careloop::ctl
