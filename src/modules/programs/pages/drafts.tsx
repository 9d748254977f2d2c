import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { noPublicCache } from '../../../platform/http/page-cache';
import { formatDateTime } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { DataTable } from '../../../platform/ui/data-table';
import { pickText } from '../../events';
import { tr } from '../messages';
import { deadlinePassed, draftPath, draftsOf, draftToken } from '../service';
import { When } from '../views/when';

/** A signed-in person's application drafts, each with its link back (the one its email carried). */
export const draftPages = new Hono<AppEnv>();

draftPages.get('/programs/my-drafts', allow('signedIn'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const email = c.var.viewer!.email;
  // Each row carries a draft's key: never cached, never shared.
  noPublicCache(c);
  c.header('Cache-Control', 'no-store');
  const rows = await Promise.all(
    (email ? await draftsOf(c.var.db, email) : []).map(async ({ draft, program }) => ({
      draft,
      program,
      href: draftPath(l, program, await draftToken(c.var.deps.secret, draft)),
    })),
  );
  const title = t('programs.myDrafts.title');
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <p>{t('programs.myDrafts.lead', { email })}</p>
      <DataTable
        caption={t('programs.myDrafts.caption')}
        rows={rows}
        empty={t('programs.myDrafts.none')}
        columns={[
          { label: t('programs.myDrafts.program'), rowHeader: true, cell: (r) => pickText(r.program.title, l) },
          {
            label: t('programs.myDrafts.organization'),
            cell: (r) => r.draft.values.organization?.trim() || t('programs.myDrafts.noName'),
          },
          { label: t('programs.myDrafts.savedAt'), cell: (r) => <When c={c} date={r.draft.updatedAt} timeZone={r.program.timeZone} /> },
          {
            label: t('programs.myDrafts.state'),
            cell: (r) => {
              const program = pickText(r.program.title, l);
              const open = !r.draft.sentAt && !deadlinePassed(r.program);
              const state = r.draft.sentAt
                ? t('programs.myDrafts.sent')
                : open
                  ? t('programs.myDrafts.open', { deadline: formatDateTime(l, r.program.applicationDeadline, r.program.timeZone) })
                  : t('programs.myDrafts.closed');
              return (
                <>
                  {state} <a href={r.href}>{t(open ? 'programs.myDrafts.continue' : 'programs.myDrafts.read', { program })}</a>
                </>
              );
            },
          },
        ]}
      />
    </>,
  );
});
