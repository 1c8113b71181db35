import { useState } from 'react';
import { stringify } from 'yaml';
import {
  fragmentYaml,
  parseAffinity,
  parseFragment,
  type ContainerResources,
  type Toleration,
  type WhatIfFragment,
} from './what-if';
import { parseResourceList, resourceListText } from './resource-list';

const EFFECTS = ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/**
 * The what-if form: tolerations, nodeSelector and each container's requests as fields,
 * affinity as YAML; or the whole fragment as YAML. Every valid edit goes to `onChange`
 * (the tab asks for the fit, debounced); an invalid one says what is wrong and keeps the
 * last valid fragment. "Copy YAML" copies the fragment in pod-spec shape.
 */
export function WhatIfForm(props: {
  fragment: WhatIfFragment;
  onChange(fragment: WhatIfFragment): void;
  onReset(): void;
}) {
  const [mode, setMode] = useState<'form' | 'yaml'>('form');
  const [copied, setCopied] = useState<string>();
  const copy = () => {
    const text = fragmentYaml(props.fragment);
    navigator.clipboard.writeText(text).then(
      () => setCopied('Copied the fragment as YAML.'),
      () => setCopied('The clipboard refused; select the YAML tab and copy from there.'),
    );
  };
  return (
    <section className="what-if" aria-label="What if">
      <div className="what-if-bar">
        <div role="tablist" aria-label="What-if editor">
          <button
            type="button"
            role="tab"
            aria-selected={mode === 'form'}
            onClick={() => setMode('form')}
          >
            Form
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={mode === 'yaml'}
            onClick={() => setMode('yaml')}
          >
            YAML
          </button>
        </div>
        <button type="button" onClick={copy}>
          Copy YAML
        </button>
        <button type="button" onClick={props.onReset}>
          Reset
        </button>
        {copied && (
          <span role="status" className="muted">
            {copied}
          </span>
        )}
      </div>
      {mode === 'form' ? (
        <FragmentFields fragment={props.fragment} onChange={props.onChange} />
      ) : (
        <YamlEditor fragment={props.fragment} onChange={props.onChange} />
      )}
    </section>
  );
}

