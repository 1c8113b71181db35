#!/usr/bin/env bash
# npm run cluster:down — stops the fixture agent (log writers, port-forward targets) and
# every cluster component, then removes all cluster state and e2e/.cluster/kubeconfig.
# Acts on one cluster: PILOTHOUSE_CLUSTER_NAME (default pilothouse, the demo cluster; see
# lib.sh); the other clusters and the shared binaries stay.
# Processes are stopped by the pids recorded at start-up, never by name.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

stop_pid() { # pid what
  local pid=$1 i
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 50); do
    pid_alive "$pid" || return 0
    sleep 0.1
  done
  log "$2 (pid $pid) ignored SIGTERM: killing"
  kill -KILL "$pid" 2>/dev/null || true
}

agent=$(cat "$AGENT_PID" 2>/dev/null || true)
if pid_alive "$agent"; then
  log "stopping fixture agent (pid $agent)"
  stop_pid "$agent" "fixture agent"
fi
# scale.sh --churn may still run in the background of someone's shell.
for f in "$RUN_DIR"/*.pid; do
  [ -f "$f" ] || continue
  stop_pid "$(cat "$f")" "$(basename "$f" .pid)"
done

pids=$(component_pids | tr '\n' ' ')
if [ -d "$CLUSTER_DIR" ]; then
  log "deleting cluster $CLUSTER_NAME"
  if [ -x "$BIN_DIR/kwokctl" ]; then
    out=$(KWOK_KUBECTL_BINARY=$BIN_DIR/kubectl "$BIN_DIR/kwokctl" delete cluster --name "$CLUSTER_NAME" 2>&1) ||
      log "kwokctl delete cluster failed; stopping components by pid: $out"
  fi
fi
# Whatever kwokctl left behind (or when it was not available): the recorded pids.
for pid in $pids; do
  stop_pid "$pid" "component"
done

rm -rf "$CLUSTER_DIR" "$RUN_DIR"
rm -f "$KUBECONFIG_OUT"
# e2e/.cluster-<name>/ only ever holds that cluster's kubeconfig (and its .gitignore).
[ "$CLUSTER_NAME" = "$DEMO_CLUSTER_NAME" ] || rm -rf "$OUT_DIR"
log "cluster $CLUSTER_NAME is down; state removed"
