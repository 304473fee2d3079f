#!/usr/bin/env bash
# Installs what CareLoop needs to build, run and test: Debian packages (apt-get), the
# npm tool `buf` (pinned in tools/buf/package-lock.json) and `playwright-core` (pinned in
# tools/pagecheck/package-lock.json; it drives Debian's chromium and never downloads a browser). Installs only what is missing, so a
# second run is quick. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache
  protobuf-compiler protobuf-compiler-grpc libprotobuf-dev libgrpc++-dev
  librdkafka-dev libhiredis-dev redis-server redis-tools
  libspdlog-dev libyaml-cpp-dev libcli11-dev nlohmann-json3-dev libcpp-httplib-dev
  libssl-dev libhowardhinnant-date-dev tzdata
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  clang-format jq curl openssl
  chromium fonts-wqy-zenhei
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  echo "==> installing Debian packages: ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Node.js may come from Debian or from the machine image; only install it when npm is absent.
if ! command -v npm >/dev/null 2>&1; then
  echo "==> installing nodejs and npm"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends nodejs npm
fi

if [[ ! -x tools/buf/node_modules/.bin/buf ]]; then
  echo "==> installing buf from the npm registry (tools/buf)"
  # `npm install` honours the lock file; `npm ci` trips over buf's optional per-platform packages.
  (cd tools/buf && npm install --no-audit --no-fund --loglevel=error)
fi

if [[ ! -d tools/pagecheck/node_modules/playwright-core ]]; then
  echo "==> installing playwright-core from the npm registry (tools/pagecheck)"
  (cd tools/pagecheck && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error)
fi
