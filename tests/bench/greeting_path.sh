#!/usr/bin/env bash
# A holiday greeting to N customers (default 1,000,000) through the whole deployed path (issue 10
# item 10), beside raw produce+consume of N records through the same broker, same run.
#
#   tests/bench/greeting_path.sh BUILD_DIR [N]      (tests/bench/run.sh runs it for BENCH_PARTS=greeting)
#   GREETING_KEEP_RUN=1 keeps the run directory (logs, ledger, data) for a look afterwards;
#   GREETING_PERF=1 samples careloop-dispatch with perf while it sends and prints its hot spots;
#   GREETING_PARTITIONS (default 128) sets the dev broker's partitions per topic (see below).
#
# The path is the deployed one: deploy/local/up.sh starts the real processes (careloop-customers,
# -reminders, -dispatch, -surveys, careloop-fake-gateway, the dev broker, redis-server) on the
# embedded configuration, in a run directory of its own (as tests/e2e does), on the simulated
# clock. Everything below is driven through public interfaces only — careloopctl (gRPC), the
# services' /metrics, the gateway's ledger, the broker's topics — so the bench measures whatever
# dispatch does (single sends today, vendor batches once they land) without changes.
#
# 1. Setup, not measured: a redis-server on the run directory's data; N customers of S001 (a
#    mobile each, SMS consent as every new customer has) written by `careloop-bench-greeting
#    seed` through the customers service's own code, classified, their seeding events dropped;
#    the shared simulated clock put at 2027-09-14 10:00 (Shanghai), the eve of Mid-Autumn; the
#    data handed over (AOF) to the redis-server up.sh then starts on it ("data kept").
# 2. Baseline: raw librdkafka produce (idempotent, acks=all) + consume of N records with a
#    MessageSent's value and CloudEvents headers, through the stack's broker, before the run.
# 3. The run, clock started at `careloopctl campaign create`:
#    launch    the reminders service resolves the audience through SearchCustomers (pages of 500),
#              fixes it and schedules one greeting reminder each, due 2027-09-15 09:00;
#    fire      `careloopctl clock set 2027-09-15T09:00+08:00` (inside the store's allowed hours
#              and the campaign's 09:00-20:00 window); the timers worker fires every reminder;
#    dispatch  every ReminderDue: contact look-up, consent, quiet hours, caps, template render,
#              the send to the fake gateway (Aliyun), MessageSent;
#    timeline  the customers service records each MessageSent in the customer's timeline.
#    The clock stops when the customers service's consumer group has handled every event on the
#    dispatch topic (its careloop_events_handled_total{group="customers"} metric) once N
#    MessageSent are on it. Milestones come from the watcher (`careloop-bench-greeting watch`:
#    first/last record time of each event type on the reminder and dispatch topics) and from the
#    gateway's ledger (received_at of the first and last send); CPU seconds of each process over
#    the run come from /proc.
# 4. Checked afterwards: the gateway accepted N sends, and N customers' timelines show the
#    message sent (`careloop-bench-greeting verify`, through the customers service's
#    RedisContactLog). A shortfall fails the bench.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "$1" && pwd)
N=${2:-${GREETING_CUSTOMERS:-1000000}}
BENCH="$BUILD/tests/bench/careloop-bench-greeting"
source "$ROOT/deploy/local/lib.sh"
RUN=$(mktemp -d "${TMPDIR:-/tmp}/careloop-greeting.XXXXXX")
export CARELOOP_RUN_DIR="$RUN" BUILD_DIR="$BUILD"
WATCHER=""
SEED_REDIS=""
cleanup() {
  [[ -n "$WATCHER" ]] && kill "$WATCHER" 2>/dev/null
  [[ -n "$SEED_REDIS" ]] && kill "$SEED_REDIS" 2>/dev/null
  "$ROOT/deploy/local/down.sh" >/dev/null 2>&1 || true
  if [[ -n "${GREETING_KEEP_RUN:-}" ]]; then
    echo "  run directory kept: $RUN"
  else
    rm -rf "$RUN"
  fi
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  echo "  logs: $RUN/logs (GREETING_KEEP_RUN=1 keeps them)" >&2
  exit 1
}
now_ms() { date +%s%3N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }

