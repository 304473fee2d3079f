#!/usr/bin/env bash
# End to end with the real processes: the local stack keeps its data. A second up.sh finds the
# customer (with the ID number still readable: same key) and the simulated clock where the
# first run left them; up.sh --fresh says what it deletes and starts empty; down.sh keeps the
# data unless told --delete-data. Usage: keep_data.sh BUILD_DIR
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "$1" && pwd)
export BUILD_DIR=$BUILD
export CARELOOP_RUN_DIR="$BUILD/e2e-keep-data-run"
RUN=$CARELOOP_RUN_DIR
rm -rf "$RUN"
trap '"$ROOT/deploy/local/down.sh" >/dev/null 2>&1 || true' EXIT
CTL=("$BUILD/tools/careloopctl/careloopctl" --endpoints "$RUN/endpoints.env")
ctl() { "${CTL[@]}" "$@"; }
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
up() {  # up LOG [OPTIONS...]: starts the stack detached, without demo or build
  local log=$1
  shift
  "$ROOT/deploy/local/up.sh" --detach --no-demo --no-build "$@" >"$log" 2>&1 || {
    cat "$log"
    fail "up.sh $* failed"
  }
}

echo "step: conflicting options are refused"
set +e
"$ROOT/deploy/local/up.sh" --fresh --keep-data --no-build >/dev/null 2>&1
rc=$?
set -e
((rc == 2)) || fail "--fresh --keep-data exited $rc, expected 2"

echo "step: first run — a customer with an ID number, and the clock moved on"
up "$BUILD/e2e-keep-data-up1.log"
cid=$(ctl customer create --store S001 --name 王小明 --mobile 13912345678 --gender male --json | jq -r .customer_id)
[[ "$cid" == cus-* ]] || fail "no customer id"
ctl customers update "$cid" --national-id 11010519491231002X >/dev/null
ctl clock advance 40d >/dev/null
moved=$(ctl clock show --json | jq -r .utc)

echo "step: second run (up.sh again, the first stack still up) keeps both"
up "$BUILD/e2e-keep-data-up2.log"
grep -q "data kept from the last run" "$BUILD/e2e-keep-data-up2.log" || fail "up.sh did not say the data was kept"
got=$(ctl customer get "$cid" --json) || fail "the customer is gone after the second up.sh"
[[ $(jq -r .name <<<"$got") == 王小明 ]] || fail "wrong customer: $got"
[[ $(jq -r .national_id <<<"$got") == 11010519491231002X ]] || fail "the ID number is no longer readable: $got"
now=$(ctl clock show --json | jq -r .utc)
[[ "$now" > "$moved" || "$now" == "$moved" ]] || fail "the clock went back from $moved to $now"

echo "step: down.sh keeps the data; --keep-data is the default, and harmless"
"$ROOT/deploy/local/down.sh" >/dev/null
[[ -n "$(ls -A "$RUN/redis")" ]] || fail "down.sh deleted the Redis data"
up "$BUILD/e2e-keep-data-up3.log" --keep-data
ctl customer get "$cid" >/dev/null || fail "the customer is gone after down.sh and up.sh --keep-data"

echo "step: up.sh --fresh says what it deletes and starts empty"
up "$BUILD/e2e-keep-data-up4.log" --fresh
grep -q "deleting the data of earlier runs" "$BUILD/e2e-keep-data-up4.log" || fail "--fresh did not say what it deletes"
grep -q "every customer" "$BUILD/e2e-keep-data-up4.log" || fail "--fresh did not say it deletes the customers"
set +e
gone=$(ctl customer get "$cid" 2>&1)
rc=$?
set -e
((rc != 0)) && grep -q NOT_FOUND <<<"$gone" || fail "the customer survived --fresh: $gone"

echo "step: down.sh --delete-data deletes, saying what"
"$ROOT/deploy/local/down.sh" --delete-data >"$BUILD/e2e-keep-data-down.log"
grep -q "deleting the data of earlier runs" "$BUILD/e2e-keep-data-down.log" || fail "down.sh --delete-data did not say so"
[[ ! -e "$RUN/redis" && ! -e "$RUN/national-id.key" ]] || fail "down.sh --delete-data left data behind"

echo "PASS: keep data"
