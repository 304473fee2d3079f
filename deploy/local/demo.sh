#!/usr/bin/env bash
# Loads a small demo dataset into a running local stack and lives through the first
# maintenance reminder on the simulated clock, printing every hop. Run by up.sh on empty data;
# safe to run again (each run adds three new customers, with mobile numbers, VINs and plates of
# their own, and moves the simulated clock ten days on).
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
  # grep reads to the end (not -q): under pipefail a writer cut off early would count as a failure.
  until "$@" 2>/dev/null | grep -- "$pattern" >/dev/null; do
    if ((SECONDS >= deadline)); then
      echo "timed out waiting for '$pattern' from: $*" >&2
      return 1
    fi
    sleep 0.2
  done
}

# A message that went out: sent, or already delivered (the gateway's receipt follows the send at once).
WENT_OUT='MESSAGE_STATUS_\(SENT\|DELIVERED\)'
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# A VIN with its check digit (9th character, GB 16735 / ISO 3779) computed from the other 16.
vin() {  # vin FIRST8 LAST8
  local body="${1}0${2}" weights=(8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2) sum=0 i c v
  for ((i = 0; i < 17; i++)); do
    c=${body:i:1}
    case "$c" in
      [0-9]) v=$c ;;
      A | J) v=1 ;;
      B | K | S) v=2 ;;
      C | L | T) v=3 ;;
      D | M | U) v=4 ;;
      E | N | V) v=5 ;;
      F | W) v=6 ;;
      G | P | X) v=7 ;;
      H | Y) v=8 ;;
      R | Z) v=9 ;;
    esac
    sum=$((sum + v * weights[i]))
  done
  local check=$((sum % 11))
  ((check == 10)) && check=X
  printf '%s%s%s\n' "$1" "$check" "$2"
}
# Five digits of this run: its customers' mobile numbers, VINs and plates are its own.
serial=$(printf '%05d' $(((RANDOM * 32768 + RANDOM) % 100000)))
today=$(ctl clock show --json | jq -r .local_date)
days_ago() { date -d "$today -$1 days" +%F; }

step "Simulated clock"
ctl clock show

step "Demo data: three customers of two stores"
cid=$(ctl customer create --store S001 --name 王小明 --mobile "139123$serial" --gender male --json | jq -r .customer_id)
vid=$(ctl vehicle add --customer "$cid" --vin "$(vin LVVDB11B "RD1$serial")" --plate "京A$serial" --model 星途瑶光 \
  --delivered "$(days_ago 80)" --advisor 李顾问 --json | jq -r .vehicle_id)
cid2=$(ctl customer create --store S001 --name 欧阳娜娜 --mobile "137222$serial" --gender female --json | jq -r .customer_id)
ctl vehicle add --customer "$cid2" --vin "$(vin LVVDC21B "RD2$serial")" --plate "京BD$serial" --model 星途揽月 \
  --delivered "$(days_ago 20)" --json >/dev/null
cid3=$(ctl customer create --store S002 --name 张伟 --mobile "150333$serial" --gender male --json | jq -r .customer_id)
ctl vehicle add --customer "$cid3" --vin "$(vin LVVDA31B "RD3$serial")" --plate "沪A$serial" --model 星途追风 \
  --delivered "$(days_ago 40)" --json >/dev/null
ctl customers update "$cid" --province 北京市 --city 北京市 --district 朝阳区 --street "建国路 88 号" \
  --occupation 工程师 >/dev/null
ctl customers update "$cid2" --province 北京市 --city 北京市 --district 海淀区 >/dev/null
ctl customers flags "$cid2" --opinion-leader true >/dev/null
for id in "$cid" "$cid2" "$cid3"; do
  ctl customer get "$id" --json
done | jq -r '.vehicles[0] as $car | $car.delivery_date as $d |
  "\(.store_id)  \(.customer_id)  \(.name)  \($car.plate)  \($car.model)  交车 \($d.year)-\("0\($d.month)"[-2:])-\("0\($d.day)"[-2:])"'
echo
echo "The first of them, 王小明 of S001, whose car this demo follows:"
ctl customer get "$cid"

step "1. VehicleDelivered → reminders scheduled the first free maintenance reminder"
wait_for FIRST_MAINTENANCE ctl reminder list --customer "$cid" --json
ctl reminder list --customer "$cid"

step "2. Ten days pass on the simulated clock"
ctl clock advance 10d

step "3. ReminderDue → dispatch holds the SMS for the store's merge window (3 minutes: another car"
echo "   of his due then would go in the same text), then sends it through the Aliyun adapter"
wait_for MESSAGE_STATUS_DEFERRED ctl message list --customer "$cid" --json
ctl message list --customer "$cid"
ctl clock advance 5m
wait_for "$WENT_OUT" ctl message list --customer "$cid" --json
ctl message list --customer "$cid"

