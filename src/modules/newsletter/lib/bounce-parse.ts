import { isEmailAddress } from '../../../platform/http/validation';

/**
 * Reading bounce and complaint messages as real mail systems write them: RFC 3464 delivery status
 * notifications, the plain-text layouts of qmail, Exim, Postfix, Sendmail, Gmail, Yahoo, Exchange,
 * Office 365, Domino and mail gateways, and RFC 5965 (ARF) complaint reports. Pure functions: the
 * service decides what to store. Nothing that is not a valid address ever comes out as a recipient.
 */

export type BounceKind = 'hard' | 'soft';

interface BouncedRecipient {
  email: string;
  kind: BounceKind;
  /** Enhanced status code (RFC 3463), from the report or the server's reply; null when none was given. */
  status: string | null;
  /** The server's words, one line, for people to read. */
  diagnostic: string | null;
}

export type ParsedMessage =
  | { type: 'bounce'; recipients: BouncedRecipient[] }
  | { type: 'complaint'; feedbackType: string; recipients: string[] }
  | { type: 'unknown' };

interface Part {
  headers: Record<string, string>;
  body: string;
  /** The header block as written, for a boundary on an unindented continuation line. */
  head?: string;
}

function splitHead(text: string): Part {
  const at = text.search(/\n\n/);
  const head = at < 0 ? text : text.slice(0, at);
  const body = at < 0 ? '' : text.slice(at + 2);
  return { headers: headerFields(head), body, head };
}

/** Header fields, unfolded, keys lower-cased; the first occurrence of a field wins. */
function headerFields(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const i = line.indexOf(':');
    if (i <= 0 || /\s/.test(line.slice(0, i))) continue;
    const key = line.slice(0, i).trim().toLowerCase();
    if (!(key in out)) out[key] = line.slice(i + 1).trim();
  }
  return out;
}

