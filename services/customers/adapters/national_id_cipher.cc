#include "services/customers/adapters/national_id_cipher.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace careloop::customers::adapters {
namespace {

constexpr size_t kNonceSize = 12;
constexpr size_t kTagSize = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext NewContext() {
  CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!context) {
    throw std::bad_alloc();
  }
  return context;
}

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string Base64(const std::string& raw) {
  std::string out(4 * ((raw.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), Bytes(raw), static_cast<int>(raw.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::optional<std::string> Unbase64(std::string_view text) {
  if (text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::string out(3 * text.size() / 4, '\0');
  const int n =
      EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), Bytes(text), static_cast<int>(text.size()));
  if (n < 0) {
    return std::nullopt;
  }
  // EVP_DecodeBlock counts the padding as zero bytes.
  size_t padding = 0;
  for (size_t i = text.size(); i > 0 && text[i - 1] == '='; --i) {
    ++padding;
  }
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

}  // namespace

NationalIdCipher::NationalIdCipher(std::string_view hex_key) {
  if (hex_key.size() != 64 || hex_key.find_first_not_of("0123456789abcdefABCDEF") != std::string_view::npos) {
    throw std::invalid_argument("customers.national_id_key must be 64 hex characters (a 256-bit key)");
  }
  for (size_t i = 0; i < hex_key.size(); i += 2) {
    key_.push_back(static_cast<char>(std::stoi(std::string(hex_key.substr(i, 2)), nullptr, 16)));
  }
}

std::string NationalIdCipher::Encrypt(std::string_view plain) const {
  std::string nonce(kNonceSize, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(nonce.data()), static_cast<int>(kNonceSize)) != 1) {
    throw std::runtime_error("no randomness for a nonce");
  }
  CipherContext context = NewContext();
  std::string sealed(plain.size(), '\0');
  int n = 0;
  if (EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, Bytes(key_), Bytes(nonce)) != 1 ||
      EVP_EncryptUpdate(context.get(), reinterpret_cast<unsigned char*>(sealed.data()), &n, Bytes(plain),
                        static_cast<int>(plain.size())) != 1) {
    throw std::runtime_error("AES-GCM encryption failed");
  }
  int tail = 0;
  std::string tag(kTagSize, '\0');
  if (EVP_EncryptFinal_ex(context.get(), reinterpret_cast<unsigned char*>(sealed.data()) + n, &tail) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagSize), tag.data()) != 1) {
    throw std::runtime_error("AES-GCM encryption failed");
  }
  return std::string(kPrefix) + Base64(nonce + sealed + tag);
}

std::optional<std::string> NationalIdCipher::Decrypt(std::string_view stored) const {
  if (!IsEncrypted(stored)) {
    return std::nullopt;
  }
  auto raw = Unbase64(stored.substr(kPrefix.size()));
  if (!raw || raw->size() < kNonceSize + kTagSize) {
    return std::nullopt;
  }
  const std::string nonce = raw->substr(0, kNonceSize);
  const std::string sealed = raw->substr(kNonceSize, raw->size() - kNonceSize - kTagSize);
  std::string tag = raw->substr(raw->size() - kTagSize);
  CipherContext context = NewContext();
  std::string plain(sealed.size(), '\0');
  int n = 0;
  int tail = 0;
  if (EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, Bytes(key_), Bytes(nonce)) != 1 ||
      EVP_DecryptUpdate(context.get(), reinterpret_cast<unsigned char*>(plain.data()), &n, Bytes(sealed),
                        static_cast<int>(sealed.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagSize), tag.data()) != 1 ||
      EVP_DecryptFinal_ex(context.get(), reinterpret_cast<unsigned char*>(plain.data()) + n, &tail) != 1) {
    return std::nullopt;
  }
  return plain;
}

std::string MaskNationalId(std::string_view id) {
  if (id.size() <= 10) {
    return std::string(id.size(), '*');
  }
  return std::string(id.substr(0, 6)) + std::string(id.size() - 10, '*') + std::string(id.substr(id.size() - 4));
}

}  // namespace careloop::customers::adapters
