#!/usr/bin/env bash
# The event and API contracts: `buf lint` (STANDARD rules), and `buf breaking` against the
# previous commit that had them, so a change that renumbers or removes a field fails.
set -euo pipefail
cd "$(dirname "$0")/.."
BUF=tools/buf/node_modules/.bin/buf
"$BUF" lint proto
echo "buf lint: ok"
if base=$(git rev-parse --verify -q HEAD~1) && git cat-file -e "$base:proto/buf.yaml" 2>/dev/null; then
  "$BUF" breaking proto --against ".git#ref=$base,subdir=proto"
  echo "buf breaking against ${base:0:8}: ok"
else
  echo "buf breaking: no earlier commit with proto/ to compare against"
fi
