// The gRPC boundary's mapping of exceptions (common/grpc/server.h): the one place a handler's
// exception becomes a status.
#include <gtest/gtest.h>

#include <stdexcept>

#include "common/grpc/server.h"
#include "common/redis/client.h"

namespace careloop::grpcx {
namespace {

TEST(GrpcBoundary, RedisOutOfReachIsUnavailableAndWorthRetrying) {
  const grpc::Status status =
      StatusOfException(std::make_exception_ptr(redis::RedisUnavailable("connect: refused")), "Test");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(status.error_message(), "storage unavailable, try again");
}

TEST(GrpcBoundary, AnythingElseIsInternalAndSaysNothingOfTheInside) {
  const grpc::Status status =
      StatusOfException(std::make_exception_ptr(std::runtime_error("corrupt customer record cus-1")), "Test");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(status.error_message(), "internal error");
  EXPECT_EQ(StatusOfException(std::make_exception_ptr(42), "Test").error_code(), grpc::StatusCode::INTERNAL);
}

}  // namespace
}  // namespace careloop::grpcx
