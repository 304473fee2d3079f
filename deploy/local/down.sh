#!/usr/bin/env bash
# Stops everything deploy/local/up.sh started (services first, then gateway, broker, Redis).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
RUN="${CARELOOP_RUN_DIR:-$HERE/.run}"
if [[ ! -f "$RUN/pids" ]]; then
  echo "nothing to stop (no $RUN/pids)"
  exit 0
fi
# Reverse start order: services stop while their broker and Redis are still there.
tac "$RUN/pids" | while read -r pid name; do
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$name did not stop in 10 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null
    fi
    echo "stopped $name"
  fi
done
rm -f "$RUN/pids" "$RUN/endpoints.env"
