#pragma once

#include <string>
#include <utility>
#include <variant>

namespace careloop {

/// The kinds of expected failure that cross module boundaries. One function per boundary
/// maps them to the wire (see common/grpc/status.h); domain code never knows gRPC.
enum class ErrorCode {
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kPermissionDenied,
  kUnauthenticated,
  kFailedPrecondition,
  kAborted,  ///< a concurrent change won (e.g. an expected revision that moved on)
  kUnavailable,
  kInternal,
};

/// An expected failure: which field (if any) and why, in words a user can act on.
struct Error final {
  ErrorCode code = ErrorCode::kInternal;
  std::string field;    ///< The offending input field, e.g. "mobile"; empty when not about a field.
  std::string message;  ///< Why, e.g. "must be an 11-digit mainland mobile number".

  /// True when trying the same thing again later may succeed (network, overload).
  [[nodiscard]] bool IsRetryable() const { return code == ErrorCode::kUnavailable; }
  /// "field: message", or just the message when no field is named.
  [[nodiscard]] std::string ToString() const { return field.empty() ? message : field + ": " + message; }
};

/// Shorthand for the commonest error: bad input in a named field.
[[nodiscard]] inline Error InvalidArgument(std::string field, std::string message) {
  return Error{ErrorCode::kInvalidArgument, std::move(field), std::move(message)};
}

/// A value or an Error. Small on purpose: C++20 has no std::expected.
template <class T>
class [[nodiscard]] Result final {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  [[nodiscard]] const T& value() const& { return std::get<T>(state_); }
  [[nodiscard]] T& value() & { return std::get<T>(state_); }
  [[nodiscard]] T&& value() && { return std::get<T>(std::move(state_)); }
  [[nodiscard]] const Error& error() const { return std::get<Error>(state_); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const T& operator*() const { return value(); }

 private:
  std::variant<T, Error> state_;
};

/// Result of an operation that yields nothing but may fail.
struct Ok final {};
using Status = Result<Ok>;

}  // namespace careloop
