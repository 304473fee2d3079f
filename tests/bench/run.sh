#!/usr/bin/env bash
# Runs the benchmarks on real servers started for the purpose (redis-server and the dev broker
# on free loopback ports), each beside its baseline measured in the same run, and prints the
# ratios. Usage: tests/bench/run.sh [EVENTS] (default 50000)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# Benchmarks always run on a Release build of their own.
export BUILD_DIR=${BENCH_BUILD_DIR:-build-release}
export BUILD_TYPE=Release
BUILD="$ROOT/$BUILD_DIR"
"$ROOT/scripts/build.sh" careloop-bench-pipeline careloop-bench-grpc careloop-devbroker >/dev/null
DIR=$(mktemp -d)
trap '"$ROOT/tests/integration/fixture.sh" stop "$DIR"; rm -rf "$DIR"' EXIT
"$ROOT/tests/integration/fixture.sh" start "$DIR" "$BUILD" >/dev/null
source "$DIR/env"
echo "== event pipeline ($(nproc) cores, $(date -u +%F))"
for writers in 1 4; do
  "$BUILD/tests/bench/careloop-bench-pipeline" --redis-port "$REDIS_PORT" --brokers "$KAFKA_BROKERS" \
    --events "${1:-50000}" --writers "$writers" 2>/dev/null
done
echo "== GetCustomer vs gRPC echo (same process, same client load)"
for clients in 1 4; do
  "$BUILD/tests/bench/careloop-bench-grpc" --redis-port "$REDIS_PORT" --clients "$clients" --seconds 5 2>/dev/null
done
echo "== redis-benchmark baseline (same redis-server): SET and XADD, 50 clients, pipeline 1"
redis-benchmark -p "$REDIS_PORT" -q -n 50000 -t set 2>/dev/null | tr '\r' '\n' | grep -E "^SET" | tail -1
redis-benchmark -p "$REDIS_PORT" -q -n 50000 XADD bench:rb '*' f v 2>/dev/null | tr '\r' '\n' | grep -E "XADD" | tail -1
