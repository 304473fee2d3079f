#include "services/surveys/app/csi_app.h"

#include <algorithm>

#include "common/log/log.h"

namespace careloop::surveys::app {

domain::CsiMonth CsiApp::MonthAt(const std::string& store_id, Instant at) const {
  return domain::CsiMonth::Of(stores_.ZoneOf(store_id).DateAt(at));
}

void CsiApp::OnIssued(const SurveyNote& issued) {
  domain::CsiCell cell{issued.store_id, MonthAt(issued.store_id, issued.at), issued.kind, issued.source,
                       issued.advisor,  domain::SurveyItem::kUnspecified,    {}};
  cell.tally.issued = 1;
  (void)stats_.Add("issued:" + issued.survey_id, {cell});
}

void CsiApp::OnExpired(const SurveyNote& expired) {
  domain::CsiCell cell{expired.store_id,
                       MonthAt(expired.store_id, expired.at),
                       expired.kind,
                       expired.source,
                       expired.advisor,
                       domain::SurveyItem::kUnspecified,
                       {}};
  cell.tally.expired = 1;
  (void)stats_.Add("expired:" + expired.survey_id, {cell});
}

void CsiApp::OnAnswered(const std::string& survey_id, domain::CsiAnswer answer, Instant answered_at) {
  answer.month = MonthAt(answer.store_id, answered_at);
  if (stats_.Add("answered:" + survey_id, domain::CellsOfAnswer(answer))) {
    log::Info("csi answer counted", {{"survey_id", survey_id}, {"store_id", answer.store_id}});
  }
}

void CsiApp::OnCase(CaseNote note) {
  if (note.opened_at) {
    note.month = MonthAt(note.store_id, *note.opened_at);
  }
  stats_.RecordCase(note);
}

Result<CsiReport> CsiApp::Report(const auth::Principal& caller, const CsiQuery& query) {
  CsiReport report;
  if (query.store_ids.empty()) {
    for (const auto& store : stores_.all()) {
      if (caller.MayAccessStore(store.id)) {
        report.store_ids.push_back(store.id);
      }
    }
    if (report.store_ids.empty()) {
      return Error{ErrorCode::kPermissionDenied, "store_ids", "the caller may see no store"};
    }
  } else {
    for (size_t i = 0; i < query.store_ids.size(); ++i) {
      const std::string& store_id = query.store_ids[i];
      if (Status allowed = caller.RequireStore(store_id); !allowed.ok()) {
        return allowed.error();
      }
      if (!stores_.IsKnown(store_id)) {
        return InvalidArgument("store_ids[" + std::to_string(i) + "]", "unknown store " + store_id);
      }
      report.store_ids.push_back(store_id);
    }
  }
  if (!query.from.IsValid()) {
    return InvalidArgument("period.start", "is required (a valid date)");
  }
  if (!query.to.IsValid()) {
    return InvalidArgument("period.end", "is required (a valid date)");
  }
  if (query.to < query.from) {
    return InvalidArgument("period.end", "is before period.start");
  }
  report.first = domain::CsiMonth::Of(query.from);
  report.last = domain::CsiMonth::Of(query.to);
  const auto months = domain::MonthsBetween(report.first, report.last);
  if (months.size() > static_cast<size_t>(kMaxMonths)) {
    return InvalidArgument("period", "covers " + std::to_string(months.size()) + " months; at most " +
                                         std::to_string(kMaxMonths) + " per report");
  }
  std::vector<domain::CsiCell> cells;
  std::vector<domain::CaseFact> cases;
  for (const auto& store_id : report.store_ids) {
    for (const auto month : months) {
      for (auto& cell : stats_.Cells(store_id, month)) {
        if ((query.kind && cell.kind != *query.kind) || (query.source && cell.source != *query.source) ||
            (!query.advisor.empty() && cell.advisor != query.advisor)) {
          continue;
        }
        if (cell.item == domain::SurveyItem::kUnspecified) {
          report.issued += cell.tally.issued;
          report.expired += cell.tally.expired;
        }
        cells.push_back(std::move(cell));
      }
      // Cases know no survey kind or source: those filters do not narrow them.
      for (auto& one : stats_.Cases(store_id, month)) {
        if (query.advisor.empty() || one.advisor == query.advisor) {
          cases.push_back(std::move(one));
        }
      }
    }
  }
  report.rows = domain::GroupCsi(cells, cases, query.group_by);
  report.lowest_items = domain::LowestItems(cells, kLowestItems);
  report.computed_at = clock_.Now();
  for (const auto& store_id : report.store_ids) {
    const std::string& zone = stores_.ZoneOf(store_id).name();
    report.time_zone = store_id == report.store_ids.front() || zone == report.time_zone ? zone : "";
    if (report.time_zone.empty()) {
      break;
    }
  }
  return report;
}

}  // namespace careloop::surveys::app
