#pragma once

#include <map>
#include <string>
#include <vector>

#include "careloop/reminder/v1/reminders_service.pb.h"
#include "common/base/time.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {

// `report care` and `calendar upcoming`: the care report and the care calendar as people read
// them (tables with Chinese labels, an HTML month calendar) and as scripts read them (--json).
// Defined in care_views.cc; the commands are in commands_care.cc.

/// A reminder kind as staff read it: REMINDER_KIND_BIRTHDAY → "生日祝福".
[[nodiscard]] std::string KindLabel(careloop::reminder::v1::ReminderKind kind);

/// `report care`: one line per row — kind, channel (全部渠道 for all channels), the counts, and
/// the return and appointment rates, "不适用" when nothing fired; the return window under it.
[[nodiscard]] std::string RenderCareReport(const careloop::reminder::v1::GetCareReportResponse& response);
/// `report care`'s request from its options (words as the CLI takes them; empty: no filter).
/// Throws UsageError for a month that is not YYYY-MM. Defined in commands_care.cc.
[[nodiscard]] careloop::reminder::v1::GetCareReportRequest CareReportRequest(const std::string& store,
                                                                             const std::string& month,
                                                                             const std::string& kind,
                                                                             const std::string& channel);
/// `report care --json`: the response as ToJson maps it (a rate that is not applicable is null).
[[nodiscard]] Json CareReportJson(const careloop::reminder::v1::GetCareReportResponse& response);

/// The care of one store-local day: its reminders by kind (kinds in enum order).
struct CareDay final {
  Date date;
  std::map<careloop::reminder::v1::ReminderKind, std::vector<careloop::reminder::v1::Reminder>> by_kind;
  [[nodiscard]] size_t Total() const;
};

/// Groups `reminders` by their local due day in `zone`, for the `days` days from `from`; days
/// without care are left out; reminders outside the range are ignored.
[[nodiscard]] std::vector<CareDay> GroupByDay(const std::vector<careloop::reminder::v1::Reminder>& reminders,
                                              const TimeZone& zone, Date from, int days);

/// A day with at most this many reminders lists its customers and cars.
inline constexpr size_t kSmallDay = 5;

/// `calendar upcoming`: one line per day and kind (日期, 星期, 类型, 数量, 客户/车辆 for small days).
[[nodiscard]] std::string RenderUpcoming(const std::vector<CareDay>& days, Date from, int count);
/// `calendar upcoming --json`: [{"date", "total", "kinds": [{"kind", "count", "reminders": [{reminder_id,
/// customer_id, vehicle_id}] }]}], reminders listed for small days only.
[[nodiscard]] Json UpcomingJson(const std::vector<CareDay>& days);
/// `calendar upcoming --html`: a self-contained page (inline style, no external assets) with one
/// month calendar per month the range touches; each day of the range is a cell
/// `data-date="YYYY-MM-DD" data-count="N"` listing its care by kind.
[[nodiscard]] std::string UpcomingHtml(const std::string& store_id, const std::vector<CareDay>& days, Date from,
                                       int count);

}  // namespace careloop::ctl
