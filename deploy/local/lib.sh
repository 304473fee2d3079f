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
