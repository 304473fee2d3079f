// careloop-customers: the store of record for customers, vehicles and their history.
#include <memory>

#include "common/config/config.h"
#include "common/kafka/cloud_event.h"
#include "common/runtime/runtime.h"
#include "services/customers/adapters/dispatch_events.h"
#include "services/customers/adapters/grpc_api.h"
#include "services/customers/adapters/national_id_cipher.h"
#include "services/customers/adapters/redis_customer_repository.h"
#include "services/customers/adapters/redis_keys.h"
#include "services/customers/app/customers_app.h"

int main(int argc, char** argv) {
  using namespace careloop;
  return runtime::RunService("customers", argc, argv, [](runtime::Runtime& rt) {
    // Without a key the service runs, but refuses records that carry a national ID number.
    const std::string key = config::Get<std::string>(rt.settings().section, "national_id_key", "");
    std::unique_ptr<customers::adapters::NationalIdCipher> cipher;
    if (!key.empty()) {
      try {
        cipher = std::make_unique<customers::adapters::NationalIdCipher>(key);
      } catch (const std::invalid_argument& e) {
        throw config::ConfigError("customers.national_id_key", e.what());
      }
    }
    customers::adapters::RedisCustomerRepository repository(rt.redis(), rt.clock(), cipher.get());
    customers::app::CustomersApp app(repository, rt.clock(), rt.stores());
    customers::adapters::CustomersApi api(app, rt.handler_context());
    rt.AddOutbox(customers::adapters::keys::kOutbox);
    rt.AddConsumer("customers", {kafka::kDispatchTopic}, customers::adapters::DispatchEventHandler(app));
    rt.AddWorker("classification", [&app] {
      constexpr int kBatch = 100;
      return app.ReclassifyDue(kBatch) == kBatch ? Millis{0} : Millis{200};
    });
    rt.AddWorker("report-snapshots", [&app] {
      // Cheap when there is nothing to do (one GET per store); a month end is noticed within 10 s.
      app.SnapshotDue();
      return Millis{10'000};
    });
    return rt.Serve({&api});
  });
}
