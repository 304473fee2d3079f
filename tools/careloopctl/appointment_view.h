#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "careloop/reminder/v1/reminder.pb.h"
#include "common/base/time.h"

// What `careloopctl appointment book|cancel|list` reads from flags and prints.
namespace careloop::ctl {

/// The start of an appointment: "2027-01-05 10:00" (or "2027-01-05T10:00") local to `zone`, or
/// RFC 3339 with an offset. nullopt when malformed or impossible.
[[nodiscard]] std::optional<Instant> ParseAppointmentTime(std::string_view text, const TimeZone& zone);

/// The words of --type: the contract's visit types without their prefix ("regular_maintenance",
/// "first_free_maintenance", "repair", …).
[[nodiscard]] std::vector<std::string> VisitTypeWords();
/// The visit type a word of VisitTypeWords() names.
[[nodiscard]] std::optional<careloop::customer::v1::VisitType> VisitTypeOfWord(std::string_view word);

/// The table of appointments (times in the display zone), soonest first as given.
[[nodiscard]] std::string AppointmentsTable(const std::vector<careloop::reminder::v1::Appointment>& appointments);

}  // namespace careloop::ctl
