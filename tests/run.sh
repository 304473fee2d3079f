#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test (unit, integration
# against a real redis-server and the dev broker, end-to-end with the real processes), plus
# buf lint of the contracts and the clang-format check.
#
#   tests/run.sh                  everything
#   tests/run.sh -L unit          only tests with a ctest label (unit | integration | e2e | contract)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

"$ROOT/scripts/install-deps.sh"
echo "==> building"
"$ROOT/scripts/build.sh"
echo "==> testing"
cd "${BUILD_DIR:-build}"
ctest --output-on-failure --timeout 300 -j "$(nproc)" "$@"
