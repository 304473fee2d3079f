// Redis adapters against a real redis-server (started by the ctest fixture).
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <thread>

#include "common/redis/atomic_write.h"
#include "common/redis/client.h"
#include "common/redis/optimistic.h"
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

// A counter incremented by an optimistic transaction; `meddle` runs between its read and EXEC.
Result<int> IncrementWatched(redis::Connection& connection, int max_attempts, const std::function<void()>& meddle) {
  int attempts = 0;
  return redis::WatchedTransaction<int>(
      connection,
      [&](redis::Connection& c) -> Result<redis::Commit<int>> {
        ++attempts;
        c.Run({"WATCH", "counter"});
        const redis::Reply current = c.Run({"GET", "counter"});
        const int next = (current.IsNil() ? 0 : std::stoi(std::string(current.Str()))) + 1;
        meddle();
        return redis::Commit<int>{{{"SET", "counter", std::to_string(next)}}, attempts};
      },
      max_attempts, Error{ErrorCode::kUnavailable, "", "lost the race"});
}

TEST(WatchedTransaction, RetriesWithFreshDataWhenAWatchedKeyChanges) {
  auto pool = testing::FreshRedis(kDb);
  auto connection = pool->Acquire();
  redis::Connection other(testing::TestEnv::Get().Redis(kDb));
  int meddled = 0;
  auto attempts = IncrementWatched(*connection, 8, [&] {
    if (meddled++ == 0) {
      other.Run({"SET", "counter", "10"});  // a concurrent writer wins the first round
    }
  });
  ASSERT_TRUE(attempts.ok());
  EXPECT_EQ(attempts.value(), 2);
  EXPECT_EQ(connection->Run({"GET", "counter"}).Str(), "11");  // the retry read the writer's value
}

TEST(WatchedTransaction, GivesUpWithTheConflictErrorAfterMaxAttempts) {
  auto pool = testing::FreshRedis(kDb);
  auto connection = pool->Acquire();
  redis::Connection other(testing::TestEnv::Get().Redis(kDb));
  auto result = IncrementWatched(*connection, 3, [&] { other.Run({"INCR", "counter"}); });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "lost the race");
  EXPECT_EQ(connection->Run({"GET", "counter"}).Str(), "3");  // only the other writer's increments
}

TEST(WatchedTransaction, AnAttemptThatWritesNothingLeavesNoWatchBehind) {
  auto pool = testing::FreshRedis(kDb);
  auto connection = pool->Acquire();
  redis::Connection other(testing::TestEnv::Get().Redis(kDb));
  auto refused = redis::WatchedTransaction<int>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<int>> {
        c.Run({"WATCH", "guarded"});
        return Error{ErrorCode::kInvalidArgument, "x", "refused"};
      },
      8, Error{});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "x");
  // Were "guarded" still watched, this change would abort the next transaction on the connection.
  other.Run({"SET", "guarded", "changed"});
  EXPECT_TRUE(connection->Transaction({{"SET", "after", "1"}}).IsArray());
  EXPECT_EQ(connection->Run({"GET", "after"}).Str(), "1");
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
