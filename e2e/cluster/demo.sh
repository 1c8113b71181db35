#!/usr/bin/env bash
# npm run demo — bring the test cluster up (or refresh it) and open Pilothouse on it: the
# desktop app where the Electron binary is installed, otherwise the browser mode.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/up.sh"
cd "$here/../.."
kubeconfig="$PWD/e2e/.cluster/kubeconfig"
if node --import tsx -e "import('./main/tools/electron-binary.ts').then(m => process.exit(m.findElectronBinary(process.cwd()).found ? 0 : 1))" 2>/dev/null; then
  exec npx electron-vite dev -c electron.config.ts -- --kubeconfig="$kubeconfig" "$@"
fi
echo "[demo] no Electron binary here: opening the browser mode" >&2
exec npm run web -- --kubeconfig "$kubeconfig" "$@"
