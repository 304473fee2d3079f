// report loyalty|churn: the after-sales programme's figures per store and month, as tables with
// bars so a trend reads at a glance (CustomersService.GetLoyaltyReport / GetChurnReport), with
// the loyal-customer share beside its base and where each month's figures come from.
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "common/events/proto_event.h"
#include "services/customers/adapters/enum_tables.h"
#include "services/customers/domain/reports.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/commands_surveys.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/report_view.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace cv1 = careloop::customer::v1;
constexpr int kMaxMonths = 36;

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
void SetPeriod(const ReportArgs& args, Request& request) {
  for (const auto& store : args.stores) {
    request.add_store_ids(store);
  }
  if (args.months < 1 || args.months > kMaxMonths) {
    throw UsageError("--months is 1 to " + std::to_string(kMaxMonths) + "; got " + std::to_string(args.months));
  }
  if (args.month.empty()) {
    // Up to each store's current month (the service knows the stores' dates and the clock).
    if (args.months > 1) {
      request.set_months(args.months);
    }
    return;
  }
  const auto last = customers::domain::Month::Parse(args.month);
  if (!last) {
    throw UsageError("--month is YYYY-MM, e.g. 2026-10; got " + args.month);
  }
  customers::domain::Month first = *last;
  for (int i = 1; i < args.months; ++i) {
    first = first.Previous();
  }
  *request.mutable_period()->mutable_start_date() = events::ToProto(first.FirstDay());
  *request.mutable_period()->mutable_end_date() = events::ToProto(last->LastDay());
}

std::string SourceWord(cv1::FigureSource source) {
  const auto domain = customers::adapters::kFigureSources.FromProto(source);
  const auto word = domain ? customers::adapters::kFigureSources.ToWord(*domain) : std::nullopt;
  return word ? std::string(*word) : "-";
}

// Where a row's figures come from, for the notes under a table.
struct RowOrigin final {
  std::string store_id;
  std::string month;
  cv1::FigureSource source = cv1::FIGURE_SOURCE_UNSPECIFIED;
  common::v1::Date records_since;
  bool has_records_since = false;
};

// "2026-08..2026-10, 2027-01": consecutive months as ranges.
std::string MonthRanges(const std::vector<std::string>& months) {
  std::string out;
  for (size_t i = 0; i < months.size();) {
    size_t j = i;
    while (j + 1 < months.size()) {
      const auto here = customers::domain::Month::Parse(months[j]);
      const auto next = customers::domain::Month::Parse(months[j + 1]);
      if (!here || !next || here->Next() != *next) {
        break;
      }
      ++j;
    }
    out += (out.empty() ? "" : ", ") + months[i] + (j > i ? ".." + months[j] : "");
    i = j + 1;
  }
  return out;
}

// Notes on the rebuilt months: which they are and how they were rebuilt, and which months of a
// store lie before its first delivery on record (no data: zeros).
std::string OriginNotes(const std::vector<RowOrigin>& rows) {
  std::map<std::string, std::vector<const RowOrigin*>> rebuilt;  // per store, in row order
  for (const auto& row : rows) {
    if (row.source == cv1::FIGURE_SOURCE_RECONSTRUCTED &&
        (rebuilt[row.store_id].empty() || rebuilt[row.store_id].back()->month != row.month)) {
      rebuilt[row.store_id].push_back(&row);
    }
  }
  std::string out;
  for (const auto& [store, months] : rebuilt) {
    if (months.empty()) {
      continue;
    }
    std::vector<std::string> all;
    std::vector<std::string> empty;
    for (const RowOrigin* row : months) {
      all.push_back(row->month);
      const auto month = customers::domain::Month::Parse(row->month);
      if (!row->has_records_since || (month && month->LastDay() < events::FromProto(row->records_since))) {
        empty.push_back(row->month);
      }
    }
    out += "reconstructed: " + store + " " + MonthRanges(all) +
           " were not counted as the month ended (before the service ran, or passed by a clock jump); rebuilt "
           "from delivery dates and the history up to each month's end (cars sold since and staff flags as they "
           "stand today; entries and win-backs compare the month's start and end)\n";
    if (!empty.empty()) {
      const RowOrigin* any = months.front();
      out += any->has_records_since
                 ? "no data before " + FormatDate(any->records_since) + " (" + store +
                       "'s earliest delivery on record): " + MonthRanges(empty) + " count zero\n"
                 : "no data: " + store + " has no car on record; " + MonthRanges(empty) + " count zero\n";
    }
  }
  return out;
}

