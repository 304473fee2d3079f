#!/usr/bin/env bash
# Fails if code under services/*/domain/ reaches a gRPC, protobuf, librdkafka or hiredis header,
# a generated *.pb.h, or the common/redis, common/kafka or common/grpc adapters — directly or
# through the project headers it includes, which are followed transitively (the CMake target
# boundary does not stop an include through the project's include path). Prints every offending
# chain, file -> include -> ... -> forbidden header, and exits 1.
#   domain_purity.sh [ROOT]     ROOT: the project root (default: this checkout)
set -euo pipefail
ROOT=$(cd "${1:-$(dirname "$0")/../..}" && pwd)

# Prints why an include of NAME (as written between the quotes or brackets) is forbidden in
# domain code; prints nothing if it is allowed.
forbidden_reason() {
  case "$1" in
    *.pb.h) echo "generated protobuf header" ;;
    grpc/* | grpcpp/* | grpc++/*) echo "gRPC" ;;
    google/protobuf/*) echo "protobuf" ;;
    librdkafka/* | rdkafka.h | rdkafkacpp.h) echo "librdkafka" ;;
    hiredis/* | hiredis.h) echo "hiredis" ;;
    common/redis/* | common/kafka/* | common/grpc/*) echo "adapter code: $(cut -d/ -f1-2 <<<"$1")/" ;;
  esac
}

# Prints the includes of FILE, one a line, with their delimiters: "common/base/time.h", <string>.
includes_of() {
  sed -nE 's@^[[:space:]]*#[[:space:]]*include[[:space:]]*(<[^>]+>|"[^"]+").*@\1@p' "$1"
}

# Prints the root-relative path of the project file that INCLUDE (with delimiters) of FROM (a
# root-relative path) names: root-relative for common/… and services/…, else (quoted only)
# relative to FROM's directory. Fails if the include is not a project file.
resolve() {
  local from=$1 include=$2 name candidate
  name=${include:1:${#include}-2}
  case "$name" in
    common/* | services/*) candidate="$ROOT/$name" ;;
    *)
      [[ "$include" == \"* ]] || return 1
      candidate="$ROOT/$(dirname "$from")/$name"
      ;;
  esac
  [[ -f "$candidate" ]] || return 1
  realpath -m --relative-to="$ROOT" "$candidate"
}

violations=0
declare -A seen
# Walks the includes of FILE (root-relative) depth first; CHAIN is how the walk got there.
walk() {
  local file=$1 chain=$2 include reason target
  while IFS= read -r include; do
    reason=$(forbidden_reason "${include:1:${#include}-2}")
    if [[ -n "$reason" ]]; then
      echo "$chain -> $include   ($reason)"
      violations=$((violations + 1))
      continue
    fi
    target=$(resolve "$file" "$include") || continue
    if [[ -z "${seen[$target]:-}" ]]; then
      seen[$target]=1
      walk "$target" "$chain -> $include"
    fi
  done < <(includes_of "$ROOT/$file")
}

shopt -s nullglob
checked=0
for dir in "$ROOT"/services/*/domain; do
  while IFS= read -r path; do
    file=${path#"$ROOT"/}
    seen=(["$file"]=1)
    walk "$file" "$file"
    checked=$((checked + 1))
  done < <(find "$dir" -type f \( -name '*.h' -o -name '*.hpp' -o -name '*.cc' -o -name '*.cpp' -o -name '*.inc' \) |
    sort)
done

if ((checked == 0)); then
  echo "domain purity: no files under $ROOT/services/*/domain/ (wrong root?)" >&2
  exit 2
fi
if ((violations > 0)); then
  echo "domain purity: $violations forbidden include(s) reached from services/*/domain/ ($checked files checked)." >&2
  echo "Domain code is pure: no gRPC, protobuf, Kafka or Redis; move the code to app/ or adapters/." >&2
  exit 1
fi
echo "domain purity: $checked files under services/*/domain/ clean"
