#include "services/surveys/adapters/csi_events.h"

#include "careloop/survey/v1/events.pb.h"
#include "services/surveys/adapters/enum_tables.h"

namespace careloop::surveys::adapters {
namespace {

namespace pb = careloop::survey::v1;

// Events are the contract's: an unknown kind (a newer publisher) counts as a service survey,
// an unknown source as unspecified — the counts stay right, only that split is coarser.
domain::SurveyKind KindOf(int kind) {
  return kSurveyKinds.FromProto(kind).value_or(domain::SurveyKind::kServiceVisit);
}

domain::ScoreSource SourceOf(pb::SatisfactionSource source) {
  switch (source) {
    case pb::SATISFACTION_SOURCE_INTERNAL: return domain::ScoreSource::kInternal;
    case pb::SATISFACTION_SOURCE_EXTERNAL: return domain::ScoreSource::kExternal;
    default: return domain::ScoreSource::kUnspecified;
  }
}

std::optional<Instant> TimeOf(bool present, const google::protobuf::Timestamp& at) {
  return present ? std::optional<Instant>(events::FromTimestamp(at)) : std::nullopt;
}

}  // namespace

void RouteCsi(events::Router& router, app::CsiApp& csi) {
  router
      .On<pb::SurveyIssued>([&csi](const pb::SurveyIssued& issued) -> Status {
        if (Status valid = events::RequireFields("SurveyIssued",
                                                 {{"survey_id", issued.survey_id()}, {"store_id", issued.store_id()}});
            !valid.ok()) {
          return valid;
        }
        csi.OnIssued({issued.survey_id(), issued.store_id(), KindOf(issued.kind()), SourceOf(issued.source()),
                      issued.advisor(), events::FromTimestamp(issued.issued_at())});
        return Ok{};
      })
      .On<pb::SurveyExpired>([&csi](const pb::SurveyExpired& expired) -> Status {
        if (Status valid = events::RequireFields(
                "SurveyExpired", {{"survey_id", expired.survey_id()}, {"store_id", expired.store_id()}});
            !valid.ok()) {
          return valid;
        }
        csi.OnExpired({expired.survey_id(), expired.store_id(), KindOf(expired.kind()),
                       domain::ScoreSource::kUnspecified, expired.advisor(),
                       events::FromTimestamp(expired.expired_at())});
        return Ok{};
      })
      .On<pb::SurveyAnswered>([&csi](const pb::SurveyAnswered& answered) -> Status {
        if (Status valid = events::RequireFields(
                "SurveyAnswered", {{"survey_id", answered.survey_id()}, {"store_id", answered.store_id()}});
            !valid.ok()) {
          return valid;
        }
        if (!answered.has_answered_at()) {
          return InvalidArgument("SurveyAnswered.answered_at", "is required");
        }
        domain::CsiAnswer answer;
        answer.store_id = answered.store_id();
        answer.kind = KindOf(answered.kind());
        answer.source = SourceOf(answered.source());
        answer.advisor = answered.advisor();
        for (const auto& score : answered.scores()) {
          answer.scores.emplace_back(static_cast<domain::SurveyItem>(score.item()), score.score());
        }
        answer.average_score = answered.average_score();
        answer.dissatisfied = answered.dissatisfied();
        if (answered.has_recommend_score()) {
          answer.recommend_score = answered.recommend_score();
        }
        csi.OnAnswered(answered.survey_id(), std::move(answer), events::FromTimestamp(answered.answered_at()));
        return Ok{};
      })
      .On<pb::ComplaintCaseOpened>([&csi](const pb::ComplaintCaseOpened& opened) -> Status {
        if (Status valid = events::RequireFields("ComplaintCaseOpened",
                                                 {{"case_id", opened.case_id()}, {"store_id", opened.store_id()}});
            !valid.ok()) {
          return valid;
        }
        if (!opened.has_opened_at()) {
          return InvalidArgument("ComplaintCaseOpened.opened_at", "is required");
        }
        app::CaseNote note;
        note.case_id = opened.case_id();
        note.store_id = opened.store_id();
        note.advisor = opened.advisor();
        note.opened_at = events::FromTimestamp(opened.opened_at());
        csi.OnCase(std::move(note));
        return Ok{};
      })
      .On<pb::ComplaintCaseUpdated>([&csi](const pb::ComplaintCaseUpdated& updated) -> Status {
        if (Status valid = events::RequireFields("ComplaintCaseUpdated",
                                                 {{"case_id", updated.case_id()}, {"store_id", updated.store_id()}});
            !valid.ok()) {
          return valid;
        }
        if (updated.step() == pb::HANDLING_STEP_UNSPECIFIED && updated.status() != pb::CASE_STATUS_IN_PROGRESS) {
          return Ok{};  // only the owner, deadline or severity changed: nothing the report counts
        }
        app::CaseNote note;
        note.case_id = updated.case_id();
        note.store_id = updated.store_id();
        note.progressed = true;
        csi.OnCase(std::move(note));
        return Ok{};
      })
      .On<pb::ComplaintCaseResolved>([&csi](const pb::ComplaintCaseResolved& resolved) -> Status {
        if (Status valid = events::RequireFields("ComplaintCaseResolved",
                                                 {{"case_id", resolved.case_id()}, {"store_id", resolved.store_id()}});
            !valid.ok()) {
          return valid;
        }
        if (!resolved.has_resolved_at()) {
          return InvalidArgument("ComplaintCaseResolved.resolved_at", "is required");
        }
        app::CaseNote note;
        note.case_id = resolved.case_id();
        note.store_id = resolved.store_id();
        note.opened_at = TimeOf(resolved.has_opened_at(), resolved.opened_at());
        note.progressed = true;
        note.resolved_at = events::FromTimestamp(resolved.resolved_at());
        note.within_deadline = resolved.within_deadline();
        note.customer_satisfied = resolved.resolution() == pb::CASE_RESOLUTION_CUSTOMER_SATISFIED;
        csi.OnCase(std::move(note));
        return Ok{};
      });
}

}  // namespace careloop::surveys::adapters
