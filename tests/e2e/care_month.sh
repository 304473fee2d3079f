#!/usr/bin/env bash
# End to end with the real processes, one simulated month of care for 200 imported customers:
# the clerk imports the deliveries and insurance exports on 2027-08-25; the store greets its
# high-value customers for Mid-Autumn (2027-09-15) with a campaign; birthday greetings and
# insurance renewal reminders go out by themselves. The clock then moves from event to event
# (the next reminder due or the next deferred message) up to 2027-09-25, waiting each time for
# what fell due to be handled. Then every customer's messages are checked against what the rules
# say: the greeting to each high-value customer once, on the festival, inside the send window;
# each birthday in the month greeted once on the day; each renewal lead time inside the month
# reminded once on its day; nothing at night. Usage: care_month.sh BUILD_DIR
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "$1" && pwd)
export BUILD_DIR=$BUILD
export CARELOOP_RUN_DIR="$BUILD/e2e-care-month-run"
DATA="$BUILD/e2e-care-month-data"
SNAP="$DATA/snapshot"
rm -rf "$CARELOOP_RUN_DIR" "$DATA"
mkdir -p "$SNAP"
"$ROOT/tests/e2e/data/care_month_data.sh" "$DATA"
trap '"$ROOT/deploy/local/down.sh" >/dev/null 2>&1 || true' EXIT
"$ROOT/deploy/local/up.sh" --detach --no-demo --no-build >"$BUILD/e2e-care-month-up.log" 2>&1 || {
  cat "$BUILD/e2e-care-month-up.log"
  exit 1
}
CTL=("$BUILD/tools/careloopctl/careloopctl" --endpoints "$CARELOOP_RUN_DIR/endpoints.env")
ctl() { "${CTL[@]}" "$@"; }
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
expect() {  # expect LABEL ACTUAL EXPECTED
  [[ "$2" == "$3" ]] || fail "$1: got '$2', expected '$3'"
}
# Waits (up to 60 s) until COMMAND... prints exactly WANT.
wait_until() {
  local want=$1 got
  shift
  for _ in $(seq 1 600); do
    got=$("$@")
    [[ "$got" == "$want" ]] && return 0
    sleep 0.1
  done
  fail "waited for '$*' to print '$want'; last: '$got'"
}

START="2027-08-25T08:00:00+08:00"
END="2027-09-25T08:00:00+08:00"
end_epoch=$(date -d "$END" +%s)

echo "step: the clock is set to $START and the clerk imports 200 deliveries and 40 policies"
ctl clock set "$START" >/dev/null
report=$(ctl import deliveries "$DATA/deliveries.csv" --store S001 --json)
expect "customers created" "$(jq -r '.rows_created' <<<"$report")" 200
report=$(ctl import policies "$DATA/policies.csv" --store S001 --json)
expect "policies created" "$(jq -r '.rows_created' <<<"$report")" 40

echo "step: the imports' care is planned: a birthday greeting for each of the 200, renewals for the 40 policies"
# Greetings and renewals are planned from the customers service's events, apart from the import's
# answer: the month may only start once they are there.
planned() {  # planned KIND: how many customers have a reminder of KIND due in the coming year
  ctl reminder list --store S001 --due "2027-08-25..2028-08-25" --json |
    jq --arg kind "REMINDER_KIND_$1" '[.[] | select(.kind == $kind) | .customer_id] | unique | length'
}
wait_until 200 planned BIRTHDAY
wait_until 40 planned INSURANCE_RENEWAL

echo "step: every tenth customer is an opinion leader (意见领袖), so high value"
declare -A id_of_mobile
for i in $(seq 10 10 200); do
  mobile=$(printf '1391000%04d' "$i")
  id=$(ctl customer find --mobile "$mobile" --json | jq -r '.customers[0].customer_id')
  id_of_mobile[$mobile]=$id
  ctl customer flags "$id" --opinion-leader true >/dev/null
done
high_value=$(printf '%s\n' "${id_of_mobile[@]}" | sort)
high_count() { ctl customers search --store S001 --tier high --json | jq '.customers | length'; }
wait_until 20 high_count

echo "step: a Mid-Autumn greeting campaign to the high-value segment, 09:00-20:00"
campaign=$(ctl campaign create --store S001 --kind holiday_greeting --holiday mid_autumn --year 2027 \
  --tier high --display-name "2027 中秋问候" --window 09:00-20:00 --json | jq -r .campaign_id)
launched() { ctl campaign get "$campaign" --json | jq -r '"\(.status) \(.audience)"'; }
wait_until "launched 20" launched

