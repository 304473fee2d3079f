// Redis adapters against a real redis-server (started by the ctest fixture).
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "common/redis/atomic_write.h"
#include "common/redis/client.h"
#include "common/redis/timer_queue.h"
#include "tests/integration/test_env.h"

namespace careloop {
namespace {

constexpr int kDb = 1;

TEST(RedisClient, PipelineAndTransactionReturnRepliesInOrder) {
  auto pool = testing::FreshRedis(kDb);
  auto connection = pool->Acquire();
  auto replies = connection->Pipeline({{"SET", "k", "v\0x"}, {"GET", "k"}, {"INCR", "n"}, {"INCR", "n"}});
  EXPECT_EQ(replies[1].Str(), "v");
  EXPECT_EQ(replies[3].Integer(), 2);
  redis::Reply exec = connection->Transaction({{"SET", "a", "1"}, {"INCRBY", "a", "41"}});
  ASSERT_TRUE(exec.IsArray());
  EXPECT_EQ(connection->Run({"GET", "a"}).Str(), "42");
}

TEST(RedisClient, BinaryValuesSurviveArgvEncoding) {
  auto pool = testing::FreshRedis(kDb);
  auto connection = pool->Acquire();
  const std::string binary("a\0b\r\n c", 7);
  connection->Run({"SET", "bin", binary});
  EXPECT_EQ(connection->Run({"GET", "bin"}).Str(), binary);
}

TEST(RedisClient, ReconnectsAfterTheServerDropsTheConnection) {
  auto pool = testing::FreshRedis(kDb);
  auto victim = pool->Acquire();
  const auto id = victim->Run({"CLIENT", "ID"}).Integer();
  {
    redis::Connection killer(testing::TestEnv::Get().Redis(kDb));
    killer.Run({"CLIENT", "KILL", "ID", std::to_string(id)});
  }
  EXPECT_THROW(victim->Run({"PING"}), redis::RedisUnavailable);
  EXPECT_EQ(victim->Run({"PING"}).Str(), "PONG");  // the next use reconnects
}

TEST(RedisClient, ConnectingToAClosedPortFailsWithUnavailable) {
  config::RedisSettings settings = testing::TestEnv::Get().Redis(kDb);
  settings.port = 1;
  EXPECT_THROW(redis::Connection{settings}, redis::RedisUnavailable);
}

TEST(RedisScript, ReloadsAfterScriptFlush) {
  auto pool = testing::FreshRedis(kDb);
  auto connection = pool->Acquire();
  redis::Script script("return redis.call('INCR', KEYS[1])");
  EXPECT_EQ(script.Run(*connection, {"counter"}, {}).Integer(), 1);
  connection->Run({"SCRIPT", "FLUSH"});
  EXPECT_EQ(script.Run(*connection, {"counter"}, {}).Integer(), 2);
}

TEST(AtomicWrite, GuardMakesTheSecondApplicationANoOp) {
  auto pool = testing::FreshRedis(kDb);
  auto connection = pool->Acquire();
  EXPECT_TRUE(redis::ApplyOnce(*connection, "guard:1", "x", {{"INCR", "effects"}, {"SADD", "set", "a"}}));
  EXPECT_FALSE(redis::ApplyOnce(*connection, "guard:1", "x", {{"INCR", "effects"}, {"SADD", "set", "b"}}));
  EXPECT_EQ(connection->Run({"GET", "effects"}).Str(), "1");
  EXPECT_EQ(connection->Run({"SCARD", "set"}).Integer(), 1);
}

TEST(TimerQueue, ConcurrentClaimersNeverClaimTheSameTimer) {
  auto pool = testing::FreshRedis(kDb);
  const redis::TimerQueue queue{"timers", "leases"};
  {
    auto connection = pool->Acquire();
    std::vector<redis::Command> adds;
    for (int i = 0; i < 500; ++i) {
      adds.push_back({"ZADD", "timers", std::to_string(1000 + i), "t" + std::to_string(i)});
    }
    adds.push_back({"ZADD", "timers", "999999999999999", "future"});
    connection->Pipeline(adds);
  }
  std::vector<std::vector<std::string>> claimed(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      redis::Connection connection(testing::TestEnv::Get().Redis(kDb));
      while (true) {
        auto batch = redis::ClaimDueTimers(connection, queue, Instant{Millis{5000}}, Millis{60'000}, 7);
        if (batch.empty()) {
          return;
        }
        claimed[t].insert(claimed[t].end(), batch.begin(), batch.end());
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  std::set<std::string> all;
  size_t total = 0;
  for (const auto& ids : claimed) {
    all.insert(ids.begin(), ids.end());
    total += ids.size();
  }
  EXPECT_EQ(total, 500u);
  EXPECT_EQ(all.size(), 500u);
  EXPECT_FALSE(all.contains("future"));
}

TEST(TimerQueue, ExpiredLeaseIsClaimedAgain) {
  auto pool = testing::FreshRedis(kDb);
  auto connection = pool->Acquire();
  const redis::TimerQueue queue{"timers", "leases"};
  connection->Run({"ZADD", "timers", "1000", "t1"});
  // A zero-length lease: the claimer "died" at once.
  ASSERT_EQ(redis::ClaimDueTimers(*connection, queue, Instant{Millis{5000}}, Millis{0}, 10).size(), 1u);
  auto again = redis::ClaimDueTimers(*connection, queue, Instant{Millis{5000}}, Millis{60'000}, 10);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0], "t1");
  EXPECT_TRUE(redis::ClaimDueTimers(*connection, queue, Instant{Millis{5000}}, Millis{60'000}, 10).empty());
}

}  // namespace
}  // namespace careloop
