#!/usr/bin/env bash
# npm run cluster:up — a real Kubernetes control plane (etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, metrics-server) with simulated nodes (kwok),
# all on 127.0.0.1, plus fixtures and a fixture agent (live logs, port-forward targets).
# Writes e2e/.cluster/kubeconfig (another cluster name: see lib.sh) with contexts
# pilothouse-admin, pilothouse-viewer and pilothouse-offline. Idempotent: on a running
# cluster it only re-applies the fixtures (and restarts the agent if it died).
#
# Env: PILOTHOUSE_CLUSTER_NAME (default pilothouse, the demo cluster; npm test uses
# pilothouse-test), PILOTHOUSE_CACHE (default ~/.cache/pilothouse), PILOTHOUSE_LOG_RATE
# (log lines per second per container, default 1), PILOTHOUSE_WAIT_METRICS=1 (also wait
# until `kubectl top` has data, ~30-60 s more).
set -euo pipefail
t0_ms=$(($(date +%s%N) / 1000000))
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
fixtures=$cluster_here/fixtures

built=$(bash "$cluster_here/build.sh" | tail -n 1)
[ "$built" = "$BIN_DIR" ] || die "build.sh printed '$built', expected $BIN_DIR"
log "binaries: $BIN_DIR"

mkdir -p "$RUN_DIR" "$OUT_DIR"
# e2e/.cluster/ holds a generated kubeconfig with credentials: never commit it.
printf '*\n' >"$OUT_DIR/.gitignore"

# kwok follows each log stream with the kubelet's code, one inotify instance per stream;
# the common default of 128 per user runs out with the log benchmark's 70 streams, and
# the kubelet code then writes "failed to create fsnotify watcher: too many open files"
# into the log stream itself. Real nodes raise it too (kind's known-issues page says so).
# The limit is per user, so the demo and the test cluster share it (each uses one
# instance per followed stream: tens in the tests, 70 in the log benchmark).
want_inotify=1024
have_inotify=$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo "$want_inotify")
if [ "$have_inotify" -lt "$want_inotify" ]; then
  if sysctl -qw fs.inotify.max_user_instances=$want_inotify 2>/dev/null ||
    sudo -n sysctl -qw fs.inotify.max_user_instances=$want_inotify 2>/dev/null; then
    log "raised fs.inotify.max_user_instances from $have_inotify to $want_inotify"
  else
    log "warning: fs.inotify.max_user_instances is $have_inotify; more log streams than that fail"
  fi
fi

crds=Logs,ClusterLogs,PortForward,ClusterPortForward,Exec,ClusterExec,Attach,ClusterAttach,Metric,ResourceUsage,ClusterResourceUsage

