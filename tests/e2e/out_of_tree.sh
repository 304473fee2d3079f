#!/usr/bin/env bash
# Runs an end-to-end script with the build directory reached through a path outside the
# checkout (a symlink in a fresh temporary directory), as with `cmake -B /tmp/b`: the scripts
# and deploy/local/up.sh must find the binaries wherever the build directory is.
# Usage: out_of_tree.sh E2E_SCRIPT BUILD_DIR
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SCRIPT=$1
BUILD=$(cd "$2" && pwd)
OUTSIDE=$(mktemp -d)
trap 'rm -rf "$OUTSIDE"' EXIT
ln -s "$BUILD" "$OUTSIDE/build"
if [[ "$OUTSIDE" == "$ROOT"/* ]]; then
  echo "FAIL: the temporary directory $OUTSIDE is inside the checkout; set TMPDIR elsewhere" >&2
  exit 1
fi
"$SCRIPT" "$OUTSIDE/build"
