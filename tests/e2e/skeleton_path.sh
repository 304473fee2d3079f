#!/usr/bin/env bash
# End to end with the real processes: the walking skeleton's path through all four services.
#   customer + car delivered 80 days ago → VehicleDelivered → first maintenance reminder →
#   simulated clock passes its due time → ReminderDue → dispatch sends one SMS through the
#   Aliyun adapter to the fake gateway → MessageSent; a replayed ReminderDue sends nothing;
#   a visit → its survey invitation timer → three days later SurveyIssued; a poison event →
#   dead-letter topic, and the consumer goes on.
# Usage: skeleton_path.sh BUILD_DIR
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "$1" && pwd)
source "$ROOT/tests/e2e/stack.sh"
start_stack e2e
handled_by_dispatch() {
  curl -sf "$DISPATCH_METRICS" | awk '/^careloop_events_handled_total\{group="dispatch"\}/ {print $2}'
}

# Runs COMMAND...; fails unless it exits EXPECTED_RC with stderr containing TEXT.
expect_error() {  # expect_error EXPECTED_RC TEXT COMMAND...
  local want=$1 text=$2 rc=0 err
  shift 2
  err=$("$@" 2>&1 >/dev/null) || rc=$?
  ((rc == want)) || fail "$* exited $rc, expected $want: $err"
  [[ "$err" == *"$text"* ]] || fail "$* said '$err', expected it to mention '$text'"
}

echo "step: the clock is the services' (token checked), not Redis's"
[[ $(ctl clock show --json | jq -r .clock) == simulated ]] || fail "the local stack is not on the simulated clock"
before=$(ctl clock show --json | jq -r .utc)
expect_error 1 UNAUTHENTICATED ctl --token bad clock advance 30d
expect_error 1 PERMISSION_DENIED ctl --token "$CARELOOP_ADVISOR_TOKEN" clock set 2030-01-01
after=$(ctl clock show --json | jq -r .utc)
[[ "${after:0:10}" == "${before:0:10}" ]] || fail "a refused clock change moved the clock from $before to $after"

echo "step: an unknown command is named with the nearest one"
expect_error 2 "unknown command 'remindr' for careloopctl; did you mean 'reminder'?" ctl remindr list
expect_error 2 "unknown command 'frobnicate'" ctl frobnicate

today=$(ctl clock show --json | jq -r .local_date)
delivered=$(date -d "$today -80 days" +%F)

echo "step: create customer and vehicle delivered $delivered"
cid=$(ctl customer create --store S001 --name 王小明 --mobile 13912345678 --gender male --json | jq -r .customer_id)
[[ "$cid" == cus-* ]] || fail "no customer id"
vid=$(ctl vehicle add --customer "$cid" --vin LSVAM4186R2184847 --plate 京A12345 --model 星途瑶光 \
  --delivered "$delivered" --json | jq -r .vehicle_id)
[[ "$vid" == veh-* ]] || fail "no vehicle id"

echo "step: the record's address and ID; a search by city finds the customer"
updated=$(ctl customers update "$cid" --province 北京市 --city 北京市 --district 朝阳区 --street "建国路 88 号" \
  --national-id 11010519491231002x --json)
[[ $(jq -r .national_id <<<"$updated") == 11010519491231002X ]] || fail "admin should see the full ID: $updated"
found=$(ctl customers search --city 北京市 --json | jq -r '.customers[].customer_id')
[[ "$found" == "$cid" ]] || fail "search by city found: $found"

echo "step: the first maintenance reminder is scheduled, not yet due"
wait_until "a reminder is scheduled" \
  "ctl reminder list --customer $cid --json | jq -e '.[] | select(.kind == \"REMINDER_KIND_FIRST_MAINTENANCE\" and .status == \"REMINDER_STATUS_SCHEDULED\")'"
[[ $(ledger | jq length) == 0 ]] || fail "something was sent before the reminder was due"

echo "step: lists by store name each row's customer; an unknown customer is NOT_FOUND, not an empty list"
store_reminders=$(ctl reminder list --store S001)
grep -qE "^REMINDER +CUSTOMER +KIND " <<<"$store_reminders" || fail "no CUSTOMER column: $store_reminders"
grep -qE "^rem-[^ ]+ +$cid " <<<"$store_reminders" || fail "the store's reminders do not name $cid: $store_reminders"
expect_error 1 NOT_FOUND ctl reminder list --customer cus-nosuch
expect_error 1 NOT_FOUND ctl message list --customer cus-nosuch
expect_error 1 NOT_FOUND ctl survey list --customer cus-nosuch
[[ $(ctl message list --customer "$cid" --json) == "[]" ]] || fail "a known customer's empty list is not []"

