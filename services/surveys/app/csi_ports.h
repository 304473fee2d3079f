#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/time.h"
#include "services/surveys/domain/csi_figures.h"

namespace careloop::surveys::app {

/// What one case event says about a case; unset fields are left as they are.
struct CaseNote final {
  std::string case_id;
  std::string store_id;
  std::optional<std::string> advisor;
  std::optional<domain::CsiMonth> month;  ///< the store-local month it was opened in (with opened_at)
  std::optional<Instant> opened_at;
  bool progressed = false;  ///< a handling step was done
  std::optional<Instant> resolved_at;
  bool within_deadline = false;     ///< with resolved_at
  bool customer_satisfied = false;  ///< with resolved_at
};

/// Port: the CSI read model (counters per store, month, kind, source, advisor and item; a record
/// per complaint case). Fed only from the survey topic's events, so it can be dropped and rebuilt
/// by replaying the topic.
class CsiStats {
 public:
  virtual ~CsiStats() = default;
  /// Adds `cells` to the counters, once per `event_key`, in one atomic step: a replayed event adds
  /// nothing. True when applied, false for a replay.
  virtual bool Add(const std::string& event_key, const std::vector<domain::CsiCell>& cells) = 0;
  /// Merges a case event into the case's record (fields are set, never counted, so a replay
  /// changes nothing) and files the case under its store and month once that is known.
  virtual void RecordCase(const CaseNote& note) = 0;
  /// The counters of a store's month.
  [[nodiscard]] virtual std::vector<domain::CsiCell> Cells(const std::string& store_id, domain::CsiMonth month) = 0;
  /// The cases opened in a store's month.
  [[nodiscard]] virtual std::vector<domain::CaseFact> Cases(const std::string& store_id, domain::CsiMonth month) = 0;
};

}  // namespace careloop::surveys::app
