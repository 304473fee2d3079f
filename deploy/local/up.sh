#!/usr/bin/env bash
# Starts the whole CareLoop stack on this machine on the embedded defaults: the dev broker
# (Kafka protocol, in memory), a private redis-server (AOF on), the fake SMS/WeChat gateway and
# the four services, on free loopback ports. On empty data it then loads demo data and lives
# through the first maintenance reminder on the simulated clock, printing every hop.
#
#   ./deploy/local/up.sh            stay in the foreground; Ctrl-C stops everything
#   ./deploy/local/up.sh --detach   return once every service answers its health check
#   ./deploy/local/up.sh --no-demo  start the stack without loading demo data
#   ./deploy/local/up.sh --no-build use the binaries in the build directory as they are (tests do this)
#   ./deploy/local/up.sh --fresh    delete the data of earlier runs first (it says what it deletes)
#   ./deploy/local/up.sh --keep-data  the default: keep the data of earlier runs (Redis: every
#                                   customer, reminder, message and survey; the simulated clock;
#                                   the gateway ledger; the national-ID key)
#   CARELOOP_RUN_DIR=DIR            keep run files (pids, logs, config, data) in DIR, not .run/
#   BUILD_DIR=DIR                   the build directory (default build/): absolute, or relative
#                                   to the project root; in or out of the checkout
#   CARELOOP_DEVBROKER_PARTITIONS=N partitions per topic (default 4); the dev broker keeps about
#                                   5 MB per partition, so a backlog of millions of events needs more
#
# The demo runs only when the stack starts on empty data (the first run, or --fresh); on kept
# data it ran before, and deploy/local/demo.sh runs it again. The dev broker keeps nothing: an
# event published but not yet consumed when the stack stopped is gone.
#
# deploy/local/down.sh stops what this started (and keeps the data unless told --delete-data).
# Endpoints and the demo tokens are written to deploy/local/.run/endpoints.env (careloopctl
# reads it).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUN="${CARELOOP_RUN_DIR:-$HERE/.run}"
export CARELOOP_RUN_DIR="$RUN"
source "$HERE/lib.sh"

DETACH=0
DEMO=1
BUILD=1
FRESH=0
KEEP_DATA=0
for arg in "$@"; do
  case "$arg" in
    --detach) DETACH=1 ;;
    --no-demo) DEMO=0 ;;
    --no-build) BUILD=0 ;;
    --fresh) FRESH=1 ;;
    --keep-data) KEEP_DATA=1 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done
if ((FRESH && KEEP_DATA)); then
  echo "--fresh deletes the data that --keep-data keeps: give one of them" >&2
  exit 2
fi

if [[ -f "$RUN/pids" ]]; then
  echo "==> a previous stack is still recorded in $RUN; stopping it first"
  "$HERE/down.sh"
fi

if ((BUILD)); then
  echo "==> checking dependencies"
  "$ROOT/scripts/install-deps.sh"
  echo "==> building (incremental)"
  "$ROOT/scripts/build.sh" careloop-customers careloop-reminders careloop-dispatch careloop-surveys \
    careloop-devbroker careloop-fake-gateway careloopctl
fi
BIN=$(build_dir "$ROOT")

if ((FRESH)); then
  delete_data "$RUN"
fi
mkdir -p "$RUN/logs" "$RUN/redis"
: > "$RUN/pids"
start() {  # start NAME COMMAND...: runs in the background, logs to .run/logs/NAME.log
  local name=$1
  shift
  # A session of its own: Ctrl-C reaches only this script, whose trap stops the stack in
  # order (services before the broker and Redis they need to shut down cleanly).
  setsid "$@" >"$RUN/logs/$name.log" 2>&1 < /dev/null &
  echo "$! $name" >> "$RUN/pids"
}

pick_port REDIS_PORT
echo "==> redis-server on 127.0.0.1:$REDIS_PORT (AOF on, data in $RUN/redis)"
start redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$RUN/redis" \
  --appendonly yes --save "" --protected-mode yes
wait_for_redis "$REDIS_PORT" 20
KEYS_KEPT=$(redis-cli -p "$REDIS_PORT" DBSIZE)
if ((KEYS_KEPT > 0)); then
  echo "==> data kept from the last run ($KEYS_KEPT Redis keys; up.sh --fresh starts empty)"
fi

echo "==> careloop-devbroker (in-memory Kafka protocol)"
rm -f "$RUN/bootstrap"
start devbroker "$BIN/tools/devbroker/careloop-devbroker" --partitions "${CARELOOP_DEVBROKER_PARTITIONS:-4}" --bootstrap-file "$RUN/bootstrap"
wait_for_file "$RUN/bootstrap" 20
KAFKA_BROKERS=$(cat "$RUN/bootstrap")

