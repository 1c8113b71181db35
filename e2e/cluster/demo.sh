#!/usr/bin/env bash
# npm run demo — bring the test cluster up (or refresh it) and open the web UI on it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/up.sh"
cd "$here/../.."
exec npm run web -- --kubeconfig e2e/.cluster/kubeconfig "$@"
