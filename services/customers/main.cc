// careloop-customers: the store of record for customers, vehicles and their history.
#include <memory>

#include "common/kafka/cloud_event.h"
#include "common/runtime/runtime.h"
#include "services/customers/adapters/dispatch_events.h"
#include "services/customers/adapters/grpc_api.h"
#include "services/customers/adapters/national_id_cipher.h"
#include "services/customers/adapters/redis_customer_repository.h"
#include "services/customers/adapters/redis_keys.h"
#include "services/customers/adapters/survey_events.h"
#include "services/customers/app/customers_app.h"
#include "services/customers/settings.h"

int main(int argc, char** argv) {
  using namespace careloop;
  return runtime::RunService("customers", argc, argv, [](runtime::Runtime& rt) {
    const customers::Settings settings = customers::ParseSettings(rt.settings());
    std::unique_ptr<customers::adapters::NationalIdCipher> cipher;
    if (!settings.national_id_key.empty()) {
      cipher = std::make_unique<customers::adapters::NationalIdCipher>(settings.national_id_key);
    }
    customers::adapters::RedisCustomerStore store(rt.redis(), rt.clock(), cipher.get());
    customers::app::CustomersApp app(store.ports(), rt.clock(), rt.stores(), {}, settings.report_rules);
    customers::adapters::CustomersApi api(app, rt.handler_context());
    rt.AddOutbox(customers::adapters::keys::kOutbox);
    rt.AddConsumer("customers", {kafka::kDispatchTopic}, customers::adapters::DispatchEventHandler(app));
    events::Router complaint_cases;
    customers::adapters::RouteComplaintCases(complaint_cases, app);
    rt.AddConsumer("customers-cases", {kafka::kSurveyTopic}, std::move(complaint_cases));
    rt.AddWorker("classification", [&app, &settings] {
      return app.ReclassifyDue(settings.reclassify_batch) == settings.reclassify_batch ? Millis{0}
                                                                                       : settings.reclassify_poll;
    });
    rt.AddWorker("report-snapshots", [&app, &settings] {
      app.SnapshotDue();
      return settings.snapshot_poll;
    });
    return rt.Serve({&api});
  });
}
