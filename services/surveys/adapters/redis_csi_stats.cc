#include "services/surveys/adapters/redis_csi_stats.h"

#include <array>
#include <charconv>
#include <map>
#include <tuple>

#include "common/redis/atomic_write.h"
#include "services/surveys/adapters/redis_csi_keys.h"

namespace careloop::surveys::adapters {
namespace {

// The counters of a tally, by the word stored in the field.
struct Metric {
  const char* word;
  int64_t domain::CsiTally::*field;
};
constexpr std::array<Metric, 11> kMetrics{{
    {"iss", &domain::CsiTally::issued},
    {"ans", &domain::CsiTally::answered},
    {"exp", &domain::CsiTally::expired},
    {"avg", &domain::CsiTally::average_milli},
    {"dis", &domain::CsiTally::dissatisfied},
    {"rec", &domain::CsiTally::recommend_answers},
    {"pro", &domain::CsiTally::promoters},
    {"det", &domain::CsiTally::detractors},
    {"n", &domain::CsiTally::scores},
    {"pts", &domain::CsiTally::score_points},
    {"top", &domain::CsiTally::top_scores},
}};

std::string KindWord(domain::SurveyKind kind) {
  return kind == domain::SurveyKind::kSalesDelivery ? "sales" : "service";
}

std::optional<int64_t> ToInt(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::string EpochMillis(Instant at) {
  return std::to_string(at.time_since_epoch().count());
}

void Check(const redis::Reply& reply, std::string_view what) {
  if (reply.IsError()) {
    throw redis::RedisUnavailable(std::string(what) + " failed: " + std::string(reply.Str()));
  }
}

}  // namespace

bool RedisCsiStats::Add(const std::string& event_key, const std::vector<domain::CsiCell>& cells) {
  std::vector<redis::Command> writes;
  for (const auto& cell : cells) {
    const std::string prefix = KindWord(cell.kind) + "|" + std::to_string(static_cast<int>(cell.source)) + "|" +
                               std::to_string(static_cast<int>(cell.item)) + "|";
    for (const auto& metric : kMetrics) {
      if (const int64_t value = cell.tally.*metric.field; value != 0) {
        writes.push_back({"HINCRBY", keys::CsiCounters(cell.store_id, cell.month.ToString()),
                          prefix + metric.word + "|" + cell.advisor, std::to_string(value)});
      }
    }
  }
  auto connection = pool_.Acquire();
  return redis::ApplyOnce(*connection, keys::CsiSeen(event_key), "1", writes);
}

void RedisCsiStats::RecordCase(const app::CaseNote& note) {
  const std::string key = keys::CsiCase(note.case_id);
  std::vector<redis::Command> writes{{"HSET", key, "store", note.store_id}};
  if (note.advisor) {
    writes.push_back({"HSET", key, "advisor", *note.advisor});
  }
  if (note.opened_at && note.month) {
    writes.push_back({"HSET", key, "opened_at", EpochMillis(*note.opened_at), "month", note.month->ToString()});
    writes.push_back({"SADD", keys::CsiCasesOf(note.store_id, note.month->ToString()), note.case_id});
  }
  if (note.progressed) {
    writes.push_back({"HSET", key, "progressed", "1"});
  }
  if (note.resolved_at) {
    writes.push_back({"HSET", key, "resolved_at", EpochMillis(*note.resolved_at), "within",
                      note.within_deadline ? "1" : "0", "satisfied", note.customer_satisfied ? "1" : "0"});
  }
  auto connection = pool_.Acquire();
  Check(connection->Transaction(writes), "recording a complaint case");
}

std::vector<domain::CsiCell> RedisCsiStats::Cells(const std::string& store_id, domain::CsiMonth month) {
  auto connection = pool_.Acquire();
  const redis::Reply fields = connection->Run({"HGETALL", keys::CsiCounters(store_id, month.ToString())});
  Check(fields, "reading CSI counters");
  using CellKey = std::tuple<int, int, int, std::string>;  // kind, source, item, advisor
  std::map<CellKey, domain::CsiTally> tallies;
  for (size_t f = 0; f + 1 < fields.Size(); f += 2) {
    const std::string_view field = redis::ElementStr(fields.Element(f));
    const auto value = ToInt(redis::ElementStr(fields.Element(f + 1)));
    std::array<std::string_view, 4> parts;
    size_t start = 0;
    bool complete = true;
    for (auto& part : parts) {
      const size_t bar = field.find('|', start);
      if (bar == std::string_view::npos) {
        complete = false;
        break;
      }
      part = field.substr(start, bar - start);
      start = bar + 1;
    }
    const auto source = ToInt(parts[1]);
    const auto item = ToInt(parts[2]);
    if (!complete || !value || !source || !item || (parts[0] != "sales" && parts[0] != "service")) {
      continue;  // not a counter this version writes
    }
    const int kind = parts[0] == "sales" ? 0 : 1;
    domain::CsiTally& tally =
        tallies[{kind, static_cast<int>(*source), static_cast<int>(*item), std::string(field.substr(start))}];
    for (const auto& metric : kMetrics) {
      if (parts[3] == metric.word) {
        tally.*metric.field += *value;
      }
    }
  }
  std::vector<domain::CsiCell> cells;
  for (const auto& [key, tally] : tallies) {
    const auto& [kind, source, item, advisor] = key;
    cells.push_back({store_id, month,
                     kind == 0 ? domain::SurveyKind::kSalesDelivery : domain::SurveyKind::kServiceVisit,
                     static_cast<domain::ScoreSource>(source), advisor, static_cast<domain::SurveyItem>(item), tally});
  }
  return cells;
}

std::vector<domain::CaseFact> RedisCsiStats::Cases(const std::string& store_id, domain::CsiMonth month) {
  auto connection = pool_.Acquire();
  const redis::Reply ids = connection->Run({"SMEMBERS", keys::CsiCasesOf(store_id, month.ToString())});
  Check(ids, "reading CSI cases");
  std::vector<redis::Command> reads;
  for (size_t i = 0; i < ids.Size(); ++i) {
    reads.push_back({"HGETALL", keys::CsiCase(std::string(redis::ElementStr(ids.Element(i))))});
  }
  std::vector<domain::CaseFact> cases;
  for (size_t i = 0; const auto& reply : connection->Pipeline(reads)) {
    domain::CaseFact one;
    one.case_id = std::string(redis::ElementStr(ids.Element(i++)));
    one.store_id = store_id;
    one.month = month;
    std::optional<Instant> resolved_at;
    for (size_t f = 0; f + 1 < reply.Size(); f += 2) {
      const std::string_view field = redis::ElementStr(reply.Element(f));
      const std::string_view value = redis::ElementStr(reply.Element(f + 1));
      if (field == "advisor") {
        one.advisor = std::string(value);
      } else if (field == "opened_at") {
        if (const auto ms = ToInt(value)) {
          one.opened_at = Instant{Millis{*ms}};
        }
      } else if (field == "resolved_at") {
        if (const auto ms = ToInt(value)) {
          resolved_at = Instant{Millis{*ms}};
        }
      } else if (field == "progressed") {
        one.progressed = value == "1";
      } else if (field == "within") {
        one.within_deadline = value == "1";
      } else if (field == "satisfied") {
        one.customer_satisfied = value == "1";
      }
    }
    one.resolved_at = resolved_at;
    cases.push_back(std::move(one));
  }
  return cases;
}

}  // namespace careloop::surveys::adapters
