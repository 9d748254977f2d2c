import { z } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from './context';
import { fieldErrors, translateErrors } from './validation';

/** API input errors: 422 with `{error: {code, message, fields}}`, each field's message translated. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const apiValidationHook: Hook<any, AppEnv, any, any> = (result, c) => {
  if (!result.success) {
    const fields = translateErrors(fieldErrors(result.error as z.ZodError), c.var.t);
    return c.json({ error: { code: 'validation_failed', message: c.var.t('errors.validation'), fields } }, 422);
  }
};

/** The error body every API route documents. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      fields: z.record(z.string(), z.string()),
    }),
  })
  .openapi('Error');

export const errorResponses = {
  401: { description: 'Missing or invalid bearer token', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Not allowed for this token', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'Not found', content: { 'application/json': { schema: ErrorSchema } } },
  422: { description: 'Invalid input', content: { 'application/json': { schema: ErrorSchema } } },
} as const;