// "忠诚客户占比 40.0%（基数 25 位保有客户，交车满12个月）", or why the share is not applicable.
std::string LoyalShareLine(const cv1::LoyaltyReportRow& row) {
  if (row.settling_months() == 0) {
    return "忠诚客户占比 不适用（该月快照早于保有客户基数规则，无基数）";
  }
  const std::string rule = "交车满" + std::to_string(row.settling_months()) + "个月";
  if (!row.has_loyal_share_of_base()) {
    return "忠诚客户占比 不适用（基数 0：尚无" + rule + "的保有客户）";
  }
  return "忠诚客户占比 " + Percent(row.loyal_share_of_base()) + "（基数 " + std::to_string(row.loyalty_base_count()) +
         " 位保有客户，" + rule + "）";
}

template <typename Row>
RowOrigin OriginOf(const Row& row) {
  return {row.store_id(), row.month(), row.source(), row.records_since(), row.has_records_since()};
}

// The response as ToJson maps it, each row's deprecated loyal_share left out.
Json WithoutDeprecatedShare(Json json) {
  for (auto& row : json["rows"]) {
    row.erase("loyal_share");
  }
  return json;
}

template <typename Response>
std::vector<RowOrigin> OriginsOf(const Response& response) {
  std::vector<RowOrigin> out;
  for (const auto& row : response.rows()) {
    out.push_back(OriginOf(row));
  }
  return out;
}

void AddOptions(CLI::App* command, ReportArgs& args) {
  command->add_option("--store", args.stores, "store (repeatable; default: every store you may see)");
  command->add_option("--month", args.month, "YYYY-MM, the last month shown (default: this month, counted live)");
  command->add_option("--months", args.months,
                      "show this many months up to --month, or up to this month without it (a trend; 1-36, default 1)");
}

}  // namespace

void SetReportPeriod(const ReportArgs& args, cv1::GetLoyaltyReportRequest& request) {
  SetPeriod(args, request);
}

void SetReportPeriod(const ReportArgs& args, cv1::GetChurnReportRequest& request) {
  SetPeriod(args, request);
}

std::string RenderLoyaltyReport(const cv1::GetLoyaltyReportResponse& response) {
  std::ostringstream out;
  Table table({"STORE", "MONTH", "SOURCE", "CUSTOMERS", "HIGH VALUE", "ACTIVE", "BASE", "LOYAL", "LOYAL SHARE", "",
               "REFERRAL BUYS"});
  for (const auto& row : response.rows()) {
    const bool applicable = row.has_loyal_share_of_base();
    table.AddRow({row.store_id(), row.month(), SourceWord(row.source()), std::to_string(row.customer_count()),
                  std::to_string(row.high_value_count()), std::to_string(row.active_count()),
                  row.settling_months() == 0 ? "-" : std::to_string(row.loyalty_base_count()),
                  std::to_string(row.loyal_count()), applicable ? Percent(row.loyal_share_of_base()) : "n/a",
                  applicable ? Bar(row.loyal_share_of_base()) : "", std::to_string(row.referral_purchase_count())});
  }
  out << table.Render();
  if (response.rows().empty()) {
    return out.str();
  }
  // The headline of the latest month per store, with its base; then which marks make customers
  // high value in that month.
  const std::string latest = response.rows(response.rows_size() - 1).month();
  out << '\n';
  Table criteria({"STORE", "MONTH", "HIGH-VALUE CRITERION", "CUSTOMERS"});
  for (const auto& row : response.rows()) {
    if (row.month() != latest) {
      continue;
    }
    out << row.store_id() << ' ' << row.month() << "  " << LoyalShareLine(row) << '\n';
    for (const auto& c : row.criteria()) {
      if (c.customer_count() > 0) {
        criteria.AddRow({row.store_id(), row.month(),
                         ShortEnumName(cv1::ValueCriterion_Name(c.criterion()), "VALUE_CRITERION_"),
                         std::to_string(c.customer_count())});
      }
    }
  }
  if (criteria.empty()) {
    out << "\n(no high-value customers in " << latest << ")\n";
  } else {
    out << '\n' << criteria.Render();
  }
  if (const std::string notes = OriginNotes(OriginsOf(response)); !notes.empty()) {
    out << '\n' << notes;
  }
  return out.str();
}

