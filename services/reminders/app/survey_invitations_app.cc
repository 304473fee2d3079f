#include "services/reminders/app/survey_invitations_app.h"

#include "common/log/log.h"
#include "services/reminders/app/replanner.h"

namespace careloop::reminders::app {

SurveyInvitationsApp::SurveyInvitationsApp(ReminderRepository& repository, RuleBook& rules, const clock::Clock& clock,
                                           const config::StoreCatalog& stores, domain::SurveyInvitationLimits limits)
    : repository_(repository), rules_(rules), clock_(clock), stores_(stores), limits_(limits) {}

void SurveyInvitationsApp::OnOccasion(const domain::SurveyOccasion& occasion, const std::string& model) {
  const domain::Rule rule = rules_.For(occasion.vehicle.store_id, domain::ReminderKind::kSurveyInvitation, model);
  const auto invitation =
      domain::PlanSurveyInvitation(occasion, rule, limits_, MomentAt(stores_, clock_, occasion.vehicle.store_id));
  if (!invitation) {
    log::Info("no survey invitation: the occasion is too old to follow up, or the store's rule is off",
              {{"vehicle_id", occasion.vehicle.vehicle_id},
               {"visit_id", occasion.visit_id},
               {"date", occasion.date.ToString()}});
    return;
  }
  if (repository_.Schedule(*invitation)) {
    log::Info("survey invitation scheduled",
              {{"reminder_id", invitation->reminder_id}, {"due_at", FormatRfc3339(invitation->due_at)}});
  }
}

}  // namespace careloop::reminders::app
