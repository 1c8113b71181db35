/**
 * Node operations as kubectl does them: cordon/uncordon (pkg/drain/cordon.go: a
 * strategic-merge patch of spec.unschedulable) and `kubectl taint` (add, or remove by key
 * and effect), each first reading the node: a uid other than the one the user saw is
 * refused (the node was replaced since), and the patch carries the resourceVersion read,
 * so a change in between is a 409 instead of a lost update. The taint preview says what
 * the change will do before it is done: a NoExecute taint's evictions (and when), a
 * removed taint's Pending pods that become schedulable (by the fit engine).
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { PilotError } from '../../shared/contract/errors';
import type {
  EvictionPreview,
  NodeActionOutcome,
  NodeTaint,
  TaintPreview,
  TaintSpec,
} from '../../shared/contract/scheduling';
import { kindById } from '../../shared/kube/kinds';
import { asRecord, type KubeObject } from '../../shared/kube/object-types';
import { fitPod } from '../../shared/scheduling/fit';
import { kubeJson } from '../platform/http';
import { objectPath } from '../platform/api-paths';
import type { WatchRegistry } from '../watch/watch-registry';
import { schedulingFailure } from './errors';
import { clusterSnapshot } from './snapshot';
import { evictionDelaySeconds, taintsOf, tolerationsOf, type TaintLike } from './tolerations';

const nodeKind = () => kindById.get('nodes')!;

export interface NodeTarget {
  context: string;
  node: string;
  uid: string;
}

/** kubectl's spelling of a taint: key=value:Effect (key:Effect without a value). */
export function taintText(taint: { key: string; value?: string; effect: string }): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}

export async function getNode(
  kc: KubeConfig,
  name: string,
  signal: AbortSignal,
): Promise<KubeObject> {
  return kubeJson<KubeObject>(kc, objectPath(nodeKind(), undefined, name), {}, { signal });
}

async function readSameNode(
  kc: KubeConfig,
  target: NodeTarget,
  signal: AbortSignal,
): Promise<KubeObject> {
  const node = await getNode(kc, target.node, signal);
  if (node.metadata?.uid !== target.uid) {
    throw new PilotError(
      'Conflict',
      `node ${target.node} was replaced since you opened it (same name, another object); nothing was done`,
    );
  }
  return node;
}

async function patchNode(
  kc: KubeConfig,
  node: KubeObject,
  spec: Record<string, unknown>,
  fieldManager: string,
  signal: AbortSignal,
): Promise<void> {
  const name = node.metadata?.name ?? '';
  await kubeJson(
    kc,
    objectPath(nodeKind(), undefined, name),
    { fieldManager },
    {
      method: 'PATCH',
      contentType: 'application/strategic-merge-patch+json',
      body: JSON.stringify({
        metadata: { uid: node.metadata?.uid, resourceVersion: node.metadata?.resourceVersion },
        spec,
      }),
      signal,
    },
  );
}

/** `kubectl cordon` (unschedulable true) or `kubectl uncordon` (false). */
export async function setUnschedulable(
  kc: KubeConfig,
  target: NodeTarget,
  unschedulable: boolean,
  signal: AbortSignal,
): Promise<NodeActionOutcome> {
  const verb = unschedulable ? 'cordon' : 'uncordon';
  try {
    const node = await readSameNode(kc, target, signal);
    const now = asRecord(node.spec)['unschedulable'] === true;
    if (now === unschedulable) return { message: `node/${target.node} already ${verb}ed` };
    // kubectl's patch: false is the zero value, so uncordon removes the field.
    await patchNode(
      kc,
      node,
      { unschedulable: unschedulable ? true : null },
      'kubectl-cordon',
      signal,
    );
    return { message: `node/${target.node} ${verb}ed` };
  } catch (error) {
    throw schedulingFailure(error, signal, `${verb} node ${target.node}`);
  }
}

const sameSlot = (a: TaintLike, b: TaintLike) => a.key === b.key && a.effect === b.effect;

/** The taints after `kubectl taint` with this change, or kubectl's refusal. */
export function taintsAfter(
  current: readonly NodeTaint[],
  op: 'add' | 'remove',
  taint: TaintSpec,
  node: string,
): NodeTaint[] {
  if (op === 'add') {
    if (current.some((t) => sameSlot(t, taint))) {
      throw new PilotError(
        'Invalid',
        `node ${node} already has a ${taint.key} taint with effect ${taint.effect}; remove it first`,
      );
    }
    const added: NodeTaint = { key: taint.key, value: taint.value ?? '', effect: taint.effect };
    if (taint.effect === 'NoExecute')
      added.timeAdded = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    return [...current, added];
  }
  const kept = current.filter((t) => !sameSlot(t, taint));
  if (kept.length === current.length)
    throw new PilotError(
      'NotFound',
      `taint "${taint.key}:${taint.effect}" not found on node ${node}`,
    );
  return kept;
}

