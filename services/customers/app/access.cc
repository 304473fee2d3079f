#include "services/customers/app/access.h"

#include <algorithm>
#include <vector>

namespace careloop::customers::app {
namespace {

using auth::Role;

struct Rule final {
  UseCase use_case;
  std::vector<Role> roles;
};

// Staff work with records; service identities find customers, read contacts, read records (the
// reminders service plans greetings, win-back and appointments from them) and search segments
// (it resolves a campaign's audience), nothing else.
const std::vector<Rule> kRules{
    Rule{UseCase::kReadRecord, {Role::kAdmin, Role::kManager, Role::kAdvisor, Role::kClerk, Role::kService}},
    Rule{UseCase::kCreateCustomer, {Role::kAdmin, Role::kManager, Role::kAdvisor, Role::kClerk}},
    Rule{UseCase::kRecordHistory, {Role::kAdmin, Role::kManager, Role::kAdvisor, Role::kClerk}},
    Rule{UseCase::kUpdateRecord, {Role::kAdmin, Role::kManager, Role::kAdvisor, Role::kClerk}},
    Rule{UseCase::kSetStaffFlags, {Role::kAdmin, Role::kManager, Role::kAdvisor}},
    Rule{UseCase::kFindCustomer, {Role::kAdmin, Role::kManager, Role::kAdvisor, Role::kClerk, Role::kService}},
    Rule{UseCase::kSearch, {Role::kAdmin, Role::kManager, Role::kAdvisor, Role::kClerk, Role::kService}},
    Rule{UseCase::kCountSegments, {Role::kAdmin, Role::kManager, Role::kAdvisor}},
    Rule{UseCase::kReadReports, {Role::kAdmin, Role::kManager}},
    Rule{UseCase::kImport, {Role::kAdmin, Role::kManager, Role::kClerk}},
    Rule{UseCase::kReadContact, {Role::kAdmin, Role::kService}},
};

}  // namespace

Status Authorize(const auth::Principal& caller, UseCase use_case) {
  const auto rule =
      std::find_if(kRules.begin(), kRules.end(), [&](const Rule& candidate) { return candidate.use_case == use_case; });
  if (rule == kRules.end()) {
    return Error{ErrorCode::kInternal, "", "no access rule for this use case"};
  }
  return caller.RequireRole(rule->roles);
}

}  // namespace careloop::customers::app
