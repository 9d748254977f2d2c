import type { Ctx } from '../../../platform/http/context';
import type { Translate } from '../../../platform/i18n';
import { Alert, ErrorSummary } from '../../../platform/ui/components';
import { localePath, type Locale } from '../../../platform/i18n';
import type { EventRow } from '../../events';
import type { Room, RoomAccess, Session, Track } from '../schema';
import { textIn } from '../lib/schedule-export';
import { tr } from '../messages';

export const ACCESS_KEYS: (keyof RoomAccess)[] = ['stepFree', 'hearingLoop', 'cart', 'interpretation', 'quietRoom'];

export const confPath = (c: Ctx, e: Pick<EventRow, 'slug'>, rest = '') => localePath(c.var.locale, `/conferences/${e.slug}${rest}`);

const timeFormats = new Map<string, Intl.DateTimeFormat>();
/** "9:30 AM" / "9:30" in a zone, in the reader's language. */
export function clock(locale: Locale, d: Date, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let f = timeFormats.get(key);
  if (!f) timeFormats.set(key, (f = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { timeStyle: 'short', timeZone })));
  return f.format(d);
}

/** One session as the schedule and the agenda list it: linked title, time, room, speakers, type and language. */
export function SessionBlock(props: { c: Ctx; e: EventRow; s: Session; room?: Room; track?: Track; showTime?: boolean; note?: string }) {
  const { c, e, s } = props;
  const t = tr(c);
  const loc = c.var.locale;
  const title = textIn(s.title, loc);
  return (
    <div class="pw-session">
      <a href={confPath(c, e, `/sessions/${s.code}`)} lang={s.title[loc] ? undefined : loc === 'es' ? 'en' : 'es'}>
        <strong>{title}</strong>
      </a>
      <p class="pw-meta">
        {props.showTime && `${clock(loc, s.startsAt, e.timeZone)}–${clock(loc, s.endsAt, e.timeZone)} · `}
        {props.room && `${props.room.name} · `}
        {t(`conferences.type.${s.type}`)} · {t(`conferences.language.${s.language}`)}
        {props.track && ` · ${textIn(props.track.name, loc)}`}
      </p>
      {s.speakers.length > 0 && <p>{s.speakers.map((p) => p.name).join(', ')}</p>}
      {props.note && <p class="pw-conflict">{props.note}</p>}
    </div>
  );
}

/**
 * A refused form's problems: those of a field in the summary that links to it, one that names no field
 * (`_form`: a room still in use, sign-ups closed) once, in an error alert.
 */
export function Problems(props: { errors: Record<string, string>; t: Translate }) {
  const { _form: whole, ...fields } = props.errors;
  return (
    <>
      <ErrorSummary errors={fields} t={props.t} />
      {whole && <Alert type="error">{whole}</Alert>}
    </>
  );
}
