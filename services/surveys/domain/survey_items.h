#pragma once

namespace careloop::surveys::domain {

/// The group an item is reported under (values as in careloop.survey.v1.SurveyCategory).
enum class SurveyCategory {
  kUnspecified = 0,          ///< Not set.
  kPurchaseEnvironment = 1,  ///< Sales: purchase environment (signage, showroom, vehicles, models and documentation).
  kViewingProcess = 2,       ///< Sales: viewing process (consultant's appearance, attitude, expertise).
  kPriceAndPayment = 3,      ///< Sales: price and payment.
  kDelivery = 4,             ///< Sales: delivery.
  kSalesFollowUp = 5,        ///< Sales: follow-up after delivery.
  kWorkshopEnvironment = 6,  ///< Service: workshop environment.
  kServiceProcess = 7,       ///< Service: service process.
  kRepairQuality = 8,        ///< Service: repair quality.
  kCharges = 9,              ///< Service: charges.
  kTimeliness = 10,          ///< Service: timeliness.
  kOverall = 11,             ///< Overall satisfaction (both kinds).
  kExecution = 12,           ///< Execution items: yes/no checks, reported as execution rates.
};

/// One satisfaction item, scored 1 (very dissatisfied) to 10 (very satisfied) (values as in
/// careloop.survey.v1.SurveyItem).
enum class SurveyItem {
  kUnspecified = 0,                         ///< Not set.
  kOverall = 1,                             ///< Overall satisfaction (both kinds).
  kSalesSignage = 10,                       ///< Sales / purchase environment: clear signage.
  kSalesShowroomComfort = 11,               ///< Sales / purchase environment: showroom tidy and comfortable.
  kSalesVehiclesClean = 12,                 ///< Sales / purchase environment: display vehicles clean.
  kSalesModelsAndDocumentation = 13,        ///< Sales / purchase environment: enough models and documentation.
  kSalesConsultantAppearance = 20,          ///< Sales / viewing process: consultant's appearance.
  kSalesConsultantAttitude = 21,            ///< Sales / viewing process: consultant's attitude.
  kSalesConsultantExpertise = 22,           ///< Sales / viewing process: consultant's expertise.
  kSalesFairPrice = 30,                     ///< Sales / price and payment: fair price.
  kSalesClearCharges = 31,                  ///< Sales / price and payment: clear charges.
  kSalesCardPayment = 32,                   ///< Sales / price and payment: card payment possible.
  kSalesDeliveryOnTime = 40,                ///< Sales / delivery: delivered on time.
  kSalesDeliveryCarClean = 41,              ///< Sales / delivery: car clean at delivery.
  kSalesControlsExplained = 42,             ///< Sales / delivery: controls explained.
  kSalesMaintenanceScheduleExplained = 43,  ///< Sales / delivery: maintenance schedule explained.
  kSalesCalledAfterDelivery = 50,           ///< Sales / follow-up: called after delivery.
  kSalesProactiveHelp = 51,                 ///< Sales / follow-up: proactive help with problems.
  kServiceWorkshopTidy = 60,                ///< Service / workshop environment: tidy.
  kServiceOpeningHours = 61,                ///< Service / workshop environment: convenient opening hours.
  kServiceLounge = 62,                      ///< Service / workshop environment: comfortable lounge.
  kServiceAdvisorAttitude = 70,             ///< Service / process: advisor's attitude.
  kServiceGreetedOnArrival = 71,            ///< Service / process: greeted on arrival.
  kServiceAdvisorExpertise = 72,            ///< Service / process: advisor's expertise.
  kServiceAppointmentHonoured = 73,         ///< Service / process: appointment honoured.
  kServiceWaitingService = 74,              ///< Service / process: service while waiting.
  kServiceHandoverAndSettlement = 75,       ///< Service / process: hand-over and settlement.
  kServiceDiagnosisRight = 80,              ///< Service / repair quality: diagnosis right.
  kServiceFaultFixed = 81,                  ///< Service / repair quality: fault fixed (first time).
  kServiceTechnicianAttitude = 82,          ///< Service / repair quality: technician's attitude.
  kServiceLabourFair = 90,                  ///< Service / charges: labour fair.
  kServicePartsFair = 91,                   ///< Service / charges: parts fair.
  kServiceChargesExplained = 92,            ///< Service / charges: charges explained.
  kServiceWorkStartedPromptly = 100,        ///< Service / timeliness: work started promptly.
  kServiceRepairTimeReasonable = 101,       ///< Service / timeliness: repair time reasonable.
  kSalesShowroomMusic = 200,                ///< Sales / execution (yes/no): music in the showroom.
  kSalesStaffInUniform = 201,               ///< Sales / execution (yes/no): staff in uniform.
  kSalesWarrantyExplained = 202,            ///< Sales / execution (yes/no): warranty period and scope explained.
  kServiceStaffInUniform = 210,             ///< Service / execution (yes/no): staff in uniform.
  kServiceWorkExplained = 211,              ///< Service / execution (yes/no): work done and its warranty explained.
};
}  // namespace careloop::surveys::domain
