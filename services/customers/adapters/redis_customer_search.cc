#include "services/customers/adapters/redis_customer_search.h"

#include <nlohmann/json.hpp>

#include "services/customers/adapters/redis_keys.h"

namespace careloop::customers::adapters {
namespace {

// Searches one store's customers on a consistent snapshot: unions for "any of", a scratch set
// per date condition (dated facets carry "<id>|<key>" members for customers with several
// dates), one intersection, a difference for "none of" (neither when the store's own set is the
// only condition), then one page in id order. With the store's id-ordered index complete
// (`spec.indexed`), a store-only search reads just the page after the cursor (O(log N + page));
// a filtered one walks the index in slices, keeping the ids in the answer, while that is cheaper
// than one pass over the answer. Otherwise the page is picked from the answer in one pass.
const redis::Script& SearchScript() {
  static const redis::Script script(R"lua(
local spec = cjson.decode(ARGV[1])
local members, index = spec.all[1][1], spec.index
local scratch, used = spec.scratch, 0
local function fresh() used = used + 1; return scratch .. used end
local sets = {}
for _, group in ipairs(spec.all) do
  if #group == 1 then
    sets[#sets + 1] = group[1]
  else
    local key = fresh(); redis.call('SUNIONSTORE', key, unpack(group)); sets[#sets + 1] = key
  end
end
for _, condition in ipairs(spec.dates) do
  local key = fresh()
  for _, dated in ipairs(condition.keys) do
    for _, range in ipairs(condition.ranges) do
      local members = redis.call('ZRANGE', dated, range[1], range[2], 'BYSCORE')
      local batch = {}
      for _, member in ipairs(members) do
        batch[#batch + 1] = string.match(member, '^[^|]*')
        if #batch == 1000 then redis.call('SADD', key, unpack(batch)); batch = {} end
      end
      if #batch > 0 then redis.call('SADD', key, unpack(batch)) end
    end
  end
  sets[#sets + 1] = key
end
local result = sets[1]
if #sets > 1 or #spec.none > 0 then
  result = fresh()
  redis.call('SINTERSTORE', result, unpack(sets))
  if #spec.none > 0 then redis.call('SDIFFSTORE', result, result, unpack(spec.none)) end
end
local total = redis.call('SCARD', result)
local store_size = redis.call('SCARD', members)
local limit = spec.limit
local from = spec.after == '' and '-' or '(' .. spec.after
-- The `limit` smallest ids of the answer after the cursor, in one pass over the answer (a
-- bounded max-heap while the members go by).
local function smallest_after()
  local page, n = {}, 0
  for _, id in ipairs(redis.call('SMEMBERS', result)) do
    if id > spec.after and (n < limit or id < page[1]) then
      local i
      if n < limit then
        n = n + 1; page[n] = id; i = n
        while i > 1 and page[math.floor(i / 2)] < page[i] do
          local up = math.floor(i / 2); page[up], page[i] = page[i], page[up]; i = up
        end
      else
        page[1] = id; i = 1
        while true do
          local largest, l, r = i, 2 * i, 2 * i + 1
          if l <= n and page[l] > page[largest] then largest = l end
          if r <= n and page[r] > page[largest] then largest = r end
          if largest == i then break end
          page[largest], page[i] = page[i], page[largest]; i = largest
        end
      end
    end
  end
  table.sort(page)
  return page
end
local page = {}
if limit > 0 and total > 0 then
  if not spec.indexed then
    page = smallest_after()
  elseif result == members then
    page = redis.call('ZRANGEBYLEX', index, from, '+', 'LIMIT', 0, limit)
  elseif total * total > limit * store_size then
    -- Expected index reads for a page: limit * store_size / total, fewer than the answer's
    -- size here. Never read more of the index than one pass over the answer would cost.
    local read, slice, done = 0, math.max(2 * limit, 256), false
    while #page < limit and read < total do
      local ids = redis.call('ZRANGEBYLEX', index, from, '+', 'LIMIT', 0, slice)
      for _, id in ipairs(ids) do
        if redis.call('SISMEMBER', result, id) == 1 then
          page[#page + 1] = id
          if #page == limit then break end
        end
      end
      read = read + #ids
      if #ids < slice then done = true; break end
      from = '(' .. ids[#ids]
    end
    if #page < limit and not done then page = smallest_after() end
  else
    page = smallest_after()
  end
end
for i = 1, used do redis.call('DEL', scratch .. i) end
return {total, page}
)lua");
  return script;
}

// One step of filling a store's id index from its "all" facet: an SSCAN slice added to the
// index in the same script (so an id is never added after it left the store), the cursor kept.
// An index already as large as the facet (every store whose customers were all written since
// the index existed) is complete at once. Returns 1 once complete.
const redis::Script& FillStepScript() {
  static const redis::Script script(R"lua(
local members, index, state, count = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local at = redis.call('GET', state)
if at == 'done' then return 1 end
if not at then
  if redis.call('ZCARD', index) == redis.call('SCARD', members) then
    redis.call('SET', state, 'done'); return 1
  end
  at = '0'
end
local reply = redis.call('SSCAN', members, at, 'COUNT', count)
local batch = {}
for _, id in ipairs(reply[2]) do batch[#batch + 1] = '0'; batch[#batch + 1] = id end
if #batch > 0 then redis.call('ZADD', index, unpack(batch)) end
if reply[1] == '0' then redis.call('SET', state, 'done'); return 1 end
redis.call('SET', state, reply[1])
return 0
)lua");
  return script;
}

std::string Bound(const Date& date, bool upper) {
  return date.IsSet() ? std::to_string(date.DaysSinceEpoch()) : (upper ? "+inf" : "-inf");
}

}  // namespace

bool RedisCustomerSearch::FillStoreIndex(redis::Connection& connection, const std::string& store_id) const {
  const std::vector<std::string> args{keys::Facet(store_id, domain::facet::kAll, ""), keys::StoreIds(store_id),
                                      keys::StoreIdsBackfill(store_id), std::to_string(fill_.ids_per_step)};
  for (int step = 0; step < fill_.steps_per_search; ++step) {
    redis::Reply reply = FillStepScript().Run(connection, {}, args);
    if (reply.IsError()) {
      throw redis::RedisUnavailable("customer index fill failed: " + std::string(reply.Str()));
    }
    if (reply.Integer() == 1) {
      return true;
    }
  }
  return false;
}

std::vector<app::CustomerSearch::SearchMatches> RedisCustomerSearch::Search(const std::vector<SearchQuery>& queries,
                                                                            const std::string& after, int limit) {
  std::vector<SearchMatches> out;
  auto connection = pool_.Acquire();
  for (const auto& query : queries) {
    const std::string& store = query.store_id;
    nlohmann::json spec;
    spec["scratch"] = keys::kSearchScratch;
    spec["index"] = keys::StoreIds(store);
    spec["indexed"] = FillStoreIndex(*connection, store);
    spec["after"] = after;
    spec["limit"] = limit;
    spec["all"] = nlohmann::json::array({nlohmann::json::array({keys::Facet(store, domain::facet::kAll, "")})});
    for (const auto& condition : query.plan.all_of) {
      nlohmann::json group = nlohmann::json::array();
      for (const auto& f : condition.any_of) {
        group.push_back(keys::Facet(store, f.name, f.value));
      }
      spec["all"].push_back(group);
    }
    spec["none"] = nlohmann::json::array();
    for (const auto& f : query.plan.none_of) {
      spec["none"].push_back(keys::Facet(store, f.name, f.value));
    }
    spec["dates"] = nlohmann::json::array();
    for (const auto& condition : query.plan.dates) {
      nlohmann::json ranges = nlohmann::json::array();
      for (const auto& range : condition.any_of) {
        ranges.push_back({Bound(range.from, false), Bound(range.to, true)});
      }
      nlohmann::json dated_keys = nlohmann::json::array();
      for (const auto& facet : condition.facets) {
        dated_keys.push_back(keys::DatedFacet(store, facet));
      }
      spec["dates"].push_back({{"keys", dated_keys}, {"ranges", ranges}});
    }
    redis::Reply reply = SearchScript().Run(*connection, {}, {spec.dump()});
    if (reply.IsError() || reply.Size() != 2) {
      throw redis::RedisUnavailable("customer search failed: " + std::string(reply.Str()));
    }
    SearchMatches matches;
    matches.total = reply.Element(0)->integer;
    const redisReply* page = reply.Element(1);
    for (size_t i = 0; i < page->elements; ++i) {
      matches.page.emplace_back(redis::ElementStr(page->element[i]));
    }
    out.push_back(std::move(matches));
  }
  return out;
}

}  // namespace careloop::customers::adapters
