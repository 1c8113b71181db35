/**
 * A workload's usage is the sum over its pods' latest samples: CPU, memory, the pods'
 * requests and limits, and how many pods were summed. The newest sample time stands for
 * the sum. Pods without a known owner (no pod fact yet, or a bare pod) are left out.
 */
import type { ResourceFigures, WorkloadKind, WorkloadSample } from '../../shared/contract/metrics';
import type { FactIndex } from './fact-index';
import type { RawSample } from './metrics-api';

export const NO_FIGURES: ResourceFigures = [null, null, null, null];

function addFigures(into: ResourceFigures, more: ResourceFigures): ResourceFigures {
  return into.map((v, i) => {
    const m = more[i];
    return m === null || m === undefined ? v : (v ?? 0) + m;
  }) as ResourceFigures;
}

/** Sums per workload key ("kind/namespace/name") over the samples `inScope` keeps. */
export function workloadSums(
  samples: Iterable<RawSample>,
  facts: FactIndex,
  inScope: (namespace: string) => boolean,
): Map<string, WorkloadSample> {
  const sums = new Map<string, WorkloadSample>();
  for (const s of samples) {
    if (!inScope(s.namespace)) continue;
    const fact = facts.pod(s.key);
    const key = fact ? facts.workloadOf(fact) : '';
    if (!key) continue;
    const figures = fact?.figures ?? NO_FIGURES;
    const sum = sums.get(key);
    if (!sum) {
      const [kind = '', namespace = '', name = ''] = key.split('/');
      sums.set(key, [
        kind as WorkloadKind,
        namespace,
        name,
        s.timestampMs,
        s.cpu,
        s.bytes,
        figures,
        1,
      ]);
    } else {
      sum[3] = Math.max(sum[3], s.timestampMs);
      sum[4] += s.cpu;
      sum[5] += s.bytes;
      sum[6] = addFigures(sum[6], figures);
      sum[7]++;
    }
  }
  return sums;
}
