import { beforeAll, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { PilotApi } from '../../../../shared/contract/api';
import type { AnyKind } from '../../../../shared/contract/resources';
import { resolveKind } from '../../../../shared/kube/kinds';
import type { Row } from '../../../../shared/resources/rows';
import { DetailSectionsContext } from '../../ui/detail/detail-sections';
import { DetailPanel } from './DetailPanel';
import { resourceDetailSections, resourceSectionChunk } from './sections';

// Effects do not run in a static render: the object stays "loading", which is enough to
// see the header, the actions and the notices each kind gets.
const api = {} as PilotApi;

function render(kind: AnyKind, namespace: string | undefined, name: string, row?: Row) {
  return renderToStaticMarkup(
    <DetailSectionsContext.Provider value={resourceDetailSections}>
      <DetailPanel
        api={api}
        route={{ view: 'pods', context: 'c' }}
        target={{ context: 'c', kind, def: resolveKind(kind)!, namespace, name }}
        row={row}
        onClose={() => undefined}
      />
    </DetailSectionsContext.Provider>,
  );
}

describe('DetailPanel', () => {
  // The sections' components are a chunk of their own; the app prefetches it after the first
  // view, or suspends the sections until it arrives. A static render cannot wait for it.
  beforeAll(() => resourceSectionChunk.load());

  it('names a pod by its singular kind and offers Logs and Delete', () => {
    const html = render('pods', 'team-a', 'web-1');
    expect(html).toContain('aria-label="Pod web-1"');
    expect(html).toContain('aria-label="Close details"');
    expect(html).toContain('href="#/logs?context=c&amp;q=pod:team-a/web-1"');
    expect(html).toContain('>Delete</button>');
    expect(html).not.toContain('Replicas');
  });

  it('offers Delete once it knows the uid of the object shown (sent as the precondition)', () => {
    expect(render('pods', 'team-a', 'web-1')).toMatch(/<button[^>]*disabled=""[^>]*>Delete</);
    const row: Row = { uid: 'u-1', name: 'web-1', cells: {} };
    expect(render('pods', 'team-a', 'web-1', row)).toMatch(
      /<button type="button" class="danger">Delete</,
    );
  });

  it('scales a deployment from its desired replicas', () => {
    const row: Row = { uid: 'u', name: 'web', cells: {}, facts: { desired: 3, ready: 3 } };
    const html = render('deployments', 'team-a', 'web', row);
    expect(html).toContain('aria-label="Deployment web"');
    expect(html).toMatch(/aria-label="Replicas" value="3"/);
    expect(html).toContain('>Scale</button>');
    expect(html).toContain('q=deploy:team-a/web');
  });

  it('singular names come from the registry, not from the plural', () => {
    expect(render('ingresses', 'team-a', 'shop')).toContain('aria-label="Ingress shop"');
    expect(render('persistentvolumeclaims', 'team-a', 'data')).toContain(
      'aria-label="PersistentVolumeClaim data"',
    );
  });

  it('links an event to its involved object', () => {
    const row: Row = {
      uid: 'e',
      name: 'web-1.abc',
      cells: {},
      facts: { involved: { kind: 'Pod', name: 'web-1', namespace: 'team-a' } },
    };
    const html = render('events', 'team-a', 'web-1.abc', row);
    expect(html).toContain('Involved object:');
    expect(html).toContain('href="#/pods?context=c&amp;object=team-a/web-1"');
    expect(html).not.toContain('>Delete</button>');
  });

  it('names a custom resource by its real kind and offers no actions', () => {
    const kind = {
      group: 'gateway.networking.k8s.io',
      version: 'v1',
      plural: 'httproutes',
      namespaced: true,
      kind: 'HTTPRoute',
    };
    const html = render(kind, 'team-a', 'shop');
    expect(html).toContain('aria-label="HTTPRoute shop"');
    expect(html).not.toContain('>Delete</button>');
    expect(html).not.toContain('>Logs</a>');
  });
});
