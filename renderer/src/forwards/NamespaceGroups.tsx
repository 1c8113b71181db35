import type { PilotApi } from '../../../shared/contract/api';
import type { PilotErrorData } from '../../../shared/contract/errors';
import { useNamespaceForwards } from './forward-feed';
import { HostsLines, NamespaceForwardTable } from './NamespaceForwardTable';

/**
 * The namespace forwards running (of one context, or all): each with its state, its table
 * of Services and the hosts-file lines, and a Stop button that ends all its forwards.
 */
export function NamespaceGroups(props: {
  api: PilotApi;
  /** Only this context's; undefined for all. */
  context: string | undefined;
  onOutcome(text: string, bad: boolean): void;
}) {
  const { groups } = useNamespaceForwards(props.api);
  const shown = groups.filter((g) => props.context === undefined || g.context === props.context);
  if (shown.length === 0) return null;
  const stop = async (id: string, namespace: string) => {
    try {
      await props.api.request('forwards.namespace.stop', { id });
      props.onOutcome(`Stopped the forward of every Service of ${namespace}.`, false);
    } catch (error) {
      props.onOutcome((error as PilotErrorData).message, true);
    }
  };
  return (
    <section className="namespace-groups" aria-label="Namespace forwards">
      <h2>Namespace forwards</h2>
      {shown.map((g) => (
        <article
          key={g.id}
          className="namespace-group"
          aria-label={`Namespace forward ${g.namespace}`}
        >
          <div className="forwards-toolbar">
            <h3>
              Every Service of {g.namespace}
              {props.context === undefined ? ` (${g.context})` : ''}
            </h3>
            <span className="muted">{g.state}</span>
            <button
              type="button"
              aria-label={`Stop the namespace forward of ${g.namespace}`}
              onClick={() => void stop(g.id, g.namespace)}
            >
              Stop
            </button>
          </div>
          <NamespaceForwardTable group={g} />
          <HostsLines group={g} />
        </article>
      ))}
    </section>
  );
}