function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const src = s.replace(/=\n/g, '');
  for (let i = 0; i < src.length; i++) {
    const m = src[i] === '=' ? /^[0-9A-Fa-f]{2}/.exec(src.slice(i + 1, i + 3)) : null;
    if (m) {
      bytes.push(parseInt(m[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(src[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(p: Part): string {
  const cte = (p.headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (cte.includes('quoted-printable')) return decodeQuotedPrintable(p.body);
  if (cte.includes('base64')) {
    try {
      return Buffer.from(p.body.replace(/\s+/g, ''), 'base64').toString('utf8');
    } catch {
      return p.body;
    }
  }
  return p.body;
}

const typeOf = (p: Part) => (p.headers['content-type'] ?? 'text/plain').split(';')[0].trim().toLowerCase();

/** Leaf parts in order; a returned message (message/rfc822 or its headers) is one leaf, not opened. */
function leaves(p: Part, depth = 0): Part[] {
  const type = typeOf(p);
  const boundary =
    /boundary\s*=\s*"?([^";\n]+)"?/i.exec(p.headers['content-type'] ?? p.head ?? '')?.[1]?.trim() ??
    /^boundary\s*=\s*"?([^";\n]+)"?/im.exec(p.head ?? '')?.[1]?.trim();
  if (type.startsWith('multipart/') && boundary && depth < 5) {
    const chunks = p.body.split(`--${boundary}`);
    // Some servers announce a boundary and never use it: the body is then one text part.
    if (chunks.length < 2) return [{ headers: {}, body: p.body }];
    return chunks
      .slice(1)
      .filter((c) => !c.startsWith('--'))
      .flatMap((c) => leaves(splitHead(c.replace(/^[ \t]*\n/, '')), depth + 1));
  }
  return [p];
}

/** Lines that start the copy of the returned message in plain-text bounces. */
const RETURNED =
  /^(?:-+ ?(?:Below this line is a copy of the message|This is a copy of the message|Original message|Returned Message|Undelivered Message|Forwarded message)|Original message headers:|-+ ?Original Message ?-+|\s*-+ The header of the original message)/im;

function notificationText(parts: Part[]): string {
  const texts: string[] = [];
  for (const p of parts) {
    const type = typeOf(p);
    if (
      type === 'message/rfc822' ||
      type === 'text/rfc822-headers' ||
      type.includes('delivery-status') ||
      type === 'message/feedback-report'
    )
      continue;
    if (!type.startsWith('text/')) continue;
    let t = decodeBody(p);
    if (type === 'text/html')
      t = t
        .replace(/<[^>]*>/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    const cut = t.search(RETURNED);
    texts.push(cut >= 0 ? t.slice(0, cut) : t);
  }
  return texts.join('\n');
}

const ADDRESS =
  /<?([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)>?/g;

/** A valid address from a report field or text, or null: `rfc822; <a@b>`, `a@b`, never `@mx` or a path. */
function cleanAddress(value: string | undefined | null): string | null {
  if (!value) return null;
  const v = value
    .replace(/^[^;]*;\s*/, '')
    .trim()
    .replace(/^<|>$/g, '')
    .trim();
  if (!v || /\s/.test(v) || v.startsWith('@') || v.startsWith('|') || v.startsWith('/')) return null;
  return isEmailAddress(v) ? v : null;
}

function statusIn(text: string): string | null {
  const m = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(text);
  if (m) return `${m[1]}.${m[2]}.${m[3]}`;
  const code = /(?:^|[\s#(])([45])\d\d(?=[\s-])/.exec(text);
  return code ? `${code[1]}.0.0` : null;
}

/** The address itself does not exist (or its domain does not): words servers use for it. */
const ADDRESS_FAILS = new RegExp(
  [
    'user(?:name)? unknown',
    'unknown user',
    'no such (?:user|mailbox|recipient|address|account|local user)',
    'mailbox (?:not found|does not exist|unavailable|is unavailable|not available)',
    'recipient (?:address )?(?:unknown|not found|does not exist|invalid)',
    'unknown (?:or illegal )?(?:recipient|alias|address|mailbox)',
    'invalid (?:recipient|mailbox|address)',
    'user (?:not found|does not exist|doesn.t exist)',
    'address (?:does not exist|doesn.t exist|not found|unknown|rejected: user unknown)',
    'account (?:does not exist|has been disabled|is disabled|not found)',
    'not listed in (?:the )?(?:domino )?directory',
    'recipient name is not recognized',
    'no longer on (?:this )?server',
    "wasn't found at the destination",
    'no mailbox here',
    'unrouteable address',
    'host unknown',
    'domain (?:not found|does not exist|name not found)',
    'name server: .* no data known',
    'undeliverable address',
    'resolver\\.adr\\.recipnotfound',
    // Microsoft 365 answers this for addresses its directory does not hold (directory-based edge blocking).
    'recipient address rejected: access denied',
    'no such domain',
  ].join('|'),
  'i',
);
const HARD_STATUS = /^5\.1\.(?:1|2|3|6|10)$/;

/**
 * Hard only when the address itself fails: its status says so (5.1.1, 5.1.2, 5.1.3, 5.1.6, 5.1.10) or
 * the server's words do ("user unknown", "no such user", "mailbox not found"…) on a permanent failure.
 * Everything else (mailbox full, policy, authentication, blocked, spam, rate, any 4.x.x) is soft.
 */
export function classifyBounce(status: string | null, diagnostic: string): BounceKind {
  if (status?.startsWith('4')) return 'soft';
  if (status && HARD_STATUS.test(status)) return 'hard';
  // A refusal of our sender (5.1.7, 5.1.8, or at MAIL FROM) says nothing about the recipient's address.
  if (status && /^5\.1\.[78]$/.test(status)) return 'soft';
  if (/after MAIL FROM|sender (?:address )?(?:was )?rejected/i.test(diagnostic)) return 'soft';
  if (/mailbox (?:is )?full|quota|over ?quota|insufficient (?:system )?storage/i.test(diagnostic)) return 'soft';
  return ADDRESS_FAILS.test(diagnostic) ? 'hard' : 'soft';
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 500) || null;

interface Found {
  email: string | null;
  status: string | null;
  diagnostic: string;
  action: string;
}

/** The per-recipient groups of a delivery-status report (or of text written in that shape). */
function reportGroups(text: string): Found[] {
  const out: Found[] = [];
  for (const block of text.split(/\n[ \t]*\n/)) {
    const g = headerFields(block);
    if (!('final-recipient' in g) && !('original-recipient' in g)) continue;
    out.push({
      email: cleanAddress(g['final-recipient']) ?? cleanAddress(g['original-recipient']) ?? cleanAddress(g['x-actual-recipient']),
      status: /^[245]\.\d{1,3}\.\d{1,3}/.exec(g['status'] ?? '')?.[0] ?? null,
      diagnostic: (g['diagnostic-code'] ?? '').replace(/^[^;]*;\s*/, ''),
      action: (g['action'] ?? 'failed').toLowerCase(),
    });
  }
  return out;
}

/** Addresses in the notification text, in order, each with the words that follow it. */
function textRecipients(text: string, exclude: Set<string>): { email: string; words: string }[] {
  const hits: { email: string; at: number }[] = [];
  // Quoted header lines of the returned message ("To: …", "From: …") name someone else.
  const quoted = /^[ \t]*(?:to|from|cc|reply-to|sender|return-path)[ \t]*:.*$/gim;
  text = text.replace(quoted, (line) => ' '.repeat(line.length));
  for (const m of text.matchAll(ADDRESS)) {
    const email = cleanAddress(m[1]);
    if (!email || exclude.has(email.toLowerCase())) continue;
    if (/^(?:mailer-daemon|postmaster)@/i.test(email)) continue;
    hits.push({ email, at: m.index ?? 0 });
  }
  const seen = new Map<string, { email: string; words: string }>();
  hits.forEach((h, i) => {
    const key = h.email.toLowerCase();
    const next = hits.slice(i + 1).find((x) => x.email.toLowerCase() !== key);
    const words = text.slice(h.at, next ? next.at : undefined);
    const prior = seen.get(key);
    seen.set(key, { email: prior?.email ?? h.email, words: `${prior?.words ?? ''} ${words}` });
  });
  return [...seen.values()];
}

function complaint(parts: Part[]): ParsedMessage | null {
  const report = parts.find((p) => typeOf(p) === 'message/feedback-report');
  const returned = parts.find((p) => typeOf(p) === 'message/rfc822' || typeOf(p) === 'text/rfc822-headers');
  const inner = returned ? splitHead(returned.body).headers : {};
  // Microsoft's complaint programme (JMRP) sends the complained message with this header and no report.
  const jmrp = inner['x-hmxmroriginalrecipient'];
  if (!report && !jmrp) return null;
  const fields = report ? headerFields(decodeBody(report).trim()) : {};
  const feedbackType = (fields['feedback-type'] ?? 'abuse').toLowerCase();
  const candidates = [fields['original-rcpt-to'], fields['removal-recipient'], jmrp, inner['to']];
  const recipients = [...new Set(candidates.map(cleanAddress).filter((e): e is string => !!e))].slice(0, 1);
  return { type: 'complaint', feedbackType, recipients };
}

/** Reads one message (a bounce, a complaint report, or anything else). */
export function parseBounceMessage(raw: string): ParsedMessage {
  const top = splitHead(raw.replace(/\r\n?/g, '\n'));
  const parts = leaves(top);
  const c = complaint(parts);
  if (c) return c;

  const exclude = new Set(
    [top.headers['to'], top.headers['from'], top.headers['reply-to'], top.headers['delivered-to'], top.headers['x-original-to']]
      .flatMap((h) => [...(h ?? '').matchAll(ADDRESS)].map((m) => m[1].toLowerCase()))
      .filter(Boolean),
  );
  const statusParts = parts.filter((p) => typeOf(p).includes('delivery-status'));
  const text = notificationText(parts);
  let groups = statusParts.flatMap((p) => reportGroups(decodeBody(p)));
  // A report without its MIME structure (the fields written straight into the body) still counts.
  if (groups.length === 0) groups = reportGroups(text);
  const failedHeader = (top.headers['x-failed-recipients'] ?? '')
    .split(',')
    .map((s) => cleanAddress(s))
    .filter((e): e is string => !!e);
  const inText = textRecipients(text, exclude);
  const wordsFor = (email: string) => inText.find((t) => t.email.toLowerCase() === email.toLowerCase())?.words ?? '';

  const found: Found[] = groups.filter((g) => g.action === 'failed' || g.action === 'delayed' || !g.action);
  // Fill groups that named no valid address (a path, `@mx.example.org`) from the header or the text.
  const spare = [...failedHeader, ...inText.map((t) => t.email)].filter(
    (e) => !found.some((g) => g.email?.toLowerCase() === e.toLowerCase()),
  );
  for (const g of found) if (!g.email) g.email = spare.shift() ?? null;
  if (found.length === 0) {
    const list = failedHeader.length ? failedHeader : inText.map((t) => t.email);
    const looksLikeBounce =
      failedHeader.length > 0 ||
      /mailer-daemon|postmaster|mail delivery|delivery (?:status|failure|has failed)|undeliver|failure notice|returned mail|could not be delivered|not delivered|did not reach/i.test(
        `${top.headers['from'] ?? ''} ${top.headers['subject'] ?? ''} ${text.slice(0, 2000)}`,
      );
    if (!looksLikeBounce) return { type: 'unknown' };
    for (const email of list) found.push({ email, status: null, diagnostic: '', action: 'failed' });
  }
  const recipients: BouncedRecipient[] = [];
  for (const g of found) {
    if (!g.email || recipients.some((r) => r.email.toLowerCase() === g.email!.toLowerCase())) continue;
    const words = `${g.diagnostic} ${wordsFor(g.email)}`.trim() || text;
    const status =
      g.status && !/^[45]\.0\.0$/.test(g.status) ? g.status : (statusIn(g.diagnostic) ?? statusIn(wordsFor(g.email)) ?? g.status);
    const kind = g.action === 'delayed' ? 'soft' : classifyBounce(status, words);
    recipients.push({ email: g.email, kind, status, diagnostic: oneLine(g.diagnostic || wordsFor(g.email).replace(g.email, '')) });
  }
  return recipients.length ? { type: 'bounce', recipients } : { type: 'unknown' };
}
