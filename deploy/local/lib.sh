# Shared helpers of the local-stack scripts (sourced, not run).

# Prints a TCP port on 127.0.0.1 that nothing listens on, from a random high range.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
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
