#!/usr/bin/env bash
# Builds the test cluster's binaries from Go modules and caches them by version
# under ${PILOTHOUSE_CACHE:-~/.cache/pilothouse}/bin/<versions>/. A component whose
# binary is already there is not rebuilt, so a warm run takes a second.
# Nothing is downloaded but Go modules: release binaries cannot be fetched here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
. "$here/versions.env"

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
cache=${PILOTHOUSE_CACHE:-$HOME/.cache/pilothouse}
bin="$cache/bin/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION-ms-$METRICS_SERVER_VERSION"
mkdir -p "$bin"
log() { printf '[cluster:build] %s\n' "$*" >&2; }
# The demo and the test cluster share these binaries: one build at a time.
exec 9>"$bin/.build.lock"
flock -n 9 || { log "another build is running: waiting for it"; flock 9; }

have() { for b in "$@"; do [ -x "$bin/$b" ] || return 1; done; }

if ! have kube-apiserver kube-controller-manager kube-scheduler kubectl etcd; then
  log "building kubernetes $K8S_VERSION and etcd $ETCD_VERSION (cold: tens of minutes on 2 cores)"
  minor=${K8S_VERSION#v1.}; minor=${minor%%.*}
  date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  ld=""
  # Unstamped binaries say v0.0.0-master; kwokctl reads --version to pick flags.
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld="$ld -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
    ld="$ld -X $pkg.gitTreeState=clean -X $pkg.buildDate=$date"
  done
  tmp="$bin/.tmp"; mkdir -p "$tmp"
  (cd "$here/k8s" && go build -trimpath -ldflags "-s -w $ld" -o "$tmp/" \
    k8s.io/kubernetes/cmd/kube-apiserver \
    k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler \
    k8s.io/kubernetes/cmd/kubectl \
    ./etcd)
  mv "$tmp"/* "$bin/" && rmdir "$tmp"
fi

if ! have kwok kwokctl; then
  log "building kwok $KWOK_VERSION"
  GOBIN="$bin" go install -trimpath -ldflags "-s -w" \
    "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" "sigs.k8s.io/kwok/cmd/kwokctl@$KWOK_VERSION"
fi

# metrics-server reports its version through client-go's version package (its Makefile
# stamps it the same way); unstamped it says v0.0.0-master.
if ! have metrics-server || ! "$bin/metrics-server" --version 2>/dev/null | grep -qx "$METRICS_SERVER_VERSION"; then
  log "building metrics-server $METRICS_SERVER_VERSION"
  GOBIN="$bin" go install -trimpath -ldflags "-s -w \
    -X k8s.io/client-go/pkg/version.gitVersion=$METRICS_SERVER_VERSION \
    -X k8s.io/client-go/pkg/version.gitTreeState=clean \
    -X k8s.io/client-go/pkg/version.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    "sigs.k8s.io/metrics-server/cmd/metrics-server@$METRICS_SERVER_VERSION"
fi

echo "$bin"
