#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "services/surveys/app/csi_ports.h"
#include "services/surveys/app/improvement_ports.h"

namespace careloop::testing {

/// In-memory surveys::app::CsiStats keeping the port's promises: an event key adds its cells
/// once; a case note sets fields (never counts) and files the case under its month once known.
class FakeCsiStats final : public surveys::app::CsiStats {
 public:
  bool Add(const std::string& event_key, const std::vector<surveys::domain::CsiCell>& cells) override {
    if (!seen_.insert(event_key).second) {
      return false;
    }
    for (const auto& cell : cells) {
      auto& stored = cells_[{cell.store_id, cell.month.ToString(), static_cast<int>(cell.kind),
                             static_cast<int>(cell.source), cell.advisor, static_cast<int>(cell.item)}];
      if (stored.store_id.empty()) {
        stored = cell;
        stored.tally = {};
      }
      stored.tally += cell.tally;
    }
    return true;
  }

  void RecordCase(const surveys::app::CaseNote& note) override {
    auto& one = cases_[note.case_id];
    one.case_id = note.case_id;
    one.store_id = note.store_id;
    if (note.advisor) {
      one.advisor = *note.advisor;
    }
    if (note.opened_at && note.month) {
      one.opened_at = note.opened_at;
      one.month = *note.month;
      filed_.insert(note.case_id);
    }
    one.progressed = one.progressed || note.progressed;
    if (note.resolved_at) {
      one.resolved_at = note.resolved_at;
      one.within_deadline = note.within_deadline;
      one.customer_satisfied = note.customer_satisfied;
    }
  }

  [[nodiscard]] std::vector<surveys::domain::CsiCell> Cells(const std::string& store_id,
                                                            surveys::domain::CsiMonth month) override {
    std::vector<surveys::domain::CsiCell> out;
    for (const auto& [key, cell] : cells_) {
      if (cell.store_id == store_id && cell.month == month) {
        out.push_back(cell);
      }
    }
    return out;
  }

  [[nodiscard]] std::vector<surveys::domain::CaseFact> Cases(const std::string& store_id,
                                                             surveys::domain::CsiMonth month) override {
    std::vector<surveys::domain::CaseFact> out;
    for (const auto& id : filed_) {
      const auto& one = cases_.at(id);
      if (one.store_id == store_id && one.month == month) {
        out.push_back(one);
      }
    }
    return out;
  }

 private:
  std::set<std::string> seen_;
  std::map<std::tuple<std::string, std::string, int, int, std::string, int>, surveys::domain::CsiCell> cells_;
  std::map<std::string, surveys::domain::CaseFact> cases_;
  std::set<std::string> filed_;
};

}  // namespace careloop::testing

namespace careloop::testing {

/// In-memory surveys::app::ImprovementActionStore keeping the port's promises: an action id is
/// created once (publishing ImprovementActionCreated, see `published`); an update request id
/// applies once.
class FakeImprovementActions final : public surveys::app::ImprovementActionStore {
 public:
  bool Create(const surveys::domain::ImprovementAction& action) override {
    if (!actions_.emplace(action.action_id, action).second) {
      return false;
    }
    published.push_back(action.action_id);
    return true;
  }
  bool Update(const surveys::domain::ImprovementAction& action, const std::string& request_id) override {
    if (!request_id.empty() && !requests_.insert(action.action_id + ":" + request_id).second) {
      return false;
    }
    actions_[action.action_id] = action;
    return true;
  }
  [[nodiscard]] std::optional<surveys::domain::ImprovementAction> Get(const std::string& action_id) override {
    const auto found = actions_.find(action_id);
    return found == actions_.end() ? std::nullopt : std::optional(found->second);
  }
  [[nodiscard]] std::vector<surveys::domain::ImprovementAction> ListByStore(const std::string& store_id) override {
    std::vector<surveys::domain::ImprovementAction> out;
    for (const auto& [id, action] : actions_) {
      if (action.store_id == store_id) {
        out.push_back(action);
      }
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.due_date < b.due_date; });
    return out;
  }

  std::vector<std::string> published;  ///< ids of the actions whose ImprovementActionCreated was published

 private:
  std::map<std::string, surveys::domain::ImprovementAction> actions_;
  std::set<std::string> requests_;
};

}  // namespace careloop::testing
