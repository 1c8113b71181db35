import {
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type FormEvent,
} from 'react';
import type { NamespaceChoice, NamespaceList } from '../../../shared/contract/cluster';
import type { Loadable } from '../data/workspace';
import '../ui/buttons.css';
import { NamespaceOptions } from './NamespaceOptions';

const NONE: readonly string[] = [];

/**
 * The "Namespaces" multi-select: All namespaces, or any set of them. For users who may
 * not list namespaces, it says so and lets them add namespaces by name.
 */
export function NamespacePicker(props: {
  list: Loadable<NamespaceList> | undefined;
  choice: NamespaceChoice;
  added: string[];
  onChoose(choice: NamespaceChoice): void;
  onEditAdded(namespace: string, op: 'add' | 'remove'): Promise<string | undefined>;
}) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const labelId = useId();
  const valueId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const list = props.list?.status === 'ready' ? props.list.value : undefined;
  const names = list?.namespaces ?? NONE;
  const chosen = props.choice.all ? NONE : props.choice.namespaces;
  // The filter runs at low priority, so typing stays instant with 20,000 namespaces.
  const deferredFilter = useDeferredValue(filter.trim());
  const shown = useMemo(
    () => (deferredFilter ? names.filter((n) => n.includes(deferredFilter)) : names),
    [names, deferredFilter],
  );
  const chosenSet = useMemo(() => new Set(chosen), [chosen]);
  const addedSet = useMemo(() => new Set(props.added), [props.added]);
  const summary = props.choice.all
    ? 'All namespaces'
    : chosen.length === 0
      ? 'None'
      : chosen.length <= 2
        ? chosen.join(', ')
        : `${chosen.length} namespaces`;

  const toggle = (name: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(name);
    else next.delete(name);
    props.onChoose(next.size === 0 ? { all: true } : { all: false, namespaces: [...next].sort() });
  };

  return (
    <div className="field ns-picker" ref={root}>
      <span className="field-label" id={labelId}>
        Namespaces
      </span>
      <button
        type="button"
        aria-labelledby={`${labelId} ${valueId}`}
        aria-expanded={open}
        aria-haspopup="true"
        className="ns-button"
        onClick={() => setOpen(!open)}
      >
        <span id={valueId}>{summary}</span> <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="popover">
          {props.list?.status === 'loading' && <p className="muted">Loading namespaces…</p>}
          {props.list?.status === 'error' && (
            <p role="alert" className="error-text">
              Cannot list namespaces: {props.list.error.message}
            </p>
          )}
          {list && !list.listable && <p className="note">{list.message}</p>}
          {names.length > 8 && (
            <input
              type="search"
              aria-label="Filter namespaces"
              placeholder="Filter…"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          )}
          <div role="group" aria-label="Namespaces" className="ns-options">
            <label className="ns-option ns-all">
              <input
                type="checkbox"
                checked={props.choice.all}
                onChange={(e) =>
                  props.onChoose(
                    e.target.checked
                      ? { all: true }
                      : { all: false, namespaces: names.slice(0, 1) },
                  )
                }
              />
              All namespaces
            </label>
            <NamespaceOptions
              names={shown}
              isChosen={(name) => !props.choice.all && chosenSet.has(name)}
              isAdded={(name) => addedSet.has(name)}
              onToggle={toggle}
              onForget={(name) => void props.onEditAdded(name, 'remove')}
            />
            {list && shown.length === 0 && (
              <p className="muted">No namespace matches “{deferredFilter}”.</p>
            )}
          </div>
          {list && !list.listable && <AddNamespace onAdd={(n) => props.onEditAdded(n, 'add')} />}
        </div>
      )}
    </div>
  );
}

function AddNamespace({ onAdd }: { onAdd(namespace: string): Promise<string | undefined> }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await onAdd(name.trim());
    setError(problem);
    if (!problem) setName('');
  };
  return (
    <form className="ns-add" onSubmit={(e) => void submit(e)}>
      <input
        aria-label="Add namespace"
        placeholder="namespace name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" disabled={!name.trim()}>
        Add
      </button>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </form>
  );
}
