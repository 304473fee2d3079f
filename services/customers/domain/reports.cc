#include "services/customers/domain/reports.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace careloop::customers::domain {
namespace {

constexpr std::initializer_list<ChurnStage> kStages = {ChurnStage::kActive, ChurnStage::kAtRisk, ChurnStage::kLapsing,
                                                       ChurnStage::kLost, ChurnStage::kLongLost};
constexpr std::initializer_list<ChurnReason> kReasons = {
    ChurnReason::kProduct,    ChurnReason::kPrice,     ChurnReason::kService, ChurnReason::kBenefit,
    ChurnReason::kManagement, ChurnReason::kMovedAway, ChurnReason::kNatural};
constexpr std::initializer_list<ValueCriterion> kCriteria = {ValueCriterion::kAddOnOrReplacementPurchase,
                                                             ValueCriterion::kReferredABuyerRecently,
                                                             ValueCriterion::kFrequentVisitor,
                                                             ValueCriterion::kJustLeftWarranty,
                                                             ValueCriterion::kLoyalInsuranceOrInspection,
                                                             ValueCriterion::kFleetCustomer,
                                                             ValueCriterion::kOpinionLeader,
                                                             ValueCriterion::kMajorComplaint};

CustomerFilter Owners() {
  CustomerFilter filter;
  filter.with_active_vehicle = true;
  return filter;
}

int64_t CountOf(const std::map<std::string, int64_t>& counts, const std::string& name) {
  auto it = counts.find(name);
  return it == counts.end() ? int64_t{0} : it->second;
}

template <typename T>
bool Among(const std::vector<T>& allowed, T value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

bool Within(const DateRange& range, Date day) {
  return (!range.from.IsSet() || day >= range.from) && (!range.to.IsSet() || day <= range.to);
}

// The filter fields CountedBy answers; FigureQueries uses no others.
bool IsReportFilter(const CustomerFilter& f) {
  return f.store_ids.empty() && f.province.empty() && f.city.empty() && f.district.empty() && f.models.empty() &&
         f.series.empty() && f.lifecycle_stages.empty() && f.consents.empty() && !f.last_visit.IsSet() &&
         f.birthday_month == 0 && f.assigned_advisor.empty() && f.purchase_purposes.empty() &&
         f.min_vehicle_age_months == 0 && f.max_vehicle_age_months == 0 && !f.opinion_leader && !f.fleet_customer;
}

}  // namespace

int ReportRules::SettlingMonthsOf(const std::string& store_id) const {
  auto it = settling_months_by_store.find(store_id);
  return it == settling_months_by_store.end() ? settling_months : it->second;
}

std::optional<Month> Month::Parse(std::string_view text) {
  int year = 0;
  int month = 0;
  if (text.size() != 7 || text[4] != '-' ||
      std::from_chars(text.data(), text.data() + 4, year).ptr != text.data() + 4 ||
      std::from_chars(text.data() + 5, text.data() + 7, month).ptr != text.data() + 7 || month < 1 || month > 12 ||
      year < 2000) {
    return std::nullopt;
  }
  return Month{year, month};
}

std::string Month::ToString() const {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d", year % 10000, month % 100);
  return out;
}

std::string EnteredCounter(ChurnStage stage) {
  return "entered:" + std::string(ChurnStageName(stage));
}

std::string WonBackCounter(ChurnStage from) {
  return "won_back:" + std::string(ChurnStageName(from));
}

std::vector<FigureQuery> FigureQueries(Date day, int settling_months) {
  std::vector<FigureQuery> out;
  // Each of the four headline counts, over every customer held and over the loyalty base.
  CustomerFilter settled = Owners();
  settled.delivery.to = day.PlusMonths(-settling_months);
  for (const auto& [prefix, base] : {std::pair{std::string(), Owners()}, std::pair{std::string("settled:"), settled}}) {
    out.push_back({prefix + "customers", base});
    CustomerFilter high = base;
    high.value_tiers = {ValueTier::kHigh};
    out.push_back({prefix + "high_value", high});
    CustomerFilter active = base;
    active.churn_stages = {ChurnStage::kActive};
    out.push_back({prefix + "active", active});
    CustomerFilter both = high;
    both.churn_stages = {ChurnStage::kActive};
    out.push_back({prefix + "high_value_and_active", both});
  }
  for (ValueCriterion criterion : kCriteria) {
    CustomerFilter f = Owners();
    f.value_criteria = {criterion};
    out.push_back({"criterion:" + std::string(ValueCriterionName(criterion)), f});
  }
  for (ChurnStage stage : kStages) {
    CustomerFilter f = Owners();
    f.churn_stages = {stage};
    out.push_back({"churn:" + std::string(ChurnStageName(stage)), f});
    if (stage == ChurnStage::kActive) {
      continue;  // reasons are recorded for customers who drifted away
    }
    for (ChurnReason reason : kReasons) {
      CustomerFilter r = f;
      r.churn_reasons = {reason};
      out.push_back({"reason:" + std::string(ChurnStageName(stage)) + ":" + std::string(ChurnReasonName(reason)), r});
    }
  }
  return out;
}

StoreFigures FiguresFrom(const std::map<std::string, int64_t>& counts) {
  auto count = [&](const std::string& name) { return CountOf(counts, name); };
  StoreFigures out;
  out.customers = count("customers");
  out.high_value = count("high_value");
  out.active = count("active");
  out.settling_months = static_cast<int>(count(kSettlingMonthsValue));
  if (out.settling_months > 0) {
    out.loyalty_base = count("settled:customers");
    out.loyal = count("settled:high_value") + count("settled:active") - count("settled:high_value_and_active");
  }
  for (ValueCriterion criterion : kCriteria) {
    out.criteria[criterion] = count("criterion:" + std::string(ValueCriterionName(criterion)));
  }
  for (ChurnStage stage : kStages) {
    out.churn[stage] = count("churn:" + std::string(ChurnStageName(stage)));
    out.entered[stage] = count(EnteredCounter(stage));
    out.won_back[stage] = count(WonBackCounter(stage));
    for (ChurnReason reason : kReasons) {
      const int64_t n =
          count("reason:" + std::string(ChurnStageName(stage)) + ":" + std::string(ChurnReasonName(reason)));
      if (n > 0) {
        out.reasons[stage][reason] = n;
      }
    }
  }
  out.referral_purchases = count(kReferralPurchasesCounter);
  out.reconstructed = count(kReconstructedValue) != 0;
  if (counts.contains(kRecordsSinceValue)) {
    out.records_since = Date::FromDaysSinceEpoch(count(kRecordsSinceValue));
  }
  return out;
}

Month MovementMonth(ChurnStage from, ChurnStage to, Date anchor, Date today, const ClassificationPolicy& policy) {
  if (to <= from || !anchor.IsSet() || anchor > today || ChurnStageAt(anchor, today, policy) < to) {
    return Month::Of(today);
  }
  // The first day the stage held: stages only worsen as days pass, so halve the days between.
  int64_t before = anchor.DaysSinceEpoch();  // the stage did not hold yet (the anchor day is active)
  int64_t held = today.DaysSinceEpoch();
  while (held - before > 1) {
    const int64_t mid = before + (held - before) / 2;
    if (ChurnStageAt(anchor, Date::FromDaysSinceEpoch(mid), policy) >= to) {
      held = mid;
    } else {
      before = mid;
    }
  }
  return Month::Of(Date::FromDaysSinceEpoch(held));
}

std::optional<Standing> StandingOn(const Customer& customer, const History& history, Date day,
                                   const ClassificationPolicy& policy) {
  Standing out{customer, {}};
  Customer& then = out.customer;
  std::erase_if(then.vehicles, [&](const Vehicle& car) {
    const Date since = car.delivery_date.IsSet() ? car.delivery_date : customer.registered_on;
    return !since.IsSet() || since > day;
  });
  if (std::none_of(then.vehicles.begin(), then.vehicles.end(), [](const Vehicle& car) { return car.active(); })) {
    return std::nullopt;
  }
  History past = history;
  std::erase_if(past.visits, [&](const ServiceVisit& v) { return v.visit_date > day; });
  std::erase_if(past.policies, [&](const InsurancePolicy& p) { return p.start_date > day; });
  std::erase_if(past.inspections, [&](const Inspection& i) { return i.inspection_date > day; });
  std::erase_if(past.referrals, [&](const Referral& r) { return r.referral_date > day; });
  for (Referral& referral : past.referrals) {
    if (referral.purchased && referral.purchase_date > day) {
      referral.purchased = false;
      referral.purchase_date = {};
    }
  }
  std::erase_if(past.purchases, [&](const Purchase& p) { return p.purchase_date > day; });
  std::erase_if(past.packages, [&](const PrepaidPackage& p) { return p.purchase_date > day; });
  std::erase_if(past.complaints, [&](const Complaint& c) { return c.opened_date > day; });
  std::erase_if(past.odometer_readings, [&](const OdometerReading& r) { return r.reading_date > day; });
  then.last_visit_date = {};
  for (const auto& visit : past.visits) {
    then.last_visit_date = std::max(then.last_visit_date, visit.visit_date);
  }
  out.classification = ClassifyCustomer(then, past, day, policy);
  return out;
}

bool CountedBy(const CustomerFilter& filter, const Standing& standing) {
  if (!IsReportFilter(filter)) {
    throw std::logic_error("CountedBy answers the report filters only");
  }
  const Customer& customer = standing.customer;
  const Classification& c = standing.classification;
  const auto held = [&](const Vehicle& car) {
    return car.active() &&
           (!filter.delivery.IsSet() || (car.delivery_date.IsSet() && Within(filter.delivery, car.delivery_date)));
  };
  if ((filter.with_active_vehicle || filter.delivery.IsSet()) &&
      std::none_of(customer.vehicles.begin(), customer.vehicles.end(), held)) {
    return false;
  }
  if (!Among(filter.value_tiers, c.high_value() ? ValueTier::kHigh : ValueTier::kStandard) ||
      !Among(filter.churn_stages, c.churn) || !Among(filter.churn_reasons, customer.churn_reason)) {
    return false;
  }
  return filter.value_criteria.empty() ||
         std::any_of(filter.value_criteria.begin(), filter.value_criteria.end(),
                     [&](ValueCriterion criterion) { return c.value_criteria.contains(criterion); });
}

Reconstruction::Reconstruction(std::vector<Month> months, int settling_months, ClassificationPolicy policy)
    : months_(std::move(months)), settling_months_(settling_months), policy_(policy) {
  std::sort(months_.begin(), months_.end());
  months_.erase(std::unique(months_.begin(), months_.end()), months_.end());
  for (const Month& month : months_) {
    queries_[month] = FigureQueries(month.LastDay(), settling_months_);
    auto& counts = counts_[month];
    for (const auto& query : queries_[month]) {
      counts[query.name] = 0;
    }
    for (ChurnStage stage : kStages) {
      counts[EnteredCounter(stage)] = 0;
      counts[WonBackCounter(stage)] = 0;
    }
    counts[kReferralPurchasesCounter] = 0;
    counts[kSettlingMonthsValue] = settling_months_;
    counts[kReconstructedValue] = 1;
  }
}

void Reconstruction::Add(const Customer& customer, const History& history) {
  for (const auto& car : customer.vehicles) {
    if (car.active() && car.delivery_date.IsSet() && (!records_since_.IsSet() || car.delivery_date < records_since_)) {
      records_since_ = car.delivery_date;
    }
  }
  // Months in order, so each month's start is the previous month's end when they follow on.
  std::optional<Month> previous;
  std::optional<Standing> before;
  for (const Month& month : months_) {
    const Date day = month.LastDay();
    if (previous != month.Previous()) {
      before = StandingOn(customer, history, month.Previous().LastDay(), policy_);
    }
    auto now = StandingOn(customer, history, day, policy_);
    auto& counts = counts_[month];
    if (now) {
      for (const auto& query : queries_[month]) {
        if (CountedBy(query.filter, *now)) {
          ++counts[query.name];
        }
      }
      if (before && before->classification.churn != now->classification.churn) {
        ++counts[EnteredCounter(now->classification.churn)];
        if (now->classification.churn == ChurnStage::kActive) {
          ++counts[WonBackCounter(before->classification.churn)];
        }
      }
    }
    // Referral purchases by the month the referred person bought, as the live counter files them.
    for (const auto& referral : history.referrals) {
      if (referral.purchased && referral.purchase_date.IsSet() && Month::Of(referral.purchase_date) == month) {
        ++counts[kReferralPurchasesCounter];
      }
    }
    previous = month;
    before = std::move(now);
  }
}

std::map<std::string, int64_t> Reconstruction::CountsOf(Month month) const {
  auto it = counts_.find(month);
  if (it == counts_.end()) {
    throw std::logic_error("month " + month.ToString() + " was not asked of this reconstruction");
  }
  auto counts = it->second;
  if (records_since_.IsSet()) {
    counts[kRecordsSinceValue] = records_since_.DaysSinceEpoch();
  }
  return counts;
}

}  // namespace careloop::customers::domain
