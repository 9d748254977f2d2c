import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { noPublicCache } from '../../../platform/http/page-cache';
import { page } from '../../../platform/ui/layout';
import { groupingFromSheet, seatFromToken, seatsOf } from '../service/groupings';
import { tr } from '../messages';
import { RoundTables } from '../views/plan';

/** Pages reached by signed links: no sign-in, never cached for others, not for search engines. */
export const linkPages = new Hono<AppEnv>();

// The printable sheets: one page per round (large type, one box per table), then the table signs.
linkPages.get('/groupings/sheet/:token', allow('public'), async (c) => {
  noPublicCache(c);
  const g = await groupingFromSheet(c.var.db, c.var.deps.secret, c.req.param('token'));
  const t = tr(c);
  const tables = Math.max(...g.plan.map((round) => round.length));
  return page(
    c,
    { title: g.title, index: false },
    <>
      <h1>{g.title}</h1>
      {g.plan.map((_, r) => (
        <section class="pw-sheet" aria-labelledby={`sheet-${r + 1}`}>
          <h2 id={`sheet-${r + 1}`}>{t('groups.print.title', { title: g.title, round: r + 1 })}</h2>
          <RoundTables c={c} g={g} round={r} large />
        </section>
      ))}
      <section aria-labelledby="signs">
        <h2 id="signs">{t('groups.print.signs')}</h2>
        {Array.from({ length: tables }, (_, i) => (
          <p class="pw-sign pw-sheet">{t('groups.print.sign', { table: i + 1 })}</p>
        ))}
      </section>
    </>,
  );
});

// A participant's own page, from the link on their ticket: their table each round and who is there.
linkPages.get('/groupings/table/:token', allow('public'), async (c) => {
  noPublicCache(c);
  const { g, index } = await seatFromToken(c.var.db, c.var.deps.secret, c.req.param('token'));
  const t = tr(c);
  const seats = seatsOf(g, index);
  return page(
    c,
    { title: t('groups.mine.title'), index: false },
    <>
      <h1>{t('groups.mine.title')}</h1>
      <p>{g.title}</p>
      {seats.map((table, r) =>
        table === null ? null : (
          <section aria-labelledby={`mine-${r + 1}`} class="pw-table-box">
            <h2 id={`mine-${r + 1}`}>{t('groups.mine.round', { round: r + 1 })}</h2>
            <p class="pw-sign">{t('groups.view.table', { table })}</p>
            <p>
              {t('groups.mine.with')}:{' '}
              {g.plan[r][table - 1]
                .filter((i) => i !== index)
                .map((i) => g.participants[i].name)
                .join(', ')}
            </p>
          </section>
        ),
      )}
    </>,
  );
});
