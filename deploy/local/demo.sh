#!/usr/bin/env bash
# Loads a small demo dataset into a running local stack and lives through the first
# maintenance reminder on the simulated clock, printing every hop. Run by up.sh; safe to run
# again (each run adds new customers with fresh mobile numbers).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUN="${CARELOOP_RUN_DIR:-$HERE/.run}"
source "$HERE/lib.sh"
source "$RUN/endpoints.env"
CTL=("$(build_dir "$ROOT")/tools/careloopctl/careloopctl" --endpoints "$RUN/endpoints.env")
ctl() { "${CTL[@]}" "$@"; }

# Waits (polling, with a deadline) until COMMAND prints something matching PATTERN.
wait_for() {
  local pattern=$1 deadline=$((SECONDS + 30))
  shift
  until "$@" 2>/dev/null | grep -q -- "$pattern"; do
    if ((SECONDS >= deadline)); then
      echo "timed out waiting for '$pattern' from: $*" >&2
      return 1
    fi
    sleep 0.2
  done
}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
suffix=$(printf '%04d' $((RANDOM % 10000)))
today=$(TZ=Asia/Shanghai date +%F)
days_ago() { date -d "$today -$1 days" +%F; }

step "Simulated clock"
ctl clock show

step "Demo data: three customers of two stores"
cid=$(ctl customer create --store S001 --name 王小明 --mobile "1391234$suffix" --gender male --json | jq -r .customer_id)
vid=$(ctl vehicle add --customer "$cid" --vin LVVDB11B6RD101234 --plate 京A12345 --model 星途瑶光 \
  --delivered "$(days_ago 80)" --advisor 李顾问 --json | jq -r .vehicle_id)
cid2=$(ctl customer create --store S001 --name 欧阳娜娜 --mobile "1372222$suffix" --gender female --json | jq -r .customer_id)
ctl vehicle add --customer "$cid2" --vin LVVDC21B1RD202345 --plate 京BD66666 --model 星途揽月 \
  --delivered "$(days_ago 20)" --json >/dev/null
cid3=$(ctl customer create --store S002 --name 张伟 --mobile "1503333$suffix" --gender male --json | jq -r .customer_id)
ctl vehicle add --customer "$cid3" --vin LVVDA31B6RD303456 --plate 沪A88888 --model 星途追风 \
  --delivered "$(days_ago 40)" --json >/dev/null
ctl customers update "$cid" --province 北京市 --city 北京市 --district 朝阳区 --street "建国路 88 号" \
  --occupation 工程师 >/dev/null
ctl customers update "$cid2" --province 北京市 --city 北京市 --district 海淀区 >/dev/null
ctl customers flags "$cid2" --opinion-leader true >/dev/null
ctl customer get "$cid"

step "1. VehicleDelivered → reminders scheduled the first free maintenance reminder"
wait_for FIRST_MAINTENANCE ctl reminder list --customer "$cid" --json
ctl reminder list --customer "$cid"

step "2. Ten days pass on the simulated clock"
ctl clock advance 10d

step "3. ReminderDue → dispatch sent the SMS through the Aliyun adapter"
wait_for MESSAGE_STATUS_SENT ctl message list --customer "$cid" --json
ctl message list --customer "$cid"

step "4. What the fake Aliyun gateway received (its ledger)"
curl -s "$GATEWAY_URL/_ledger" | jq -c '.[-1] | {provider, correlation_id, sign_name, template_code, phone, rendered_text}'

step "5. The first maintenance is done: a visit moves the schedule and issues a survey"
ctl visit record --customer "$cid" --vehicle "$vid" --date "$(ctl clock show --json | jq -r .local_date)" \
  --odometer 4800 --type first --advisor 李顾问 >/dev/null
wait_for SECOND_MAINTENANCE ctl reminder list --customer "$cid" --json
ctl reminder list --customer "$cid"
wait_for SURVEY_KIND_SERVICE_VISIT ctl survey list --customer "$cid" --json
ctl survey list --customer "$cid"
wait_for "感谢您近日光临" ctl message list --customer "$cid" --json
ctl message list --customer "$cid"

step "6. The customer's history (contacts come back from dispatch) and a segment search"
wait_for CONTACT ctl customers timeline "$cid" --json
ctl customers timeline "$cid"
ctl customers search --store S001 --churn active --city 北京市
wait_for '"loyal_count"' ctl report loyalty --store S001 --json
ctl report loyalty --store S001

step "7. Every hop, with its CloudEvents headers"
for topic in careloop.customer.v1 careloop.reminder.v1 careloop.survey.v1 careloop.dispatch.v1; do
  echo "--- $topic"
  ctl events tail --topic "$topic" --from-beginning --timeout 2 | grep -E "^careloop\.|ce_id=" | tail -n 12
done

printf '\nDemo customer: %s (vehicle %s). Try: careloopctl customers get %s\n' "$cid" "$vid" "$cid"
