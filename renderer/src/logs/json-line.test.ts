import { describe, expect, it } from 'vitest';
import { prettyJson } from './json-line';

describe('prettyJson', () => {
  it('indents objects and arrays', () => {
    expect(prettyJson('{"level":"info","msg":"ok"}')).toBe(
      '{\n  "level": "info",\n  "msg": "ok"\n}',
    );
    expect(prettyJson(' [1,2] ')).toBe('[\n  1,\n  2\n]');
  });
  it.each(['GET / 200', '42', '"text"', '{not json', '{"a":1} trailing', ''])(
    'leaves %j alone',
    (line) => expect(prettyJson(line)).toBeUndefined(),
  );
  it('answers the same twice (cached)', () => {
    expect(prettyJson('{"a":1}')).toBe(prettyJson('{"a":1}'));
  });
});
