import { describe, expect, it } from 'vitest';
import { initialForm, isExposed, readForm, validAddress } from './forward-choice';
import type { TargetPort } from './target-ports';

const ports: TargetPort[] = [
  { port: 53, name: 'dns', protocol: 'UDP' },
  { port: 80, name: 'http', protocol: 'TCP', targetPort: 'http' },
];

describe('the Forward… form', () => {
  it('starts on the first TCP port, the same local number, 127.0.0.1, not automatic', () => {
    const form = initialForm(ports);
    expect(form).toMatchObject({ portIndex: 1, localMode: 'same', addressMode: 'loopback' });
    expect(readForm(form, ports, false)).toEqual({
      ok: true,
      choice: {
        remotePort: 80,
        portName: 'http',
        localPort: undefined,
        address: '127.0.0.1',
        autostart: false,
      },
    });
  });

  it('a chosen local port, a free one, another port typed in', () => {
    const form = initialForm(ports);
    const chosen = readForm({ ...form, localMode: 'chosen', localPort: '18080' }, ports, false);
    expect(chosen.ok && chosen.choice.localPort).toBe(18080);
    const free = readForm({ ...form, localMode: 'free' }, ports, false);
    expect(free.ok && free.choice.localPort).toBe(0);
    const other = readForm({ ...form, portIndex: -1, otherPort: '9000' }, ports, true);
    expect(other.ok && other.choice.remotePort).toBe(9000);
  });

  it('says what is wrong instead of starting', () => {
    const form = initialForm(ports);
    expect(readForm({ ...form, portIndex: 0 }, ports, false)).toEqual({
      ok: false,
      problem: 'UDP cannot be forwarded.',
    });
    expect(readForm({ ...form, localMode: 'chosen', localPort: '70000' }, ports, false).ok).toBe(
      false,
    );
    expect(readForm({ ...form, portIndex: -1, otherPort: 'x' }, ports, true).ok).toBe(false);
    expect(readForm({ ...form, portIndex: -1 }, ports, false).ok).toBe(false);
    expect(
      readForm({ ...form, addressMode: 'other', otherAddress: 'my-laptop' }, ports, false).ok,
    ).toBe(false);
  });

  it('another address only when chosen, and a warning when others can reach it', () => {
    const form = initialForm(ports);
    const typedButNotChosen = readForm({ ...form, otherAddress: '0.0.0.0' }, ports, false);
    expect(typedButNotChosen.ok && typedButNotChosen.choice.address).toBe('127.0.0.1');
    const chosen = readForm(
      { ...form, addressMode: 'other', otherAddress: ' 0.0.0.0 ' },
      ports,
      false,
    );
    expect(chosen.ok && chosen.choice.address).toBe('0.0.0.0');
    expect(isExposed('0.0.0.0')).toBe(true);
    expect(isExposed('192.168.1.20')).toBe(true);
    expect(isExposed('127.0.0.2')).toBe(false);
    expect(isExposed('::1')).toBe(false);
    expect(validAddress('::')).toBe(true);
    expect(validAddress('256.1.1.1')).toBe(false);
  });
});
