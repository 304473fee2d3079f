#!/usr/bin/env bash
# End to end with the real processes: the information clerk imports last month's deliveries
# (a GBK export from Excel with a duplicate person, a repeated line and bad rows), then the
# visits; a second run of the same files changes nothing. Usage: import_path.sh BUILD_DIR
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "$1" && pwd)
export BUILD_DIR=$BUILD
export CARELOOP_RUN_DIR="$BUILD/e2e-import-run"
DATA="$ROOT/tests/e2e/data"
rm -rf "$CARELOOP_RUN_DIR"
trap '"$ROOT/deploy/local/down.sh" >/dev/null 2>&1 || true' EXIT
"$ROOT/deploy/local/up.sh" --detach --no-demo --no-build >"$BUILD/e2e-import-up.log" 2>&1 || {
  cat "$BUILD/e2e-import-up.log"
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

source "$CARELOOP_RUN_DIR/endpoints.env"
echo "step: roles from endpoints.env — an advisor may not import, the store's clerk may"
set +e
denied=$(ctl --token "$CARELOOP_ADVISOR_TOKEN" import deliveries "$DATA/deliveries_gbk.csv" --store S001 2>&1)
denied_rc=$?
set -e
((denied_rc != 0)) || fail "an advisor's import was accepted"
grep -qi "permission" <<<"$denied" || fail "the advisor's refusal does not say why: $denied"

echo "step: import the GBK deliveries export"
set +e
report=$(ctl --token "$CARELOOP_CLERK_TOKEN" import deliveries "$DATA/deliveries_gbk.csv" --store S001 --json)
rc=$?
set -e
expect "exit code with rejected lines" "$rc" 3
expect created "$(jq -r '.rows_created' <<<"$report")" 2
expect merged "$(jq -r '.rows_merged' <<<"$report")" 1
expect unchanged "$(jq -r '.rows_unchanged' <<<"$report")" 1
expect rejected "$(jq -r '.rows_rejected' <<<"$report")" 4
expect "rejected lines and fields" \
  "$(jq -c '[.lines[] | select(.outcome == "IMPORT_LINE_OUTCOME_REJECTED") | [.line_number, .violations[0].field]]' <<<"$report")" \
  '[[6,"mobile"],[7,"vin"],[8,"delivery_date"],[9,"csv"]]'
expect "created lines, listed with what they made" \
  "$(jq -c '[.lines[] | select(.outcome == "IMPORT_LINE_OUTCOME_CREATED") | [.line_number, (.customer_id | startswith("cus-")), (.vehicle_id | startswith("veh-"))]]' <<<"$report")" \
  '[[2,true,true],[3,true,true]]'
expect "columns the import does not read" "$(jq -c '.ignored_columns' <<<"$report")" '["备注"]'
summary=$(ctl import deliveries "$DATA/deliveries_gbk.csv" --store S001 || true)
grep -q "^ignored columns: 备注 " <<<"$summary" || fail "the summary does not name the ignored column: $summary"
grep -q "^line 2: unchanged — customer cus-" <<<"$summary" || fail "the summary does not list every line: $summary"

echo "step: the same person from two lines is one customer with two cars, with gender, birthday and region"
wang=$(ctl customer find --mobile "+86 139-1234-5678" --json | jq '.customers[0]')
expect "cars of 王小明" "$(jq '.vehicles | length' <<<"$wang")" 2
expect "gender of 王小明" "$(jq -r '.gender' <<<"$wang")" GENDER_MALE
expect "birthday of 王小明" "$(jq -c '.birthday' <<<"$wang")" '{"year":1985,"month":3,"day":7}'
expect "district of 王小明" "$(jq -r '.address.region.district' <<<"$wang")" 朝阳区
found=$(ctl customers search --city 北京市 --json | jq '.customers | length')
expect "customers found by city" "$found" 2

echo "step: a second run of the same file changes nothing"
set +e
again=$(ctl import deliveries "$DATA/deliveries_gbk.csv" --store S001 --json)
set -e
expect "created on re-import" "$(jq -r '.rows_created' <<<"$again")" 0
expect "merged on re-import" "$(jq -r '.rows_merged' <<<"$again")" 0
expect "unchanged on re-import" "$(jq -r '.rows_unchanged' <<<"$again")" 4

echo "step: the visits export (UTF-8)"
set +e
visits=$(ctl import visits "$DATA/visits_utf8.csv" --store S001 --json)
set -e
expect "visits created" "$(jq -r '.rows_created' <<<"$visits")" 1
expect "visits unchanged" "$(jq -r '.rows_unchanged' <<<"$visits")" 1
expect "visits rejected" "$(jq -r '.rows_rejected' <<<"$visits")" 2

echo "step: the insurance export (UTF-8): two policies, one repeated line, three bad lines"
set +e
policies=$(ctl import policies "$DATA/policies_utf8.csv" --store S001 --json)
set -e
expect "policies created" "$(jq -r '.rows_created' <<<"$policies")" 2
expect "policies unchanged" "$(jq -r '.rows_unchanged' <<<"$policies")" 1
expect "policies rejected" "$(jq -r '.rows_rejected' <<<"$policies")" 3
expect "rejected policy lines and fields" \
  "$(jq -c '[.lines[] | select(.outcome == "IMPORT_LINE_OUTCOME_REJECTED") | [.line_number, .violations[0].field]]' <<<"$policies")" \
  '[[5,"policy_number"],[6,"vin"],[7,"policy_end"]]'
owner=$(ctl customer find --vin LSVAM4186R2184847 --json | jq -r '.customers[0].customer_id')
expect "policies on the timeline" \
  "$(ctl customers timeline "$owner" --json | jq '[.entries[] | select(.kind == "TIMELINE_ENTRY_KIND_INSURANCE_POLICY")] | length')" 2
again=$(ctl import policies "$DATA/policies_utf8.csv" --store S001 --json || true)
expect "policies unchanged on re-import" "$(jq -r '.rows_unchanged' <<<"$again")" 3

echo "step: a plate belongs to one active car; a car that changed owner is added as a transfer"
wang_id=$(jq -r .customer_id <<<"$wang")
li=$(ctl customer find --mobile 13700001111 --json | jq -r '.customers[0].customer_id')
add_wangs_car=(vehicle add --customer "$li" --vin LSVAM4186R2184847 --plate 京A36925 --model 星途瑶光 --delivered 2026-09-03)
set +e
clash=$(ctl "${add_wangs_car[@]}" 2>&1)
clash_rc=$?
set -e
expect "exit code of a plate on another active car" "$clash_rc" 1
grep -q "ALREADY_EXISTS: plate: .*$wang_id" <<<"$clash" || fail "the refusal does not name the holder: $clash"
ctl "${add_wangs_car[@]}" --transfer >/dev/null
expect "the seller's car" \
  "$(ctl customer get "$wang_id" --json | jq -r '.vehicles[] | select(.vin == "LSVAM4186R2184847") | .status')" \
  VEHICLE_STATUS_TRANSFERRED
expect "the plate finds the buyer" "$(ctl customer find --plate 京a36925 --json | jq -r '.customers[0].customer_id')" "$li"

echo "PASS: import path"
