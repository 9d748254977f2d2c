import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { DataTable } from '../../../platform/ui/data-table';
import { pickText } from '../../events';
import { tr } from '../messages';
import { assertManageProgram, teamAccess } from '../permissions';
import { SLOT_KINDS, type Program } from '../schema';
import { getProgram, getTeam, listTeams, listTemplates, progress, teamDeliverables } from '../service';

export const progressPages = new Hono<AppEnv>();

type Progress = Awaited<ReturnType<typeof progress>>;

/** Tags with any evidence (an attended session or an approved deliverable carrying them). */
const covered = (pr: Progress) => Object.values(pr.tags).filter((x) => x.sessions + x.deliverables > 0).length;
const answered = (pr: Progress) => ({
  answered: pr.worksheets.reduce((n, w) => n + w.answered, 0),
  total: pr.worksheets.reduce((n, w) => n + w.total, 0),
});

/** One team: attendance, bookings used and left, worksheet completion, deliverable statuses, tags covered. */
progressPages.get('/programs/:slug/teams/:id/progress', allow('signedIn'), async (c) => {
  const p = await getProgram(c.var.db, c.req.param('slug'));
  const team = await getTeam(c.var.db, p.id, c.req.param('id'));
  await teamAccess(c.var.db, c.var.viewer, p, team.id);
  const t = tr(c);
  const l = c.var.locale;
  const [pr, work, templates] = await Promise.all([
    progress(c.var.db, p, team.id),
    teamDeliverables(c.var.db, p, team.id),
    listTemplates(c.var.db, p.id),
  ]);
  const title = t('programs.progress.teamTitle', { team: team.name, program: pickText(p.title, l) });
  const kinds = SLOT_KINDS.filter((k) => pr.bookings[k].quota > 0);
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <p>{t('programs.team.attendance', pr.attendance)}</p>
      <h2>{t('programs.progress.bookings')}</h2>
      <DataTable
        caption={t('programs.progress.bookings')}
        captionHidden
        rows={kinds}
        empty={t('programs.progress.noQuotas')}
        columns={[
          { label: t('programs.progress.kind'), rowHeader: true, cell: (k) => t(`programs.kind.${k}`) },
          { label: t('programs.progress.used'), numeric: true, cell: (k) => pr.bookings[k].booked },
          { label: t('programs.progress.left'), numeric: true, cell: (k) => pr.bookings[k].quota - pr.bookings[k].booked },
        ]}
      />
      <h2>{t('programs.team.worksheets')}</h2>
      <DataTable
        caption={t('programs.team.worksheets')}
        captionHidden
        rows={pr.worksheets}
        empty={t('programs.progress.noWorksheets')}
        columns={[
          {
            label: t('programs.progress.worksheet'),
            rowHeader: true,
            cell: (w) => (
              <a href={localePath(l, `/programs/${p.slug}/teams/${team.id}/worksheets/${w.key}`)}>
                {pickText(templates.find((x) => x.key === w.key)!.title, l)}
              </a>
            ),
          },
          { label: t('programs.progress.answered'), cell: (w) => t('programs.worksheets.answered', w) },
        ]}
      />
      <h2>{t('programs.team.deliverables')}</h2>
      <DataTable
        caption={t('programs.team.deliverables')}
        captionHidden
        rows={work}
        empty={t('programs.progress.noDeliverables')}
        columns={[
          { label: t('programs.progress.deliverable'), rowHeader: true, cell: (d) => pickText(d.title, l) },
          { label: t('programs.organize.status'), cell: (d) => t(`programs.deliverable.${d.status}`) },
        ]}
      />
      <h2>{t('programs.progress.tags')}</h2>
      <p>{t('programs.progress.covered', { covered: covered(pr), total: p.tags.length })}</p>
      <DataTable
        caption={t('programs.progress.tags')}
        captionHidden
        rows={p.tags}
        empty={t('programs.progress.noTags')}
        columns={[
          { label: t('programs.progress.tag'), rowHeader: true, cell: (x) => `${x.key} · ${pickText(x.description, l)}` },
          { label: t('programs.progress.evidence'), cell: (x) => t('programs.report.cell', pr.tags[x.key]) },
        ]}
      />
    </>,
  );
});

/** The cohort: every team on one page, each row linking to the team's own progress page. */
progressPages.get('/programs/:slug/progress', allow('organizer'), async (c) => {
  const p: Program = await getProgram(c.var.db, c.req.param('slug'));
  assertManageProgram(c.var.viewer, p);
  const t = tr(c);
  const l = c.var.locale;
  const { list } = await listTeams(c.var.db, p.id, { limit: 200, offset: 0 });
  const rows = await Promise.all(list.map(async (team) => ({ team, pr: await progress(c.var.db, p, team.id) })));
  const kinds = SLOT_KINDS.filter((k) => p.bookingQuotas[k] > 0);
  const title = t('programs.progress.cohortTitle', { program: pickText(p.title, l) });
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <p>
        <a href={localePath(l, `/programs/${p.slug}/report`)}>{t('programs.report.title', { program: pickText(p.title, l) })}</a>
        {' · '}
        <a href={localePath(l, `/programs/${p.slug}/worksheets`)}>{t('programs.worksheets.title', { program: pickText(p.title, l) })}</a>
      </p>
      <DataTable
        caption={t('programs.progress.caption')}
        rows={rows}
        empty={t('programs.worksheets.noTeams')}
        columns={[
          {
            label: t('programs.report.team'),
            rowHeader: true,
            cell: (r) => <a href={localePath(l, `/programs/${p.slug}/teams/${r.team.id}/progress`)}>{r.team.name}</a>,
          },
          { label: t('programs.progress.attendance'), cell: (r) => t('programs.progress.ofTotal', r.pr.attendance) },
          ...kinds.map((k) => ({
            label: t(`programs.kind.${k}`),
            cell: (r: (typeof rows)[number]) => t('programs.progress.bookedOf', r.pr.bookings[k]),
          })),
          { label: t('programs.team.worksheets'), cell: (r) => t('programs.worksheets.answered', answered(r.pr)) },
          {
            label: t('programs.team.deliverables'),
            cell: (r) =>
              t('programs.progress.approvedOf', {
                approved: r.pr.deliverables.filter((d) => d.status === 'approved').length,
                total: r.pr.deliverables.length,
              }),
          },
          {
            label: t('programs.progress.tags'),
            cell: (r) => t('programs.progress.ofTotal', { attended: covered(r.pr), total: p.tags.length }),
          },
        ]}
      />
    </>,
  );
});
