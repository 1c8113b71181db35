import { formatRoute } from '../../data/route';
import type { DetailSectionProps } from '../../ui/detail/detail-sections';
import { useForwards } from '../forward-feed';
import { browserUrl, lineOf, toneGlyph } from '../forward-rows';
import '../forwards.css';

/**
 * The forwards to the object the panel shows, live: address, state in the engine's words,
 * and an Open link for HTTP ports. Nothing when there are none.
 */
export function ForwardNotice({ api, route, target }: DetailSectionProps) {
  const feed = useForwards(api);
  const mine = feed.forwards.filter(
    (f) =>
      f.spec.context === target.context &&
      f.spec.namespace === target.namespace &&
      f.spec.kind === target.kind &&
      f.spec.name === target.name,
  );
  if (mine.length === 0) return null;
  const { object: _object, crd: _crd, query: _query, ...keep } = route;
  return (
    <section
      className="banner banner-info forward-notice"
      aria-label={`Forwards of ${target.def.singular} ${target.name}`}
    >
      <ul>
        {mine.map(lineOf).map((line) => {
          const url = line.tone === 'ok' ? browserUrl(line) : undefined;
          return (
            <li key={line.id}>
              <span className="mono">{line.address || 'not bound'}</span> →{' '}
              <span className="mono">{line.target}</span>:{' '}
              <span className={`tone tone-${line.tone} forward-state`}>
                <span aria-hidden="true">{toneGlyph[line.tone]}</span> {line.state}
              </span>
              {url && (
                <>
                  {' '}
                  <a href={url} target="_blank" rel="noopener noreferrer">
                    Open
                  </a>
                </>
              )}
            </li>
          );
        })}
      </ul>
      <a href={formatRoute({ ...keep, view: 'port-forwards', context: target.context })}>
        All port-forwards
      </a>
    </section>
  );
}
