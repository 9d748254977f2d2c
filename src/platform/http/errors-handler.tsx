import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv, Ctx } from './context';
import { AppError } from './errors';
import { rememberCatalog } from './validation';
import { wantsHtml } from './request';
import { localePath } from '../i18n';
import { shared } from '../i18n/messages';
import { page } from '../ui/layout';
import type { Translate } from '../i18n';

function translate(c: Ctx): Translate {
  return c.var.t ?? shared.any(c.var.locale ?? 'en');
}

/** Module catalogs register here so errors thrown with their keys are translated too. */
const moduleTranslators: ((locale: 'en' | 'es') => Translate)[] = [];
export function registerErrorMessages(m: { any(locale: 'en' | 'es'): Translate; en: Record<string, string> }) {
  rememberCatalog(m);
  moduleTranslators.push((locale) => {
    const t = m.any(locale);
    return (key, values) => (key in m.en ? t(key, values) : '');
  });
}

function message(c: Ctx, key: string, values?: Record<string, string | number>): string {
  if (key in shared.en) return translate(c)(key, values);
  for (const mt of moduleTranslators) {
    const s = mt(c.var.locale ?? 'en')(key, values);
    if (s) return s;
  }
  return translate(c)('errors.badRequest');
}

function errorPage(c: Ctx, status: 400 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 500, text: string) {
  const t = translate(c);
  return page(
    c,
    { title: t('errors.title'), index: false },
    <>
      <h1>{t('errors.title')}</h1>
      <p class="pw-lead">{text}</p>
      {status === 404 && <p>{t('errors.notFoundHelp')}</p>}
      <p>
        <a href={localePath(c.var.locale ?? 'en', '/')}>{t('errors.goHome')}</a>
      </p>
    </>,
    status,
  );
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  let status = 500;
  let code = 'server_error';
  let key = 'errors.server';
  let values: Record<string, string | number> = {};
  let fields: Record<string, string> = {};
  if (err instanceof AppError) {
    ({ status, code } = err);
    key = err.messageKey;
    values = err.values;
    fields = Object.fromEntries(Object.entries(err.fields).map(([f, k]) => [f, message(c, k, err.fieldValues[f])]));
  } else if (err instanceof HTTPException) {
    status = err.status;
    if (status === 413) [code, key] = ['payload_too_large', 'errors.tooLarge'];
    else if (status === 415) [code, key] = ['unsupported_media_type', 'errors.unsupportedMedia'];
    else if (status === 401) [code, key] = ['unauthorized', 'errors.unauthorized'];
    else if (status === 404) [code, key] = ['not_found', 'errors.notFound'];
    else [code, key] = ['bad_request', 'errors.badRequest'];
    if (status >= 500) status = 500;
  } else if (isBadBody(err)) {
    [status, code, key] = [400, 'bad_request', 'errors.badRequest'];
  } else {
    c.var.deps?.logger?.error({ err, requestId: c.var.requestId }, 'unhandled error');
  }
  const text = message(c, key, values);
  if (!wantsHtml(c)) {
    // RFC 9110: a 401 names the scheme that would work; RFC 6750 adds why a token sent was refused.
    if (status === 401)
      c.header('WWW-Authenticate', code === 'invalid_token' ? 'Bearer realm="pathways", error="invalid_token"' : 'Bearer realm="pathways"');
    return c.json({ error: { code, message: text, fields } }, status as 400);
  }
  if (status === 401 && c.req.method === 'GET') {
    const next = c.req.path + (new URL(c.req.url).search || '');
    return c.redirect(`${localePath(c.var.locale ?? 'en', '/signin')}?next=${encodeURIComponent(next)}`, 303);
  }
  return errorPage(c, (status === 401 ? 403 : status) as 400, text);
};

/** Malformed bodies surface from the parsers as plain errors; they are the caller's fault, not ours. */
function isBadBody(err: Error): boolean {
  return err instanceof SyntaxError || /multipart|boundary|form data|URI malformed|Unexpected end/i.test(err.message);
}

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) => {
  const text = message(c, 'errors.notFound');
  if (!wantsHtml(c)) return c.json({ error: { code: 'not_found', message: text, fields: {} } }, 404);
  return errorPage(c, 404, text);
};
