#include "tools/careloopctl/session.h"

#include <iostream>

#include "common/config/config.h"
#include "common/grpc/server.h"
#include "tools/careloopctl/errors.h"

namespace careloop::ctl {

const Endpoints& Session::endpoints() {
  if (!endpoints_) {
    endpoints_.emplace(LoadEndpoints(flags));
  }
  return *endpoints_;
}

std::shared_ptr<grpc::Channel> Session::Channel(const std::string& key) {
  return grpc::CreateChannel(endpoints().Require(key), grpc::InsecureChannelCredentials());
}

std::unique_ptr<grpc::ClientContext> Session::NewContext() {
  auto context = std::make_unique<grpc::ClientContext>();
  grpcx::AddBearer(*context, endpoints().Require(kToken));
  context->set_deadline(std::chrono::system_clock::now() + timeout());
  return context;
}

std::chrono::milliseconds Session::timeout() const {
  return std::chrono::milliseconds(static_cast<int64_t>(timeout_seconds * 1000.0));
}

void Check(const grpc::Status& status) {
  if (!status.ok()) {
    throw RpcError(status);
  }
}

int RunAction(Session& session) {
  try {
    return session.action();
  } catch (const RpcError& e) {
    std::cerr << "error: " << StatusCodeName(e.status().error_code()) << ": " << e.status().error_message() << '\n';
    return 1;
  } catch (const UsageError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 2;
  } catch (const config::ConfigError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace careloop::ctl
