import chardet from 'chardet';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { AppError } from '../../../platform/http/errors';
import { isEmailAddress } from '../../../platform/http/validation';
import { UNZIP_MAX_BYTES, ZipRefused, unzipBounded } from '../../../platform/files/unzip';
import { ensurePerson } from '../../people';
import { subscribers } from '../schema';
import type { NewsletterKey } from '../messages';
import { setPersonConsent, suppress, suppressionFor } from './subscribers';

export type ImportFormat = 'mailchimp' | 'csv';
type RowStatus = 'subscribed' | 'unsubscribed' | 'cleaned' | 'nonsubscribed';

export interface ImportReport {
  created: number;
  updated: number;
  suppressed: number;
  skipped: { file: string; line: number; email: string; reason: NewsletterKey }[];
  encodings: string[];
}

/** Text from bytes in whatever encoding a spreadsheet saved: BOMs first, then valid UTF-8, then a guess. */
export function decodeText(buf: Uint8Array): { text: string; encoding: string } {
  const b = Buffer.from(buf);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: b.subarray(3).toString('utf8'), encoding: 'UTF-8' };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: iconv.decode(b.subarray(2), 'utf16le'), encoding: 'UTF-16LE' };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: iconv.decode(b.subarray(2), 'utf16be'), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'UTF-8' };
  } catch {
    const guess = chardet.detect(b) ?? 'windows-1252';
    const enc = iconv.encodingExists(guess) ? guess : 'windows-1252';
    // ISO-8859-1 guesses are nearly always Windows-1252 in practice (curly quotes, €).
    const use = /^ISO-8859-1$/i.test(enc) ? 'windows-1252' : enc;
    return { text: iconv.decode(b, use), encoding: use };
  }
}

/**
 * The delimiter from the header line: a comma, a tab, or the semicolon Excel writes in Spanish and
 * most European locales (where the comma is the decimal mark). Quoted text is not counted.
 */
