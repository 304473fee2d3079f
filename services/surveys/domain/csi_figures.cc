#include "services/surveys/domain/csi_figures.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

namespace careloop::surveys::domain {

std::optional<CsiMonth> CsiMonth::Parse(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') {
    return std::nullopt;
  }
  int year = 0;
  int month = 0;
  const auto year_end = std::from_chars(text.data(), text.data() + 4, year);
  const auto month_end = std::from_chars(text.data() + 5, text.data() + 7, month);
  if (year_end.ptr != text.data() + 4 || month_end.ptr != text.data() + 7 || year < 1901 || year > 2100 || month < 1 ||
      month > 12) {
    return std::nullopt;
  }
  return CsiMonth{year, month};
}

std::string CsiMonth::ToString() const {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", year, month);
  return text;
}

std::vector<CsiMonth> MonthsBetween(CsiMonth first, CsiMonth last) {
  std::vector<CsiMonth> months;
  for (CsiMonth month = first; month <= last; month = month.Plus(1)) {
    months.push_back(month);
  }
  return months;
}

SurveyCategory CategoryOf(SurveyItem item) {
  const int value = static_cast<int>(item);
  if (item == SurveyItem::kOverall) {
    return SurveyCategory::kOverall;
  }
  if (value < 10 || value > 109) {
    return SurveyCategory::kUnspecified;
  }
  // Items are numbered by tens per category: 10s purchase environment … 100s timeliness.
  return static_cast<SurveyCategory>(value / 10);
}

bool IsKnownItem(int item) {
  switch (static_cast<SurveyItem>(item)) {
    case SurveyItem::kOverall:
    case SurveyItem::kSalesSignage:
    case SurveyItem::kSalesShowroomComfort:
    case SurveyItem::kSalesVehiclesClean:
    case SurveyItem::kSalesModelsAndDocumentation:
    case SurveyItem::kSalesConsultantAppearance:
    case SurveyItem::kSalesConsultantAttitude:
    case SurveyItem::kSalesConsultantExpertise:
    case SurveyItem::kSalesFairPrice:
    case SurveyItem::kSalesClearCharges:
    case SurveyItem::kSalesCardPayment:
    case SurveyItem::kSalesDeliveryOnTime:
    case SurveyItem::kSalesDeliveryCarClean:
    case SurveyItem::kSalesControlsExplained:
    case SurveyItem::kSalesMaintenanceScheduleExplained:
    case SurveyItem::kSalesCalledAfterDelivery:
    case SurveyItem::kSalesProactiveHelp:
    case SurveyItem::kServiceWorkshopTidy:
    case SurveyItem::kServiceOpeningHours:
    case SurveyItem::kServiceLounge:
    case SurveyItem::kServiceAdvisorAttitude:
    case SurveyItem::kServiceGreetedOnArrival:
    case SurveyItem::kServiceAdvisorExpertise:
    case SurveyItem::kServiceAppointmentHonoured:
    case SurveyItem::kServiceWaitingService:
    case SurveyItem::kServiceHandoverAndSettlement:
    case SurveyItem::kServiceDiagnosisRight:
    case SurveyItem::kServiceFaultFixed:
    case SurveyItem::kServiceTechnicianAttitude:
    case SurveyItem::kServiceLabourFair:
    case SurveyItem::kServicePartsFair:
    case SurveyItem::kServiceChargesExplained:
    case SurveyItem::kServiceWorkStartedPromptly:
    case SurveyItem::kServiceRepairTimeReasonable: return true;
    case SurveyItem::kSalesShowroomMusic:
    case SurveyItem::kSalesStaffInUniform:
    case SurveyItem::kSalesWarrantyExplained:
    case SurveyItem::kServiceStaffInUniform:
    case SurveyItem::kServiceWorkExplained:  // yes/no execution items: never scored 1–10
    case SurveyItem::kUnspecified: return false;
  }
  return false;
}

