#include "tools/careloopctl/message_view.h"

#include <sstream>

#include "careloop/common/v1/types.pb.h"
#include "careloop/reminder/v1/reminder.pb.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace dv1 = careloop::dispatch::v1;

std::string OrDash(const std::string& text) {
  return text.empty() ? "-" : text;
}

}  // namespace

std::string MessageFields(const dv1::Message& message) {
  std::ostringstream out;
  std::string status = ShortEnumName(dv1::MessageStatus_Name(message.status()), "MESSAGE_STATUS_");
  if (message.suppression_reason() != dv1::SUPPRESSION_REASON_UNSPECIFIED) {
    status +=
        " (" + ShortEnumName(dv1::SuppressionReason_Name(message.suppression_reason()), "SUPPRESSION_REASON_") + ")";
  }
  out << "message:     " << message.message_id() << "\n"
      << "customer:    " << message.customer_id() << "\n"
      << "store:       " << message.store_id() << "\n"
      << "kind:        "
      << ShortEnumName(careloop::reminder::v1::ReminderKind_Name(message.reminder_kind()), "REMINDER_KIND_") << "\n"
      << "channel:     " << ShortEnumName(careloop::common::v1::Channel_Name(message.channel()), "CHANNEL_") << "\n"
      << "status:      " << status << "\n"
      << "vendor:      " << OrDash(message.provider()) << "\n"
      << "to:          " << OrDash(message.masked_recipient()) << "\n"
      << "created:     " << FormatLocal(message.created_at(), message.has_created_at()) << "\n"
      << "sent:        " << FormatLocal(message.sent_at(), message.has_sent_at()) << "\n"
      << "delivered:   " << FormatLocal(message.delivered_at(), message.has_delivered_at());
  if (!message.receipt_status_code().empty()) {
    out << " (" << message.receipt_status_code() << ")";
  }
  out << "\n";
  if (IsSet(message.not_before(), message.has_not_before()) && message.status() != dv1::MESSAGE_STATUS_SENT &&
      message.status() != dv1::MESSAGE_STATUS_DELIVERED) {
    out << "not before:  " << FormatLocal(message.not_before(), true) << "\n";
  }
  if (!message.failure_reason().empty()) {
    out << "reason:      " << message.failure_reason() << "\n";
  }
  if (!message.merged_into().empty()) {
    out << "merged into: " << message.merged_into() << "\n";
  }
  out << "text:        " << OrDash(message.rendered_text()) << "\n";
  if (message.attempts().empty()) {
    out << "attempts:    none\n";
    return out.str();
  }
  out << "attempts:    " << message.attempts_size() << "\n";
  Table table({"AT", "CHANNEL", "VENDOR", "OUTCOME", "CODE", "REASON", "VENDOR ID"});
  for (const auto& attempt : message.attempts()) {
    table.AddRow(
        {FormatLocal(attempt.at(), attempt.has_at()),
         ShortEnumName(careloop::common::v1::Channel_Name(attempt.channel()), "CHANNEL_"), OrDash(attempt.vendor()),
         ShortEnumName(dv1::AttemptOutcome_Name(attempt.outcome()), "ATTEMPT_OUTCOME_"), OrDash(attempt.vendor_code()),
         OrDash(attempt.vendor_reason()), OrDash(attempt.provider_message_id())});
  }
  out << table.Render() << "(times in " << kDisplayTimeZone << ")\n";
  return out.str();
}

}  // namespace careloop::ctl
