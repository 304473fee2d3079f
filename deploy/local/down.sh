#!/usr/bin/env bash
# Stops everything deploy/local/up.sh started (services first, then gateway, broker, Redis).
# The data stays for the next up.sh (Redis with every customer, the gateway ledger, the
# national-ID key) unless told otherwise:
#   deploy/local/down.sh                 stop; keep the data
#   deploy/local/down.sh --delete-data   stop, then delete the data (it says what it deletes)
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
RUN="${CARELOOP_RUN_DIR:-$HERE/.run}"
source "$HERE/lib.sh"
DELETE_DATA=0
for arg in "$@"; do
  case "$arg" in
    --delete-data) DELETE_DATA=1 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done
if [[ ! -f "$RUN/pids" ]]; then
  echo "nothing to stop (no $RUN/pids)"
else
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
fi
if ((DELETE_DATA)); then
  delete_data "$RUN"
fi
