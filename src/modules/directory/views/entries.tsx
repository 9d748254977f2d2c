import type { Ctx } from '../../../platform/http/context';
import { hrefOf, safeHref } from '../../../platform/http/urls';
import { rawHtml } from '../../../platform/ui/layout';
import type { Locale } from '../../../platform/i18n';
import type { Organization } from '../schema';
import type { AttachedForm, InitiativeView } from '../service';
import { tr } from '../messages';
import { entryPath, entryUrl, formPath } from './paths';

/** The text in the reader's language, the other one when that is all there is. */
export const pick = (locale: Locale, en: string | null, es: string | null): string => (locale === 'es' ? es || en : en || es) ?? '';

/** schema.org JSON-LD, with `<` escaped so no text can close the script. */
export function JsonLd(props: { data: Record<string, unknown> }) {
  return <script type="application/ld+json">{rawHtml(JSON.stringify(props.data).replace(/</g, '\\u003c'))}</script>;
}

export function organizationLd(c: Ctx, o: Organization): Record<string, unknown> {
  const l = c.var.locale;
  return {
    '@context': 'https://schema.org',
    '@type':
      o.kind === 'government'
        ? 'GovernmentOrganization'
        : o.kind === 'academic'
          ? 'EducationalOrganization'
          : o.kind === 'nonprofit'
            ? 'NGO'
            : 'Organization',
    name: pick(l, o.name, o.nameEs),
    alternateName: o.nameEs && o.nameEs !== o.name ? (l === 'es' ? o.name : o.nameEs) : undefined,
    description: pick(l, o.description, o.descriptionEs) || undefined,
    url: entryUrl(c, 'organizations', o.slug),
    sameAs: safeHref(o.website) ?? undefined,
    logo: safeHref(o.logoUrl) ?? undefined,
    email: o.contactEmail ?? undefined,
    address:
      o.city || o.region
        ? { '@type': 'PostalAddress', addressLocality: o.city ?? undefined, addressRegion: o.region ?? undefined }
        : undefined,
  };
}

/** An initiative is a schema.org Project (a kind of Organization), funded or run by its organizations. */
export function initiativeLd(c: Ctx, i: InitiativeView): Record<string, unknown> {
  const l = c.var.locale;
  return {
    '@context': 'https://schema.org',
    '@type': 'Project',
    name: pick(l, i.name, i.nameEs),
    description: pick(l, i.description, i.descriptionEs) || undefined,
    url: entryUrl(c, 'initiatives', i.slug),
    foundingDate: i.startYear ? String(i.startYear) : undefined,
    dissolutionDate: i.endYear ? String(i.endYear) : undefined,
    sameAs: i.links.map((u) => safeHref(u)).filter((u): u is string => !!u),
    parentOrganization: i.organizations.map((o) => ({ '@type': 'Organization', name: o.name, url: entryUrl(c, 'organizations', o.slug) })),
  };
}

export function OrganizationItem(props: { c: Ctx; o: Organization }) {
  const { c, o } = props;
  const t = tr(c);
  const l = c.var.locale;
  return (
    <li>
      <h3>
        <a href={entryPath(l, 'organizations', o.slug)}>{pick(l, o.name, o.nameEs)}</a>
      </h3>
      <p class="usa-hint">
        {t(`directory.kind.${o.kind}`)}
        {o.city || o.region ? ` · ${[o.city, o.region].filter(Boolean).join(', ')}` : ''}
      </p>
      {pick(l, o.description, o.descriptionEs) && <p>{pick(l, o.description, o.descriptionEs)}</p>}
    </li>
  );
}

export function InitiativeItem(props: { c: Ctx; i: InitiativeView }) {
  const { c, i } = props;
  const t = tr(c);
  const l = c.var.locale;
  return (
    <li>
      <h3>
        <a href={entryPath(l, 'initiatives', i.slug)}>{pick(l, i.name, i.nameEs)}</a>
      </h3>
      <p class="usa-hint">
        {t(`directory.ikind.${i.kind}`)} · {t(`directory.istatus.${i.status}`)}
        {i.organizations.length > 0 && <> · {i.organizations.map((o) => pick(l, o.name, o.nameEs)).join(', ')}</>}
      </p>
      {pick(l, i.description, i.descriptionEs) && <p>{pick(l, i.description, i.descriptionEs)}</p>}
    </li>
  );
}

/** A link from outside, shown only when it passes the one URL rule. */
export function OutsideLink(props: { href: string | null; children?: string }) {
  const href = hrefOf(props.href);
  if (!href) return null;
  return (
    <a href={href} rel="noopener nofollow">
      {props.children ?? href}
    </a>
  );
}

/**
 * The call to complete each interest form attached to what the page shows (a convening, an initiative,
 * a post), in the page's language; nothing when none is attached.
 */
export function FormCalls(props: { c: Ctx; forms: AttachedForm[]; about: 'convening' | 'initiative' | 'post' }) {
  if (props.forms.length === 0) return null;
  const t = tr(props.c);
  const l = props.c.var.locale;
  return (
    <section class="usa-summary-box margin-y-3" aria-labelledby="interest-forms">
      <div class="usa-summary-box__body">
        <h2 class="usa-summary-box__heading" id="interest-forms">
          {t('directory.cta.heading')}
        </h2>
        <div class="usa-summary-box__text">
          <p>{t(`directory.cta.${props.about}`, { count: props.forms.length })}</p>
          <ul class="usa-list">
            {props.forms.map((f) => (
              <li>
                <a class="usa-summary-box__link" href={formPath(l, f.slug)}>
                  {t('directory.cta.complete', { title: pick(l, f.title, f.titleEs) })}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
