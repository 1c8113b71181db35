import { describe, expect, it } from 'vitest';
import { parseResourceList, resourceListText } from './resource-list';

describe('requests as one line', () => {
  it('round-trips, extended resources included', () => {
    const list = { cpu: '100m', memory: '64Mi', 'nvidia.com/gpu': '1' };
    expect(resourceListText(list)).toBe('cpu=100m, memory=64Mi, nvidia.com/gpu=1');
    expect(parseResourceList(resourceListText(list))).toEqual({ ok: true, list });
    expect(parseResourceList(' ')).toEqual({ ok: true, list: {} });
  });
  it('names the wrong part', () => {
    expect(parseResourceList('cpu')).toMatchObject({ ok: false, error: /name=quantity/ });
    expect(parseResourceList('cpu=lots')).toMatchObject({ ok: false, error: /cpu: “lots”/ });
    expect(parseResourceList('c pu=1')).toMatchObject({ ok: false, error: /resource name/ });
    expect(parseResourceList('cpu=1, cpu=2')).toMatchObject({ ok: false, error: /twice/ });
  });
});
