#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "services/surveys/app/case_ports.h"
#include "tests/fakes/published_events.h"

namespace careloop::testing {

/// In-memory surveys::app::CaseRepository keeping the port's promises: a case id is opened once
/// (ComplaintCaseOpened), a change stores the case with its event (ComplaintCaseUpdated, or
/// ComplaintCaseResolved), a refused change writes nothing, a repeated request id changes nothing.
class FakeCaseRepository final : public surveys::app::CaseRepository {
 public:
  bool Open(const surveys::domain::ComplaintCase& complaint) override {
    if (!cases_.emplace(complaint.case_id, complaint).second) {
      return false;
    }
    published.push_back({"ComplaintCaseOpened", complaint.case_id});
    return true;
  }

  [[nodiscard]] std::optional<surveys::domain::ComplaintCase> Get(const std::string& case_id) override {
    auto found = cases_.find(case_id);
    if (found == cases_.end()) {
      return std::nullopt;
    }
    return found->second;
  }

  [[nodiscard]] Result<surveys::domain::ComplaintCase> Change(const std::string& case_id, const std::string& request_id,
                                                              const surveys::app::CaseMutation& mutation) override {
    auto found = cases_.find(case_id);
    if (found == cases_.end()) {
      return Error{ErrorCode::kNotFound, "case_id", "no complaint case '" + case_id + "'"};
    }
    if (!request_id.empty() && requests_.contains(case_id + "/" + request_id)) {
      return found->second;
    }
    surveys::domain::ComplaintCase changed = found->second;
    auto change = mutation(changed);
    if (!change.ok()) {
      return change.error();
    }
    found->second = changed;
    changes.push_back(*change);
    if (!request_id.empty()) {
      requests_.insert(case_id + "/" + request_id);
    }
    published.push_back(
        {change->kind == surveys::app::CaseChange::Kind::kResolved ? "ComplaintCaseResolved" : "ComplaintCaseUpdated",
         case_id});
    return changed;
  }

  [[nodiscard]] std::vector<surveys::domain::ComplaintCase> ListByStore(const std::string& store_id,
                                                                        size_t limit) override {
    auto found = Matching([&](const auto& complaint) { return complaint.store_id == store_id; });
    found.resize(std::min(found.size(), limit));
    return found;
  }

  [[nodiscard]] std::vector<surveys::domain::ComplaintCase> ListByCustomer(const std::string& customer_id) override {
    return Matching([&](const auto& complaint) { return complaint.customer_id == customer_id; });
  }

  std::vector<PublishedEvent> published;
  std::vector<surveys::app::CaseChange> changes;  ///< each stored change, in order

 private:
  template <class Predicate>
  std::vector<surveys::domain::ComplaintCase> Matching(Predicate predicate) const {
    std::vector<surveys::domain::ComplaintCase> found;
    for (const auto& [id, complaint] : cases_) {
      if (predicate(complaint)) {
        found.push_back(complaint);
      }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.deadline_at < b.deadline_at; });
    return found;
  }

  std::map<std::string, surveys::domain::ComplaintCase> cases_;
  std::set<std::string> requests_;
};

}  // namespace careloop::testing