SEND_EVE="2027-09-14T10:00:00+08:00"
SEND_AT="2027-09-15T09:00:00+08:00"

echo "  setup: seeding $N customers (not measured)"
mkdir -p "$RUN/redis" "$RUN/logs"
pick_port SEED_PORT
redis-server --bind 127.0.0.1 --port "$SEED_PORT" --dir "$RUN/redis" --appendonly no --save "" \
  >"$RUN/logs/seed-redis.log" 2>&1 </dev/null &
SEED_REDIS=$!
wait_for_redis "$SEED_PORT" 20
"$BENCH" seed --redis-port "$SEED_PORT" --customers "$N" --ids "$RUN/customer-ids" --now "2027-09-14T09:00:00+08:00" |
  sed 's/^/  setup: /'
# The deployment's simulated clock (common/clock/clock.h kSimulatedOffsetKey): the festival's eve.
redis-cli -p "$SEED_PORT" SET cl:clock:offset_ms "$(($(date -d "$SEND_EVE" +%s%3N) - $(now_ms)))" >/dev/null
# Hand the data over as up.sh's redis-server keeps it: append-only file, written in one rewrite.
redis-cli -p "$SEED_PORT" CONFIG SET appendonly yes >/dev/null
for _ in $(seq 1 6000); do
  info=$(redis-cli -p "$SEED_PORT" INFO persistence | tr -d '\r')
  if grep -q '^aof_enabled:1' <<<"$info" && grep -q '^aof_rewrite_in_progress:0' <<<"$info" &&
    grep -q '^aof_rewrite_scheduled:0' <<<"$info"; then
    break
  fi
  sleep 0.1
done
grep -q '^aof_last_bgrewrite_status:ok' <<<"$info" || fail "the seeded data was not written to the append-only file"
redis-cli -p "$SEED_PORT" SHUTDOWN >/dev/null 2>&1 || true
wait "$SEED_REDIS" 2>/dev/null || true
SEED_REDIS=""
(umask 077 && openssl rand -hex 32 >"$RUN/national-id.key")

# The dev broker keeps about 5 MB of each partition's log and drops what lies further back: with
# dispatch behind the timers by most of N ReminderDue, 4 partitions would lose events at ~50,000
# customers. More partitions keep more (128: ~640 MB a topic); the services do not care how many.
export CARELOOP_DEVBROKER_PARTITIONS=${GREETING_PARTITIONS:-128}
echo "  setup: starting the stack (deploy/local/up.sh --detach --no-demo --no-build; $CARELOOP_DEVBROKER_PARTITIONS partitions a topic)"
"$ROOT/deploy/local/up.sh" --detach --no-demo --no-build >"$RUN/logs/up.log" 2>&1 ||
  fail "the stack did not start: $(tail -5 "$RUN/logs/up.log")"
source "$RUN/endpoints.env"
# Every consumer group has its partitions before the clock starts (the dev broker settles a
# group in a few seconds): the run measures the path, not the services' start.
assigned() { grep -c '"msg":"kafka partitions assigned"' "$RUN/logs/$1.log" || true; }
for _ in $(seq 1 600); do
  (($(assigned customers) >= 1 && $(assigned reminders) >= 4 && $(assigned dispatch) >= 3)) && break
  sleep 0.1
