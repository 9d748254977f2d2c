import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string;
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 for tests and the benchmark. `reject` decides per recipient:
 * a number is the SMTP reply code to refuse with (451 temporary, 550 permanent).
 */
export async function startSmtp(
  opts: { reject?: (to: string) => number | null; onMessage?: (m: Received, count: number) => void; keep?: boolean } = {},
) {
  const received: Received[] = [];
  const counts = new Map<string, number>();
  let total = 0;
  let open = 0;
  let peak = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(_session, cb) {
      peak = Math.max(peak, ++open);
      cb();
    },
    onClose() {
      open--;
    },
    onRcptTo(address, _session, cb) {
      const code = opts.reject?.(address.address.toLowerCase()) ?? null;
      if (code) return cb(Object.assign(new Error(code >= 500 ? 'No such user' : 'Try again later'), { responseCode: code }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => opts.keep !== false && chunks.push(c));
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) {
          const to = r.address.toLowerCase();
          counts.set(to, (counts.get(to) ?? 0) + 1);
          total++;
          const m = { to, raw: Buffer.concat(chunks).toString('utf8') };
          if (opts.keep !== false) received.push(m);
          opts.onMessage?.(m, total);
        }
        cb();
      });
    },
  });
  // A client that drops in the middle of a message (the crash tests kill the sender) is an error a real
  // server logs and survives; unlistened, Node would throw it in the test's process instead.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    counts,
    total: () => total,
    /** The most connections that were open at once. */
    peakConnections: () => peak,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
