import { useMemo } from 'react';
import type { SummarySectionProps } from '../../ui/detail/detail-sections';
import { useMetricsHistory } from '../history-feed';
import { chartModel } from '../chart-model';
import { LazyUsageChart as UsageChart } from '../charts/LazyUsageChart';
import { MetricsStateNotice } from '../MetricsStateNotice';
import { historyOf, type HistoryOf } from './history-target';
import type { MetricsState } from '../../../../shared/contract/metrics';

/** A history without points says so, unless a state notice already says why. */
export const showsNoSample = (state: MetricsState | undefined) =>
  state === undefined || state.state === 'ready';

/**
 * The Metrics tab of a pod, node or workload: CPU and memory over the history main keeps
 * (stacked per container or pod; a node against allocatable and the requested sum), and
 * the metrics state when it is not 'ready'.
 */
export function MetricsTab(props: SummarySectionProps) {
  const { target } = props;
  const of = historyOf(target.kind, target.namespace, target.name);
  if (!of) return null;
  return <Metrics {...props} of={of} />;
}

function Metrics(props: SummarySectionProps & { of: HistoryOf }) {
  const { api, target, of } = props;
  const snapshot = useMetricsHistory(api, target.context, of.target);
  const { history } = snapshot;
  const cpu = useMemo(() => (history ? chartModel(history, 'cpu') : undefined), [history]);
  const memory = useMemo(() => (history ? chartModel(history, 'memory') : undefined), [history]);
  const state = snapshot.states[of.resource];
  return (
    <section aria-label="Metrics" className="metrics-tab">
      {snapshot.error && <p role="alert">{snapshot.error.message}</p>}
      <MetricsStateNotice state={state ?? (history ? undefined : { state: 'loading' })} />
      {cpu && memory && cpu.points.length > 0 ? (
        <>
          <UsageChart title={`CPU of ${of.subject}`} model={cpu} />
          <UsageChart title={`Memory of ${of.subject}`} model={memory} />
        </>
      ) : (
        history &&
        showsNoSample(state) && (
          // metrics-server is answering but has no sample of this object yet (a new pod):
          // the "waiting" state, with the resolution the next sample comes at.
          <p className="muted metrics-state" role="status" data-metrics-state="waiting">
            No sample of this {of.target.kind === 'workload' ? "object's pods" : 'object'} yet:
            waiting for the first sample
            {history.resolutionMs > 0
              ? `, metrics-server reports every ${Math.round(history.resolutionMs / 1000)} s`
              : ''}
            .
          </p>
        )
      )}
    </section>
  );
}
