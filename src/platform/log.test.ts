import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

function capture(isTTY: boolean) {
  const lines: string[] = [];
  const out = Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    }),
    { isTTY },
  );
  return { out, lines };
}

describe('createLogger', () => {
  it('writes JSON lines when the output is not a terminal', () => {
    const { out, lines } = capture(false);
    createLogger('info', 'auto', out).info({ port: 3000 }, 'Pathways is running');
    const line = JSON.parse(lines.join(''));
    expect(line).toMatchObject({ level: 30, port: 3000, msg: 'Pathways is running' });
  });

  it('writes readable lines, not JSON, on a terminal', () => {
    const { out, lines } = capture(true);
    createLogger('info', 'auto', out).info({ port: 3000 }, 'Pathways is running');
    const text = lines.join('');
    expect(text).toContain('Pathways is running');
    expect(text).toContain('port');
    expect(() => JSON.parse(text)).toThrow();
  });

  it('follows an explicit format whatever the output is', () => {
    const { out, lines } = capture(true);
    createLogger('info', 'json', out).warn('disk nearly full');
    expect(JSON.parse(lines.join(''))).toMatchObject({ level: 40, msg: 'disk nearly full' });
  });
});