echo "==> fake SMS/WeChat gateway"
ALIYUN_KEY_ID="LTAI-demo-$(openssl rand -hex 4)"
ALIYUN_SECRET=$(openssl rand -hex 16)
WECHAT_SECRET=$(openssl rand -hex 16)
cat > "$RUN/gateway-credentials.yaml" <<YAML
aliyun: {access_key_id: "$ALIYUN_KEY_ID", access_key_secret: "$ALIYUN_SECRET"}
tencent: {secret_id: "AKID-demo", secret_key: "$(openssl rand -hex 16)", sdk_app_id: "1400000000"}
wechat: {appid: "wx-demo", secret: "$WECHAT_SECRET"}
YAML
cp "$HERE/gateway-templates.yaml" "$RUN/gateway-templates.yaml"
rm -f "$RUN/gateway.port"
start gateway "$BIN/tools/fake_gateway/careloop-fake-gateway" --listen 127.0.0.1:0 --port-file "$RUN/gateway.port" \
  --ledger "$RUN/gateway-ledger.jsonl" --credentials "$RUN/gateway-credentials.yaml" \
  --templates "$RUN/gateway-templates.yaml"
wait_for_file "$RUN/gateway.port" 20
GATEWAY_URL="http://127.0.0.1:$(cat "$RUN/gateway.port")"

ADMIN_TOKEN="demo-admin-$(openssl rand -hex 12)"
# One demo token per staff role of store S001, so each role's view can be tried.
MANAGER_TOKEN="demo-manager-$(openssl rand -hex 12)"
ADVISOR_TOKEN="demo-advisor-$(openssl rand -hex 12)"
CLERK_TOKEN="demo-clerk-$(openssl rand -hex 12)"
SERVICE_TOKEN="svc-$(openssl rand -hex 16)"
# The key that encrypts national ID numbers at rest lives as long as the data it protects.
NATIONAL_ID_KEY_FILE="$RUN/national-id.key"
if [[ ! -s "$NATIONAL_ID_KEY_FILE" ]]; then
  if ((KEYS_KEPT > 0)); then
    echo "warning: no $NATIONAL_ID_KEY_FILE for the kept data: a new key cannot read the ID numbers stored with the old one" >&2
  fi
  (umask 077 && openssl rand -hex 32 > "$NATIONAL_ID_KEY_FILE")
fi
pick_port CUSTOMERS_PORT; pick_port REMINDERS_PORT; pick_port DISPATCH_PORT; pick_port SURVEYS_PORT
pick_port RECEIPTS_PORT
pick_port CSI_PAGE_PORT
pick_port ANSWER_PAGE_PORT
RECEIPT_ALIYUN_TOKEN=$(openssl rand -hex 16)
RECEIPT_TENCENT_TOKEN=$(openssl rand -hex 16)
RECEIPT_WECHAT_TOKEN=$(openssl rand -hex 16)
pick_port METRICS_0; pick_port METRICS_1; pick_port METRICS_2; pick_port METRICS_3
METRICS_PORTS=("$METRICS_0" "$METRICS_1" "$METRICS_2" "$METRICS_3")
sed -e "s|@KAFKA_BROKERS@|$KAFKA_BROKERS|" -e "s|@REDIS_PORT@|$REDIS_PORT|" \
  -e "s|@ADMIN_SHA256@|$(sha256_hex "$ADMIN_TOKEN")|" -e "s|@SERVICE_SHA256@|$(sha256_hex "$SERVICE_TOKEN")|" \
  -e "s|@MANAGER_SHA256@|$(sha256_hex "$MANAGER_TOKEN")|" -e "s|@ADVISOR_SHA256@|$(sha256_hex "$ADVISOR_TOKEN")|" \
  -e "s|@CLERK_SHA256@|$(sha256_hex "$CLERK_TOKEN")|" \
  -e "s|@SERVICE_TOKEN@|$SERVICE_TOKEN|" -e "s|@NATIONAL_ID_KEY@|$(cat "$NATIONAL_ID_KEY_FILE")|" \
  -e "s|@CUSTOMERS_PORT@|$CUSTOMERS_PORT|g" -e "s|@REMINDERS_PORT@|$REMINDERS_PORT|" \
  -e "s|@DISPATCH_PORT@|$DISPATCH_PORT|" -e "s|@SURVEYS_PORT@|$SURVEYS_PORT|" \
  -e "s|@CUSTOMERS_METRICS@|${METRICS_PORTS[0]}|" -e "s|@REMINDERS_METRICS@|${METRICS_PORTS[1]}|" \
  -e "s|@DISPATCH_METRICS@|${METRICS_PORTS[2]}|" -e "s|@SURVEYS_METRICS@|${METRICS_PORTS[3]}|" \
  -e "s|@GATEWAY_URL@|$GATEWAY_URL|" -e "s|@ALIYUN_KEY_ID@|$ALIYUN_KEY_ID|" -e "s|@ALIYUN_SECRET@|$ALIYUN_SECRET|" \
  -e "s|@WECHAT_SECRET@|$WECHAT_SECRET|" -e "s|@RECEIPTS_PORT@|$RECEIPTS_PORT|" \
  -e "s|@RECEIPT_ALIYUN_TOKEN@|$RECEIPT_ALIYUN_TOKEN|" -e "s|@RECEIPT_TENCENT_TOKEN@|$RECEIPT_TENCENT_TOKEN|" \
  -e "s|@RECEIPT_WECHAT_TOKEN@|$RECEIPT_WECHAT_TOKEN|" -e "s|@CSI_PAGE_PORT@|$CSI_PAGE_PORT|" \
  -e "s|@ANSWER_PAGE_PORT@|$ANSWER_PAGE_PORT|g" \
  "$HERE/careloop.yaml.in" > "$RUN/careloop.yaml"
