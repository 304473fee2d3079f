// DispatchApp::SettleBatched: a collected SMS (app/campaign_batches.h) after the vendor's batch
// API answered for it; the same settling as a single send.
#include "services/dispatch/app/dispatch_app.h"

namespace careloop::dispatch::app {

Outcome DispatchApp::SettleBatched(ReadySms& ready, const SendOutcome& sent) {
  return Settle(ready.message, ready.request, {}, sent, ready.checked_at);
}

}  // namespace careloop::dispatch::app