function FragmentFields(props: { fragment: WhatIfFragment; onChange(f: WhatIfFragment): void }) {
  const { fragment, onChange } = props;
  const setTolerations = (tolerations: Toleration[]) => onChange({ ...fragment, tolerations });
  const selector = Object.entries(fragment.nodeSelector);
  const setSelector = (entries: [string, string][]) =>
    onChange({ ...fragment, nodeSelector: Object.fromEntries(entries) });
  return (
    <div className="what-if-fields">
      <fieldset>
        <legend>Tolerations</legend>
        {fragment.tolerations.length === 0 && <p className="muted">None.</p>}
        {fragment.tolerations.map((t, i) => (
          <TolerationRow
            key={i}
            index={i + 1}
            toleration={t}
            onChange={(next) =>
              setTolerations(fragment.tolerations.map((x, j) => (j === i ? next : x)))
            }
            onRemove={() => setTolerations(fragment.tolerations.filter((_x, j) => j !== i))}
          />
        ))}
        <button
          type="button"
          onClick={() =>
            setTolerations([...fragment.tolerations, { key: '', operator: 'Exists', effect: '' }])
          }
        >
          Add toleration
        </button>
      </fieldset>
      <fieldset>
        <legend>Node selector</legend>
        {selector.length === 0 && <p className="muted">None.</p>}
        {selector.map(([k, v], i) => (
          <div className="what-if-row" key={i}>
            <input
              aria-label={`Node selector ${i + 1} key`}
              value={k}
              onChange={(e) =>
                setSelector(selector.map((x, j) => (j === i ? [e.target.value, x[1]] : x)))
              }
            />
            =
            <input
              aria-label={`Node selector ${i + 1} value`}
              value={v}
              onChange={(e) =>
                setSelector(selector.map((x, j) => (j === i ? [x[0], e.target.value] : x)))
              }
            />
            <button
              type="button"
              aria-label={`Remove node selector ${i + 1}`}
              onClick={() => setSelector(selector.filter((_x, j) => j !== i))}
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          disabled={selector.some(([k]) => k === '')}
          onClick={() => setSelector([...selector, ['', '']])}
        >
          Add node selector
        </button>
      </fieldset>
      <fieldset>
        <legend>Requests</legend>
        {fragment.containers.map((c, i) => (
          <RequestsRow
            key={`${c.init ? 'init' : 'main'}/${c.name}`}
            container={c}
            onChange={(next) =>
              onChange({
                ...fragment,
                containers: fragment.containers.map((x, j) => (j === i ? next : x)),
              })
            }
          />
        ))}
      </fieldset>
      <AffinityEditor
        affinity={fragment.affinity}
        onChange={(affinity) => onChange({ ...fragment, affinity })}
      />
    </div>
  );
}

function TolerationRow(props: {
  index: number;
  toleration: Toleration;
  onChange(t: Toleration): void;
  onRemove(): void;
}) {
  const { index, toleration: t } = props;
  const set = (patch: Partial<Toleration>) => {
    const next: Toleration = { ...t, ...patch };
    if (next.operator === 'Exists') delete next.value;
    if (next.effect === '') delete next.effect;
    if (next.tolerationSeconds === undefined) delete next.tolerationSeconds;
    props.onChange(next);
  };
  return (
    <div className="what-if-row" role="group" aria-label={`Toleration ${index}`}>
      <input
        aria-label={`Toleration ${index} key`}
        placeholder="key (empty: every key)"
        value={t.key ?? ''}
        onChange={(e) => set({ key: e.target.value })}
      />
      <select
        aria-label={`Toleration ${index} operator`}
        value={t.operator ?? 'Equal'}
        onChange={(e) => set({ operator: e.target.value as 'Exists' | 'Equal' })}
      >
        <option>Equal</option>
        <option>Exists</option>
      </select>
      {(t.operator ?? 'Equal') === 'Equal' && (
        <input
          aria-label={`Toleration ${index} value`}
          placeholder="value"
          value={t.value ?? ''}
          onChange={(e) => set({ value: e.target.value })}
        />
      )}
      <select
        aria-label={`Toleration ${index} effect`}
        value={t.effect ?? ''}
        onChange={(e) => set({ effect: e.target.value as Toleration['effect'] })}
      >
        {EFFECTS.map((effect) => (
          <option key={effect} value={effect}>
            {effect || 'any effect'}
          </option>
        ))}
      </select>
      {t.effect === 'NoExecute' && (
        <input
          aria-label={`Toleration ${index} seconds`}
          type="number"
          min={0}
          placeholder="seconds (empty: forever)"
          value={t.tolerationSeconds ?? ''}
          onChange={(e) => {
            const n = Number(e.target.value);
            set({
              tolerationSeconds:
                e.target.value === '' || !Number.isInteger(n) ? undefined : Math.max(0, n),
            });
          }}
        />
      )}
      <button type="button" aria-label={`Remove toleration ${index}`} onClick={props.onRemove}>
        ✕
      </button>
    </div>
  );
}

/** One container's requests as "cpu=100m, memory=64Mi"; kept as typed until it parses. */
function RequestsRow(props: {
  container: ContainerResources;
  onChange(c: ContainerResources): void;
}) {
  const { container: c } = props;
  const [text, setText] = useState(resourceListText(c.requests));
  const parsed = parseResourceList(text);
  const label = `Requests of ${c.init ? 'init container' : 'container'} ${c.name}`;
  return (
    <div className="what-if-row">
      <label className="what-if-container">
        <span className="cut" title={c.name}>
          {c.init ? `${c.name} (init)` : c.name}
        </span>
        <input
          aria-label={label}
          aria-invalid={!parsed.ok}
          value={text}
          placeholder="cpu=100m, memory=64Mi"
          onChange={(e) => {
            setText(e.target.value);
            const next = parseResourceList(e.target.value);
            if (next.ok) props.onChange({ ...c, requests: next.list });
          }}
        />
      </label>
      {!parsed.ok && (
        <span role="alert" className="field-error">
          {parsed.error}
        </span>
      )}
    </div>
  );
}

function AffinityEditor(props: {
  affinity: Record<string, unknown>;
  onChange(a: Record<string, unknown>): void;
}) {
  const initial =
    Object.keys(props.affinity).length > 0 ? stringify(props.affinity, { lineWidth: 0 }) : '';
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string>();
  const commit = (value: string) => {
    setText(value);
    const result = parseAffinity(value);
    if (result.ok) {
      setError(undefined);
      props.onChange(result.affinity);
    } else setError(result.error);
  };
  return (
    <fieldset>
      <legend>Affinity (YAML)</legend>
      <textarea
        aria-label="Affinity YAML"
        className="what-if-yaml"
        spellCheck={false}
        rows={Math.min(14, Math.max(3, text.split('\n').length + 1))}
        value={text}
        placeholder={'nodeAffinity:\n  requiredDuringSchedulingIgnoredDuringExecution: …'}
        onChange={(e) => commit(e.target.value)}
      />
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function YamlEditor(props: { fragment: WhatIfFragment; onChange(f: WhatIfFragment): void }) {
  const [text, setText] = useState(() => fragmentYaml(props.fragment));
  const [error, setError] = useState<string>();
  return (
    <div>
      <textarea
        aria-label="What-if YAML"
        className="what-if-yaml"
        spellCheck={false}
        rows={Math.min(24, Math.max(6, text.split('\n').length + 1))}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const result = parseFragment(e.target.value);
          if (result.ok) {
            setError(undefined);
            props.onChange(result.fragment);
          } else setError(result.error);
        }}
      />
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
