#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace careloop::customers::adapters {

/// Encrypts national ID numbers for storage: AES-256-GCM (OpenSSL) with a fresh random 96-bit
/// nonce per value, so equal IDs do not look equal at rest and a tampered value fails to
/// decrypt. Stored as "enc1:" + base64(nonce | ciphertext | tag).
class NationalIdCipher final {
 public:
  /// `hex_key`: 64 hex characters (32 bytes), from `customers.national_id_key`. Throws
  /// std::invalid_argument otherwise (a configuration error at startup).
  explicit NationalIdCipher(std::string_view hex_key);

  [[nodiscard]] std::string Encrypt(std::string_view plain) const;
  /// nullopt when `stored` was not made with this key or was altered.
  [[nodiscard]] std::optional<std::string> Decrypt(std::string_view stored) const;

  [[nodiscard]] static bool IsEncrypted(std::string_view stored) { return stored.starts_with(kPrefix); }

 private:
  static constexpr std::string_view kPrefix = "enc1:";
  std::string key_;
};

/// "110101********1234": the first six (the issuing region) and last four characters; what
/// everyone but an admin sees.
[[nodiscard]] std::string MaskNationalId(std::string_view id);

}  // namespace careloop::customers::adapters
