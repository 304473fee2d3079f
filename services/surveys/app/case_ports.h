#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "services/surveys/domain/complaint_case.h"

namespace careloop::surveys::app {

/// What a change to a case published: ComplaintCaseUpdated (with the step just done, if any) or
/// ComplaintCaseResolved.
struct CaseChange final {
  enum class Kind { kUpdated, kResolved };
  Kind kind = Kind::kUpdated;
  std::optional<domain::HandlingStep> step;
  bool escalated = false;
  std::string by;  ///< staff id of who made the change
  Instant at{};
};

/// Decides a change on the current case (mutating it), or refuses it with an error.
using CaseMutation = std::function<Result<CaseChange>(domain::ComplaintCase&)>;

/// Port: complaint cases. Every write stores the case, its indexes and its event atomically.
class CaseRepository {
 public:
  virtual ~CaseRepository() = default;
  /// Stores a new case with its ComplaintCaseOpened event, once per case id: true if new, false
  /// if the id was taken (a replay; nothing written).
  virtual bool Open(const domain::ComplaintCase& complaint) = 0;
  [[nodiscard]] virtual std::optional<domain::ComplaintCase> Get(const std::string& case_id) = 0;
  /// Applies `mutation` to the current case and stores the result with its event. A non-empty
  /// `request_id` makes it once-only: a repeated request returns the case as it is now. NOT_FOUND
  /// for an unknown case; the mutation's error writes nothing.
  [[nodiscard]] virtual Result<domain::ComplaintCase> Change(const std::string& case_id, const std::string& request_id,
                                                             const CaseMutation& mutation) = 0;
  /// A store's cases, earliest deadline first (at most `limit`).
  [[nodiscard]] virtual std::vector<domain::ComplaintCase> ListByStore(const std::string& store_id, size_t limit) = 0;
  /// A customer's cases, earliest deadline first.
  [[nodiscard]] virtual std::vector<domain::ComplaintCase> ListByCustomer(const std::string& customer_id) = 0;
};

}  // namespace careloop::surveys::app