step "4. What the fake Aliyun gateway received (its ledger)"
curl -s "$GATEWAY_URL/_ledger" | jq -c '.[-1] | {provider, correlation_id, sign_name, template_code, phone, rendered_text}'

step "5. The first maintenance is done: a visit moves the schedule and plans the service follow-up"
ctl visit record --customer "$cid" --vehicle "$vid" --date "$(ctl clock show --json | jq -r .local_date)" \
  --odometer 4800 --type first --advisor 李顾问 >/dev/null
wait_for SECOND_MAINTENANCE ctl reminder list --customer "$cid" --json
wait_for SURVEY_INVITATION ctl reminder list --customer "$cid" --json
ctl reminder list --customer "$cid"
echo "Three days later (the store's follow-up rule) the survey is issued and its invitation goes out:"
ctl clock advance 3d
wait_for SURVEY_KIND_SERVICE_VISIT ctl survey list --customer "$cid" --json
ctl survey list --customer "$cid"
wait_for "为本次服务评价" ctl message list --customer "$cid" --json
ctl clock advance 15m
sent_to_him() { ctl message list --customer "$cid" --json | jq '[.[] | select(.status == "MESSAGE_STATUS_SENT" or .status == "MESSAGE_STATUS_DELIVERED")] | length'; }
wait_for '^2$' sent_to_him
ctl message list --customer "$cid"

step "5b. He answers 4/10 on the survey page the SMS links to: a complaint case for his advisor's manager"
invitation=$(curl -s "$GATEWAY_URL/_ledger" | jq -r '[.[] | select(.template_code == "SMS_CL_SURVEY_LINK")][-1].rendered_text')
echo "The invitation: $invitation"
link=$(grep -o 'http://[!-~]*' <<<"$invitation" | head -1)
echo "His phone opens $link — a Chinese page with the store's name and the questions:"
curl -s "$link" | grep -o '<p class="store">[^<]*</p><h1>[^<]*</h1>' | sed 's/<[^>]*>/ /g'
echo "He taps 4 on 总体满意度 and writes a comment (what the page posts):"
curl -s -o /dev/null -w 'HTTP %{http_code}\n' --data-urlencode "s_overall=4" \
  --data-urlencode "comment=保养等了三个小时，没人告知进度" "$link"
echo "Submitting again from the same link is refused politely:"
curl -s --data-urlencode "s_overall=10" "$link" | grep -o '您已提交过[^<]*' | head -1
wait_for SURVEY_STATUS_ANSWERED ctl survey list --customer "$cid" --json
ctl survey list --customer "$cid"
case_of_him() { ctl case list --store S001 --json | jq -r --arg c "$cid" '[.[] | select(.customer_id == $c)][0].case_id // empty'; }
wait_for . case_of_him
case_id=$(case_of_him)
echo "A case opened at once, owned by the manager of his advisor 李顾问 (stores' complaint rules):"
ctl case list --store S001

step "5c. While the case is open, marketing to him pauses (service messages still go)"
promo_day=$(ctl clock show --json | jq -r .local_date)
promo=$(ctl campaign create --store S001 --kind other --display-name "保养优惠（演示）" --send-date "$promo_day" \
  --message "本月到店保养工时8折，欢迎预约。" --json | jq -r .campaign_id)
wait_for '"status": "launched"' ctl campaign get "$promo" --json
paused_for_him() {
  ctl message list --customer "$cid" --json |
    jq -r '[.[] | select(.reminder_kind == "REMINDER_KIND_CAMPAIGN" and (.suppression_reason // "" | test("COMPLAINT")))] | length'
}
wait_for '^[1-9]' paused_for_him
ctl message list --customer "$cid" --json |
  jq -c '.[] | select(.reminder_kind == "REMINDER_KIND_CAMPAIGN") | {channel, status, suppression_reason}'

step "5d. The manager handles it step by step (GREAT-FUN) and resolves it with the customer's answer"
for step_word in get_facts take_responsibility empathise agree_solution thank_customer follow_up; do
  ctl case update "$case_id" --step "$step_word" --note "演示：$step_word" >/dev/null
