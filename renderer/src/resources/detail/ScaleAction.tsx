import { useState } from 'react';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import { isScalable } from '../../../../shared/kube/kinds';
import type { DetailSectionProps } from '../../ui/detail/detail-sections';

/** Replicas field and Scale button, for kinds whose registry actions include 'scale'. */
export function ScaleAction({ api, target, row, report }: DetailSectionProps) {
  const { kind, namespace } = target;
  if (typeof kind !== 'string' || !isScalable(kind) || !namespace) return null;
  const scale = async (replicas: number) => {
    try {
      await api.request('resource.scale', {
        context: target.context,
        kind,
        namespace,
        name: target.name,
        replicas,
      });
      report.done(`Scaled to ${replicas}.`);
    } catch (error) {
      report.failed((error as PilotErrorData).message);
    }
  };
  return <ScaleForm current={row?.facts?.desired} onScale={scale} />;
}

function ScaleForm({
  current,
  onScale,
}: {
  current: number | undefined;
  onScale(replicas: number): Promise<void>;
}) {
  const [value, setValue] = useState<string>(current === undefined ? '' : String(current));
  const n = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 100000;
  return (
    <form
      className="scale-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void onScale(n);
      }}
    >
      <label>
        Replicas{' '}
        <input
          type="number"
          min={0}
          max={100000}
          aria-label="Replicas"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <button type="submit" disabled={!valid}>
        Scale
      </button>
    </form>
  );
}
