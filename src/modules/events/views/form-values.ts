import type { EventRow, LocalText } from '../schema';
import { parseNestedForm as unflatten } from '../../../platform/http/form';
import { utcToZoned } from '../lib/text';
import { ROW_LIMITS } from './organizer';

type V = Record<string, string>;
const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

/** The flat form fields to the nested input the service checks (blank repeatable rows dropped). */
export function formToInput(values: V): Record<string, unknown> {
  const n = unflatten(values) as Record<string, unknown>;
  // Rows come as `speakers.0.name`; any other shape (a hostile `speakers.x.name`, or the add-a-row
  // template's `__row__` fields posted by a client that ignores <template>) is not a row.
  const arr = (k: string) =>
    (Array.isArray(n[k]) ? (n[k] as unknown[]) : []).filter((r) => !!r && typeof r === 'object') as Record<string, unknown>[];
  n.speakers = arr('speakers').filter((s) => !blank(s.name) || !blank(s.organization) || !blank(s.title) || !blank(s.photo));
  // A picture the form names (uploaded now or before); its description is checked by the service.
  const cover = n.cover as { image?: string; alt?: LocalText } | undefined;
  n.cover = cover && !blank(cover.image) ? { image: cover.image, alt: cover.alt ?? {} } : null;
  n.questions = arr('questions')
    .filter((q) => !blank((q.label as LocalText | undefined)?.en) || !blank((q.label as LocalText | undefined)?.es))
    .map((q) => ({
      ...q,
      options: String(q.choices ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
          const [en, es] = line.split('|').map((x) => x.trim());
          return { en: en || null, es: es || null };
        }),
    }));
  n.links = arr('links').filter((k) => !blank(k.label) || !blank(k.url));
  n.reminderHours = String(values.reminders ?? '48, 2')
    .split(/[,\s]+/)
    .filter(Boolean)
    .map(Number);
  delete n.reminders;
  // The form's own bookkeeping: how many rows it showed, and which "Add" button was pressed.
  delete n.rows;
  delete n.add;
  if (blank(n.series)) n.series = null;
  for (const k of ['requiresApproval', 'requireEmailConfirmation']) n[k] = values[k] === 'on';
  return n;
}

/** An event back to form fields, times as wall-clock in its zone. */
export function eventToValues(e: EventRow, seriesSlug: string | null): V {
  const v: V = {
    series: seriesSlug ?? '',
    timeZone: e.timeZone,
    startsAt: utcToZoned(e.startsAt, e.timeZone),
    endsAt: utcToZoned(e.endsAt, e.timeZone),
    format: e.format,
    status: e.status,
    capacity: e.capacity?.toString() ?? '',
    requiresApproval: e.requiresApproval ? 'on' : '',
    requireEmailConfirmation: e.requireEmailConfirmation ? 'on' : '',
    rsvpOpensAt: e.rsvpOpensAt ? utcToZoned(e.rsvpOpensAt, e.timeZone) : '',
    rsvpClosesAt: e.rsvpClosesAt ? utcToZoned(e.rsvpClosesAt, e.timeZone) : '',
    'venue.name': e.venue.name ?? '',
    'venue.address': e.venue.address ?? '',
    'venue.mapUrl': e.venue.mapUrl ?? '',
    'accessibility.stepFree': e.accessibility.stepFree ? 'on' : '',
    'accessibility.restrooms': e.accessibility.restrooms ? 'on' : '',
    'accessibility.interpretation': e.accessibility.interpretation ? 'on' : '',
    'accessibility.transit': e.accessibility.transit ?? '',
    livestreamUrl: e.livestreamUrl ?? '',
    recordingUrl: e.recordingUrl ?? '',
    reminders: e.reminderHours.join(', '),
    'rows.speakers': String(e.speakers.length),
    'cover.image': e.cover?.key ?? '',
    'cover.alt.en': e.cover?.alt.en ?? '',
    'cover.alt.es': e.cover?.alt.es ?? '',
    'rows.questions': String(e.questions.length),
    'rows.links': String(e.links.length),
  };
  for (const k of ['title', 'summary', 'description'] as const) {
    v[`${k}.en`] = e[k].en ?? '';
    v[`${k}.es`] = e[k].es ?? '';
  }
  e.speakers.slice(0, ROW_LIMITS.speakers).forEach((s, i) => {
    Object.assign(v, {
      [`speakers.${i}.name`]: s.name,
      [`speakers.${i}.title`]: s.title ?? '',
      [`speakers.${i}.organization`]: s.organization ?? '',
      [`speakers.${i}.photoUrl`]: s.photoUrl ?? '',
      [`speakers.${i}.photo`]: s.photo?.key ?? '',
      [`speakers.${i}.photoAlt`]: s.photoAlt ?? '',
      [`speakers.${i}.bio.en`]: s.bio?.en ?? '',
      [`speakers.${i}.bio.es`]: s.bio?.es ?? '',
    });
  });
  e.questions.slice(0, ROW_LIMITS.questions).forEach((q, i) => {
    Object.assign(v, {
      [`questions.${i}.id`]: q.id,
      [`questions.${i}.label.en`]: q.label.en ?? '',
      [`questions.${i}.label.es`]: q.label.es ?? '',
      [`questions.${i}.kind`]: q.kind,
      [`questions.${i}.required`]: q.required ? 'on' : '',
      [`questions.${i}.choices`]: (q.options ?? []).map((o) => [o.en, o.es].filter(Boolean).join(' | ')).join('\n'),
    });
  });
  e.links.slice(0, ROW_LIMITS.links).forEach((k, i) => Object.assign(v, { [`links.${i}.label`]: k.label, [`links.${i}.url`]: k.url }));
  return v;
}
