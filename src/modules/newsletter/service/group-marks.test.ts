import { describe, expect, it } from 'vitest';
import { groupedMarks } from './group-marks';

/** A write that holds each call open until released, recording the ids it was given. */
function slowWrite(refuse: string[] = []) {
  const calls: { commit: string[]; sent: string[] }[] = [];
  const release: (() => void)[] = [];
  const write = (commit: string[], sent: string[]) => {
    calls.push({ commit, sent });
    return new Promise<ReadonlySet<string>>((resolve) =>
      release.push(() => resolve(new Set([...commit, ...sent].filter((id) => !refuse.includes(id))))),
    );
  };
  return { calls, release, write };
}

/** Enough turns of the event loop for the marks waiting for company to be written. */
const tick = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};

describe('group commit of delivery marks', () => {
  it('writes the commit marks of one turn together, and those asked for meanwhile in the next write', async () => {
    const w = slowWrite(['c']);
    const marks = groupedMarks(w.write);
    const first = [marks.commit('a'), marks.commit('a2')];
    expect(w.calls).toEqual([]);
    await tick();
    expect(w.calls).toEqual([{ commit: ['a', 'a2'], sent: [] }]);
    const rest = ['b', 'c', 'd'].map((id) => marks.commit(id));
    await tick();
    expect(w.calls).toHaveLength(1);
    w.release[0]();
    expect(await Promise.all(first)).toEqual([true, true]);
    await tick();
    expect(w.calls[1]).toEqual({ commit: ['b', 'c', 'd'], sent: [] });
    w.release[1]();
    expect(await Promise.all(rest)).toEqual([true, false, true]);
  });

  it('sends sent marks with the next commit marks, or with flush, never on their own', async () => {
    const w = slowWrite();
    const marks = groupedMarks(w.write);
    marks.sent('a');
    marks.sent('b');
    await tick();
    await tick();
    expect(w.calls).toEqual([]);
    const c = marks.commit('c');
    await tick();
    expect(w.calls).toEqual([{ commit: ['c'], sent: ['a', 'b'] }]);
    marks.sent('d');
    w.release[0]();
    expect(await c).toBe(true);
    const flushed = marks.flush();
    await tick();
    expect(w.calls[1]).toEqual({ commit: [], sent: ['d'] });
    w.release[1]();
    await flushed;
    expect(w.calls).toHaveLength(2);
  });

  it('fails only the marks of the write that failed, and flush reports lost sent marks', async () => {
    let n = 0;
    const marks = groupedMarks(async (commit, sent) => {
      if (n++ === 0) throw new Error('connection lost');
      return new Set([...commit, ...sent]);
    });
    marks.sent('s');
    const first = marks.commit('a');
    await expect(first).rejects.toThrow('connection lost');
    expect(await marks.commit('b')).toBe(true);
    await expect(marks.flush()).rejects.toThrow('connection lost');
  });

  it('flushes nothing when nothing is waiting', async () => {
    const w = slowWrite();
    await groupedMarks(w.write).flush();
    expect(w.calls).toEqual([]);
  });
});
