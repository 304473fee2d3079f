// The global options shared by every command.
#include "tools/careloopctl/commands.h"

namespace careloop::ctl {

void AddGlobalOptions(CLI::App& app, Session& session) {
  auto& flags = session.flags;
  app.add_option("--endpoints", flags.endpoints_file,
                 std::string("KEY=VALUE settings file (env ") + kEndpointsFileEnv +
                     "; default: " + kDefaultEndpointsFile + " found from the current directory up)");
  app.add_option("--customers-addr", flags.values[kCustomersAddr], "customers service host:port (CUSTOMERS_ADDR)");
  app.add_option("--reminders-addr", flags.values[kRemindersAddr], "reminders service host:port (REMINDERS_ADDR)");
  app.add_option("--dispatch-addr", flags.values[kDispatchAddr], "dispatch service host:port (DISPATCH_ADDR)");
  app.add_option("--surveys-addr", flags.values[kSurveysAddr], "surveys service host:port (SURVEYS_ADDR)");
  app.add_option("--kafka-brokers", flags.values[kKafkaBrokers], "Kafka bootstrap servers (KAFKA_BROKERS)");
  app.add_option("--token", flags.values[kToken], "bearer token (CARELOOP_TOKEN)");
  app.add_option("--timeout", session.timeout_seconds, "deadline of each gRPC call in seconds")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_flag("--json", session.json, "print JSON for scripts instead of tables");
}

}  // namespace careloop::ctl
