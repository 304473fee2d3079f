#pragma once

#include <optional>
#include <string>

#include "common/base/time.h"
#include "services/reminders/domain/reminder.h"
#include "services/reminders/domain/rule.h"

/// Survey invitations (回访): the 3-day call after a delivery and the service follow-up some days
/// after a workshop visit are timers of the reminders service; when one fires, the surveys
/// service issues the survey (SurveyInvitationDue) and dispatch makes the contact.
namespace careloop::reminders::domain {

/// What a survey follows up: a delivery (sales survey, the 3-day call) or a visit (service survey).
struct SurveyOccasion final {
  VehicleFacts vehicle;
  std::string visit_id;  ///< empty for a delivery
  std::string advisor;   ///< staff rated: the visit's service advisor, the delivery's sales consultant
  Date date;             ///< the delivery or visit date
};

/// How late an invitation may still go out: nobody is asked in December how the car was looked
/// after in March. An occasion older than this when its invitation would go out gets none.
struct SurveyInvitationLimits final {
  int delivery_call_days = 3;      ///< the sales follow-up call: this many days after delivery (3DC)
  int max_visit_age_days = 7;      ///< a service survey: at most this many days after the visit
  int max_delivery_age_days = 14;  ///< a sales survey: at most this many days after the delivery
};

/// The invitation timer of an occasion, or none. It falls due at the rule's fire time on the
/// occasion's date plus the delay — `limits.delivery_call_days` after a delivery, the rule's
/// `interval_days` after a visit (store-set) — or now, when that moment has passed (a visit
/// entered late) but the occasion is still within its age limit; an older occasion (imported
/// history) or a disabled rule plans none. The id derives from the visit (or the delivered
/// vehicle), so one occasion is followed up once however often its event is replayed.
[[nodiscard]] std::optional<Reminder> PlanSurveyInvitation(const SurveyOccasion& occasion, const Rule& rule,
                                                           const SurveyInvitationLimits& limits,
                                                           const PlanningMoment& moment);

}  // namespace careloop::reminders::domain
