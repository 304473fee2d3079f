// careloop-fake-gateway: a stand-in for the Aliyun / Tencent SMS and WeChat APIs for development,
// demos and tests. Composition only: parse flags, load files, serve, stop on SIGTERM/SIGINT.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/base/signals.h"
#include "tools/fake_gateway/gateway.h"
#include "tools/fake_gateway/gateway_config.h"
#include "tools/fake_gateway/gateway_server.h"

namespace {

/// Writes the port via a temp file and rename, so a reader never sees a partial file.
void WritePortFile(const std::string& path, int port) {
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << port << '\n';
    if (!out.flush()) {
      throw std::runtime_error("cannot write " + temp);
    }
  }
  std::filesystem::rename(temp, path);
}

}  // namespace

int main(int argc, char** argv) {
  namespace gw = careloop::tools::fake_gateway;
  CLI::App app{"careloop-fake-gateway: fake Aliyun/Tencent SMS and WeChat APIs for tests"};
  std::string listen = "127.0.0.1:0";
  std::string port_file;
  std::string ledger_path;
  std::string credentials_path;
  std::string templates_path;
  app.add_option("--listen", listen, "host:port to listen on; port 0 picks a free port")->capture_default_str();
  app.add_option("--port-file", port_file, "write the bound port here once listening");
  app.add_option("--ledger", ledger_path, "JSONL file of accepted messages (appended)");
  app.add_option("--credentials", credentials_path,
                 "YAML: aliyun{access_key_id,access_key_secret}, "
                 "tencent{secret_id,secret_key,sdk_app_id}, wechat{appid,secret}")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--templates", templates_path, "YAML list of {code, text} to render")->check(CLI::ExistingFile);
  CLI11_PARSE(app, argc, argv);

  // Before any thread starts, so every thread inherits the mask and only the sigwait below sees
  // SIGTERM/SIGINT; Server::stop() then runs from ordinary code, never from a signal handler.
  careloop::BlockTerminationSignals();

  try {
    const auto [host, port] = gw::ParseListenAddress(listen);
    gw::Gateway gateway(gw::LoadCredentials(credentials_path),
                        templates_path.empty() ? std::vector<gw::MessageTemplate>{} : gw::LoadTemplates(templates_path),
                        ledger_path);
    gw::GatewayServer server(gateway);
    const int bound = server.Start(host, port);
    if (!port_file.empty()) {
      WritePortFile(port_file, bound);
    }
    std::fprintf(stderr, "careloop-fake-gateway listening on %s:%d\n", host.c_str(), bound);

    const int received = careloop::WaitForTerminationSignal();
    std::fprintf(stderr, "careloop-fake-gateway stopping on signal %d\n", received);
    server.Stop();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "careloop-fake-gateway: %s\n", error.what());
    return 1;
  }
  return 0;
}
