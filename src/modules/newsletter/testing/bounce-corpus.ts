import fs from 'node:fs';
import path from 'node:path';
import { parseBounceMessage } from '../lib/bounce-parse';

const DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'bounce-corpus');

interface Expected {
  source: string;
  reference: string;
  verdicts: { recipient: string | null; verdict: 'hard' | 'soft' | 'complaint'; reason: string; status: string | null }[];
}

export interface CorpusScore {
  messages: number;
  verdicts: number;
  /** Verdicts where we found the same recipient and the same hard/soft/complaint answer. */
  agreed: number;
  /** Recipients the reference names that we found (any verdict). */
  found: number;
  /** Addresses we returned that the reference does not name: must stay zero. */
  extra: string[];
  disagreements: { file: string; recipient: string | null; expected: string; got: string }[];
}

/**
 * Reads every message of the stored corpus with our parser and compares the answers with the
 * reference classifier's verdicts (see bounce-corpus/README.md).
 */
export function scoreBounceCorpus(): CorpusScore {
  const expected = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, Expected>;
  const score: CorpusScore = { messages: 0, verdicts: 0, agreed: 0, found: 0, extra: [], disagreements: [] };
  for (const [file, exp] of Object.entries(expected)) {
    score.messages++;
    const parsed = parseBounceMessage(fs.readFileSync(path.join(DIR, file), 'utf8'));
    const ours = new Map<string | null, string>();
    if (parsed.type === 'bounce') for (const r of parsed.recipients) ours.set(r.email.toLowerCase(), r.kind);
    if (parsed.type === 'complaint') {
      if (parsed.recipients.length === 0) ours.set(null, 'complaint');
      for (const r of parsed.recipients) ours.set(r.toLowerCase(), 'complaint');
    }
    const named = new Set(exp.verdicts.map((v) => v.recipient?.toLowerCase() ?? null));
    for (const key of ours.keys()) if (!named.has(key)) score.extra.push(`${file}: ${key}`);
    for (const v of exp.verdicts) {
      score.verdicts++;
      const got = ours.get(v.recipient?.toLowerCase() ?? null);
      if (got) score.found++;
      if (got === v.verdict) score.agreed++;
      else score.disagreements.push({ file, recipient: v.recipient, expected: `${v.verdict} (${v.reason})`, got: got ?? parsed.type });
    }
  }
  return score;
}
