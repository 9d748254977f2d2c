import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { parseFormBody } from '../../../platform/http/request';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { DataTable } from '../../../platform/ui/data-table';
import { Button, Checkbox, Csrf } from '../../../platform/ui/components';
import { pickText } from '../../events';
import { tr } from '../messages';
import { When } from '../views/when';
import { PageTop } from '../views/notices';
import { managedProgram } from './organize';
import { getSession, listSessions, listTeams, markAttendance, sessionAttendees } from '../service';

/** Organizers: the program's sessions, and for each one who was there, marked with checkboxes. */
export const sessionPages = new Hono<AppEnv>();

sessionPages.get('/programs/:slug/sessions', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const t = tr(c);
  const l = c.var.locale;
  const sessions = await listSessions(c.var.db, p.id);
  const title = t('programs.sessions.title', { program: pickText(p.title, l) });
  return page(
    c,
    { title, index: false, scripts: ['events.js'] },
    <>
      <h1>{title}</h1>
      <DataTable
        caption={t('programs.team.sessions')}
        captionHidden
        rows={sessions}
        empty={t('programs.team.noSessions')}
        columns={[
          { label: t('programs.sessions.session'), rowHeader: true, cell: (s) => pickText(s.title, l) },
          { label: t('programs.slots.when'), cell: (s) => <When c={c} date={s.startsAt} timeZone={p.timeZone} /> },
          {
            label: t('programs.sessions.attendance'),
            cell: (s) =>
              s.cancelledAt ? (
                t('programs.team.sessionCancelled')
              ) : (
                <a href={localePath(l, `/programs/${p.slug}/sessions/${s.id}/attendance`)}>{t('programs.sessions.mark')}</a>
              ),
          },
        ]}
      />
    </>,
  );
});

sessionPages.get('/programs/:slug/sessions/:id/attendance', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const s = await getSession(c.var.db, p.id, c.req.param('id'));
  const t = tr(c);
  const l = c.var.locale;
  const [{ list: teams }, present] = await Promise.all([
    listTeams(c.var.db, p.id, { limit: 200, offset: 0 }),
    sessionAttendees(c.var.db, s.id),
  ]);
  const title = t('programs.sessions.attendanceTitle', { session: pickText(s.title, l) });
  return page(
    c,
    { title, index: false, scripts: ['events.js'] },
    <>
      <PageTop title={title} notice={c.req.query('done') === 'saved' ? t('programs.sessions.saved') : undefined} />
      <p>
        <When c={c} date={s.startsAt} timeZone={p.timeZone} />
      </p>
      <form method="post" action={localePath(l, `/programs/${p.slug}/sessions/${s.id}/attendance`)} class="usa-form usa-form--large">
        <Csrf token={c.var.csrfToken} />
        {teams.map((team) => (
          <fieldset class="usa-fieldset">
            <legend class="usa-legend">{team.name}</legend>
            {team.members.map((m) => (
              <>
                <input type="hidden" name="member" value={m.id} />
                <Checkbox name="present" value={m.id} id={`present-${m.id}`} label={m.name} checked={present.has(m.id)} />
              </>
            ))}
          </fieldset>
        ))}
        {teams.length > 0 && <Button>{t('programs.sessions.save')}</Button>}
        {teams.length === 0 && <p>{t('programs.worksheets.noTeams')}</p>}
      </form>
    </>,
  );
});

sessionPages.post('/programs/:slug/sessions/:id/attendance', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const s = await getSession(c.var.db, p.id, c.req.param('id'));
  const body = await parseFormBody(c);
  const list = (name: string) => [body[name]].flat().filter((x): x is string => typeof x === 'string');
  const present = new Set(list('present'));
  // Ids that are not members of this program's teams are refused by markAttendance (422), nothing saved.
  const members = [...new Set(list('member'))].slice(0, 500);
  if (members.length)
    await markAttendance(
      c.var.db,
      p,
      s,
      members.map((id) => ({ id, attended: present.has(id) })),
    );
  return c.redirect(`${localePath(c.var.locale, `/programs/${p.slug}/sessions/${s.id}/attendance`)}?done=saved`, 303);
});
