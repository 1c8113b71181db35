import { useCallback, useSyncExternalStore } from 'react';
import './metrics.css';
import type { UsageStore } from './usage-store';
import { formatCpu, formatMemory, formatShare, sampledText } from './format';

export type UsageResource = 'cpu' | 'memory';

/**
 * One CPU or Memory cell: the figure as `kubectl top` prints it and, when there is one,
 * the share of requests (pods, workloads) or allocatable (nodes) as a small bar. It
 * subscribes to its own key only, so a metric update re-renders the visible cells that
 * changed and nothing else. The title says when the sample was taken.
 */
export function UsageCell(props: { store: UsageStore; storeKey: string; resource: UsageResource }) {
  const { store, storeKey } = props;
  const subscribe = useCallback(
    (listener: () => void) => store.subscribeKey(storeKey, listener),
    [store, storeKey],
  );
  const usage = useSyncExternalStore(subscribe, () => store.get(storeKey));
  if (!usage) return <span className="muted">—</span>;
  const cpu = props.resource === 'cpu';
  const value = cpu ? formatCpu(usage.cpuMilli) : formatMemory(usage.memoryBytes);
  const share = cpu ? usage.cpuShare : usage.memoryShare;
  const shareText =
    share === undefined ? '' : `, ${formatShare(share)} of ${usage.shareOf ?? 'requests'}`;
  const title = `${value}${shareText}, ${sampledText(usage.sampledAt, usage.windowMs)}`;
  return (
    <span className="usage-cell" title={title}>
      <span className="usage-value">{value}</span>
      {share !== undefined && (
        <span
          className={`usage-bar${share > 1 ? ' over' : share > 0.9 ? ' high' : ''}`}
          role="img"
          aria-label={`${formatShare(share)} of ${usage.shareOf ?? 'requests'}`}
        >
          <span style={{ width: `${Math.min(100, share * 100)}%` }} />
        </span>
      )}
    </span>
  );
}
