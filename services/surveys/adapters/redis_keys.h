#pragma once

#include <string>

namespace careloop::surveys::adapters::keys {

// The surveys service's Redis key schema (prefix `cl:surv:`).

/// String: a survey (careloop.survey.v1.Survey).
inline std::string Survey(const std::string& id) {
  return "cl:surv:s:" + id;
}
/// Sorted set: a customer's survey ids by issue time.
inline std::string OfCustomer(const std::string& customer_id) {
  return "cl:surv:cust:" + customer_id;
}
/// Sorted set: a store's survey ids by issue time.
inline std::string OfStore(const std::string& store_id) {
  return "cl:surv:store:" + store_id;
}
/// String: the survey id a SubmitResponse request id answered (replays return the same result).
inline std::string AnswerRequest(const std::string& request_id) {
  return "cl:surv:ansreq:" + request_id;
}
/// String: the last version number given to a template id.
inline std::string TemplateVersionCounter(const std::string& template_id) {
  return "cl:surv:tpl:" + template_id + ":n";
}
/// String: one version of a template (careloop.survey.v1.SurveyTemplate), never changed.
inline std::string TemplateVersion(const std::string& template_id, int version) {
  return "cl:surv:tpl:" + template_id + ":v:" + std::to_string(version);
}
/// Set: the template ids saved for a store ("_group" for the group defaults).
inline std::string TemplatesOfStore(const std::string& store_id) {
  return "cl:surv:tpls:" + (store_id.empty() ? std::string("_group") : store_id);
}
/// String with expiry: the survey id an answer-page link token opens (written with the issue).
inline std::string Link(const std::string& token) {
  return "cl:surv:link:" + token;
}
/// Strings with expiry: answer-page submits counted in the current window, per token and per client.
inline std::string SubmitsOfToken(const std::string& token) {
  return "cl:surv:rl:tok:" + token;
}
inline std::string SubmitsOfClient(const std::string& client) {
  return "cl:surv:rl:ip:" + client;
}
/// Stream: the transactional outbox.
inline constexpr const char* kOutbox = "cl:surv:outbox";

}  // namespace careloop::surveys::adapters::keys

// Complaint cases (`cl:surv:case…`).
namespace careloop::surveys::adapters::keys {

/// String: a complaint case (careloop.survey.v1.ComplaintCase); also its open-once guard.
inline std::string Case(const std::string& id) {
  return "cl:surv:case:" + id;
}
/// Sorted set: a store's case ids by deadline (ms).
inline std::string CasesOfStore(const std::string& store_id) {
  return "cl:surv:cases:store:" + store_id;
}
/// Sorted set: a customer's case ids by deadline (ms).
inline std::string CasesOfCustomer(const std::string& customer_id) {
  return "cl:surv:cases:cust:" + customer_id;
}
/// String with TTL: a case change request already applied (UpdateCase/ResolveCase request_id).
inline std::string CaseRequest(const std::string& case_id, const std::string& request_id) {
  return "cl:surv:case:req:" + case_id + ":" + request_id;
}

}  // namespace careloop::surveys::adapters::keys

// The answer window (`cl:surv:reminded:…`).
namespace careloop::surveys::adapters::keys {

/// String: the reminder timer id whose firing reminded the survey's non-responder (once per survey).
inline std::string SurveyReminded(const std::string& survey_id) {
  return "cl:surv:reminded:" + survey_id;
}

}  // namespace careloop::surveys::adapters::keys
