#include "tools/careloopctl/appointment_view.h"

#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {

namespace cv1 = careloop::customer::v1;
namespace rv1 = careloop::reminder::v1;

std::optional<Instant> ParseAppointmentTime(std::string_view text, const TimeZone& zone) {
  // "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM", nothing more: a local wall-clock time.
  if (text.size() == 16 && (text[10] == ' ' || text[10] == 'T')) {
    const auto date = Date::Parse(text.substr(0, 10));
    const auto time = TimeOfDay::Parse(text.substr(11));
    if (!date || !date->IsValid() || !time) {
      return std::nullopt;
    }
    return zone.At(*date, *time);
  }
  if (text.size() > 16 && text.find('T') == 10) {
    return ParseRfc3339(text);
  }
  return std::nullopt;
}

std::vector<std::string> VisitTypeWords() {
  std::vector<std::string> words;
  for (int value = cv1::VisitType_MIN; value <= cv1::VisitType_MAX; ++value) {
    if (cv1::VisitType_IsValid(value) && value != cv1::VISIT_TYPE_UNSPECIFIED) {
      words.push_back(ShortEnumName(cv1::VisitType_Name(static_cast<cv1::VisitType>(value)), "VISIT_TYPE_"));
    }
  }
  return words;
}

std::optional<cv1::VisitType> VisitTypeOfWord(std::string_view word) {
  for (int value = cv1::VisitType_MIN; value <= cv1::VisitType_MAX; ++value) {
    if (cv1::VisitType_IsValid(value) && value != cv1::VISIT_TYPE_UNSPECIFIED &&
        ShortEnumName(cv1::VisitType_Name(static_cast<cv1::VisitType>(value)), "VISIT_TYPE_") == word) {
      return static_cast<cv1::VisitType>(value);
    }
  }
  return std::nullopt;
}

std::string AppointmentsTable(const std::vector<rv1::Appointment>& appointments) {
  Table table({"APPOINTMENT", "CUSTOMER", "VEHICLE", "STORE", "AT", "MIN", "TYPE", "ADVISOR", "STATUS", "NOTE"});
  const auto or_dash = [](const std::string& text) { return text.empty() ? std::string("-") : text; };
  for (const auto& a : appointments) {
    std::string status = ShortEnumName(rv1::AppointmentStatus_Name(a.status()), "APPOINTMENT_STATUS_");
    if (!a.cancel_reason().empty()) {
      status += " (" + a.cancel_reason() + ")";
    }
    table.AddRow({a.appointment_id(), a.customer_id(), a.vehicle_id(), a.store_id(),
                  FormatLocal(a.scheduled_at(), a.has_scheduled_at()), std::to_string(a.duration_minutes()),
                  ShortEnumName(cv1::VisitType_Name(a.visit_type()), "VISIT_TYPE_"), or_dash(a.advisor()), status,
                  or_dash(a.note())});
  }
  return table.Render();
}

}  // namespace careloop::ctl