chmod 600 "$RUN/careloop.yaml" "$RUN/gateway-credentials.yaml"

cat > "$RUN/endpoints.env" <<ENV
KAFKA_BROKERS=$KAFKA_BROKERS
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
CUSTOMERS_ADDR=127.0.0.1:$CUSTOMERS_PORT
REMINDERS_ADDR=127.0.0.1:$REMINDERS_PORT
DISPATCH_ADDR=127.0.0.1:$DISPATCH_PORT
SURVEYS_ADDR=127.0.0.1:$SURVEYS_PORT
CSI_PAGE_URL=http://127.0.0.1:$CSI_PAGE_PORT/csi
ANSWER_PAGE_URL=http://127.0.0.1:$ANSWER_PAGE_PORT
CUSTOMERS_METRICS=http://127.0.0.1:${METRICS_PORTS[0]}/metrics
REMINDERS_METRICS=http://127.0.0.1:${METRICS_PORTS[1]}/metrics
DISPATCH_METRICS=http://127.0.0.1:${METRICS_PORTS[2]}/metrics
SURVEYS_METRICS=http://127.0.0.1:${METRICS_PORTS[3]}/metrics
GATEWAY_URL=$GATEWAY_URL
CARELOOP_TOKEN=$ADMIN_TOKEN
# Demo staff of store S001, to try each role: careloopctl --token "\$CARELOOP_CLERK_TOKEN" …
CARELOOP_MANAGER_TOKEN=$MANAGER_TOKEN
CARELOOP_ADVISOR_TOKEN=$ADVISOR_TOKEN
CARELOOP_CLERK_TOKEN=$CLERK_TOKEN
ENV
chmod 600 "$RUN/endpoints.env"

# Before the services start, on new data: put the shared simulated clock at 10:00 this morning
# (local), so timers and quiet hours behave the same on every run. Kept data keeps its clock
# (SET … NX): the services lived up to that time, and going back would replay it. The offset
# lives under the key common/clock/clock.h names (kSimulatedOffsetKey); afterwards only the
# services' ClockService changes it (careloopctl clock, admin token).
START_MS=$(date -d "$(TZ=Asia/Shanghai date +%Y-%m-%d)T10:00:00+08:00" +%s%3N)
redis-cli -p "$REDIS_PORT" SET cl:clock:offset_ms "$((START_MS - $(date +%s%3N)))" NX >/dev/null

for service in customers reminders dispatch surveys; do
  echo "==> careloop-$service"
  start "$service" "$BIN/services/$service/careloop-$service" --config "$RUN/careloop.yaml"
done
CTL=("$BIN/tools/careloopctl/careloopctl" --endpoints "$RUN/endpoints.env")
"${CTL[@]}" health --wait 60
# The gateway reports delivery the way the vendors do: a receipt pushed to dispatch's receipt
# endpoint just after each accepted send (docs/dispatch.md, "The fake gateway").
RECEIPTS_URL="http://127.0.0.1:$RECEIPTS_PORT/receipts"
jq -n --arg url "$RECEIPTS_URL" --arg aliyun "$RECEIPT_ALIYUN_TOKEN" --arg tencent "$RECEIPT_TENCENT_TOKEN" \
  --arg wechat "$RECEIPT_WECHAT_TOKEN" '{receipts: {mode: "on_time",
    aliyun_url: "\($url)/aliyun", tencent_url: "\($url)/tencent", wechat_url: "\($url)/wechat",
    aliyun_token: $aliyun, tencent_token: $tencent, wechat_token: $wechat}}' |
  curl -sf -X POST "$GATEWAY_URL/_control" --data-binary @- >/dev/null

echo
echo "CareLoop is up. Endpoints and the demo admin token: $RUN/endpoints.env"
echo "Logs: $RUN/logs/   Gateway ledger: $RUN/gateway-ledger.jsonl   Data: $RUN/redis"

if ((DEMO && KEYS_KEPT == 0)); then
  "$HERE/demo.sh"
else
  "${CTL[@]}" clock show
  if ((DEMO)); then
    echo "The demo ran on this data before; deploy/local/demo.sh runs it again (adding three customers)."
  fi
fi

if ((DETACH)); then
  echo "Detached. Stop with: deploy/local/down.sh"
  exit 0
fi
echo
echo "Running in the foreground; Ctrl-C stops the stack."
trap '"$HERE/down.sh"; exit 0' INT TERM
while true; do
  # Exit if a service dies, so a broken stack does not look alive.
  while read -r pid name; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "careloop: $name (pid $pid) exited; see $RUN/logs/$name.log" >&2
      "$HERE/down.sh"
      exit 1
    fi
  done < "$RUN/pids"
  sleep 1 &
  wait $!
done