# Epoch seconds of an RFC 3339 time as the JSON mapping writes it (UTC, maybe with a fraction).
to_epoch='sub("\\.[0-9]+Z$"; "Z") | fromdate'
now_epoch() { date -d "$(ctl clock show --json | jq -r .utc)" +%s; }
snapshot() {
  local today
  today=$(ctl clock show --json | jq -r .local_date)
  ctl reminder list --store S001 --due "$(date -d "$today -1 day" +%F)..2027-10-31" --json >"$SNAP/reminders.json"
  ctl message list --store S001 --json >"$SNAP/messages.json"
}
# Whether everything due by NOW has been handled: no reminder still scheduled at or before it,
# every fired reminder in the ledger, no message queued or deferred to a moment already here.
settled() {
  local now=$1
  jq -n --argjson now "$now" --slurpfile r "$SNAP/reminders.json" --slurpfile m "$SNAP/messages.json" "
    ([\$r[0][] | select(.status == \"REMINDER_STATUS_SCHEDULED\" and ((.due_at | $to_epoch) <= \$now))] | length) == 0
    and ([\$r[0][] | select(.fired_at != null) | .reminder_id] - [\$m[0][] | .reminder_id] | length) == 0
    and ([\$m[0][] | select(.status == \"MESSAGE_STATUS_QUEUED\" or
           (.status == \"MESSAGE_STATUS_DEFERRED\" and ((.not_before | $to_epoch) <= \$now)))] | length) == 0"
}
# The next moment something falls due after NOW: a scheduled reminder or a deferred message.
next_moment() {
  local now=$1
  jq -n --argjson now "$now" --slurpfile r "$SNAP/reminders.json" --slurpfile m "$SNAP/messages.json" "
    [(\$r[0][] | select(.status == \"REMINDER_STATUS_SCHEDULED\") | .due_at | $to_epoch),
     (\$m[0][] | select(.status == \"MESSAGE_STATUS_DEFERRED\") | .not_before | $to_epoch)]
    | map(select(. > \$now)) | min // empty"
}

echo "step: the month goes by, from one due moment to the next"
stops=0
while :; do
  now=$(now_epoch)
  for attempt in $(seq 1 600); do
    snapshot
    [[ "$(settled "$now")" == true ]] && break
    ((attempt < 600)) || fail "nothing settled at $(date -u -d "@$now" +%FT%TZ)"
    sleep 0.1
  done
  next=$(next_moment "$now")
  if [[ -z "$next" || "$next" -gt "$end_epoch" ]]; then
    break
  fi
  ctl clock set "$(date -u -d "@$next" +%FT%TZ)" >/dev/null
  stops=$((stops + 1))
done
ctl clock set "$END" >/dev/null
echo "  $stops stops"

sent=$(jq '[.[] | select(.status == "MESSAGE_STATUS_SENT" or .status == "MESSAGE_STATUS_DELIVERED")]' "$SNAP/messages.json")
# "customer local-date local-time" of every sent message of KIND, sorted.
sent_of() {
  jq -r --arg kind "REMINDER_KIND_$1" '.[] | select(.reminder_kind == $kind) | "\(.customer_id) \(.sent_at)"' <<<"$sent" |
    while read -r customer at; do
      echo "$customer $(TZ=Asia/Shanghai date -d "$at" '+%F %H:%M')"
    done | sort
}

echo "step: nothing went out at night (21:00-08:00 store time)"
night=$(jq -r '.[].sent_at' <<<"$sent" | while read -r at; do TZ=Asia/Shanghai date -d "$at" +%H; done |
  awk '$1 < 8 || $1 >= 21' | wc -l)
expect "messages sent at night" "$night" 0

echo "step: the Mid-Autumn greeting reached each high-value customer once, on 2027-09-15, 09:00-20:00"
greetings=$(sent_of HOLIDAY_GREETING)
expect "greeted customers" "$(cut -d' ' -f1 <<<"$greetings")" "$high_value"
expect "greeting days" "$(cut -d' ' -f2 <<<"$greetings" | sort -u)" 2027-09-15
bad_times=$(cut -d' ' -f3 <<<"$greetings" | awk '$1 < "09:00" || $1 > "20:00"' | wc -l)
expect "greetings outside 09:00-20:00" "$bad_times" 0
expect "campaign progress" "$(ctl campaign get "$campaign" --json | jq -c '[.audience, .sent]')" "[20,20]"

echo "step: each birthday from 08-25 to 09-24 was greeted once, on the day"
expected_birthdays=$(tail -n +2 "$DATA/deliveries.csv" | while IFS=, read -r _ mobile _ _ _ _ _ _ _ birthday _; do
  md=${birthday:5:5}
  if [[ "$md" > "08-24" && "$md" < "09-25" ]]; then
    id=$(ctl customer find --mobile "$mobile" --json | jq -r '.customers[0].customer_id')
    echo "$id 2027-$md"
  fi
done | sort)
[[ -n "$expected_birthdays" ]] || fail "the data has no birthday in the month"
expect "birthday greetings (customer, day)" "$(sent_of BIRTHDAY | cut -d' ' -f1,2)" "$expected_birthdays"

echo "step: each renewal lead time (30, 15, 7 days) inside the month was reminded once, on its day"
expected_renewals=$(tail -n +2 "$DATA/policies.csv" | while IFS=, read -r vin _ _ _ _ end _; do
  id=$(ctl customer find --vin "$vin" --json | jq -r '.customers[0].customer_id')
  for lead in 30 15 7; do
    day=$(date -d "$end -$lead days" +%F)
    if [[ "$day" > "2027-08-24" && "$day" < "2027-09-25" ]]; then
      echo "$id $day"
    fi
  done
done | sort)
[[ -n "$expected_renewals" ]] || fail "the data has no renewal lead time in the month"
expect "renewal reminders (customer, day)" "$(sent_of INSURANCE_RENEWAL | cut -d' ' -f1,2)" "$expected_renewals"

echo "step: nothing was sent twice"
dupes=$(jq -r '.[] | "\(.reminder_id) \(.occurrence // 1)"' <<<"$sent" | sort | uniq -d | wc -l)
expect "reminder firings with two messages" "$dupes" 0

echo "PASS: care month ($(jq length <<<"$sent") messages sent)"