std::string RenderChurnReport(const cv1::GetChurnReportResponse& response) {
  std::ostringstream out;
  // Shares are of the store's customers in that month.
  std::map<std::pair<std::string, std::string>, int64_t> totals;
  for (const auto& row : response.rows()) {
    totals[{row.store_id(), row.month()}] += row.customer_count();
  }
  Table table({"STORE", "MONTH", "SOURCE", "CHURN STAGE", "CUSTOMERS", "SHARE", "", "ENTERED", "WON BACK", "REASONS"});
  for (const auto& row : response.rows()) {
    const int64_t total = totals[{row.store_id(), row.month()}];
    const double share = total == 0 ? 0.0 : static_cast<double>(row.customer_count()) / total;
    std::string reasons;
    for (const auto& r : row.reasons()) {
      reasons += (reasons.empty() ? "" : ", ") + ShortEnumName(cv1::ChurnReason_Name(r.reason()), "CHURN_REASON_") +
                 " " + std::to_string(r.customer_count());
    }
    table.AddRow({row.store_id(), row.month(), SourceWord(row.source()),
                  ShortEnumName(cv1::ChurnStage_Name(row.churn_stage()), "CHURN_STAGE_"),
                  std::to_string(row.customer_count()), total == 0 ? "-" : Percent(share), Bar(share),
                  std::to_string(row.entered_count()), std::to_string(row.won_back_count()),
                  reasons.empty() ? "-" : reasons});
  }
  out << table.Render();
  if (const std::string notes = OriginNotes(OriginsOf(response)); !notes.empty()) {
    out << '\n' << notes;
  }
  return out.str();
}

Json LoyaltyReportJson(const cv1::GetLoyaltyReportResponse& response) {
  return WithoutDeprecatedShare(ToJson(response));
}

Json ChurnReportJson(const cv1::GetChurnReportResponse& response) {
  return ToJson(response);
}

void AddReportCommands(CLI::App& app, Session& session) {
  auto* report = app.add_subcommand("report", "managers' reports (loyal-customer share, churn, care effectiveness)");
  report->require_subcommand(1);
  AddCareReportCommand(*report, session);
  AddFollowUpReportCommand(*report, session);
  AddCsiReportCommand(*report, session);

  auto loyalty_args = std::make_shared<ReportArgs>();
  auto* loyalty = report->add_subcommand("loyalty", "loyal-customer share (忠诚客户占比) and value tiers per store");
  AddOptions(loyalty, *loyalty_args);
  loyalty->callback([&session, loyalty_args] {
    session.action = [&session, loyalty_args] {
      cv1::GetLoyaltyReportRequest request;
      SetReportPeriod(*loyalty_args, request);
      cv1::GetLoyaltyReportResponse response;
      auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
      Check(stub->GetLoyaltyReport(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(LoyaltyReportJson(response));
      } else {
        std::cout << RenderLoyaltyReport(response);
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
      SetReportPeriod(*churn_args, request);
      cv1::GetChurnReportResponse response;
      auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
      Check(stub->GetChurnReport(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ChurnReportJson(response));
      } else {
        std::cout << RenderChurnReport(response);
      }
      return 0;
    };
  });
}

}  // namespace careloop::ctl
