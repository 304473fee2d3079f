#include "services/customers/adapters/redis_contact_log.h"

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "services/customers/adapters/proto_mapping.h"
#include "services/customers/adapters/redis_keys.h"
#include "services/customers/adapters/stored_history.h"

namespace careloop::customers::adapters {

namespace pb = careloop::customer::v1;

void RedisContactLog::RecordContact(const std::string& customer_id, const domain::ContactEntry& contact) {
  // Dispatch events arrive at least once: the first copy of (message, what happened) is kept.
  static const redis::Script script(R"lua(
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) then
  redis.call('LPUSH', KEYS[2], ARGV[1])
  redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[2]) - 1)
end
return 0
)lua");
  pb::TimelineEntry entry = Entry(pb::TIMELINE_ENTRY_KIND_CONTACT, contact.at, contact.summary);
  auto* detail = entry.mutable_contact();
  detail->set_channel(ToProto(contact.channel));
  detail->set_message_id(contact.message_id);
  detail->set_inbound(contact.inbound);
  detail->set_summary(contact.summary);
  auto connection = pool_.Acquire();
  script.Run(
      *connection,
      {keys::ContactSeen(Sha256Hex(contact.message_id + "|" + contact.summary)), keys::Contacts(customer_id)},
      {entry.SerializeAsString(), std::to_string(keys::kTimelineListCap), std::to_string(keys::kContactSeenSeconds)});
}

std::vector<domain::ContactEntry> RedisContactLog::Contacts(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"LRANGE", keys::Contacts(customer_id), "0", "-1"});
  std::vector<domain::ContactEntry> out;
  for (size_t i = 0; i < reply.Size(); ++i) {
    pb::TimelineEntry entry;
    if (ParseInto(redis::ElementStr(reply.Element(i)), entry)) {
      out.push_back(domain::ContactEntry{
          entry.contact().message_id(), ChannelFromProto(entry.contact().channel()).value_or(domain::Channel::kSms),
          entry.contact().inbound(), entry.summary(), events::FromTimestamp(entry.occurred_at())});
    }
  }
  return out;
}

}  // namespace careloop::customers::adapters
