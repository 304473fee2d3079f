#pragma once

#include "common/events/router.h"
#include "services/surveys/app/surveys_app.h"

namespace careloop::surveys::adapters {

/// careloop.customer.v1: ServiceVisitRecorded issues a service survey, VehicleDelivered a sales
/// survey (recent deliveries only). Other types are skipped; an undecodable or incomplete event
/// of a known type is poison.
class CustomerEventHandler final {
 public:
  explicit CustomerEventHandler(app::SurveysApp& app);
  kafka::HandlerResult operator()(const kafka::CloudEvent& event) const { return routes_(event); }

 private:
  events::Router routes_;
};

}  // namespace careloop::surveys::adapters
