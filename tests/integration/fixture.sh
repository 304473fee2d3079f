#!/usr/bin/env bash
# ctest fixture: starts (or stops) a real redis-server and the dev broker on free loopback
# ports for the integration tests, and writes their addresses to DIR/env:
#   fixture.sh start DIR BUILD_DIR    fixture.sh stop DIR
set -euo pipefail
ACTION=$1
DIR=$2
source "$(dirname "$0")/../../deploy/local/lib.sh"

case "$ACTION" in
  start)
    BUILD=$3
    rm -rf "$DIR"
    mkdir -p "$DIR/redis"
    pick_port REDIS_PORT
    setsid redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$DIR/redis" --save "" --appendonly no --databases 64 \
      >"$DIR/redis.log" 2>&1 < /dev/null &
    echo $! > "$DIR/redis.pid"
    setsid "$BUILD/tools/devbroker/careloop-devbroker" --partitions 2 --bootstrap-file "$DIR/bootstrap" \
      --topic careloop.test.a --topic careloop.test.b --topic careloop.test.c --topic careloop.test.d \
      --topic careloop.test.tail.a --topic careloop.test.tail.b \
      >"$DIR/devbroker.log" 2>&1 < /dev/null &
    echo $! > "$DIR/devbroker.pid"
    wait_for_port "$REDIS_PORT" 20
    wait_for_file "$DIR/bootstrap" 20
    {
      echo "REDIS_PORT=$REDIS_PORT"
      echo "KAFKA_BROKERS=$(cat "$DIR/bootstrap")"
    } > "$DIR/env.tmp"
    mv "$DIR/env.tmp" "$DIR/env"
    echo "fixture up: $(tr '\n' ' ' < "$DIR/env")"
    ;;
  stop)
    for name in devbroker redis; do
      if [[ -f "$DIR/$name.pid" ]]; then
        kill -TERM "$(cat "$DIR/$name.pid")" 2>/dev/null || true
        rm -f "$DIR/$name.pid"
      fi
    done
    ;;
  *)
    echo "usage: fixture.sh start DIR BUILD_DIR | stop DIR" >&2
    exit 2
    ;;
esac
