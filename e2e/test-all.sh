#!/usr/bin/env bash
# `npm test`: everything CI runs, in order of speed, stopping at the first failure.
# The integration and browser suites run on a cluster of their own, `pilothouse-test`
# (PILOTHOUSE_TEST_CLUSTER_NAME changes the name): created fresh for the run (building the
# binaries from Go modules the first time) and removed afterwards, unless
# PILOTHOUSE_TEST_KEEP_CLUSTER=1. The demo cluster (npm run demo / cluster:up, `pilothouse`)
# and any other cluster are never touched: each one that runs is fingerprinted before and
# after (e2e/cluster/fingerprint.ts), and the run fails if one changed.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }

export PILOTHOUSE_CLUSTER_NAME=${PILOTHOUSE_TEST_CLUSTER_NAME:-pilothouse-test}
# Everything the cluster scripts and e2e/support/cluster.ts derive from the name.
# shellcheck source=cluster/lib.sh
. e2e/cluster/lib.sh
[ "$CLUSTER_NAME" != "$DEMO_CLUSTER_NAME" ] || die "the tests never run on the demo cluster"
export PILOTHOUSE_CLUSTER_KUBECONFIG=$KUBECONFIG_OUT
test_cluster=$CLUSTER_NAME

step "lint and type-check"
npm run --silent lint
npm run --silent typecheck

step "unit tests"
npx vitest run

step "build the renderer"
npm run --silent build:renderer

# --- the other clusters: fingerprint now, compare at the end ---------------------------
prints=$(mktemp -d)
kinds=$(node --import tsx e2e/cluster/fingerprint.ts --kinds)
# Prints the fingerprint of one cluster (objects, then its processes: a restart shows).
fingerprint() (
  PILOTHOUSE_CLUSTER_NAME=$1
  . e2e/cluster/lib.sh
  apiserver_ready || { echo "(apiserver not answering)"; return; }
  k get "$kinds" -A -o json |
    node --import tsx e2e/cluster/fingerprint.ts
  for f in "$CLUSTER_DIR"/pids/*.pid "$AGENT_PID"; do
    [ -f "$f" ] && echo "process $(basename "$f" .pid) $(cat "$f")"
  done
  return 0
)
others=()
for d in "$KWOK_WORKDIR"/clusters/*/; do
  [ -d "$d" ] || continue
  name=$(basename "$d")
  [ "$name" != "$test_cluster" ] || continue
  if (PILOTHOUSE_CLUSTER_NAME=$name && . e2e/cluster/lib.sh && apiserver_ready); then
    others+=("$name")
  fi
done
if [ "${#others[@]}" -gt 0 ]; then
  step "fingerprint the other running clusters (${others[*]}): the tests must not change them"
  for name in "${others[@]}"; do
    fingerprint "$name" >"$prints/$name.before"
    echo "$name: $(grep -c . "$prints/$name.before") objects and processes recorded"
  done
fi

# The pods on a cluster's cordoned node(s), for the record (e.g. someone's stray pod).
on_cordoned_nodes() (
  PILOTHOUSE_CLUSTER_NAME=$1
  . e2e/cluster/lib.sh
  local node
  for node in $(k get nodes --field-selector spec.unschedulable=true -o jsonpath='{.items[*].metadata.name}'); do
    printf '%s: %s\n' "$node" "$(k get pods -A --field-selector "spec.nodeName=$node" \
      -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name} {end}')"
  done
)

# Fails when a cluster fingerprinted above changed; shows what changed.
compare_others() {
  local name rc=0
  for name in "${others[@]}"; do
    fingerprint "$name" >"$prints/$name.after"
    if diff -u "$prints/$name.before" "$prints/$name.after" >"$prints/$name.diff"; then
      echo "cluster $name: unchanged ($(grep -c . "$prints/$name.after") objects and processes)"
      on_cordoned_nodes "$name" | sed 's/^/  pods on cordoned node /'
    else
      echo "cluster $name CHANGED during the tests (- before, + after):"
      grep -E '^[-+][^-+]' "$prints/$name.diff" || true
      rc=1
    fi
  done
  return "$rc"
}

finish() {
  local rc=$?
  set +e
  if [ "${#others[@]}" -gt 0 ]; then
    step "compare the other clusters with their fingerprints"
    compare_others || rc=1
  fi
  rm -rf "$prints"
  if [ "${PILOTHOUSE_TEST_KEEP_CLUSTER:-0}" = 1 ]; then
    step "keeping the test cluster $test_cluster (PILOTHOUSE_TEST_KEEP_CLUSTER=1)"
    echo "kubeconfig: $KUBECONFIG_OUT; remove it with: PILOTHOUSE_CLUSTER_NAME=$test_cluster npm run cluster:down"
  else
    step "remove the test cluster $test_cluster"
    bash e2e/cluster/down.sh
  fi
  exit "$rc"
}
trap finish EXIT

step "create the test cluster $test_cluster (fresh)"
# A cluster kept by an earlier run (PILOTHOUSE_TEST_KEEP_CLUSTER=1) or left by a crash goes
# first: the suites expect the fixtures as up.sh makes them.
[ ! -d "$CLUSTER_DIR" ] && [ ! -d "$RUN_DIR" ] || bash e2e/cluster/down.sh
bash e2e/cluster/up.sh

step "integration tests (real cluster)"
npx vitest run -c vitest.integration.config.ts

step "browser and desktop tests (Playwright)"
npx playwright test -c e2e/playwright.config.ts

step "integration tests that restart the apiserver (last: the cluster needs minutes after)"
PILOTHOUSE_DISRUPTIVE=1 npx vitest run -c vitest.integration.config.ts
