/**
 * What each kind of network template holds. Every field is written in English and Spanish; list
 * fields hold one item per line (a run-of-show step, a volunteer role, a checklist item), so a
 * chapter's copy and the network's template can be compared line by line.
 */
export const TEMPLATE_KINDS = {
  event_series: ['title', 'summary', 'runOfShow', 'volunteerRoles'],
  email: ['title', 'subject', 'body'],
  newsletter: ['title', 'subject', 'intro', 'sections'],
  checklist: ['title', 'summary', 'items'],
  program: ['title', 'summary', 'sessions', 'deliverables'],
} as const satisfies Record<string, readonly string[]>;

export type TemplateKind = keyof typeof TEMPLATE_KINDS;
export const KIND_KEYS = Object.keys(TEMPLATE_KINDS) as TemplateKind[];
export type FieldKey = (typeof TEMPLATE_KINDS)[TemplateKind][number];
export const FIELD_KEYS = [...new Set(Object.values(TEMPLATE_KINDS).flat())] as FieldKey[];

/** Fields written as one item per line. */
export const LIST_FIELDS: readonly FieldKey[] = ['runOfShow', 'volunteerRoles', 'sections', 'items', 'sessions', 'deliverables'];

interface Bilingual {
  en: string;
  es: string;
}
/** A template's or a copy's text: each of its kind's fields, in both languages. */
export type TemplateContent = Partial<Record<FieldKey, Bilingual>>;

export const fieldsOf = (kind: TemplateKind): readonly FieldKey[] => TEMPLATE_KINDS[kind];

/** Line endings as typed in a browser (CRLF) and trailing spaces never count as a change. */
export const normalizeText = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
