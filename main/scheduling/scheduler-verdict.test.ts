import { describe, expect, it } from 'vitest';
import { comparableMessage, latestFailedScheduling } from './scheduler-verdict';

const SUMMARY = '0/6 nodes are available: 1 node(s) were unschedulable, 5 Insufficient cpu.';
const MESSAGE = `${SUMMARY} preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.`;

describe('the scheduler verdict', () => {
  it('cuts the preemption part before comparing', () => {
    expect(comparableMessage(MESSAGE)).toBe(SUMMARY);
    expect(comparableMessage(SUMMARY)).toBe(SUMMARY);
  });

  it('keeps the latest FailedScheduling event (events.k8s.io series, eventTime, lastTimestamp)', () => {
    const verdict = latestFailedScheduling(
      [
        { reason: 'FailedScheduling', message: 'old', eventTime: '2026-12-03T03:00:00.5Z' },
        { reason: 'Scheduled', message: 'not this', eventTime: '2026-12-03T05:00:00Z' },
        {
          reason: 'FailedScheduling',
          message: MESSAGE,
          eventTime: '2026-12-03T02:00:00Z',
          series: { count: 4, lastObservedTime: '2026-12-03T03:00:01.25Z' },
        },
        {
          reason: 'FailedScheduling',
          message: 'older',
          lastTimestamp: '2026-12-03T01:00:00Z',
          count: 9,
        },
      ],
      SUMMARY,
    );
    expect(verdict).toEqual({
      message: MESSAGE,
      comparable: SUMMARY,
      at: '2026-12-03T03:00:01.25Z',
      count: 4,
      differs: false,
    });
  });

  it('marks a different message, and is null without any FailedScheduling event', () => {
    expect(
      latestFailedScheduling([{ reason: 'FailedScheduling', message: 'x' }], SUMMARY)?.differs,
    ).toBe(true);
    expect(latestFailedScheduling([], SUMMARY)).toBeNull();
  });
});
