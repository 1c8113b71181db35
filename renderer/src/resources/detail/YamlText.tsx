import { stringify } from 'yaml';

/**
 * An object as YAML, as the YAML tab shows it. A module of its own because the YAML
 * library is one of the renderer's largest: it loads when the tab is first opened
 * (DetailPanel), not with the table.
 */
export function YamlText(props: { object: unknown }) {
  return (
    <pre className="yaml" aria-label="YAML">
      {stringify(props.object, { lineWidth: 0 })}
    </pre>
  );
}
