import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Ctx } from '../http/context';
import { localePath } from '../i18n';
import { page } from '../ui/layout';
import { Alert, Button, Csrf, ErrorSummary, TextField } from '../ui/components';
import { clientIp, form } from '../http/request';
import { emailAddress, errorMessages } from '../http/validation';
import { allow, SESSION_COOKIE, sessionCookieOptions } from './middleware';
import { hasRole } from './roles';
import { tr } from './messages';
import { consumeCode, consumeLink, createSession, requestSignIn, revokeSession, safeNext } from './service';

export const authPages = new Hono<AppEnv>();

const deps = (c: Ctx) => ({
  db: c.var.db,
  config: c.var.deps.config,
  mailer: c.var.deps.mailer,
  secret: c.var.deps.secret,
  identity: c.var.deps.identity,
});

function SigninForm(props: { c: Ctx; email?: string; error?: string; next?: string | null }) {
  const { c } = props;
  const t = tr(c);
  const errors: Record<string, string> = props.error ? { email: props.error } : {};
  return (
    <>
      <h1>{t('auth.signin.title')}</h1>
      <p class="pw-lead">{t('auth.signin.intro')}</p>
      <ErrorSummary errors={errors} t={c.var.t} />
      <form class="usa-form" method="post" action={localePath(c.var.locale, '/signin')} novalidate>
        <Csrf token={c.var.csrfToken} />
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <TextField
          name="email"
          type="email"
          label={t('auth.signin.email')}
          value={props.email}
          error={props.error}
          autocomplete="email"
          required
          spellcheck={false}
        />
        <Button>{t('auth.signin.submit')}</Button>
      </form>
      <p>
        {t('auth.signin.noAccount')} <a href={localePath(c.var.locale, '/signup')}>{t('auth.signin.createAccount')}</a>
      </p>
    </>
  );
}

authPages.get('/signin', allow('public'), (c) => {
  const t = tr(c);
  return page(
    c,
    { title: t('auth.signin.title'), index: false },
    <SigninForm c={c} next={safeNext(c.req.query('next'), c.var.deps.config.baseUrl)} />,
  );
});

authPages.post('/signin', allow('public'), async (c) => {
  const t = tr(c);
  const body = await form(c);
  const next = safeNext(body.next, c.var.deps.config.baseUrl);
  const parsed = emailAddress.safeParse(body.email ?? '');
  if (!parsed.success) {
    const error = errorMessages(c, parsed.error)._;
    return page(c, { title: t('auth.signin.title'), index: false }, <SigninForm c={c} email={body.email} error={error} next={next} />, 422);
  }
  await requestSignIn(deps(c), { email: parsed.data, ip: clientIp(c), locale: c.var.locale, next });
  return c.redirect(`${localePath(c.var.locale, '/signin/check')}?email=${encodeURIComponent(parsed.data)}`, 303);
});

function CheckPage(props: { c: Ctx; email: string; error?: string }) {
  const { c } = props;
  const t = tr(c);
  const errors: Record<string, string> = props.error ? { code: props.error } : {};
  return (
    <>
      <h1>{t('auth.check.title')}</h1>
      <p class="pw-lead">{t('auth.check.intro', { email: props.email })}</p>
      <ErrorSummary errors={errors} t={c.var.t} />
      <p>{t('auth.check.codeHelp')}</p>
      <form class="usa-form" method="post" action={localePath(c.var.locale, '/signin/code')} novalidate>
        <Csrf token={c.var.csrfToken} />
        <input type="hidden" name="email" value={props.email} />
        <TextField
          name="code"
          label={t('auth.check.code')}
          error={props.error}
          autocomplete="one-time-code"
          inputmode="numeric"
          maxlength={7}
          required
        />
        <Button>{t('auth.check.submit')}</Button>
      </form>
      <p>
        <a href={localePath(c.var.locale, '/signin')}>{t('auth.check.again')}</a>
      </p>
    </>
  );
}

authPages.get('/signin/check', allow('public'), (c) => {
  const email = (c.req.query('email') ?? '').slice(0, 254);
  return page(c, { title: tr(c)('auth.check.title'), index: false }, <CheckPage c={c} email={email} />);
});

async function startSession(c: Ctx, personId: string, next: string | null) {
  const token = await createSession(c.var.db, personId, c.req.header('user-agent'));
  setCookie(c, SESSION_COOKIE, token, sessionCookieOptions(c.var.deps.config.NODE_ENV === 'production'));
  const p = await c.var.deps.identity.loadViewer(c.var.db, personId);
  // Links stored before the same-origin rule are checked again on the way out.
  // Organizers land on their home of things to do; everyone else on their own page.
  const home = hasRole(p, 'organizer') ? '/organize' : '/account';
  return c.redirect(safeNext(next, c.var.deps.config.baseUrl) ?? localePath(p?.language === 'es' ? 'es' : c.var.locale, home), 303);
}

authPages.post('/signin/code', allow('public'), async (c) => {
  const body = await form(c);
  const email = (body.email ?? '').slice(0, 254);
  const result = await consumeCode(deps(c), { email, code: body.code ?? '', ip: clientIp(c) });
  if (!result) {
    return page(
      c,
      { title: tr(c)('auth.check.title'), index: false },
      <CheckPage c={c} email={email} error={tr(c)('auth.check.badCode')} />,
      422,
    );
  }
  return startSession(c, result.personId, result.next);
});

// Mail scanners open links to check them; a GET that signed people in would spend the link before
// the person ever clicked. So the link shows a button, and the POST spends it.
authPages.get('/signin/verify', allow('public'), (c) => {
  const t = tr(c);
  const token = (c.req.query('token') ?? '').slice(0, 200);
  return page(
    c,
    { title: t('auth.signin.title'), index: false },
    <>
      <h1>{t('auth.signin.title')}</h1>
      <p>{t('auth.verify.confirmIntro')}</p>
      <form method="post" action={localePath(c.var.locale, '/signin/verify')}>
        <Csrf token={c.var.csrfToken} />
        <input type="hidden" name="token" value={token} />
        <Button>{t('auth.verify.confirm')}</Button>
      </form>
    </>,
  );
});

authPages.post('/signin/verify', allow('public'), async (c) => {
  const t = tr(c);
  const body = await form(c);
  const result = await consumeLink(deps(c), body.token ?? '');
  if (!result) {
    return page(
      c,
      { title: t('auth.verify.title'), index: false },
      <>
        <h1>{t('auth.verify.title')}</h1>
        <Alert type="error">{t('auth.verify.failed')}</Alert>
        <p>
          <a href={localePath(c.var.locale, '/signin')}>{t('auth.check.again')}</a>
        </p>
      </>,
      410,
    );
  }
  return startSession(c, result.personId, result.next);
});

authPages.post('/signout', allow('signedIn'), async (c) => {
  const viewer = c.var.viewer;
  if (viewer?.sessionId) await revokeSession(c.var.db, viewer.id, viewer.sessionId);
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  return c.redirect(localePath(c.var.locale, '/'), 303);
});
