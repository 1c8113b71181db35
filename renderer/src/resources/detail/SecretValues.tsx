import { useState } from 'react';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import { asRecord } from '../../../../shared/kube/object-types';
import type { SummarySectionProps } from '../../ui/detail/detail-sections';

/** A Secret's keys; each value is fetched and shown only when revealed. */
export function SecretValues({ api, target, object }: SummarySectionProps) {
  const meta = object.metadata ?? {};
  if (!meta.namespace || !meta.name) return null;
  return (
    <SecretKeys
      api={api}
      context={target.context}
      namespace={meta.namespace}
      name={meta.name}
      data={asRecord(object['data'])}
    />
  );
}

function SecretKeys(props: {
  api: SummarySectionProps['api'];
  context: string;
  namespace: string;
  name: string;
  data: Record<string, unknown>;
}) {
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const keys = Object.keys(props.data);
  if (keys.length === 0) return null;
  const reveal = (key: string) =>
    props.api
      .request('secret.reveal', {
        context: props.context,
        namespace: props.namespace,
        name: props.name,
        key,
      })
      .then(
        (value) => setRevealed((r) => ({ ...r, [key]: value })),
        (e: PilotErrorData) => setError(e.message),
      );
  return (
    <section aria-label="Data">
      <h3>Data</h3>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <dl className="facts compact">
        {keys.map((key) => (
          <div key={key} className="secret-row">
            <dt>{key}</dt>
            <dd>
              {key in revealed ? (
                <>
                  <code className="secret-value">{revealed[key]}</code>{' '}
                  <button
                    type="button"
                    onClick={() => setRevealed(({ [key]: _, ...rest }) => rest)}
                  >
                    Hide
                  </button>
                </>
              ) : (
                <button type="button" aria-label={`Reveal ${key}`} onClick={() => void reveal(key)}>
                  Reveal
                </button>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
