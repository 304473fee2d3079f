# Shared helpers of the local-stack scripts (sourced, not run).

# Sets variable NAME to a TCP port on 127.0.0.1 that nothing listens on and that this script
# has not handed out already (so call it in the script itself, not in a $(subshell)). Ports
# come from 10000-31999, below Linux's ephemeral range (32768-60999), so an outgoing connection
# can never be holding the port when a service binds it.
CARELOOP_PORTS_GIVEN=" "
pick_port() {
  local name=$1 port
  for _ in $(seq 1 200); do
    port=$((10000 + RANDOM % 22000))
    if [[ "$CARELOOP_PORTS_GIVEN" == *" $port "* ]]; then
      continue
    fi
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      CARELOOP_PORTS_GIVEN+="$port "
      printf -v "$name" '%s' "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# Waits until FILE exists and is non-empty, or fails after SECONDS.
wait_for_file() {
  local file=$1 seconds=$2 deadline=$((SECONDS + $2))
  until [[ -s "$file" ]]; do
    if ((SECONDS >= deadline)); then
      echo "timed out after ${seconds}s waiting for $file" >&2
      return 1
    fi
    sleep 0.1
  done
}

# Waits until something accepts TCP connections on 127.0.0.1:PORT, or fails after SECONDS.
wait_for_port() {
  local port=$1 seconds=$2 deadline=$((SECONDS + $2))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      echo "timed out after ${seconds}s waiting for port $port" >&2
      return 1
    fi
    sleep 0.1
  done
}

# Waits until the redis-server on 127.0.0.1:PORT answers PING (after loading its AOF), or
# fails after SECONDS.
wait_for_redis() {
  local port=$1 seconds=$2 deadline=$((SECONDS + $2))
  until [[ "$(redis-cli -p "$port" PING 2>/dev/null)" == PONG ]]; do
    if ((SECONDS >= deadline)); then
      echo "timed out after ${seconds}s waiting for redis-server on port $port" >&2
      return 1
    fi
    sleep 0.1
  done
}

# Deletes the data a local stack keeps between runs in RUN_DIR, saying what it deletes: the
# Redis data (every record, and the simulated clock), the fake gateway's ledger and the key of
# the stored national ID numbers. Call it only while no stack runs there.
delete_data() {
  local run=$1
  local what=()
  [[ -e "$run/redis" ]] &&
    what+=("$run/redis: Redis — every customer, vehicle, visit, reminder, message and survey, and the simulated clock")
  [[ -e "$run/gateway-ledger.jsonl" ]] && what+=("$run/gateway-ledger.jsonl: what the fake gateway received")
  [[ -e "$run/national-id.key" ]] && what+=("$run/national-id.key: the key of the stored ID numbers")
  if ((${#what[@]} == 0)); then
    echo "==> no data to delete in $run"
    return 0
  fi
  echo "==> deleting the data of earlier runs:"
  printf '      %s\n' "${what[@]}"
  rm -rf "$run/redis" "$run/gateway-ledger.jsonl" "$run/national-id.key"
}

sha256_hex() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }

# Prints the build directory as an absolute path: $BUILD_DIR (default build) as it is when
# absolute, else relative to the project root ROOT. It may be anywhere, in or out of the checkout.
build_dir() {
  local root=$1 dir=${BUILD_DIR:-build}
  if [[ "$dir" == /* ]]; then
    printf '%s\n' "$dir"
  else
    printf '%s\n' "$root/$dir"
  fi
}
