/**
 * `pilothouse forward`'s TYPE/NAME argument, read as kubectl reads it: the resource type
 * by any of its names (pod, pods, po; service, svc; deployment, deploy; statefulset, sts;
 * replicaset, rs; with or without the `.apps` group), `pod` when no type is given.
 */
import { objectName } from '../../shared/contract/define';
import type { ForwardKind } from '../../shared/contract/forwards';

export interface TargetRef {
  kind: ForwardKind;
  name: string;
}

/** Every spelling kubectl accepts, to our kind. */
const typeNames: ReadonlyMap<string, ForwardKind> = new Map([
  ['pod', 'pods'],
  ['pods', 'pods'],
  ['po', 'pods'],
  ['service', 'services'],
  ['services', 'services'],
  ['svc', 'services'],
  ['deployment', 'deployments'],
  ['deployments', 'deployments'],
  ['deploy', 'deployments'],
  ['statefulset', 'statefulsets'],
  ['statefulsets', 'statefulsets'],
  ['sts', 'statefulsets'],
  ['replicaset', 'replicasets'],
  ['replicasets', 'replicasets'],
  ['rs', 'replicasets'],
]);
const appsKinds = new Set<ForwardKind>(['deployments', 'statefulsets', 'replicasets']);

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
