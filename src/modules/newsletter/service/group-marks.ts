/**
 * Group commit for the per-message marks of a send (decision 6): marks asked for while one UPDATE is
 * on its way go out together in the next one, so lanes that finish at the same moment cost one
 * statement instead of one each. Every caller still waits for the write that holds its own row, so a
 * commit mark is in the database before that message's final "." exactly as before; a lone caller is
 * written at once (nothing waits for company).
 */
export function groupedMarks(write: (ids: string[]) => Promise<ReadonlySet<string>>): (id: string) => Promise<boolean> {
  let waiting: { id: string; resolve: (ok: boolean) => void; reject: (err: unknown) => void }[] = [];
  let busy = false;
  async function drain() {
    busy = true;
    while (waiting.length) {
      const group = waiting;
      waiting = [];
      try {
        const done = await write(group.map((w) => w.id));
        for (const w of group) w.resolve(done.has(w.id));
      } catch (err) {
        for (const w of group) w.reject(err);
      }
    }
    busy = false;
  }
  return (id) =>
    new Promise<boolean>((resolve, reject) => {
      waiting.push({ id, resolve, reject });
      if (!busy) void drain();
    });
}
