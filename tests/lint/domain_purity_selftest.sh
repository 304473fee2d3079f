#!/usr/bin/env bash
# Proves that domain_purity.sh can fail: runs it on small project trees built under a temporary
# directory — impure ones (a forbidden header reached directly, through project headers, through
# an include cycle) must fail naming every chain; a clean one must pass.
set -euo pipefail
CHECK="$(cd "$(dirname "$0")" && pwd)/domain_purity.sh"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
# put ROOT PATH LINE...: writes the lines to ROOT/PATH.
put() {
  local root=$1 path=$2
  shift 2
  mkdir -p "$(dirname "$root/$path")"
  printf '%s\n' "$@" >"$root/$path"
}
# A clean project: domain code including pure project headers (one of them through a cycle).
clean_tree() {
  local root=$1
  put "$root" common/base/time.h '#pragma once' '#include <chrono>' '#include "common/base/error.h"'
  put "$root" common/base/error.h '#pragma once' '#include "common/base/time.h"  // a cycle' '#include <string>'
  put "$root" services/x/domain/rules.h '#pragma once' '#include "common/base/time.h"' '#include <vector>'
  put "$root" services/x/domain/rules.cc '#include "services/x/domain/rules.h"' '#include "local.h"' \
    '// #include <grpcpp/grpcpp.h> is only a comment'
  put "$root" services/x/domain/local.h '#pragma once' '#include <optional>'
  # Adapters may include anything: they are not checked.
  put "$root" services/x/adapters/api.h '#pragma once' '#include <grpcpp/grpcpp.h>'
}
# run ROOT: runs the check on ROOT, leaving its output in $out and its exit code in $rc.
run() {
  set +e
  out=$("$CHECK" "$1" 2>&1)
  rc=$?
  set -e
}
expect_chain() {  # expect_chain LABEL CHAIN: the last run printed CHAIN
  [[ "$out" == *"$2"* ]] || fail "$1: chain '$2' not reported in:"$'\n'"$out"
}

echo "case: a clean tree passes"
clean_tree "$TMP/clean"
run "$TMP/clean"
((rc == 0)) || fail "clean tree: exit $rc:"$'\n'"$out"

echo "case: an adapter header included by domain code, directly"
clean_tree "$TMP/kafka"
put "$TMP/kafka" common/kafka/consumer.h '#pragma once' '#include <librdkafka/rdkafka.h>'
put "$TMP/kafka" services/x/domain/bad.h '#pragma once' '#include "common/base/time.h"' \
  '#include "common/kafka/consumer.h"'
run "$TMP/kafka"
((rc == 1)) || fail "domain including common/kafka: exit $rc, expected 1:"$'\n'"$out"
expect_chain "common/kafka" 'services/x/domain/bad.h -> "common/kafka/consumer.h"   (adapter code: common/kafka/)'

echo "case: hiredis, gRPC and a generated proto header reached through pure-looking project headers"
clean_tree "$TMP/deep"
put "$TMP/deep" common/base/store.h '#pragma once' '#include "common/base/error.h"' '#  include "common/util/wire.h"'
put "$TMP/deep" common/util/wire.h '#pragma once' '#include <hiredis/hiredis.h>' '#include <grpcpp/grpcpp.h>' \
  '#include "careloop/x/v1/x.pb.h"'
put "$TMP/deep" services/x/domain/sneaky.cc '#include "services/x/domain/rules.h"' '#include "common/base/store.h"'
run "$TMP/deep"
((rc == 1)) || fail "transitive includes: exit $rc, expected 1:"$'\n'"$out"
chain='services/x/domain/sneaky.cc -> "common/base/store.h" -> "common/util/wire.h"'
expect_chain hiredis "$chain -> <hiredis/hiredis.h>   (hiredis)"
expect_chain gRPC "$chain -> <grpcpp/grpcpp.h>   (gRPC)"
expect_chain protobuf "$chain -> \"careloop/x/v1/x.pb.h\"   (generated protobuf header)"
[[ "$out" != *"services/x/domain/rules.cc"* ]] || fail "a clean file was reported:"$'\n'"$out"

echo "case: a domain header that includes another domain file's impure include (relative path)"
clean_tree "$TMP/relative"
put "$TMP/relative" services/x/domain/local.h '#pragma once' '#include <google/protobuf/message.h>'
run "$TMP/relative"
((rc == 1)) || fail "relative include: exit $rc, expected 1:"$'\n'"$out"
expect_chain "relative include" \
  'services/x/domain/rules.cc -> "local.h" -> <google/protobuf/message.h>   (protobuf)'
expect_chain "the header itself" 'services/x/domain/local.h -> <google/protobuf/message.h>   (protobuf)'

echo "case: a tree without domain code is an error, not a pass"
mkdir -p "$TMP/empty"
run "$TMP/empty"
((rc != 0)) || fail "empty tree passed"

if ((failures > 0)); then
  exit 1
fi
echo "PASS: domain purity check catches impure trees and passes a clean one"
