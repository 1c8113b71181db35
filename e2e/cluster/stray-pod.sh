#!/usr/bin/env bash
# Someone's experiment on the demo cluster, the one that used to break `npm test` (issue 16):
# namespace pilothouse-stray with a pod `stray` that tolerates every taint and asks for the
# cordoned node, so the real scheduler places it there next to the DaemonSet pods. `npm test`
# must pass with it in place and leave it there (e2e/test-all.sh compares the demo cluster
# before and after). Acts on PILOTHOUSE_CLUSTER_NAME (default pilothouse, the demo cluster);
# idempotent. Remove it with: kubectl delete namespace pilothouse-stray.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

apiserver_ready || die "cluster $CLUSTER_NAME is not running (npm run cluster:up)"
node=$(k get nodes --field-selector spec.unschedulable=true -o jsonpath='{.items[0].metadata.name}')
[ -n "$node" ] || die "cluster $CLUSTER_NAME has no cordoned node"
k create namespace pilothouse-stray --dry-run=client -o yaml | k apply -f - >/dev/null
# The ServiceAccount admission plugin rejects pods until the namespace's default SA exists.
k wait -n pilothouse-stray --for=create serviceaccount/default --timeout=60s >/dev/null
k apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata: {name: stray, namespace: pilothouse-stray, labels: {app: stray}}
spec:
  tolerations: [{operator: Exists}]
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: In, values: [$node]}]}]
  containers: [{name: stray, image: registry.example.invalid/stray:1}]
EOF
k wait -n pilothouse-stray pod/stray --for=condition=Ready --timeout=120s >/dev/null
log "pod pilothouse-stray/stray runs on the cordoned node $(k get pod -n pilothouse-stray stray -o jsonpath='{.spec.nodeName}') of cluster $CLUSTER_NAME"
