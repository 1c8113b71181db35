// The kube-apiserver restarts while the log engine follows containers: every stream
// resumes from its last timestamp, with no line repeated or lost. Runs after every other
// suite (e2e/test-all.sh): kwok v0.7.0 stops starting new pods for minutes after an
// apiserver restart (its node leases last 200 s), which other tests would trip over.
import { afterAll, expect, it } from 'vitest';
import { restartComponent } from '../../support/cluster';
import { eventually } from '../cluster';
import { LogCollector } from '../log-collector';

const c = new LogCollector('deploy:web container:nginx ns:team-a tail:5');
afterAll(() => c.stop());

it('resumes every stream after an apiserver restart without repeating or losing a line', async () => {
  await c.ready();
  await eventually('lines', async () => c.pods().every((p) => c.linesOf(p).length > 8));
  await restartComponent('kube-apiserver');
  const restarted = new Date().toISOString();
  await eventually(
    'every stream to deliver lines written after the restart',
    async () =>
      [...c.sources.values()].every((s) => s.state === 'streaming') &&
      c.pods().every((p) => c.linesOf(p).some((l) => l.time > restarted)),
    120_000,
  );
  // Lines written while the apiserver was down arrive after the restart, in order, once.
  expect(c.sequenceBreaks()).toEqual([]);
  expect(c.skipped).toBe(0);
});
