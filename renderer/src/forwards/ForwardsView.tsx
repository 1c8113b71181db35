import { useEffect, useMemo, useState } from 'react';
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import type { PilotErrorData } from '../../../shared/contract/errors';
import type { SavedForward } from '../../../shared/contract/forwards';
import type { Route } from '../data/route';
import { useWorkspace } from '../data/workspace-context';
import { ForwardsEmpty } from './ForwardsEmpty';
import { ForwardsTable, type RowActions } from './ForwardsTable';
import { NamespaceGroups } from './NamespaceGroups';
import { StopDialog } from './StopDialog';
import { useForwards } from './forward-feed';
import { matchesFilter, viewLines, type ForwardLine } from './forward-rows';
import '../ui/common.css';
import '../ui/banner.css';
import '../ui/buttons.css';
import './forwards.css';

/**
 * Every port-forward of this app for the active context, live: local address, target,
 * current pod, the state in the engine's words, connections, bytes, last error; per row
 * open in browser (HTTP ports on loopback only), copy, restart, stop (keep or remove);
 * start all / stop all; a filter. The namespace forwards are listed under it.
 */
export function ForwardsView(props: {
  route: Route;
  context: string;
  namespaces: NamespaceChoice;
}) {
  const { api } = useWorkspace();
  const feed = useForwards(api);
  const [filter, setFilter] = useState('');
  const [allContexts, setAllContexts] = useState(false);
  const [stopping, setStopping] = useState<ForwardLine>();
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<string>();

  const mine = useMemo(
    () => feed.forwards.filter((f) => allContexts || f.spec.context === props.context),
    [feed.forwards, allContexts, props.context],
  );
  const elsewhere =
    feed.forwards.length - feed.forwards.filter((f) => f.spec.context === props.context).length;
  // The saved forwards of this context, read again whenever a saved forward changes phase.
  const [saved, setSaved] = useState<SavedForward[]>([]);
  const [savedVersion, setSavedVersion] = useState(0);
  const savedKey = feed.forwards
    .filter((f) => f.origin.type === 'saved')
    .map((f) => `${f.id}:${f.phase}`)
    .join(',');
  useEffect(() => {
    const controller = new AbortController();
    api.request('forwards.saved.list', { context: props.context }, controller.signal).then(
      (list) => setSaved(list),
      () => undefined,
    );
    return () => controller.abort();
  }, [api, props.context, savedKey, savedVersion]);
  const lines = useMemo(
    () => viewLines(mine, allContexts ? [] : saved),
    [mine, saved, allContexts],
  );
  const shown = useMemo(() => lines.filter((l) => matchesFilter(l, filter)), [lines, filter]);

  const run = async (what: () => Promise<string>) => {
    try {
      const text = await what();
      setFailure(undefined);
      setNotice(text);
    } catch (error) {
      setNotice(undefined);
      setFailure((error as PilotErrorData).message ?? String(error));
    }
    setSavedVersion((v) => v + 1);
  };
  const savedSpec = (line: ForwardLine) => saved.find((x) => x.id === line.savedId);

  const actions: RowActions = {
    onCopy: (line) =>
      void run(async () => {
        await navigator.clipboard.writeText(line.address);
        return `Copied ${line.address}.`;
      }),
    onStop: setStopping,
    onStart: (line) =>
      void run(async () => {
        const entry = savedSpec(line);
        if (line.savedOnly && entry) {
          await api.request('forwards.saved.save', {
            spec: entry.spec,
            autostart: entry.autostart,
            start: true,
          });
          return `Started ${line.target}.`;
        }
        const state = await api.request('forward.restart', { id: line.id });
        return `Started ${line.target}: ${state.state}.`;
      }),
    onAutostart: (line, autostart) =>
      void run(async () => {
        await api.request('forwards.saved.setAutostart', {
          context: line.context,
          id: line.savedId,
          autostart,
        });
        return autostart
          ? `${line.target} starts automatically with Pilothouse.`
          : `${line.target} no longer starts automatically.`;
      }),
    onRestart: (line) =>
      void run(async () => {
        const state = await api.request('forward.restart', { id: line.id });
        return `Restarted ${line.target}: ${state.state}.`;
      }),
    onRemove: (line) => void run(() => stop(line, false)),
  };

  const stop = async (line: ForwardLine, keep: boolean) => {
    // Removing a saved forward forgets it (and stops its forward); keeping only stops.
    if (!keep && line.savedId)
      await api.request('forwards.saved.remove', { context: line.context, id: line.savedId });
    else await api.request('forward.stop', { id: line.id, keep });
    return keep
      ? `Stopped ${line.target}; it stays in the list.`
      : `Stopped and removed ${line.target}.`;
  };

  const bulk = (which: 'start' | 'stop') =>
    void run(async () => {
      const outcome =
        which === 'start'
          ? await api.request('forwards.startAll', { context: props.context })
          : await api.request('forwards.stopAll', { context: props.context, keep: true });
      const verb = which === 'start' ? 'Started' : 'Stopped';
      const failed = outcome.failures.length
        ? ` ${outcome.failures.length} failed: ${outcome.failures.join('; ')}`
        : '';
      return `${verb} ${outcome.done} forward${outcome.done === 1 ? '' : 's'}.${failed}`;
    });

  const anyRunning = lines.some((l) => l.running);
  const anyStopped = lines.some((l) => !l.running);

  return (
    <section className="page forwards-page" aria-labelledby="view-title">
      <h1 id="view-title" className="page-title">
        Port-forwards
      </h1>
      {feed.error && (
        <p role="alert" className="banner banner-bad">
          {feed.error.message}
        </p>
      )}
      {failure && (
        <p role="alert" className="banner banner-bad">
          {failure}
        </p>
      )}
      {notice && !failure && (
        <p role="status" className="banner banner-ok">
          {notice}
        </p>
      )}
      {lines.length === 0 && !allContexts ? (
        <ForwardsEmpty
          route={props.route}
          context={props.context}
          elsewhere={elsewhere}
          onShowAll={() => setAllContexts(true)}
        />
      ) : (
        <>
          <div className="forwards-toolbar">
            <input
              type="search"
              aria-label="Filter forwards"
              placeholder="Filter by address, target, pod, state…"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
            <button type="button" disabled={!anyStopped} onClick={() => bulk('start')}>
              Start all
            </button>
            <button type="button" disabled={!anyRunning} onClick={() => bulk('stop')}>
              Stop all
            </button>
            {(elsewhere > 0 || allContexts) && (
              <label className="toggle">
                <input
                  type="checkbox"
                  checked={allContexts}
                  onChange={(e) => setAllContexts(e.target.checked)}
                />
                All contexts ({feed.forwards.length})
              </label>
            )}
            <span className="row-count" data-testid="row-count">
              {shown.length === lines.length
                ? `${lines.length} forward${lines.length === 1 ? '' : 's'}`
                : `${shown.length} of ${lines.length} forwards`}
            </span>
          </div>
          {shown.length > 0 ? (
            <ForwardsTable lines={shown} actions={actions} />
          ) : (
            <p className="empty-state">No forward matches “{filter}”.</p>
          )}
        </>
      )}
      <NamespaceGroups
        api={api}
        context={allContexts ? undefined : props.context}
        onOutcome={(text, bad) =>
          bad ? setFailure(text) : (setFailure(undefined), setNotice(text))
        }
      />
      {stopping && (
        <StopDialog
          address={stopping.address}
          target={stopping.target}
          onCancel={() => setStopping(undefined)}
          onKeep={() => {
            const line = stopping;
            setStopping(undefined);
            void run(() => stop(line, true));
          }}
          onRemove={() => {
            const line = stopping;
            setStopping(undefined);
            void run(() => stop(line, false));
          }}
        />
      )}
    </section>
  );
}
