#include "common/auth/auth.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <algorithm>
#include <stdexcept>

namespace careloop::auth {
namespace {

Role ParseRole(const std::string& name) {
  if (name == "admin") {
    return Role::kAdmin;
  }
  if (name == "manager") {
    return Role::kManager;
  }
  if (name == "advisor") {
    return Role::kAdvisor;
  }
  if (name == "clerk") {
    return Role::kClerk;
  }
  if (name == "service") {
    return Role::kService;
  }
  throw config::ConfigError("auth.tokens.role", "unknown role '" + name + "'");
}

std::string HexToBytes(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kManager: return "manager";
    case Role::kAdvisor: return "advisor";
    case Role::kClerk: return "clerk";
    case Role::kService: return "service";
  }
  return "unknown";
}

bool Principal::MayAccessStore(std::string_view store_id) const {
  return all_stores || std::find(stores.begin(), stores.end(), store_id) != stores.end();
}

Status Principal::RequireStore(std::string_view store_id) const {
  if (MayAccessStore(store_id)) {
    return Ok{};
  }
  return Error{ErrorCode::kPermissionDenied, "store_id",
               "caller '" + name + "' may not access store '" + std::string(store_id) + "'"};
}

Status Principal::RequireRole(std::initializer_list<Role> allowed) const {
  return RequireRole(std::span<const Role>(allowed.begin(), allowed.size()));
}

Status Principal::RequireRole(std::span<const Role> allowed) const {
  if (std::find(allowed.begin(), allowed.end(), role) != allowed.end()) {
    return Ok{};
  }
  return Error{ErrorCode::kPermissionDenied, "", "role '" + std::string(RoleName(role)) + "' may not do this"};
}

Status RequireListScope(const Principal& caller, const config::StoreCatalog& stores, const std::string& customer_id,
                        const std::string& store_id) {
  if (customer_id.empty() && store_id.empty()) {
    return InvalidArgument("customer_id", "give a customer_id or a store_id");
  }
  if (store_id.empty()) {
    return Ok{};
  }
  if (!stores.IsKnown(store_id)) {
    return InvalidArgument("store_id", "unknown store '" + store_id + "'");
  }
  return caller.RequireStore(store_id);
}

TokenAuthenticator::TokenAuthenticator(const std::vector<config::TokenSettings>& tokens) {
  for (const auto& token : tokens) {
    Entry entry;
    entry.digest = HexToBytes(token.sha256);
    entry.principal.name = token.name;
    entry.principal.role = ParseRole(token.role);
    for (const auto& store : token.stores) {
      if (store == "*") {
        entry.principal.all_stores = true;
      } else {
        entry.principal.stores.push_back(store);
      }
    }
    entries_.push_back(std::move(entry));
  }
}

Result<Principal> TokenAuthenticator::Authenticate(std::string_view authorization) const {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.empty()) {
    return Error{ErrorCode::kUnauthenticated, "authorization", "missing bearer token"};
  }
  if (authorization.size() <= kScheme.size() || authorization.substr(0, kScheme.size()) != kScheme) {
    return Error{ErrorCode::kUnauthenticated, "authorization", "must be 'Bearer <token>'"};
  }
  const std::string_view token = authorization.substr(kScheme.size());
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), digest);
  const Principal* found = nullptr;
  // Compare against every entry, in constant time each, so timing tells nothing.
  for (const auto& entry : entries_) {
    if (CRYPTO_memcmp(entry.digest.data(), digest, SHA256_DIGEST_LENGTH) == 0) {
      found = &entry.principal;
    }
  }
  if (found == nullptr) {
    return Error{ErrorCode::kUnauthenticated, "authorization", "unknown bearer token"};
  }
  return *found;
}

}  // namespace careloop::auth
