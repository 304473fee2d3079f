#!/usr/bin/env bash
# End to end with the real processes: a survey answered on the customer's phone from a real
# invitation. A visit (advisor sa-zhang) → three days later SurveyIssued with its answer link →
# dispatch sends the invitation SMS with the link to the fake gateway → the link from the
# gateway's ledger opened in headless Chromium on a phone viewport (survey_page_check.mjs):
# 4/10 on the overall item, submitted, thanks, a second submit refused politely → a complaint
# case open for that survey, owned by the advisor's manager (sm-wang in deploy/local).
# Screenshots: BUILD_DIR/tests/e2e/survey-page-form.png and survey-page-thanks.png.
# Usage: survey_page_path.sh BUILD_DIR
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "$1" && pwd)
source "$ROOT/tests/e2e/stack.sh"
start_stack e2e-survey-page
link_sms() { ledger | jq -e '[.[] | select(.template_code == "SMS_CL_SURVEY_LINK")] | first'; }

today=$(ctl clock show --json | jq -r .local_date)
delivered=$(date -d "$today -80 days" +%F)

echo "step: a customer's visit with advisor sa-zhang schedules the survey invitation"
cid=$(ctl customer create --store S001 --name 王小明 --mobile 13912345678 --gender male --json | jq -r .customer_id)
[[ "$cid" == cus-* ]] || fail "no customer id"
vid=$(ctl vehicle add --customer "$cid" --vin LSVAM4186R2184847 --plate 京A12345 --model 星途瑶光 \
  --delivered "$delivered" --advisor sa-zhang --json | jq -r .vehicle_id)
[[ "$vid" == veh-* ]] || fail "no vehicle id"
ctl visit record --customer "$cid" --vehicle "$vid" --date "$today" --odometer 4800 --type first \
  --advisor sa-zhang >/dev/null
wait_until "the survey invitation is scheduled" \
  "ctl reminder list --customer $cid --json | jq -e '.[] | select(.kind == \"REMINDER_KIND_SURVEY_INVITATION\" and .status == \"REMINDER_STATUS_SCHEDULED\")'"

echo "step: three days later the invitation SMS carries the survey's link"
ctl clock advance 3d >/dev/null
wait_until "the invitation with its link reaches the gateway" link_sms
text=$(link_sms | jq -r .rendered_text)
link=$(grep -oE 'https?://[^ ]+/s/[A-Za-z0-9_-]+' <<<"$text" || true)
[[ -n "$link" && "$link" == "$ANSWER_PAGE_URL/s/"* ]] || fail "no answer link in the invitation: $text"
survey=$(ctl survey list --customer "$cid" --json | jq -e 'first')
survey_id=$(jq -r .survey_id <<<"$survey")
[[ $(jq -r .answer_url <<<"$survey") == "$link" ]] || fail "the survey's link is not the one sent: $survey"
ctl events tail --topic careloop.survey.v1 --from-beginning --timeout 2 --json |
  jq -e -s --arg link "$link" 'map(select(.headers.ce_type == "careloop.survey.v1.SurveyIssued")) |
    length == 1 and (.[0] | tostring | contains($link))' >/dev/null ||
  fail "SurveyIssued does not carry the link that was sent"

echo "step: the customer answers 4/10 on a phone in headless Chromium; a second submit is refused"
node "$ROOT/tests/e2e/survey_page_check.mjs" "$link" 星途汽车北京朝阳店 "$BUILD/tests/e2e/survey-page" ||
  fail "the survey page check failed"

echo "step: the answer opened a complaint case for the survey, owned by the advisor's manager"
cases=$(ctl case list --store S001 --json)
jq -e --arg s "$survey_id" '[.[] | select(.survey_id == $s)] |
  length == 1 and .[0].owner == "sm-wang" and .[0].status == "CASE_STATUS_OPEN" and .[0].advisor == "sa-zhang"' \
  <<<"$cases" >/dev/null || fail "no open case for $survey_id owned by sm-wang: $cases"
answered=$(ctl survey list --customer "$cid" --json | jq -r 'first.status')
[[ "$answered" == SURVEY_STATUS_ANSWERED ]] || fail "the survey is $answered, not answered"
echo "PASS: survey page path"
