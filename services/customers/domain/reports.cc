#include "services/customers/domain/reports.h"

#include <charconv>
#include <cstdio>

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

}  // namespace

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

std::vector<FigureQuery> FigureQueries() {
  std::vector<FigureQuery> out;
  out.push_back({"customers", Owners()});
  CustomerFilter high = Owners();
  high.value_tiers = {ValueTier::kHigh};
  out.push_back({"high_value", high});
  CustomerFilter active = Owners();
  active.churn_stages = {ChurnStage::kActive};
  out.push_back({"active", active});
  CustomerFilter both = high;
  both.churn_stages = {ChurnStage::kActive};
  out.push_back({"high_value_and_active", both});
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
  auto count = [&](const std::string& name) {
    auto it = counts.find(name);
    return it == counts.end() ? int64_t{0} : it->second;
  };
  StoreFigures out;
  out.customers = count("customers");
  out.high_value = count("high_value");
  out.active = count("active");
  out.loyal = out.high_value + out.active - count("high_value_and_active");
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
  return out;
}

}  // namespace careloop::customers::domain
