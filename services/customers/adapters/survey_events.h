#pragma once

#include "common/events/router.h"
#include "services/customers/app/customers_app.h"

namespace careloop::customers::adapters {

/// careloop.survey.v1 complaint cases on the customer's record: ComplaintCaseOpened records the
/// complaint, ComplaintCaseResolved closes it with the customer's answer about the fix. An event
/// naming no case or customer is poison.
void RouteComplaintCases(events::Router& routes, app::CustomersApp& app);

}  // namespace careloop::customers::adapters
