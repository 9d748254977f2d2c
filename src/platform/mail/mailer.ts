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
  /** RFC 2919 list identifier of bulk mail, e.g. `Newsletter <newsletter.example.org>`. */
  listId?: string;
  /** Calendar invites go as an alternative part too, so mail apps show Accept/Decline. */
  icalEvent?: { method: string; content: string; filename?: string };
}

export interface Mailer {
  kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** Mail sent to a list (it names one, or offers a way off it), as opposed to mail the app sends by itself. */
function isBulk(mail: OutgoingMail): boolean {
  return !!mail.listUnsubscribe || !!mail.listId || Object.keys(mail.headers ?? {}).some((k) => /^list-(id|unsubscribe)$/i.test(k));
}

function toNodemailer(from: string, mail: OutgoingMail): SendMailOptions {
  const headers: Record<string, string> = { ...mail.headers };
  // RFC 2369 wants one List-Unsubscribe header listing every way out; RFC 8058 adds the POST hint.
  if (mail.listUnsubscribe) {
    headers['List-Unsubscribe'] = [mail.listUnsubscribe.url, mail.listUnsubscribe.mail && `mailto:${mail.listUnsubscribe.mail}`]
      .filter(Boolean)
      .map((u) => `<${u}>`)
      .join(', ');
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  if (mail.listId) headers['List-Id'] = mail.listId;
  if (mail.language) headers['Content-Language'] = mail.language;
  // Confirmations, reminders, sign-in codes: RFC 3834 asks automatic mail to say so, so that
  // vacation responders and other robots do not answer it.
  if (!isBulk(mail)) headers['Auto-Submitted'] = 'auto-generated';
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    headers,
    attachments: mail.attachments,
    icalEvent: mail.icalEvent,
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