# Waits until the customer has COUNT messages, then moves the clock past the store's merge
# window (3 min) and gap between two messages (10 min) that may hold the last one back.
pass_the_wait() {  # pass_the_wait COUNT
  wait_until "$1 message(s) for the customer" "ctl message list --customer $cid --json | jq -e 'length == $1'"
  ctl clock advance 15m >/dev/null
}

echo "step: the clock passes the due time"
ctl clock advance 10d >/dev/null
wait_until "the reminder waits out the store's merge window" \
  "ctl message list --customer $cid --json | jq -e '.[] | select(.status == \"MESSAGE_STATUS_DEFERRED\")'"
pass_the_wait 1
wait_until "the SMS reaches the gateway" "ledger | jq -e 'length == 1'"
entry=$(ledger | jq -c '.[0]')
message=$(ctl message list --customer "$cid" --json | jq -c '.[0]')
[[ $(jq -r .status <<<"$message") =~ ^MESSAGE_STATUS_(SENT|DELIVERED)$ ]] || fail "message not recorded as sent: $message"
[[ $(jq -r .provider <<<"$entry") == aliyun ]] || fail "not sent through the Aliyun adapter: $entry"
[[ $(jq -r .correlation_id <<<"$entry") == $(jq -r .message_id <<<"$message") ]] || fail "OutId is not the message id"
[[ $(jq -r .phone <<<"$entry") == 13912345678 ]] || fail "wrong recipient: $entry"
[[ $(jq -r .sign_name <<<"$entry") == 星途汽车朝阳店 ]] || fail "wrong signature: $entry"
text=$(jq -r .rendered_text <<<"$entry")
for part in 王先生 京A12345 星途瑶光 预约电话; do
  [[ "$text" == *"$part"* ]] || fail "SMS text lacks '$part': $text"
done

echo "step: the customers service keeps the contact in the customer's timeline (consumed from dispatch)"
message_id=$(jq -r .message_id <<<"$message")
wait_until "the contact is on the timeline" \
  "ctl customers timeline $cid --json | jq -e '.entries[] | select(.kind == \"TIMELINE_ENTRY_KIND_CONTACT\" and .contact.message_id == \"$message_id\")'"

echo "step: events tail stops at the end of a topic and never creates one"
timeout 30 "${CTL[@]}" events tail --topic careloop.customer.v1 --from-beginning --max 1000 >/dev/null ||
  fail "events tail --from-beginning did not stop at the end of the topic"
expect_error 1 "no topic 'careloop.nosuch.v1'" ctl events tail --topic careloop.nosuch.v1 --from-beginning
expect_error 1 "careloop.customer.v1" ctl events tail --topic careloop.nosuch.v1
expect_error 1 "no topic 'careloop.nosuch.v1'" ctl events tail --topic careloop.nosuch.v1

echo "step: every hop carries CloudEvents headers"
events=$(ctl events tail --topic careloop.dispatch.v1 --from-beginning --timeout 3 --json)
jq -e -s 'map(select(.headers.ce_type == "careloop.dispatch.v1.MessageSent" and .headers.ce_specversion == "1.0"
  and .headers["content-type"] == "application/protobuf" and .key == .headers.ce_subject)) | length == 1' \
  <<<"$events" >/dev/null || fail "MessageSent with CloudEvents headers not found: $events"
reminder_events=$(ctl events tail --topic careloop.reminder.v1 --from-beginning --timeout 3 --json)
due_id=$(jq -r -s 'map(select(.headers.ce_type == "careloop.reminder.v1.ReminderDue")) | .[0].headers.ce_id' <<<"$reminder_events")
[[ -n "$due_id" && "$due_id" != null ]] || fail "no ReminderDue on careloop.reminder.v1"
ctl events tail --topic careloop.customer.v1 --from-beginning --timeout 3 --json |
  jq -e -s 'map(select(.headers.ce_type == "careloop.customer.v1.VehicleDelivered")) | length == 1' >/dev/null ||
  fail "no VehicleDelivered on careloop.customer.v1"

echo "step: replaying ReminderDue sends nothing twice"
before=$(handled_by_dispatch)
replayed=$(ctl events replay --topic careloop.reminder.v1 --ce-id "$due_id" --json)
[[ $(jq -r '.to + " " + .from.topic' <<<"$replayed") == "careloop.reminder.v1 careloop.reminder.v1" ]] ||
  fail "replay --json does not say where from and to: $replayed"
