import { lazy, Suspense, type ComponentProps } from 'react';
import type { UsageChart as Chart } from './UsageChart';

// recharts is most of the renderer's weight: it loads with the first chart someone opens,
// not with the app (the startup benchmark's first paint stays where it was).
const UsageChart = lazy(() => import('./UsageChart').then((m) => ({ default: m.UsageChart })));

/** {@link Chart} loaded on first use; its caption holds the place meanwhile. */
export function LazyUsageChart(props: ComponentProps<typeof Chart>) {
  return (
    <Suspense
      fallback={
        <p className="muted" aria-busy="true">
          {props.title}: loading the chart…
        </p>
      }
    >
      <UsageChart {...props} />
    </Suspense>
  );
}
