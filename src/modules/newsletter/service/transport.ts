import { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type { Deps } from '../../../platform/http/context';
import type { OutgoingMail } from '../../../platform/mail/mailer';
import { fromAddress } from './common';

/** Thrown when the row was taken back by another worker before the message was committed. */
export class LostClaim extends Error {}

/** A send failure, with whether the mail server may already have accepted the message. */
export class SendFailure extends Error {
  constructor(
    message: string,
    readonly responseCode: number | null,
    /** True when the final "." had gone out and no definite answer came back. */
    readonly uncertain: boolean,
  ) {
    super(message);
  }
}

export interface BulkTransport {
  /**
   * Sends one message. `commit` runs just before the end-of-data mark that makes the server accept
   * it; if it throws, the message is abandoned and never reaches the server.
   */
  send(mail: OutgoingMail & { messageId: string }, commit: () => Promise<void>): Promise<void>;
  close(): void;
}

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

/**
 * RFC 2369 wants one List-Unsubscribe header listing both ways (HTTPS and mailto); RFC 8058 adds
 * List-Unsubscribe-Post. (nodemailer's `list` option writes one header per address.)
 */
export function listHeaders(mail: OutgoingMail): Record<string, string> {
  const l = mail.listUnsubscribe;
  const id: Record<string, string> = mail.listId ? { 'List-Id': mail.listId } : {};
  if (!l) return { ...mail.headers, ...id };
  return {
    ...mail.headers,
    ...id,
    'List-Unsubscribe': [`<${l.url}>`, ...(l.mail ? [`<mailto:${l.mail}>`] : [])].join(', '),
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** The message bytes, built by nodemailer exactly as the platform mailer builds them. */
async function buildRaw(from: string, mail: OutgoingMail & { messageId: string }): Promise<Buffer> {
  const info = await composer.sendMail({
    from,
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
    headers: listHeaders(mail),
  });
  return info.message as Buffer;
}

/** A stream of the message that asks `commit` before it ends (the end writes the final "."). */
function gatedStream(raw: Buffer, commit: () => Promise<void>, onCommitted: () => void): Readable {
  let pushed = false;
  let ending = false;
  return new Readable({
    read() {
      if (!pushed) {
        pushed = true;
        this.push(raw);
        return;
      }
      if (ending) return;
      ending = true;
      commit().then(
        () => {
          onCommitted();
          this.push(null);
        },
        (err) => this.destroy(err),
      );
    },
  });
}

/** SMTP over a few reused connections, built on nodemailer's SMTP client. */
function smtpBulkTransport(url: string, mailFrom: string, connections = 4): BulkTransport {
  const opts = parseConnectionUrl(url) as SMTPConnection.Options & { auth?: { user: string; pass: string } };
  const idle: SMTPConnection[] = [];
  const all = new Set<SMTPConnection>();
  const envelopeFrom = fromAddress(mailFrom);

  async function open(): Promise<SMTPConnection> {
    const conn = new SMTPConnection({ ...opts, connectionTimeout: 30_000, socketTimeout: 60_000 });
    all.add(conn);
    conn.on('error', () => {});
    conn.on('end', () => all.delete(conn));
    await new Promise<void>((resolve, reject) => {
      conn.once('error', reject);
      conn.connect(() => resolve());
    });
    if (opts.auth?.user) {
      await new Promise<void>((resolve, reject) =>
        conn.login({ user: opts.auth!.user, pass: opts.auth!.pass }, (err) => (err ? reject(err) : resolve())),
      );
    }
    return conn;
  }

  async function get(): Promise<SMTPConnection> {
    while (idle.length) {
      const c = idle.pop()!;
      if (all.has(c)) return c;
    }
    if (all.size >= connections * 2) {
      // Never grow without bound: wait for a connection to come back.
      await new Promise((r) => setTimeout(r, 5));
      return get();
    }
    try {
      return await open();
    } catch (err) {
      throw new SendFailure((err as Error).message, (err as { responseCode?: number }).responseCode ?? null, false);
    }
  }

  return {
    async send(mail, commit) {
      const raw = await buildRaw(mailFrom, mail);
      const conn = await get();
      let committed = false;
      await new Promise<void>((resolve, reject) => {
        const stream = gatedStream(raw, commit, () => (committed = true));
        conn.send({ from: envelopeFrom, to: [mail.to] }, stream, (err) => {
          if (!err) {
            idle.push(conn);
            return resolve();
          }
          const code = (err as { responseCode?: number }).responseCode ?? null;
          const e = err as Error & { code?: string };
          if (e.code === 'ESTREAM' || err instanceof LostClaim) {
            conn.close();
            return reject(new LostClaim(e.message));
          }
          // A refused envelope leaves the session usable; anything else: start a fresh connection.
          if (code && code !== 421 && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE')) {
            conn.reset(() => idle.push(conn));
          } else conn.close();
          reject(new SendFailure(e.message, code, committed && !code));
        });
      });
    },
    close() {
      for (const c of all) c.close();
      all.clear();
    },
  };
}

/** Development and tests without SMTP: the platform outbox. The commit mark is written before it. */
function outboxBulkTransport(deps: Pick<Deps, 'mailer'>): BulkTransport {
  return {
    async send(mail, commit) {
      await commit();
      const { listUnsubscribe: _l, listId: _i, ...rest } = mail;
      await deps.mailer.send({ ...rest, headers: { ...listHeaders(mail), 'Message-ID': mail.messageId } });
    },
    close() {},
  };
}

export function bulkTransport(deps: Pick<Deps, 'config' | 'mailer'>): BulkTransport {
  return deps.config.SMTP_URL ? smtpBulkTransport(deps.config.SMTP_URL, deps.config.MAIL_FROM) : outboxBulkTransport(deps);
}