CsiTally& CsiTally::operator+=(const CsiTally& other) {
  issued += other.issued;
  answered += other.answered;
  expired += other.expired;
  average_milli += other.average_milli;
  dissatisfied += other.dissatisfied;
  recommend_answers += other.recommend_answers;
  promoters += other.promoters;
  detractors += other.detractors;
  scores += other.scores;
  score_points += other.score_points;
  top_scores += other.top_scores;
  return *this;
}

std::vector<CsiCell> CellsOfAnswer(const CsiAnswer& answer) {
  std::vector<CsiCell> cells;
  CsiCell survey{
      answer.store_id, answer.month, answer.kind, answer.source, answer.advisor, SurveyItem::kUnspecified, {}};
  survey.tally.answered = 1;
  survey.tally.average_milli = std::llround(answer.average_score * 1000.0);
  survey.tally.dissatisfied = answer.dissatisfied ? 1 : 0;
  if (answer.recommend_score && *answer.recommend_score >= 0 && *answer.recommend_score <= 10) {
    survey.tally.recommend_answers = 1;
    survey.tally.promoters = *answer.recommend_score >= 9 ? 1 : 0;
    survey.tally.detractors = *answer.recommend_score <= 6 ? 1 : 0;
  }
  cells.push_back(survey);
  for (const auto& [item, score] : answer.scores) {
    if (!IsKnownItem(static_cast<int>(item)) || score < 1 || score > 10) {
      continue;
    }
    CsiCell cell{answer.store_id, answer.month, answer.kind, answer.source, answer.advisor, item, {}};
    cell.tally.scores = 1;
    cell.tally.score_points = score;
    cell.tally.top_scores = score >= 9 ? 1 : 0;
    cells.push_back(cell);
  }
  return cells;
}

std::optional<double> Median(std::vector<double> values) {
  if (values.empty()) {
    return std::nullopt;
  }
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

std::optional<double> Percentile(std::vector<double> values, double p) {
  if (values.empty() || p <= 0 || p > 100) {
    return std::nullopt;
  }
  std::sort(values.begin(), values.end());
  // Nearest rank: ceil(p/100 · n), 1-based. The small epsilon keeps 90 % of 10 at rank 9, not 10.
  const auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size()) - 1e-9));
  return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

std::optional<double> NetPromoterScore(int64_t promoters, int64_t detractors, int64_t answers) {
  if (answers <= 0) {
    return std::nullopt;
  }
  return 100.0 * static_cast<double>(promoters - detractors) / static_cast<double>(answers);
}

std::optional<double> Share(int64_t part, int64_t whole) {
  if (whole <= 0) {
    return std::nullopt;
  }
  return static_cast<double>(part) / static_cast<double>(whole);
}

ComplaintFigures FiguresOfCases(const std::vector<CaseFact>& cases) {
  ComplaintFigures figures;
  std::vector<double> hours;
  for (const auto& one : cases) {
    ++figures.opened;
    if (one.progressed || one.resolved_at) {
      ++figures.in_progress_or_beyond;
    }
    if (!one.resolved_at) {
      continue;
    }
    ++figures.resolved;
    figures.resolved_within_deadline += one.within_deadline ? 1 : 0;
    figures.customer_satisfied += one.customer_satisfied ? 1 : 0;
    if (one.opened_at) {
      hours.push_back(std::max<double>(
          0.0, std::chrono::duration<double, std::ratio<3600>>(*one.resolved_at - *one.opened_at).count()));
    }
  }
  figures.median_hours = Median(hours);
  figures.p90_hours = Percentile(hours, 90);
  if (!hours.empty()) {
    double sum = 0;
    for (const double h : hours) {
      sum += h;
    }
    figures.average_hours = sum / static_cast<double>(hours.size());
  }
  figures.within_deadline_share = Share(figures.resolved_within_deadline, figures.resolved);
  return figures;
}

