# Sourced by the e2e scripts that run the local stack (needs ROOT and BUILD set):
#   start_stack NAME   starts it detached in $BUILD/NAME-run (log $BUILD/NAME-up.log), stopped on exit,
# and gives ctl, fail (with the services' log tails), wait_until (a condition with a 30 s deadline)
# and ledger (the fake gateway's sends).
start_stack() {
  export BUILD_DIR=$BUILD
  export CARELOOP_RUN_DIR="$BUILD/$1-run"
  rm -rf "$CARELOOP_RUN_DIR"
  trap '"$ROOT/deploy/local/down.sh" >/dev/null 2>&1 || true' EXIT
  "$ROOT/deploy/local/up.sh" --detach --no-demo --no-build >"$BUILD/$1-up.log" 2>&1 || {
    cat "$BUILD/$1-up.log"
    exit 1
  }
  source "$CARELOOP_RUN_DIR/endpoints.env"
  CTL=("$BUILD/tools/careloopctl/careloopctl" --endpoints "$CARELOOP_RUN_DIR/endpoints.env")
}
ctl() { "${CTL[@]}" "$@"; }

fail() {
  echo "FAIL: $*" >&2
  for log in "$CARELOOP_RUN_DIR"/logs/*.log; do
    echo "--- $log" >&2
    tail -n 20 "$log" >&2
  done
  exit 1
}
# Polls COMMAND (a shell string) until it succeeds, for up to 30 s.
wait_until() {
  local what=$1 deadline=$((SECONDS + 30))
  shift
  until eval "$*" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "timed out waiting until $what"
    sleep 0.2
  done
}
ledger() { curl -sf "$GATEWAY_URL/_ledger"; }
