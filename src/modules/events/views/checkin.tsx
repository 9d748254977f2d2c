import type { Ctx } from '../../../platform/http/context';
import { localePath } from '../../../platform/i18n';
import { formatNumber } from '../../../platform/i18n/format';
import { Button, Csrf, ErrorSummary, Select, TextField } from '../../../platform/ui/components';
import { SECTORS } from '../../people';
import type { EventRow } from '../schema';
import type { AttendeeRow, DoorCounts } from '../service/checkin';
import { tr } from '../messages';
import { Local } from './public';
import { PERSON_NAME_MAX, EMAIL_MAX } from '../../../platform/http/validation';

type V = Record<string, string>;

export function CheckinView(props: {
  c: Ctx;
  e: EventRow;
  counts: DoorCounts;
  q: string;
  list: AttendeeRow[];
  notice?: { text: string; undo?: string };
  errors: V;
  values: V;
}) {
  const { c, e, counts } = props;
  const t = tr(c);
  const l = c.var.locale;
  const base = `/events/${e.slug}/checkin`;
  return (
    <>
      <h1>
        {t('events.checkin.title')}: <Local c={c} text={e.title} />
      </h1>
      <div id="door-counts" data-src={localePath(l, `${base}/counts`)} aria-live="polite">
        <p class="pw-counts">
          {t('events.checkin.counts', { checkedIn: formatNumber(l, counts.checkedIn), expected: formatNumber(l, counts.expected) })}
          <br />
          {t('events.checkin.sectors', { government: counts.government, other: counts.nonGovernment })}
        </p>
        {counts.agencies.length > 0 && <p>{t('events.checkin.agencies', { list: counts.agencies.join(', ') })}</p>}
      </div>
      {props.notice && (
        <div class="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div class="usa-alert__body">
            <p class="usa-alert__text">{props.notice.text}</p>
            {props.notice.undo && (
              <form method="post" action={localePath(l, `${base}/undo`)} class="pw-inline-form">
                <Csrf token={c.var.csrfToken} />
                <input type="hidden" name="rsvpId" value={props.notice.undo} />
                <button class="usa-button usa-button--unstyled" type="submit">
                  {t('events.checkin.undo')}
                </button>
              </form>
            )}
          </div>
        </div>
      )}
      <ErrorSummary
        errors={Object.fromEntries(Object.entries(props.errors).map(([k, m]) => [k === 'code' ? k : `walkin-${k}`, m]))}
        t={c.var.t}
      />
      <form method="get" action={localePath(l, base)} role="search" class="usa-form">
        <TextField name="q" type="search" label={t('events.checkin.search')} value={props.q} autocomplete="off" spellcheck={false} />
        <Button variant="outline">{c.var.t('form.search')}</Button>
      </form>
      {props.q && (
        <ul class="usa-list usa-list--unstyled pw-checkin-list">
          {props.list.length === 0 && <li>{t('events.checkin.noMatch')}</li>}
          {props.list.map((a) => (
            <li>
              <form method="post" action={localePath(l, base)} class="pw-inline-form">
                <Csrf token={c.var.csrfToken} />
                <input type="hidden" name="rsvpId" value={a.id} />
                <strong>{a.name}</strong> <span class="pw-meta">{t(`events.status.${a.status}`)}</span>{' '}
                {a.checkedInAt ? (
                  <span>✓ {t('events.checkin.already')}</span>
                ) : a.status === 'going' || a.status === 'walkin' ? (
                  <button class="usa-button" type="submit">
                    {t('events.checkin.checkIn')}
                  </button>
                ) : null}
              </form>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('events.checkin.byCode')}</h2>
      <form method="post" action={localePath(l, base)} class="usa-form" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField
          name="code"
          label={t('events.ticket.code')}
          hint={t('events.checkin.codeHintType')}
          value={props.values.code}
          error={props.errors.code}
          autocomplete="off"
          spellcheck={false}
          maxlength={200}
        />
        <div
          id="qr-scan"
          data-label={t('events.checkin.scan')}
          data-stop={t('events.checkin.stopScan')}
          data-hint={t('events.checkin.codeHint')}
        ></div>
        <Button>{t('events.checkin.checkIn')}</Button>
      </form>
      <h2>{t('events.checkin.walkIn')}</h2>
      <form method="post" action={localePath(l, `${base}/walkin`)} class="usa-form" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField
          name="name"
          idPrefix="walkin-"
          label={t('events.checkin.guestName')}
          value={props.values.name}
          error={props.errors.name}
          autocomplete="off"
          maxlength={PERSON_NAME_MAX}
          spellcheck={false}
        />
        <TextField
          name="email"
          idPrefix="walkin-"
          type="email"
          label={t('events.rsvp.email')}
          optional={c.var.t('form.optional')}
          hint={t('events.checkin.guestEmailHint')}
          value={props.values.email}
          error={props.errors.email}
          autocomplete="off"
          maxlength={EMAIL_MAX}
        />
        <Select
          name="sector"
          idPrefix="walkin-"
          label={t('events.checkin.sector')}
          optional={c.var.t('form.optional')}
          value={props.values.sector}
          blank={t('events.checkin.sectorBlank')}
          options={SECTORS.map((s) => ({ value: s, label: t(`events.sector.${s}`) }))}
        />
        <Button>{t('events.checkin.addWalkIn')}</Button>
      </form>
    </>
  );
}
