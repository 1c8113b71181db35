import {
  asArray,
  asRecord,
  asString,
  type ContainerStatusLike,
} from '../../../../shared/kube/object-types';
import type { SummarySectionProps } from '../../ui/detail/detail-sections';

/** A pod's init and regular containers: state, restarts, image, ports, requests and limits. */
export function Containers({ object }: SummarySectionProps) {
  const spec = asRecord(object.spec);
  const status = asRecord(object.status);
  const statuses = new Map<string, ContainerStatusLike>();
  for (const s of [
    ...asArray<ContainerStatusLike>(status['initContainerStatuses']),
    ...asArray<ContainerStatusLike>(status['containerStatuses']),
  ]) {
    if (s.name) statuses.set(s.name, s);
  }
  const groups: [string, Record<string, unknown>[]][] = [
    ['Init containers', asArray(spec['initContainers'])],
    ['Containers', asArray(spec['containers'])],
  ];
  return (
    <>
      {groups
        .filter(([, list]) => list.length > 0)
        .map(([title, list]) => (
          <section aria-label={title} key={title}>
            <h3>{title}</h3>
            {list.map((c) => {
              const name = asString(c['name']) ?? '?';
              const s = statuses.get(name);
              const state = s?.state?.running
                ? 'running'
                : s?.state?.waiting
                  ? `waiting: ${s.state.waiting.reason ?? ''}`
                  : s?.state?.terminated
                    ? `terminated: ${s.state.terminated.reason ?? s.state.terminated.exitCode}`
                    : 'unknown';
              const resources = asRecord(c['resources']);
              const ports = asArray<Record<string, unknown>>(c['ports'])
                .map(
                  (p) =>
                    `${asString(p['name']) ? `${String(p['name'])}:` : ''}${String(p['containerPort'])}/${asString(p['protocol']) ?? 'TCP'}`,
                )
                .join(', ');
              return (
                <div className="container-card" key={name}>
                  <div className="container-head">
                    <strong>{name}</strong> <span className="muted">{state}</span>
                    {s?.restartCount ? (
                      <span className="muted"> · {s.restartCount} restarts</span>
                    ) : null}
                  </div>
                  <dl className="facts compact">
                    <dt>Image</dt>
                    <dd>{asString(c['image']) ?? '—'}</dd>
                    {ports && (
                      <>
                        <dt>Ports</dt>
                        <dd>{ports}</dd>
                      </>
                    )}
                    <dt>Requests</dt>
                    <dd>{quantities(resources['requests'])}</dd>
                    <dt>Limits</dt>
                    <dd>{quantities(resources['limits'])}</dd>
                  </dl>
                </div>
              );
            })}
          </section>
        ))}
    </>
  );
}

function quantities(value: unknown): string {
  const entries = Object.entries(asRecord(value));
  return entries.length === 0 ? '—' : entries.map(([k, v]) => `${k} ${String(v)}`).join(', ');
}
