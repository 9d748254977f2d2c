import type { AccountLink } from '../hooks';
import type { Ctx } from '../../../platform/http/context';
import { listApiTokens, listSessions } from '../../../platform/auth/service';
import { localePath } from '../../../platform/i18n';
import { formatDateTime, formatRelativeTime } from '../../../platform/i18n/format';
import { deviceOf } from '../lib/device';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, Select, TextArea, TextField } from '../../../platform/ui/components';
import { tr } from '../messages';
import { SECTORS, type Person } from '../schema';
import { DataTable } from '../../../platform/ui/data-table';
import { PERSON_NAME_MAX } from '../../../platform/http/validation';

type ProfileValues = Record<string, string>;

export function valuesFrom(p: Person): ProfileValues {
  return {
    fullName: p.fullName,
    preferredName: p.preferredName ?? '',
    language: p.language,
    pronouns: p.pronouns ?? '',
    organization: p.organization ?? '',
    sector: p.sector ?? '',
    accessibilityNeeds: p.accessibilityNeeds ?? '',
    newsletter: p.consents.newsletter ? 'on' : '',
    eventNews: p.consents.eventNews ? 'on' : '',
    jobAlerts: p.consents.jobAlerts ? 'on' : '',
    research: p.consents.research ? 'on' : '',
  };
}