done
CTL=("$BUILD/tools/careloopctl/careloopctl" --endpoints "$RUN/endpoints.env")
REDIS_PORT=${REDIS_URL##*:}
REDIS_PORT=${REDIS_PORT%%/*}
echo "  setup: services' clock $("${CTL[@]}" clock show --json | jq -r .local)"

echo "  baseline: raw produce + consume of $N MessageSent-sized records through the same broker"
baseline=$("$BENCH" baseline --brokers "$KAFKA_BROKERS" --records "$N")
baseline_s=$(jq -r .consumed_s <<<"$baseline")
echo "  baseline: $(jq -r '"\(.records) records of \(.record_bytes) bytes produced in \(.produced_s)s, all consumed by \(.consumed_s)s"' <<<"$baseline")"

cpu_seconds() {  # "name seconds" of every process up.sh started
  local ticks
  ticks=$(getconf CLK_TCK)
  while read -r pid name; do
    awk -v n="$name" -v t="$ticks" '{ sub(/^.*\) /, ""); printf "%s %.1f\n", n, ($12 + $13) / t }' "/proc/$pid/stat"
  done <"$RUN/pids"
}
redis_commands() {  # "command calls usec" from the stack's redis-server
  redis-cli -p "$REDIS_PORT" INFO commandstats | tr -d '\r' |
    sed -n 's/^cmdstat_\([^:]*\):calls=\([0-9]*\),usec=\([0-9]*\),.*/\1 \2 \3/p'
}
rpc_calls() {  # "service method calls" served, from each service's careloop_rpc_total
  local service url
  for service in customers reminders dispatch surveys; do
    url=${service^^}_METRICS
    curl -fsS "${!url}" | awk -v s="$service" '/^careloop_rpc_total\{/ {
      match($0, /method="[^"]*"/); m = substr($0, RSTART + 8, RLENGTH - 9); c[m] += $NF }
      END { for (m in c) print s, m, c[m] }'
  done
}
handled_by_customers() {
  curl -fsS "$CUSTOMERS_METRICS" | awk '/^careloop_events_handled_total\{group="customers"\}/ { print $2 }'
}

"$BENCH" watch --brokers "$KAFKA_BROKERS" --sent "$N" --timeout "${GREETING_TIMEOUT_S:-14400}" >"$RUN/watch.json" &
WATCHER=$!
cpu_seconds >"$RUN/cpu-before"
redis_commands >"$RUN/redis-before"
# Every Redis command slower than 100 us is logged, to say which ones the time goes to.
redis-cli -p "$REDIS_PORT" CONFIG SET slowlog-log-slower-than 100 >/dev/null
redis-cli -p "$REDIS_PORT" CONFIG SET slowlog-max-len 200000 >/dev/null
redis-cli -p "$REDIS_PORT" SLOWLOG RESET >/dev/null
rpc_calls >"$RUN/rpc-before"
echo "  run: campaign create (clock starts)"
t0=$(now_ms)
campaign=$("${CTL[@]}" campaign create --store S001 --kind holiday_greeting --holiday mid_autumn --year 2027 \
  --display-name "2027 中秋问候" --request-id "bench-greeting" --json | jq -r .campaign_id)
while :; do
  state=$("${CTL[@]}" campaign get "$campaign" --json | jq -r '"\(.status) \(.audience)"')
  [[ "$state" == "launched $N" ]] && break
  [[ "$state" == launched* ]] && fail "campaign launched with audience ${state#launched } instead of $N"
  sleep 0.1
done
t_launched=$(now_ms)
echo "  run: launched, audience $N ($(secs "$t0" "$t_launched")s); clock set to $SEND_AT"
"${CTL[@]}" clock set "$SEND_AT" >/dev/null
t_clock=$(now_ms)
PERF=""
if [[ -n "${GREETING_PERF:-}" ]]; then  # where dispatch's CPU goes while it sends
  perf record -F 499 -o "$RUN/dispatch.perf" -p "$(awk '$2 == "dispatch" { print $1 }' "$RUN/pids")" \
    >"$RUN/logs/perf.log" 2>&1 &
  PERF=$!
fi
# A consumer group further behind than the broker keeps loses events (its offset is reset): the
# greetings in them would never go, so the bench stops at once.
while kill -0 "$WATCHER" 2>/dev/null; do
  if dropped=$(grep -l "Offset out of range" "$RUN"/logs/{customers,reminders,dispatch,surveys}.log); then
    fail "the dev broker dropped events not yet read by $(basename -a $dropped | tr '\n' ' ')(GREETING_PARTITIONS raises what it keeps)"
  fi
  sleep 0.5
done
wait "$WATCHER" || fail "not every greeting was sent: $(cat "$RUN/watch.json")"
WATCHER=""
if [[ -n "$PERF" ]]; then
  kill -INT "$PERF" && wait "$PERF" || true
fi
dispatch_records=$(jq -r .dispatch_records "$RUN/watch.json")
timeline_deadline=$(($(now_ms) + 600000))
while :; do
  handled=$(handled_by_customers)
  ((${handled:-0} >= dispatch_records)) && break
  (($(now_ms) < timeline_deadline)) ||
    fail "the customers service handled ${handled:-0} of $dispatch_records dispatch events within 10 minutes"
  sleep 0.1
done
t_end=$(now_ms)
cpu_seconds >"$RUN/cpu-after"
redis_commands >"$RUN/redis-after"
redis-cli -p "$REDIS_PORT" --json SLOWLOG GET 200000 >"$RUN/slowlog.json"
rpc_calls >"$RUN/rpc-after"
echo "  run: customers handled all $dispatch_records dispatch events ($(secs "$t0" "$t_end")s)"

# Checks: what the gateway accepted, and what the timelines show.
ledger="$RUN/gateway-ledger.jsonl"
accepted=$(wc -l <"$ledger")
gw_first=$(head -1 "$ledger" | jq -r .received_at)
gw_last=$(tail -1 "$ledger" | jq -r .received_at)
verify=$("$BENCH" verify --redis-port "$REDIS_PORT" --ids "$RUN/customer-ids")
timelines=$(jq -r .with_message_sent <<<"$verify")
progress=$("${CTL[@]}" campaign get "$campaign" --json | jq -c '{audience, due, sent, suppressed, failed}')

ms_of() { date -d "$1" +%s%3N; }
event() {  # event TOPIC TYPE first|last|count
  jq -r --arg t "$1" --arg e "$2" --arg f "$3" '.topics[$t][$e][if $f == "count" then "count" else "\($f)_ms" end] // 0' \
    "$RUN/watch.json"
}
R=careloop.reminder.v1
D=careloop.dispatch.v1
due_first=$(event $R careloop.reminder.v1.ReminderDue first)
due_last=$(event $R careloop.reminder.v1.ReminderDue last)
sched_last=$(event $R careloop.reminder.v1.ReminderScheduled last)
sent_first=$(event $D careloop.dispatch.v1.MessageSent first)
sent_last=$(event $D careloop.dispatch.v1.MessageSent last)
total_s=$(secs "$t0" "$t_end")
rate() { awk -v n="$N" -v a="$1" -v b="$2" 'BEGIN { d = (b - a) / 1000; printf "%.0f", (d > 0 ? n / d : 0) }'; }
echo "  events seen: $(jq -c '[.topics[] | to_entries[] | "\(.key | sub("careloop\\.";"") | sub("\\.v1";"")) \(.value.count)"]' "$RUN/watch.json")"
echo "  stage (seconds from campaign create)              at      took    per second"
printf '  %-48s %6s  %6s  %8s\n' \
  "launch: audience fixed, $N reminders scheduled" "$(secs "$t0" "$t_launched")" "$(secs "$t0" "$t_launched")" \
  "$(rate "$t0" "$t_launched")" \
  "  ... last ReminderScheduled published" "$(secs "$t0" "$sched_last")" "" "" \
  "fire: clock set to the festival 09:00" "$(secs "$t0" "$t_clock")" "" "" \
  "  ... first / last ReminderDue published" "$(secs "$t0" "$due_last")" "$(secs "$t_clock" "$due_last")" \
  "$(rate "$t_clock" "$due_last")" \
  "gateway: first send accepted" "$(secs "$t0" "$(ms_of "$gw_first")")" "" "" \
  "gateway: last send accepted" "$(secs "$t0" "$(ms_of "$gw_last")")" \
  "$(secs "$(ms_of "$gw_first")" "$(ms_of "$gw_last")")" "$(rate "$(ms_of "$gw_first")" "$(ms_of "$gw_last")")" \
  "dispatch: first ReminderDue -> last MessageSent" "$(secs "$t0" "$sent_last")" "$(secs "$due_first" "$sent_last")" \
  "$(rate "$due_first" "$sent_last")" \
  "timeline: customers recorded every MessageSent" "$(secs "$t0" "$t_end")" "$(secs "$sent_last" "$t_end")" ""
echo "  (first ReminderDue at $(secs "$t0" "$due_first")s, first MessageSent at $(secs "$t0" "$sent_first")s)"
echo "  CPU seconds over the run: $(join -j1 <(sort "$RUN/cpu-before") <(sort "$RUN/cpu-after") |
  awk '{ printf "%s %.1f  ", $1, $3 - $2 }')"
