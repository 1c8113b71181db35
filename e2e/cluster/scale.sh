#!/usr/bin/env bash
# npm run cluster:scale -- --pods N [--churn R [--duration S]]
# See scale.ts. Needs a running cluster (npm run cluster:up).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
[ -f "$KUBECONFIG_OUT" ] || die "no $KUBECONFIG_OUT: run npm run cluster:up first"
cd "$repo"
mkdir -p "$RUN_DIR"
# scale.ts pauses metrics-server while it adds pods (see there); whatever way it ends,
# metrics-server runs again (SIGCONT to a running process does nothing).
ms_pid_file=$CLUSTER_DIR/pids/metrics-server.pid
trap '[ -f "$ms_pid_file" ] && kill -CONT "$(cat "$ms_pid_file")" 2>/dev/null || true' EXIT
node --import tsx "$cluster_here/scale.ts" --kubeconfig "$KUBECONFIG_OUT" \
  --metrics-server-pid-file "$ms_pid_file" "$@" &
pid=$!
# Recorded so that cluster:down can stop a churn left running in the background.
echo "$pid" >"$RUN_DIR/scale-$pid.pid"
trap 'kill -TERM $pid 2>/dev/null' INT TERM
rc=0
wait "$pid" || rc=$?
# wait returns early when a trapped signal arrives: wait again for the real exit.
if pid_alive "$pid"; then wait "$pid" || rc=$?; fi
rm -f "$RUN_DIR/scale-$pid.pid"
exit "$rc"