export async function AccountPage(props: {
  c: Ctx;
  person: Person;
  values: ProfileValues;
  errors: Record<string, string>;
  /** Other modules' pages about this person ("Job alerts"). */
  links: AccountLink[];
  saved?: boolean;
}) {
  const { c, person, values, errors } = props;
  const t = tr(c);
  const locale = c.var.locale;
  const sessions = await listSessions(c.var.db, person.id);
  const now = Date.now();
  const tokens = (await listApiTokens(c.var.db, person.id)).filter((k) => !k.revokedAt && (!k.expiresAt || k.expiresAt.getTime() > now));
  return (
    <>
      <h1>{t('people.account.title')}</h1>
      {props.saved && <Alert type="success">{t('people.account.saved')}</Alert>}
      <ErrorSummary errors={errors} t={c.var.t} />
      {props.links.length > 0 && (
        <nav aria-labelledby="account-more">
          <h2 id="account-more">{t('people.account.more')}</h2>
          <ul class="usa-list">
            {props.links.map((k) => (
              <li>
                <a href={localePath(locale, k.href)}>{k.label[locale]}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <h2>{t('people.account.profile')}</h2>
      <p>{t('people.account.emailNote', { email: person.email ?? '' })}</p>
      <form class="usa-form usa-form--large" method="post" action={localePath(locale, '/account')} novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField
          name="fullName"
          label={t('people.account.fullName')}
          hint={t('people.account.fullNameHint')}
          value={values.fullName}
          error={errors.fullName}
          autocomplete="name"
          required
          maxlength={PERSON_NAME_MAX}
          spellcheck={false}
        />
        <TextField
          name="preferredName"
          label={t('people.account.preferredName')}
          hint={t('people.account.preferredNameHint')}
          optional={c.var.t('form.optional')}
          value={values.preferredName}
          error={errors.preferredName}
          autocomplete="nickname"
          maxlength={100}
          spellcheck={false}
        />
        <Select
          name="language"
          label={t('people.account.language')}
          value={values.language}
          error={errors.language}
          options={[
            { value: 'en', label: 'English' },
            { value: 'es', label: 'Español' },
          ]}
        />
        <TextField
          name="pronouns"
          label={t('people.account.pronouns')}
          hint={t('people.account.pronounsHint')}
          optional={c.var.t('form.optional')}
          value={values.pronouns}
          error={errors.pronouns}
          maxlength={60}
        />
        <TextField
          name="organization"
          label={t('people.account.organization')}
          optional={c.var.t('form.optional')}
          value={values.organization}
          error={errors.organization}
          autocomplete="organization"
          maxlength={200}
        />
        <Select
          name="sector"
          label={t('people.account.sector')}
          optional={c.var.t('form.optional')}
          value={values.sector}
          error={errors.sector}
          blank={t('people.account.sectorBlank')}
          options={SECTORS.map((s) => ({ value: s, label: t(`people.sector.${s}`) }))}
        />
        <TextArea
          name="accessibilityNeeds"
          label={t('people.account.accessibility')}
          hint={t('people.account.accessibilityHint')}
          optional={c.var.t('form.optional')}
          value={values.accessibilityNeeds}
          error={errors.accessibilityNeeds}
          maxlength={2000}
        />
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t('people.account.consents')}</legend>
          <Checkbox name="newsletter" label={t('people.account.consent.newsletter')} checked={values.newsletter === 'on'} />
          <Checkbox name="eventNews" label={t('people.account.consent.eventNews')} checked={values.eventNews === 'on'} />
          <Checkbox name="jobAlerts" label={t('people.account.consent.jobAlerts')} checked={values.jobAlerts === 'on'} />
          <Checkbox name="research" label={t('people.account.consent.research')} checked={values.research === 'on'} />
        </fieldset>
        <Button>{c.var.t('form.save')}</Button>
      </form>

      <h2>{t('people.account.sessions')}</h2>
      <p>{t('people.account.sessionsIntro')}</p>
      <DataTable
        caption={t('people.account.sessions')}
        captionHidden
        borderless
        rows={sessions}
        columns={[
          {
            label: t('people.account.sessionDevice'),
            cell: (s) => (
              <>
                {deviceName(t, s.userAgent)}
                {s.id === c.var.viewer?.sessionId && <strong> ({t('people.account.sessionThis')})</strong>}
              </>
            ),
          },
          { label: t('people.account.sessionStarted'), cell: (s) => formatDateTime(locale, s.createdAt) },
          {
            label: t('people.account.sessionLastSeen'),
            cell: (s) => (
              <time datetime={s.lastSeenAt.toISOString()} title={formatDateTime(locale, s.lastSeenAt)}>
                {formatRelativeTime(locale, s.lastSeenAt)}
              </time>
            ),
          },
          {
            label: t('people.account.sessionRevoke'),
            labelHidden: true,
            cell: (s) => (
              <form method="post" action={localePath(locale, `/account/sessions/${s.id}/revoke`)} class="pw-inline-form">
                <Csrf token={c.var.csrfToken} />
                <button class="usa-button usa-button--unstyled" type="submit">
                  {t('people.account.sessionRevoke')}
                </button>
              </form>
            ),
          },
        ]}
      />

      {tokens.length > 0 && (
        <>
          <h2>{t('people.account.tokens')}</h2>
          <p>{t('people.account.tokensIntro')}</p>
          <DataTable
            caption={t('people.account.tokens')}
            captionHidden
            borderless
            rows={tokens}
            columns={[
              { label: t('people.account.tokenLabel'), cell: (k) => k.label },
              { label: t('people.account.sessionStarted'), cell: (k) => formatDateTime(locale, k.createdAt) },
              {
                label: t('people.account.sessionLastSeen'),
                cell: (k) => (k.lastUsedAt ? formatDateTime(locale, k.lastUsedAt) : t('people.account.tokenNever')),
              },
              {
                label: t('people.account.tokenExpires'),
                cell: (k) => (k.expiresAt ? formatDateTime(locale, k.expiresAt) : t('people.account.tokenNoExpiry')),
              },
              {
                label: t('people.account.tokenRevoke'),
                labelHidden: true,
                cell: (k) => (
                  <form method="post" action={localePath(locale, `/account/tokens/${k.id}/revoke`)} class="pw-inline-form">
                    <Csrf token={c.var.csrfToken} />
                    <button class="usa-button usa-button--unstyled" type="submit">
                      {t('people.account.tokenRevoke')} <span class="pw-visually-hidden">{k.label}</span>
                    </button>
                  </form>
                ),
              },
            ]}
          />
        </>
      )}

      <h2>{t('people.account.yourData')}</h2>
      <p>
        <a class="usa-button usa-button--outline" href={localePath(locale, '/account/export')} download="pathways-my-data.json">
          {t('people.account.download')}
        </a>
      </p>
      <p class="usa-hint">{t('people.account.downloadHint')}</p>
      <form class="usa-form" method="post" action={localePath(locale, '/account/delete')} novalidate>
        <Csrf token={c.var.csrfToken} />
        <p>{t('people.account.deleteHint')}</p>
        <TextField
          name="confirm"
          label={t('people.account.deleteConfirm')}
          value={values.confirm}
          error={errors.confirm}
          autocomplete="off"
        />
        <Button variant="secondary">{t('people.account.delete')}</Button>
      </form>
    </>
  );
}

/** "Chrome on Linux", or as much of it as the session's browser said. */
function deviceName(t: ReturnType<typeof tr>, userAgent: string | null): string {
  const { browser, os } = deviceOf(userAgent);
  if (browser && os) return t('people.account.sessionDeviceName', { browser, os });
  return browser ?? os ?? t('people.account.sessionUnknown');
}
