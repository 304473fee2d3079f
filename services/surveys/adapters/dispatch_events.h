#pragma once

#include "common/events/router.h"
#include "services/surveys/app/answers_app.h"

namespace careloop::surveys::adapters {

/// careloop.dispatch.v1 InboundReplyReceived classified SURVEY_ANSWER: a single-score SMS reply
/// answers the survey's overall item (AnswersApp::OnSmsScore). Other classifications are not
/// ours; a reply out of range or tied to no survey changes nothing and is logged; an event without
/// inbound_id or customer_id is poison (dead-lettered by the Router).
void RouteSurveyReplies(events::Router& routes, app::AnswersApp& answers);

}  // namespace careloop::surveys::adapters
