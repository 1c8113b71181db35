#!/usr/bin/env bash
# npm run demo — bring the demo cluster up (or refresh it; PILOTHOUSE_CLUSTER_NAME picks
# another) and open Pilothouse on it: the desktop app where the Electron binary is
# installed, otherwise the browser mode.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
bash "$here/up.sh"
cd "$repo"
kubeconfig=$KUBECONFIG_OUT
if node --import tsx -e "import('./main/tools/electron-binary.ts').then(m => process.exit(m.findElectronBinary(process.cwd()).found ? 0 : 1))" 2>/dev/null; then
  exec npx electron-vite dev -c electron.config.ts -- --kubeconfig="$kubeconfig" "$@"
fi
echo "[demo] no Electron binary here: opening the browser mode" >&2
exec npm run web -- --kubeconfig "$kubeconfig" "$@"
