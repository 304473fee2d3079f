#pragma once

#include "common/kafka/consumer.h"
#include "services/surveys/app/surveys_app.h"

namespace careloop::surveys::adapters {

/// careloop.customer.v1: ServiceVisitRecorded issues a service survey, VehicleDelivered a sales
/// survey (recent deliveries only). Other types are skipped; an undecodable known type is poison.
class CustomerEventHandler final {
 public:
  explicit CustomerEventHandler(app::SurveysApp& app) : app_(app) {}
  kafka::HandlerResult operator()(const kafka::CloudEvent& event);

 private:
  app::SurveysApp& app_;
};

}  // namespace careloop::surveys::adapters
