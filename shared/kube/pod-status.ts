/**
 * A pod's STATUS, READY and RESTARTS exactly as `kubectl get pods` prints them (the logic
 * of kubectl's printPod), so that the table and the terminal never disagree.
 */
import {
  asArray,
  asRecord,
  asString,
  type ConditionLike,
  type ContainerStatusLike,
  type KubeObject,
} from './object-types';

export interface PodStatusSummary {
  /** kubectl's STATUS column: Running, Pending, CrashLoopBackOff, Init:0/1, Terminating… */
  status: string;
  /** Why, when kubectl's word alone hides it (Pending → "Unschedulable: 0/5 nodes…"). */
  detail?: string;
  readyContainers: number;
  totalContainers: number;
  restarts: number;
  /** When the most recent restart happened (ISO time), for "3 (5m ago)". */
  lastRestart?: string;
}

export function podStatus(pod: KubeObject): PodStatusSummary {
  const spec = asRecord(pod.spec);
  const status = asRecord(pod.status);
  const containers = asArray(spec['containers']);
  const initContainers = asArray<Record<string, unknown>>(spec['initContainers']);
  const initStatuses = asArray<ContainerStatusLike>(status['initContainerStatuses']);
  const statuses = asArray<ContainerStatusLike>(status['containerStatuses']);
  const conditions = asArray<ConditionLike>(status['conditions']);

  let reason = asString(status['reason']) ?? asString(status['phase']) ?? 'Unknown';
  let restarts = 0;
  let readyContainers = 0;
  let lastRestart: string | undefined;
  const noteRestart = (s: ContainerStatusLike) => {
    const finished = s.lastState?.terminated?.finishedAt;
    if (finished && (!lastRestart || finished > lastRestart)) lastRestart = finished;
  };

  // Restartable init containers (sidecars) count as regular containers once started.
  const sidecars = new Set(
    initContainers.filter((c) => c['restartPolicy'] === 'Always').map((c) => asString(c['name'])),
  );
  let totalContainers = containers.length + sidecars.size;

  let initializing = false;
  for (const [index, s] of initStatuses.entries()) {
    restarts += s.restartCount ?? 0;
    if ((s.restartCount ?? 0) > 0) noteRestart(s);
    if (sidecars.has(s.name)) {
      if (s.started && s.ready) readyContainers++;
      if (s.started) continue;
    }
    const terminated = s.state?.terminated;
    const waiting = s.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (terminated) {
      reason = terminated.reason
        ? `Init:${terminated.reason}`
        : terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode ?? 0}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${index}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || isPodInitializedTrue(conditions)) {
    restarts = 0;
    for (const s of initStatuses) if (sidecars.has(s.name)) restarts += s.restartCount ?? 0;
    let hasRunning = false;
    for (const s of [...statuses].reverse()) {
      restarts += s.restartCount ?? 0;
      if ((s.restartCount ?? 0) > 0) noteRestart(s);
      const { waiting, terminated, running } = s.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) {
        reason = terminated.signal
          ? `Signal:${terminated.signal}`
          : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (s.ready && running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditions.some((c) => c.type === 'Ready' && c.status === 'True')
        ? 'Running'
        : 'NotReady';
    }
  }

  const meta = pod.metadata ?? {};
  if (meta.deletionTimestamp && status['reason'] === 'NodeLost') reason = 'Unknown';
  else if (meta.deletionTimestamp) reason = 'Terminating';

  if (totalContainers === 0) totalContainers = statuses.length;
  const summary: PodStatusSummary = { status: reason, readyContainers, totalContainers, restarts };
  if (lastRestart) summary.lastRestart = lastRestart;
  const scheduled = conditions.find((c) => c.type === 'PodScheduled');
  if (reason === 'Pending' && scheduled?.status === 'False') {
    summary.detail = [scheduled.reason, scheduled.message].filter(Boolean).join(': ');
  }
  return summary;
}

function isPodInitializedTrue(conditions: ConditionLike[]): boolean {
  return conditions.some((c) => c.type === 'Initialized' && c.status === 'True');
}
