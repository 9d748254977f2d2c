import { z } from 'zod';
import type { Locale, Translate } from '../i18n';
import { shared } from '../i18n/messages';

/**
 * Field errors as catalog keys plus values, from a zod error. Schemas may name a catalog key as their
 * message (`{ message: 'validation.email' }`); otherwise the issue code picks a shared message.
 */
export interface FieldError {
  key: string;
  values?: Record<string, string | number>;
}

export function fieldErrors(error: z.ZodError): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || '_';
    if (out[field]) continue;
    out[field] = issueToError(issue);
  }
  return out;
}

function issueToError(issue: z.core.$ZodIssue): FieldError {
  if (issue.message && /^[a-z]+(\.[A-Za-z0-9_]+)+$/.test(issue.message)) return { key: issue.message };
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? { key: 'validation.required' }
          : { key: 'validation.tooShort', values: { min: Number(issue.minimum) } };
      }
      if (issue.origin === 'number' || issue.origin === 'int') {
        return { key: 'validation.tooSmall', values: { min: Number(issue.minimum) } };
      }
      return { key: 'validation.required' };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'validation.tooLong', values: { max: Number(issue.maximum) } };
      if (issue.origin === 'number' || issue.origin === 'int') {
        return { key: 'validation.tooBig', values: { max: Number(issue.maximum) } };
      }
      return { key: 'validation.invalid' };
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'validation.email' };
      if (issue.format === 'url') return { key: 'validation.url' };
      return { key: 'validation.invalid' };
    case 'invalid_value':
      return { key: 'validation.choose' };
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return { key: 'validation.required' };
      if (issue.expected === 'number' || issue.expected === 'int') return { key: 'validation.number' };
      return { key: 'validation.invalid' };
    default:
      return { key: 'validation.invalid' };
  }
}

/** What translating an error needs: the request's shared translator and language. */
export interface ErrorContext {
  var: { t: Translate; locale: Locale };
}

/** A module's catalog, asked for keys known only at run time. */
export interface ModuleMessages {
  any(locale: Locale): Translate;
}

/**
 * One error key in the reader's language: shared keys (`validation.*`, `errors.*`) from the shared catalog,
 * every other key from the module's.
 */
/** Every module catalog the error handler knows (registerErrorMessages), by its English keys. */
const catalogs: (ModuleMessages & { en: Record<string, string> })[] = [];
export function rememberCatalog(m: ModuleMessages & { en: Record<string, string> }): void {
  if (!catalogs.includes(m)) catalogs.push(m);
}

export function translateKey(c: ErrorContext, key: string, values?: Record<string, string | number>, messages?: ModuleMessages): string {
  if (key in shared.en) return c.var.t(key, values);
  if (messages) return messages.any(c.var.locale)(key, values);
  // A route that forgot to pass its module's catalog still never answers with a raw key.
  const owner = catalogs.find((m) => key in m.en);
  return owner ? owner.any(c.var.locale)(key, values) : c.var.t(key, values);
}

/**
 * Field errors in the reader's language, from a failed parse or from an AppError's field keys; the one
 * translation every form and API answer uses.
 */
export function errorMessages(
  c: ErrorContext,
  errors: z.ZodError | Record<string, FieldError | string>,
  messages?: ModuleMessages,
): Record<string, string> {
  const byField = errors instanceof z.ZodError ? fieldErrors(errors) : errors;
  return Object.fromEntries(
    Object.entries(byField).map(([field, e]) =>
      typeof e === 'string' ? [field, translateKey(c, e, undefined, messages)] : [field, translateKey(c, e.key, e.values, messages)],
    ),
  );
}

/*
 * The OpenAPI document describes a transform by what it accepts, so a limit checked after trimming would be
 * missing from it; each schema below also states its limit as metadata, from the same constant.
 */

/** The longest person name a form, an API body or an import accepts. */
export const PERSON_NAME_MAX = 200;
/** The longest email address (RFC 5321's path limit). */
export const EMAIL_MAX = 254;

/** A free-text person name: any script, kept as typed (NFC, trimmed), 1–200 characters. */
export const personName = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().min(1).max(PERSON_NAME_MAX))
  .meta({ minLength: 1, maxLength: PERSON_NAME_MAX });

/** Optional free text: blank becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .optional()
    .transform((s) => (s === undefined ? null : s.normalize('NFC').trim() || null))
    .pipe(z.string().max(max).nullable())
    .meta({ maxLength: max });

/** An email address as every form, API body, import and webhook accepts it: NFC, trimmed, at most 254. */
export const emailAddress = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1)
      .max(EMAIL_MAX)
      .pipe(z.email({ message: 'validation.email' })),
  )
  .meta({ maxLength: EMAIL_MAX });

/** The one email-address check, for text that is not parsed by a schema (import files, webhooks). */
export function isEmailAddress(text: string): boolean {
  return emailAddress.safeParse(text).success;
}
