#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/error.h"
#include "common/config/config.h"
#include "common/config/stores.h"

namespace careloop::auth {

/// What a caller is allowed to be. Roles are coarse on purpose; each API method says which
/// roles it admits (see the service's api/ adapter).
enum class Role { kAdmin, kManager, kAdvisor, kClerk, kService };

[[nodiscard]] std::string_view RoleName(Role role);

/// The authenticated caller of one request.
struct Principal final {
  std::string name;
  Role role = Role::kAdvisor;
  std::vector<std::string> stores;  ///< the stores this caller may read or change
  bool all_stores = false;          ///< "*": admins and service identities

  /// True if the caller may see or change data of `store_id`.
  [[nodiscard]] bool MayAccessStore(std::string_view store_id) const;
  /// Ok, or PERMISSION_DENIED naming the store. The message does not reveal whether the
  /// record exists, only that this caller may not touch it.
  [[nodiscard]] Status RequireStore(std::string_view store_id) const;
  /// Ok if the caller's role is one of `allowed`, else PERMISSION_DENIED.
  [[nodiscard]] Status RequireRole(std::initializer_list<Role> allowed) const;
  [[nodiscard]] Status RequireRole(std::span<const Role> allowed) const;
};

/// Checks the scope of a list query "by customer or by store": one of the two is given, a
/// store is known, and the caller may see it. (Each listed record is still checked with
/// MayAccessStore, since a customer's records carry their own store.)
[[nodiscard]] Status RequireListScope(const Principal& caller, const config::StoreCatalog& stores,
                                      const std::string& customer_id, const std::string& store_id);

/// Maps bearer tokens to principals. Tokens are configured by their SHA-256 only, and the
/// presented token's digest is compared with every configured digest in constant time, so
/// neither the configuration nor the comparison leaks a token.
class TokenAuthenticator final {
 public:
  explicit TokenAuthenticator(const std::vector<config::TokenSettings>& tokens);

  /// `authorization` is the header value, "Bearer <token>". UNAUTHENTICATED when missing,
  /// malformed or unknown.
  [[nodiscard]] Result<Principal> Authenticate(std::string_view authorization) const;

 private:
  struct Entry {
    std::string digest;  // 32 raw bytes
    Principal principal;
  };
  std::vector<Entry> entries_;
};

}  // namespace careloop::auth
