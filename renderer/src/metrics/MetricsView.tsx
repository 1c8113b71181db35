import { useMemo } from 'react';
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import type { HistoryTarget } from '../../../shared/contract/metrics';
import { useWorkspace } from '../data/workspace-context';
import { navigate } from '../data/use-route';
import type { Route } from '../data/route';
import { useMetricsHistory } from './history-feed';
import { chartModel } from './chart-model';
import { LazyUsageChart as UsageChart } from './charts/LazyUsageChart';
import { MetricsStateNotice } from './MetricsStateNotice';
import { showsNoSample } from './detail/MetricsTab';
import { overviewFigures } from './top-consumers';
import {
  formatCpu,
  formatCpuShort,
  formatMemory,
  formatMemoryShort,
  formatShare,
  formatTime,
} from './format';
import '../ui/common.css';
import '../ui/banner.css';
import './metrics.css';

/**
 * The Metrics view: usage of the chosen namespaces (or the cluster) over time against the
 * summed requests, the top consumers stacked, and their newest figures as a table whose
 * rows open the pod.
 */
export function MetricsView(props: { route: Route; context: string; namespaces: NamespaceChoice }) {
  const { api } = useWorkspace();
  const target: HistoryTarget = { kind: 'overview', namespaces: props.namespaces };
  const snapshot = useMetricsHistory(api, props.context, target);
  const { history } = snapshot;
  const scope = props.namespaces.all
    ? 'the cluster'
    : props.namespaces.namespaces.length === 1
      ? `namespace ${props.namespaces.namespaces[0]}`
      : `namespaces ${props.namespaces.namespaces.join(', ')}`;
  const cpu = useMemo(() => (history ? chartModel(history, 'cpu') : undefined), [history]);
  const memory = useMemo(() => (history ? chartModel(history, 'memory') : undefined), [history]);
  const figures = useMemo(() => (history ? overviewFigures(history) : undefined), [history]);
  const open = (id: string) => {
    const slash = id.indexOf('/');
    if (slash < 0) return;
    navigate({
      view: 'pods',
      context: props.context,
      namespaces: props.route.namespaces ?? props.namespaces,
      object: id,
    });
  };
  return (
    <section className="page metrics-page" aria-labelledby="view-title">
      <h1 id="view-title" className="page-title">
        Metrics
      </h1>
      {snapshot.error && <p role="alert">{snapshot.error.message}</p>}
      <MetricsStateNotice
        state={snapshot.states.pods ?? (history ? undefined : { state: 'loading' })}
      />
      {figures?.total.sampledAt !== undefined && (
        <p className="metrics-summary" data-testid="usage-vs-requests">
          Usage of {scope}: CPU {formatCpuShort(figures.total.cpu)}
          {figures.requests.cpu !== null &&
            ` of ${formatCpuShort(figures.requests.cpu)} requested (${formatShare(figures.cpuShare)})`}
          , memory {formatMemoryShort(figures.total.memory)}
          {figures.requests.memory !== null &&
            ` of ${formatMemoryShort(figures.requests.memory)} requested (${formatShare(figures.memoryShare)})`}
          , sampled {formatTime(figures.total.sampledAt)}.
        </p>
      )}
      {cpu && memory && cpu.points.length > 0 && (
        <div className="metrics-charts">
          <UsageChart title={`CPU of ${scope}, top consumers`} model={cpu} />
          <UsageChart title={`Memory of ${scope}, top consumers`} model={memory} />
        </div>
      )}
      {history && history.times.length === 0 && showsNoSample(snapshot.states.pods) && (
        <p className="muted" data-metrics-state="no-sample">
          No sample of the pods in {scope} yet.
        </p>
      )}
      {figures && figures.consumers.length > 0 && (
        <div className="usage-table-scroll">
          <table className="usage-table top-consumers" aria-label="Top consumers">
            <thead>
              <tr>
                <th scope="col">Pod</th>
                <th scope="col">CPU</th>
                <th scope="col">Memory</th>
                <th scope="col">Sampled</th>
              </tr>
            </thead>
            <tbody>
              {figures.consumers.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.id === 'other' ? (
                      'All other pods'
                    ) : (
                      <button type="button" className="link" onClick={() => open(c.id)}>
                        {c.id}
                      </button>
                    )}
                  </th>
                  <td>{c.cpu === null ? '—' : formatCpu(c.cpu)}</td>
                  <td>{c.memory === null ? '—' : formatMemory(c.memory)}</td>
                  <td>{c.sampledAt === undefined ? '—' : formatTime(c.sampledAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
