#pragma once

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/ports.h"
#include "services/reminders/app/rules_ports.h"
#include "services/reminders/domain/survey_invitation.h"

namespace careloop::reminders::app {

/// Survey invitations as timers (issue 11, "when to ask"): a delivery gets its 3-day call, a
/// workshop visit its service follow-up the store's rule sets days later. Firing them is the
/// ordinary FireDue; the firing also publishes SurveyInvitationDue, on which the surveys service
/// issues the survey.
class SurveyInvitationsApp final {
 public:
  SurveyInvitationsApp(ReminderRepository& repository, RuleBook& rules, const clock::Clock& clock,
                       const config::StoreCatalog& stores, domain::SurveyInvitationLimits limits);

  /// Plans the occasion's invitation (domain::PlanSurveyInvitation). Idempotent: a replayed
  /// delivery or visit schedules nothing new.
  void OnOccasion(const domain::SurveyOccasion& occasion, const std::string& model);

 private:
  ReminderRepository& repository_;
  RuleBook& rules_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
  domain::SurveyInvitationLimits limits_;
};

}  // namespace careloop::reminders::app
