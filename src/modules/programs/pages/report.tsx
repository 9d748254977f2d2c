import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { toCsv } from '../../../platform/csv';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { DataTable } from '../../../platform/ui/data-table';
import { Button, Select } from '../../../platform/ui/components';
import { pickText } from '../../events';
import { tr } from '../messages';
import { assertManageProgram } from '../permissions';
import type { Program } from '../schema';
import { getProgram, tagReport } from '../service';

export const reportPages = new Hono<AppEnv>();

async function reportFor(c: Ctx) {
  const p: Program = await getProgram(c.var.db, c.req.param('slug') ?? '');
  assertManageProgram(c.var.viewer, p);
  const asked = c.req.query('tag') ?? '';
  const tag = p.tags.some((t) => t.key === asked) ? asked : undefined;
  return { p, tag, rows: await tagReport(c.var.db, p, tag) };
}

reportPages.get('/programs/:slug/report', allow('organizer'), async (c) => {
  const { p, tag, rows } = await reportFor(c);
  const t = tr(c);
  const l = c.var.locale;
  const title = t('programs.report.title', { program: pickText(p.title, l) });
  const path = localePath(l, `/programs/${p.slug}/report`);
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <p>{t('programs.report.lead')}</p>
      <form method="get" action={path} class="usa-form">
        <Select
          name="tag"
          label={t('programs.report.filter')}
          value={tag ?? ''}
          blank={t('programs.report.anyTag')}
          options={p.tags.map((x) => ({ value: x.key, label: `${x.key} · ${pickText(x.description, l)}` }))}
        />
        <Button variant="outline">{t('programs.organize.show')}</Button>
      </form>
      <DataTable
        caption={t('programs.report.caption')}
        rows={rows}
        empty={t('programs.report.none')}
        columns={[
          { label: t('programs.report.team'), rowHeader: true, cell: (r) => r.name },
          ...p.tags.map((x) => ({ label: x.key, cell: (r: (typeof rows)[number]) => t('programs.report.cell', r.tags[x.key]) })),
        ]}
      />
      <p>
        <a href={`${path}.csv${tag ? `?tag=${encodeURIComponent(tag)}` : ''}`}>{t('programs.report.csv')}</a>
      </p>
    </>,
  );
});

reportPages.get('/programs/:slug/report.csv', allow('organizer'), async (c) => {
  const { p, rows } = await reportFor(c);
  const t = tr(c);
  const header = [
    t('programs.report.team'),
    t('programs.csv.organization'),
    ...p.tags.flatMap((x) => [t('programs.csv.sessions', { tag: x.key }), t('programs.csv.deliverables', { tag: x.key })]),
  ];
  const csv = toCsv(
    header,
    rows.map((r) => [r.name, r.organization, ...p.tags.flatMap((x) => [r.tags[x.key].sessions, r.tags[x.key].deliverables])]),
  );
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${p.slug}-evidence.csv"`,
    'Cache-Control': 'no-store',
  });
});
