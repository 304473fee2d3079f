#!/usr/bin/env bash
# Runs the benchmarks on real servers started for the purpose (redis-server and the dev broker
# on free loopback ports), each beside its baseline measured in the same run, and prints the
# ratios. Usage: tests/bench/run.sh [EVENTS] (default 50000)
#   BENCH_PARTS="pipeline grpc import memory timers" (the default: all) runs only the named parts;
#   IMPORT_ROWS (default 20000) and MEMORY_CUSTOMERS (default 100000) size two of them, TIMERS
#   (default 20000) the timers part.
#   BENCH_PARTS=campaign (not in the default: minutes long) launches a greeting campaign to
#   CAMPAIGN_CUSTOMERS (default 1000000) customers against raw produce of as many records.
#   BENCH_PARTS=greeting (not in the default: an hour or more at 1M) sends a holiday greeting to
#   GREETING_CUSTOMERS (default 1000000) customers through the whole deployed stack, beside raw
#   produce+consume of as many records (tests/bench/greeting_path.sh says how).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# Benchmarks always run on a Release build of their own.
export BUILD_DIR=${BENCH_BUILD_DIR:-build-release}
export BUILD_TYPE=Release
# An absolute BENCH_BUILD_DIR is used as given (any build directory works, in or out of the tree).
source "$ROOT/deploy/local/lib.sh"
BUILD=$(build_dir "$ROOT")
PARTS=" ${BENCH_PARTS:-pipeline grpc import memory timers} "
part() { [[ "$PARTS" == *" $1 "* ]]; }
TARGETS=(careloop-devbroker)
for name in pipeline grpc import memory timers campaign greeting; do
  if part "$name"; then TARGETS+=("careloop-bench-$name"); fi
done
if part greeting; then
  TARGETS+=(careloop-customers careloop-reminders careloop-dispatch careloop-surveys careloop-fake-gateway careloopctl)
fi
"$ROOT/scripts/build.sh" "${TARGETS[@]}" >/dev/null
DIR=$(mktemp -d)
trap '"$ROOT/tests/integration/fixture.sh" stop "$DIR"; rm -rf "$DIR"' EXIT
"$ROOT/tests/integration/fixture.sh" start "$DIR" "$BUILD" >/dev/null
source "$DIR/env"
if part pipeline; then
  echo "== event pipeline ($(nproc) cores, $(date -u +%F))"
  for writers in 1 4; do
    "$BUILD/tests/bench/careloop-bench-pipeline" --redis-port "$REDIS_PORT" --brokers "$KAFKA_BROKERS" \
      --events "${1:-50000}" --writers "$writers" 2>/dev/null
  done
fi
if part grpc; then
  echo "== GetCustomer vs gRPC echo (same process, same client load)"
  for clients in 1 4; do
    "$BUILD/tests/bench/careloop-bench-grpc" --redis-port "$REDIS_PORT" --clients "$clients" --seconds 5 2>/dev/null
  done
fi
if part pipeline || part grpc; then
  echo "== redis-benchmark baseline (same redis-server): SET and XADD, 50 clients, pipeline 1"
  redis-benchmark -p "$REDIS_PORT" -q -n 50000 -t set 2>/dev/null | tr '\r' '\n' | grep -E "^SET" | tail -1
  redis-benchmark -p "$REDIS_PORT" -q -n 50000 XADD bench:rb '*' f v 2>/dev/null | tr '\r' '\n' | grep -E "XADD" | tail -1
fi
if part import; then
  echo "== DMS import: ImportRows over gRPC vs pipelined raw HSET ($(nproc) cores, $(date -u +%F))"
  "$BUILD/tests/bench/careloop-bench-import" --redis-port "$REDIS_PORT" --rows "${IMPORT_ROWS:-20000}" 2>/dev/null
fi
if part memory; then
  echo "== Redis bytes per customer (1 car, 5 visits, every index) vs a raw HSET per customer"
  "$BUILD/tests/bench/careloop-bench-memory" --redis-port "$REDIS_PORT" --customers "${MEMORY_CUSTOMERS:-100000}" \
    2>/dev/null
fi
if part timers; then
  echo "== timers fired/s (RemindersApp::FireDue, batch claims) vs redis-benchmark ZPOPMIN; lateness at 80 %"
  "$BUILD/tests/bench/careloop-bench-timers" --redis-port "$REDIS_PORT" --timers "${TIMERS:-20000}" 2>/dev/null
fi
if part campaign; then
  echo "== campaign launch: audience, reminders, every ReminderDue published vs raw produce ($(nproc) cores, $(date -u +%F))"
  "$BUILD/tests/bench/careloop-bench-campaign" --redis-port "$REDIS_PORT" --brokers "$KAFKA_BROKERS" \
    --customers "${CAMPAIGN_CUSTOMERS:-1000000}" 2>/dev/null
fi
if part greeting; then
  echo "== holiday greeting, whole path: campaign launch → dispatch → gateway → timeline vs raw produce+consume ($(nproc) cores, $(date -u +%F))"
  "$ROOT/tests/bench/greeting_path.sh" "$BUILD" "${GREETING_CUSTOMERS:-1000000}"
fi