done
ctl case resolve "$case_id" --resolution satisfied --note "免费复检并赠送一次洗车，客户表示满意" >/dev/null
ctl case get "$case_id"
month=${promo_day:0:7}
# The CSI read model counts the survey topic's events as they come: wait for the resolution.
resolved_in_csi() { ctl report csi --store S001 --month "$month" --json | jq '[.rows[].case_resolved_count // 0 | tonumber] | add'; }
wait_for '^1$' resolved_in_csi
echo "The month's CSI report (the page with the 12-month trend chart is served at \$CSI_PAGE_URL):"
ctl report csi --store S001 --month "$month" --html "$RUN/csi-$month.html"
echo "Written: $RUN/csi-$month.html ($(grep -c '<svg' "$RUN/csi-$month.html") charts: trend, heat map, funnel)"

step "6. His compulsory insurance (交强险) ends in 40 days: renewal reminders 30, 15 and 7 days before"
now_date=$(ctl clock show --json | jq -r .local_date)
ends=$(date -d "$now_date +40 days" +%F)
ctl policy record --customer "$cid" --vehicle "$vid" --insurer 中国人保 --number "PDZA${serial}2026" \
  --start "$(date -d "$ends -364 days" +%F)" --end "$ends" --compulsory --through-store >/dev/null
wait_for INSURANCE_RENEWAL ctl reminder list --customer "$cid" --json
ctl reminder list --customer "$cid"
echo "Ten days later the first of them goes out:"
ctl clock advance 10d
renewal_sent() {
  ctl message list --customer "$cid" --json | jq '[.[] | select(.status == "MESSAGE_STATUS_SENT" or .status == "MESSAGE_STATUS_DELIVERED")] | length'
}
wait_for '^3$' renewal_sent
ctl message list --customer "$cid"

step "7. The customer's history (contacts come back from dispatch) and a segment search"
wait_for CONTACT ctl customers timeline "$cid" --json
ctl customers timeline "$cid"
ctl customers search --store S001 --churn active --city 北京市
wait_for '"loyal_count"' ctl report loyalty --store S001 --json
ctl report loyalty --store S001

step "8. Every hop of 王小明's events (keyed by his customer id), with its CloudEvents headers"
for topic in careloop.customer.v1 careloop.reminder.v1 careloop.survey.v1 careloop.dispatch.v1; do
  echo "--- $topic"
  ctl events tail --topic "$topic" --from-beginning --key "$cid" | grep -E "^(careloop\.|  ce_)" || echo "(none)"
done

step "9. A Mid-Autumn greeting campaign to every customer of S001, out on the festival's day"
now_date=$(ctl clock show --json | jq -r .local_date)
year=${now_date:0:4}
mid_autumn() { ctl calendar holidays --year "$1" --json | jq -r '.[] | select(.holiday == "mid_autumn") | .date'; }
festival=$(mid_autumn "$year")
if [[ ! "$festival" > "$now_date" ]]; then
  year=$((year + 1))
  festival=$(mid_autumn "$year")
fi
echo "中秋节 $year is $festival; the segment now:"
ctl campaign preview --store S001 --sample 3
campaign=$(ctl campaign create --store S001 --kind holiday_greeting --holiday mid_autumn --year "$year" \
  --display-name "$year 中秋问候" --window 09:00-20:00 --json | jq -r .campaign_id)
wait_for '"status": "launched"' ctl campaign get "$campaign" --json
echo "Launched at once: the audience is fixed, one greeting each, due $festival 09:00 store time:"
ctl campaign get "$campaign"
# The clock moves to the eve of the festival, then past 09:00 on the day (minutes from now).
minutes_until() {
  echo $((($(date -d "$1" +%s) - $(date -d "$(ctl clock show --json | jq -r .utc)" +%s)) / 60))
}
ctl clock advance "$(minutes_until "$(date -d "$festival -1 day" +%F) 12:00 +0800")m"
greeted() {
  # The plan's WeChat step is recorded too (suppressed: he gave no openid); the greeting is the SMS.
  ctl message list --customer "$cid" --json |
    jq '[.[] | select(.reminder_kind == "REMINDER_KIND_HOLIDAY_GREETING" and .channel == "CHANNEL_SMS")] | length'
}
echo "The eve of the festival: no greeting yet ($(greeted) to 王小明)."
ctl clock advance "$(minutes_until "$festival 09:01 +0800")m"
wait_for '^1$' greeted
ctl message list --customer "$cid"
curl -s "$GATEWAY_URL/_ledger" | jq -r '[.[] | select(.template_code == "SMS_CL_GREET_MID_AUTUMN")][-1].rendered_text'
audience=$(ctl campaign get "$campaign" --json | jq .audience)
counted() { ctl campaign get "$campaign" --json | jq '.sent + .suppressed + .failed'; }
wait_for "^$audience\$" counted
ctl campaign get "$campaign" --json | jq -c '{status, audience, due, sent, suppressed, failed}'

