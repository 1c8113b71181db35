#!/usr/bin/env bash
# `npm test`: everything CI runs, in order of speed, stopping at the first failure.
# Needs the local test cluster for the integration and browser suites: it starts it if it is
# not running (building it from Go modules the first time) and stops it again afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }

step "lint and type-check"
npm run --silent lint
npm run --silent typecheck

step "unit tests"
npx vitest run

step "build the renderer"
npm run --silent build:renderer

started_cluster=""
if ! bash e2e/cluster/status.sh --quiet; then
  step "start the local test cluster"
  started_cluster=1
  trap 'step "stop the local test cluster"; bash e2e/cluster/down.sh' EXIT
fi
# cluster:up is idempotent: on a running cluster it only re-applies the fixtures.
bash e2e/cluster/up.sh
export PILOTHOUSE_CLUSTER_KUBECONFIG="$PWD/e2e/.cluster/kubeconfig"

step "integration tests (real cluster)"
npx vitest run -c vitest.integration.config.ts

step "browser and desktop tests (Playwright)"
npx playwright test -c e2e/playwright.config.ts

step "integration tests that restart the apiserver (last: the cluster needs minutes after)"
PILOTHOUSE_DISRUPTIVE=1 npx vitest run -c vitest.integration.config.ts
[ -z "$started_cluster" ] || true
