/**
 * `pilothouse forward`'s TYPE/NAME argument, read as kubectl reads it: the resource type
 * by any of its names (pod, pods, po; service, svc; deployment, deploy; statefulset, sts;
 * replicaset, rs; with or without the `.apps` group), `pod` when no type is given.
 */
import { objectName } from '../../shared/contract/define';

export type ForwardTargetKind = 'pod' | 'service' | 'deployment' | 'statefulset' | 'replicaset';

export interface TargetRef {
  kind: ForwardTargetKind;
  name: string;
}

/** Every spelling kubectl accepts, to our kind. */
const typeNames: ReadonlyMap<string, ForwardTargetKind> = new Map([
  ['pod', 'pod'],
  ['pods', 'pod'],
  ['po', 'pod'],
  ['service', 'service'],
  ['services', 'service'],
  ['svc', 'service'],
  ['deployment', 'deployment'],
  ['deployments', 'deployment'],
  ['deploy', 'deployment'],
  ['statefulset', 'statefulset'],
  ['statefulsets', 'statefulset'],
  ['sts', 'statefulset'],
  ['replicaset', 'replicaset'],
  ['replicasets', 'replicaset'],
  ['rs', 'replicaset'],
]);
const appsKinds = new Set<ForwardTargetKind>(['deployment', 'statefulset', 'replicaset']);

/** kubectl's short name of each kind, as the ready line prints it (`team-a/svc/web:80`). */
export const shortKind: Record<ForwardTargetKind, string> = {
  pod: 'pod',
  service: 'svc',
  deployment: 'deploy',
  statefulset: 'sts',
  replicaset: 'rs',
};

export class TargetError extends Error {}

export function parseTarget(text: string): TargetRef {
  const slash = text.indexOf('/');
  const typeText = slash === -1 ? 'pod' : text.slice(0, slash).toLowerCase();
  const name = slash === -1 ? text : text.slice(slash + 1);
  const dot = typeText.indexOf('.');
  const base = dot === -1 ? typeText : typeText.slice(0, dot);
  const group = dot === -1 ? undefined : typeText.slice(dot + 1);
  const kind = typeNames.get(base);
  const groupOk =
    group === undefined || (kind !== undefined && (appsKinds.has(kind) ? 'apps' : '') === group);
  if (!kind || !groupOk)
    throw new TargetError(
      `cannot forward to "${typeText}": use pod/NAME, svc/NAME, deploy/NAME, sts/NAME or rs/NAME`,
    );
  if (!objectName.safeParse(name).success || name.includes('/'))
    throw new TargetError(`"${text}" names no object: use TYPE/NAME, e.g. svc/web`);
  return { kind, name };
}