function delimiterOf(text: string): string {
  const head = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, head.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

function rowsOf(text: string): Record<string, string>[] {
  return parse(text, {
    columns: (h: string[]) => h.map((x) => x.trim()),
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
    bom: true,
    delimiter: delimiterOf(text),
  });
}

/** Mailchimp writes tags as quoted, comma-separated names in one cell: `"Volunteer","LA, South"`. */
function tagsOf(cell: string): string[] {
  if (!cell.trim()) return [];
  try {
    const [first] = parse(cell, { relax_quotes: true, trim: true }) as string[][];
    return (first ?? []).map((t) => t.trim()).filter(Boolean);
  } catch {
    return cell
      .split(',')
      .map((t) => t.trim().replace(/^"|"$/g, ''))
      .filter(Boolean);
  }
}

/** What a CSV parser's complaint means, in words an organizer can act on (the parser's own text is English jargon). */
function unreadableReason(err: unknown): { key: NewsletterKey; line: number | null } {
  const e = err as { code?: string; lines?: number };
  const line = typeof e.lines === 'number' ? e.lines : null;
  if (e.code === 'CSV_INVALID_CLOSING_QUOTE') return { key: 'newsletter.errors.csvQuote', line };
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return { key: 'newsletter.errors.csvQuoteNotClosed', line };
  return { key: 'newsletter.errors.csvOther', line };
}

const pick = (row: Record<string, string>, ...names: string[]) => {
  for (const n of names) {
    const k = Object.keys(row).find((c) => c.toLowerCase() === n.toLowerCase());
    if (k && row[k]) return row[k];
  }
  return '';
};

function language(v: string): 'en' | 'es' {
  return /^(es|spa|spanish|espa[nñ]ol)/i.test(v.trim()) ? 'es' : 'en';
}

function statusFromName(name: string): RowStatus | null {
  const base = name.split('/').pop()!.toLowerCase();
  // Contacts who never subscribed (transactional or imported without consent) never become subscribers.
  if (base.startsWith('nonsubscribed') || base.startsWith('non_subscribed') || base.startsWith('non-subscribed')) return 'nonsubscribed';
  if (base.startsWith('subscribed')) return 'subscribed';
  if (base.startsWith('unsubscribed')) return 'unsubscribed';
  if (base.startsWith('cleaned')) return 'cleaned';
  return null;
}

function parseDate(v: string): Date | null {
  if (!v) return null;
  const d = new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(v) ? v.replace(' ', 'T') + 'Z' : v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * Imports a Mailchimp audience export (the ZIP, or one of its files) or a generic CSV. The file a
 * Mailchimp row came from is its status: subscribed rows become confirmed with their consent date,
 * unsubscribed and cleaned rows go to the suppression list and never become active.
 */
export async function importSubscribers(db: Db, name: string, data: Uint8Array, format?: ImportFormat): Promise<ImportReport> {
  const files: { name: string; bytes: Uint8Array }[] = [];
  const isZip = data[0] === 0x50 && data[1] === 0x4b;
  if (isZip) {
    const wanted = (n: string) => /\.(csv|txt)$/i.test(n) && !n.startsWith('__MACOSX');
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipBounded(data, { accept: wanted });
    } catch (err) {
      if (err instanceof ZipRefused && err.reason === 'tooLarge') {
        throw new AppError(
          'zip_too_large',
          422,
          'newsletter.errors.zipTooLarge',
          { file: 'newsletter.errors.zipTooLarge' },
          { max: UNZIP_MAX_BYTES / 1_048_576 },
        );
      }
      throw new AppError('unreadable', 422, 'newsletter.errors.zipUnreadable', { file: 'newsletter.errors.zipUnreadable' });
    }
    for (const [n, bytes] of Object.entries(entries)) files.push({ name: n, bytes });
  } else files.push({ name, bytes: data });
  const report: ImportReport = { created: 0, updated: 0, suppressed: 0, skipped: [], encodings: [] };
  const seen = new Set<string>();
  // Suppressions first, so a subscribed row for the same address in another file cannot win.
  const ordered = files.sort(
    (a, b) => (statusFromName(a.name) === 'subscribed' ? 1 : 0) - (statusFromName(b.name) === 'subscribed' ? 1 : 0),
  );
  for (const f of ordered) {
    const { text, encoding } = decodeText(f.bytes);
    report.encodings.push(encoding);
    let list: Record<string, string>[];
    try {
      list = rowsOf(text);
    } catch (err) {
      const { key, line } = unreadableReason(err);
      throw new AppError('unreadable', 422, key, { file: key }, { line: line ?? 1, file: f.name.split('/').pop() ?? '' });
    }
    const headers = Object.keys(list[0] ?? {}).map((h) => h.toLowerCase());
    const mailchimp = format === 'mailchimp' || (format !== 'csv' && headers.includes('email address'));
    const fileStatus: RowStatus = mailchimp
      ? (statusFromName(f.name) ??
        (headers.includes('clean_time') ? 'cleaned' : headers.includes('unsub_time') ? 'unsubscribed' : 'subscribed'))
      : 'subscribed';
    for (const [i, row] of list.entries()) {
      const line = i + 2;
      const email = pick(row, 'Email Address', 'email', 'e-mail', 'email_address', 'correo').normalize('NFC').trim();
      const skip = (reason: NewsletterKey) => report.skipped.push({ file: f.name, line, email, reason });
      if (!email) {
        skip('newsletter.skip.missingEmail');
        continue;
      }
      if (!isEmailAddress(email)) {
        skip('newsletter.skip.invalidEmail');
        continue;
      }
      if (seen.has(email.toLowerCase())) {
        skip('newsletter.skip.duplicate');
        continue;
      }
      seen.add(email.toLowerCase());
      const fullName = mailchimp
        ? [pick(row, 'First Name', 'FNAME'), pick(row, 'Last Name', 'LNAME')].filter(Boolean).join(' ')
        : pick(row, 'name', 'full name', 'full_name', 'nombre');
      if (fileStatus === 'nonsubscribed') {
        skip('newsletter.skip.nonsubscribed');
        continue;
      }
      if (fileStatus !== 'subscribed') {
        await suppress(db, email, fileStatus === 'cleaned' ? 'bounced' : 'unsubscribed', `import ${f.name.split('/').pop()}`);
        report.suppressed++;
        continue;
      }
      const consentRaw = mailchimp
        ? pick(row, 'CONFIRM_TIME', 'OPTIN_TIME')
        : pick(row, 'consent date', 'consent_date', 'consentedAt', 'consented_at', 'consent');
      const consentedAt = parseDate(consentRaw);
      if (!consentRaw) {
        skip('newsletter.skip.missingConsent');
        continue;
      }
      if (!consentedAt) {
        skip('newsletter.skip.badDate');
        continue;
      }
      if (await suppressionFor(db, email)) {
        skip('newsletter.skip.suppressed');
        continue;
      }
      const known = [
        'email address',
        'first name',
        'last name',
        'member_rating',
        'optin_time',
        'optin_ip',
        'confirm_time',
        'confirm_ip',
        'latitude',
        'longitude',
        'gmtoff',
        'dstoff',
        'timezone',
        'cc',
        'region',
        'last_changed',
        'leid',
        'euid',
        'notes',
        'tags',
      ];
      const extra: Record<string, unknown> = mailchimp
        ? {
            memberRating: Number(pick(row, 'MEMBER_RATING')) || null,
            tags: tagsOf(pick(row, 'TAGS')),
            mergeFields: Object.fromEntries(Object.entries(row).filter(([k, v]) => v && !known.includes(k.toLowerCase()))),
          }
        : {};
      const lang = language(pick(row, 'language', 'lang', 'idioma', 'LANGUAGE'));
      const { person } = await ensurePerson(db, { email, fullName: fullName || email.split('@')[0], language: lang });
      const [existing] = await db.select({ id: subscribers.id }).from(subscribers).where(eq(subscribers.email, email));
      await db
        .insert(subscribers)
        .values({
          email,
          personId: person.id,
          name: fullName || null,
          language: lang,
          status: 'confirmed',
          source: mailchimp ? 'mailchimp' : 'import',
          consentedAt,
          extra,
        })
        .onConflictDoUpdate({
          target: subscribers.email,
          set: {
            personId: person.id,
            name: sql`coalesce(newsletter_subscribers.name, ${fullName || null})`,
            status: 'confirmed',
            consentedAt: sql`coalesce(newsletter_subscribers.consented_at, ${consentedAt.toISOString()}::timestamptz)`,
            extra,
            statusChangedAt: new Date(),
          },
        });
      await setPersonConsent(db, person.id, true);
      if (existing) report.updated++;
      else report.created++;
    }
  }
  return report;
}
