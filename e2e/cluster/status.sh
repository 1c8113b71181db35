#!/usr/bin/env bash
# npm run cluster:status — pinned versions, whether the binaries are built, and what runs:
# every cluster under $KWOK_WORKDIR/clusters (the demo cluster `pilothouse`, the test
# cluster `pilothouse-test` while npm test runs or was kept, any other).
# Exit status: 0 when the apiserver of the cluster PILOTHOUSE_CLUSTER_NAME (default
# pilothouse) answers, 1 otherwise. --quiet prints nothing.
set -uo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

if [ "${1:-}" = --quiet ]; then
  apiserver_ready
  exit
fi

echo "Pinned versions (e2e/cluster/versions.env):"
sed -n 's/^\([A-Z0-9_]*_VERSION\)=\(.*\)$/  \1 \2/p' "$cluster_here/versions.env"
echo
echo "Binaries: $BIN_DIR"
for b in etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok kwokctl metrics-server; do
  if [ -x "$BIN_DIR/$b" ]; then
    if [ "$b" = kubectl ]; then
      v=$("$BIN_DIR/$b" version --client 2>/dev/null | head -n 1)
    else
      v=$("$BIN_DIR/$b" --version 2>/dev/null | head -n 1)
    fi
    printf '  %-24s %s\n' "$b" "${v:-built}"
  else
    printf '  %-24s %s\n' "$b" "not built (npm run cluster:up builds it)"
  fi
done
# One cluster's components, agent and apiserver; status 0 iff its apiserver answers.
# Runs in a subshell that has sourced lib.sh for that cluster.
report() {
  local role=""
  [ "$CLUSTER_NAME" = "$DEMO_CLUSTER_NAME" ] && role="demo cluster, "
  [ "$CLUSTER_NAME" = pilothouse-test ] && role="npm test's cluster, "
  echo "Cluster $CLUSTER_NAME (${role}state in $CLUSTER_DIR):"
  if [ ! -d "$CLUSTER_DIR" ]; then
    echo "  not created"
    return 1
  fi
  local f pid state agent
  for f in "$CLUSTER_DIR"/pids/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    state=stopped
    pid_alive "$pid" && state=running
    printf '  %-24s pid %-8s %s\n' "$(basename "$f" .pid)" "$pid" "$state"
  done
  agent=$(cat "$AGENT_PID" 2>/dev/null || true)
  printf '  %-24s pid %-8s %s\n' "fixture-agent" "${agent:--}" "$(pid_alive "$agent" && echo running || echo stopped)"
  if apiserver_ready; then
    echo "  apiserver:  $(k config view --minify -o jsonpath='{.clusters[0].cluster.server}') (ready)"
    echo "  kubeconfig: $KUBECONFIG_OUT$([ -f "$KUBECONFIG_OUT" ] || echo ' (missing: run cluster:up)')"
    echo "  nodes: $(k get nodes --no-headers 2>/dev/null | wc -l)  pods: $(k get pods -A --no-headers 2>/dev/null | wc -l)" \
      "(pending: $(k get pods -A --field-selector=status.phase=Pending --no-headers 2>/dev/null | wc -l))"
    return 0
  fi
  echo "  apiserver: not answering"
  return 1
}

# The selected cluster first (also when it does not exist), then every other one.
names=("$CLUSTER_NAME")
for d in "$KWOK_WORKDIR"/clusters/*/; do
  [ -d "$d" ] || continue
  n=$(basename "$d")
  [ "$n" = "$CLUSTER_NAME" ] || names+=("$n")
done
rc=1
for n in "${names[@]}"; do
  echo
  if (PILOTHOUSE_CLUSTER_NAME=$n && . "$cluster_here/lib.sh" && report); then
    [ "$n" = "$CLUSTER_NAME" ] && rc=0
  fi
done
exit "$rc"