# Ports recorded by the other clusters under $KWOK_WORKDIR/clusters, running or stopped.
other_clusters_ports() {
  local d
  for d in "$KWOK_WORKDIR"/clusters/*/; do
    [ "${d%/}" != "$CLUSTER_DIR" ] && [ -f "$d/kwok.yaml" ] || continue
    grep -oiE '[a-z]*port: *[0-9]+' "$d/kwok.yaml" | grep -oE '[0-9]+$' || true
  done
}
# TCP ports anything on this machine listens on (no ss/netstat needed).
listening_ports() {
  local _ local_addr st
  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | while read -r _ local_addr _ st _; do
    if [ "$st" = 0A ]; then echo $((16#${local_addr##*:})); fi
  done
  return 0
}
# kwokctl's binary runtime picks free ports by itself, counting down from 32767, but it only
# sees ports in use at that moment (it reads other clusters' hostPort fields, which the
# binary runtime leaves at 0): a cluster created while another one is stopped (by
# `kwokctl stop`, a reboot, or the disruptive test) would take that one's ports, and the
# stopped one could not start again. So the ports are chosen here, free now and recorded by
# no other cluster, in the same range (below Linux's ephemeral ports, 32768+), and written
# into the kwokctl config. Prints N ports. Call with $KWOK_WORKDIR/.create.lock held.
pick_ports() {
  local n=$1 used port
  used=" $({ other_clusters_ports; listening_ports; } | sort -un | tr '\n' ' ') "
  for ((port = 32766; port > 10000 && n > 0; port--)); do
    [[ $used == *" $port "* ]] && continue
    echo "$port"
    n=$((n - 1))
  done
  [ "$n" = 0 ]
}

create_cluster() {
  # Two clusters created at the same time must not choose the same ports: the lock is held
  # from choosing them until kwokctl has started the components (fd 9 is closed for
  # kwokctl, so the components it leaves running do not inherit the lock).
  mkdir -p "$KWOK_WORKDIR"
  exec 9>"$KWOK_WORKDIR/.create.lock"
  flock 9
  local ports
  mapfile -t ports < <(pick_ports 7) && [ "${#ports[@]}" = 7 ] || die "no 7 free ports in 10001-32766"
  log "ports: apiserver ${ports[0]}, etcd ${ports[1]}/${ports[2]}, kwok ${ports[3]}, controller-manager ${ports[4]}, scheduler ${ports[5]}, metrics-server ${ports[6]}"
  # Options kwokctl has no flag for: bind everything to loopback; the ports; pod IPs from a
  # /16 (the default /24 runs out at 254 pods; loopback pod IPs are not possible because
  # EndpointSlice validation rejects 127.0.0.0/8 addresses).
  cat >"$RUN_DIR/kwokctl.yaml" <<EOF
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokctlConfiguration
options:
  bindAddress: 127.0.0.1
  kubeApiserverPort: ${ports[0]}
  etcdPort: ${ports[1]}
  etcdPeerPort: ${ports[2]}
  kwokControllerPort: ${ports[3]}
  kubeControllerManagerPort: ${ports[4]}
  kubeSchedulerPort: ${ports[5]}
  metricsServerPort: ${ports[6]}
componentsPatches:
- name: kwok-controller
  extraArgs:
  - key: cidr
    value: 10.244.0.1/16
EOF
  local args=(
    create cluster --name "$CLUSTER_NAME" --runtime binary
    --config "$RUN_DIR/kwokctl.yaml"
    --kubeconfig ""
    --kube-apiserver-binary "$BIN_DIR/kube-apiserver"
    --kube-controller-manager-binary "$BIN_DIR/kube-controller-manager"
    --kube-scheduler-binary "$BIN_DIR/kube-scheduler"
    --kwok-controller-binary "$BIN_DIR/kwok"
    --etcd-binary "$BIN_DIR/etcd"
    --enable metrics-server --metrics-server-binary "$BIN_DIR/metrics-server"
    --kube-authorization=true --kube-admission=true
    --enable-crds "$crds"
    --disable-qps-limits
    --wait 3m
  )
  # kwokctl downloads whatever it is not given: make sure no URL but loopback ones and
  # the service-account issuer (a name, never dialled) appears in what it would run.
  local dry urls
  dry=$("$BIN_DIR/kwokctl" --dry-run "${args[@]}" 2>&1 9>&-) || die "kwokctl --dry-run failed: $dry"
  urls=$(grep -oE 'https?://[^ "]+' <<<"$dry" |
    grep -vE '^https?://(127\.0\.0\.1|localhost)(:|/|$)|^https://kubernetes\.default\.svc' || true)
  [ -z "$urls" ] || die "kwokctl would fetch: $urls"
  log "creating cluster $CLUSTER_NAME (kwokctl, binary runtime)"
  if ! "$BIN_DIR/kwokctl" "${args[@]}" >"$RUN_DIR/kwokctl-create.log" 2>&1 9>&-; then
    cat "$RUN_DIR/kwokctl-create.log" >&2
    die "kwokctl create cluster failed (log above; component logs in $CLUSTER_DIR/logs)"
  fi
  exec 9>&-
}

export KWOK_KUBECTL_BINARY=$BIN_DIR/kubectl KWOK_KUBE_VERSION=$K8S_VERSION
fresh=0
if apiserver_ready; then
  log "cluster $CLUSTER_NAME is running: re-applying fixtures only"
else
  if [ -f "$CLUSTER_DIR/kwok.yaml" ]; then
    # Left over from a crash, a reboot or `kwokctl stop`: start the components again.
    # (`kwokctl create` on an existing cluster fails re-creating its CRDs: "resource not
    # handled", "metadata.resourceVersion: must be specified for an update".)
    log "found stopped cluster in $CLUSTER_DIR: starting it again"
    if ! "$BIN_DIR/kwokctl" start cluster --name "$CLUSTER_NAME" >"$RUN_DIR/kwokctl-start.log" 2>&1 ||
      ! apiserver_ready; then
      log "restart failed (see $RUN_DIR/kwokctl-start.log): re-creating the cluster"
      bash "$cluster_here/down.sh"
      mkdir -p "$RUN_DIR" "$OUT_DIR"
    fi
  fi
  if ! apiserver_ready; then
    create_cluster
    apiserver_ready || die "apiserver not ready after kwokctl create"
    fresh=1
  fi
fi
server=$(k config view --minify -o jsonpath='{.clusters[0].cluster.server}')
log "apiserver $server"

# --- fixtures -------------------------------------------------------------------------
k wait --for=condition=Established --timeout=60s \
  crd/{logs,clusterlogs,portforwards,clusterportforwards,metrics,clusterresourceusages,execs,attaches}.kwok.x-k8s.io >/dev/null
k apply -f "$fixtures/00-namespaces.yaml" -f "$fixtures/01-nodes.yaml" -f "$fixtures/02-rbac.yaml" \
  -f "$fixtures/03-kwok-metrics.yaml" >/dev/null
log "nodes applied; waiting for kwok to make them Ready"
k wait --for=condition=Ready node -l pilothouse.dev/fixture=true --timeout=120s >/dev/null
for ns in team-a team-b rollouts; do
  # The ServiceAccount admission plugin rejects pods until the namespace's default SA exists.
  k wait --for=create -n "$ns" serviceaccount/default --timeout=60s >/dev/null
done
# A real (self-signed, throw-away) certificate for the Ingress TLS secret: the apiserver
# warns about secrets of type kubernetes.io/tls that hold no parseable certificate.
if ! k get secret -n team-a web-tls >/dev/null 2>&1; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=shop.pilothouse.test \
    -addext subjectAltName=DNS:shop.pilothouse.test \
    -keyout "$RUN_DIR/web-tls.key" -out "$RUN_DIR/web-tls.crt" 2>/dev/null
  k create secret tls web-tls -n team-a --cert "$RUN_DIR/web-tls.crt" --key "$RUN_DIR/web-tls.key" >/dev/null
  k label secret web-tls -n team-a app=web >/dev/null
  rm -f "$RUN_DIR/web-tls.key" "$RUN_DIR/web-tls.crt"
fi
k apply -f "$fixtures/10-config.yaml" -f "$fixtures/20-network.yaml" -f "$fixtures/30-workloads.yaml" >/dev/null

# Workloads with history: apply revision 1, 2, 3 in order and wait for each rollout, so
# the ReplicaSet / ControllerRevision history is real. Skipped when the last revision is
# already live. `pilothouse.dev/expect` in a file: `stuck` (cannot finish by design: wait
# for the new ReplicaSet's Pending pods), `paused` (paused with a new template in the same
# apply: wait until the controller says so).
cause_path='{.metadata.annotations.kubernetes\.io/change-cause}'
rollout() {
  local kind=$1 ns=$2 name=$3 files=("${@:4}") last cause want f expect
  last=${files[-1]}
  want=$(k apply --dry-run=client -o jsonpath="$cause_path" -f "$last")
  cause=$(k get "$kind" "$name" -n "$ns" -o jsonpath="$cause_path" 2>/dev/null || true)
  if [ -n "$cause" ] && [ "$cause" = "$want" ]; then
    k apply -f "$last" >/dev/null
    return
  fi
  for f in "${files[@]}"; do
    k apply -f "$f" >/dev/null
    expect=$(k apply --dry-run=client -o jsonpath='{.metadata.annotations.pilothouse\.dev/expect}' -f "$f")
    if [ "$expect" = stuck ]; then
      k wait -n "$ns" "$kind/$name" --for=jsonpath='{.status.updatedReplicas}'=2 --timeout=60s >/dev/null
    elif [ "$expect" = paused ]; then
      k wait -n "$ns" "$kind/$name" --for=condition=Progressing=Unknown --timeout=60s >/dev/null
    else
      k rollout status -n "$ns" "$kind/$name" --timeout=120s >/dev/null
    fi
  done
  log "$kind $ns/$name: ${#files[@]} revisions applied"
}
rollout deploy team-a web "$fixtures"/rollouts/web.{1,2,3}.yaml &
p1=$!
rollout deploy team-a api "$fixtures"/rollouts/api.{1,2,3}.yaml &
p2=$!
rollout deploy team-b worker "$fixtures"/rollouts/worker.{1,2,3}.yaml &
p3=$!
rollout statefulset rollouts ledger "$fixtures"/rollouts/ledger.{1,2,3}.yaml &
p4=$!
rollout daemonset rollouts collector "$fixtures"/rollouts/collector.{1,2,3}.yaml &
p5=$!
rollout deploy rollouts frozen "$fixtures"/rollouts/frozen.{1,2}.yaml &
p6=$!
k apply -f "$fixtures/rollouts/slow.yaml" >/dev/null
for p in $p1 $p2 $p3 $p4 $p5 $p6; do wait "$p" || die "a rollout of the fixtures failed"; done

# The anti-affinity pod must find singleton-leader already placed.
k wait -n team-a pod/singleton-leader --for=condition=Ready --timeout=60s >/dev/null
k apply -f "$fixtures/40-pending.yaml" >/dev/null

# --- fixture agent: live log files, Logs/PortForward objects, port-forward targets ----
agent_pid=$(cat "$AGENT_PID" 2>/dev/null || true)
if pid_alive "$agent_pid" && grep -q agent.ts "/proc/$agent_pid/cmdline" 2>/dev/null; then
  log "fixture agent already running (pid $agent_pid)"
else
  log "starting fixture agent"
  (
    cd "$repo"
    # Own session: survives the terminal/npm that started it; down.sh stops it by pid.
    setsid node --import tsx "$cluster_here/agent.ts" --kubeconfig "$KWOK_KUBECONFIG" \
      --run-dir "$RUN_DIR" --log-rate "${PILOTHOUSE_LOG_RATE:-1}" \
      </dev/null >>"$RUN_DIR/agent.log" 2>&1 &
    echo $! >"$AGENT_PID"
  )
fi

# --- readiness --------------------------------------------------------------------------
# metrics.k8s.io is Available once kube-apiserver reaches metrics-server. Twice in about ten
# full runs it was not within 120 s, with no trace left (CI removes the cluster). So the
# wait says what it saw (the APIService's condition, the process, its log) and restarts
# metrics-server once, with its own command line, before giving up.
metrics_server_pid() { cat "$CLUSTER_DIR/pids/metrics-server.pid" 2>/dev/null || true; }
metrics_available() {
  k wait --for=condition=Available apiservice/v1beta1.metrics.k8s.io --timeout="$1" >/dev/null 2>&1
}
metrics_evidence() {
  local pid
  pid=$(metrics_server_pid)
  log "APIService v1beta1.metrics.k8s.io: $(k get apiservice v1beta1.metrics.k8s.io \
    -o jsonpath='{range .status.conditions[*]}{.type}={.status} {.reason}: {.message}{end}' 2>&1)"
  if pid_alive "$pid"; then log "metrics-server (pid $pid) is running"; else log "metrics-server (pid ${pid:-?}) is not running"; fi
  log "last lines of $CLUSTER_DIR/logs/metrics-server.log:"
  tail -n 15 "$CLUSTER_DIR/logs/metrics-server.log" >&2 2>/dev/null || true
}
restart_metrics_server() {
  local pid argv=() cwd
  pid=$(metrics_server_pid)
  # The command line kwokctl started it with, saved once it ran (see save_metrics_server_argv).
  [ -s "$RUN_DIR/metrics-server.argv" ] || return 1
  mapfile -d '' -t argv <"$RUN_DIR/metrics-server.argv"
  cwd=$(cat "$RUN_DIR/metrics-server.cwd")
  if pid_alive "$pid"; then kill "$pid" 2>/dev/null || true; sleep 2; fi
  # exec: the pid recorded is metrics-server's own, which cluster:down stops.
  (cd "$cwd" || exit 1; exec setsid "${argv[@]}" >>"$CLUSTER_DIR/logs/metrics-server.log" 2>&1 </dev/null) &
  echo $! >"$CLUSTER_DIR/pids/metrics-server.pid"
  log "metrics-server restarted (pid $(metrics_server_pid))"
}
save_metrics_server_argv() {
  local pid
  pid=$(metrics_server_pid)
  pid_alive "$pid" || return 0
  rm -f "$RUN_DIR/metrics-server.argv" "$RUN_DIR/metrics-server.cwd"
  cat "/proc/$pid/cmdline" >"$RUN_DIR/metrics-server.argv" 2>/dev/null || true
  readlink "/proc/$pid/cwd" >"$RUN_DIR/metrics-server.cwd" 2>/dev/null || true
}
wait_metrics_api() {
  metrics_available 120s && return 0
  log "the metrics API is not Available after 120 s"
  metrics_evidence
  restart_metrics_server || { log "no saved command line to restart metrics-server with"; return 1; }
  metrics_available 120s && { log "the metrics API is Available after the restart"; return 0; }
  metrics_evidence
  return 1
}
save_metrics_server_argv

log "waiting for workloads"
k wait -n team-a --for=condition=Available deploy/web --timeout=120s >/dev/null
k wait -n team-b --for=condition=Available deploy/worker --timeout=120s >/dev/null
k rollout status -n team-a statefulset/db --timeout=120s >/dev/null
k rollout status -n team-b daemonset/node-agent --timeout=120s >/dev/null
k rollout status -n rollouts deploy/slow --timeout=120s >/dev/null
k wait -n team-b --for=condition=Complete job/db-migrate-v42 --timeout=120s >/dev/null
k wait -n team-a --for=condition=Ready pod/toolbox --timeout=120s >/dev/null
k wait -n team-b --for=condition=Ready pod/trainer pod/backup-runner --timeout=120s >/dev/null
k wait -n team-a --for=condition=PodScheduled=False --timeout=120s \
  pod/pending-untolerated-taint pod/pending-node-selector pod/pending-node-affinity \
  pod/pending-anti-affinity pod/pending-insufficient-cpu >/dev/null
k wait -n team-b --for=condition=PodScheduled=False pod/pending-insufficient-gpu --timeout=120s >/dev/null
# The agent publishes a Logs and a PortForward object per pod of team-a/team-b.
# (kubectl wait --for=create takes one object at a time: with several it fails at once.)
for obj in logs.kwok.x-k8s.io/toolbox portforwards.kwok.x-k8s.io/toolbox portforwards.kwok.x-k8s.io/db-0; do
  k wait -n team-a --for=create "$obj" --timeout=60s >/dev/null
done
wait_metrics_api || die "the metrics API is not Available (evidence above)"
k wait -n team-a secret/pilothouse-viewer-token --for=jsonpath='{.data.token}' --timeout=60s >/dev/null
if [ "${PILOTHOUSE_WAIT_METRICS:-0}" = 1 ]; then
  log "waiting for metrics-server to have pod metrics"
  until k top pods -n team-a --no-headers 2>/dev/null | grep -q .; do sleep 2; done
fi

# --- kubeconfig for tests and the app ---------------------------------------------------
tmp=$(mktemp "$OUT_DIR/kubeconfig.XXXXXX")
kc() { "$BIN_DIR/kubectl" --kubeconfig "$tmp" config "$@" >/dev/null; }
pki=$CLUSTER_DIR/pki
token=$(k get secret -n team-a pilothouse-viewer-token -o jsonpath='{.data.token}' | base64 -d)
kc set-cluster pilothouse --server "$server" --certificate-authority "$pki/ca.crt" --embed-certs=true
# Nothing listens on port 1 of the loopback: a cluster that is configured but unreachable.
kc set-cluster pilothouse-offline --server https://127.0.0.1:4 --certificate-authority "$pki/ca.crt" --embed-certs=true
kc set-credentials pilothouse-admin --client-certificate "$pki/admin.crt" --client-key "$pki/admin.key" --embed-certs=true
kc set-credentials pilothouse-viewer --token "$token"
kc set-context pilothouse-admin --cluster pilothouse --user pilothouse-admin --namespace default
kc set-context pilothouse-viewer --cluster pilothouse --user pilothouse-viewer --namespace team-a
kc set-context pilothouse-offline --cluster pilothouse-offline --user pilothouse-admin --namespace default
kc use-context pilothouse-admin
chmod 600 "$tmp"
mv -f "$tmp" "$KUBECONFIG_OUT"

log "ready$([ $fresh = 1 ] && echo ' (new cluster)'): $server"
log "kubeconfig: $KUBECONFIG_OUT (contexts pilothouse-admin, pilothouse-viewer, pilothouse-offline)"
log "kubectl: $BIN_DIR/kubectl --kubeconfig $KUBECONFIG_OUT get pods -A"
