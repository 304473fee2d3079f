// CustomersService, search, segment counts and the loyalty and churn reports.
#include "services/customers/adapters/grpc_api.h"

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/log/log.h"
#include "services/customers/adapters/enum_tables.h"
#include "services/customers/adapters/grpc_requests.h"
#include "services/customers/adapters/national_id_cipher.h"
#include "services/customers/adapters/proto_mapping.h"
#include "services/customers/domain/validation.h"

namespace careloop::customers::adapters {

using careloop::events::FromProto;

grpc::ServerUnaryReactor* CustomersApi::CountSegments(grpc::CallbackServerContext* context,
                                                      const pb::CountSegmentsRequest* request,
                                                      pb::CountSegmentsResponse* response) {
  return grpcx::RunUnary(context, handler_, "CountSegments", [&](const auth::Principal& caller) -> Status {
    auto filter = FilterFrom(request->filter());
    if (!filter.ok()) {
      return filter.error();
    }
    auto group_by = SelectionFrom(kSegmentDimensions, request->group_by(), "group_by");
    if (!group_by.ok()) {
      return group_by.error();
    }
    int64_t total = 0;
    auto counts = app_.CountSegments(caller, std::move(filter).value(), group_by.value(), &total);
    if (!counts.ok()) {
      return counts.error();
    }
    for (const auto& group : counts.value()) {
      auto* out = response->add_counts();
      out->set_store_id(group.store_id);
      if (!group.value_tier.empty()) {
        out->set_value_tier(group.value_tier == "high" ? pb::VALUE_TIER_HIGH : pb::VALUE_TIER_STANDARD);
      }
      if (group.churn) {
        out->set_churn_stage(ToProto(*group.churn));
      }
      if (group.lifecycle) {
        out->set_lifecycle_stage(ToProto(*group.lifecycle));
      }
      out->set_customer_count(group.customers);
    }
    response->set_total_count(total);
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::SearchCustomers(grpc::CallbackServerContext* context,
                                                        const pb::SearchCustomersRequest* request,
                                                        pb::SearchCustomersResponse* response) {
  return grpcx::RunUnary(context, handler_, "SearchCustomers", [&](const auth::Principal& caller) -> Status {
    auto filter = FilterFrom(request->filter());
    if (!filter.ok()) {
      return filter.error();
    }
    auto page = app_.SearchCustomers(caller, std::move(filter).value(), request->page().page_size(),
                                     request->page().page_token());
    if (!page.ok()) {
      return page.error();
    }
    for (const auto& customer : page->customers) {
      pb::Customer record = ForCaller(caller, customer);
      record.clear_family_members();
      *response->add_customers() = std::move(record);
    }
    response->mutable_page()->set_next_page_token(page->next_page_token);
    response->mutable_page()->set_total_count(page->total);
    return Ok{};
  });
}

namespace {

// The months a report period covers; an unset period is the caller's current month (resolved by
// the app per store, so here: nullopt).
Result<std::optional<std::pair<domain::Month, domain::Month>>> MonthsOf(const careloop::common::v1::DateRange& period) {
  const bool has_start = period.has_start_date();
  const bool has_end = period.has_end_date();
  if (!has_start && !has_end) {
    return std::optional<std::pair<domain::Month, domain::Month>>();
  }
  if (!has_start || !has_end) {
    return InvalidArgument("period", "give both start_date and end_date (e.g. a month's first and last day)");
  }
  const Date start = FromProto(period.start_date());
  const Date end = FromProto(period.end_date());
  if (!start.IsValid() || !end.IsValid()) {
    return InvalidArgument("period", "is not a valid date range");
  }
  return std::optional(std::pair{domain::Month::Of(start), domain::Month::Of(end)});
}

template <typename Request>
Result<std::vector<app::CustomersApp::MonthFigures>> FiguresFor(app::CustomersApp& app, const auth::Principal& caller,
                                                                const Request& request) {
  auto months = MonthsOf(request.period());
  if (!months.ok()) {
    return months.error();
  }
  if (months.value() && request.months() != 0) {
    return InvalidArgument("months", "give either a period or a number of months up to this month, not both");
  }
  return app.Figures(caller, {request.store_ids().begin(), request.store_ids().end()}, months.value(),
                     request.months() == 0 ? 1 : request.months());
}

// The period a report answered: the request's, or the months its rows cover.
careloop::common::v1::DateRange PeriodOf(const careloop::common::v1::DateRange& asked,
                                         const std::vector<app::CustomersApp::MonthFigures>& figures) {
  if (asked.has_start_date() || figures.empty()) {
    return asked;
  }
  domain::Month first = figures.front().month;
  domain::Month last = first;
  for (const auto& month : figures) {
    first = std::min(first, month.month);
    last = std::max(last, month.month);
  }
  careloop::common::v1::DateRange out;
  *out.mutable_start_date() = events::ToProto(first.FirstDay());
  *out.mutable_end_date() = events::ToProto(last.LastDay());
  return out;
}

pb::FigureSource SourceOf(const app::CustomersApp::MonthFigures& month) {
  return kFigureSources.ToProto(month.source).value_or(pb::FIGURE_SOURCE_UNSPECIFIED);
}

}  // namespace

grpc::ServerUnaryReactor* CustomersApi::GetLoyaltyReport(grpc::CallbackServerContext* context,
                                                         const pb::GetLoyaltyReportRequest* request,
                                                         pb::GetLoyaltyReportResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetLoyaltyReport", [&](const auth::Principal& caller) -> Status {
    auto figures = FiguresFor(app_, caller, *request);
    if (!figures.ok()) {
      return figures.error();
    }
    for (const auto& month : figures.value()) {
      const domain::StoreFigures& f = month.figures;
      auto* row = response->add_rows();
      row->set_store_id(month.store_id);
      row->set_month(month.month.ToString());
      row->set_customer_count(f.customers);
      row->set_high_value_count(f.high_value);
      row->set_active_count(f.active);
      row->set_loyal_count(f.loyal);
      row->set_loyalty_base_count(f.loyalty_base);
      row->set_settling_months(f.settling_months);
      if (const auto share = f.loyal_share()) {
        row->set_loyal_share_of_base(*share);
        // The deprecated field, for clients that still read it (0 when not applicable).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        row->set_loyal_share(*share);
#pragma GCC diagnostic pop
      }
      for (const auto& [criterion, count] : f.criteria) {
        auto* c = row->add_criteria();
        c->set_criterion(ToProto(criterion));
        c->set_customer_count(count);
      }
      row->set_referral_purchase_count(f.referral_purchases);
      row->set_source(SourceOf(month));
      if (f.records_since.IsSet()) {
        *row->mutable_records_since() = events::ToProto(f.records_since);
      }
    }
    *response->mutable_period() = PeriodOf(request->period(), figures.value());
    *response->mutable_computed_at() = events::ToTimestamp(app_.Now());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::GetChurnReport(grpc::CallbackServerContext* context,
                                                       const pb::GetChurnReportRequest* request,
                                                       pb::GetChurnReportResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetChurnReport", [&](const auth::Principal& caller) -> Status {
    auto figures = FiguresFor(app_, caller, *request);
    if (!figures.ok()) {
      return figures.error();
    }
    for (const auto& month : figures.value()) {
      const domain::StoreFigures& f = month.figures;
      for (const auto& [stage, count] : f.churn) {
        auto* row = response->add_rows();
        row->set_store_id(month.store_id);
        row->set_month(month.month.ToString());
        row->set_churn_stage(ToProto(stage));
        row->set_customer_count(count);
        row->set_entered_count(f.entered.contains(stage) ? f.entered.at(stage) : 0);
        row->set_won_back_count(f.won_back.contains(stage) ? f.won_back.at(stage) : 0);
        row->set_source(SourceOf(month));
        if (f.records_since.IsSet()) {
          *row->mutable_records_since() = events::ToProto(f.records_since);
        }
        if (f.reasons.contains(stage)) {
          for (const auto& [reason, n] : f.reasons.at(stage)) {
            auto* r = row->add_reasons();
            r->set_reason(ToProto(reason));
            r->set_customer_count(n);
          }
        }
      }
    }
    *response->mutable_period() = PeriodOf(request->period(), figures.value());
    *response->mutable_computed_at() = events::ToTimestamp(app_.Now());
    return Ok{};
  });
}

}  // namespace careloop::customers::adapters
