import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Attachment } from 'nodemailer/lib/mailer';
import type { Db } from '../../db/client';
import { outbox } from './schema';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /** The language the message is written in: sent as `Content-Language` (RFC 3282) for mail apps and screen readers. */
  language?: 'en' | 'es';
  attachments?: Attachment[];
  /** RFC 8058 one-click unsubscribe: an HTTPS URL and, optionally, a mailto address. */
  listUnsubscribe?: { url: string; mail?: string };
  /** Calendar invites go as an alternative part too, so mail apps show Accept/Decline. */
  icalEvent?: { method: string; content: string; filename?: string };
}

export interface Mailer {
  kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

function toNodemailer(from: string, mail: OutgoingMail): SendMailOptions {
  const headers = mail.language ? { ...mail.headers, 'Content-Language': mail.language } : mail.headers;
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    headers,
    attachments: mail.attachments,
    icalEvent: mail.icalEvent,
    // RFC 2369 wants one List-Unsubscribe header listing every way out; RFC 8058 adds the POST hint.
    ...(mail.listUnsubscribe
      ? {
          headers: {
            ...headers,
            'List-Unsubscribe': [mail.listUnsubscribe.url, mail.listUnsubscribe.mail && `mailto:${mail.listUnsubscribe.mail}`]
              .filter(Boolean)
              .map((u) => `<${u}>`)
              .join(', '),
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        }
      : {}),
  };
}

/** Real SMTP through nodemailer. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transport.sendMail(toNodemailer(from, mail));
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

/**
 * Development mailbox: nodemailer builds the exact message it would send; we keep it in the database
 * (listed at /admin/outbox) and as an .eml file anyone can open in a mail app.
 */
export function outboxMailer(db: Db, from: string, dir: string | null): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'outbox',
    async send(mail) {
      const info = await transport.sendMail(toNodemailer(from, mail));
      const raw = (info.message as Buffer).toString('utf8');
      const [row] = await db
        .insert(outbox)
        .values({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, raw, messageId: info.messageId })
        .returning({ id: outbox.id });
      if (dir) {
        // Sign-in links are in these files: readable by this user only.
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        fs.writeFileSync(path.join(dir, `${row.id}.eml`), raw, { mode: 0o600 });
      }
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
