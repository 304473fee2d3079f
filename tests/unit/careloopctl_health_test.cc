// Hand decoding of grpc.health.v1.HealthCheckResponse.
#include <gtest/gtest.h>

#include <string>

#include "tools/careloopctl/health.h"

namespace careloop::ctl {
namespace {

TEST(ParseHealthCheckResponse, ReadsTheServingStatus) {
  EXPECT_EQ(ParseHealthCheckResponse(std::string("\x08\x01", 2)), 1);
  EXPECT_EQ(ParseHealthCheckResponse(std::string("\x08\x02", 2)), 2);
}

TEST(ParseHealthCheckResponse, EmptyBodyIsUnknown) {
  EXPECT_EQ(ParseHealthCheckResponse(""), 0);
}

TEST(ParseHealthCheckResponse, SkipsUnknownFields) {
  // field 2 (length-delimited "ab"), field 3 (fixed32), then status SERVING.
  const std::string bytes(
      "\x12\x02"
      "ab"
      "\x1d\x00\x00\x00\x00"
      "\x08\x01",
      11);
  EXPECT_EQ(ParseHealthCheckResponse(bytes), 1);
}

TEST(ParseHealthCheckResponse, RejectsTruncatedMessages) {
  EXPECT_EQ(ParseHealthCheckResponse(std::string("\x08", 1)), std::nullopt);
  EXPECT_EQ(ParseHealthCheckResponse(std::string("\x12\x05"
                                                 "ab",
                                                 4)),
            std::nullopt);
}

TEST(ServingStatusName, NamesTheStatuses) {
  EXPECT_EQ(ServingStatusName(1), "SERVING");
  EXPECT_EQ(ServingStatusName(2), "NOT_SERVING");
  EXPECT_EQ(ServingStatusName(7), "STATUS_7");
}

}  // namespace
}  // namespace careloop::ctl
