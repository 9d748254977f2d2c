import type { Ctx } from '../../../platform/http/context';
import { formatDateTime, zoneAbbreviation } from '../../../platform/i18n/format';
import { viewerZone } from '../../events';
import { tr } from '../messages';

/**
 * "(8:59 PM PDT in your time)" when the reader's own zone differs from the program's, else nothing.
 * The reader's zone is the `tz` cookie events.js keeps.
 */
export function YourTime(props: { c: Ctx; date: Date; timeZone: string }) {
  const { c, date, timeZone } = props;
  const l = c.var.locale;
  const vz = viewerZone(c);
  if (!vz || vz === timeZone || zoneAbbreviation(l, date, vz) === zoneAbbreviation(l, date, timeZone)) return null;
  return <span class="pw-meta"> ({tr(c)('programs.yourTime', { time: formatDateTime(l, date, vz) })})</span>;
}

/** An instant in the program's zone, named ("Aug 21, 2026, 11:59 PM EDT"), and in the reader's when it differs. */
export function When(props: { c: Ctx; date: Date; timeZone: string }) {
  return (
    <>
      <time datetime={props.date.toISOString()}>{formatDateTime(props.c.var.locale, props.date, props.timeZone)}</time>
      <YourTime {...props} />
    </>
  );
}
