import { describe, expect, it } from 'vitest';
import { groupedMarks } from './group-marks';

/** A write that holds each call open until released, recording the ids it was given. */
function slowWrite(refuse: string[] = []) {
  const calls: string[][] = [];
  const release: (() => void)[] = [];
  const write = (ids: string[]) => {
    calls.push(ids);
    return new Promise<ReadonlySet<string>>((resolve) => release.push(() => resolve(new Set(ids.filter((id) => !refuse.includes(id))))));
  };
  return { calls, release, write };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('group commit of delivery marks', () => {
  it('writes a lone mark at once and marks asked for meanwhile together in the next write', async () => {
    const w = slowWrite(['c']);
    const mark = groupedMarks(w.write);
    const a = mark('a');
    await tick();
    expect(w.calls).toEqual([['a']]);
    const rest = ['b', 'c', 'd'].map((id) => mark(id));
    await tick();
    expect(w.calls).toHaveLength(1);
    w.release[0]();
    expect(await a).toBe(true);
    await tick();
    expect(w.calls).toEqual([['a'], ['b', 'c', 'd']]);
    w.release[1]();
    expect(await Promise.all(rest)).toEqual([true, false, true]);
  });

  it('fails only the marks of the write that failed; the next ones are written', async () => {
    let n = 0;
    const mark = groupedMarks(async (ids) => {
      if (n++ === 0) throw new Error('connection lost');
      return new Set(ids);
    });
    const first = mark('a');
    const second = mark('b');
    await expect(first).rejects.toThrow('connection lost');
    expect(await second).toBe(true);
    expect(await mark('c')).toBe(true);
  });
});
