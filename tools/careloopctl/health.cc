#include "tools/careloopctl/health.h"

#include <grpcpp/generic/generic_stub.h>

#include <condition_variable>
#include <mutex>

#include "common/grpc/server.h"
#include "tools/careloopctl/errors.h"

namespace careloop::ctl {
namespace {

// Reads a base-128 varint at `i`; false when truncated or longer than 10 bytes.
bool ReadVarint(std::string_view bytes, size_t& i, uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (i >= bytes.size()) {
      return false;
    }
    const auto byte = static_cast<unsigned char>(bytes[i++]);
    value |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) {
      return true;
    }
  }
  return false;
}

std::string ToString(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) {
    return out;
  }
  for (const auto& slice : slices) {
    out.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return out;
}

}  // namespace

std::optional<int> ParseHealthCheckResponse(std::string_view bytes) {
  int status = 0;
  size_t i = 0;
  while (i < bytes.size()) {
    uint64_t tag = 0;
    if (!ReadVarint(bytes, i, tag) || (tag >> 3) == 0) {
      return std::nullopt;
    }
    const auto field = tag >> 3;
    const auto wire_type = tag & 7;
    uint64_t value = 0;
    switch (wire_type) {
      case 0:  // varint
        if (!ReadVarint(bytes, i, value)) {
          return std::nullopt;
        }
        if (field == 1) {
          status = static_cast<int>(value);
        }
        break;
      case 1:  // 64-bit
        if (i + 8 > bytes.size()) {
          return std::nullopt;
        }
        i += 8;
        break;
      case 2:  // length-delimited
        if (!ReadVarint(bytes, i, value) || value > bytes.size() - i) {
          return std::nullopt;
        }
        i += value;
        break;
      case 5:  // 32-bit
        if (i + 4 > bytes.size()) {
          return std::nullopt;
        }
        i += 4;
        break;
      default: return std::nullopt;
    }
  }
  return status;
}

std::string ServingStatusName(int status) {
  switch (status) {
    case 0: return "UNKNOWN";
    case 1: return "SERVING";
    case 2: return "NOT_SERVING";
    case 3: return "SERVICE_UNKNOWN";
    default: return "STATUS_" + std::to_string(status);
  }
}

HealthChecker::HealthChecker(std::vector<HealthTarget> targets, std::string token)
    : targets_(std::move(targets)), token_(std::move(token)) {
  grpc::ChannelArguments args;
  // The default reconnect backoff grows to minutes; a --wait loop polls every 200 ms.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 500);
  for (const auto& target : targets_) {
    channels_.push_back(grpc::CreateCustomChannel(target.address, grpc::InsecureChannelCredentials(), args));
  }
}

std::vector<HealthResult> HealthChecker::CheckAll(std::chrono::milliseconds timeout) {
  struct Call {
    grpc::ClientContext context;
    grpc::ByteBuffer request;
    grpc::ByteBuffer response;
    grpc::Status status;
    bool done = false;
  };
  std::mutex mutex;
  std::condition_variable finished;
  std::vector<std::unique_ptr<Call>> calls;
  std::vector<std::unique_ptr<grpc::GenericStub>> stubs;
  const auto deadline = std::chrono::system_clock::now() + timeout;
  for (size_t i = 0; i < targets_.size(); ++i) {
    auto call = std::make_unique<Call>();
    if (!token_.empty()) {
      grpcx::AddBearer(call->context, token_);
    }
    call->context.set_deadline(deadline);
    grpc::Slice empty("", 0);
    call->request = grpc::ByteBuffer(&empty, 1);  // HealthCheckRequest{service: ""} encodes to nothing
    auto stub = std::make_unique<grpc::GenericStub>(channels_[i]);
    Call* raw = call.get();
    stub->UnaryCall(&raw->context, kHealthCheckMethod, grpc::StubOptions(), &raw->request, &raw->response,
                    [raw, &mutex, &finished](grpc::Status status) {
                      std::lock_guard lock(mutex);
                      raw->status = std::move(status);
                      raw->done = true;
                      finished.notify_all();
                    });
    calls.push_back(std::move(call));
    stubs.push_back(std::move(stub));
  }
  {
    // Every call ends by its deadline (gRPC guarantees the callback), so this wait is bounded.
    std::unique_lock lock(mutex);
    finished.wait(lock, [&] {
      for (const auto& call : calls) {
        if (!call->done) {
          return false;
        }
      }
      return true;
    });
  }
  std::vector<HealthResult> results;
  for (size_t i = 0; i < targets_.size(); ++i) {
    HealthResult result{targets_[i].service, targets_[i].address, false, ""};
    const Call& call = *calls[i];
    if (!call.status.ok()) {
      result.status = StatusCodeName(call.status.error_code()) + ": " + call.status.error_message();
    } else if (auto status = ParseHealthCheckResponse(ToString(call.response))) {
      result.serving = *status == kServingStatusServing;
      result.status = ServingStatusName(*status);
    } else {
      result.status = "INTERNAL: malformed HealthCheckResponse";
    }
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace careloop::ctl
