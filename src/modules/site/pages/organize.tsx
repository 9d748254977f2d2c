import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import type { OrganizePanel, SiteHooks } from '../hooks';
import { siteMessages } from '../messages';

/** The organizer home: what needs doing across the chapter's events, jobs and newsletter, on one page. */
export function organizeHome(hooks: SiteHooks): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/organize', allow('organizer'), async (c) => {
    const t = siteMessages.for(c.var.locale);
    const l = c.var.locale;
    const viewer = c.var.viewer!;
    const q = { viewer, locale: l, now: new Date() };
    const panels: OrganizePanel[] = (await Promise.all((hooks.organize ?? []).map((p) => p(c.var.db, q)))).flat();
    const actions = panels.flatMap((p) => p.actions ?? []);
    return page(
      c,
      { title: t('site.organize.title'), index: false },
      <>
        <h1>{t('site.organize.title')}</h1>
        <p class="pw-lead">{t('site.organize.lead', { name: viewer.preferredName ?? viewer.fullName })}</p>
        {actions.length > 0 && (
          <p class="pw-actions">
            {actions.map((a, i) => (
              <a class={i === 0 ? 'usa-button' : 'usa-button usa-button--outline'} href={localePath(l, a.href)}>
                {a.label}
              </a>
            ))}
          </p>
        )}
        <div class="pw-panels">
          {panels.map((p) => (
            <section class="pw-panel" aria-label={p.heading}>
              <h2>{p.heading}</h2>
              {p.items.length === 0 ? (
                <p>{p.empty}</p>
              ) : (
                <ul class="pw-panel__list">
                  {p.items.map((item) => (
                    <li>
                      <a href={localePath(l, item.href)}>{item.label}</a>
                      {item.detail && <span class="pw-meta">{item.detail}</span>}
                      {item.links && item.links.length > 0 && (
                        <span class="pw-panel__links">
                          {item.links.map((k) => (
                            <a href={localePath(l, k.href)}>{k.label}</a>
                          ))}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {p.more && (
                <p>
                  <a href={localePath(l, p.more.href)}>{p.more.label}</a>
                </p>
              )}
            </section>
          ))}
        </div>
      </>,
    );
  });
  return app;
}
