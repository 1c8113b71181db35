/**
 * The forward engine in a process of its own for e2e/bench/forwards.ts (as the app holds
 * it, and comparable with a `kubectl port-forward` process): starts N forwards to one pod
 * port on free local ports, prints {"ports":[...]} once every one is Active, then idles
 * until killed.
 *   tsx e2e/bench/forward-child.ts --kubeconfig F --namespace NS --pod P --port N --count N
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServices } from '../../main/app';

const { values: a } = parseArgs({
  options: {
    kubeconfig: { type: 'string' },
    namespace: { type: 'string' },
    pod: { type: 'string' },
    port: { type: 'string' },
    count: { type: 'string', default: '1' },
  },
});
const app = await startServices({
  mode: 'web',
  kubeconfig: a.kubeconfig!,
  settingsDir: mkdtempSync(path.join(os.tmpdir(), 'pilothouse-fwd-bench-')),
  version: 'bench',
  watchKubeconfig: false,
  loadSettings: false,
});
const states = await Promise.all(
  Array.from({ length: Number(a.count) }, () =>
    app.forwards
      .start({
        context: 'pilothouse-admin',
        namespace: a.namespace!,
        kind: 'pods',
        name: a.pod!,
        port: Number(a.port),
        localPort: 0,
      })
      .settled(),
  ),
);
const bad = states.filter((s) => s.phase !== 'active');
if (bad.length > 0) {
  process.stderr.write(`not active: ${bad.map((s) => s.state).join('; ')}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify({ ports: states.map((s) => s.localPort) }) + '\n');
setInterval(() => undefined, 1 << 30);
