import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  applyFragment,
  fragmentOf,
  fragmentYaml,
  parseAffinity,
  parseFragment,
  podSpecOf,
  tolerationText,
} from './what-if';

const spec = {
  nodeSelector: { 'pilothouse.dev/role': 'gpu' },
  initContainers: [{ name: 'init', image: 'i', resources: { requests: { cpu: '200m' } } }],
  containers: [
    { name: 'app', image: 'a', resources: { requests: { cpu: '100m', memory: '64Mi' } } },
    { name: 'side', image: 's' },
  ],
  restartPolicy: 'Always',
};

describe('the what-if fragment', () => {
  it('cuts the placement fields and each container’s resources out of a pod spec', () => {
    const f = fragmentOf(spec);
    expect(f.nodeSelector).toEqual({ 'pilothouse.dev/role': 'gpu' });
    expect(f.tolerations).toEqual([]);
    expect(f.affinity).toEqual({});
    expect(f.containers).toEqual([
      { name: 'init', init: true, requests: { cpu: '200m' }, limits: {} },
      { name: 'app', init: false, requests: { cpu: '100m', memory: '64Mi' }, limits: {} },
      { name: 'side', init: false, requests: {}, limits: {} },
    ]);
  });

  it('lays an edited fragment over a copy of the spec and leaves the rest alone', () => {
    const f = fragmentOf(spec);
    f.tolerations.push({ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' });
    f.nodeSelector = {};
    f.containers[1]!.requests = { cpu: '6' };
    const out = applyFragment(spec, f);
    expect(out['nodeSelector']).toBeUndefined();
    expect(out['tolerations']).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(out['restartPolicy']).toBe('Always');
    expect((out['containers'] as { resources: unknown }[])[0]!.resources).toEqual({
      requests: { cpu: '6' },
    });
    expect((out['initContainers'] as { resources: unknown }[])[0]!.resources).toEqual({
      requests: { cpu: '200m' },
    });
    // The original is untouched.
    expect(spec.nodeSelector).toEqual({ 'pilothouse.dev/role': 'gpu' });
    expect(spec.containers[0]!.resources).toEqual({ requests: { cpu: '100m', memory: '64Mi' } });
  });

  it('reads a workload’s template spec, and a Pod’s own', () => {
    expect(podSpecOf({ kind: 'Pod', spec })).toBe(spec);
    expect(podSpecOf({ kind: 'Deployment', spec: { template: { spec } } })).toBe(spec);
  });

  it('copies as pod-spec-shaped YAML that parses back to the same fragment', () => {
    const f = fragmentOf({ ...spec, affinity: { nodeAffinity: { x: 1 } } });
    const yaml = fragmentYaml(f);
    expect(parse(yaml)).toEqual({
      nodeSelector: { 'pilothouse.dev/role': 'gpu' },
      affinity: { nodeAffinity: { x: 1 } },
      initContainers: [{ name: 'init', resources: { requests: { cpu: '200m' } } }],
      containers: [
        { name: 'app', resources: { requests: { cpu: '100m', memory: '64Mi' } } },
        { name: 'side', resources: {} },
      ],
    });
    const back = parseFragment(yaml);
    expect(back).toEqual({ ok: true, fragment: f });
  });

  it('names what is wrong with an edited fragment instead of asking the server', () => {
    expect(parseFragment('a: [')).toMatchObject({ ok: false, error: /^Not YAML/ });
    expect(parseFragment('- 1')).toMatchObject({ ok: false, error: /must be a mapping/ });
    expect(parseFragment('hostNetwork: true')).toMatchObject({
      ok: false,
      error: /Unknown field hostNetwork/,
    });
    expect(parseFragment('tolerations: {}')).toMatchObject({ ok: false, error: /must be a list/ });
    expect(parseFragment('tolerations: [{operator: Maybe}]')).toMatchObject({
      ok: false,
      error: 'tolerations[0].operator must be Exists or Equal.',
    });
    expect(parseFragment('tolerations: [{effect: NoRun}]')).toMatchObject({
      ok: false,
      error: /tolerations\[0\].effect/,
    });
    expect(parseFragment('a: &x 1\nb: *x')).toMatchObject({ ok: false });
    expect(parseFragment('')).toMatchObject({ ok: true });
    expect(parseFragment('x'.repeat(300_000))).toMatchObject({ ok: false, error: /KiB/ });
  });

  it('checks the affinity editor’s text', () => {
    expect(parseAffinity('')).toEqual({ ok: true, affinity: {} });
    expect(parseAffinity('nodeAffinity: {}')).toEqual({ ok: true, affinity: { nodeAffinity: {} } });
    expect(parseAffinity('nodeAfinity: {}')).toMatchObject({ ok: false, error: /nodeAfinity/ });
    expect(parseAffinity('[1]')).toMatchObject({ ok: false, error: /mapping/ });
  });

  it('words tolerations', () => {
    expect(tolerationText({ key: 'a', operator: 'Equal', value: 'b', effect: 'NoSchedule' })).toBe(
      'a=b:NoSchedule',
    );
    expect(tolerationText({ operator: 'Exists' })).toBe('every taint (any effect)');
    expect(
      tolerationText({ key: 'm', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }),
    ).toBe('m exists:NoExecute for 30s');
  });
});
