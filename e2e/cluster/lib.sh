# Shared settings of the test-cluster scripts (sourced, not run).
# Every script acts on ONE cluster, named by PILOTHOUSE_CLUSTER_NAME: the demo cluster
# `pilothouse` by default (npm run demo / cluster:*), `pilothouse-test` for npm test.
# Every path that holds state lives under $PILOTHOUSE_CACHE (default ~/.cache/pilothouse),
# per cluster, except the kubeconfig handed to tests and the app: e2e/.cluster/kubeconfig
# for `pilothouse`, e2e/.cluster-<name without "pilothouse-">/kubeconfig for any other
# (e2e/.cluster-test/kubeconfig for `pilothouse-test`). Only the binaries are shared.
# shellcheck shell=bash
cluster_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$cluster_here/../.." && pwd)
# shellcheck source=versions.env
. "$cluster_here/versions.env"

CACHE=${PILOTHOUSE_CACHE:-$HOME/.cache/pilothouse}
DEMO_CLUSTER_NAME=pilothouse
CLUSTER_NAME=${PILOTHOUSE_CLUSTER_NAME:-$DEMO_CLUSTER_NAME}
# kwokctl's own rule for names; the name also becomes part of paths.
[[ $CLUSTER_NAME =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ ]] ||
  { echo "PILOTHOUSE_CLUSTER_NAME '$CLUSTER_NAME': use lowercase letters, digits and '-'" >&2; exit 2; }
# kwokctl keeps each cluster (config, pki, pids, component logs, etcd data) in
# $KWOK_WORKDIR/clusters/<name>; keep it out of ~/.kwok.
export KWOK_WORKDIR=$CACHE/kwok
CLUSTER_DIR=$KWOK_WORKDIR/clusters/$CLUSTER_NAME
# Admin kubeconfig written by kwokctl (client cert of kwok-admin, group system:masters).
KWOK_KUBECONFIG=$CLUSTER_DIR/kubeconfig.yaml
# State of our own helpers: the fixture agent (log writers, port-forward targets).
RUN_DIR=$CACHE/run/$CLUSTER_NAME
AGENT_PID=$RUN_DIR/agent.pid
# Kept by e2e/support/test-cluster.ts (clusterOutDir): the same rule in TypeScript.
if [ "$CLUSTER_NAME" = "$DEMO_CLUSTER_NAME" ]; then
  OUT_DIR=$repo/e2e/.cluster
else
  OUT_DIR=$repo/e2e/.cluster-${CLUSTER_NAME#pilothouse-}
fi
KUBECONFIG_OUT=$OUT_DIR/kubeconfig
BIN_DIR=$CACHE/bin/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION-ms-$METRICS_SERVER_VERSION

t0_ms=${t0_ms:-$(($(date +%s%N) / 1000000))}
elapsed() { local ms=$(($(date +%s%N) / 1000000 - t0_ms)); printf '%d.%ds' $((ms / 1000)) $((ms % 1000 / 100)); }
log() { printf '[cluster %6s] %s\n' "$(elapsed)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The built kubectl against the admin identity (never Debian's /usr/bin/kubectl: too old).
k() { "$BIN_DIR/kubectl" --kubeconfig "$KWOK_KUBECONFIG" "$@"; }

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# True when the apiserver of our cluster answers /readyz.
apiserver_ready() {
  [ -f "$KWOK_KUBECONFIG" ] && [ -x "$BIN_DIR/kubectl" ] &&
    k get --raw /readyz --request-timeout=3s >/dev/null 2>&1
}

# PIDs of the cluster's components, from kwokctl's pid files.
component_pids() {
  local f
  # kwokctl writes its pid files without a newline: one line each here.
  for f in "$CLUSTER_DIR"/pids/*.pid; do
    [ -f "$f" ] && echo "$(cat "$f")"
  done
  return 0
}