awk -v n="$N" 'NR == FNR { calls[$1] = $2; usec[$1] = $3; next }
  { d = $2 - calls[$1]; u = $3 - usec[$1]; total += d; time += u; if (d > 0) { line[$1] = d; spent[$1] = u } }
  END { printf "  Redis over the run: %.1f commands and %.0f us of command time per greeting; per greeting", total / n, time / n
        printf " (command calls/us):"
        for (c in line) if (line[c] / n >= 0.05) printf " %s %.2f/%.0f", c, line[c] / n, spent[c] / n; printf "\n" }' \
  "$RUN/redis-before" "$RUN/redis-after"
# Slow commands by kind: the command (a script by its sha) and its first key with ids as "*".
echo "  Redis commands over 100 us, by kind (count, total seconds, mean us; top 8):"
jq -r --slurp '.[0] | group_by(.[3] | [(.[0] | ascii_upcase), (if (.[0] | ascii_upcase) == "EVALSHA" then "\(.[1][0:8]) \(.[3] // "")" else (.[1] // "") end)]
         | map(gsub("[0-9a-f]{16,}"; "*") | gsub("[0-9]{3,}"; "*")) | join(" "))
       | map({kind: (.[0][3] | [(.[0] | ascii_upcase), (if (.[0] | ascii_upcase) == "EVALSHA" then "\(.[1][0:8]) \(.[3] // "")" else (.[1] // "") end)]
               | map(gsub("[0-9a-f]{16,}"; "*") | gsub("[0-9]{3,}"; "*")) | join(" ")),
              count: length, us: (map(.[2]) | add)})
       | sort_by(-.us) | .[:8][] | "    \(.kind | .[0:90])  \(.count)  \(.us / 1e6 * 100 | round / 100)s  \(.us / .count | round)us"' \
  "$RUN/slowlog.json"
awk -v n="$N" 'NR == FNR { before[$1 " " $2] = $3; next }
  { d = $3 - before[$1 " " $2]; if (d > 0) printf "  gRPC served by %s: %s %d (%.2f per greeting)\n", $1, $2, d, d / n }' \
  "$RUN/rpc-before" "$RUN/rpc-after"
if [[ -n "$PERF" ]]; then
  echo "  dispatch CPU by shared object and symbol (perf, while sending; top 25):"
  perf report -i "$RUN/dispatch.perf" --stdio --no-children --sort dso,sym >"$RUN/dispatch-perf.txt" 2>/dev/null || true
  awk '!/^#/ && NF { if (++n <= 25) print "    " substr($0, 1, 150) }' "$RUN/dispatch-perf.txt"
fi
echo "  checks: gateway accepted $accepted sends; $timelines of $N timelines show the message sent; campaign $progress"

((timelines == N)) || fail "$timelines timelines show the message sent, not $N"
echo "RESULT customers=$N baseline_s=$baseline_s careloop_s=$total_s ratio=$(awk -v a="$total_s" -v b="$baseline_s" \
  'BEGIN { printf "%.1f", a / b }')"