step "10. WeChat first, SMS as the fallback: a customer whose openid no longer follows the account"
echo "The channel plans of S001 (built-in; a store overrides them with 'careloopctl plan set'):"
ctl plan list --store S001 | grep -E "^PLAN|default_first_maintenance|call_task"
cid4=$(ctl customer create --store S001 --name 赵敏 --mobile "136444$serial" --gender female --json | jq -r .customer_id)
openid="oDemo${serial}unfollowed"
ctl customers update "$cid4" --wechat-openid "$openid" >/dev/null
# She unfollowed the official account; WeChat answers 43004 "require subscribe" to a send.
curl -s -X POST "$GATEWAY_URL/_control" -d "{\"wechat_unfollow\": [\"$openid\"]}" >/dev/null
now_date=$(ctl clock show --json | jq -r .local_date)
ctl vehicle add --customer "$cid4" --vin "$(vin LVVDB41B "RD4$serial")" --plate "京C$serial" --model 星途瑶光 \
  --delivered "$(date -d "$now_date -80 days" +%F)" --json >/dev/null
wait_for FIRST_MAINTENANCE ctl reminder list --customer "$cid4" --json
ctl clock advance 10d
echo "The WeChat step failed for good (43004), so the SMS step runs at once (it waits the merge window):"
wait_for MESSAGE_STATUS_DEFERRED ctl message list --customer "$cid4" --json
ctl message list --customer "$cid4"
ctl clock advance 5m
wait_for "$WENT_OUT" ctl message list --customer "$cid4" --json
ctl message list --customer "$cid4"
ctl message list --customer "$cid4" --json | jq -c '.[] | {channel, provider, status, failure_reason, plan_step, channel_plan_id}'
echo "What the gateway accepted for her (the SMS; the WeChat send was refused):"
curl -s "$GATEWAY_URL/_ledger" | jq -c --arg p "136444$serial" '.[] | select(.phone == $p) | {provider, template_code, rendered_text}'

step "11. Delivery receipts: the gateway reports each accepted SMS delivered, as the carriers do"
echo "Its push reaches dispatch's receipt endpoint (the token checked): 王小明's first text is DELIVERED,"
echo "with its attempt and the receipt:"
first=$(ctl message list --customer "$cid" --json |
  jq -r '[.[] | select(.reminder_kind == "REMINDER_KIND_FIRST_MAINTENANCE" and .channel == "CHANNEL_SMS")][0].message_id')
wait_for MESSAGE_STATUS_DELIVERED ctl message get "$first" --json
ctl message get "$first"
echo "His timeline shows the delivery (MessageDelivered, consumed by the customers service):"
wait_for "message delivered" ctl customers timeline "$cid"
ctl customers timeline "$cid" | grep "message delivered" | head -3

step "12. An advisor's call list: a store whose plan has the car's advisor call first"
echo "S002 hands the first maintenance to the car's service advisor (a call task, no text):"
ctl plan set --store S002 --name "电话关怀（演示）" --kinds first_maintenance --steps call@advisor >/dev/null
ctl plan list --store S002 | grep -E "^PLAN|电话关怀"
cid5=$(ctl customer create --store S002 --name 孙丽 --mobile "135555$serial" --gender female --json | jq -r .customer_id)
now_date=$(ctl clock show --json | jq -r .local_date)
ctl vehicle add --customer "$cid5" --vin "$(vin LVVDC51B "RD5$serial")" --plate "沪B$serial" --model 星途揽月 \
  --delivered "$(date -d "$now_date -80 days" +%F)" --advisor 周顾问 --json >/dev/null
wait_for FIRST_MAINTENANCE ctl reminder list --customer "$cid5" --json
ctl clock advance 10d
echo "The reminder falls due: a call task for 周顾问, due by the end of the working day. His list today:"
wait_for call_task_id ctl task list --store S002 --assignee 周顾问 --customer "$cid5" --json
ctl task list --store S002 --assignee 周顾问 --customer "$cid5"
task=$(ctl task list --store S002 --assignee 周顾问 --customer "$cid5" --json | jq -r '.[0].call_task_id')
echo "He calls her and books the visit (reminders books the appointment):"
appointment_at="$(date -d "$(ctl clock show --json | jq -r .local_date) +3 days" +%F) 10:00"
ctl task complete "$task" --outcome appointment_booked --appointment-at "$appointment_at" --note 客户同意周六到店保养
echo "The store's follow-up report for the month (tasks, done on time, late, per person):"
ctl report follow-up --store S002 --month "$(ctl clock show --json | jq -r .local_date | cut -c1-7)" | grep -E "员工|周顾问|合计"

printf '\nDemo customer: %s (vehicle %s). Try: careloopctl customers get %s\n' "$cid" "$vid" "$cid"
