// The customer's complaints as the surveys service's complaint cases open and close them.
#include <algorithm>

#include "common/base/ids.h"
#include "common/log/log.h"
#include "services/customers/app/customers_app.h"

namespace careloop::customers::app {

Status CustomersApp::OnComplaintCase(const ComplaintCaseFact& fact) {
  // The id RecordComplaint gives a complaint of the same case: staff and events meet on one record.
  const std::string complaint_id = DerivedId("cmp-", {fact.customer_id, fact.case_id});
  const TimeZone& zone = stores_.ZoneOf(fact.store_id);
  const Preparer<domain::Complaint> prepare = [&](domain::Customer& current, const domain::History& history,
                                                  Date today) -> Result<domain::Complaint> {
    const auto known = std::find_if(history.complaints.begin(), history.complaints.end(),
                                    [&](const domain::Complaint& c) { return c.complaint_id == complaint_id; });
    const bool on_record = known != history.complaints.end();
    if (on_record && (!fact.outcome || known->outcome != domain::ComplaintOutcome::kOpen)) {
      return *known;  // a replay, or an opening after the resolution: as it is on record
    }
    domain::Complaint complaint;
    if (on_record) {
      complaint = *known;
    } else {
      complaint.complaint_id = complaint_id;
      complaint.case_id = fact.case_id;
      complaint.summary = "投诉工单 " + fact.case_id;
      complaint.opened_date = std::min(zone.DateAt(fact.opened_at), today);
      if (!fact.vehicle_id.empty() && current.FindVehicle(fact.vehicle_id) != nullptr) {
        complaint.vehicle_id = fact.vehicle_id;
      }
    }
    complaint.severity = fact.severity;
    if (fact.outcome) {
      complaint.outcome = *fact.outcome;
      complaint.closed_date = std::max(std::min(zone.DateAt(fact.resolved_at), today), complaint.opened_date);
    }
    return domain::PrepareComplaint(current, complaint, today);
  };
  auto stored = StoreItem<domain::Complaint>(fact.customer_id, "", TodayAt(fact.store_id), prepare,
                                             &domain::History::complaints, &domain::Complaint::complaint_id);
  if (!stored.ok()) {
    if (stored.error().code == ErrorCode::kNotFound) {
      log::Warn("complaint case of a customer not on record",
                {{"case_id", fact.case_id}, {"customer_id", fact.customer_id}});
      return Ok{};
    }
    return stored.error();
  }
  return Ok{};
}

}  // namespace careloop::customers::app
