import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Button, Csrf } from '../../../platform/ui/components';
import { duplicateOrganizations, getOrganization, mergedInto, mergeOrganizations } from '../service';
import { tr } from '../messages';
import { pick } from '../views/entries';
import { entryPath } from '../views/paths';
import { one, postedValues } from './write';
import { ORGANIZE } from './organize';

/** Organizations that look like one twice, each pair with a button to keep either one (no script). */
export const organizeDuplicatePages = new Hono<AppEnv>();

organizeDuplicatePages.get(`${ORGANIZE}/duplicates`, allow('organizer'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const pairs = await duplicateOrganizations(c.var.db);
  const names = new Map<string, string>();
  for (const slug of new Set(pairs.flatMap((p) => [p.a, p.b]))) {
    const o = await getOrganization(c.var.db, slug);
    names.set(slug, pick(l, o.name, o.nameEs));
  }
  const keepButton = (keep: string, duplicate: string) => (
    <form method="post" action={localePath(l, `${ORGANIZE}/duplicates/merge`)}>
      <Csrf token={c.var.csrfToken} />
      <input type="hidden" name="keep" value={keep} />
      <input type="hidden" name="duplicate" value={duplicate} />
      <Button variant="outline">{t('directory.duplicates.keep', { name: names.get(keep) ?? keep })}</Button>
    </form>
  );
  return page(
    c,
    { title: t('directory.duplicates.title'), index: false },
    <>
      <h1>{t('directory.duplicates.title')}</h1>
      <p>{t('directory.duplicates.lead')}</p>
      {pairs.length === 0 ? (
        <p>{t('directory.duplicates.none')}</p>
      ) : (
        <ul class="usa-list usa-list--unstyled">
          {pairs.map((p) => (
            <li class="margin-bottom-3">
              <h2 class="font-heading-md">
                <a href={entryPath(l, 'organizations', p.a)}>{names.get(p.a)}</a> ·{' '}
                <a href={entryPath(l, 'organizations', p.b)}>{names.get(p.b)}</a>
              </h2>
              <p>{t(`directory.duplicates.reason.${p.reason}`)}</p>
              {keepButton(p.a, p.b)}
              {keepButton(p.b, p.a)}
            </li>
          ))}
        </ul>
      )}
    </>,
  );
});

organizeDuplicatePages.post(`${ORGANIZE}/duplicates/merge`, allow('organizer'), async (c) => {
  const v = await postedValues(c);
  const keep = one(v, 'keep');
  const duplicate = one(v, 'duplicate');
  // A second click finds the duplicate already merged into the one kept: the same result, no error.
  if ((await mergedInto(c.var.db, duplicate)) === keep) return c.redirect(entryPath(c.var.locale, 'organizations', keep), 303);
  const kept = await mergeOrganizations(c.var.db, keep, duplicate);
  return c.redirect(entryPath(c.var.locale, 'organizations', kept.slug), 303);
});
