#include "common/grpc/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include <fstream>
#include <sstream>

namespace careloop::grpcx {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

grpc::Status ToGrpcStatus(const Error& error) {
  grpc::StatusCode code = grpc::StatusCode::INTERNAL;
  switch (error.code) {
    case ErrorCode::kInvalidArgument: code = grpc::StatusCode::INVALID_ARGUMENT; break;
    case ErrorCode::kNotFound: code = grpc::StatusCode::NOT_FOUND; break;
    case ErrorCode::kAlreadyExists: code = grpc::StatusCode::ALREADY_EXISTS; break;
    case ErrorCode::kPermissionDenied: code = grpc::StatusCode::PERMISSION_DENIED; break;
    case ErrorCode::kUnauthenticated: code = grpc::StatusCode::UNAUTHENTICATED; break;
    case ErrorCode::kFailedPrecondition: code = grpc::StatusCode::FAILED_PRECONDITION; break;
    case ErrorCode::kAborted: code = grpc::StatusCode::ABORTED; break;
    case ErrorCode::kUnavailable: code = grpc::StatusCode::UNAVAILABLE; break;
    case ErrorCode::kInternal: code = grpc::StatusCode::INTERNAL; break;
  }
  return grpc::Status(code, error.ToString());
}

Server::Server(const config::GrpcSettings& settings, const std::vector<grpc::Service*>& services) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
  if (!settings.tls_cert_file.empty() && !settings.tls_key_file.empty()) {
    grpc::SslServerCredentialsOptions options;
    options.pem_key_cert_pairs.push_back({ReadFile(settings.tls_key_file), ReadFile(settings.tls_cert_file)});
    credentials = grpc::SslServerCredentials(options);
  }
  builder.AddListeningPort(settings.listen, credentials, &port_);
  for (grpc::Service* service : services) {
    builder.RegisterService(service);
  }
  server_ = builder.BuildAndStart();
  if (!server_ || port_ == 0) {
    throw std::runtime_error("grpc: cannot listen on " + settings.listen);
  }
  SetServing(true);
}

void Server::SetServing(bool serving) {
  if (auto* health = server_->GetHealthCheckService()) {
    health->SetServingStatus(serving);
  }
}

void Server::Shutdown(std::chrono::milliseconds grace) {
  SetServing(false);
  server_->Shutdown(std::chrono::system_clock::now() + grace);
  server_->Wait();
}

Result<auth::Principal> Authenticate(const grpc::CallbackServerContext& context,
                                     const auth::TokenAuthenticator& authenticator) {
  const auto& metadata = context.client_metadata();
  const auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return authenticator.Authenticate("");
  }
  return authenticator.Authenticate(std::string_view(it->second.data(), it->second.size()));
}

void AddBearer(grpc::ClientContext& context, const std::string& token) {
  context.AddMetadata("authorization", "Bearer " + token);
}

grpc::Status StatusOfException(std::exception_ptr error, std::string_view method) {
  try {
    std::rethrow_exception(std::move(error));
  } catch (const redis::RedisUnavailable& e) {
    log::Warn("rpc failed: redis unavailable", {{"method", std::string(method)}, {"reason", e.what()}});
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, "storage unavailable, try again");
  } catch (const std::exception& e) {
    log::Error("rpc failed", {{"method", std::string(method)}, {"reason", e.what()}});
  } catch (...) {
    log::Error("rpc failed", {{"method", std::string(method)}, {"reason", "unknown exception"}});
  }
  return grpc::Status(grpc::StatusCode::INTERNAL, "internal error");
}

}  // namespace careloop::grpcx