/** `kubectl taint node NAME key=value:Effect` or `… key:Effect-`. */
export async function changeTaint(
  kc: KubeConfig,
  target: NodeTarget,
  op: 'add' | 'remove',
  taint: TaintSpec,
  signal: AbortSignal,
): Promise<NodeActionOutcome> {
  const doing = `${op === 'add' ? 'add' : 'remove'} taint ${taintText(taint)} ${op === 'add' ? 'to' : 'from'} node ${target.node}`;
  try {
    const node = await readSameNode(kc, target, signal);
    const taints = taintsAfter(taintsOf(node), op, taint, target.node);
    await patchNode(kc, node, { taints: taints.length ? taints : null }, 'kubectl-taint', signal);
    return { message: `node/${target.node} ${op === 'add' ? 'tainted' : 'untainted'}` };
  } catch (error) {
    throw schedulingFailure(error, signal, doing);
  }
}

const isTerminal = (pod: KubeObject) => {
  const phase = asRecord(pod.status)['phase'];
  return phase === 'Succeeded' || phase === 'Failed';
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What adding or removing a taint would do to the pods, before it is done. */
export async function previewTaint(
  deps: { watches: WatchRegistry; kubeConfig(context: string): KubeConfig },
  input: { context: string; node: string; op: 'add' | 'remove'; taint: TaintSpec },
  signal: AbortSignal,
): Promise<TaintPreview> {
  const { context, node: nodeName, op, taint } = input;
  try {
    const snapshot = await clusterSnapshot(deps.watches, context, signal);
    const node = snapshot.nodes.find((n) => n.metadata?.name === nodeName);
    if (!node) throw new PilotError('NotFound', `nodes "${nodeName}" not found`);
    const before = taintsOf(node);
    const after = taintsAfter(before, op, taint, nodeName);
    const uid = node.metadata?.uid ?? '';
    if (op === 'add') {
      const evicted: EvictionPreview[] = [];
      let staying = 0;
      const now = Date.now();
      if (taint.effect === 'NoExecute') {
        const noExecute = after.filter((t) => t.effect === 'NoExecute');
        for (const pod of snapshot.boundPods) {
          if (pod.spec?.['nodeName'] !== nodeName || isTerminal(pod)) continue;
          if (pod.metadata?.deletionTimestamp) continue;
          const delay = evictionDelaySeconds(tolerationsOf(pod.spec), noExecute);
          if (delay === null) {
            staying++;
            continue;
          }
          evicted.push({
            namespace: pod.metadata?.namespace ?? '',
            name: pod.metadata?.name ?? '',
            uid: pod.metadata?.uid ?? '',
            afterSeconds: delay === 0 ? null : delay,
            at: delay === 0 ? '' : new Date(now + delay * 1000).toISOString(),
          });
        }
        evicted.sort(
          (a, b) =>
            (a.afterSeconds ?? 0) - (b.afterSeconds ?? 0) ||
            a.namespace.localeCompare(b.namespace) ||
            a.name.localeCompare(b.name),
        );
      }
      const later = evicted.filter((e) => e.afterSeconds !== null).length;
      const summary =
        taint.effect !== 'NoExecute'
          ? `No pod is evicted (${taint.effect} only affects pods not yet scheduled).`
          : evicted.length === 0
            ? `No pod is evicted: every pod on ${nodeName} tolerates the taint.`
            : `${plural(evicted.length, 'pod')} will be evicted from ${nodeName}${later ? `, ${later} of them after their tolerationSeconds` : ''}.`;
      return { evicted, staying, schedulable: [], summary, uid };
    }
    // Removing: the Pending pods that fail today and fit once the taint is gone.
    const changed: KubeObject = { ...node, spec: { ...asRecord(node.spec), taints: after } };
    const nodesAfter = snapshot.nodes.map((n) => (n === node ? changed : n));
    const schedulable: TaintPreview['schedulable'] = [];
    for (const pod of snapshot.pods) {
      const spec = asRecord(pod.spec);
      if (spec['nodeName'] || asRecord(pod.status)['phase'] !== 'Pending') continue;
      if (pod.metadata?.deletionTimestamp) continue;
      if ((spec['schedulerName'] ?? 'default-scheduler') !== 'default-scheduler') continue;
      const input = { pod, boundPods: snapshot.boundPods, namespaces: snapshot.namespaces };
      if (fitPod({ ...input, nodes: snapshot.nodes }).feasible.length > 0) continue;
      if (fitPod({ ...input, nodes: nodesAfter }).feasible.length === 0) continue;
      schedulable.push({
        namespace: pod.metadata?.namespace ?? '',
        name: pod.metadata?.name ?? '',
        uid: pod.metadata?.uid ?? '',
      });
    }
    schedulable.sort(
      (a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
    );
    const summary =
      schedulable.length === 0
        ? `No Pending pod becomes schedulable by removing ${taintText(taint)}.`
        : `${plural(schedulable.length, 'Pending pod')} become${schedulable.length === 1 ? 's' : ''} schedulable.`;
    return { evicted: [], staying: 0, schedulable, summary, uid };
  } catch (error) {
    throw schedulingFailure(
      error,
      signal,
      `preview the taint ${taintText(taint)} on node ${nodeName}`,
    );
  }
}
