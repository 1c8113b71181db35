import { describe, expect, it } from 'vitest';
import { withPluginSearchPath } from './search-path';

describe('withPluginSearchPath', () => {
  it('keeps the user PATH first and appends the usual plugin locations once', () => {
    const got = withPluginSearchPath('/usr/bin:/bin:/usr/local/bin', 'darwin', '/Users/u').split(
      ':',
    );
    expect(got.slice(0, 3)).toEqual(['/usr/bin', '/bin', '/usr/local/bin']);
    expect(got).toContain('/opt/homebrew/bin');
    expect(got).toContain('/Users/u/google-cloud-sdk/bin');
    expect(got.filter((d) => d === '/usr/local/bin')).toHaveLength(1);
  });

  it('works from an empty PATH', () => {
    expect(withPluginSearchPath(undefined, 'linux', '/h')).toMatch(/^\/opt\/homebrew\/bin:/);
  });
});
