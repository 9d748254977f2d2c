import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { requestSignIn } from '../../../platform/auth/service';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Button, Checkbox, Csrf, ErrorSummary, Radios, TextField } from '../../../platform/ui/components';
import { clientIp, form } from '../../../platform/http/request';
import { errorMessages, PERSON_NAME_MAX } from '../../../platform/http/validation';
import { tr } from '../messages';
import { ensurePerson, signupInput, updateConsents } from '../service';

/** Creating an account creates a person, so it lives here; signing in afterwards is the platform's. */
export const signupPages = new Hono<AppEnv>();

const signupForm = z.object({
  fullName: z.string().default(''),
  email: z.string().default(''),
  language: z.string().default(''),
  newsletter: z.string().optional(),
});

function SignupPage(props: { c: Ctx; values: Record<string, string>; errors: Record<string, string> }) {
  const { c, values, errors } = props;
  const t = tr(c);
  return (
    <>
      <h1>{t('people.signup.title')}</h1>
      <p class="pw-lead">{t('people.signup.intro')}</p>
      <ErrorSummary errors={errors} t={c.var.t} />
      <form class="usa-form" method="post" action={localePath(c.var.locale, '/signup')} novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField
          name="fullName"
          label={t('people.signup.name')}
          hint={t('people.signup.nameHint')}
          value={values.fullName}
          error={errors.fullName}
          autocomplete="name"
          required
          maxlength={PERSON_NAME_MAX}
          spellcheck={false}
        />
        <TextField
          name="email"
          type="email"
          label={t('people.signup.email')}
          value={values.email}
          error={errors.email}
          autocomplete="email"
          required
          spellcheck={false}
        />
        <Radios
          name="language"
          legend={t('people.signup.language')}
          value={values.language || c.var.locale}
          error={errors.language}
          options={[
            { value: 'en', label: t('people.signup.languageEn') },
            { value: 'es', label: t('people.signup.languageEs') },
          ]}
        />
        <Checkbox name="newsletter" label={t('people.signup.newsletter')} checked={values.newsletter === 'on'} />
        <Button>{t('people.signup.submit')}</Button>
      </form>
      <p>
        {t('people.signup.haveAccount')} <a href={localePath(c.var.locale, '/signin')}>{t('people.signup.signIn')}</a>
      </p>
    </>
  );
}

signupPages.get('/signup', allow('public'), (c) =>
  page(c, { title: tr(c)('people.signup.title') }, <SignupPage c={c} values={{}} errors={{}} />),
);

signupPages.post('/signup', allow('public'), async (c) => {
  const values = signupForm.parse(await form(c));
  const parsed = signupInput.safeParse({ ...values, language: values.language || c.var.locale, newsletter: values.newsletter === 'on' });
  if (!parsed.success) {
    const errors = errorMessages(c, parsed.error);
    return page(c, { title: tr(c)('people.signup.title') }, <SignupPage c={c} values={values} errors={errors} />, 422);
  }
  const { person, created } = await ensurePerson(c.var.db, parsed.data);
  // Only a new account takes the box: someone who merely knows an address must not change its consents.
  if (created && parsed.data.newsletter) await updateConsents(c.var.db, person.id, { newsletter: true });
  await requestSignIn(c.var.deps, { email: parsed.data.email, ip: clientIp(c), locale: parsed.data.language, next: null });
  return c.redirect(`${localePath(c.var.locale, '/signin/check')}?email=${encodeURIComponent(parsed.data.email)}`, 303);
});
