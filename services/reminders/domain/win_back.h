#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/base/time.h"
#include "services/reminders/domain/reminder.h"

/// Win-back (流失挽回): when a customer moves to a worse churn stage, the care action of that
/// stage (domain.md "Churn stages"), the offer chosen by the age of the car.
namespace careloop::reminders::domain {

/// Churn stages by months since the last visit (mirrors careloop.customer.v1.ChurnStage).
enum class ChurnStage { kUnknown, kActive, kAtRisk, kLapsing, kLost, kLongLost };

/// The stage's word as rules name it (Rule::excluded_churn_stages): "active", "at_risk",
/// "lapsing", "lost", "long_lost" (unknown reads "active").
[[nodiscard]] std::string_view StageWord(ChurnStage stage);

/// True when `to` is further from the workshop than `from` (unknown counts as active).
[[nodiscard]] bool IsWorse(ChurnStage from, ChurnStage to);

/// The tactic bands of domain.md by vehicle age: 0–1 year, 1–3 years, 3+ years.
enum class VehicleAgeBand { kNew, kMiddle, kOld };

/// The band of a car delivered on `delivery_date` (purchase date when delivery is unknown), as of
/// `today`: under 1 year new, under 3 years middle, else old. An unknown date counts as old.
[[nodiscard]] VehicleAgeBand AgeBandOf(Date delivery_date, Date today);

[[nodiscard]] std::string_view AgeBandName(VehicleAgeBand band);

/// What a stage asks for.
enum class WinBackAction {
  kNone,          ///< active, or not worse
  kCareMessage,   ///< 半流失: a care SMS
  kAdvisorCall,   ///< 准流失: a phone-call task for the vehicle's assigned advisor
  kOffer,         ///< 流失: a win-back offer by vehicle age
  kLeaveRoutine,  ///< long lost: routine care ends (kept for win-back campaigns)
};

[[nodiscard]] WinBackAction ActionFor(ChurnStage stage);

/// The template of a stage's message: "win_back_at_risk", "win_back_lapsing", and for lost
/// customers "win_back_lost_new" / "_middle" / "_old" by the car's age band.
[[nodiscard]] std::string WinBackTemplate(ChurnStage stage, VehicleAgeBand band);

/// The facts a win-back reminder is planned from.
struct WinBackFacts final {
  std::string customer_id;
  std::string store_id;
  std::string vehicle_id;  ///< the customer's main car (the latest delivered); may be empty
  std::string advisor;     ///< its assigned advisor, for the call task
  Date delivery_date;
  ChurnStage stage = ChurnStage::kUnknown;
  Date last_visit_date;  ///< anchors the id: one action per stage per lapse
};

/// The reminder of a stage's action (none for kNone / kLeaveRoutine), due at `send_at` today or
/// at `now` when that has passed. Its id is derived from the customer, the stage and the last
/// visit date, so a replayed event plans nothing twice and a new lapse after a return visit is a
/// new chain.
[[nodiscard]] std::optional<Reminder> PlanWinBack(const WinBackFacts& facts, TimeOfDay send_at,
                                                  const PlanningMoment& moment);

/// The routine care a long lost customer leaves: maintenance, warranty, inspection, renewal,
/// birthday and holiday greetings, seasonal checks.
[[nodiscard]] bool IsRoutineCare(ReminderKind kind);

inline constexpr std::string_view kLongLostReason = "customer long lost: routine care ended";

}  // namespace careloop::reminders::domain
