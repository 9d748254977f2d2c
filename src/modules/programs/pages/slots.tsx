import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { AppError } from '../../../platform/http/errors';
import { form } from '../../../platform/http/request';
import { errorMessages, translateKey } from '../../../platform/http/validation';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { DataTable } from '../../../platform/ui/data-table';
import { Button, Csrf, Select, TextField } from '../../../platform/ui/components';
import { pickText } from '../../events';
import { programsMessages, tr } from '../messages';
import { managedProgram } from './organize';
import { SLOT_KINDS, type Program } from '../schema';
import { When } from '../views/when';
import { PageTop } from '../views/notices';
import { cancelSlot, createSlot, getSlot, listSlots, setCapacity, slotInput } from '../service';

/** Organizers: the bookable times of a program, a form to open one, and per time its seats or its cancellation. */
export const slotPages = new Hono<AppEnv>();

const here = (c: Ctx, p: Program) => localePath(c.var.locale, `/programs/${p.slug}/slots`);

async function slotsPage(
  c: Ctx,
  p: Program,
  state: { notice?: string; error?: string; values?: Record<string, string>; errors?: Record<string, string> } = {},
  status: 200 | 409 | 422 = 200,
) {
  const t = tr(c);
  const l = c.var.locale;
  const slots = await listSlots(c.var.db, p.id);
  const title = t('programs.slots.title', { program: pickText(p.title, l) });
  const v = state.values ?? {};
  const e = state.errors ?? {};
  // events.js keeps the reader's zone, so times also show in their own.
  const meta = { title, index: false, scripts: ['events.js'] };
  return page(
    c,
    meta,
    <>
      <PageTop title={title} notice={state.notice} error={state.error} />
      <p>{t('programs.page.zone', { zone: p.timeZone })}</p>
      <DataTable
        caption={t('programs.slots.caption')}
        rows={slots}
        empty={t('programs.team.noSlots')}
        columns={[
          { label: t('programs.slots.when'), rowHeader: true, cell: (s) => <When c={c} date={s.startsAt} timeZone={p.timeZone} /> },
          { label: t('programs.progress.kind'), cell: (s) => t(`programs.kind.${s.kind}`) },
          { label: t('programs.slots.host'), cell: (s) => s.hostName ?? '' },
          {
            label: t('programs.slots.seats'),
            cell: (s) =>
              s.cancelledAt ? t('programs.team.sessionCancelled') : t('programs.slots.taken', { booked: s.booked, capacity: s.capacity }),
          },
          {
            label: t('programs.slots.change'),
            labelHidden: true,
            cell: (s) =>
              !s.cancelledAt && (
                <>
                  <form method="post" action={`${here(c, p)}/${s.id}/capacity`} class="usa-form">
                    <Csrf token={c.var.csrfToken} />
                    <TextField
                      name="capacity"
                      idPrefix={`slot-${s.id}-`}
                      type="number"
                      inputmode="numeric"
                      min="1"
                      label={t('programs.slots.capacity')}
                      value={v.slotId === s.id ? v.capacity : String(s.capacity)}
                      error={v.slotId === s.id ? e.capacity : undefined}
                    />
                    <Button variant="outline">{t('programs.slots.saveCapacity')}</Button>
                  </form>
                  <form method="post" action={`${here(c, p)}/${s.id}/cancel`}>
                    <Csrf token={c.var.csrfToken} />
                    <Button variant="secondary">{t('programs.slots.cancel')}</Button>
                  </form>
                </>
              ),
          },
        ]}
      />
      <h2>{t('programs.slots.new')}</h2>
      <form method="post" action={here(c, p)} class="usa-form usa-form--large">
        <Csrf token={c.var.csrfToken} />
        <Select
          name="kind"
          label={t('programs.progress.kind')}
          value={v.kind ?? 'office_hour'}
          options={SLOT_KINDS.map((k) => ({ value: k, label: t(`programs.kind.${k}`) }))}
          error={e.kind}
        />
        <TextField
          name="startsAt"
          type="datetime-local"
          label={t('programs.slots.startsAt')}
          value={v.startsAt}
          error={e.startsAt}
          required
        />
        <TextField name="endsAt" type="datetime-local" label={t('programs.slots.endsAt')} value={v.endsAt} error={e.endsAt} required />
        <TextField
          name="capacity"
          type="number"
          inputmode="numeric"
          min="1"
          label={t('programs.slots.capacity')}
          value={v.slotId ? '1' : (v.capacity ?? '1')}
          error={v.slotId ? undefined : e.capacity}
        />
        <TextField name="hostName" label={t('programs.slots.hostName')} value={v.hostName} error={e['host.name']} autocomplete="off" />
        <TextField name="hostEmail" type="email" label={t('programs.slots.hostEmail')} value={v.hostEmail} error={e['host.email']} />
        <TextField name="link" type="url" label={t('programs.slots.link')} value={v.link} error={e.link} />
        <Button>{t('programs.slots.create')}</Button>
      </form>
    </>,
    status,
  );
}

slotPages.get('/programs/:slug/slots', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const done = c.req.query('done') ?? '';
  const t = tr(c);
  const notices: Record<string, string> = {
    created: t('programs.slots.created'),
    capacity: t('programs.slots.capacityChanged'),
    cancelled: t('programs.slots.cancelled'),
  };
  return slotsPage(c, p, { notice: Object.hasOwn(notices, done) ? notices[done] : undefined });
});

slotPages.post('/programs/:slug/slots', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const v = await form(c);
  const host = v.hostName || v.hostEmail ? { name: v.hostName ?? '', email: v.hostEmail ?? '', language: c.var.locale } : undefined;
  const parsed = slotInput.safeParse({
    kind: v.kind,
    startsAt: v.startsAt ?? '',
    endsAt: v.endsAt ?? '',
    capacity: v.capacity,
    host,
    link: v.link,
  });
  if (!parsed.success) return slotsPage(c, p, { values: v, errors: errorMessages(c, parsed.error, programsMessages) }, 422);
  try {
    await createSlot(c.var.db, p, parsed.data);
  } catch (err) {
    if (err instanceof AppError && err.status === 422)
      return slotsPage(c, p, { values: v, errors: errorMessages(c, err.fields, programsMessages) }, 422);
    throw err;
  }
  return c.redirect(`${here(c, p)}?done=created`, 303);
});

slotPages.post('/programs/:slug/slots/:id/capacity', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const s = await getSlot(c.var.db, p.id, c.req.param('id'));
  const v = await form(c);
  const parsed = slotInput.shape.capacity.safeParse(v.capacity);
  const values = { slotId: s.id, capacity: v.capacity ?? '' };
  if (!parsed.success)
    return slotsPage(
      c,
      p,
      { values, errors: { capacity: translateKey(c, parsed.error.issues[0].message, undefined, programsMessages) } },
      422,
    );
  try {
    await setCapacity(c.var.db, s, parsed.data);
  } catch (err) {
    if (err instanceof AppError && err.status === 422)
      return slotsPage(c, p, { values, errors: errorMessages(c, err.fields, programsMessages) }, 422);
    if (err instanceof AppError && err.status === 409)
      return slotsPage(c, p, { error: translateKey(c, err.messageKey, undefined, programsMessages) }, 409);
    throw err;
  }
  return c.redirect(`${here(c, p)}?done=capacity`, 303);
});

slotPages.post('/programs/:slug/slots/:id/cancel', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const s = await getSlot(c.var.db, p.id, c.req.param('id'));
  await cancelSlot(c.var.db, c.var.deps.config.baseUrl, p, s);
  return c.redirect(`${here(c, p)}?done=cancelled`, 303);
});
