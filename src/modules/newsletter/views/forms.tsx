import type { Locale } from '../../../platform/i18n';
import { localePath } from '../../../platform/i18n';
import { Checkbox, Csrf, Select, TextField } from '../../../platform/ui/components';
import { shared } from '../../../platform/i18n/messages';
import { newsletterMessages } from '../messages';
import { TOPICS, type Topic } from '../schema';
import { PERSON_NAME_MAX } from '../../../platform/http/validation';

/** The sign-up form: in every page footer (compact) and on /newsletter (with name and chapter). */
export function SignupForm(props: {
  locale: Locale;
  csrfToken: string;
  idPrefix: string;
  full?: boolean;
  values?: Record<string, string>;
  topics?: Topic[];
  errors?: Record<string, string>;
  chapters?: { slug: string; name: string }[];
}) {
  const t = newsletterMessages.for(props.locale);
  const v = props.values ?? {};
  const e = props.errors ?? {};
  const topics = props.topics ?? [...TOPICS];
  const p = props.idPrefix;
  return (
    <form class="usa-form" method="post" action={localePath(props.locale, '/newsletter/subscribe')} novalidate>
      <Csrf token={props.csrfToken} />
      <TextField
        idPrefix={p}
        name="email"
        type="email"
        label={t('newsletter.field.email')}
        value={v.email}
        error={e.email}
        autocomplete="email"
        required
        maxlength={320}
        spellcheck={false}
      />
      {props.full && (
        <TextField
          idPrefix={p}
          name="name"
          label={t('newsletter.field.name')}
          optional={shared.any(props.locale)('form.optional')}
          value={v.name}
          error={e.name}
          autocomplete="name"
          maxlength={PERSON_NAME_MAX}
        />
      )}
      <Select
        idPrefix={p}
        name="language"
        label={t('newsletter.field.language')}
        value={v.language ?? props.locale}
        options={[
          { value: 'en', label: 'English' },
          { value: 'es', label: 'Español' },
        ]}
      />
      {props.full && (
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t('newsletter.field.topics')}</legend>
          {TOPICS.map((topic) => (
            <Checkbox
              id={`${p}topic-${topic}`}
              name="topics"
              value={topic}
              label={t(`newsletter.topic.${topic}`)}
              checked={topics.includes(topic)}
            />
          ))}
        </fieldset>
      )}
      {props.full && props.chapters && props.chapters.length > 0 && (
        <Select
          idPrefix={p}
          name="chapterSlug"
          label={t('newsletter.field.chapter')}
          value={v.chapterSlug ?? ''}
          blank={t('newsletter.field.chapterAny')}
          options={props.chapters.map((c) => ({ value: c.slug, label: c.name }))}
        />
      )}
      <button class="usa-button" type="submit">
        {t('newsletter.subscribe')}
      </button>
    </form>
  );
}

/**
 * Where the footer sign-up stays out: the newsletter's own pages (their form is the page's one form)
 * and organizers' tools, used at a door or a booth, where a second form only gets in the way.
 */
const NO_FOOTER_SIGNUP =
  /^\/(newsletter|organize|admin|jobs\/manage)(\/|$)|^\/events\/[^/]+\/(checkin|attendees|edit)(\/|$)|^\/events\/[^/]+\/fair\/(manage|booths?)(\/|$)/;

function footerSignupShown(pagePath: string): boolean {
  return !NO_FOOTER_SIGNUP.test(pagePath);
}

export function FooterSignup(props: { locale: Locale; csrfToken: string; pagePath: string }) {
  if (!footerSignupShown(props.pagePath)) return null;
  const t = newsletterMessages.for(props.locale);
  return (
    <section class="pw-footer-signup" aria-labelledby="nl-footer-heading">
      <h2 id="nl-footer-heading">{t('newsletter.footer.heading')}</h2>
      <p>{t('newsletter.footer.intro')}</p>
      <SignupForm locale={props.locale} csrfToken={props.csrfToken} idPrefix="nl-footer-" />
    </section>
  );
}
