#pragma once

#include <string_view>

#include "common/auth/auth.h"

namespace careloop::customers::app {

/// The customers service's use cases, as the access table knows them.
enum class UseCase {
  kReadRecord,      ///< get a customer, its timeline; and the basis of every change to one record
  kCreateCustomer,  ///< create customers, add vehicles
  kRecordHistory,   ///< visits, odometer readings, policies, inspections, referrals, purchases, packages, complaints
  kUpdateRecord,    ///< profile fields, consent
  kSetStaffFlags,   ///< opinion leader, fleet customer
  kFindCustomer,    ///< look up by mobile, plate or VIN (dispatch matches a reply's sender too)
  kSearch,          ///< search customers
  kCountSegments,   ///< segment counts
  kReadReports,     ///< loyalty and churn figures
  kImport,          ///< DMS imports
  kReadContact,     ///< contact details for sending (dispatch)
};

/// Who may call what: the one table of the roles allowed per use case (app/access.cc). A
/// caller's stores are checked separately, against the record or the stores a query names.
/// Ok, or PERMISSION_DENIED naming the role.
[[nodiscard]] Status Authorize(const auth::Principal& caller, UseCase use_case);

}  // namespace careloop::customers::app
