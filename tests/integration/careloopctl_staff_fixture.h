#pragma once
// What careloopctl's plan and rule command tests share: two stores, the staff of S001 and a
// service identity, the morning they start at, and careloopctl run against the service under test.
#include <functional>
#include <string>
#include <vector>

#include "common/base/time.h"
#include "common/config/stores.h"
#include "tests/integration/careloopctl_run.h"
#include "tests/integration/customers_fixture.h"

namespace careloop::testing {

/// S001 朝阳店 and S002 浦东店 (Asia/Shanghai).
inline config::StoreCatalog TwoStores() {
  return config::StoreCatalog({{"S001", "朝阳店", "星途汽车朝阳店", "Asia/Shanghai", ""},
                               {"S002", "浦东店", "星途汽车浦东店", "Asia/Shanghai", ""}});
}

/// Tokens (each its own name): admin, mgr1 (manager of S001), adv1 (advisor of S001), svc (service).
inline std::vector<config::TokenSettings> StaffOfS001() {
  return {Token("admin", "admin", {"*"}), Token("mgr1", "manager", {"S001"}), Token("adv1", "advisor", {"S001"}),
          Token("svc", "service", {"*"})};
}

/// 2026-11-01 09:00 Asia/Shanghai: where the tests' clock starts.
inline Instant NovemberFirstMorning() {
  return *ParseRfc3339("2026-11-01T09:00:00+08:00");
}

/// careloopctl run in this process with `add_commands`, reaching the service on 127.0.0.1:`port`
/// through `address_flag` (e.g. "--dispatch-addr"), as `token`.
inline CtlRun CtlAgainst(const std::string& address_flag, int port, const std::string& token,
                         std::vector<std::string> args,
                         const std::function<void(CLI::App&, ctl::Session&)>& add_commands) {
  args.insert(args.begin(), {address_flag, "127.0.0.1:" + std::to_string(port), "--token", token});
  return RunCtl(add_commands, args);
}

}  // namespace careloop::testing
