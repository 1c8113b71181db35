import { describe, expect, it } from 'vitest';
import { parseTarget, TargetError } from './forward-target';

describe('parseTarget reads TYPE/NAME as kubectl does', () => {
  it.each([
    ['svc/web', { kind: 'services', name: 'web' }],
    ['service/web', { kind: 'services', name: 'web' }],
    ['pod/db-0', { kind: 'pods', name: 'db-0' }],
    ['db-0', { kind: 'pods', name: 'db-0' }],
    ['po/db-0', { kind: 'pods', name: 'db-0' }],
    ['deploy/web', { kind: 'deployments', name: 'web' }],
    ['deployment.apps/web', { kind: 'deployments', name: 'web' }],
    ['Deployment/web', { kind: 'deployments', name: 'web' }],
    ['sts/db', { kind: 'statefulsets', name: 'db' }],
    ['rs/web-7c9', { kind: 'replicasets', name: 'web-7c9' }],
  ])('%s', (text, expected) => {
    expect(parseTarget(text)).toEqual(expected);
  });

  it.each([
    ['job/x', /cannot forward to "job"/],
    ['svc.apps/web', /cannot forward to "svc.apps"/],
    ['deploy.batch/web', /cannot forward to "deploy.batch"/],
    ['svc/', /names no object/],
    ['svc/a/b', /names no object/],
    ['', /names no object/],
  ])('refuses %j', (text, message) => {
    expect(() => parseTarget(text)).toThrow(TargetError);
    expect(() => parseTarget(text)).toThrow(message);
  });
});
