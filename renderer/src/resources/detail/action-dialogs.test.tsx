import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { builtinKinds, resolveKind, type KindDef } from '../../../../shared/kube/kinds';
import type { DetailTarget } from '../../ui/detail/detail-sections';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import {
  deleteDialogText,
  deleteFailureText,
  scaleToZeroDialogText,
  type ActionDialogText,
} from './action-dialogs';

function targetOf(def: KindDef, name = 'web-1'): DetailTarget {
  return {
    context: 'prod-eu',
    kind: def.id as DetailTarget['kind'],
    def,
    namespace: def.namespaced ? 'team-a' : undefined,
    name,
  };
}

function dialog(text: ActionDialogText): string {
  return renderToStaticMarkup(
    <ConfirmDialog
      title={text.title}
      facts={text.facts}
      confirmLabel={text.confirmLabel}
      onConfirm={() => undefined}
      onCancel={() => undefined}
    >
      <p>{text.consequence}</p>
    </ConfirmDialog>,
  );
}

const withAction = (action: 'delete' | 'scale') =>
  builtinKinds.filter((k) => k.actions.includes(action)).map((k) => [k.kind, k] as const);

describe('the delete dialog', () => {
  it.each(withAction('delete'))('names context, namespace, kind and name of a %s', (kind, def) => {
    const text = deleteDialogText(targetOf(def), false);
    expect(text.title).toBe(`Delete ${kind} web-1?`);
    expect(text.facts).toEqual([
      ['Context', 'prod-eu'],
      ['Namespace', 'team-a'],
      ['Kind', kind],
      ['Name', 'web-1'],
    ]);
    const html = dialog(text);
    expect(html).toContain(`aria-label="Delete ${kind} web-1?"`);
    for (const [label, value] of text.facts)
      expect(html).toContain(`<dt>${label}</dt><dd>${value}</dd>`);
    expect(html).toContain('>Delete</button>');
  });

  it('says a controller will replace an owned object', () => {
    const pods = resolveKind('pods')!;
    expect(deleteDialogText(targetOf(pods), true).consequence).toMatch(/controller will create/);
    expect(deleteDialogText(targetOf(pods), false).consequence).not.toMatch(/controller/);
  });

  it('lists a cluster-scoped object as such', () => {
    const nodes = resolveKind('nodes')!;
    expect(deleteDialogText(targetOf(nodes), false).facts[1]).toEqual([
      'Namespace',
      '(cluster-scoped)',
    ]);
  });

  it('shows names as text, never as markup', () => {
    const html = dialog(deleteDialogText(targetOf(resolveKind('pods')!, '<img src=x>'), false));
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x&gt;');
  });
});

describe('the scale-to-0 dialog', () => {
  it.each(withAction('scale'))('names context, namespace, kind and name of a %s', (kind, def) => {
    const text = scaleToZeroDialogText(targetOf(def, 'db'));
    expect(text.title).toBe(`Scale ${kind} db to 0?`);
    expect(text.facts.map(([, v]) => v)).toEqual(['prod-eu', 'team-a', kind, 'db']);
    expect(dialog(text)).toContain('>Scale to 0</button>');
  });
});

describe('a refused delete', () => {
  const target = targetOf(resolveKind('configmaps')!, 'settings');

  it('says a replaced object was replaced and that nothing was deleted (Conflict)', () => {
    expect(
      deleteFailureText(target, { code: 'Conflict', message: 'ConfigMap "settings" was replaced' }),
    ).toMatch(/^ConfigMap settings was replaced since you opened it; nothing was deleted\./);
  });

  it('passes other messages on as main wrote them', () => {
    expect(deleteFailureText(target, { code: 'Forbidden', message: 'not allowed' })).toBe(
      'not allowed',
    );
  });
});
