import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './navigation-policy';
import { senderRefusal, type SenderFacts } from './sender-check';

const trusted: SenderFacts = {
  senderId: 7,
  windowContentsId: 7,
  frame: { url: 'app://pilothouse/index.html#/pods', isWindowMainFrame: true, hasParent: false },
  portCount: 1,
};

describe('IPC sender check', () => {
  it('accepts our window main frame showing our page, with one port', () => {
    expect(senderRefusal(trusted, APP_ORIGIN)).toBeUndefined();
  });

  it.each<[string, Partial<SenderFacts>, string]>([
    ['no window', { windowContentsId: undefined }, 'no window is open'],
    ['another web contents', { senderId: 8 }, 'the sender is not our window'],
    ['a gone frame', { frame: null }, 'the sending frame is gone'],
    [
      'an iframe',
      { frame: { url: 'app://pilothouse/x.html', isWindowMainFrame: false, hasParent: true } },
      'the sender is not the main frame',
    ],
    [
      'a frame with a parent',
      { frame: { url: 'app://pilothouse/', isWindowMainFrame: true, hasParent: true } },
      'the sender is not the main frame',
    ],
    [
      'a page that navigated away',
      { frame: { url: 'https://evil.example/', isWindowMainFrame: true, hasParent: false } },
      'the frame does not show our page',
    ],
    [
      'a file: page',
      { frame: { url: 'file:///tmp/index.html', isWindowMainFrame: true, hasParent: false } },
      'the frame does not show our page',
    ],
    ['no port', { portCount: 0 }, 'expected one port, got 0'],
    ['two ports', { portCount: 2 }, 'expected one port, got 2'],
  ])('refuses %s', (_name, change, reason) => {
    expect(senderRefusal({ ...trusted, ...change }, APP_ORIGIN)).toBe(reason);
  });

  it('accepts the dev server origin in development only', () => {
    const dev = { ...trusted, frame: { ...trusted.frame!, url: 'http://localhost:5173/' } };
    expect(senderRefusal(dev, 'http://localhost:5173')).toBeUndefined();
    expect(senderRefusal(dev, APP_ORIGIN)).toBe('the frame does not show our page');
  });
});
