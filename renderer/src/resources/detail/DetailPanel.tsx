import { useMemo, useState } from 'react';
import type { PilotApi } from '../../../../shared/contract/api';
import type { Row } from '../../../../shared/resources/rows';
import type { Route } from '../../data/route';
import {
  useDetailSections,
  type DetailReport,
  type DetailSectionProps,
  type DetailTarget,
} from '../../ui/detail/detail-sections';
import { useObject } from './use-object';
import { lazySection } from '../../ui/lazy';
import { yamlChunk } from './sections';
import '../../ui/common.css';
import '../../ui/banner.css';
import './detail.css';

const YamlText = lazySection(yamlChunk, (m) => m.YamlText, 'quiet');

/**
 * The side panel for one object: its kind and name, the Summary and YAML tabs, and the
 * sections kinds and features contribute (shell/composition.ts). It names no kind.
 */
export function DetailPanel(props: {
  api: PilotApi;
  route: Route;
  target: DetailTarget;
  /** The live row, when the object is in the table; its identity changes on every update. */
  row: Row | undefined;
  onClose(): void;
}) {
  const { target, row } = props;
  /** 'summary', 'yaml', or the id of a feature's tab section. */
  const [tab, setTab] = useState<string>('summary');
  const [actionError, setActionError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const state = useObject(
    props.api,
    { context: target.context, kind: target.kind, namespace: target.namespace, name: target.name },
    row,
  );
  const report = useMemo<DetailReport>(
    () => ({
      done: (text) => {
        setActionError(undefined);
        setNotice(text);
      },
      failed: setActionError,
    }),
    [],
  );
  const actions = useDetailSections('actions', target, row);
  const notices = useDetailSections('notice', target, row);
  const summary = useDetailSections('summary', target, row);
  const featureTabs = useDetailSections('tab', target, row);
  const tabs = [
    { id: 'summary', label: 'Summary' },
    ...featureTabs.map((t) => ({ id: t.id, label: t.label })),
    { id: 'yaml', label: 'YAML' },
  ];
  const featureTab = featureTabs.find((t) => t.id === tab);
  const shared: DetailSectionProps = {
    api: props.api,
    route: props.route,
    target,
    row,
    object: state.status === 'ready' ? state.object : undefined,
    report,
  };
  const label = target.def.singular;

  return (
    <aside className="detail-panel" aria-label={`${label} ${target.name}`}>
      <header className="detail-head">
        <div>
          <div className="muted">{label}</div>
          <h2 className="detail-title">{target.name}</h2>
        </div>
        <button type="button" aria-label="Close details" onClick={props.onClose}>
          ✕
        </button>
      </header>
      <div className="detail-actions">
        <div role="tablist" aria-label="Detail views">
          {tabs.map((t) => (
            <button
              key={t.id}
              role="tab"
              type="button"
              aria-selected={tab === t.id}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {actions.map(({ id, Component }) => (
          <Component key={id} {...shared} />
        ))}
      </div>
      {actionError && (
        <p role="alert" className="banner banner-bad">
          {actionError}
        </p>
      )}
      {notice && !actionError && (
        <p role="status" className="banner banner-ok">
          {notice}
        </p>
      )}
      {notices.map(({ id, Component }) => (
        <Component key={id} {...shared} />
      ))}
      {state.status === 'ready' && state.gone && (
        <p className="banner banner-warning">
          This object no longer exists; showing its last known state.
        </p>
      )}
      {!row && state.status === 'ready' && !state.gone && (
        <p className="muted">
          This object is not in the current table (deleted, or outside the filter).
        </p>
      )}
      <div className="detail-body">
        {state.status === 'loading' && <p className="muted">Loading…</p>}
        {state.status === 'error' && (
          <p role="alert" className="banner banner-bad">
            {state.error.message}
          </p>
        )}
        {state.status === 'ready' &&
          featureTab &&
          (() => {
            const { Component } = featureTab;
            return <Component {...shared} object={state.object} />;
          })()}
        {state.status === 'ready' &&
          !featureTab &&
          (tab !== 'yaml' ? (
            summary.map(({ id, Component }) => (
              <Component key={id} {...shared} object={state.object} />
            ))
          ) : (
            <YamlText object={state.object} />
          ))}
      </div>
    </aside>
  );
}
