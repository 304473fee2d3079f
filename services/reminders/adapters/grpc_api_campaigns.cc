// RemindersService's campaign methods: requests read into the use cases' terms, answers mapped back.
#include <charconv>

#include "common/events/enum_input.h"
#include "common/events/proto_event.h"
#include "services/reminders/adapters/campaign_mapping.h"
#include "services/reminders/adapters/enum_tables.h"
#include "services/reminders/adapters/grpc_api.h"
#include "services/reminders/adapters/proto_mapping.h"

namespace careloop::reminders::adapters {
namespace {

constexpr size_t kDefaultPage = 50;
constexpr size_t kMaxPage = 500;

Result<TimeOfDay> WindowFrom(bool present, const careloop::common::v1::TimeOfDay& time, TimeOfDay fallback,
                             const std::string& field) {
  if (!present) {
    return fallback;
  }
  auto read = TimeFromProto(time);
  if (!read) {
    return InvalidArgument(field, "must be hours 0–23 and minutes 0–59");
  }
  return *read;
}

Result<app::NewCampaign> Read(const pb::CreateCampaignRequest& request) {
  app::NewCampaign out;
  out.request_id = request.request_id();
  domain::Campaign& draft = out.draft;
  draft.store_id = request.store_id();
  draft.display_name = request.display_name();
  auto kind = events::FromClient(kCampaignKinds, request.kind(), "kind");
  if (!kind.ok()) {
    return kind.error();
  }
  draft.kind = kind.value();
  if (request.holiday() != pb::HOLIDAY_UNSPECIFIED) {
    auto holiday = events::FromClient(kHolidays, request.holiday(), "holiday");
    if (!holiday.ok()) {
      return holiday.error();
    }
    draft.holiday = holiday.value();
  }
  draft.year = request.year();
  draft.send_date = events::FromProto(request.send_date());
  auto start =
      WindowFrom(request.has_window_start(), request.window_start(), domain::kDefaultWindowStart, "window_start");
  auto end = WindowFrom(request.has_window_end(), request.window_end(), domain::kDefaultWindowEnd, "window_end");
  if (!start.ok()) {
    return start.error();
  }
  if (!end.ok()) {
    return end.error();
  }
  draft.window_start = start.value();
  draft.window_end = end.value();
  draft.message = request.message();
  draft.segment = SegmentFromProto(request.segment());
  if (request.has_launch_at()) {
    draft.launch_at = events::FromTimestamp(request.launch_at());
  }
  draft.template_id = request.template_id();
  draft.channel_plan_id = request.channel_plan_id();
  draft.offer = {events::FromProto(request.offer_start_date()), events::FromProto(request.offer_end_date())};
  return out;
}

Result<size_t> OffsetOf(const std::string& token) {
  size_t offset = 0;
  if (token.empty()) {
    return offset;
  }
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), offset);
  if (error != std::errc{} || end != token.data() + token.size()) {
    return InvalidArgument("page.page_token", "is not a token this list issued");
  }
  return offset;
}

}  // namespace

grpc::ServerUnaryReactor* RemindersApi::CreateCampaign(grpc::CallbackServerContext* context,
                                                       const pb::CreateCampaignRequest* request,
                                                       pb::CreateCampaignResponse* response) {
  return grpcx::RunUnary(context, handler_, "CreateCampaign", [&](const auth::Principal& caller) -> Status {
    auto campaigns = Served(parts_.campaigns, "campaigns");
    if (!campaigns.ok()) {
      return campaigns.error();
    }
    auto read = Read(*request);
    if (!read.ok()) {
      return read.error();
    }
    auto campaign = campaigns.value()->Create(caller, std::move(read).value());
    if (!campaign.ok()) {
      return campaign.error();
    }
    *response->mutable_campaign() = CampaignToProto(campaign.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* RemindersApi::GetCampaign(grpc::CallbackServerContext* context,
                                                    const pb::GetCampaignRequest* request,
                                                    pb::GetCampaignResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetCampaign", [&](const auth::Principal& caller) -> Status {
    auto campaigns = Served(parts_.campaigns, "campaigns");
    if (!campaigns.ok()) {
      return campaigns.error();
    }
    auto campaign = campaigns.value()->Get(caller, request->campaign_id());
    if (!campaign.ok()) {
      return campaign.error();
    }
    *response->mutable_campaign() = CampaignToProto(campaign.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* RemindersApi::ListCampaigns(grpc::CallbackServerContext* context,
                                                      const pb::ListCampaignsRequest* request,
                                                      pb::ListCampaignsResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListCampaigns", [&](const auth::Principal& caller) -> Status {
    auto campaigns = Served(parts_.campaigns, "campaigns");
    if (!campaigns.ok()) {
      return campaigns.error();
    }
    const auto status = events::FilterFromClient(kCampaignStatuses, request->status(), "status");
    if (!status.ok()) {
      return status.error();
    }
    const auto offset = OffsetOf(request->page().page_token());
    if (!offset.ok()) {
      return offset.error();
    }
    if (request->page().page_size() < 0) {
      return InvalidArgument("page.page_size", "must not be negative");
    }
    const size_t size =
        request->page().page_size() == 0 ? kDefaultPage : std::min(kMaxPage, size_t(request->page().page_size()));
    auto page = campaigns.value()->List(caller, request->store_id(), status.value(), offset.value(), size);
    if (!page.ok()) {
      return page.error();
    }
    for (const auto& campaign : page->campaigns) {
      *response->add_campaigns() = CampaignToProto(campaign);
    }
    response->mutable_page()->set_total_count(page->total);
    if (page->next_offset != 0) {
      response->mutable_page()->set_next_page_token(std::to_string(page->next_offset));
    }
    return Ok{};
  });
}

grpc::ServerUnaryReactor* RemindersApi::CancelCampaign(grpc::CallbackServerContext* context,
                                                       const pb::CancelCampaignRequest* request,
                                                       pb::CancelCampaignResponse* response) {
  return grpcx::RunUnary(context, handler_, "CancelCampaign", [&](const auth::Principal& caller) -> Status {
    auto campaigns = Served(parts_.campaigns, "campaigns");
    if (!campaigns.ok()) {
      return campaigns.error();
    }
    auto campaign = campaigns.value()->Cancel(caller, request->campaign_id(), request->reason());
    if (!campaign.ok()) {
      return campaign.error();
    }
    *response->mutable_campaign() = CampaignToProto(campaign.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* RemindersApi::PreviewCampaign(grpc::CallbackServerContext* context,
                                                        const pb::PreviewCampaignRequest* request,
                                                        pb::PreviewCampaignResponse* response) {
  return grpcx::RunUnary(context, handler_, "PreviewCampaign", [&](const auth::Principal& caller) -> Status {
    auto campaigns = Served(parts_.campaigns, "campaigns");
    if (!campaigns.ok()) {
      return campaigns.error();
    }
    auto preview = campaigns.value()->Preview(caller, request->store_id(), SegmentFromProto(request->segment()),
                                              request->sample_size());
    if (!preview.ok()) {
      return preview.error();
    }
    response->set_audience_count(preview->audience);
    for (const auto& id : preview->sample_customer_ids) {
      response->add_sample_customer_ids(id);
    }
    return Ok{};
  });
}

}  // namespace careloop::reminders::adapters
