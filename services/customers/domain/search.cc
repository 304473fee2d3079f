#include "services/customers/domain/search.h"

#include <algorithm>

namespace careloop::customers::domain {
namespace {

constexpr std::initializer_list<ChurnStage> kChurnStages = {
    ChurnStage::kActive, ChurnStage::kAtRisk, ChurnStage::kLapsing, ChurnStage::kLost, ChurnStage::kLongLost};

// The latest anchor whose churn stage on `today` is at least as bad as `stage` (every anchor on
// or before it is at least that bad: stages only worsen as the anchor recedes). Month arithmetic
// clamps (31 May + 6 months = 30 Nov), so the exact day is found by asking ChurnStageAt around
// the estimate rather than by inverting it.
Date LatestAnchorAtLeast(ChurnStage stage, Date today, const ClassificationPolicy& policy) {
  const int months = stage == ChurnStage::kAtRisk    ? policy.at_risk_months
                     : stage == ChurnStage::kLapsing ? policy.lapsing_months
                     : stage == ChurnStage::kLost    ? policy.lost_months
                                                     : policy.long_lost_after_months;
  Date anchor = today.PlusMonths(-months).PlusDays(5);
  while (ChurnStageAt(anchor, today, policy) < stage) {
    anchor = anchor.PlusDays(-1);
  }
  return anchor;
}

// The overlap of two ranges; nullopt when they do not overlap.
std::optional<DateRange> Intersect(const DateRange& a, const DateRange& b) {
  DateRange out;
  out.from = !a.from.IsSet() ? b.from : !b.from.IsSet() ? a.from : std::max(a.from, b.from);
  out.to = !a.to.IsSet() ? b.to : !b.to.IsSet() ? a.to : std::min(a.to, b.to);
  if (out.from.IsSet() && out.to.IsSet() && out.from > out.to) {
    return std::nullopt;
  }
  return out;
}

Status CheckRange(const std::string& field, const DateRange& range) {
  if ((range.from.IsSet() && !range.from.IsValid()) || (range.to.IsSet() && !range.to.IsValid())) {
    return InvalidArgument(field, "is not a valid date range");
  }
  if (range.from.IsSet() && range.to.IsSet() && range.from > range.to) {
    return InvalidArgument(field, "starts (" + range.from.ToString() + ") after it ends (" + range.to.ToString() + ")");
  }
  return Ok{};
}

template <typename T, typename Name>
FacetCondition AnyOf(const char* facet_name, const std::vector<T>& values, Name name) {
  FacetCondition condition;
  for (const auto& value : values) {
    condition.any_of.push_back(Facet{facet_name, std::string(name(value))});
  }
  return condition;
}

}  // namespace

std::string_view ChannelName(Channel channel) {
  switch (channel) {
    case Channel::kSms: return "sms";
    case Channel::kWeChat: return "wechat";
    case Channel::kPhoneCall: return "phone";
  }
  return "unknown";
}

std::string_view ConsentStateName(ConsentState state) {
  switch (state) {
    case ConsentState::kGranted: return "granted";
    case ConsentState::kDenied: return "denied";
    case ConsentState::kUnspecified: return "unspecified";
  }
  return "unknown";
}

std::string_view PurchasePurposeName(PurchasePurpose purpose) {
  switch (purpose) {
    case PurchasePurpose::kPrivate: return "private";
    case PurchasePurpose::kBusiness: return "business";
    case PurchasePurpose::kFleet: return "fleet";
    case PurchasePurpose::kUnspecified: return "unspecified";
  }
  return "unknown";
}

std::string_view ChurnReasonName(ChurnReason reason) {
  switch (reason) {
    case ChurnReason::kProduct: return "product";
    case ChurnReason::kPrice: return "price";
    case ChurnReason::kService: return "service";
    case ChurnReason::kBenefit: return "benefit";
    case ChurnReason::kManagement: return "management";
    case ChurnReason::kMovedAway: return "moved_away";
    case ChurnReason::kNatural: return "natural";
    case ChurnReason::kUnspecified: break;
  }
  return "unspecified";
}

Date ChurnAnchor(const Customer& customer) {
  if (customer.last_visit_date.IsSet()) {
    return customer.last_visit_date;
  }
  Date latest_delivery;
  for (const auto& vehicle : customer.vehicles) {
    latest_delivery = std::max(latest_delivery, vehicle.delivery_date);
  }
  return latest_delivery.IsSet() ? latest_delivery : customer.registered_on;
}

Facets FacetsOf(const Customer& customer) {
  Facets out;
  auto add = [&](const char* name, std::string value) {
    if (!value.empty()) {
      out.sets.push_back(Facet{name, std::move(value)});
    }
  };
  out.sets.push_back(Facet{facet::kAll, ""});
  if (const auto& c = customer.classification) {
    add(facet::kTier, c->high_value() ? "high" : "standard");
    for (auto criterion : c->value_criteria) {
      add(facet::kCriterion, std::string(ValueCriterionName(criterion)));
    }
    add(facet::kLifecycle, std::string(LifecycleStageName(c->lifecycle)));
  }
  const Address& address = customer.profile.address;
  add(facet::kProvince, address.province);
  add(facet::kCity, address.city);
  add(facet::kDistrict, address.district);
  if (customer.profile.purchase_purpose != PurchasePurpose::kUnspecified) {
    add(facet::kPurpose, std::string(PurchasePurposeName(customer.profile.purchase_purpose)));
  }
  if (customer.opinion_leader) {
    add(facet::kFlag, "opinion_leader");
  }
  if (customer.fleet_customer) {
    add(facet::kFlag, "fleet_customer");
  }
  if (customer.birthday.IsSet()) {
    add(facet::kBirthdayMonth, std::to_string(customer.birthday.month));
  }
  for (const auto& consent : customer.consents) {
    if (consent.state != ConsentState::kUnspecified) {
      add(facet::kConsent,
          std::string(ChannelName(consent.channel)) + ":" + std::string(ConsentStateName(consent.state)));
    }
  }
  if (customer.churn_reason != ChurnReason::kUnspecified) {
    add(facet::kChurnReason, std::string(ChurnReasonName(customer.churn_reason)));
  }
  for (const auto& vehicle : customer.vehicles) {
    if (!vehicle.active()) {
      continue;
    }
    add(facet::kOwns, "active_vehicle");
    add(facet::kModel, vehicle.model);
    add(facet::kSeries, vehicle.series);
    add(facet::kAdvisor, vehicle.assigned_advisor);
    if (vehicle.delivery_date.IsSet()) {
      out.dates.push_back(DatedFacet{facet::kDelivery, vehicle.vehicle_id, vehicle.delivery_date});
    }
  }
  std::sort(out.sets.begin(), out.sets.end());
  out.sets.erase(std::unique(out.sets.begin(), out.sets.end()), out.sets.end());
  // A customer who visited has their last visit as churn anchor: filed once, under last_visit.
  if (customer.last_visit_date.IsSet()) {
    out.dates.push_back(DatedFacet{facet::kLastVisit, "", customer.last_visit_date});
  } else if (const Date anchor = ChurnAnchor(customer); anchor.IsSet()) {
    out.dates.push_back(DatedFacet{facet::kChurnAnchor, "", anchor});
  }
  return out;
}

DateRange ChurnAnchorRange(ChurnStage stage, Date today, const ClassificationPolicy& policy) {
  DateRange range;
  if (stage != ChurnStage::kActive) {
    range.to = LatestAnchorAtLeast(stage, today, policy);
  }
  if (stage != ChurnStage::kLongLost) {
    const auto worse = static_cast<ChurnStage>(static_cast<int>(stage) + 1);
    range.from = LatestAnchorAtLeast(worse, today, policy).PlusDays(1);
  }
  return range;
}

Result<SearchPlan> PlanSearch(const CustomerFilter& filter, Date today, const ClassificationPolicy& policy) {
  if (Status range = CheckRange("filter.last_visit", filter.last_visit); !range.ok()) {
    return range.error();
  }
  if (Status range = CheckRange("filter.delivery", filter.delivery); !range.ok()) {
    return range.error();
  }
  if (filter.birthday_month < 0 || filter.birthday_month > 12) {
    return InvalidArgument("filter.birthday_month", "must be 1 to 12 (or 0 for any month)");
  }
  if (filter.min_vehicle_age_months < 0) {
    return InvalidArgument("filter.min_vehicle_age_months", "must not be negative");
  }
  if (filter.max_vehicle_age_months < 0) {
    return InvalidArgument("filter.max_vehicle_age_months", "must not be negative");
  }
  if (filter.max_vehicle_age_months > 0 && filter.min_vehicle_age_months > filter.max_vehicle_age_months) {
    return InvalidArgument("filter.min_vehicle_age_months", "is above max_vehicle_age_months: no car can be both");
  }

  SearchPlan plan;
  auto add = [&](FacetCondition condition) {
    if (!condition.any_of.empty()) {
      plan.all_of.push_back(std::move(condition));
    }
  };
  // Text filters: a list matches any of its values; a single value, when given, must match.
  auto text = [](const std::string& value) { return value; };
  auto one = [](const std::string& value) { return value.empty() ? std::vector<std::string>{} : std::vector{value}; };
  add(AnyOf(facet::kProvince, one(filter.province), text));
  add(AnyOf(facet::kCity, one(filter.city), text));
  add(AnyOf(facet::kDistrict, one(filter.district), text));
  add(AnyOf(facet::kModel, filter.models, text));
  add(AnyOf(facet::kSeries, filter.series, text));
  add(AnyOf(facet::kAdvisor, one(filter.assigned_advisor), text));
  add(AnyOf(facet::kTier, filter.value_tiers,
            [](ValueTier tier) { return tier == ValueTier::kHigh ? "high" : "standard"; }));
  add(AnyOf(facet::kCriterion, filter.value_criteria, ValueCriterionName));
  add(AnyOf(facet::kLifecycle, filter.lifecycle_stages, LifecycleStageName));
  add(AnyOf(facet::kPurpose, filter.purchase_purposes, PurchasePurposeName));
  add(AnyOf(facet::kChurnReason, filter.churn_reasons, ChurnReasonName));
  if (filter.with_active_vehicle) {
    add(FacetCondition{{Facet{facet::kOwns, "active_vehicle"}}});
  }
  if (filter.birthday_month != 0) {
    add(FacetCondition{{Facet{facet::kBirthdayMonth, std::to_string(filter.birthday_month)}}});
  }

  const bool only_standard =
      !filter.value_tiers.empty() && std::all_of(filter.value_tiers.begin(), filter.value_tiers.end(),
                                                 [](ValueTier t) { return t == ValueTier::kStandard; });
  if (only_standard && !filter.value_criteria.empty()) {
    return InvalidArgument("filter.value_criteria",
                           "contradicts value_tiers: a standard-tier customer meets no high-value criterion");
  }
  if (filter.opinion_leader == false && !filter.value_criteria.empty() &&
      std::all_of(filter.value_criteria.begin(), filter.value_criteria.end(),
                  [](ValueCriterion c) { return c == ValueCriterion::kOpinionLeader; })) {
    return InvalidArgument("filter.opinion_leader",
                           "is false, but the only value criterion asked for is being an opinion leader");
  }
  for (const auto& [flag, name] :
       {std::pair{filter.opinion_leader, "opinion_leader"}, std::pair{filter.fleet_customer, "fleet_customer"}}) {
    if (flag == true) {
      add(FacetCondition{{Facet{facet::kFlag, name}}});
    } else if (flag == false) {
      plan.none_of.push_back(Facet{facet::kFlag, name});
    }
  }

  for (size_t i = 0; i < filter.consents.size(); ++i) {
    const auto [channel, state] = filter.consents[i];
    for (size_t j = 0; j < i; ++j) {
      if (filter.consents[j].first == channel && filter.consents[j].second != state) {
        return InvalidArgument("filter.consents", "asks for " + std::string(ChannelName(channel)) +
                                                      " consent to be both " +
                                                      std::string(ConsentStateName(filter.consents[j].second)) +
                                                      " and " + std::string(ConsentStateName(state)));
      }
    }
    const std::string prefix = std::string(ChannelName(channel)) + ":";
    if (state == ConsentState::kUnspecified) {
      plan.none_of.push_back(Facet{facet::kConsent, prefix + "granted"});
      plan.none_of.push_back(Facet{facet::kConsent, prefix + "denied"});
    } else {
      add(FacetCondition{{Facet{facet::kConsent, prefix + std::string(ConsentStateName(state))}}});
    }
  }

  // A car of age A whole months was delivered between today − (A+1) months (exclusive) and
  // today − A months (inclusive).
  DateRange delivery = filter.delivery;
  if (filter.min_vehicle_age_months > 0 || filter.max_vehicle_age_months > 0) {
    DateRange by_age;
    if (filter.min_vehicle_age_months > 0) {
      by_age.to = today.PlusMonths(-filter.min_vehicle_age_months);
    }
    if (filter.max_vehicle_age_months > 0) {
      by_age.from = today.PlusMonths(-(filter.max_vehicle_age_months + 1)).PlusDays(1);
    }
    auto both = Intersect(delivery, by_age);
    if (!both) {
      return InvalidArgument("filter.delivery", "contradicts the vehicle age limits: no car delivered in " +
                                                    filter.delivery.from.ToString() + ".." +
                                                    filter.delivery.to.ToString() + " has that age today");
    }
    delivery = *both;
  }
  if (delivery.IsSet()) {
    plan.dates.push_back(DateCondition{{facet::kDelivery}, {delivery}});
  }
  if (filter.last_visit.IsSet()) {
    plan.dates.push_back(DateCondition{{facet::kLastVisit}, {filter.last_visit}});
  }
  if (!filter.churn_stages.empty()) {
    // Visitors are filed under last_visit, the others under churn_anchor (see FacetsOf).
    DateCondition churn{{facet::kLastVisit, facet::kChurnAnchor}, {}};
    bool any_possible = !filter.last_visit.IsSet();
    for (ChurnStage stage : kChurnStages) {
      if (std::find(filter.churn_stages.begin(), filter.churn_stages.end(), stage) == filter.churn_stages.end()) {
        continue;
      }
      const DateRange anchors = ChurnAnchorRange(stage, today, policy);
      churn.any_of.push_back(anchors);
      // A customer who visited has their last visit as anchor: the visit range must meet the stage's.
      any_possible = any_possible || Intersect(anchors, filter.last_visit).has_value();
    }
    if (!any_possible) {
      return InvalidArgument("filter.churn_stages", "contradicts filter.last_visit: on " + today.ToString() +
                                                        " no customer who last visited in that range is in "
                                                        "the stages asked for");
    }
    plan.dates.push_back(std::move(churn));
  }
  return plan;
}

}  // namespace careloop::customers::domain
