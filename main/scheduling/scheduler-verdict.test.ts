import { describe, expect, it } from 'vitest';
import { comparableMessage, latestFailedScheduling, schedulerVerdict } from './scheduler-verdict';

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

  const pendingPod = (message: string) => ({
    status: {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }],
    },
  });
  const WIDER = `0/10 nodes are available: 4 node(s) had untolerated taint {x: y}. preemption: 0/10 nodes are available: 10 Preemption is not helpful for scheduling.`;

  it("takes the pod's condition over a newer event: a repeated message only reaches the API in its series 30 minutes later", () => {
    const events = [
      {
        reason: 'FailedScheduling',
        message: MESSAGE,
        eventTime: '2026-12-03T02:00:00Z',
        series: { count: 3, lastObservedTime: '2026-12-03T02:05:00Z' },
      },
      // Said while four more nodes existed; newer on the API than the message said since.
      { reason: 'FailedScheduling', message: WIDER, eventTime: '2026-12-03T02:10:00Z' },
    ];
    expect(schedulerVerdict(pendingPod(MESSAGE), events, SUMMARY)).toEqual({
      message: MESSAGE,
      comparable: SUMMARY,
      at: '2026-12-03T02:05:00Z',
      count: 3,
      differs: false,
    });
  });

  it('matches an event cut to 1,024 characters, and stands alone without one', () => {
    const long = `${SUMMARY} ${'x'.repeat(2000)}`;
    const cut = { reason: 'FailedScheduling', message: `${long.slice(0, 1020)} ...`, count: 2 };
    expect(schedulerVerdict(pendingPod(long), [cut], SUMMARY)?.count).toBe(2);
    expect(schedulerVerdict(pendingPod(MESSAGE), [], SUMMARY)).toEqual({
      message: MESSAGE,
      comparable: SUMMARY,
      at: '',
      count: 1,
      differs: false,
    });
  });

  it('falls back to the latest event when the pod has no message (another scheduler, an old pod)', () => {
    const events = [{ reason: 'FailedScheduling', message: WIDER, count: 1 }];
    expect(schedulerVerdict({ status: { phase: 'Pending' } }, events, SUMMARY)?.message).toBe(
      WIDER,
    );
    expect(schedulerVerdict({ status: { phase: 'Pending' } }, [], SUMMARY)).toBeNull();
  });
});
