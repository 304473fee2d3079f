// careloop-customers: the store of record for customers, vehicles and visits.
#include "common/runtime/runtime.h"
#include "services/customers/adapters/grpc_api.h"
#include "services/customers/adapters/redis_customer_repository.h"
#include "services/customers/adapters/redis_keys.h"
#include "services/customers/app/customers_app.h"

int main(int argc, char** argv) {
  using namespace careloop;
  return runtime::RunService("customers", argc, argv, [](runtime::Runtime& rt) {
    customers::adapters::RedisCustomerRepository repository(rt.redis(), rt.clock());
    customers::app::CustomersApp app(repository, rt.clock(), rt.stores());
    customers::adapters::CustomersApi api(app, rt.handler_context());
    rt.AddOutbox(customers::adapters::keys::kOutbox);
    rt.AddWorker("classification", [&app] {
      constexpr int kBatch = 100;
      return app.ReclassifyDue(kBatch) == kBatch ? Millis{0} : Millis{200};
    });
    return rt.Serve({&api});
  });
}
