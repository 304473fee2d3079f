#pragma once

#include <grpcpp/support/status.h>

#include <stdexcept>
#include <string>

namespace careloop::ctl {

/// A bad or missing setting or argument that CLI11 could not catch. Exit code 2.
class UsageError final : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A failed gRPC call. Printed as "error: <CODE NAME>: <message>"; exit code 1.
class RpcError final : public std::runtime_error {
 public:
  explicit RpcError(const grpc::Status& status) : std::runtime_error(status.error_message()), status_(status) {}
  [[nodiscard]] const grpc::Status& status() const { return status_; }

 private:
  grpc::Status status_;
};

/// The canonical name of a gRPC status code, e.g. "INVALID_ARGUMENT".
[[nodiscard]] std::string StatusCodeName(grpc::StatusCode code);

}  // namespace careloop::ctl