namespace {

CsiGroupKey KeyOf(const CsiGrouping& by, const std::string& store_id, const std::string& advisor, SurveyItem item,
                  CsiMonth month) {
  CsiGroupKey key;
  if (by.store) {
    key.store_id = store_id;
  }
  if (by.advisor) {
    key.advisor = advisor;
  }
  if (by.item) {
    key.item = item;
  }
  if (by.category) {
    key.category = CategoryOf(item);
  }
  if (by.month) {
    key.month = month;
  }
  return key;
}

}  // namespace

std::vector<CsiRowFigures> GroupCsi(const std::vector<CsiCell>& cells, const std::vector<CaseFact>& cases,
                                    const CsiGrouping& by) {
  const bool per_item = by.item || by.category;
  std::map<CsiGroupKey, CsiRowFigures> rows;
  std::map<CsiGroupKey, CsiTally> item_scores;  // non-item rows: the item scores for the satisfied share
  for (const auto& cell : cells) {
    const bool item_cell = cell.item != SurveyItem::kUnspecified;
    const CsiGroupKey key = KeyOf(by, cell.store_id, cell.advisor, cell.item, cell.month);
    if (per_item) {
      if (item_cell) {
        auto& row = rows[key];
        row.key = key;
        row.tally += cell.tally;
      }
      continue;
    }
    if (item_cell) {
      item_scores[key] += cell.tally;
      continue;
    }
    auto& row = rows[key];
    row.key = key;
    row.tally += cell.tally;
  }
  std::map<CsiGroupKey, std::vector<CaseFact>> case_groups;
  if (!per_item) {
    for (const auto& one : cases) {
      const CsiGroupKey key = KeyOf(by, one.store_id, one.advisor, SurveyItem::kUnspecified, one.month);
      case_groups[key].push_back(one);
      rows[key].key = key;
    }
  }
  std::vector<CsiRowFigures> out;
  for (auto& [key, row] : rows) {
    const CsiTally& tally = row.tally;
    if (per_item) {
      row.response_count = tally.scores;
      if (tally.scores > 0) {
        row.average_score = static_cast<double>(tally.score_points) / static_cast<double>(tally.scores);
      }
      row.satisfied_share = Share(tally.top_scores, tally.scores);
    } else {
      row.response_count = tally.answered;
      if (tally.answered > 0) {
        row.average_score = static_cast<double>(tally.average_milli) / 1000.0 / static_cast<double>(tally.answered);
      }
      if (auto scores = item_scores.find(key); scores != item_scores.end()) {
        row.satisfied_share = Share(scores->second.top_scores, scores->second.scores);
      }
      row.response_rate = Share(tally.answered, tally.issued);
      row.nps = NetPromoterScore(tally.promoters, tally.detractors, tally.recommend_answers);
      if (auto group = case_groups.find(key); group != case_groups.end()) {
        row.complaints = FiguresOfCases(group->second);
      }
    }
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<ItemAverage> LowestItems(const std::vector<CsiCell>& cells, size_t count, int64_t min_scores) {
  std::map<SurveyItem, CsiTally> items;
  for (const auto& cell : cells) {
    if (cell.item != SurveyItem::kUnspecified && cell.item != SurveyItem::kOverall) {
      items[cell.item] += cell.tally;
    }
  }
  std::vector<ItemAverage> averages;
  for (const auto& [item, tally] : items) {
    if (tally.scores >= std::max<int64_t>(min_scores, 1)) {
      averages.push_back(
          {item, tally.scores, static_cast<double>(tally.score_points) / static_cast<double>(tally.scores)});
    }
  }
  std::stable_sort(averages.begin(), averages.end(), [](const ItemAverage& a, const ItemAverage& b) {
    return std::tie(a.average, a.scores) < std::tie(b.average, b.scores);
  });
  if (averages.size() > count) {
    averages.resize(count);
  }
  return averages;
}

}  // namespace careloop::surveys::domain
