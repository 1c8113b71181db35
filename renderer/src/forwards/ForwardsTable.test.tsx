import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { ForwardsTable, type RowActions } from './ForwardsTable';
import { ForwardDialog } from './ForwardDialog';
import type { ForwardLine } from './forward-rows';

const noop = () => undefined;
const actions: RowActions = {
  onCopy: noop,
  onStop: noop,
  onStart: noop,
  onRestart: noop,
  onRemove: noop,
  onAutostart: noop,
};

const base: ForwardLine = {
  id: 'f-1',
  address: '127.0.0.1:8080',
  localIp: '127.0.0.1',
  localPort: 8080,
  target: 'team-a/svc/web:80',
  pod: 'web-1',
  state: 'Active (pod web-1, 0 connections)',
  tone: 'ok',
  connections: 0,
  bytesIn: 0,
  bytesOut: 0,
  lastError: '',
  running: true,
  portName: 'http',
  remotePort: 80,
  warning: '',
  savedId: '',
  savedOnly: false,
  autostart: false,
  context: 'c',
};

describe('ForwardsTable', () => {
  it('an active HTTP forward: Open (to loopback, new tab, no referrer), Copy, Restart, Stop', () => {
    const html = renderToStaticMarkup(<ForwardsTable lines={[base]} actions={actions} />);
    expect(html).toContain(
      'href="http://127.0.0.1:8080/" target="_blank" rel="noopener noreferrer" aria-label="Open 127.0.0.1:8080 in the browser"',
    );
    expect(html).toContain('aria-label="Copy 127.0.0.1:8080"');
    expect(html).toContain('aria-label="Forward team-a/svc/web:80 (127.0.0.1:8080)"');
    expect(html).toContain('aria-label="Restart team-a/svc/web:80 (127.0.0.1:8080)"');
    expect(html).toContain('aria-label="Stop team-a/svc/web:80 (127.0.0.1:8080)"');
    expect(html).not.toContain('>Start<');
  });

  it('the state is words and a glyph, not only a colour; no Open while not Active', () => {
    const line: ForwardLine = { ...base, tone: 'warn', state: 'Reconnecting' };
    const html = renderToStaticMarkup(<ForwardsTable lines={[line]} actions={actions} />);
    expect(html).toContain('◐');
    expect(html).toContain('<span>Reconnecting</span>');
    expect(html).not.toContain('href="http');
  });

  it('a stopped forward offers Start and Remove; cluster text stays text', () => {
    const line: ForwardLine = {
      ...base,
      address: '',
      running: false,
      tone: 'muted',
      state: 'Stopped',
      lastError: '<img src=x onerror=alert(1)>',
    };
    const html = renderToStaticMarkup(<ForwardsTable lines={[line]} actions={actions} />);
    expect(html).toContain('aria-label="Start team-a/svc/web:80"');
    expect(html).toContain('aria-label="Remove team-a/svc/web:80"');
    expect(html).toContain('127.0.0.1 · not listening');
    expect(html).not.toContain('Copy');
    expect(html).not.toContain('<img');
  });
});

describe('ForwardDialog', () => {
  it('lists the ports by name and number, defaults to 127.0.0.1 and warns of nothing yet', () => {
    const html = renderToStaticMarkup(
      <ForwardDialog
        title="Forward Service web"
        facts={[['Namespace', 'team-a']]}
        ports={[
          { port: 80, name: 'http', protocol: 'TCP', targetPort: 'http' },
          { port: 9113, name: 'metrics', protocol: 'TCP', targetPort: 'metrics' },
        ]}
        allowOtherPort={false}
        onStart={() => Promise.resolve(undefined)}
        onCancel={noop}
      />,
    );
    expect(html).toContain('http 80 → http');
    expect(html).toContain('metrics 9113 → metrics');
    expect(html).toContain('127.0.0.1</span> (this machine only)');
    expect(html).toContain('Start automatically when Pilothouse starts');
    expect(html).not.toContain('Other machines');
  });
});
