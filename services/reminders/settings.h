#pragma once

#include <string>

#include "common/base/time.h"
#include "common/config/config.h"
#include "services/reminders/app/campaigns_app.h"
#include "services/reminders/domain/insurance.h"
#include "services/reminders/domain/maintenance.h"
#include "services/reminders/domain/rule.h"
#include "services/reminders/domain/survey_invitation.h"
#include "services/reminders/domain/survey_window.h"

namespace careloop::reminders {

/// careloop-reminders' own settings (the `reminders:` section), with their defaults.
struct Settings final {
  domain::MaintenancePolicy maintenance;  ///< `reminders.maintenance.*`; defaults in domain/maintenance.h
  domain::RenewalPolicy insurance;  ///< `reminders.insurance.{lead_days, send_at}`; defaults in domain/insurance.h
  /// The configured rules: the group rules of the three maintenance kinds and insurance
  /// renewal from `maintenance`/`insurance` above, then `reminders.rules` (store and model
  /// overrides: `{store, kind, models, interval_months, interval_days, interval_km, lead_days,
  /// fire_time, enabled, template_id, channel_plan_id, follow_up_days, return_window_days}`,
  /// unset fields from the kind's default). Seeded into the rule store at startup.
  std::vector<domain::Rule> rules;
  int timer_batch = 100;  ///< timers claimed per pass; a full batch comes straight back
  /// `reminders.customers_address`: host:port of careloop-customers (required): greetings,
  /// win-back and appointments read customers there, campaigns resolve their audience.
  std::string customers_address;
  app::CampaignLimits campaigns;  ///< `reminders.campaigns.{search_page, batch}`
  Millis campaign_poll{1000};     ///< `reminders.campaigns.poll_ms`: how often due launches are looked for
  /// `reminders.care.*`: the group rules' store-local times of birthday greetings, win-back care
  /// and the appointment reminders (day before, no-show follow-up) — seeded into `rules` like
  /// the maintenance keys; a store changes its own with UpsertRule — and the no-show sweep's pause.
  struct Care final {
    TimeOfDay birthday_at{9 * 60};
    TimeOfDay win_back_at{10 * 60};
    TimeOfDay appointment_day_before_at{18 * 60};
    TimeOfDay appointment_no_show_at{10 * 60};
    Millis no_show_poll{60'000};
  } care;
  /// `reminders.survey_invitations.{delivery_call_days, max_visit_age_days, max_delivery_age_days}`:
  /// when the 3-day call goes after a delivery, and how old a delivery or visit may be for its
  /// survey invitation still to go out. The days after a visit are the store's
  /// `survey_invitation` rule (`interval_days`).
  domain::SurveyInvitationLimits survey_invitations;
  /// `reminders.survey_invitations.{reminder_after_days, reminder_min_lead_hours,
  /// reminder_after_days_by_store}`: when a survey's non-responder is reminded (days after issue,
  /// at the store's survey-invitation hour, 0: never) and how long before expiry at the latest.
  domain::SurveyReminderTiming survey_reminders;
  Millis timer_poll{200};  ///< the pause when a pass found less than a full batch
};

/// Reads and validates `reminders:`; throws config::ConfigError naming the key and the reason.
[[nodiscard]] Settings ParseSettings(const config::ServiceSettings& service);

}  // namespace careloop::reminders
