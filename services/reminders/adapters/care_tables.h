#pragma once

#include <string_view>

#include "careloop/common/v1/types.pb.h"
#include "common/base/enum_table.h"
#include "services/reminders/domain/care_report.h"

// The care report's channel table: domain value ⇄ contract value ⇄ word (stored facts, CLI).
namespace careloop::reminders::adapters {

inline constexpr auto kCareChannels = MakeEnumTable<domain::CareChannel, careloop::common::v1::Channel>({
    {domain::CareChannel::kSms, careloop::common::v1::CHANNEL_SMS, "sms"},
    {domain::CareChannel::kWechat, careloop::common::v1::CHANNEL_WECHAT, "wechat"},
    {domain::CareChannel::kPhoneCall, careloop::common::v1::CHANNEL_PHONE_CALL, "phone_call"},
    {domain::CareChannel::kFaceToFace, careloop::common::v1::CHANNEL_FACE_TO_FACE, "face_to_face"},
});
static_assert(kCareChannels.IsComplete());

}  // namespace careloop::reminders::adapters