wait_until "dispatch handled the replay" "(( \$(handled_by_dispatch) > $before ))"
[[ $(ledger | jq length) == 1 ]] || fail "the replay sent a second SMS"

echo "step: a visit schedules its survey invitation; three days later the survey is issued and its invitation goes out once"
ctl visit record --customer "$cid" --vehicle "$vid" --date "$(ctl clock show --json | jq -r .local_date)" \
  --odometer 4800 --type first >/dev/null
wait_until "the survey invitation is scheduled" \
  "ctl reminder list --customer $cid --json | jq -e '.[] | select(.kind == \"REMINDER_KIND_SURVEY_INVITATION\" and .status == \"REMINDER_STATUS_SCHEDULED\")'"
ctl events tail --topic careloop.survey.v1 --from-beginning --timeout 2 --json |
  jq -e -s 'map(select(.headers.ce_type == "careloop.survey.v1.SurveyIssued")) | length == 0' >/dev/null ||
  fail "a survey was issued on the day of the visit, before its invitation fell due"
ctl clock advance 3d >/dev/null
wait_until "SurveyIssued" \
  "ctl events tail --topic careloop.survey.v1 --from-beginning --timeout 2 --json | jq -e -s 'map(select(.headers.ce_type == \"careloop.survey.v1.SurveyIssued\")) | length == 1'"
pass_the_wait 2
wait_until "the survey invitation reaches the gateway" "ledger | jq -e 'length == 2'"
wait_until "the second maintenance is scheduled" \
  "ctl reminder list --customer $cid --json | jq -e '.[] | select(.kind == \"REMINDER_KIND_SECOND_MAINTENANCE\")'"

echo "step: a poison event goes to the dead-letter topic and consumers go on"
ctl events produce-raw --topic careloop.customer.v1 --key poison-1 --value 'not protobuf' \
  --header ce_specversion=1.0 --header ce_id=poison-1 --header ce_source=/e2e \
  --header ce_type=careloop.customer.v1.VehicleDelivered --json | jq -e '.records == 1' >/dev/null ||
  fail "produce-raw --json does not count the record"
wait_until "the poison event is dead-lettered" \
  "ctl events tail --topic careloop.deadletter.v1 --from-beginning --timeout 2 --json | jq -e -s 'map(select(.headers.ce_id == \"poison-1\" and (.headers.careloop_dlq_reason | length) > 0)) | length >= 1'"
cid2=$(ctl customer create --store S001 --name 李娜 --mobile 13700001111 --gender female --json | jq -r .customer_id)
ctl vehicle add --customer "$cid2" --vin LFV2A21K9R3056721 --plate 京B66666 --model 星途揽月 \
  --delivered "$today" --json >/dev/null
wait_until "events after the poison are still handled" \
  "ctl reminder list --customer $cid2 --json | jq -e 'map(select(.kind == \"REMINDER_KIND_FIRST_MAINTENANCE\")) | length == 1'"

echo "step: an SMS reply TD opts the customer out: dispatch → customers consent → dispatch sends no more"
answer=$(ctl inbound reply --from 13912345678 --text TD --json)
[[ $(jq -r .classification <<<"$answer") == REPLY_CLASSIFICATION_OPT_OUT ]] || fail "TD not read as opt-out: $answer"
[[ $(jq -r .customer_id <<<"$answer") == "$cid" ]] || fail "reply not matched to the customer: $answer"
wait_until "SMS consent is denied" \
  "ctl customer get $cid --json | jq -e '.consents[] | select(.channel == \"CHANNEL_SMS\" and .state == \"CONSENT_STATE_DENIED\")'"
ctl visit record --customer "$cid" --vehicle "$vid" --date "$(ctl clock show --json | jq -r .local_date)" \
  --odometer 4900 --type repair >/dev/null
wait_until "the repair's survey invitation is scheduled" \
  "ctl reminder list --customer $cid --json | jq -e 'map(select(.kind == \"REMINDER_KIND_SURVEY_INVITATION\")) | length == 2'"
ctl clock advance 3d >/dev/null
# Four messages now: the maintenance reminder and the first survey's invitation (sent), the first
# survey's one reminder to a non-responder (two days after it was issued) and the repair's survey
# invitation — both after the opt-out, so both suppressed.
pass_the_wait 4
wait_until "the survey reminder and the next invitation are suppressed for lack of consent" \
  "ctl message list --customer $cid --json | jq -e 'map(select(.status == \"MESSAGE_STATUS_SUPPRESSED\")) | length == 2'"
[[ $(ledger | jq 'map(select(.phone == "13912345678")) | length') == 2 ]] || fail "an SMS went out after the opt-out"

echo "PASS: skeleton path"
